"""Dates as people write them: the one formatter for whatever a reader sees (pages, reports, terminal tables).

The store keeps machine values — ISO 8601 timestamps for publication dates, TimeML values for the
times an article mentions (`2023-W35`, `P1W`, `PAST_REF`) — and only this module turns them into
words: "week of 28 August 2023", "1 week", "in the past". English, day before month, as the
articles crosswire reads mostly are; a value it cannot read is shown as it is, never dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from crosswire.analysis.times_calendar import Period, parse_value

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
REFERENCES = {"PAST_REF": "in the past", "PRESENT_REF": "now", "FUTURE_REF": "in the future"}
UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "H": "hour", "S": "second"}
TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
ORDINALS = ("first", "second", "third", "fourth")
# TimeML's mod: the part of a period meant, or how an amount is hedged.
MODS = {"START": "early {}", "MID": "mid-{}", "END": "late {}", "APPROX": "about {}", "MORE_THAN": "more than {}",
        "LESS_THAN": "less than {}", "EQUAL_OR_MORE": "at least {}", "EQUAL_OR_LESS": "at most {}",
        "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "on or before {}",
        "ON_OR_AFTER": "on or after {}"}  # fmt: skip
_DURATION = re.compile(r"P(?:(?P<date>(?:[\dX.]+[YMWDQ])+))?(?:T(?P<time>(?:[\dX.]+[HMS])+))?")
_AMOUNT = re.compile(r"([\dX.]+)([A-Z])")
_WEEKDAY_SET = re.compile(r"XXXX-WXX-([1-7])")
_UNKNOWN_YEAR = re.compile(r"XXXX-(\d{2})(?:-(\d{2}))?")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_text(day: date) -> str:
    """5 September 2023."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def readable_value(value: str | None, mod: str | None = None) -> str:
    """A TimeML value in words: "week of 28 August 2023", "early September 2023", "about 2 weeks";
    "date unknown" for none, and the value itself when it is of no form this module knows."""
    if not value:
        return "date unknown"
    period = parse_value(value)
    words = _period_words(period) if period else _other_words(value)
    if words is None:
        return value
    return MODS[mod].format(words) if mod in MODS else words


def _period_words(period: Period) -> str:
    start, grain = period.start, period.grain
    if grain == "century":
        return f"the {start.year // 100 + 1}{_suffix(start.year // 100 + 1)} century"
    if grain == "decade":
        return f"the {start.year}s"
    if grain == "year":
        return str(start.year)
    if grain == "half":
        return f"the {ORDINALS[0 if start.month == 1 else 1]} half of {start.year}"
    if grain == "quarter":
        return f"the {ORDINALS[(start.month - 1) // 3]} quarter of {start.year}"
    if grain == "season":
        season = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}[start.month]
        return f"{season} {start.year}" if start.month != 12 else f"winter {start.year}–{(start.year + 1) % 100:02d}"
    if grain == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if grain == "week":
        return f"week of {day_text(start)}"
    if grain == "weekend":
        return f"weekend of {day_range(start + timedelta(days=5), start + timedelta(days=6))}"
    if grain == "part":
        return f"{PARTS_OF_DAY.get(period.part or '', 'part')} of {day_text(start)}"
    if grain == "time" and period.clock:
        return f"{day_text(start)}, {period.clock[0]:02d}:{period.clock[1]:02d}"
    return day_text(start)


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _other_words(value: str) -> str | None:
    """References, durations, recurring days and dates of an unknown year."""
    if value in REFERENCES:
        return REFERENCES[value]
    if match := _DURATION.fullmatch(value):
        return _duration_words(match) if match["date"] or match["time"] else None
    if match := _WEEKDAY_SET.fullmatch(value):
        return f"every {WEEKDAYS[int(match[1]) - 1]}"
    if match := _UNKNOWN_YEAR.fullmatch(value):
        month = int(match[1])
        if not 1 <= month <= 12:
            return None
        return f"{int(match[2])} {MONTHS[month - 1]}" if match[2] else MONTHS[month - 1]
    return None


def _duration_words(match: re.Match[str]) -> str:
    """P1W "1 week", P1Y6M "1 year 6 months", PXD "some days", PT3H "3 hours"."""
    words = []
    for part, units in ((match["date"], UNITS), (match["time"], TIME_UNITS)):
        for amount, letter in _AMOUNT.findall(part or ""):
            unit = units.get(letter, letter)
            if amount == "X":
                words.append(f"some {unit}s")
            else:
                number = float(amount)
                shown = str(int(number)) if number.is_integer() else f"{number:g}"
                words.append(f"{shown} {unit}{'' if number == 1 else 's'}")
    return " ".join(words)


def readable_moment(iso: str | None) -> str:
    """A publication date or time: "12 September 2023, 13:45 UTC+09:00" when its zone is known,
    "…, 09:40 local time" when the page gave none, "5 September 2023" for a day; "undated" for none."""
    if not iso:
        return "undated"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if "T" not in iso:
        return day_text(moment.date())
    clock = f"{day_text(moment.date())}, {moment.hour:02d}:{moment.minute:02d}"
    offset = moment.utcoffset()
    if offset is None:
        return f"{clock} local time"
    if not offset:
        return f"{clock} UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{clock} UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def day_range(first: date | None, last: date | None) -> str:
    """Two days as one span: "5–12 September 2023", "30 August – 2 September 2023", one day alone."""
    if first is None or last is None:
        return day_text(first or last) if first or last else "undated"
    first, last = min(first, last), max(first, last)
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {day_text(last)}"
    return f"{day_text(first)} – {day_text(last)}"


def published_range(first: str | None, last: str | None) -> str:
    """The days a story's articles were published over, each on its publisher's calendar."""
    return day_range(_local_day(first), _local_day(last))


def _local_day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None
