"""One text in, its Analysis out: entities, roles, quotes with resolved speakers, times, events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from crosswire.analysis.entities import canonical_name, find_entities
from crosswire.analysis.events import find_events
from crosswire.analysis.nlp import parse_with_context
from crosswire.analysis.quotes import find_quotes
from crosswire.analysis.times import find_times
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.records import Analysis, EntityMention, Quote


def analyze_doc(doc: Doc, published: str | None) -> Analysis:
    """The analysis of a parsed text; relative times stay unresolved when `published` is None."""
    entities, roles = find_entities(doc)
    times = find_times(doc, published)
    quotes = [_with_canonical_speaker(quote, entities) for quote in find_quotes(doc)]
    events = find_events(doc, entities, times, published)
    return Analysis(published, tuple(entities), tuple(roles), tuple(quotes), tuple(times), tuple(events))


def analyze_texts(items: Iterable[tuple[str, str | None]], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Analysis]:
    """Analyses of (text, publication date) pairs, in order, parsed in batches."""
    for doc, published in parse_with_context(items, settings):
        yield analyze_doc(doc, published)


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
