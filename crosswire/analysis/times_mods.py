"""The TimeML `mod` of a time expression: the part of the period meant, or how the amount is hedged.

TimeML keeps "early September" as the month 2023-09 with mod START, "about two weeks" as P2W
with mod APPROX, "more than a year" as P1Y with MORE_THAN. The words that carry a mod sit at the
expression's start, inside its extent ("early", "the end of", "mid-") or, for hedges TimeBank
leaves outside ("about [two weeks]"), just before it; "or later" follows it. Values follow the
TimeML 1.2.1 guidelines: a hedged amount before "ago" or "later" moves the date, so "more than a
year ago" is BEFORE the year-ago date and "less than a year ago" AFTER it. "Earlier this week" is
its START, as TimeBank has it; "later today" is left without a mod, since it means after some
moment of the day rather than its end.
"""

from __future__ import annotations

import re

from crosswire.analysis.times_rules import DURATION, SET

QUANTITY = r"(?=\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|half|\d+)\b)"
# (words, whether they hedge only before an amount: "some [three years]", not "some [Monday]"); "over"
# is left out, since "over three years" is more often the span itself than more than it
HEDGES = {
    "more": (r"more\s+than|upwards\s+of|in\s+excess\s+of", True),
    "less": (r"less\s+than|fewer\s+than|under", True),
    "at_least": (r"at\s+least|no\s+(?:less|fewer)\s+than", False),
    "at_most": (r"at\s+most|no\s+more\s+than|up\s+to|within", True),
    "approx": (r"about|around|approximately|roughly|circa|an\s+estimated|some", True),
    "nearly": (r"nearly|almost|close\s+to", False),
}
_HEDGE = "|".join(rf"(?P<{name}>(?:{words}){QUANTITY if amount else ''})" for name, (words, amount) in HEDGES.items())
HEDGE = re.compile(rf"(?<![\w-])(?:{_HEDGE})\s+", re.IGNORECASE)
DURATION_MODS = {
    "more": "MORE_THAN",
    "less": "LESS_THAN",
    "at_least": "EQUAL_OR_MORE",
    "at_most": "EQUAL_OR_LESS",
    "approx": "APPROX",
    "nearly": "LESS_THAN",
}
PAST_MODS = {"more": "BEFORE", "less": "AFTER", "at_least": "ON_OR_BEFORE", "at_most": "ON_OR_AFTER"}
FUTURE_MODS = {"more": "AFTER", "less": "BEFORE", "at_least": "ON_OR_AFTER", "at_most": "ON_OR_BEFORE"}
PAST = re.compile(r"\b(?:ago|earlier|before|previously)$", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:later|after|from\s+now|hence)$", re.IGNORECASE)
PARTS = (
    ("START", re.compile(r"^(?:the\s+)?(?:early|earlier|beginning\s+of|start\s+of|dawn\s+of)\b", re.IGNORECASE)),
    ("MID", re.compile(r"^(?:the\s+)?(?:mid\b-?|middle\s+of\b)", re.IGNORECASE)),
    ("END", re.compile(r"^(?:the\s+)?(?:late|end\s+of|close\s+of)\b|\b(?:year|month|week)(?:['’]s)?[\s-]end$",
                       re.IGNORECASE)),
)  # fmt: skip
PART_BEFORE = re.compile(r"(?<![\w-])(?:the\s+)?(?P<part>early|late|mid-?|middle\s+of|end\s+of)\s*$", re.IGNORECASE)
PART_NAMES = {"early": "START", "late": "END", "mid": "MID", "mid-": "MID", "middle of": "MID", "end of": "END"}
PREFIXES = {"post-": "AFTER", "pre-": "BEFORE"}
OR_LATER = re.compile(r"\s+or\s+(?P<when>later|after|earlier|before)\b", re.IGNORECASE)


def time_mod(text: str, start: int, end: int, kind: str) -> str | None:
    """The mod of the expression `text[start:end]` of TimeML type `kind`, or None."""
    if kind == SET:
        return None
    inner = text[start:end]
    hedge = HEDGE.match(inner) or _hedge_before(text, start, end)
    if hedge is not None:
        return _hedged(str(hedge.lastgroup), inner, kind)
    for mod, pattern in PARTS:
        if pattern.search(inner):
            return mod
    if part := PART_BEFORE.search(text, max(0, start - 20), start):
        return PART_NAMES[" ".join(part.group("part").lower().split())]
    lead = text[max(0, start - 5) : start + 5].lower()
    if prefix := next((mod for word, mod in PREFIXES.items() if word in lead), None):
        return prefix  # "post-1959", inside the extent or just before it
    if later := OR_LATER.match(text, end):
        return "ON_OR_AFTER" if later.group("when").lower() in {"later", "after"} else "ON_OR_BEFORE"
    return None


def _hedge_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """A hedge ending right where the expression starts ("about [two weeks]")."""
    low = max(0, start - 30)
    return next((m for m in HEDGE.finditer(text[low:end]) if m.end() == start - low), None)


def _hedged(hedge: str, inner: str, kind: str) -> str | None:
    """A hedge's mod: on an amount of time as it stands, on a date by which way it moves the date."""
    if kind == DURATION:
        return DURATION_MODS[hedge]
    if hedge in {"approx", "nearly"}:
        return "APPROX"
    if PAST.search(inner.rstrip(" .,")):
        return PAST_MODS[hedge]
    if FUTURE.search(inner.rstrip(" .,")):
        return FUTURE_MODS[hedge]
    return None
