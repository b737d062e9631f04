"""Words exactly as an article prints them: spans of its text, joined and compared one way everywhere.

A quotation or a reported sentence that crosswire shows is never rewritten: it is one or more
spans of the article's text, joined with a space where only quotation marks and whitespace lie
between them (one quotation over two paragraphs) and with " … " where words are left out (an
attribution that breaks a quotation, an aside). Comparing shown words with the article ignores
only whitespace and the style of quotation marks (curly or straight, double or single), and an
ellipsis at either end, which marks words cut off there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosswire.records import Excerpt

ELLIPSIS = "…"
GAP = f" {ELLIPSIS} "
_WORDS = re.compile(r"\w")
_DOUBLE_MARKS = re.compile(r"[“”„‟«»\"]|''")
_SINGLE_MARKS = re.compile(r"[‘’‚‛‹›']")
_WORD_END = re.compile(r"\S+")

Spans = Sequence[tuple[int, int]]


def joined(text: str, spans: Spans) -> str:
    """The spans of `text` in order, with " … " where words lie between two of them, else a space."""
    pieces: list[str] = []
    previous_end: int | None = None
    for start, end in spans:
        if previous_end is not None:
            pieces.append(GAP if _WORDS.search(text[previous_end:start]) else " ")
        pieces.append(text[start:end])
        previous_end = end
    return "".join(pieces)


def excerpt(article_id: str, text: str, spans: Spans) -> Excerpt:
    """An Excerpt of the article whose text is `text`: the spans trimmed of whitespace, in order."""
    trimmed = tuple(span for span in (trim(text, start, end) for start, end in sorted(spans)) if span[1] > span[0])
    return Excerpt(article_id, joined(text, trimmed), trimmed)


def shortened(item: Excerpt, text: str, words: int) -> Excerpt:
    """At most `words` words of the excerpt, cut at a word's end and marked with a closing …."""
    kept: list[tuple[int, int]] = []
    left = words
    for start, end in item.spans:
        ends = [start + match.end() for match in _WORD_END.finditer(text[start:end])]
        if len(ends) > left:
            if left:
                kept.append((start, ends[left - 1]))
            return Excerpt(item.article_id, joined(text, kept) + " " + ELLIPSIS, tuple(kept))
        kept.append((start, end))
        left -= len(ends)
    return item


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def comparable(text: str) -> str:
    """The text as compared: one quotation-mark style, whitespace collapsed, no ellipsis at its ends."""
    return plain_marks(text).strip(f" {ELLIPSIS}")


def plain_marks(text: str) -> str:
    """The text with straight quotation marks only ('"' double, "'" single) and whitespace collapsed."""
    text = _SINGLE_MARKS.sub("'", _DOUBLE_MARKS.sub('"', text))
    return " ".join(text.split())


def is_verbatim(shown: str, text: str, spans: Spans) -> bool:
    """Whether `shown` is the spans of `text`, joined, but for whitespace and quotation-mark style."""
    if not spans or any(not 0 <= start < end <= len(text) for start, end in spans):
        return False
    return comparable(shown) == comparable(joined(text, spans))
