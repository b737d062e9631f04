"""Time expressions in an article, typed and normalised the TimeML way against its date.

`find_times(doc, anchor)` finds every date, time, duration and frequency in `doc.text` and
gives each a TimeML type (DATE, TIME, DURATION, SET) and value (2023-09-05, 2023-W36, 2022-Q4,
P3D, PAST_REF, XXXX-WXX-1...). `anchor` is the article's publication date (ISO 8601; its own
calendar day counts, whatever its UTC offset). Without an anchor, expressions that need one
("yesterday", "Tuesday", "last month", "Sept. 4") keep `value=None` until the caller knows the
date and runs `find_times` again; absolute ones ("Sept. 4, 2023", "in 2019"), durations, sets,
PAST_REF/PRESENT_REF/FUTURE_REF, and anaphora after an absolute date ("the following day")
keep their values.

How it works: the rule patterns of `times_dates`, `times_periods`, `times_relative` and
`times_spans`, and the page-date finder of `crosswire.articles.dates`, propose spans; each
rule's filter asks the parse about look-alikes ("may" the verb, "2,000 troops"); the longest
non-overlapping spans win; they are then resolved left to right, so that "the following day"
counts from the day mentioned before it, and weekday and month names take the direction the
tense of their clause gives them (`times_context`).

Conventions where TimeML leaves a choice: "late last year" is the year (2022), not 2022-Q4,
since "late" is a modifier TimeML records apart from the value (`mod` END, `times_mods`); "a year and a half ago" is the
month (2022-03); "Friday night" is the DATE 2023-09-08TNI (TimeBank's type; "last night" is a
TIME); decades are "199", seasons meteorological. Extents follow TimeBank: "early", "late" and
"earlier" stay inside ("early March"), hedges and possessives outside ("about [three days]",
"its [fourth quarter]").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial

from spacy.tokens import Doc

from crosswire.analysis import times_dates, times_periods, times_relative, times_spans
from crosswire.analysis.nlp import doc_text
from crosswire.analysis.times_calendar import Period, parse_anchor
from crosswire.analysis.times_context import Context
from crosswire.analysis.times_mods import time_mod
from crosswire.analysis.times_rules import DATE, TIME, Reading, Rule, dated
from crosswire.articles.dates import DateMention, decide_day_first, find_dates
from crosswire.records import TimeExpression

RULES: tuple[Rule, ...] = times_dates.RULES + times_periods.RULES + times_relative.RULES + times_spans.RULES


@dataclass(frozen=True)
class Candidate:
    """A proposed span with the way to resolve it once earlier mentions are known."""

    start: int
    end: int
    priority: int
    resolve: Callable[[Context], Reading | None]


def find_times(doc: Doc, anchor: str | None) -> list[TimeExpression]:
    """Every time expression in `doc.text`, in text order, normalised against `anchor` (ISO 8601)."""
    parsed = parse_anchor(anchor)
    day, clock = parsed if parsed else (None, None)
    text = doc_text(doc)
    printed = find_dates(text)
    ctx = Context(doc, day, clock, _day_first(printed))
    found: list[TimeExpression] = []
    for candidate in _select(_candidates(text, ctx, printed), len(text)):
        reading = _resolve(candidate, ctx)
        if reading is None:
            continue
        if reading.mention:
            ctx.remember(reading.period)
        found.append(_expression(text, candidate, reading))
    return found


def _resolve(candidate: Candidate, ctx: Context) -> Reading | None:
    """The candidate's reading; None for one that falls off the calendar ("9999 years ago")."""
    try:
        return candidate.resolve(ctx)
    except (ValueError, OverflowError):
        return None


def _candidates(text: str, ctx: Context, printed: list[DateMention]) -> list[Candidate]:
    """Spans every rule accepts, plus the full printed dates the page-date finder knows."""
    candidates = [Candidate(mention.start, mention.end, 0, partial(_printed_date, mention)) for mention in printed]
    for priority, rule in enumerate(RULES, start=1):
        for match in rule.pattern.finditer(text):
            if rule.accept is None or rule.accept(match, ctx):
                start, end = rule.span(match)
                candidates.append(Candidate(start, end, priority, partial(rule.resolve, match)))
    return candidates


def _printed_date(mention: DateMention, ctx: Context) -> Reading | None:
    """'2023-09-05', '5/9/2023 10:31 PM', 'Sept. 12, 2023 - 09:40': a day, or a time on a day."""
    swap = ctx.day_first and mention.ambiguous_order
    month, day = (mention.second, mention.first) if swap else (mention.first, mention.second)
    try:
        day_of = date(mention.year, month, day)
    except ValueError:
        return None
    if mention.hour is None:
        return dated(DATE, Period("day", day_of))
    return dated(TIME, Period("time", day_of, clock=(mention.hour, mention.minute or 0)))


def _day_first(printed: list[DateMention]) -> bool:
    """Whether the page writes numeric dates day first.

    The page-date finder decides when it has evidence (the same day printed unambiguously);
    otherwise a numeric date that a numeral above 12 makes unambiguous ("13/9/2023") shows the
    page's habit; otherwise month first, the finder's default.
    """
    decided, confidence, _ = decide_day_first(printed)
    if confidence >= 0.9:
        return decided
    votes = 0
    for mention in printed:
        numbers = re.match(r"(\d{1,2})[/.](\d{1,2})[/.]\d{4}", mention.text)
        if numbers and not mention.ambiguous_order:
            votes += (int(numbers.group(1)) > 12) - (int(numbers.group(2)) > 12)
    return votes > 0 if votes else decided


def _select(candidates: Iterable[Candidate], length: int) -> list[Candidate]:
    """The longest candidates that do not overlap, earlier rules winning ties, in text order.

    Longest first because patterns nest: "the end of last July" contains "last July", and
    "yesterday, Monday" names one day, not two.
    """
    chosen: list[Candidate] = []
    taken = bytearray(length)
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.priority, c.start)):
        if any(taken[candidate.start : candidate.end]):
            continue
        taken[candidate.start : candidate.end] = b"\1" * (candidate.end - candidate.start)
        chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


# Hedges and possessives stay outside the extent, as in TimeBank: "about [three days]", "right [now]",
# "its [fourth quarter]"; so does the article of a hyphenated modifier: "the [14-day] strike".
# "early", "earlier" and "the past" stay inside.
_LEADING_HEDGE = re.compile(
    r"(?:about|approximately|roughly|only|almost|nearly|just|barely|right|over|its|their|his|her|our)\s+(?=\S)"
    r"|(?:the|an?)\s+(?=[\w.'’]+-[\w'’]+$)",
    re.IGNORECASE,
)


def _expression(text: str, candidate: Candidate, reading: Reading) -> TimeExpression:
    """The record, without a leading hedge, trailing separators or a possessive ("Friday's ruling" -> "Friday")."""
    start, end = candidate.start, candidate.end
    while end > start and text[end - 1] in " ,;:\n":
        end -= 1
    if re.search(r"[a-z]['’]s$", text[start:end]):  # not "the 1990's"
        end -= 2
    hedge = _LEADING_HEDGE.match(text, start, end)
    if hedge:
        start = hedge.end()
    return TimeExpression(
        text[start:end], start, end, reading.type, reading.value, time_mod(text, start, end, reading.type)
    )
