"""Rules for parts of a year: quarters, halves, seasons, and the comparisons business news makes.

"The fourth quarter", "first-half profit", "last summer" leave their year to the reader: the
article's date and the clause's tense supply it. Earnings stories also compare "the quarter"
with "the year-ago quarter"; those resolve against the period the text is discussing.
"""

from __future__ import annotations

import re
from datetime import date

from crosswire.analysis.lang.en import SEASON_CODES
from crosswire.analysis.times_calendar import Period, period, season_period, shift
from crosswire.analysis.times_context import Context, Tense, choose
from crosswire.analysis.times_dates import month_near
from crosswire.analysis.times_lexicon import (
    EDGE,
    EDGE_PHRASE,
    MONTH,
    QUARTER_ORD,
    SEASON,
    SPELLED_YEAR,
    YEAR,
    day_number,
    month_number,
    spelled_year,
)
from crosswire.analysis.times_rules import DATE, SET, Reading, Rule, after, before, dated, group, rx, token_at

_LEAD = rf"(?:(?P<edge>{EDGE})[\s-]+|(?P<phrase>{EDGE_PHRASE})\s+)?"


def _part_year(match: re.Match[str], ctx: Context, grain: str, index: int) -> Period | None:
    """The year of a quarter or half: stated, 'this year's', or the one the tense points to."""
    text = match.group(0).lower()
    stated = re.search(rf"(?<!\d){YEAR}(?!\d)", text)
    months = {"quarter": 3, "half": 6}[grain]
    if stated:
        return Period(grain, date(int(stated.group()), (index - 1) * months + 1, 1))
    yrel = re.search(r"\b(this|last|next)\s+year", text)
    if ctx.anchor is None:
        return None
    if yrel:
        year = ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[yrel.group(1)]
        return Period(grain, date(year, (index - 1) * months + 1, 1))
    candidates = [date(year, (index - 1) * months + 1, 1) for year in (ctx.anchor.year - 1, ctx.anchor.year)]
    current = period(grain, ctx.anchor).start
    tense = ctx.tense(*match.span())
    late = candidates[1] > current
    return Period(grain, candidates[0] if late and tense is not Tense.FUTURE else candidates[1])


def _year_ago(text: str) -> bool:
    """'the year-ago quarter', 'the quarter a year earlier': the same period one year back."""
    return bool(re.search(r"year[\s-](?:ago|earlier)|a\s+year\s+(?:ago|earlier)|prior[\s-]year", text))


def _ordinal_quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the fourth quarter', 'Q3 2023', 'the year-ago third quarter', 'fourth quarters' (a set)."""
    index = day_number(group(match, "ord").replace("final", "fourth"))
    if match.group("q"):
        index = int(match.group("q"))
    if not index or index > 4:
        return None
    found = _part_year(match, ctx, "quarter", index)
    text = match.group(0).lower()
    if found and _year_ago(text) and not re.search(YEAR, text):
        return Reading(DATE, shift(found, -1, "year").value(), None, mention=False)
    if re.search(r"quarters$", text):
        return Reading(SET, f"XXXX-Q{index}")
    return dated(DATE, found)


ORDINAL_QUARTER = Rule(
    "quarter",
    rx(
        rf"(?:(?:the|its|their|this\s+year's|next\s+year's|last\s+year's|fiscal|calendar|comparable|same"
        rf"|{YEAR}|year[\s-]ago|year[\s-]earlier|fiscal[\s-]?{YEAR})[\s-]+)*"
        rf"(?:(?P<ord>{QUARTER_ORD})[\s-]+(?:fiscal\s+)?quarters?|Q(?P<q>[1-4]))"
        rf"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?{YEAR}(?![\d,]\d)|\s+(?:of\s+)?(?:this|last|next)\s+year"
        r"|\s+a\s+year\s+(?:ago|earlier))?"
    ),
    _ordinal_quarter,
)


def _deictic_quarter(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the quarter', 'the latest quarter', 'the year-ago period': the quarter under discussion."""
    text = re.sub(r"\s+", " ", match.group(0).lower())
    here = ctx.anchored("quarter")
    if here is None:
        return Reading(DATE, None)
    if re.match(r"(?:this|the current|the present) ", text):
        found = here
    elif re.match(r"(?:last|the last|the previous|the prior|the preceding) ", text):
        found = shift(here, -1, "quarter")
    elif re.match(r"(?:next|the next|the coming|the following) ", text):
        found = shift(here, 1, "quarter")
    elif _ended(match, ctx) is not None:
        found = _ended(match, ctx)
    elif re.search(r"\b(?:latest|most recent|recent|just[\s-](?:ended|completed))\b", text):
        found = ctx.latest("quarter", completed=True) or shift(here, -1, "quarter")
    else:
        found = ctx.latest("quarter") or shift(here, -1, "quarter")
    if _year_ago(text) or text.endswith("last year"):
        return Reading(DATE, shift(found, -1, "year").value(), None, mention=False)
    return dated(DATE, found)


_ENDED = re.compile(
    rf"\s+(?:ended|ending|that\s+ended|through)\s+(?P<month>{MONTH})\s+\d{{1,2}}(?:,\s+(?P<year>{YEAR}))?"
)


def _ended(match: re.Match[str], ctx: Context) -> Period | None:
    """'the quarter ended Sept. 30' is the quarter that contains Sept. 30."""
    found = _ENDED.match(match.string, match.end())
    month = month_number(found.group("month")) if found else None
    if found is None or month is None:
        return None
    if found.group("year"):
        return period("quarter", date(int(found.group("year")), month, 1))
    near = month_near(ctx, month, Tense.PAST)
    return period("quarter", near.start) if near else None


def _deictic_quarter_ok(match: re.Match[str], ctx: Context) -> bool:
    """Not 'a quarter of', 'the quarter-point'; and 'the period' only with a word saying which."""
    if re.match(r"[\s-]*(?:of\b|point|century|mile|hour|cent|inch|final)", after(match, 12)):
        return False
    words = match.group(0).lower().split()
    return words[-1] != "period" or len(words) > 2


DEICTIC_QUARTER = Rule(
    "the-quarter",
    rx(
        r"(?:the|its|their|this|that|last|next)\s+(?:(?:latest|most\s+recent|recent|current|present|previous"
        r"|prior|preceding|same|comparable|corresponding|year[\s-]ago|year[\s-]earlier|just[\s-](?:ended|completed)"
        r"|fiscal|calendar|last|next|coming|following)[\s-]+)*(?:quarter|period)(?:\s+a\s+year\s+(?:ago|earlier)"
        r"|\s+last\s+year)?"
    ),
    _deictic_quarter,
    _deictic_quarter_ok,
)


def _year_ago_alone(match: re.Match[str], ctx: Context) -> Reading | None:
    """'year-ago results', 'year-earlier profit': the period under discussion, one year back."""
    compared = ctx.compared()
    if compared is not None:
        return Reading(DATE, shift(compared, -1, "year").value(), None, mention=False)
    here = ctx.anchored("year")
    return Reading(DATE, shift(here, -1, "year").value() if here else None, None, mention=False)


YEAR_AGO = Rule("year-ago", rx(r"(?:the\s+)?year[\s-](?:ago|earlier)"), _year_ago_alone)


def _stated_year_period(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the 1988 period': the quarter under discussion, in the year stated."""
    year = int(match.group("year"))
    compared = ctx.compared()
    if compared is None or compared.grain != "quarter":
        return dated(DATE, Period("year", date(year, 1, 1)))
    return Reading(DATE, Period("quarter", compared.start.replace(year=year)).value(), None, mention=False)


STATED_YEAR_PERIOD = Rule("year-period", rx(rf"the\s+(?P<year>{YEAR})\s+(?:period|quarter)"), _stated_year_period)


def _half(match: re.Match[str], ctx: Context) -> Reading | None:
    which = group(match, "h") or group(match, "hn")
    index = 1 if which in ("first", "1st", "h1") else 2
    return dated(DATE, _part_year(match, ctx, "half", index))


def _half_ok(match: re.Match[str], ctx: Context) -> bool:
    """A half of a year, not of a game or a century: it names its year, or stands as 'the first half'."""
    text = match.group(0)
    if match.group("hn"):
        return match.group("hn").isupper()
    if re.match(r"\s+of\b", after(match, 5)):
        return False
    return bool(re.search(r"\d|year|-half", text.lower()) or re.match(r"the|its|their", text, re.IGNORECASE))


HALF = Rule(
    "half",
    rx(
        rf"(?:(?:the|its|their|this\s+year's|next\s+year's|last\s+year's|fiscal|{YEAR})[\s-]+)*"
        rf"(?:(?P<h>first|second|last|latter|1st|2nd)[\s-]+half(?:\s+of\s+(?:(?:fiscal\s+)?{YEAR}(?![\d,]\d)"
        rf"|(?:this|last|next)\s+year|the\s+year))?|(?P<hn>H[12])(?:\s+{YEAR}(?![\d,]\d))?)"
    ),
    _half,
    _half_ok,
)


# --- seasons ------------------------------------------------------------------------------------


def _season(match: re.Match[str], ctx: Context) -> Reading | None:
    code = SEASON_CODES[group(match, "season")]
    if match.group("year"):
        return dated(DATE, season_period(int(match.group("year")), code))
    if match.group("spelled"):
        year = spelled_year(match.group("spelled"))
        return dated(DATE, season_period(year, code)) if year else None
    if ctx.anchor is None:
        return Reading(DATE, None)
    if group(match, "yrel"):
        shift_years = {"last": -1, "this": 0, "next": 1}[group(match, "yrel")]
        return dated(DATE, season_period(ctx.anchor.year + shift_years, code))
    current = period("season", ctx.anchor).start
    candidates = [season_period(year, code).start for year in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    rel = re.sub(r"\s+", " ", group(match, "rel"))
    if rel in ("last", "past", "this past", "previous"):
        return dated(DATE, Period("season", max(day for day in candidates if day < current)))
    if rel in ("next", "coming", "this coming"):
        return dated(DATE, Period("season", min(day for day in candidates if day > current)))
    if rel == "this":
        return dated(DATE, season_period(ctx.anchor.year, code))
    return dated(DATE, Period("season", choose(candidates, current, ctx.tense(*match.span()))))


def _season_ok(match: re.Match[str], ctx: Context) -> bool:
    token = token_at(ctx.doc, match.start("season"))
    if token is not None and token.pos_ not in ("NOUN", "PROPN"):
        return False
    if match.group("year") or match.group("spelled") or group(match, "rel") or group(match, "yrel"):
        return True
    if match.group("edge") or match.group("phrase"):
        return True
    return bool(re.search(r"\b(?:in|into|during|since|until|by|through|over|this|that|last|next)\s+(?:the\s+)?$",
                          before(match, 16)))  # fmt: skip


SEASON_RULE = Rule(
    "season",
    rx(
        rf"{_LEAD}(?:(?P<rel>last|this|next|this\s+past|this\s+coming|past|coming|previous|that)\s+|the\s+)?"
        rf"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?:(?P<year>{YEAR})(?:[-–/](?:{YEAR}|\d\d))?(?![\d,]\d)"
        rf"|(?P<spelled>{SPELLED_YEAR})"
        r"|(?P<yrel>this|last|next)\s+year))?"
    ),
    _season,
    _season_ok,
)


RULES = (HALF, ORDINAL_QUARTER, DEICTIC_QUARTER, YEAR_AGO, STATED_YEAR_PERIOD, SEASON_RULE)
