"""Named entities, each with one canonical name shared by every article and outlet that mentions it.

Stories are built by matching the same referent across outlets that spell it differently ("Kim
Jong-un", "Kim Jong Un"; "DPRK", "N. Korea"; "Washington announced" for the US government), so the
canonical name is a pure function of a mention's text and label plus what the same document says
about it: no state carries over between documents, and two articles parsed apart still agree.
A person keeps the name as the article writes it (hyphens, particles, capitals); spellings that
differ only in case and hyphens are one entity by their `entity_key`.

The pipeline over spaCy's entities: clean the span (article, possessive, punctuation), take titles
out of person spans ("US National Security Advisor" tagged ORG before "Jake Sullivan" is his
title), fix labels the small model gets wrong by looking at the rest of the document, canonicalise
through `data/aliases.tsv`, resolve short mentions to the full name the document uses, and read
capitals used as their governments (metonymy) from the dependency parse.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from crosswire.analysis.nlp import doc_text
from crosswire.articles import outlets
from crosswire.records import EntityMention, EntityRole


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"})
# Words that make a title when they precede a name; lower-cased, dots removed.
TITLE_WORDS = _words(
    """president vice prime minister secretary adviser advisor spokesperson spokesman spokeswoman
    senator sen rep representative congressman congresswoman governor gov mayor general gen lt col
    colonel maj captain capt admiral adm sgt ambassador envoy chancellor premier chairman chairwoman
    chair director leader commander chief deputy assistant special coordinator official judge justice
    attorney former acting press foreign defense defence interior finance national security state
    first lady clerk sheriff councillor councilor councilman councilwoman candidate challenger incumbent"""
)
# Title words that head a title, so a name right after one is a person's.
PERSON_TITLES = _words(
    """president minister secretary adviser advisor spokesperson spokesman spokeswoman senator governor
    mayor general ambassador envoy chancellor premier chairman chairwoman director leader commander
    coordinator judge"""
)
COMPASS = frozenset({"north", "south", "east", "west"})
# Nouns and verbs after which "to/from <capital>" is a journey, so the capital stays a place.
MOTION = _words(
    """go travel fly head arrive return come move leave visit trip journey flight train drive sail
    relocate tour way road route border flee escape evacuate"""
)
# Verbs whose direct object is the city itself, not its government ("visited Pyongyang").
PLACE_VERBS = MOTION | _words("reach enter attack bomb strike shell hit capture besiege surround")
# Prepositions after which a capital names the state ("talks between Pyongyang and Moscow").
STATE_PREPS = frozenset({"between", "with", "against", "by", "on", "toward", "towards", "for"})
# Heads of "to/from" after which a capital is a recipient or source, not a destination.
TRANSFER = _words(
    """provide supply sell deliver ship transfer export give shipment delivery sale aid support
    message letter warning threat appeal call pressure"""
)
PARTICLES = frozenset({"van", "von", "de", "da", "del", "der", "di", "la", "le", "al", "bin", "ibn", "el"})


@dataclass(frozen=True)
class Referent:
    """One row of the alias table."""

    canonical: str
    label: str
    capital: str | None
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass
class _Mention:
    """A mention while it is being cleaned; frozen into `EntityMention` at the end."""

    start: int
    end: int
    label: str
    canonical: str = ""


def fold(text: str) -> str:
    """The matching key for names: no case, dots ("U.S." = "US"), punctuation or leading "the"."""
    key = re.sub(r"[\W_]+", " ", text.lower().replace(".", "")).strip()
    return key.removeprefix("the ")


@cache
def referents() -> tuple[Referent, ...]:
    text = resources.files("crosswire.analysis").joinpath("data/aliases.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, label, capital, demonyms, aliases = (line.split("\t") + [""] * 5)[:5]
        rows.append(Referent(canonical, label, capital or None, _split(demonyms), _split(aliases)))
    return tuple(rows)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in cell.split(";") if item.strip())


@cache
def _by_alias() -> dict[str, Referent]:
    return {fold(name): row for row in referents() for name in (row.canonical, *row.aliases)}


@cache
def _by_capital() -> dict[str, Referent]:
    return {fold(row.capital): row for row in referents() if row.capital}


@cache
def _by_demonym() -> dict[str, Referent]:
    return {fold(name): row for row in referents() for name in row.demonyms}


def referent(text: str) -> Referent | None:
    """The alias-table row a name or alias refers to."""
    return _by_alias().get(fold(text))


def country_of(text: str) -> str | None:
    """The canonical state a name, alias, capital or demonym stands for ("Russian" -> "Russia")."""
    key = fold(text)
    key = key[:-1] if key.endswith(("ans", "is")) and key[:-1] in _by_demonym() else key
    row = _by_alias().get(key) or _by_capital().get(key) or _by_demonym().get(key)
    return row.canonical if row else None


# --- canonical names ---------------------------------------------------------------------------


def clean_mention(text: str) -> str:
    """The name without a leading article, a trailing possessive or trailing punctuation."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:the|The|THE)\s+", "", text)
    text = re.sub(r"(?:['’]s|(?<=s)['’])$", "", text)
    text = re.sub(r"[\s\-–—,;:!?\"“”‘’()\[\]]+$", "", text)
    return re.sub(r"(?<=[a-z]{3})\.$", "", text)


def canonical_name(text: str, label: str) -> str:
    """One name per referent whichever outlet wrote it, from the text and label alone."""
    name = clean_mention(text)
    if label == "PERSON":
        return _person_name(name)
    row = referent(name)
    if row:
        return row.canonical
    if label == "NORP":
        return _demonym(name)
    outlet = outlets.by_name(name) if label == "ORG" else None
    return outlet.name if outlet else _collapse_acronyms(name)


def _person_name(name: str) -> str:
    """The name as the article writes it, hyphens, particles and capitals kept ("Karine Jean-Pierre",
    "Ursula von der Leyen"), without honorifics and titles; a name in capitals ("KIM JONG UN") is
    set in ordinary case. Spellings of one person across outlets share an `entity_key`."""
    words = name.split()
    while len(words) > 1 and fold(words[0]) in HONORIFICS | TITLE_WORDS:
        words.pop(0)
    if name.isupper():
        words = [_decapitalised(word, index) for index, word in enumerate(words)]
    return " ".join(words)


def _decapitalised(word: str, index: int) -> str:
    if "." in word:
        return word
    return word.lower() if index and fold(word) in PARTICLES else word.capitalize()


def entity_key(name: str) -> str:
    """What makes spellings one entity: case and hyphens aside ("Kim Jong-un" is "Kim Jong Un")."""
    return " ".join(re.sub(r"[\-‐]", " ", name).lower().split())


def _demonym(name: str) -> str:
    """A group's singular adjective: "North Koreans" -> "North Korean"."""
    key = fold(name)
    for candidate in (key, key[:-1]):
        row = _by_demonym().get(candidate)
        if row:
            return next(demonym for demonym in row.demonyms if fold(demonym) == candidate)
    return name[:-1] if name.endswith("ans") else name


def _collapse_acronyms(name: str) -> str:
    return re.sub(r"\b(?:[A-Z]\.){2,}", lambda match: match.group().replace(".", ""), name)


# --- finding entities --------------------------------------------------------------------------


def find_entities(doc: Doc) -> tuple[list[EntityMention], list[EntityRole]]:
    """People, organisations, states, places and groups in `doc`, and the titles the text gives them."""
    mentions, titles = _spans(doc)
    mentions = _split_pairs(doc, mentions)
    mentions = _fix_labels(doc, mentions)
    mentions = _missed_names(doc, mentions)
    for mention in mentions:
        mention.canonical = canonical_name(_text(doc, mention), mention.label)
    _resolve_in_doc(doc, mentions)
    _metonymy(doc, mentions)
    frozen = [EntityMention(_text(doc, m), m.label, m.start, m.end, m.canonical) for m in mentions]
    return frozen, _roles(doc, frozen, titles)


def _text(doc: Doc, mention: _Mention) -> str:
    return doc_text(doc)[mention.start : mention.end]


def _spans(doc: Doc) -> tuple[list[_Mention], dict[int, tuple[int, int]]]:
    """Cleaned entity spans, and the title of each person (keyed by where the name starts).

    Spans of every label are kept here: a name the tagger labelled WORK_OF_ART may still turn out
    to be a person's surname (`_fix_labels` decides).
    """
    labels = {ent.start_char: _label_after_title(doc, ent) for ent in doc.ents}
    names = {ent.start_char: _name(ent) for ent in doc.ents if labels[ent.start_char] == "PERSON"}
    titles = {name.start_char: title for name in names.values() if name and (title := _title_before(doc, name))}
    mentions = []
    for ent in doc.ents:
        label = labels[ent.start_char]
        span = names[ent.start_char] if label == "PERSON" else _trim(ent)
        if span is None:
            continue
        if label == "ORG" and _inside_title(span, list(titles.values())):
            mentions.extend(_country_prefix(span))
        else:
            mentions.append(_Mention(span.start_char, span.end_char, label))
    return mentions, titles


def _name(ent: Span) -> Span | None:
    """A person span without the title words the tagger glued into it ("President Biden")."""
    span = _trim(ent)
    if span is None:
        return None
    index = 0
    while index < len(span) - 1 and fold(span[index].text) in HONORIFICS | TITLE_WORDS:
        index += 1
    return span[index:]


def _label_after_title(doc: Doc, ent: Span) -> str:
    """PERSON for a name the tagger took for an organisation right after a title ("Chancellor Olaf Scholz")."""
    previous = doc[ent.start - 1] if ent.start else None
    if ent.label_ != "ORG" or previous is None or fold(previous.text) not in PERSON_TITLES:
        return ent.label_
    known = referent(ent.text) or outlets.by_name(ent.text)
    return ent.label_ if known or not all(t.text[:1].isupper() for t in ent) else "PERSON"


def _trim(ent: Span) -> Span | None:
    """The span without a leading article or punctuation and without a trailing possessive."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].is_punct or ent.doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS"):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _title_before(doc: Doc, person: Span) -> tuple[int, int] | None:
    """Char offsets of a title written before a name ("Russian President" Vladimir Putin)."""
    start = person.root.left_edge.i
    for token in doc[start : person.start]:
        if token.pos_ == "CCONJ" or token.text == ",":
            start = token.i + 1
    while start < person.start and (doc[start].is_punct or doc[start].dep_ == "det"):
        start += 1
    block = doc[start : person.start]
    if not block or len(block) > 12 or any(t.text in {'"', "“", "”", "(", ")"} or "\n" in t.text for t in block):
        return None
    if block[-1].pos_ not in {"NOUN", "PROPN"} or block[-1].ent_type_ in {"GPE", "NORP"}:
        return None
    if not any(_is_title_word(token) for token in block):
        return None
    return block.start_char, block.end_char


def _is_title_word(token: Token) -> bool:
    """A common noun ("leader", "spokesperson") or a capitalised title word ("Adviser")."""
    return (token.pos_ == "NOUN" and not token.ent_type_) or fold(token.text) in TITLE_WORDS


def _inside_title(span: Span, titles: list[tuple[int, int]]) -> bool:
    """An ORG the tagger made of a title ("Defense" in "Russian Defense Minister")."""
    for start, end in titles:
        if start <= span.start_char and span.end_char <= end:
            return len(span) == 1 or fold(span[-1].text) in TITLE_WORDS
    return False


def _country_prefix(span: Span) -> list[_Mention]:
    """The state named at the front of a title the tagger took for an ORG ("US" National Security Advisor)."""
    for end in range(len(span) - 1, 0, -1):
        part = span[:end]
        row = referent(part.text)
        if row and row.label == "GPE":
            return [_Mention(part.start_char, part.end_char, "GPE")]
    return []


def _split_pairs(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A "Kim-Putin" span tagged as one person is two people when each half is named elsewhere."""
    parts = _name_parts(doc, mentions)
    result = []
    for mention in mentions:
        halves = list(re.finditer(r"[^\-–]+", _text(doc, mention)))
        if mention.label == "PERSON" and len(halves) == 2 and all(fold(h.group()) in parts for h in halves):
            result.extend(_Mention(mention.start + h.start(), mention.start + h.end(), "PERSON") for h in halves)
        else:
            result.append(mention)
    return result


def _name_parts(doc: Doc, mentions: list[_Mention]) -> set[str]:
    """First and last names (folded) of the people the document names in full."""
    parts: set[str] = set()
    for mention in mentions:
        words = fold(_person_name(_text(doc, mention))).split() if mention.label == "PERSON" else []
        if len(words) > 1:
            parts.update({words[0], words[-1], " ".join(words[-2:])})
    return parts


def _fix_labels(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Labels corrected from the alias table and from how the rest of the document tags the name."""
    parts = _name_parts(doc, mentions)
    votes = Counter((fold(_text(doc, m)), m.label) for m in mentions if m.label in LABELS - {"PERSON"})
    fixed = []
    for mention in mentions:
        label = _label_for(doc, mention, parts, votes)
        if label in LABELS:
            fixed.append(replace(mention, label=label))
    return fixed


def _missed_names(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Surnames the tagger skipped ("Pak told the seminar") when the document names the person in full."""
    parts = _name_parts(doc, mentions)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    missed = [
        _Mention(t.idx, t.idx + len(t), "PERSON")
        for t in doc
        if t.pos_ == "PROPN" and t.text.istitle() and t.idx not in covered and fold(t.text) in parts
        and not referent(t.text)
    ]  # fmt: skip
    return sorted(mentions + missed, key=lambda m: m.start)


def _label_for(doc: Doc, mention: _Mention, parts: set[str], votes: Counter[tuple[str, str]]) -> str:
    text = _text(doc, mention)
    key = fold(text)
    if mention.label == "PERSON":
        return mention.label if " " in key or key in parts else _relabel_single_name(doc, mention, key, votes)
    known = referent(text)
    if known:
        return known.label
    if key in _by_capital():
        return "GPE"
    if outlets.by_name(text):
        return "ORG"
    return "PERSON" if key in parts else mention.label


def _relabel_single_name(doc: Doc, mention: _Mention, key: str, votes: Counter[tuple[str, str]]) -> str:
    """A lone "person" name the document tags as a place elsewhere, or an adjective ("Slovak")."""
    others = [(count, label) for (name, label), count in votes.items() if name == key]
    if others:
        return max(others)[1]
    token = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return "NORP" if token is not None and token.root.pos_ == "ADJ" else "PERSON"


# --- resolution within a document --------------------------------------------------------------


def _resolve_in_doc(doc: Doc, mentions: list[_Mention]) -> None:
    """Short mentions take the canonical of the full name the document uses ("Kim" -> "Kim Jong Un")."""
    for mention in mentions:
        full = _fuller(mention, mentions)
        if full is not None:
            mention.canonical = full.canonical
            mention.label = full.label


def _fuller(mention: _Mention, mentions: list[_Mention]) -> _Mention | None:
    """The nearest mention (earlier first) whose name contains this one's at its start or end."""
    words = mention.canonical.split()
    size = len(fold(mention.canonical).split())
    if mention.label == "LOC" or mention.label == "GPE":
        return _compass(mention, mentions) if fold(mention.canonical) in COMPASS else None
    if mention.label not in {"PERSON", "ORG"}:
        return None
    candidates = [
        other
        for other in mentions
        if other.label == mention.label and len(fold(other.canonical).split()) > size and _affix(words, other)
    ]
    if mention.label == "ORG" and len({c.canonical for c in candidates}) != 1:
        return None
    earlier = [c for c in candidates if c.start < mention.start]
    return earlier[-1] if earlier else (candidates[0] if candidates else None)


def _affix(words: list[str], other: _Mention) -> bool:
    full = fold(other.canonical).split()
    short = fold(" ".join(words)).split()
    return full[: len(short)] == short or full[-len(short) :] == short


def _compass(mention: _Mention, mentions: list[_Mention]) -> _Mention | None:
    """In a text about North Korea, "the North" is North Korea (when only one such state is named)."""
    prefix = mention.canonical.split()[0].capitalize() + " "
    states = {m.canonical: m for m in mentions if m.label == "GPE" and m.canonical.startswith(prefix)}
    return next(iter(states.values())) if len(states) == 1 else None


# --- capitals standing for their governments ---------------------------------------------------


def _metonymy(doc: Doc, mentions: list[_Mention]) -> None:
    """Capitals acting as states: "Washington announced" is the US government, "in Washington" the city."""
    for mention in mentions:
        row = _by_capital().get(fold(mention.canonical)) if mention.label == "GPE" else None
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if row is not None and span is not None and acts_as_state(span.root):
            mention.canonical = row.canonical


def acts_as_state(token: Token) -> bool:
    """Whether a place name is an actor in its clause: subject, possessor, or party to a relation."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    if token.dep_ == "dobj":
        return token.head.lemma_ not in PLACE_VERBS
    if token.dep_ == "pobj":
        return _relational_prep(token.head)
    return False


def _relational_prep(prep: Token) -> bool:
    word, head = prep.lower_, prep.head.lemma_.lower()
    if prep.dep_ == "agent" or word in STATE_PREPS:
        return head not in MOTION and head not in {"border", "line", "bridge", "corridor", "distance"}
    return word in {"to", "from", "into"} and head in TRANSFER


# --- titles and roles --------------------------------------------------------------------------


def _roles(doc: Doc, mentions: list[EntityMention], titles: dict[int, tuple[int, int]]) -> list[EntityRole]:
    """Titles before names, appositives and "who is" clauses, each tied to the entity's canonical."""
    roles: list[EntityRole] = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or mention.label not in {"PERSON", "ORG"}:
            continue
        found = [titles.get(mention.start) if mention.label == "PERSON" else None, _appositive(span), _who_is(span)]
        roles.extend(_role(doc, mention.canonical, offsets) for offsets in found if offsets)
    return list(dict.fromkeys(roles))


def _appositive(span: Span) -> tuple[int, int] | None:
    """Roles in apposition: "Lim Soo-suk, the ministry's spokesperson", "the council's spokesman, John Kirby"."""
    head, doc = span.root, span.doc
    for child in head.children:
        if child.dep_ == "appos" and _is_title_word(child) and doc[child.left_edge.i - 1].text == ",":
            return _edges(child.left_edge.i, child.right_edge.i + 1, doc)
    noun = head.head
    if head.dep_ == "appos" and noun.i < head.i and _is_title_word(noun):
        before = doc[head.left_edge.i - 1]
        if before.text == "," or before == noun:
            return _edges(noun.left_edge.i, head.left_edge.i, doc)
    return None


def _who_is(span: Span) -> tuple[int, int] | None:
    """The role in "X, who is Y": the attribute of a relative clause whose verb is "be"."""
    for clause in span.root.children:
        if clause.dep_ == "relcl" and clause.lemma_ == "be" and any(c.lower_ == "who" for c in clause.children):
            for attr in (c for c in clause.children if c.dep_ == "attr"):
                return _edges(attr.left_edge.i, attr.right_edge.i + 1, span.doc)
    return None


def _edges(start: int, end: int, doc: Doc) -> tuple[int, int] | None:
    """Char offsets of tokens [start, end) without punctuation at either edge."""
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end <= start or "\n" in doc[start:end].text:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _role(doc: Doc, canonical: str, offsets: tuple[int, int]) -> EntityRole:
    start, end = offsets
    return EntityRole(canonical, doc_text(doc)[start:end], start, end)
