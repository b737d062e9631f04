"""Quotation-mark spans in raw text, found per paragraph so that one bad mark stays a local problem.

News text mixes straight and curly marks, closes a quote with the wrong glyph (“…’), repeats the
opening mark on each paragraph of a long quote and omits the closing one, and uses single marks
as the main marks in some outlets. Marks are classified by what flanks them (an opening mark sits
after a space and before a word, a closing mark the reverse), which survives wrong glyphs; an
unclosed quote ends at the next attribution or at its paragraph, never further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
SINGLE = "‘’'‹›‚"
_OPEN_BEFORE = set(" \t\n([{—–-/") | set(DOUBLE_OPEN) | set("‘‹")
_CLOSE_AFTER = set(" \t\n,.;:!?)]}—–-…") | set(DOUBLE_CLOSE) | set("’›'\"")
_ELISIONS = re.compile(r"(?:em|til|tis|twas|n|cause|round|bout|90s|\d0s|\d\d)\b", re.I)
# An unclosed quote most often ends where its attribution starts: `…, he said` / `…,” said X`.
_SAID = r"(?:said|says|added|told|asked|wrote|noted|stressed|warned)\b"
_ATTRIBUTION_AHEAD = re.compile(
    rf"\s+(?:(?:he|she|they|it|we|I)\s+\w+|{_SAID}"
    rf"|(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}\s+{_SAID}"
    rf"|(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,4}}{_SAID})"
)
MAX_UNCLOSED = 600  # characters an unclosed quote may run before it is cut at a sentence end
MAX_SINGLE = 300


@dataclass(frozen=True)
class MarkedSpan:
    """Text between quotation marks: `start`/`end` include the marks; `inner_*` exclude them.

    `closed` is False when the closing mark was missing or wrong (the end was inferred);
    `continued` marks a paragraph of a multi-paragraph quote whose next paragraph carries it on,
    `continues` one that carries on the previous paragraph's quote.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    closed: bool = True
    single: bool = False
    continued: bool = False
    continues: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines; every newline ends a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def marked_spans(text: str) -> list[MarkedSpan]:
    """Every double- and single-mark quotation in `text`, sorted by start."""
    paras = paragraphs(text)
    spans: list[MarkedSpan] = []
    carried = False
    for index, (start, end) in enumerate(paras):
        next_opens = index + 1 < len(paras) and _opens_paragraph(text, paras[index + 1][0])
        found, carried = _double_spans(text, start, end, index, carried, next_opens)
        spans.extend(found)
        spans.extend(_single_spans(text, start, end, index, found))
    return sorted(spans, key=lambda span: span.start)


def _opens_paragraph(text: str, start: int) -> bool:
    return text[start] in DOUBLE_OPEN + '"' or text.startswith("''", start)


def _flanks(text: str, i: int, width: int = 1) -> tuple[bool, bool]:
    """(opening-like, closing-like) from the characters on either side of the mark at i."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opening = before in _OPEN_BEFORE and not after.isspace()
    closing = not before.isspace() and (after in _CLOSE_AFTER or after.isspace())
    return opening, closing


def _role(text: str, i: int, inside: bool, width: int = 1) -> str:
    """'open' or 'close' for the double mark at i, from its glyph, its flanks and the state."""
    char = text[i]
    opening, closing = _flanks(text, i, width)
    if char in "\"'" or (opening and closing):
        if opening != closing:
            return "open" if opening else "close"
        return "close" if inside else "open"
    if char in DOUBLE_OPEN:
        return "close" if inside and closing and not opening else "open"
    return "open" if not inside and opening and not closing else "close"


def _double_spans(
    text: str, start: int, end: int, paragraph: int, carried: bool, next_opens: bool
) -> tuple[list[MarkedSpan], bool]:
    """Pair double marks inside one paragraph; returns the spans and whether a quote carries on."""
    pairing = _Pairing(text, start, paragraph, carried)
    skip = _markup(text, start, end)
    i = start
    while i < end:
        width = mark_width(text, i)
        if i not in skip and width:
            pairing.double(i, width)
        elif i not in skip and pairing.open_at is not None and text[i] in SINGLE:
            pairing.single(i)
        i += max(width, 1)
    return pairing.finish(end, next_opens)


class _Pairing:
    """The state of one paragraph's scan: the open quotation, if any, and the spans found so far."""

    def __init__(self, text: str, start: int, paragraph: int, carried: bool) -> None:
        self.text, self.start, self.paragraph, self.carried = text, start, paragraph, carried
        self.spans: list[MarkedSpan] = []
        self.open_at: int | None = None
        self.opened = 1  # width of the opening mark
        self.continues = False
        self.nested = 0  # single marks open inside the double quote

    def double(self, i: int, width: int) -> None:
        if _role(self.text, i, self.open_at is not None, width) == "open":
            if self.open_at is not None:  # a second opening mark: the first one was never closed
                self.spans.append(_unclosed(self.text, self.open_at, self.opened, i, self.paragraph, self.continues))
            self.open_at, self.opened, self.nested = i, width, 0
            self.continues = self.carried and i == self.start
        elif self.open_at is not None:
            self._close(i, i + width, closed=True)
        else:
            stray = _stray_close(self.text, self.start, i, width, self.paragraph, self.spans)
            self.spans.extend([stray] if stray else [])

    def single(self, i: int) -> None:
        self.nested, closes = _nested_single(self.text, i, self.nested)
        if closes:
            self._close(i, i + 1, closed=False)

    def _close(self, inner_end: int, end: int, closed: bool) -> None:
        assert self.open_at is not None
        inner_start = self.open_at + self.opened
        span = MarkedSpan(self.open_at, end, inner_start, inner_end, self.paragraph, closed, continues=self.continues)
        self.spans.append(span)
        self.open_at, self.continues = None, False

    def finish(self, end: int, next_opens: bool) -> tuple[list[MarkedSpan], bool]:
        """Spans of the paragraph, and whether its open quotation carries on into the next one."""
        if self.open_at is None:
            return self.spans, False
        if next_opens and (self.open_at == self.start or self.continues):
            self._close(end, end, closed=True)
            self.spans[-1] = replace(self.spans[-1], continued=True)
            return self.spans, True
        self.spans.append(_unclosed(self.text, self.open_at, self.opened, end, self.paragraph, self.continues))
        return self.spans, False


def mark_width(text: str, i: int) -> int:
    """1 for a double mark, 2 for two apostrophes standing for one (`''` in some wire feeds), else 0."""
    if text[i] in DOUBLE:
        return 1
    if not text.startswith("''", i):
        return 0
    if text.startswith("'''", i) and i > 0 and not text[i - 1].isspace():
        return 0  # `Avenue,'''`: a nested single mark closes first, then the double one
    return 2


def _markup(text: str, start: int, end: int) -> set[int]:
    """Positions of leftover markup (`<tweet date="…">`, `href="…"`), whose marks quote nobody."""
    skip: set[int] = set()
    for match in re.finditer(r"<[^<>\n]{0,300}>|=\s*\"[^\"\n]{0,300}\"", text[start:end]):
        skip.update(range(start + match.start(), start + match.end()))
    return skip


def _nested_single(text: str, i: int, nested: int) -> tuple[int, bool]:
    """Track single marks inside a double quote; a `,’ ` with nothing open closes the double quote."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return nested, False  # apostrophe inside a word
    opening, closing = _flanks(text, i)
    if opening and not closing and text[i] in "‘'‹" and not _ELISIONS.match(text, i + 1):
        return nested + 1, False
    if closing and nested:
        return nested - 1, False
    return nested, closing and before in ",.?!" and (after.isspace() or i + 1 == len(text))


def _unclosed(text: str, open_at: int, opened: int, limit: int, paragraph: int, continues: bool) -> MarkedSpan:
    """An opening mark with no closing one: end it before an attribution, else at the limit.

    The limit is the next opening mark or the paragraph end; a long run is cut at its first
    sentence end so that a stray mark cannot swallow the text after it.
    """
    inner = open_at + opened
    end = _rstrip(text, inner, limit)
    for match in re.finditer(r"[,.?!…]", text[inner:end]):
        stop = inner + match.end()
        if _ATTRIBUTION_AHEAD.match(text, stop):
            end = stop
            break
    if end - open_at > MAX_UNCLOSED:
        first = re.search(r"[.?!…](?=\s)", text[inner : open_at + MAX_UNCLOSED])
        end = inner + first.end() if first else open_at + MAX_UNCLOSED
    return MarkedSpan(open_at, end, inner, end, paragraph, False, continues=continues)


def _stray_close(
    text: str, start: int, i: int, width: int, paragraph: int, spans: list[MarkedSpan]
) -> MarkedSpan | None:
    """A closing mark with no opening one: a quote from its sentence start, if an attribution follows."""
    if not _ATTRIBUTION_AHEAD.match(text, i + width) or text[i - 1] not in ",.?!":
        return None
    floor = max([start, *(span.end for span in spans)])
    boundary = max((m.end() for m in re.finditer(r"[.?!]\s+", text[floor:i])), default=0)
    begin = floor + boundary
    while begin < i and text[begin].isspace():
        begin += 1
    if i - begin < 10:
        return None
    return MarkedSpan(begin, i + width, begin, i, paragraph, False)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _single_spans(text: str, start: int, end: int, paragraph: int, doubles: list[MarkedSpan]) -> list[MarkedSpan]:
    """Single-mark quotations outside double quotes (`it will 'pay a price'`)."""
    spans: list[MarkedSpan] = []
    i = start
    while i < end:
        inside = next((span for span in doubles if span.start <= i < span.end), None)
        if inside:
            i = inside.end
            continue
        close = _single_close(text, i, end) if _single_opens(text, i) else None
        if close is None:
            i += 1
            continue
        spans.append(MarkedSpan(i, close + 1, i + 1, close, paragraph, single=True))
        i = close + 1
    return [span for span in spans if not any(d.start < span.end and span.start < d.end for d in doubles)]


def _single_opens(text: str, i: int) -> bool:
    if text[i] not in "‘'‹‚" or text.startswith("''", i) or text.startswith("''", i - 1):
        return False
    opening, closing = _flanks(text, i)
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return opening and not closing and (nxt.isalnum() or nxt in DOUBLE) and not _ELISIONS.match(text, i + 1)


def _single_close(text: str, i: int, end: int) -> int | None:
    """The closing single mark for the opening one at i, within the sentence-sized bound."""
    fallback = None
    for j in range(i + 2, min(end, i + MAX_SINGLE)):
        if text[j] == "\n":
            break
        if text[j] not in "’'›" or text.startswith("''", j) or text.startswith("''", j - 1):
            continue
        before, after = text[j - 1], text[j + 1] if j + 1 < len(text) else " "
        if before.isspace() or (before.isalnum() and after.isalnum()):
            continue
        if after.isspace() or after in _CLOSE_AFTER:
            # `voters’ choice`: a plural possessive, unless nothing better follows
            if before in "sS" and after == " " and text[j + 2 : j + 3].islower():
                fallback = fallback or j
                continue
            return j
    return fallback
