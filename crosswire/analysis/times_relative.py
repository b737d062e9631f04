"""Rules for expressions that only mean something against a date: 'yesterday', 'Tuesday',
'last week', 'two years ago', 'the following day', '3 p.m.', 'now', 'recently'.

Deictic ones count from the article's date; anaphoric ones ("the following day", "a year
earlier") count from the last period the text mentioned, which is what a reader does.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from crosswire.analysis.lang.en import PARTS_OF_DAY
from crosswire.analysis.times_calendar import Period, coarsen, duration_value, period, shift, shift_day
from crosswire.analysis.times_context import (
    Context,
    Tense,
    choose,
    weekday_after,
    weekday_before,
    weekday_near,
)
from crosswire.analysis.times_dates import year_for_day
from crosswire.analysis.times_lexicon import (
    APPROX,
    DAY_NUM,
    EDGE_PHRASE,
    MONTH,
    NUMBER,
    PART,
    UNIT,
    VAGUE,
    WEEKDAY,
    ZONE,
    day_number,
    month_number,
    number_value,
    unit_name,
    weekday_number,
)
from crosswire.analysis.times_rules import (
    DATE,
    DURATION,
    SET,
    TIME,
    Reading,
    Rule,
    after,
    capitalised,
    dated,
    group,
    rx,
    token_at,
)

_DEICTIC_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}
_UNIT_GRAIN = {
    "year": "year", "month": "month", "week": "week", "day": "day", "decade": "year", "century": "year",
    "quarter": "quarter", "fortnight": "week", "weekend": "week", "hour": "time", "minute": "time",
    "second": "time",
}  # fmt: skip


def _part_code(word: str) -> str | None:
    return PARTS_OF_DAY.get(word.lower()) if word else None


def _day_reading(day: date | None, part: str | None) -> Reading:
    """A day, or a part of a day (TIME) when the text names one ("Friday morning")."""
    if day is None:
        return Reading(TIME if part else DATE, None)
    if part:
        return dated(TIME, Period("part", day, part=part))
    return dated(DATE, Period("day", day))


def _day_from(base: date | None, offset: int, part: str | None) -> Reading:
    """The day `offset` days from `base` (the anchor, or the day in focus), unresolved while `base` is unknown."""
    return _day_reading(base + timedelta(days=offset) if base else None, part)


# --- today, yesterday, tonight, last night ------------------------------------------------------


def _deictic_day(match: re.Match[str], ctx: Context) -> Reading | None:
    """'yesterday', 'tonight', 'the day after tomorrow', 'last night', 'this morning'."""
    word = group(match, "word")
    part = _part_code(group(match, "part") or group(match, "part0")) or ("NI" if word == "tonight" else None)
    offset = _DEICTIC_OFFSETS[word]
    if group(match, "dir"):
        offset = -2 if word == "yesterday" else 2
    return _day_from(ctx.anchor, offset, part)


DEICTIC_DAY = Rule(
    "deictic-day",
    rx(
        rf"(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:(?P<part0>{PART})\s+)?"
        rf"(?:the\s+day\s+(?P<dir>before|after)\s+)?(?P<word>today|yesterday|tomorrow|tonight)(?:['’]s)?"
        rf"(?:\s+(?P<part>{PART}))?(?:,?\s+{WEEKDAY}(?![\w-]))?"
    ),
    _deictic_day,
)
LAST_NIGHT = Rule(
    "last-night",
    rx(rf"(?:(?:early|late|earlier|later)\s+)?(?P<word>last|this)\s+(?P<part>{PART})"),
    _deictic_day,
    lambda m, ctx: group(m, "word") == "this" or group(m, "part") in ("night", "evening"),
)


def _overnight(match: re.Match[str], ctx: Context) -> Reading | None:
    """'attacked overnight' is the night before the article's day; 'will work overnight' its own night."""
    ahead = ctx.tense(*match.span()) is Tense.FUTURE
    return _day_from(ctx.anchor, 0 if ahead else -1, "NI")


OVERNIGHT = Rule(
    "overnight",
    rx("overnight"),
    _overnight,
    lambda m, ctx: (token := token_at(ctx.doc, m.start())) is not None and token.pos_ == "ADV",
)


# --- weekdays -----------------------------------------------------------------------------------

_BACK = {"last", "past", "this past", "previous", "the previous", "the preceding"}
_AHEAD = {"next", "coming", "this coming", "the following", "the next"}


def _weekday(match: re.Match[str], ctx: Context) -> Reading | None:
    """A weekday, or a weekday's part: TimeBank types "Friday night" a DATE (with its TNI), unlike "last night"."""
    weekday = weekday_number(match.group("wd"))
    if weekday is None:
        return None
    part = _part_code(group(match, "part"))
    if match.group("plural") or match.group("pplural") or group(match, "each"):
        return Reading(SET, f"XXXX-WXX-{weekday + 1}" + (f"T{part}" if part else ""))
    return replace(_day_reading(_weekday_day(match, ctx, weekday), part), type=DATE)


def _weekday_day(match: re.Match[str], ctx: Context, weekday: int) -> date | None:
    """The day a weekday names: from the day in focus ("the following Monday"), else from the anchor."""
    rel = re.sub(r"\s+", " ", group(match, "rel"))
    if rel.startswith("the "):
        base = ctx.reference("day")
        if base is None:
            return None
        step = weekday_before if rel in _BACK else weekday_after
        return step(base.start, weekday)
    if ctx.anchor is None:
        return None
    joined = _coordinated_day(match, ctx)
    if joined is not None and not rel and ctx.tense(*match.span()) is not Tense.PAST:
        return weekday_after(joined, weekday)
    if rel in _BACK:
        return weekday_before(ctx.anchor, weekday)
    if rel in _AHEAD:
        return weekday_after(ctx.anchor, weekday)
    return weekday_near(ctx.anchor, weekday, _weekday_tense(match, ctx, rel))


def _coordinated_day(match: re.Match[str], ctx: Context) -> date | None:
    """In "between next Monday and Wednesday" the Wednesday is the one after that Monday.

    Only for clauses not in the past: there the usual rule already gives "met Monday and
    Tuesday" right, and "statements made Friday and Thursday" lists days out of order.
    """
    previous = ctx.previous
    if previous is None or previous.grain not in ("day", "part", "time"):
        return None
    close = match.string[max(0, match.start() - 40) : match.start()]
    joined = re.search(rf"{WEEKDAY}\S*\s*,?\s*(?:\band|\bor|\bto|\bthrough|\buntil|-|–)\s*$", close, re.IGNORECASE)
    return previous.start if joined else None


def _weekday_tense(match: re.Match[str], ctx: Context, rel: str) -> Tense:
    """The clause's tense; past for "Wednesday's ruling", which names an event already reported."""
    if re.search(r"['’]s$", match.group(0)):
        return Tense.PAST
    tense = ctx.tense(*match.span())
    return Tense.FUTURE if rel == "this" and tense is not Tense.PAST else tense


WEEKDAY_RULE = Rule(
    "weekday",
    rx(
        r"(?:(?:early|late|earlier|later|mid)[\s-]+)?(?:(?P<each>every|each)\s+|(?P<rel>last|this|next|this\s+past"
        r"|this\s+coming|coming|past|previous|the\s+previous|the\s+preceding|the\s+following|the\s+next|that)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?P<plural>s)?(?:['’]s)?(?:\s+(?P<part>{PART})(?P<pplural>s)?)?"
    ),
    _weekday,
    lambda m, ctx: capitalised(m.group("wd")),
)


# --- clock times --------------------------------------------------------------------------------

_DAY_WORD = rf"(?:{WEEKDAY}|today|yesterday|tomorrow|tonight|{MONTH}\s+{DAY_NUM})"


def _named_day(text: str, match: re.Match[str], ctx: Context) -> date | None:
    """The day a clock time is attached to: 'Tuesday', 'yesterday', 'Nov. 9', else the day in focus."""
    text = text.lower()
    if not text:
        focus = ctx.reference("day")
        return focus.start if focus is not None else None
    if ctx.anchor is None:
        return None
    if text in _DEICTIC_OFFSETS:
        return ctx.anchor + timedelta(days=_DEICTIC_OFFSETS[text])
    weekday = weekday_number(text) if text.endswith("day") else None
    if weekday is not None:
        return weekday_near(ctx.anchor, weekday, ctx.tense(*match.span()))
    month, _, day = text.partition(" ")
    if month_number(month) and day_number(day):
        return year_for_day(ctx, month_number(month) or 1, day_number(day) or 1, ctx.tense(*match.span()))
    return None


def _clock(match: re.Match[str], ctx: Context) -> Reading | None:
    hour, minute = _hour_minute(match)
    if hour is None:
        return None
    day = _named_day(group(match, "pre") or group(match, "post"), match, ctx)
    if day is None:
        return Reading(TIME, None)
    if hour == 24:
        return Reading(TIME, f"{day.isoformat()}T24:00", Period("time", day, clock=(0, 0)))
    return dated(TIME, Period("time", day, clock=(hour, minute)))


def _hour_minute(match: re.Match[str]) -> tuple[int | None, int]:
    word = group(match, "word")
    if word:
        return (24 if word == "midnight" else 12), 0
    hour = int(match.group("h"))
    minute = int(match.group("m") or 0)
    marker = group(match, "ampm").replace(".", "").replace(" ", "")
    part = group(match, "part")
    if (marker == "pm" or part in ("afternoon", "evening", "night")) and hour < 12:
        hour += 12
    elif (marker == "am" or part == "morning") and hour == 12:
        hour = 0
    if hour > 23 or (not marker and not part and not group(match, "zone")):
        return None, 0
    return hour, minute


_PRE = rf"(?:(?P<pre>{WEEKDAY}|today|yesterday|tomorrow|tonight)\s+(?:at\s+)?)?"
_POST = rf"(?:,?\s+(?:on\s+)?(?P<post>{_DAY_WORD})(?![\w-]))?"
_APPROX_TIME = r"(?:(?:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
CLOCK = Rule(
    "clock",
    rx(
        rf"{_PRE}{_APPROX_TIME}(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*"
        rf"(?P<ampm>[ap]\.?\s?m\b\.?|o['’]clock)(?:\s+(?P<zone>{ZONE}))?{_POST}"
    ),
    _clock,
)
CLOCK_24 = Rule(
    "clock-24",
    rx(rf"{_PRE}(?P<h>[01]?\d|2[0-3]):?(?P<m>[0-5]\d)\s*(?P<zone>{ZONE}|hours|hrs){_POST}"),
    _clock,
)
NOON = Rule("noon", rx(rf"{_PRE}(?P<word>noon|midnight|midday){_POST}"), _clock)
CLOCK_PART = Rule(
    "clock-part",
    rx(
        rf"(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s+(?:o['’]clock\s+)?in\s+the\s+(?P<part>morning|afternoon|evening){_POST}"
    ),
    _clock,
)


# --- ago, earlier, later --------------------------------------------------------------------------


def _amount(match: re.Match[str]) -> float | None:
    text = group(match, "num")
    if not text or re.fullmatch(VAGUE, text, re.IGNORECASE):
        return None
    amount = number_value(text)
    if amount is not None and group(match, "frac"):
        amount += 0.5
    return amount


def _moved(origin: Period, amount: float, unit: str, clock: tuple[int, int] | None) -> Period:
    """`origin` moved by an amount of units, at the grain the unit names (finer for fractions)."""
    grain = _UNIT_GRAIN[unit]
    if grain == "time":
        hours = amount * {"hour": 1, "minute": 1 / 60, "second": 1 / 3600}[unit]
        start = datetime.combine(origin.start, datetime.min.time())
        if clock is None:
            return Period("day", (start + timedelta(hours=hours)).date())
        moved = start.replace(hour=clock[0], minute=clock[1]) + timedelta(hours=hours)
        return Period("time", moved.date(), clock=(moved.hour, moved.minute))
    if not float(amount).is_integer():
        grain = {"year": "month", "month": "day", "week": "day", "quarter": "month"}.get(grain, grain)
    return period(grain, shift_day(origin.start, amount, unit))


def _ago(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = unit_name(group(match, "unit"))
    amount = _amount(match)
    if unit is None:
        return None
    if amount is None:
        return Reading(DATE, "PAST_REF")
    if ctx.anchor is None:
        return Reading(DATE, None)
    compared = ctx.compared()
    if unit == "year" and compared is not None and compared.grain in ("quarter", "half"):
        return replace(dated(DATE, shift(compared, -amount, "year")), mention=False)
    found = _moved(Period("day", ctx.anchor), -amount, unit, ctx.clock)
    return dated(TIME if found.grain == "time" else DATE, found)


AGO = Rule(
    "ago",
    rx(
        rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<num>{NUMBER}|{VAGUE})[\s-]+)?(?P<unit>{UNIT})"
        r"(?P<frac>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+ago"
    ),
    _ago,
)


def _shifted(match: re.Match[str], ctx: Context) -> Reading | None:
    """'two days later', 'a year earlier': counted from the period the text last mentioned."""
    unit = unit_name(group(match, "unit"))
    amount = _amount(match)
    if unit is None:
        return None
    direction = group(match, "dir")
    sign = 1 if direction in ("later", "after", "afterwards", "afterward", "on", "from now", "hence") else -1
    if amount is None:
        return Reading(DATE, "FUTURE_REF" if sign > 0 else "PAST_REF")
    grain = _UNIT_GRAIN[unit]
    if direction in ("from now", "hence"):
        if ctx.anchor is None:
            return Reading(DATE, None)
        found = _moved(Period("day", ctx.anchor), amount, unit, ctx.clock)
        return dated(TIME if found.grain == "time" else DATE, found)
    compared = ctx.compared()
    if compared is not None and grain in ("year", "half", "quarter"):
        return replace(dated(DATE, shift(compared, sign * amount, unit)), mention=False)
    base = ctx.reference("day" if grain == "time" else grain)
    if base is None:
        return Reading(DATE, None)
    found = _moved(base, sign * amount, unit, base.clock)
    if unit == "week" and base.grain in ("day", "part", "time"):
        found = Period("day", shift_day(base.start, sign * amount, unit))
    return dated(TIME if found.grain == "time" else DATE, found)


_CLAUSE_END = re.compile(r"\s*(?:[,.;:)!?\"”]|$|and\b|but\b|when\b)")


def _ends_clause(match: re.Match[str], ctx: Context) -> bool:
    """'two days before' counts from the day in focus; 'two days before the vote' from the vote."""
    return group(match, "dir") not in ("before", "after", "prior", "on") or bool(_CLAUSE_END.match(after(match, 6)))


SHIFTED = Rule(
    "shifted",
    rx(
        rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUMBER}|{VAGUE})[\s-]+(?P<unit>{UNIT})(?P<frac>\s+and\s+a\s+half)?"
        r"\s+(?P<dir>earlier|later|before|after|afterwards?|previously|prior|from\s+now|hence|on)"
    ),
    _shifted,
    _ends_clause,
)


# --- last week, this year, the following day ------------------------------------------------------

_REL_OFFSETS = {
    "last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "latest": -1, "this past": -1,
    "next": 1, "coming": 1, "following": 1, "subsequent": 1, "this coming": 1,
    "this": 0, "current": 0, "present": 0, "same": 0, "that": 0, "": 0,
}  # fmt: skip
_ANAPHORIC = {"previous", "prior", "preceding", "following", "subsequent", "same", "that"}


def _relative_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """'last week', 'this year', 'earlier this month' from the anchor; 'the following day',
    'that year', 'the previous month' from the period in focus."""
    unit = unit_name(re.sub(r"fiscal\s+", "", group(match, "unit")))
    said = re.sub(r"\s+", " ", group(match, "rel"))
    rel = "that" if said.startswith("that") else said.removeprefix("the ")
    if unit is None:
        return None
    if said in ("the past", "the last") and unit not in ("year", "weekend"):
        return Reading(DURATION, duration_value(1, unit))
    grain = unit if unit in ("decade", "century") else _UNIT_GRAIN.get(unit, "week")
    offset = _REL_OFFSETS.get(rel, 0)
    if unit != "weekend" and (rel in _ANAPHORIC or said == "the next"):
        base = ctx.reference(grain)
        return dated(DATE, shift(coarsen(base, grain), offset, grain) if base else None)
    if ctx.anchor is None:
        return Reading(DATE, None)
    if unit == "weekend":
        return dated(DATE, _weekend(ctx.anchor, rel, ctx.tense(*match.span())))
    return dated(DATE, shift(period(grain, ctx.anchor), offset, grain))


def _weekend(anchor: date, rel: str, tense: Tense) -> Period:
    """A weekend by its week: the last one for the past, the coming one for the future."""
    saturday_back = weekday_before(anchor + timedelta(days=1), 5)
    saturday_ahead = weekday_after(anchor - timedelta(days=1), 5)
    in_weekend = anchor.weekday() >= 5
    if rel in ("last", "past", "previous", "this past"):
        day = saturday_back - timedelta(days=7 if in_weekend else 0)
    elif rel in ("next", "coming", "this coming", "following"):
        day = saturday_ahead + timedelta(days=7 if in_weekend else 0)
    else:
        day = choose([saturday_back, saturday_ahead], anchor, tense)
    return period("weekend", day)


_UNITS_REL = r"(?P<unit>day|week|weekend|month|year|decade|century|fiscal\s+year)"
RELATIVE_UNIT = Rule(
    "relative-unit",
    rx(
        rf"(?:(?P<phrase>{EDGE_PHRASE})\s+)?(?:(?:early|late|mid|earlier|later)[\s-]+(?:in\s+)?)?"
        r"(?P<rel>last|this|next|coming|past|previous|current|this\s+past|this\s+coming|that(?:\s+same)?"
        r"|the\s+(?:past|last|next|coming|current|previous|prior|preceding|following|same|latest|present"
        rf"|subsequent))\s+{_UNITS_REL}"
    ),
    _relative_unit,
)


def _the_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the end of the year', 'year-end', 'the weekend': the anchor's own period."""
    if ctx.anchor is None:
        return Reading(DATE, None)
    if match.group(0).lower().endswith("weekend"):
        return dated(DATE, _weekend(ctx.anchor, "", ctx.tense(*match.span())))
    unit = unit_name(group(match, "unit") or group(match, "unit2")) or "year"
    return dated(DATE, period(_UNIT_GRAIN[unit], ctx.anchor))


THE_UNIT = Rule(
    "the-unit",
    rx(rf"(?:(?P<phrase>{EDGE_PHRASE})\s+the\s+{_UNITS_REL}|(?P<unit2>year|month)(?:['’]s)?[\s-]+end|the\s+weekend)"),
    _the_unit,
)
_AROUND_OFFSETS = {"before": -1, "previous": -1, "prior": -1, "after": 1, "next": 1, "following": 1}


def _day_around(match: re.Match[str], ctx: Context) -> Reading | None:
    """'the day before', 'the next morning', 'that night': a day next to the one in focus."""
    named = group(match, "part") or group(match, "part2")
    part = _part_code(named) if named != "day" else None
    focus = ctx.reference("day")
    offset = _AROUND_OFFSETS.get(group(match, "rel") or group(match, "dir"), 0)
    return _day_from(focus.start if focus else None, offset, part)


DAY_AROUND = Rule(
    "day-around",
    rx(
        rf"(?:the\s+(?P<part>day|night|morning|evening|afternoon)\s+(?P<dir>before|after)"
        rf"|(?:the\s+(?P<rel>next|following|previous|prior|same)|that(?:\s+same)?)\s+(?P<part2>{PART}))"
    ),
    _day_around,
    _ends_clause,
)


# --- now, recently, soon ----------------------------------------------------------------------------


def _present_ok(match: re.Match[str], ctx: Context) -> bool:
    """'current' counts only before a noun that is not a fixed term ("current account")."""
    text = match.group(0).lower()
    following = after(match, 16)
    if text == "current":
        return bool(re.match(r"\s+[a-z]", following)) and not re.match(
            r"\s+(?:accounts?|affairs|events|assets|liabilities|president|chairman|members?)\b", following
        )
    return True


PRESENT = Rule(
    "present",
    rx(
        r"(?:right\s+)?now|currently|presently|nowadays|these\s+days|at\s+present|the\s+present(?!\s+\w+ing)"
        r"|at\s+the\s+moment|at\s+this\s+(?:time|point|moment)|current"
    ),
    lambda m, ctx: Reading(DATE, "PRESENT_REF"),
    _present_ok,
)
_NOT_A_SPAN = r"\d|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve|year|month|week|day|decade|quarter"
PAST = Rule(
    "past",
    rx(
        r"(?:in\s+)?(?P<x>recently|lately|more\s+recently|long\s+ago|(?:some\s+time|a\s+while)"
        rf"\s+ago|the\s+other\s+day|the\s+past(?!\s+(?:{_NOT_A_SPAN}|century|hour))|recent(?:\s+(?:days|weeks"
        r"|months|years|decades|times))?|(?<=\bin\s)past\s+(?:days|weeks|months|years|decades))"
    ),
    lambda m, ctx: Reading(DATE, "PAST_REF"),
)


def _future_ok(match: re.Match[str], ctx: Context) -> bool:
    """'soon' after a past verb ("was soon released") is soon after that event, not ahead of the
    article; 'future' as in "futures contracts" is a market, not a time."""
    word = match.group("x").lower()
    if word == "soon":
        return not re.match(r"\s+as\b", after(match, 5)) and ctx.tense(*match.span("x")) is not Tense.PAST
    if word == "future":
        return not re.match(r"\s*-|\s+(?:contracts?|options?|markets?|exchanges?|prices?)\b", after(match, 12))
    return True


def _future(match: re.Match[str], ctx: Context) -> Reading | None:
    """'soon', 'in the future': FUTURE_REF; 'the coming weeks', 'the months ahead': a stretch of
    unstated length ahead (PXW, PXM), as TimeBank reads them."""
    stretch = re.search(r"(days|weeks|months|years|decades)", group(match, "x"))
    if stretch:
        return Reading(DURATION, duration_value(None, unit_name(stretch.group(1)) or "day"))
    return Reading(DATE, "FUTURE_REF")


FUTURE = Rule(
    "future",
    rx(
        r"(?:in\s+)?(?P<x>soon|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|a\s+later\s+date"
        r"|(?:the\s+)?coming\s+(?:days|weeks|months|years|decades)|(?:the\s+)?(?:days|weeks|months|years)\s+ahead"
        r"|someday|as\s+soon\s+as\s+possible|future)"
    ),
    _future,
    _future_ok,
)

RULES = (
    DEICTIC_DAY,
    LAST_NIGHT,
    OVERNIGHT,
    WEEKDAY_RULE,
    CLOCK,
    CLOCK_24,
    NOON,
    CLOCK_PART,
    AGO,
    SHIFTED,
    RELATIVE_UNIT,
    THE_UNIT,
    DAY_AROUND,
    PRESENT,
    PAST,
    FUTURE,
)
