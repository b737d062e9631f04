"""Publication dates as pages print them: find them, decide their role, normalise to ISO 8601.

Pages print dates in many shapes ("2023-09-12 13:45 KST", "Sept. 12, 2023 - 09:40",
"5/9/202310:31 PM (Mecca Time)") and not every date on a page is the article's: an aggregator's
"today" widget sits at the top of stories that are months older. Each date found keeps the words
around it so the caller can tell a publication date from page chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

import dateparser

from crosswire.articles import lang

_WEEKDAY = r"(?P<weekday>(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:[-–—|,@T]|\bat\b|\bum\b|\bà\b|\ba las\b)?\s*"
    r"(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?:\.\d+)?"
    r"\s*(?P<ampm>(?i:[ap]\.?\s?m\.?))?(?:\s*(?:Uhr|h)\b)?)?"
)
_ZONE = (
    r"(?:\s*\(?\s*(?P<zone>Z(?![a-z])|[+-]\d{2}:?\d{2}|(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?"
    r"|[A-Z]{2,5}T\b|UTC\b|GMT\b|[A-Z][a-z]+\s+(?:time|Time)\b)\s*\)?)?"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_LEADING_TIME = re.compile(
    r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*(?P<ampm>(?i:[ap]\.?\s?m\.?))?"
    r"\s*(?P<zone>[A-Z]{2,5})?\s*[,|-]?\s*$"
)
_ISO = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)" + _TIME + _ZONE,
)
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<first>[0-3]?\d)(?P<sep>[/.])\s?(?P<second_part>[0-3]?\d)(?P=sep)\s?(?P<year>(?:19|20)\d{2})"
    + _TIME
    + _ZONE,
)
MONTHS = {name[:3]: number for name, number in lang.words("en").months.items()}  # type: ignore[union-attr]
FIXED_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "KST": 9, "JST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "PHT": 8,
    "ICT": 7, "WIB": 7, "IST": 5.5, "PKT": 5, "GST": 4, "MSK": 3, "AST": 3, "EAT": 3, "EET": 2,
    "EEST": 3, "CET": 1, "CEST": 2, "WAT": 1, "BST": 1, "WET": 0, "WEST": 1, "AEST": 10,
    "AEDT": 11, "ACST": 9.5, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip
REGIONAL_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
NAMED_ZONES = {
    "mecca": "Asia/Riyadh", "riyadh": "Asia/Riyadh", "doha": "Asia/Qatar", "moscow": "Europe/Moscow",
    "beijing": "Asia/Shanghai", "seoul": "Asia/Seoul", "tokyo": "Asia/Tokyo", "pyongyang": "Asia/Pyongyang",
    "london": "Europe/London", "paris": "Europe/Paris", "berlin": "Europe/Berlin", "eastern": "America/New_York",
    "pacific": "America/Los_Angeles", "central": "America/Chicago", "india": "Asia/Kolkata",
    "kyiv": "Europe/Kyiv", "gulf": "Asia/Dubai", "istanbul": "Europe/Istanbul", "cairo": "Africa/Cairo",
}  # fmt: skip


@dataclass(frozen=True)
class DateMention:
    """A date printed on a page, kept with the words just before it."""

    text: str
    start: int
    end: int
    year: int
    first: int
    second: int
    ambiguous_order: bool
    hour: int | None
    minute: int | None
    second_of_minute: int | None
    zone: str | None
    has_weekday: bool
    label: str

    def resolve(self, day_first: bool) -> str | None:
        """ISO 8601: a date, a local time, or a time with offset when the page gives its zone."""
        month, day = (self.second, self.first) if day_first and self.ambiguous_order else (self.first, self.second)
        try:
            moment = datetime(self.year, month, day, self.hour or 0, self.minute or 0, self.second_of_minute or 0)
        except ValueError:
            return None
        if self.hour is None:
            return moment.date().isoformat()
        zone = zone_info(self.zone, moment) if self.zone else None
        if zone is None:
            return moment.isoformat()
        return moment.replace(tzinfo=zone).isoformat()


@dataclass(frozen=True)
class _Patterns:
    """The patterns for dates written with month names, in the languages they were built for."""

    words: lang.MetadataWords
    month_first: re.Pattern[str]
    day_first: re.Pattern[str]

    @property
    def all(self) -> tuple[re.Pattern[str], ...]:
        return (_ISO, self.month_first, self.day_first, _NUMERIC)


@cache
def _patterns(languages: tuple[str, ...]) -> _Patterns:
    words = lang.merged(languages)
    names = sorted(words.months, key=len, reverse=True)
    month = r"(?P<month>" + "|".join(map(re.escape, names)) + r")(?![^\W\d_])\.?"
    filler = "".join(rf"(?:{re.escape(word)}\s+)?" for word in words.date_fillers)
    month_first = r"(?i:" + _WEEKDAY + month + r")\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME + _ZONE
    day_first = (
        r"(?i:"
        + _WEEKDAY
        + r")(?<![\d.])(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?\s+(?i:"
        + filler
        + month
        + r"),?\s+(?i:"
        + filler
        + r")"
        + _YEAR
        + _TIME
        + _ZONE
    )
    return _Patterns(words, re.compile(month_first), re.compile(day_first))


def find_dates(text: str, languages: tuple[str, ...] = ("en",)) -> list[DateMention]:
    """Every date printed in `text`, left to right, without overlaps, month names in `languages`."""
    patterns = _patterns(languages)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in patterns.all:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(text, match, patterns.words)
            if mention is not None:
                found.append(mention)
                taken.append((match.start(), match.end()))
    found.sort(key=lambda mention: mention.start)
    return found


def _mention(text: str, match: re.Match[str], words: lang.MetadataWords) -> DateMention | None:
    parts = match.groupdict()
    ambiguous = False
    if parts.get("mnum"):
        first, second = int(parts["mnum"]), int(parts["day"])
    elif parts.get("month"):
        first, second = words.months[parts["month"].lower()], int(parts["day"])
    else:
        first, second, ambiguous = _numeric_order(int(parts["first"]), int(parts["second_part"]), parts["sep"])
    if not (1 <= first <= 12 and 1 <= second <= 31):
        return None
    start = match.start()
    if parts.get("hour") is None:
        leading = _LEADING_TIME.search(text[max(0, start - 25) : start])
        if leading:
            parts = {**parts, **leading.groupdict()}
            start = max(0, start - 25) + leading.start()
    hour = _hour(parts)
    return DateMention(
        text=text[start : match.end()].strip(" -–—|,"),
        start=start,
        end=match.end(),
        year=int(parts["year"]),
        first=first,
        second=second,
        ambiguous_order=ambiguous,
        hour=hour,
        minute=int(parts["minute"]) if hour is not None else None,
        second_of_minute=int(parts["second"]) if hour is not None and parts.get("second") else None,
        zone=_zone_name(parts.get("zone")) if hour is not None else None,
        has_weekday=bool(parts.get("weekday")),
        label=_label_before(text, start, words),
    )


def _numeric_order(a: int, b: int, separator: str | None) -> tuple[int, int, bool]:
    """(month, day, still ambiguous) for a numeric date; dotted dates are day-first by convention."""
    if separator == "." or a > 12:
        return b, a, False
    return a, b, b <= 12


def _hour(parts: dict[str, str | None]) -> int | None:
    if parts.get("hour") is None:
        return None
    hour = int(parts["hour"] or 0)
    ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour


def _zone_name(zone: str | None) -> str | None:
    if not zone:
        return None
    zone = zone.strip("() ")
    if zone.endswith(("time", "Time")):
        city = zone.split()[0].lower()
        return zone if city in NAMED_ZONES else None
    return zone


def _label_before(text: str, start: int, words: lang.MetadataWords) -> str:
    """The few words before a date ("Posted on :", "Last update:") that say which date it is."""
    before = text[max(0, start - 40) : start].lower()
    before = re.split(r"[|\n]|\d", before)[-1]
    for cue in words.modified_cues:
        if cue in before:
            return "modified"
    for cue in words.published_cues:
        if cue in before:
            return "published"
    return ""


def zone_info(zone: str, moment: datetime) -> tzinfo | None:
    """A tzinfo for a printed zone: offsets, abbreviations, US regional zones and 'Mecca Time'-style names."""
    compact = zone.replace(" ", "")
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", compact)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        delta = timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0))
        return timezone(sign * delta)
    upper = compact.upper()
    if upper in FIXED_ZONES:
        return timezone(timedelta(hours=FIXED_ZONES[upper]))
    if upper in REGIONAL_ZONES:
        return ZoneInfo(REGIONAL_ZONES[upper])
    city = zone.split()[0].lower()
    if city in NAMED_ZONES:
        return ZoneInfo(NAMED_ZONES[city])
    return None


def decide_day_first(mentions: list[DateMention], locale_day_first: bool | None = None) -> tuple[bool, float, str]:
    """Day-first or month-first for numeric dates, from the page's own evidence before locale.

    Returns the decision, a confidence and the reason: a numeral above 12 settles it; so does
    an unambiguous date elsewhere on the page naming the same day; then the locale's habit.
    """
    ambiguous = [mention for mention in mentions if mention.ambiguous_order]
    if not ambiguous:
        return False, 1.0, "no ambiguous numeric dates"
    plain = {(mention.year, mention.first, mention.second) for mention in mentions if not mention.ambiguous_order}
    as_day_first = sum((m.year, m.second, m.first) in plain for m in ambiguous)
    as_month_first = sum((m.year, m.first, m.second) in plain for m in ambiguous)
    if as_day_first != as_month_first:
        reason = "matches an unambiguous date on the page"
        return as_day_first > as_month_first, 0.9, reason
    if locale_day_first is not None:
        return locale_day_first, 0.6, "locale convention"
    return False, 0.4, "no evidence; month-first assumed"


def parse_date_string(raw: str, day_first: bool | None = None) -> str | None:
    """Normalise a date string from metadata or a JSON record to ISO 8601, keeping its offset."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        has_time = "T" in raw or " " in raw.strip()
        return parsed.isoformat() if has_time else parsed.date().isoformat()
    mentions = find_dates(raw, lang.ALL_CODES)
    if mentions:
        decided, _, _ = decide_day_first(mentions, day_first)
        return mentions[0].resolve(decided)
    return _dateparser_fallback(raw, day_first)


def _dateparser_fallback(raw: str, day_first: bool | None) -> str | None:
    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True}
    if day_first is not None:
        settings["DATE_ORDER"] = "DMY" if day_first else "MDY"
    parsed = dateparser.parse(raw, settings=settings)
    if parsed is None:
        return None
    if parsed.hour == parsed.minute == parsed.second == 0 and not re.search(r"\d:\d", raw):
        return parsed.date().isoformat()
    return parsed.isoformat()


def day_of(iso: str | None) -> date | None:
    """The calendar day of an ISO string, whatever its precision."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def moment_of(iso: str | None) -> datetime | None:
    """The moment an ISO string names when it has a time of day; aware when it states its offset."""
    if not iso or "T" not in iso:
        return None
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def precision_of(iso: str) -> int:
    """How much an ISO string says: 1 a day, 2 a local time, 3 a time with its offset."""
    moment = moment_of(iso)
    if moment is None:
        return 1
    return 3 if moment.tzinfo is not None else 2
