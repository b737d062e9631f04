"""Rules for lengths of time and repetitions: 'two years', 'the past six months', 'for hours',
'every week', 'daily', 'each Monday'.

Durations need no anchor, so they keep their values in undated articles. "A year" is a
duration except after an amount ("$5,000 a year", "twice a year"), where it is a frequency.
"""

from __future__ import annotations

import re

from crosswire.analysis.lang.en import PARTS_OF_DAY, SEASON_CODES, SET_ADVERBS
from crosswire.analysis.times_calendar import duration_value
from crosswire.analysis.times_context import Context
from crosswire.analysis.times_lexicon import (
    APPROX,
    MONTH,
    NUMBER,
    PART,
    SEASON,
    UNIT,
    UNIT_SINGULAR,
    VAGUE,
    WEEKDAY,
    month_number,
    number_value,
    unit_name,
    weekday_number,
)
from crosswire.analysis.times_rules import DURATION, SET, Reading, Rule, after, before, capitalised, group, rx

# An amount shortly before "a year" makes it a rate: "$5,000 a year", "four flights a week", "twice a day".
_AMOUNT_BEFORE = re.compile(
    r"(?:\d[\d,.%]*|\$\S*|\b(?:once|twice|thrice|times|one|two|three|four|five|six|seven|eight|nine|ten|twelve"
    r"|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|percent|cents?|dollars?))"
    r"(?:\s+[\w%$-]+){0,3}\s*$",
    re.IGNORECASE,
)


def _duration(match: re.Match[str], ctx: Context) -> Reading | None:
    """'two years' -> P2Y, 'two and a half years' -> P2Y6M; ranges and 'several' -> PXY."""
    unit = unit_name(group(match, "unit"))
    if unit is None:
        return None
    text = group(match, "num")
    vague = not text or bool(re.fullmatch(VAGUE, text, re.IGNORECASE)) or bool(group(match, "range"))
    amount = None if vague else number_value(text)
    if amount is not None and group(match, "frac"):
        amount += 0.5
    if amount is None and not vague:
        return None
    return Reading(DURATION, duration_value(amount, unit))


def _duration_ok(match: re.Match[str], ctx: Context) -> bool:
    """Rejects 'a second time', 'a quarter of', and a frequency's 'a year' ('$5 a year')."""
    unit = unit_name(group(match, "unit"))
    modified = group(match, "det") or group(match, "rel") or group(match, "approx")
    bare = group(match, "num") in ("a", "an") and not modified
    if bare and (unit in ("second", "quarter") or _AMOUNT_BEFORE.search(before(match, 20))):
        return False
    if unit == "quarter" and re.match(r"\s+of\b", after(match, 5)):
        return False
    if unit == "second" and not re.search(r"\d|seconds", match.group(0).lower()):
        return False
    if capitalised(match.group("unit")) and not capitalised(match.group(0)):
        return False  # a title: "60 Minutes"
    return not re.match(r"[\s-]+old\b", after(match, 6))


_RANGE = rf"(?P<range>\s*(?:to|or|-|–|and)\s*(?:{NUMBER}))?"
DURATION_RULE = Rule(
    "duration",
    rx(
        r"(?:(?P<approx>at\s+least|at\s+most|nearly|almost|more\s+than|less\s+than|well\s+over)\s+(?=the\s))?"
        r"(?:(?P<det>the|those|these|its|their|his|her|our|each\s+of\s+the)\s+)?"
        r"(?:(?P<rel>past|last|next|first|final|coming|previous|following|remaining|latest|initial|ensuing"
        r"|intervening|preceding|prior|same|better\s+part\s+of\s+the|year[\s-](?:earlier|ago))\s+(?!an?\s))?"
        rf"(?:(?P<approx2>{APPROX})\s+)?(?P<num>{NUMBER}|{VAGUE}){_RANGE}[\s-]+"
        r"(?:(?:more|additional|full|straight|consecutive|long|trading|business|working|calendar|extra|short)\s+)?"
        rf"(?P<unit>{UNIT})(?P<frac>\s+and\s+a\s+half)?(?:\s+or\s+(?:so|more|longer))?"
    ),
    _duration,
    _duration_ok,
)

_BARE_CUES = re.compile(r"\b(?:for|in|over|within|after|took|takes|take|lasted|lasting|spent|spend|up\s+to)\s+$")


def _some_units(match: re.Match[str], ctx: Context) -> Reading | None:
    """'for years', 'within hours', 'decades-long': an unstated number of units (PXY, PTXH)."""
    unit = unit_name(group(match, "unit"))
    return Reading(DURATION, duration_value(None, unit)) if unit else None


def _some_units_ok(match: re.Match[str], ctx: Context) -> bool:
    """Bare plurals are durations only after 'for', 'within', 'took'...: not 'the days before'."""
    return match.group(0).lower().endswith("-long") or bool(_BARE_CUES.search(before(match, 12)))


BARE_UNITS = Rule(
    "bare-units",
    rx(r"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)(?:-long)?"),
    _some_units,
    _some_units_ok,
)
LONG_UNIT = Rule(
    "unit-long",
    rx(r"(?P<unit>year|month|week|day|hour|decade|century)-long"),
    lambda m, ctx: Reading(DURATION, duration_value(1, unit_name(group(m, "unit")) or "day")),
)
FISCAL_YEAR_SPAN = Rule(
    "year-ended",
    rx(r"the\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending|that\s+ended|through|to)\b)"),
    lambda m, ctx: Reading(DURATION, "P1Y"),
)


def _half_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    """'half an hour' (PT30M), 'a half-century' (P50Y); not 'half a second' the ordinal."""
    unit = unit_name(group(match, "unit"))
    if unit in ("second", "quarter", None):
        return None
    return Reading(DURATION, duration_value(0.5, unit))


HALF_UNIT = Rule("half-unit", rx(rf"(?:(?:a|an)\s+)?half[\s-](?:an?\s+)?(?P<unit>{UNIT_SINGULAR})"), _half_unit)


# --- frequencies --------------------------------------------------------------------------------


def _set(match: re.Match[str], ctx: Context) -> Reading | None:
    """'every two years' -> P2Y, 'each Monday' -> XXXX-WXX-1, 'each July' -> XXXX-07."""
    what = group(match, "what")
    every = 2 if group(match, "other") else 1
    if group(match, "num"):
        every = int(number_value(group(match, "num")) or 1)
    weekday = weekday_number(what) if re.fullmatch(WEEKDAY, what) else None
    if weekday is not None:
        return Reading(SET, f"XXXX-WXX-{weekday + 1}")
    if re.fullmatch(SEASON, what):
        return Reading(SET, f"XXXX-{SEASON_CODES[what]}")
    if what in PARTS_OF_DAY:
        return Reading(SET, f"XXXX-XX-XXT{PARTS_OF_DAY[what]}")
    if re.fullmatch(MONTH, what):
        month = month_number(what)
        return Reading(SET, f"XXXX-{month:02d}") if month else None
    unit = unit_name(what)
    return Reading(SET, duration_value(every, unit)) if unit else None


def _set_ok(match: re.Match[str], ctx: Context) -> bool:
    """'a week' is a frequency only after an amount ("twice a week", "700 seats a week")."""
    word = group(match, "q")
    if word in ("a", "an"):
        return bool(group(match, "freq")) or bool(_AMOUNT_BEFORE.search(before(match, 20)))
    if word == "each" and re.match(r"\s+of\b", after(match, 5)):
        return False
    what = match.group("what")
    return not re.fullmatch(MONTH, what, re.IGNORECASE) or what[0].isupper()


SET_RULE = Rule(
    "set",
    rx(
        rf"(?:(?P<freq>once|twice|thrice|(?:{NUMBER})\s+times)\s+)?(?P<q>every|each|per|a|an)\s+"
        rf"(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER})\s+)?(?P<what>{UNIT}|{WEEKDAY}|{MONTH}|{SEASON}|{PART})"
    ),
    _set,
    _set_ok,
)
# "Quarterly dividend", "monthly sales": a kind of payment or figure of a reporting period, not a
# repetition in time; "hourly earnings" are a rate and stay one.
_REPORTING_PERIODS = {"monthly", "bimonthly", "quarterly", "annually", "yearly", "semiannually", "biannually"}
_REPORTED_FIGURE = re.compile(
    r"\s+(?:(?:cash|common|stock|net|operating|pretax)\s+)*(?:dividends?|payouts?|results|earnings|loss(?:es)?"
    r"|profits?|reports?|statements?|payments?|sales|revenues?|figures|filings?)\b"
)
SET_ADVERB = Rule(
    "set-adverb",
    rx("|".join(SET_ADVERBS)),
    lambda m, ctx: Reading(SET, SET_ADVERBS[m.group(0).lower()]),
    lambda m, ctx: m.group(0).lower() not in _REPORTING_PERIODS or not _REPORTED_FIGURE.match(after(m, 40)),
)

RULES = (SET_RULE, DURATION_RULE, BARE_UNITS, LONG_UNIT, FISCAL_YEAR_SPAN, HALF_UNIT, SET_ADVERB)
