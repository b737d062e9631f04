"""Named entities of an article read with a language pack: the model's mentions, crosswire's labels,
and one canonical name per referent across languages ("Corée du Nord" is "North Korea").

The English rules (`entities.find_entities`) also repair the small English model's labels and spans;
here the pack's model is trusted, and the pack's alias table maps its names onto the ones English
articles use, so that stories and dossiers join the same people and places whatever the language.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from crosswire.analysis.entities import canonical_name, clean_mention, country_of, fold
from crosswire.analysis.lang import LanguagePack
from crosswire.records import EntityMention


def find_entities_with(doc: Doc, pack: LanguagePack) -> list[EntityMention]:
    """Every entity the model finds, in text order, with its canonical name; a person named in full
    once ("Jake Sullivan") keeps that name where the article then shortens it ("Sullivan")."""
    aliases = {fold(name): canonical for name, canonical in pack.aliases.items()}
    mentions: list[EntityMention] = []
    people: list[str] = []
    for ent in doc.ents:
        span = _without_title(ent, pack)
        if span is None:
            continue
        text = clean_mention(span.text)
        label = _label(text, pack.entity_labels.get(ent.label_, ent.label_), aliases)
        canonical = _canonical(text, label, aliases, people)
        if label == "PERSON" and canonical not in people:
            people.append(canonical)
        mentions.append(EntityMention(text, label, span.start_char, span.start_char + len(text), canonical))
    return mentions


def canonical_in(text: str, label: str, pack: LanguagePack) -> str:
    """The canonical name of one mention outside any article (a speaker named in a source marker)."""
    return _canonical(clean_mention(text), label, {fold(k): v for k, v in pack.aliases.items()}, [])


def _without_title(ent: Span, pack: LanguagePack) -> Span | None:
    """The name without the title words the model sometimes takes in ("président Poutine")."""
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ in pack.titles:
        start += 1
    return ent.doc[start : ent.end] if start < ent.end else None


def _label(text: str, label: str, aliases: dict[str, str]) -> str:
    """A place that is a state is a GPE, as the English model labels it; other places stay LOC."""
    if label != "GPE":
        return label
    return "GPE" if country_of(aliases.get(fold(text), text)) else "LOC"


def _canonical(text: str, label: str, aliases: dict[str, str], people: list[str]) -> str:
    name = canonical_name(aliases.get(fold(text), text), label)
    if label == "PERSON" and " " not in name:
        fuller = [person for person in people if person.split()[-1] == name]
        if fuller:
            return fuller[-1]
    return name
