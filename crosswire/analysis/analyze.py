"""One text in, its Analysis out: entities, roles, quotes with resolved speakers, times, events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from typing import TypeVar

from spacy.tokens import Doc

from crosswire.analysis.entities import canonical_name, find_entities
from crosswire.analysis.entities_pack import find_entities_with
from crosswire.analysis.events import find_events
from crosswire.analysis.lang import DEFAULT_LANGUAGE, LanguagePack, base_code, pack_for, skip_note
from crosswire.analysis.nlp import parse_with_context
from crosswire.analysis.quotes import find_quotes
from crosswire.analysis.quotes_marked import find_marked_quotes
from crosswire.analysis.times import find_times
from crosswire.analysis.times_words import find_times_with
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.records import Analysis, AnalysisFailure, EntityMention, Quote, TextItem, error_summary

Context = TypeVar("Context")
_BREAKS = ("\n\n", "\n", ". ", " ")  # where a cut text may end, best first


def analyze_doc(doc: Doc, published: str | None) -> Analysis:
    """The analysis of a parsed text; relative times stay unresolved when `published` is None."""
    entities, roles = find_entities(doc)
    times = find_times(doc, published)
    quotes = [_with_canonical_speaker(quote, entities) for quote in find_quotes(doc)]
    events = find_events(doc, entities, times, published)
    return Analysis(published, tuple(entities), tuple(roles), tuple(quotes), tuple(times), tuple(events))


def analyze_doc_with(doc: Doc, published: str | None, pack: LanguagePack) -> Analysis:
    """The analysis of a text in a language other than English, read with that language's pack:
    entities, direct quotes with their speakers, and dates (the English rules do more)."""
    entities = find_entities_with(doc, pack)
    quotes = find_marked_quotes(doc, pack, entities)
    times = find_times_with(doc, published, pack)
    return Analysis(published, tuple(entities), quotes=tuple(quotes), times=tuple(times))


def analyze_texts(
    items: Iterable[TextItem], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[Analysis | AnalysisFailure]:
    """Analyses of (text, publication date[, language]) items, in order, parsed in batches (see
    `analyze_each`); a text of no stated language is read as English."""
    quads = ((item[0], item[1], item[2] if len(item) > 2 else None, None) for item in items)  # type: ignore[misc]
    for result, _ in analyze_each(quads, settings):
        yield result


def analyze_each(
    items: Iterable[tuple[str, str | None, str | None, Context]], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[tuple[Analysis | AnalysisFailure, Context]]:
    """The analysis of each (text, publication date, language, context) item, with its context, in order.

    Each text is parsed with its language's model and read with its language's pack; a text in a
    language crosswire has no pack or model for is not analysed, and its Analysis says so (`skipped`).
    A text over `settings.max_analysis_chars` is analysed up to a paragraph break before that (its
    `cut_at`), so no text is too long for spaCy; a text that fails, in spaCy or in the analysis, gets
    an AnalysisFailure in its place and the others go on.
    """
    for language, group in groupby(items, key=lambda item: base_code(item[2])):
        pack = pack_for(language)
        model = dict(settings.spacy_models).get(language)
        if pack is None or model is None:
            for _, published, _, context in group:
                yield Analysis(published, language=language, skipped=skip_note(language)), context
            continue
        prepared = (
            (text[:end], (published, end if end < len(text) else None, context))
            for text, published, _, context in group
            for end in (analysis_end(text, settings.max_analysis_chars),)
        )
        for doc, (published, cut_at, context) in parse_with_context(prepared, settings, model):
            yield _analysed(doc, published, cut_at, pack), context


def analysis_end(text: str, limit: int) -> int:
    """Where the analysed part of `text` ends: all of it, or the last break before `limit` in its second half."""
    if len(text) <= limit:
        return len(text)
    for mark in _BREAKS:
        end = text.rfind(mark, limit // 2, limit)
        if end >= 0:
            return end + len(mark.rstrip())
    return limit


def _analysed(
    doc: Doc | Exception, published: str | None, cut_at: int | None, pack: LanguagePack
) -> Analysis | AnalysisFailure:
    if isinstance(doc, Exception):
        return AnalysisFailure(f"spaCy could not parse it ({error_summary(doc)})")
    try:
        english = pack.code == DEFAULT_LANGUAGE  # the English rules are the fullest
        analysis = analyze_doc(doc, published) if english else analyze_doc_with(doc, published, pack)
    except Exception as error:  # one text's failure must not end the batch
        return AnalysisFailure(f"analysis failed ({error_summary(error)})")
    return replace(analysis, cut_at=cut_at, language=pack.code)


def _with_canonical_speaker(quote: Quote, entities: list[EntityMention]) -> Quote:
    """Speakers take the canonical name of the entity they name, so outlets agree on who spoke; a
    speaker described rather than named ("an official at the ministry") keeps the article's words."""
    speaker = quote.speaker
    if speaker is None or speaker.name is None:
        return quote
    canonical = _entity_named(speaker.name, entities)
    if canonical is None:
        named = speaker.kind in {"named", "pronoun"} or (
            speaker.kind == "description" and speaker.name != speaker.mention
        )
        canonical = canonical_name(speaker.name, "PERSON") if named else speaker.name
    return replace(quote, speaker=replace(speaker, name=canonical))


def _entity_named(name: str, entities: list[EntityMention]) -> str | None:
    for entity in entities:
        if entity.text == name or entity.canonical == name:
            return entity.canonical
    return None
