"""Language packs: the words the analysis reads a text with, one module per language.

A pack is plain data (no code): quotation marks, speech-cue verbs, pronouns, months, weekdays and the
words of relative time expressions, and the names other languages give to places and people. The
analysis picks the pack by `Article.language` (`pack_for`); a language with no pack is not analysed
(`skip_note` says so), so that no article is ever read with another language's rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_LANGUAGE = "en"  # what a text of unknown language is read as: crosswire's first language


@dataclass(frozen=True)
class LanguagePack:
    """One language's analysis vocabulary; every word is lower case unless it is a name."""

    code: str
    quote_marks: tuple[tuple[str, str], ...] = ()  # (opening, closing) pairs, most typical first
    cue_verbs: frozenset[str] = frozenset()  # lemmas of verbs that report speech
    source_markers: tuple[str, ...] = ()  # "according to X": "selon", "d'après"
    subject_pronouns: frozenset[str] = frozenset()  # stand for a speaker named before
    titles: frozenset[str] = frozenset()  # words of a person's title, never part of their name
    entity_labels: dict[str, str] = field(default_factory=dict)  # the model's labels -> crosswire's
    aliases: dict[str, str] = field(default_factory=dict)  # this language's name -> crosswire's canonical one
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)  # Monday is 0
    day_words: dict[str, int] = field(default_factory=dict)  # "yesterday": -1, as days from the anchor
    past_words: frozenset[str] = frozenset()  # "last": of a weekday, week, month or year
    next_words: frozenset[str] = frozenset()
    this_words: frozenset[str] = frozenset()
    units: dict[str, str] = field(default_factory=dict)  # unit word (and plural) -> day, week, month, year
    numbers: dict[str, int] = field(default_factory=dict)  # spelled numbers
    ago_words: tuple[str, ...] = ()  # opens "N units ago": "il y a"
    in_words: tuple[str, ...] = ()  # opens a month or year named alone: "en septembre", "en 2023"
    first_day: tuple[str, ...] = ()  # how the first of a month is written: "1er", "premier"
    modifier_after: bool = False  # "mardi dernier" (True) or "last Tuesday" (False)


def _packs() -> dict[str, LanguagePack]:
    from crosswire.analysis.lang import en, fr

    return {pack.code: pack for pack in (en.PACK, fr.PACK)}


PACKS = _packs()


def base_code(language: str | None) -> str:
    """The language of a tag: "fr-CA" and "fr_FR" are "fr"; an unknown language reads as the default."""
    return (language or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower() or DEFAULT_LANGUAGE


def pack_for(language: str | None) -> LanguagePack | None:
    """The pack for an article's language, None when crosswire has none for it."""
    return PACKS.get(base_code(language))


def skip_note(language: str | None) -> str:
    """What a user is told about an article crosswire has no language pack for."""
    known = ", ".join(sorted(PACKS))
    return f"not analysed: no language pack for {base_code(language)!r} (crosswire analyses {known})"
