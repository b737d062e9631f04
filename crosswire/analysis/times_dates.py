"""Rules for calendar names: days of a month, months, years, decades, centuries, holidays.

These name a period outright ("Sept. 4, 2023", "the 1990s", "Christmas 2019") or nearly so: a
month or a day of a month without its year takes the year the clause's tense and the article's
date point to, because news reports the recent past and the near future.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter
from spacy.tokens import Token

from crosswire.analysis.lang.en import FIXED_HOLIDAYS
from crosswire.analysis.times_calendar import Period, period, shift
from crosswire.analysis.times_context import Context, Tense, choose
from crosswire.analysis.times_lexicon import (
    DAY_NUM,
    DAY_WORD,
    EDGE,
    EDGE_PHRASE,
    MONTH,
    SPELLED_YEAR,
    WEEKDAY_ABBR,
    YEAR,
    day_number,
    month_number,
    spelled_year,
)
from crosswire.analysis.times_rules import (
    DATE,
    Reading,
    Rule,
    after,
    before,
    capitalised,
    dated,
    group,
    rx,
    token_at,
)

_LEAD = rf"(?:(?P<edge>{EDGE})[\s-]+|(?P<phrase>{EDGE_PHRASE})\s+)?"
_REL = r"(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past|previous|the\s+previous|the\s+following)\s+)?"
_YREL = r"(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?"
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "june", "august"}
_MONTH_CUES = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|through|to|during|of|before|after|early|late|mid|last|this|next|each"
    r"|every|between|and|or|end|beginning|start|middle|on|for)\s*-?\s*)$"
)
_COUNTED = re.compile(r"(?:\$|#|no\.|number|flight|route|room|page|chapter|highway|interstate|model|code)\s*$")


def year_for_day(ctx: Context, month: int, day: int, tense: Tense) -> date | None:
    """A month-day without a year, in the year the tense points to around the anchor."""
    if ctx.anchor is None:
        return None
    candidates = []
    for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return choose(candidates, ctx.anchor, tense) if candidates else None


def month_near(ctx: Context, month: int, tense: Tense) -> Period | None:
    """A month without a year: the last one for the past, the coming one for the future."""
    if ctx.anchor is None:
        return None
    this_month = ctx.anchor.replace(day=1)
    candidates = [date(year, month, 1) for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
    return Period("month", choose(candidates, this_month, tense))


def month_relative(ctx: Context, month: int, rel: str) -> Period | None:
    """'last July' is the latest July before this month; 'next July' the first after it."""
    if ctx.anchor is None:
        return None
    this_month = ctx.anchor.replace(day=1)
    candidates = [date(year, month, 1) for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
    if rel in ("last", "past", "this past", "previous"):
        return Period("month", max(day for day in candidates if day < this_month))
    if rel in ("next", "coming", "this coming"):
        return Period("month", min(day for day in candidates if day > this_month))
    return Period("month", date(ctx.anchor.year, month, 1))


def _year_shift(ctx: Context, yrel: str) -> int | None:
    """The year 'last year', 'this year' or 'next year' names."""
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + {"last": -1, "this": 0, "next": 1}[yrel]


def _month_word_ok(match: re.Match[str], ctx: Context) -> bool:
    """Rejects 'may' the verb, 'march' the noun and 'Jan Kavan': ambiguous month names need a
    capital, no capitalised name after them, and a cue (a date entity, 'in', 'early', a day)."""
    word = match.group("month")
    if word.lower().rstrip(".") not in _AMBIGUOUS_MONTHS:
        return capitalised(word)
    end = match.end("month")
    if not capitalised(word) or re.match(r"\s+[A-Z][a-z]", match.string[end : end + 3]):
        return False
    if match.start("month") > match.start():
        return True
    token = token_at(ctx.doc, match.start("month"))
    if token is not None and token.ent_type_ in ("DATE", "TIME"):
        return True
    return bool(_MONTH_CUES.search(before(match, 20)))


# --- month and day ------------------------------------------------------------------------------


def _month_day(match: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(match.group("month"))
    day = day_number(match.group("day"))
    if month is None or day is None:
        return None
    year = match.group("year") or _shared_year(match)
    if year:
        try:
            return dated(DATE, Period("day", date(int(year), month, day)))
        except ValueError:
            return None
    if ctx.anchor is None:
        return Reading(DATE, None)
    found = year_for_day(ctx, month, day, ctx.tense(*match.span()))
    return dated(DATE, Period("day", found)) if found else None


def _shared_year(match: re.Match[str]) -> str | None:
    """The year the next day states for both: 'Sept. 4 and 5, 2022'."""
    shared = re.match(
        rf",?\s+(?:and|or|&)\s+{DAY_NUM},?\s+({YEAR})(?!\d)", match.string[match.end() : match.end() + 20]
    )
    return shared.group(1) if shared else None


def _month_day_ok(match: re.Match[str], ctx: Context) -> bool:
    day = day_number(match.group("day"))
    if day is None or not 1 <= day <= 31:
        return False
    if re.match(r"\s*(?:%|percent|points?|cents?|million|billion|years?|-)", after(match, 12)):
        return False
    return _month_word_ok(match, ctx)


_WD = rf"(?:(?P<wd>{WEEKDAY_ABBR}),?\s+)?"
_YEAR_TAIL = rf"(?:,?\s+(?P<year>{YEAR})(?![\d,]\d))?"
MONTH_DAY = Rule(
    "month-day",
    rx(
        rf"{_WD}{_LEAD}(?P<month>{MONTH})\s+(?:the\s+)?(?P<day>{DAY_NUM}|{DAY_WORD})(?!\d)"
        rf"(?:\s*[-–]\s*{DAY_NUM}(?!\d))?{_YEAR_TAIL}"
    ),
    _month_day,
    _month_day_ok,
)
DAY_MONTH = Rule(
    "day-month",
    rx(rf"{_WD}(?:the\s+)?(?P<day>{DAY_NUM}|{DAY_WORD})\s+(?:of\s+)?(?P<month>{MONTH}){_YEAR_TAIL}"),
    _month_day,
    _month_day_ok,
)


def _coordinated_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """The '25' of 'April 24 and 25': a day of the month just named, in that date's year."""
    month = month_number(match.group("month"))
    day = day_number(match.group("day"))
    if month is None or day is None:
        return None
    if match.group("year"):
        return dated(DATE, Period("day", date(int(match.group("year")), month, day)))
    named = ctx.previous
    if named is not None and named.grain == "day" and named.start.month == month:
        return dated(DATE, Period("day", named.start.replace(day=day)))
    found = year_for_day(ctx, month, day, ctx.tense(*match.span("x")))
    return dated(DATE, Period("day", found) if found else None)


# The second day must end its phrase: "March 3 and 12 people" counts people.
_DAY_PHRASE_END = re.compile(r"\s*(?:[.,;:)!?\"”]|$|(?:in|at|on|to|for|when|after|before|with|from|and|but|or)\b)")
_MORE_DAYS = rf"(?:,\s+{DAY_NUM}(?!\d))*"
COORDINATED_DAY = Rule(
    "coordinated-day",
    rx(rf"(?P<month>{MONTH})\s+{DAY_NUM}(?!\d){_MORE_DAYS},?\s+(?:and|or|&)\s+"
       rf"(?P<x>(?P<day>{DAY_NUM})(?!\d){_YEAR_TAIL})"),
    _coordinated_day,
    lambda m, ctx: bool(m.group("year") or _DAY_PHRASE_END.match(after(m, 8))) and _month_word_ok(m, ctx),
)  # fmt: skip
_LIST_HEAD = re.compile(rf"(?<!\w)(?:{MONTH})\s+{DAY_NUM}{_MORE_DAYS},\s+$", re.IGNORECASE)
_LIST_TAIL = re.compile(rf"{_MORE_DAYS},?\s+(?:and|or|&)\s+{DAY_NUM}(?!\d)", re.IGNORECASE)


def _listed_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """The '11' of 'September 9, 11 and 13': a day of the month the list's first date names."""
    named, day = ctx.previous, day_number(match.group("day"))
    if named is None or named.grain != "day" or day is None:
        return dated(DATE, None)
    return dated(DATE, Period("day", named.start.replace(day=day)))


def _in_a_list_of_days(match: re.Match[str], ctx: Context) -> bool:
    """Between a month's first day and the last one after 'and', which must end its phrase."""
    tail = _LIST_TAIL.match(match.string, match.end())
    return bool(_LIST_HEAD.search(before(match, 60)) and tail and _DAY_PHRASE_END.match(match.string, tail.end()))


LISTED_DAY = Rule(
    "listed-day",
    rx(rf"(?P<day>{DAY_NUM})(?!\d)"),
    _listed_day,
    _in_a_list_of_days,
)


def _week_of(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the week of March 6' is the week that contains that day."""
    reading = _month_day(match, ctx)
    if reading is None or reading.period is None:
        return reading
    return dated(DATE, period("week", reading.period.start))


WEEK_OF = Rule(
    "week-of",
    rx(rf"the\s+week\s+of\s+{_LEAD}(?P<month>{MONTH})\s+(?P<day>{DAY_NUM})(?!\d){_YEAR_TAIL}"),
    _week_of,
    _month_day_ok,
)


# --- months -------------------------------------------------------------------------------------


def _month(match: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(match.group("month"))
    if month is None:
        return None
    if group(match, "year"):
        return dated(DATE, Period("month", date(int(group(match, "year")), month, 1)))
    if group(match, "yrel"):
        year = _year_shift(ctx, group(match, "yrel"))
        return dated(DATE, Period("month", date(year, month, 1)) if year else None)
    rel = re.sub(r"\s+", " ", group(match, "rel")).removeprefix("the ")
    if rel:
        return dated(DATE, month_relative(ctx, month, rel))
    return dated(DATE, month_near(ctx, month, ctx.tense(*match.span())))


def _month_ok(match: re.Match[str], ctx: Context) -> bool:
    return _month_word_ok(match, ctx) and not re.match(r"\s*\d", after(match, 3))


MONTH_YEAR = Rule(
    "month-year",
    rx(rf"{_LEAD}(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})(?![\d,]\d)"),
    _month,
    _month_word_ok,
)
MONTH_ALONE = Rule(
    "month",
    rx(rf"{_LEAD}{_REL}(?P<month>{MONTH}){_YREL}"),
    _month,
    _month_ok,
)


# --- years, decades, centuries ------------------------------------------------------------------


def _year(match: re.Match[str], ctx: Context) -> Reading | None:
    return dated(DATE, Period("year", date(int(match.group("year")), 1, 1)))


def _year_ok(match: re.Match[str], ctx: Context) -> bool:
    """A four-digit number is a year unless it is an amount, a code, a clock time or a count."""
    if _COUNTED.search(before(match, 12)) or re.search(r"\d[,.]?$", before(match, 2)):
        return False
    following = after(match, 8)
    if re.match(r"\s*(?:%|percent|\.\d|,\d|(?:gmt|utc|hours|hrs|local)\b)", following):
        return False
    if re.match(r"[-–]\d", following) and not re.match(r"[-–](?:\d\d|1\d{3}|20\d\d)(?!\d)", following):
        return False  # "1990-1234" is a number; "2018-19" and "2018-2019" are years
    token = token_at(ctx.doc, match.start("year"))
    entity = token.ent_type_ if token is not None else ""
    if entity in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT") or (token is not None and _named_by(token)):
        return False
    if token is not None and _counts(token):
        return False
    year = int(match.group("year"))
    return entity == "DATE" or 1900 <= year <= 2099 or bool(_YEAR_CUES.search(before(match, 12)))


def _counts(token: Token) -> bool:
    """'scored 1999 points': a number right after a verb counting the plural noun after it; not a
    year modifying its noun ("the 2022 elections", "Kopp's 1987 Chevrolet", "since 2001 prices")."""
    if token.i == 0 or token.dep_ != "nummod" or token.head.tag_ != "NNS" or token.head.i != token.i + 1:
        return False
    return token.doc[token.i - 1].pos_ in ("VERB", "AUX")


def _named_by(token: Token) -> bool:
    """'Orion 1980', 'Windows 2000': a number right after a name is part of the name."""
    if token.i == 0 or token.is_sent_start:
        return False
    previous = token.doc[token.i - 1]
    return previous.pos_ == "PROPN" and previous.is_title and month_number(previous.text) is None


_YEAR_CUES = re.compile(r"\b(?:in|since|of|from|until|by|around|circa|year|before|after|early|late|mid|and)\s*-?$")


YEAR_RULE = Rule(
    "year",
    rx(
        rf"{_LEAD}(?:(?:fiscal|calendar|the\s+year|fiscal\s+year|model\s+year|FY)\s*)?(?P<year>{YEAR})"
        rf"(?:[-–](?:{YEAR}|\d\d)(?!\d))?"
    ),
    _year,
    _year_ok,
)


def _spelled_year(match: re.Match[str], ctx: Context) -> Reading | None:
    year = spelled_year(match.group("spelled"))
    return dated(DATE, Period("year", date(year, 1, 1))) if year and 1000 <= year <= 2099 else None


def _spelled_year_ok(match: re.Match[str], ctx: Context) -> bool:
    text = match.group("spelled").lower()
    if match.group("lead") or text.startswith(("nineteen", "eighteen")):
        return not re.match(r"\s+(?:people|percent|dollars|of\b)", after(match, 10))
    return bool(re.search(r"\b(?:in|since|of|until|by|before|after|from|year)\s*$", before(match, 10)))


SPELLED_YEAR_RULE = Rule(
    "spelled-year",
    rx(rf"(?P<lead>the\s+year\s+)?(?P<spelled>{SPELLED_YEAR})"),
    _spelled_year,
    _spelled_year_ok,
)

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6}
_DECADE_WORDS |= {"seventies": 7, "eighties": 8, "nineties": 9}


def _decade(match: re.Match[str], ctx: Context) -> Reading | None:
    if match.group("full"):
        start = int(match.group("full"))
    else:
        tens = int(match.group("short")) if match.group("short") else _DECADE_WORDS[group(match, "word")]
        century = 1900 if ctx.anchor is None or tens * 10 > ctx.anchor.year % 100 else ctx.anchor.year // 100 * 100
        start = century + tens * 10
    return dated(DATE, Period("decade", date(start, 1, 1)))


DECADE = Rule(
    "decade",
    rx(
        rf"{_LEAD}(?:the\s+)?(?:(?P<edge2>early|late|mid)[\s-]+)?"
        r"(?:(?P<full>1\d\d0|20\d0)'?s|'(?P<short>\d)0'?s|(?P<word>twenties|thirties|forties|fifties|sixties"
        r"|seventies|eighties|nineties))"
    ),
    _decade,
    lambda m, ctx: not m.group("word") or m.group(0).lower().startswith("the"),  # "the nineties", not "in her nineties"
)


def _century(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the 20th century' is TimeML '19' (its years start 19..); 'this century' the anchor's."""
    rel = group(match, "rel")
    if rel:
        here = ctx.anchored("century")
        offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel.split()[-1], 0)
        return dated(DATE, shift(here, offset, "century") if here else None)
    number = day_number(group(match, "ord"))
    if not number:
        return None
    return Reading(DATE, f"{number - 1:02d}", Period("century", date(max(1, (number - 1) * 100), 1, 1)))


CENTURY = Rule(
    "century",
    rx(
        rf"{_LEAD}(?:(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|twenty[\s-]first|first|second|third|fourth|fifth"
        r"|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
        r"|seventeenth|eighteenth|nineteenth|twentieth)|(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next"
        r"|the\s+current|the\s+previous|the\s+coming))[\s-]+century"
    ),
    _century,
)


# --- holidays -----------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th weekday of a month; n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


_MOVABLE = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
}


def _holiday_key(name: str) -> str:
    """One spelling per holiday: lower case, no apostrophes, 'Jr.' and 'Day'/'Sunday' variants merged."""
    name = re.sub(r"\s+", " ", name.lower()).replace("’", "").replace("'", "")
    name = re.sub(r" jr\.?", "", name).removesuffix(" sunday")
    return "thanksgiving" if name == "thanksgiving day" else name


_HOLIDAY_DAYS = {_holiday_key(name): (lambda y, md=md: date(y, *md)) for name, md in FIXED_HOLIDAYS.items()}
_HOLIDAY_DAYS |= {_holiday_key(name): rule for name, rule in _MOVABLE.items()}


def _holiday_day(name: str, year: int) -> date:
    return _HOLIDAY_DAYS[_holiday_key(name)](year)


def _holiday(match: re.Match[str], ctx: Context) -> Reading | None:
    name = match.group("name")
    if match.group("year"):
        return dated(DATE, Period("day", _holiday_day(name, int(match.group("year")))))
    if ctx.anchor is None:
        return Reading(DATE, None)
    candidates = [_holiday_day(name, year) for year in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1)]
    rel = group(match, "rel")
    if rel == "last":
        found = max(day for day in candidates if day < ctx.anchor)
    elif rel == "next":
        found = min(day for day in candidates if day > ctx.anchor)
    else:
        found = choose(candidates, ctx.anchor, ctx.tense(*match.span()))
    return dated(DATE, Period("day", found))


_HOLIDAY_NAMES = "|".join(
    sorted(
        [re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]") for name in FIXED_HOLIDAYS]
        + [
            r"thanksgiving(?:\s+day)?",
            r"labor\s+day",
            r"memorial\s+day",
            r"mother['’]s\s+day",
            r"father['’]s\s+day",
            r"martin\s+luther\s+king(?:\s+jr\.?)?\s+day",
            r"presidents['’]?\s+day",
            r"columbus\s+day",
            r"election\s+day",
            r"easter(?:\s+sunday|\s+monday)?",
            r"good\s+friday",
        ],
        key=len,
        reverse=True,
    )
)


def _holiday_ok(match: re.Match[str], ctx: Context) -> bool:
    """Holidays are capitalised ('election day' aside); 'Christmas season' is not the day."""
    named = re.search(r"[A-Z]|^election", match.group("name"))
    return bool(named) and not re.match(r"\s+(?:eve|week|season)\b", after(match, 8))


HOLIDAY = Rule(
    "holiday",
    rx(rf"(?:(?P<rel>last|this|next)\s+)?(?P<name>{_HOLIDAY_NAMES})(?:,?\s+(?P<year>{YEAR})(?![\d,]\d))?"),
    _holiday,
    _holiday_ok,
)

RULES = (
    WEEK_OF,
    MONTH_DAY,
    COORDINATED_DAY,
    LISTED_DAY,
    DAY_MONTH,
    MONTH_YEAR,
    MONTH_ALONE,
    YEAR_RULE,
    SPELLED_YEAR_RULE,
    DECADE,
    CENTURY,
    HOLIDAY,
)
