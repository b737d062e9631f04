"""Sentences of a text as character spans: crosswire's one sentence splitter.

Every stage that reads sentences reads them here: the parser is told these boundaries
(`crosswire.analysis.nlp`), and the stories stage, which works on stored text without parsing it
again, splits it with the same function, so a quote's sentence is the same sentence everywhere.

It is told what trips general splitters on news text:
- abbreviations and initials ("U.S. officials", "Sept. 4", "N. Korea"), which end a sentence
  only when a typical sentence opener follows ("… in the U.S. The …");
- sentences inside a quotation: `"We will act. Now," he said` is one sentence, and a quotation
  running over several sentences stays whole with its attribution;
- a question or exclamation closing a quotation, then its attribution: `"Why not?" Shoigu said.`
  is one sentence;
- every line break ends a sentence (paragraphs, headings, list items).
Spans exclude the whitespace around a sentence; offsets index the text as given.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from crosswire.analysis.quotes_marks import marked_spans
from crosswire.analysis.verbatim import trim

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt",
    "rev", "hon", "pres", "amb", "supt", "insp", "st", "mt", "ft", "no", "nos", "vs", "etc", "inc", "corp", "co",
    "ltd", "jr", "sr", "bros", "dept", "univ", "approx", "est", "fig", "vol", "ave", "blvd", "rd", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "a.m", "p.m"
})  # fmt: skip
# Words that begin a new sentence after an abbreviation that could also end one ("... in the U.S. The ...").
STARTERS = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "this",
    "that", "these", "those", "there", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "as", "if", "when",
    "while", "after", "before", "meanwhile", "however", "officials"
})  # fmt: skip
SPEECH_VERBS = frozenset({
    "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes", "replied", "replies",
    "answered", "shouted", "cried", "exclaimed", "wondered", "insisted", "continued", "recalled", "noted",
    "warned", "stressed", "explained", "tweeted", "declared", "quipped", "joked", "demanded", "urged",
})  # fmt: skip
MAX_ATTRIBUTION_WORDS = 8  # `"Why not?" the Russian defence minister said on Friday.`
MAX_SUBJECT_WORDS = 4
AUXILIARIES = frozenset({"has", "have", "had", "is", "was", "are", "were", "will", "would", "did", "does", "do"})
OPENERS = "\"“‘'([«„"
_TERMINAL = re.compile(r"[.!?…]+(?P<closers>[\"'”’»)\]]*)(?=\s+(?P<next>\S+))")
_LINE = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"[\w.]+$")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_WORD = re.compile(r"[\w’'-]+")


@lru_cache(maxsize=256)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence of `text`, in order."""
    quotations = [(span.start, span.end) for span in marked_spans(text) if span.closed]
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        spans += _split_line(text, line.start(), line.end(), quotations)
    return tuple(spans)


def sentence_index(spans: tuple[tuple[int, int], ...] | list[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding `offset` (the next one when it falls between two; the last past the end)."""
    index = bisect_right([end for _, end in spans], offset)
    return min(index, len(spans) - 1)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence of `text` holding `offset` (the whole text when it has none)."""
    spans = sentence_spans(text)
    return spans[sentence_index(spans, offset)] if spans else (0, len(text))


def _split_line(text: str, start: int, end: int, quotations: list[tuple[int, int]]) -> list[tuple[int, int]]:
    line = text[start:end]
    inside = [(a - start, b - start) for a, b in quotations if start <= a and b <= end]
    spans, begin = [], 0
    for match in _TERMINAL.finditer(line):
        if _is_boundary(line, match, inside):
            spans.append(trim(line, begin, match.end()))
            begin = match.end()
    spans.append(trim(line, begin, len(line)))
    return [(start + a, start + b) for a, b in spans if b > a]


def _is_boundary(line: str, match: re.Match[str], quotations: list[tuple[int, int]]) -> bool:
    following = match.group("next")
    first = following.lstrip(OPENERS)[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if any(start < match.start() and match.end() < end for start, end in quotations):
        return False  # inside a quotation that goes on after this stop
    closes = any(start < match.start() and end == match.end() for start, end in quotations)
    if closes and match.group()[0] in "?!…" and _attribution_follows(line, match.end()):
        return False  # `"Why not?" Shoigu said.`
    if match.group().startswith(".") and _ends_with_abbreviation(line[: match.start()]):
        return following[0] in OPENERS or following.strip(".,;:").lower() in STARTERS
    return True


def _attribution_follows(line: str, offset: int) -> bool:
    """Whether the sentence after a closing quotation mark is its attribution alone: a speech verb
    first (`said Peskov`) or right after a short subject (`the minister asked`), and few words."""
    rest = line[offset:]
    stop = re.search(r"[.!?…](?=[\"'”’)\]]*(?:\s|$))", rest)
    words = [word.lower() for word in _WORD.findall(rest[: stop.start()] if stop else rest)]
    verb = next((k for k, word in enumerate(words) if word in SPEECH_VERBS), None)
    if verb is None or len(words) > MAX_ATTRIBUTION_WORDS or verb > MAX_SUBJECT_WORDS:
        return False
    return not any(word in AUXILIARIES for word in words[:verb])


def _ends_with_abbreviation(text: str) -> bool:
    word = _LAST_WORD.search(text)
    if word is None:
        return False
    token = word.group()
    return token.lower() in ABBREVIATIONS or _INITIALISM.fullmatch(token) is not None
