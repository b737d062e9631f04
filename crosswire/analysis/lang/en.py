"""English: the words crosswire's analysis reads English articles with (see crosswire.analysis.lang).

The English rules (`quotes_*`, `times_*`, `entities`) predate the packs and still keep some of their
word lists beside their patterns; the time-expression vocabulary lives here.
"""

from crosswire.analysis.lang import LanguagePack
from crosswire.articles.lang.en import MONTHS

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI",
}  # fmt: skip
UNITS = {
    "year": "year", "yr": "year", "month": "month", "week": "week", "day": "day", "hour": "hour", "hr": "hour",
    "minute": "minute", "min": "minute", "second": "second", "decade": "decade", "century": "century",
    "centurie": "century", "quarter": "quarter", "fortnight": "fortnight", "weekend": "weekend",
}  # fmt: skip
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M", "bimonthly": "P2M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M",
    "biannually": "P6M",
}  # fmt: skip

# Fixed-date holidays (month, day) and rule-based ones computed in the rules module.
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24), "christmas day": (12, 25),
    "christmas": (12, 25), "boxing day": (12, 26), "valentine's day": (2, 14), "halloween": (10, 31),
    "independence day": (7, 4), "the fourth of july": (7, 4), "july fourth": (7, 4), "veterans day": (11, 11),
    "armistice day": (11, 11), "bastille day": (7, 14), "may day": (5, 1), "st. patrick's day": (3, 17),
    "new year": (1, 1), "new year's": (1, 1),
}  # fmt: skip

PACK = LanguagePack(
    code="en",
    quote_marks=(("“", "”"), ('"', '"'), ("‘", "’")),
    cue_verbs=frozenset({"say", "tell", "add", "warn", "state", "claim", "insist", "write", "announce"}),
    source_markers=("according to",),
    subject_pronouns=frozenset({"he", "she", "they"}),
    entity_labels={"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC"},
    months=MONTHS,
    weekdays={"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    day_words={"yesterday": -1, "today": 0, "tomorrow": 1},
    past_words=frozenset({"last", "past", "previous"}),
    next_words=frozenset({"next", "coming"}),
    this_words=frozenset({"this"}),
    units={f"{unit}s": name for unit, name in UNITS.items()} | UNITS,
    numbers=ONES | TENS,
    ago_words=("ago",),
    in_words=("in",),
)
