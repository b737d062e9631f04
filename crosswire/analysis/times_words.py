"""Time expressions of an article read with a language pack, resolved against its publication date.

The grammar is the one dates share across the languages crosswire has packs for — a day, month
and year ("6 septembre 2023"), a month or a year named alone ("en septembre"), words for days
around today ("hier"), a weekday or a unit with a word for last or next ("mardi dernier", "la
semaine dernière"), and an amount of units ago ("il y a deux semaines") — and the pack gives its
words and on which side of the noun "last" stands. Values are TimeML's: 2023-09-05, 2023-W36,
2023-09, 2023. A weekday named alone points back (to the anchor's own day at most) unless its verb
is in the future tense; a day and month without a year take the year that puts them nearest the
anchor. Without an anchor, expressions that need one keep `value=None`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from spacy.tokens import Doc

from crosswire.analysis.lang import LanguagePack
from crosswire.analysis.nlp import doc_text
from crosswire.records import TimeExpression

Resolver = Callable[[re.Match[str], date | None, LanguagePack], str | None]


def find_times_with(doc: Doc, anchor: str | None, pack: LanguagePack) -> list[TimeExpression]:
    """Every date expression the pack's grammar finds in `doc.text`, in text order."""
    text = doc_text(doc)
    day = _anchor_day(anchor)
    found: list[tuple[int, int, str | None]] = []
    for pattern, resolve in _grammar(pack, doc):
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(start < other_end and other_start < end for other_start, other_end, _ in found):
                found.append((start, end, resolve(match, day, pack)))
    return [TimeExpression(text[start:end], start, end, "DATE", value) for start, end, value in sorted(found)]


def _anchor_day(anchor: str | None) -> date | None:
    try:
        return date.fromisoformat(anchor[:10]) if anchor else None
    except ValueError:
        return None


def _words(words: object) -> str:
    """An alternation of the words, longest first so that "avant-hier" wins over "hier"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


def _grammar(pack: LanguagePack, doc: Doc) -> list[tuple[re.Pattern[str], Resolver]]:
    """The patterns, longest forms first: a match keeps its span against the shorter ones after it."""
    weekday, month, unit = _words(pack.weekdays), _words(pack.months), _words(pack.units)
    past, upcoming, this = _words(pack.past_words), _words(pack.next_words), _words(pack.this_words)
    day = rf"(?:{_words(pack.first_day)}|[12]\d|3[01]|0?[1-9])" if pack.first_day else r"(?:[12]\d|3[01]|0?[1-9])"
    amount = rf"(?:\d+|{_words(pack.numbers)})"
    last_or_next = rf"(?P<when>{past}|{upcoming})"
    with_weekday = (
        rf"(?P<weekday>{weekday})\s+{last_or_next}"
        if pack.modifier_after
        else (rf"{last_or_next}\s+(?P<weekday>{weekday})")
    )
    with_unit = rf"(?P<unit>{unit})\s+{last_or_next}" if pack.modifier_after else rf"{last_or_next}\s+(?P<unit>{unit})"
    rules: list[tuple[str, Resolver]] = [
        (rf"(?:(?:{weekday})\s+)?(?P<day>{day})\s+(?P<month>{month})(?:\s+(?P<year>\d{{4}}))?", _day_month),
        (rf"(?P<month>{month})\s+(?P<year>\d{{4}})", _month_year),
        (rf"(?:{_words(pack.in_words)})\s+(?P<month>{month})", _month_alone),
        (rf"(?:{_words(pack.in_words)})\s+(?P<year>\d{{4}})", lambda match, _anchor, _pack: match["year"]),
        (rf"(?P<word>{_words(pack.day_words)})", _day_word),
        (with_weekday, _weekday_with),
        (with_unit, _unit_with),
        (rf"(?:{this})\s+(?P<unit>{unit})", _this_unit),
        (rf"(?:{_words(pack.ago_words)})\s+(?P<amount>{amount})\s+(?P<unit>{unit})", _ago),
        (rf"(?P<weekday>{weekday})", _bare_weekday(doc)),
    ]
    return [(re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE), resolve) for pattern, resolve in rules]


def _day_month(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    month = pack.months[match["month"].lower()]
    day = 1 if match["day"].lower() in pack.first_day else int(match["day"])
    if match["year"]:
        return _iso(int(match["year"]), month, day)
    if anchor is None:
        return None
    candidates = [(abs((d - anchor).days), d) for year in (anchor.year - 1, anchor.year, anchor.year + 1)
                  if (d := _date(year, month, day)) is not None]  # fmt: skip
    return min(candidates)[1].isoformat() if candidates else None


def _month_year(match: re.Match[str], _anchor: date | None, pack: LanguagePack) -> str:
    return f"{match['year']}-{pack.months[match['month'].lower()]:02d}"


def _month_alone(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    return f"{anchor.year}-{pack.months[match['month'].lower()]:02d}" if anchor else None


def _day_word(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    return (anchor + timedelta(days=pack.day_words[match["word"].lower()])).isoformat() if anchor else None


def _weekday_with(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    if anchor is None:
        return None
    weekday = pack.weekdays[match["weekday"].lower()]
    if match["when"].lower() in pack.past_words:
        return (anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)).isoformat()
    return (anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)).isoformat()


def _unit_with(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    step = -1 if match["when"].lower() in pack.past_words else 1
    return _shifted(anchor, pack.units[match["unit"].lower()], step) if anchor else None


def _this_unit(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    return _shifted(anchor, pack.units[match["unit"].lower()], 0) if anchor else None


def _ago(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
    amount = match["amount"].lower()
    count = int(amount) if amount.isdigit() else pack.numbers[amount]
    return _shifted(anchor, pack.units[match["unit"].lower()], -count) if anchor else None


def _bare_weekday(doc: Doc) -> Resolver:
    def resolve(match: re.Match[str], anchor: date | None, pack: LanguagePack) -> str | None:
        if anchor is None:
            return None
        weekday = pack.weekdays[match["weekday"].lower()]
        if _future(doc, match.start()):
            return (anchor + timedelta(days=(weekday - anchor.weekday()) % 7)).isoformat()
        return (anchor - timedelta(days=(anchor.weekday() - weekday) % 7)).isoformat()

    return resolve


def _future(doc: Doc, offset: int) -> bool:
    """Whether the clause of the word at `offset` speaks of the future (its verb's tense)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    head = span[0].head  # the verb, or the participle or adjective its auxiliary goes with ("sera perturbé")
    return any("Fut" in token.morph.get("Tense") for token in (head, *head.children) if token.pos_ in {"VERB", "AUX"})


def _shifted(anchor: date, unit: str, step: int) -> str | None:
    if unit == "day":
        return (anchor + timedelta(days=step)).isoformat()
    if unit == "week":
        year, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        months = anchor.year * 12 + anchor.month - 1 + step
        return f"{months // 12}-{months % 12 + 1:02d}"
    if unit == "year":
        return str(anchor.year + step)
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(year: int, month: int, day: int) -> str | None:
    found = _date(year, month, day)
    return found.isoformat() if found else None
