"""One text in, its Analysis out: entities, roles, quotes with resolved speakers, times, events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

from spacy.tokens import Doc

from crosswire.analysis.entities import canonical_name, find_entities
from crosswire.analysis.events import find_events
from crosswire.analysis.nlp import parse_with_context
from crosswire.analysis.quotes import find_quotes
from crosswire.analysis.times import find_times
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.records import Analysis, AnalysisFailure, EntityMention, Quote, error_summary

Context = TypeVar("Context")
_BREAKS = ("\n\n", "\n", ". ", " ")  # where a cut text may end, best first


def analyze_doc(doc: Doc, published: str | None) -> Analysis:
    """The analysis of a parsed text; relative times stay unresolved when `published` is None."""
    entities, roles = find_entities(doc)
    times = find_times(doc, published)
    quotes = [_with_canonical_speaker(quote, entities) for quote in find_quotes(doc)]
    events = find_events(doc, entities, times, published)
    return Analysis(published, tuple(entities), tuple(roles), tuple(quotes), tuple(times), tuple(events))


def analyze_texts(
    items: Iterable[tuple[str, str | None]], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[Analysis | AnalysisFailure]:
    """Analyses of (text, publication date) pairs, in order, parsed in batches (see `analyze_each`)."""
    for result, _ in analyze_each(((text, published, None) for text, published in items), settings):
        yield result


def analyze_each(
    items: Iterable[tuple[str, str | None, Context]], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[tuple[Analysis | AnalysisFailure, Context]]:
    """The analysis of each (text, publication date, context) triple, with its context, in order.

    A text over `settings.max_analysis_chars` is analysed up to a paragraph break before that (its
    `cut_at`), so no text is too long for spaCy; a text that fails, in spaCy or in the analysis, gets
    an AnalysisFailure in its place and the others go on.
    """
    prepared = (
        (text[:end], (published, end if end < len(text) else None, context))
        for text, published, context in items
        for end in (analysis_end(text, settings.max_analysis_chars),)
    )
    for doc, (published, cut_at, context) in parse_with_context(prepared, settings):
        yield _analysed(doc, published, cut_at), context


def analysis_end(text: str, limit: int) -> int:
    """Where the analysed part of `text` ends: all of it, or the last break before `limit` in its second half."""
    if len(text) <= limit:
        return len(text)
    for mark in _BREAKS:
        end = text.rfind(mark, limit // 2, limit)
        if end >= 0:
            return end + len(mark.rstrip())
    return limit


def _analysed(doc: Doc | Exception, published: str | None, cut_at: int | None) -> Analysis | AnalysisFailure:
    if isinstance(doc, Exception):
        return AnalysisFailure(f"spaCy could not parse it ({error_summary(doc)})")
    try:
        analysis = analyze_doc(doc, published)
    except Exception as error:  # one text's failure must not end the batch
        return AnalysisFailure(f"analysis failed ({error_summary(error)})")
    return replace(analysis, cut_at=cut_at)


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
