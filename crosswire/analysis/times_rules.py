"""The shape shared by every time-expression rule: a pattern, a filter and a resolver.

A rule's pattern finds candidate spans; its `accept` filter rejects look-alikes ("may" the
verb, "2,000 troops") before spans compete for the same text; its `resolve` runs later, left to
right, when earlier mentions are known, and turns the match into a TimeML type and value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from crosswire.analysis.times_calendar import Period
from crosswire.analysis.times_context import Context

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True)
class Reading:
    """A resolved expression: TimeML type, value (None while undated) and the period it names.

    `mention` is False for comparisons ("a year earlier" beside a quarter): later anaphora such
    as "the latest quarter" refer to the period under discussion, not to its comparison.
    """

    type: str
    value: str | None
    period: Period | None = None
    mention: bool = True


def dated(kind: str, found: Period | None) -> Reading:
    """A DATE or TIME reading for a period that may be unknown (an undated article's 'yesterday')."""
    return Reading(kind, found.value() if found else None, found)


Resolver = Callable[[re.Match[str], Context], Reading | None]
Filter = Callable[[re.Match[str], Context], bool]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    accept: Filter | None = None

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The expression's extent: the `x` group when the pattern matches context around it."""
        if "x" in self.pattern.groupindex and match.group("x") is not None:
            return match.span("x")
        return match.span()


def rx(body: str) -> re.Pattern[str]:
    """A case-insensitive pattern that starts and ends on word boundaries.

    A hyphen may precede ("post-1959") but not follow, so that "five-year" is not read inside
    "five-year-old"; rules that want a hyphenated tail ("September 4-5") spell it out.
    """
    return re.compile(rf"(?<!\w){body}(?![\w-])", re.IGNORECASE)


def group(match: re.Match[str], name: str) -> str:
    """A named group's text, lower-cased, or '' when it did not take part."""
    found = match.group(name) if name in match.re.groupindex else None
    return found.lower() if found else ""


def before(match: re.Match[str], chars: int = 30) -> str:
    """The text just before a match, lower-cased, for filters that look at context."""
    return match.string[max(0, match.start() - chars) : match.start()].lower()


def after(match: re.Match[str], chars: int = 30) -> str:
    return match.string[match.end() : match.end() + chars].lower()


def capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def token_at(doc: Doc, offset: int) -> Token | None:
    """The token covering a character offset, for filters that ask the parse (POS, entity type)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
