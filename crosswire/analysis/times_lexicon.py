"""The regular-expression pieces of English time expressions, built from the English pack's words.

Kept apart from the rules so that the rules read as grammar ("NUM UNIT ago"); the vocabulary
(spelled numbers, units, holidays) lives in `crosswire.analysis.lang.en`.
"""

from __future__ import annotations

import re

from crosswire.analysis.lang.en import ONES, ORDINALS, TENS, UNITS, WEEKDAYS
from crosswire.articles.dates import MONTHS

# --- regex fragments -------------------------------------------------------------------------

_ONE_WORD = "|".join(sorted(ONES, key=len, reverse=True))
_TEN_WORD = "|".join(TENS)
_UNDER_HUNDRED = rf"(?:(?:{_TEN_WORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_ONE_WORD})"
NUM_WORD = rf"(?:(?:a|one|two|three|four|five)\s+hundred|{_UNDER_HUNDRED}|a\s+dozen|dozens?|hundreds?)"
FRACTION = r"(?:\s+(?:and\s+)?(?:a\s+half|1/2|one[- ]half|a\s+quarter|1/4|three[- ]quarters|3/4)|½)"
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{NUM_WORD}|(?:a\s+)?couple(?:\s+of)?|an?)(?:{FRACTION})?"
VAGUE = r"(?:a\s+few|few|several|some|many|a\s+number\s+of|numerous|countless)"
UNIT = (
    r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|centur(?:y|ies)"
    r"|quarters?|fortnights?|weekends?)"
)
UNIT_SINGULAR = r"(?:year|month|week|day|hour|minute|second|decade|century|quarter|fortnight|weekend)"
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)"
)
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
WEEKDAY_ABBR = rf"(?:{WEEKDAY}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART = r"(?:morning|afternoon|evening|night)"
DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
DAY_WORD = rf"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|{ORDINAL_WORD})"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
SPELLED_YEAR = (
    r"(?:nineteen|eighteen|twenty)[- ](?:hundred(?:\s+and)?[- ])?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|o[- ](?:one|two|three|four|five|six|seven|eight|nine))"
    r"|two\s+thousand(?:\s+and)?(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?))?"
)
ZONE = r"(?:(?-i:[A-Z]{1,4}T\b|GMT|UTC)|\(?local\s+time\)?)"  # upper case only: "feet" is no zone
QUARTER_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final)"
EDGE = r"(?:early|late|mid|earlier|later)"
EDGE_PHRASE = r"(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder|part)\s+of"
APPROX = (
    r"(?:about|around|nearly|almost|approximately|roughly|some|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|up\s+to|over|under|just|only|barely|close\s+to|well\s+over|upwards\s+of"
    r"|another|an\s+additional|a\s+full|the\s+better\s+part\s+of)"
)


def number_value(text: str) -> float | None:
    """The number a numeral or spelled number names: '24' -> 24, 'twenty-four' -> 24, 'a' -> 1.

    Returns None for vague amounts ("several", "a few"), which TimeML writes as X.
    """
    words = text.lower().replace(",", "").replace("-", " ").strip()
    words = re.sub(r"\s+", " ", words)
    fraction = 0.0
    for marker, part in ((" and a half", 0.5), (" a half", 0.5), (" 1/2", 0.5), ("½", 0.5), (" one half", 0.5)):
        if words.endswith(marker):
            words, fraction = words[: -len(marker)].strip(), part
            break
    for marker, part in ((" and a quarter", 0.25), (" a quarter", 0.25), (" 1/4", 0.25), (" 3/4", 0.75),
                         (" three quarters", 0.75)):  # fmt: skip
        if words.endswith(marker):
            words, fraction = words[: -len(marker)].strip(), part
            break
    whole = _whole_number(words)
    return None if whole is None else whole + fraction


def _whole_number(words: str) -> float | None:
    if words in ("a", "an", "one", "a single", "single"):
        return 1
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) if "." in words else int(words)
    if words in ("a dozen", "dozen"):
        return 12
    if words in ("a couple", "a couple of", "couple", "couple of"):
        return 2
    total = 0
    current = 0
    for word in words.split():
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word in ("a", "and"):
            continue
        else:
            return None
    return total + current if (total or current) else None


def spelled_year(text: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = _whole_number(" ".join(w for w in words[2:] if w != "and")) if words[2:] else 0
        return None if rest is None else 2000 + int(rest)
    century = ONES.get(words[0]) or TENS.get(words[0])
    rest_words = [w for w in words[1:] if w not in ("hundred", "and")]
    if century is None:
        return None
    if rest_words and rest_words[0] in ("o", "oh"):
        rest_words = rest_words[1:]
    rest = _whole_number(" ".join(rest_words)) if rest_words else 0
    return None if rest is None else century * 100 + int(rest)


def month_number(text: str) -> int | None:
    key = text.lower().strip(". ")[:3]
    return MONTHS.get(key)


def weekday_number(text: str) -> int | None:
    """Monday is 0, as in `date.weekday()`."""
    return WEEKDAYS.get(text.lower()[:3])


def day_number(text: str) -> int | None:
    """'4', '4th', 'fourth', 'twenty-first' -> the day of the month."""
    text = text.lower().strip()
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    words = text.replace("-", " ").split()
    if len(words) == 2 and words[0] in TENS and words[1] in ORDINALS:
        return TENS[words[0]] + ORDINALS[words[1]]
    return ORDINALS.get(text)


def unit_name(text: str) -> str | None:
    """'Years' -> 'year', 'centuries' -> 'century', 'hrs' -> 'hour'."""
    word = text.lower().rstrip(".")
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith("s") and word[:-1] in UNITS:
        word = word[:-1]
    return UNITS.get(word)
