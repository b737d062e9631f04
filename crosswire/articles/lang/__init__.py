"""The words crosswire reads page metadata with, one module per language.

Every module holds plain constants of the same names (no code): how bylines open and join names, which credits
name no one, how months are written, which cue words say that a date is the publication or the
last update, and which section names a page may show where a headline is expected. Code asks
`words(code)` for one language, or `merged(codes)` for several (a page whose language is unsure
is read with every language's words).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from crosswire.articles.lang import de, en, es, fr, it, pt


@dataclass(frozen=True)
class MetadataWords:
    """One language's metadata vocabulary; every phrase is lower case."""

    code: str
    byline_prefixes: tuple[str, ...] = ()  # open a credit: "by", "von", "par", "por"
    name_joiners: tuple[str, ...] = ()  # join two names: "and", "und", "et", "y"
    other_roles: tuple[str, ...] = ()  # credits that are not authorship: "photos", "übersetzung"
    role_words: frozenset[str] = frozenset()  # words that are never part of a person's name
    not_names: frozenset[str] = frozenset()  # whole credits that name no one: "admin", "gast"
    months: dict[str, int] = field(default_factory=dict)  # full names and abbreviations
    date_fillers: tuple[str, ...] = ()  # words between day, month and year: "de", "del"
    published_cues: tuple[str, ...] = ()
    modified_cues: tuple[str, ...] = ()
    generic_headings: frozenset[str] = frozenset()  # section names, never an article's headline
    boilerplate_starts: tuple[str, ...] = ()  # how a short line of page furniture opens: "read more", "auch lesen"
    numeric_day_first: bool | None = None  # how "4/6/2023" reads where the language decides it


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(phrase for group in groups for phrase in group))


def _longest_first(phrases: Iterable[str]) -> tuple[str, ...]:
    """Longest first, so that "written by" is tried before "by"."""
    return tuple(sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase)))


def _from_module(module: ModuleType) -> MetadataWords:
    return MetadataWords(
        code=module.CODE,
        byline_prefixes=_longest_first(module.BYLINE_PREFIXES),
        name_joiners=module.NAME_JOINERS,
        other_roles=module.OTHER_ROLES,
        role_words=frozenset(module.ROLE_WORDS),
        not_names=frozenset(module.NOT_NAMES),
        months=module.MONTHS,
        date_fillers=module.DATE_FILLERS,
        published_cues=module.PUBLISHED_CUES,
        modified_cues=module.MODIFIED_CUES,
        generic_headings=frozenset(module.GENERIC_HEADINGS),
        boilerplate_starts=module.BOILERPLATE_STARTS,
        numeric_day_first=module.NUMERIC_DAY_FIRST,
    )


LANGUAGES: dict[str, MetadataWords] = {module.CODE: _from_module(module) for module in (en, de, fr, es, it, pt)}
ALL_CODES = tuple(LANGUAGES)


def words(code: str | None) -> MetadataWords | None:
    """One language's words; None for a language crosswire has none for."""
    return LANGUAGES.get((code or "").split("-")[0].split("_")[0].lower())


def reading_languages(*codes: str | None) -> tuple[str, ...]:
    """The languages to read a page with: those of `codes` crosswire has words for (language tags such
    as "de-AT" count as "de"), then English, which pages in every language borrow from."""
    known = [language.code for code in codes if (language := words(code))]
    return tuple(dict.fromkeys([*known, "en"]))


@cache
def merged(codes: tuple[str, ...] | None = None) -> MetadataWords:
    """The words of several languages together (every known language when `codes` is None)."""
    chosen = [LANGUAGES[code] for code in (codes or ALL_CODES) if code in LANGUAGES]
    months: dict[str, int] = {}
    for language in chosen:
        months.update(language.months)
    day_first = {language.numeric_day_first for language in chosen}
    return MetadataWords(
        code="+".join(language.code for language in chosen),
        byline_prefixes=_longest_first(_union(language.byline_prefixes for language in chosen)),
        name_joiners=_union(language.name_joiners for language in chosen),
        other_roles=_union(language.other_roles for language in chosen),
        role_words=frozenset().union(*(language.role_words for language in chosen)),
        not_names=frozenset().union(*(language.not_names for language in chosen)),
        months=months,
        date_fillers=_union(language.date_fillers for language in chosen),
        published_cues=_union(language.published_cues for language in chosen),
        modified_cues=_union(language.modified_cues for language in chosen),
        generic_headings=frozenset().union(*(language.generic_headings for language in chosen)),
        boilerplate_starts=_union(language.boilerplate_starts for language in chosen),
        numeric_day_first=day_first.pop() if len(day_first) == 1 else None,
    )
