"""Calendar periods at a granularity, and the TimeML strings that name them.

A resolved date expression is a period ("the month 2023-09", "the week 2023-W36"), not a
point: "last month" and "a month ago" must come out as a month, not as a day in it. A `Period`
keeps the first day of the period and its grain, so shifting ("a year earlier") and formatting
(TimeML value strings) work the same way for every grain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

# Grains, coarsest first; the order decides "finer than" comparisons.
GRAINS = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "part", "time")
SEASONS = ("SP", "SU", "FA", "WI")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNIT_MONTHS = {"century": 1200, "decade": 120, "year": 12, "half": 6, "quarter": 3, "season": 3, "month": 1}
UNIT_DAYS = {"week": 7, "weekend": 7, "day": 1, "part": 1, "time": 1}


@dataclass(frozen=True)
class Period:
    """A calendar period: its grain and its first day (a week starts on Monday).

    `part` is a TimeML part of day (MO, AF, EV, NI) and `clock` an (hour, minute) for TIME values.
    """

    grain: str
    start: date
    part: str | None = None
    clock: tuple[int, int] | None = None

    def value(self) -> str:
        """The TimeML value string for this period."""
        return _FORMATS[self.grain](self)

    @property
    def last(self) -> date:
        """The period's last day (a weekend's Sunday)."""
        if self.grain in UNIT_MONTHS:
            return self.start + relativedelta(months=UNIT_MONTHS[self.grain], days=-1)
        return self.start + timedelta(days=UNIT_DAYS[self.grain] - 1)

    def finer_than(self, grain: str) -> bool:
        return GRAINS.index(self.grain) > GRAINS.index(grain)

    def at_least_as_fine_as(self, grain: str) -> bool:
        return GRAINS.index(self.grain) >= GRAINS.index(grain)


def period(grain: str, day: date) -> Period:
    """The period of `grain` that contains `day`."""
    if grain in ("part", "time"):
        return Period(grain, day)
    return Period(grain, _floor(grain, day))


_VALUE = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?:(?P<part>MO|AF|EV|NI)|(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?))?)?|W(?P<week>\d{2})(?P<weekend>-WE)?|Q(?P<quarter>[1-4])"
    r"|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"|(?P<decade>\d{3})|(?P<century>\d{2})"
)


def parse_value(value: str | None) -> Period | None:
    """The period a TimeML date or time value names (the inverse of `Period.value`); None for
    durations, references (PAST_REF), sets and values with unknown digits (XXXX-09)."""
    match = _VALUE.fullmatch(value or "")
    if match is None:
        return None
    found = {name: int(text) if text.isdigit() else text for name, text in match.groupdict().items() if text}
    try:
        return _period_of(found)
    except ValueError:  # 2023-02-30, week 54
        return None


def _period_of(found: dict[str, int | str]) -> Period:
    if "century" in found:
        return Period("century", date(int(found["century"]) * 100, 1, 1))
    if "decade" in found:
        return Period("decade", date(int(found["decade"]) * 10, 1, 1))
    year = int(found["year"])
    if "week" in found:
        grain = "weekend" if "weekend" in found else "week"
        return Period(grain, date.fromisocalendar(year, int(found["week"]), 1))
    if "quarter" in found:
        return Period("quarter", date(year, 3 * int(found["quarter"]) - 2, 1))
    if "half" in found:
        return Period("half", date(year, 1 if found["half"] == 1 else 7, 1))
    if "season" in found:
        return season_period(year, str(found["season"]))
    if "month" not in found:
        return Period("year", date(year, 1, 1))
    if "day" not in found:
        return Period("month", date(year, int(found["month"]), 1))
    day = date(year, int(found["month"]), int(found["day"]))
    if "part" in found:
        return Period("part", day, part=str(found["part"]))
    if "hour" in found:
        return Period("time", day, clock=(int(found["hour"]), int(found["minute"])))
    return Period("day", day)


def _floor(grain: str, day: date) -> date:
    if grain == "century":
        return date(day.year - day.year % 100, 1, 1)
    if grain == "decade":
        return date(day.year - day.year % 10, 1, 1)
    if grain == "year":
        return date(day.year, 1, 1)
    if grain == "half":
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    if grain == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if grain == "season":
        return _season_start(day)
    if grain == "month":
        return day.replace(day=1)
    if grain in ("week", "weekend"):
        return day - timedelta(days=day.weekday())
    return day


def _season_start(day: date) -> date:
    """Seasons start in March, June, September, December; January and February belong to winter."""
    if day.month <= 2:
        return date(day.year - 1, 12, 1)
    return date(day.year, day.month - (day.month % 3), 1)


def shift(base: Period, amount: int | float, unit: str) -> Period:
    """`base` moved by `amount` units, keeping its grain (a quarter a year earlier is a quarter)."""
    moved = shift_day(base.start, amount, unit)
    if base.grain in ("part", "time"):
        return replace(base, start=moved)
    return replace(base, start=_floor(base.grain, moved))


def shift_day(day: date, amount: int | float, unit: str) -> date:
    """A day moved by a number of units; fractional months and years round to whole months."""
    if unit in UNIT_MONTHS:
        return day + relativedelta(months=round(amount * UNIT_MONTHS[unit]))
    if unit in UNIT_DAYS:
        return day + timedelta(days=round(amount * UNIT_DAYS[unit]))
    return day


def coarsen(base: Period, grain: str) -> Period:
    """The period of `grain` that contains the start of `base`."""
    return period(grain, base.start)


def season_period(year: int, code: str) -> Period:
    return Period("season", date(year, SEASON_START[code], 1))


def _season_value(p: Period) -> str:
    code = SEASONS[(p.start.month // 3 - 1) % 4]
    return f"{p.start.year:04d}-{code}"


def _week_value(p: Period) -> str:
    iso_year, week, _ = p.start.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def _time_value(p: Period) -> str:
    if p.clock is None:
        return p.start.isoformat()
    hour, minute = p.clock
    return f"{p.start.isoformat()}T{hour:02d}:{minute:02d}"


_FORMATS = {
    "century": lambda p: f"{p.start.year // 100:02d}",
    "decade": lambda p: f"{p.start.year // 10:03d}",
    "year": lambda p: f"{p.start.year:04d}",
    "half": lambda p: f"{p.start.year:04d}-H{1 if p.start.month <= 6 else 2}",
    "quarter": lambda p: f"{p.start.year:04d}-Q{(p.start.month - 1) // 3 + 1}",
    "season": _season_value,
    "month": lambda p: f"{p.start.year:04d}-{p.start.month:02d}",
    "week": _week_value,
    "weekend": lambda p: _week_value(p) + "-WE",
    "day": lambda p: p.start.isoformat(),
    "part": lambda p: f"{p.start.isoformat()}T{p.part}",
    "time": _time_value,
}

DURATION_LETTERS = {"year": "Y", "month": "M", "week": "W", "day": "D", "quarter": "Q"}
TIME_LETTERS = {"hour": "H", "minute": "M", "second": "S"}
_LOWER_UNIT = {"year": ("month", 12), "month": ("day", 30), "day": ("hour", 24), "hour": ("minute", 60)}
_LOWER_UNIT |= {"minute": ("second", 60), "week": ("day", 7)}


_UNIT_ALIASES = {"decade": (10, "year"), "century": (100, "year"), "fortnight": (2, "week")}
_UNIT_ALIASES |= {"weekend": (2, "day"), "night": (1, "day")}


def duration_value(amount: float | None, unit: str) -> str:
    """A TimeML duration: P2Y, P6M, PT3H, P1Y6M for a year and a half, PXY when the amount is vague."""
    if unit in _UNIT_ALIASES:
        factor, unit = _UNIT_ALIASES[unit]
        amount = None if amount is None else amount * factor
    prefix = "PT" if unit in TIME_LETTERS else "P"
    if amount is None:
        return f"{prefix}X{_letter(unit)}"
    whole = int(amount)
    rest = amount - whole
    if rest and unit in _LOWER_UNIT:
        lower, factor = _LOWER_UNIT[unit]
        part = _number(rest * factor)
        head = f"{whole}{_letter(unit)}" if whole else ""
        if lower in TIME_LETTERS and prefix == "P":
            return f"P{head}T{part}{_letter(lower)}"
        return f"{prefix}{head}{part}{_letter(lower)}"
    return f"{prefix}{_number(amount)}{_letter(unit)}"


def _letter(unit: str) -> str:
    return TIME_LETTERS.get(unit) or DURATION_LETTERS[unit]


def _number(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


_ISO_ANCHOR = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def parse_anchor(anchor: str | None) -> tuple[date, tuple[int, int] | None] | None:
    """The anchor's own calendar day and clock time, as printed (the offset is not applied).

    "2023-09-12T13:45+09:00" is 12 September where it was published, whatever the UTC day.
    """
    if not anchor:
        return None
    match = _ISO_ANCHOR.match(anchor)
    if not match:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        day_of = date(int(year), int(month), int(day))
    except ValueError:
        return None
    clock = (int(hour), int(minute)) if hour is not None else None
    return day_of, clock
