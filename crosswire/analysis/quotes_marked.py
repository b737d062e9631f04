"""Direct quotes of an article read with a language pack: words between the pack's quotation marks,
with the speaker the sentence names before or after them.

What the sentence around a quotation looks like is read from the surface, not the parse, since the
small models parse quotation marks poorly: a cue verb of the pack right after the closing mark
(`« … », a déclaré Jake Sullivan`, `« … », a-t-il ajouté`), a source marker (`« … », selon X`,
`selon X, « … »`), or a cue verb before the opening mark (`X a averti : « … »`). A quotation no
sentence attributes continues the statement just before it in the same or the previous paragraph,
and is dropped when there is none and it is too short to be a statement (scare quotes, titles).
Conventions follow `crosswire.analysis.quotes`: `start`/`end` include the marks, `text` is the words
between them, `parts` their span without the comma that belongs to the attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crosswire.analysis.lang import LanguagePack
from crosswire.analysis.nlp import doc_text
from crosswire.analysis.verbatim import trim
from crosswire.records import EntityMention, Quote, Speaker

MIN_UNATTRIBUTED_WORDS = 4  # fewer words in marks, and no cue: a title or scare quotes, not a statement
CUE_REACH = 4  # tokens between a closing mark and its cue verb ("», a-t-il déclaré")
SPEAKER_REACH = 10  # tokens a speaker's mention may run to after its cue


@dataclass(frozen=True)
class _Attribution:
    cue: str | None
    speaker: Speaker | None


def find_marked_quotes(doc: Doc, pack: LanguagePack, entities: list[EntityMention]) -> list[Quote]:
    """Direct quotes in text order, with their speakers resolved to the entities' canonical names."""
    text = doc_text(doc)
    quotes: list[Quote] = []
    for start, end in _marked_spans(text, pack):
        inner_start, inner_end = trim(text, start + 1, end - 1)
        inner_start, inner_end = trim(text, inner_start, inner_end - (text[inner_end - 1] == ","))
        if inner_end <= inner_start:
            continue
        words = text[inner_start:inner_end]
        found = _attribution(doc, start, end, pack, entities, quotes)
        if found is None:
            previous = _continued(text, quotes, start)
            if previous is None and len(words.split()) < MIN_UNATTRIBUTED_WORDS:
                continue
            found = _Attribution(None, previous.speaker if previous else None)
        quotes.append(Quote(words, start, end, "direct", found.cue, found.speaker, parts=((inner_start, inner_end),)))
    return quotes


def _marked_spans(text: str, pack: LanguagePack) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included; a paragraph break ends an unclosed one."""
    spans: list[tuple[int, int]] = []
    for opening, closing in pack.quote_marks:
        pattern = re.escape(opening) + r"[^\n" + re.escape(closing) + r"]+" + re.escape(closing)
        for match in re.finditer(pattern, text):
            if not any(start <= match.start() < end or match.start() <= start < match.end() for start, end in spans):
                spans.append((match.start(), match.end()))
    return sorted(spans)


def _attribution(
    doc: Doc, start: int, end: int, pack: LanguagePack, entities: list[EntityMention], quotes: list[Quote]
) -> _Attribution | None:
    after = doc.char_span(end, len(doc_text(doc)), alignment_mode="expand")
    before = doc.char_span(0, start, alignment_mode="contract")
    return (
        (after is not None and _after(after, pack, entities, quotes))
        or (before is not None and _before(before, pack, entities, quotes))
        or None
    )


def _after(after: Span, pack: LanguagePack, entities: list[EntityMention], quotes: list[Quote]) -> _Attribution | None:
    """`», a déclaré X`, `», a-t-il ajouté`, `», selon X`: the attribution right after the closing mark."""
    tokens = [token for token in after[: CUE_REACH + 1] if not token.is_sent_start or token.i == after.start]
    for index, token in enumerate(tokens):
        if token.text in {".", "!", "?", "«", "“"} or (token.is_space and "\n" in token.text):
            return None
        if token.lower_ in pack.source_markers:
            return _Attribution(token.text, _mention_from(token.i + 1, after.doc, pack, entities, quotes))
        if _is_cue(token, pack):
            clitic = next((t for t in tokens[:index] + tokens[index + 1 : index + 3] if _is_clitic(t, pack)), None)
            if clitic is not None:
                return _Attribution(_cue_words(token), _pronoun(clitic, entities, quotes))
            return _Attribution(_cue_words(token), _mention_from(token.i + 1, after.doc, pack, entities, quotes))
    return None


def _before(
    before: Span, pack: LanguagePack, entities: list[EntityMention], quotes: list[Quote]
) -> _Attribution | None:
    """`X a averti : « … »`, `selon X, « … »`: the attribution earlier in the quotation's sentence."""
    if not len(before):
        return None
    sentence = before[-1].sent
    tokens = [token for token in before.doc[sentence.start : before.end] if token.i >= sentence.start]
    for token in reversed(tokens):
        if token.text in pack_closing_marks(pack):
            return None  # another quotation sits between: its attribution is not this one's
        if token.lower_ in pack.source_markers:
            return _Attribution(token.text, _mention_from(token.i + 1, before.doc, pack, entities, quotes))
        if _is_cue(token, pack):
            subject = next((child for child in token.children if child.dep_ in {"nsubj", "nsubj:pass"}), None)
            if subject is None:
                continue
            if subject.lower_ in pack.subject_pronouns:
                return _Attribution(_cue_words(token), _pronoun(subject, entities, quotes))
            start, end = min(t.i for t in subject.subtree), max(t.i for t in subject.subtree) + 1
            return _Attribution(_cue_words(token), _mention_from(start, before.doc, pack, entities, quotes, end))
    return None


def pack_closing_marks(pack: LanguagePack) -> set[str]:
    return {closing for _, closing in pack.quote_marks if closing != '"'}


def _is_cue(token: Token, pack: LanguagePack) -> bool:
    """A speech verb of the pack; the small models tag some participles as nouns or adjectives."""
    return token.pos_ in {"VERB", "NOUN", "ADJ"} and token.lemma_.lower() in pack.cue_verbs


def _is_clitic(token: Token, pack: LanguagePack) -> bool:
    """`-il` of "a-t-il déclaré", `-elle` of "ajoute-t-elle"."""
    return token.text.startswith("-") and token.lower_.lstrip("-") in pack.subject_pronouns


def _cue_words(verb: Token) -> str:
    """The verb with its auxiliaries: "a déclaré", "a mis"."""
    auxiliaries = [child for child in verb.children if child.dep_.startswith("aux") and child.i < verb.i]
    return " ".join(token.text for token in [*auxiliaries, verb])


def _mention_from(
    start: int, doc: Doc, pack: LanguagePack, entities: list[EntityMention], quotes: list[Quote], end: int | None = None
) -> Speaker | None:
    """The speaker mention that starts at token `start`: the person or body it names, if it names one,
    else the description as written ("un responsable du Kremlin")."""
    stop = min(len(doc), end if end is not None else start + SPEAKER_REACH)
    tokens: list[Token] = []
    for token in doc[start:stop]:
        if token.is_punct or token.is_space or (end is None and token.i > start and _is_cue(token, pack)):
            break
        tokens.append(token)
    if not tokens:
        return None
    first, last = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    named = [e for e in entities if first <= e.start and e.end <= last and e.label in {"PERSON", "ORG", "GPE"}]
    person = next((e for e in named if e.label == "PERSON"), None)
    if tokens[0].lower_ in pack.subject_pronouns and len(tokens) == 1:
        return _pronoun(tokens[0], entities, quotes)
    if person is not None and person.start - first < 2 * len(person.text):
        return Speaker(person.canonical, person.text, person.start, person.end, "named")
    mention = doc_text(doc)[first:last]
    if named and named[0].start == first:
        return Speaker(named[0].canonical, named[0].text, named[0].start, named[0].end, "named")
    return Speaker(mention, mention, first, last, "description")


def _pronoun(token: Token, entities: list[EntityMention], quotes: list[Quote]) -> Speaker:
    """A pronoun speaks for the last person quoted before it, or else the last person named."""
    start, end = token.idx + (token.text.startswith("-")), token.idx + len(token.text)
    named = [q.speaker for q in quotes if q.speaker is not None and q.speaker.kind == "named" and q.end <= start]
    people = [e for e in entities if e.label == "PERSON" and e.end <= start]
    name = named[-1].name if named else people[-1].canonical if people else None
    return Speaker(name, token.text.lstrip("-"), start, end, "pronoun")


def _continued(text: str, quotes: list[Quote], start: int) -> Quote | None:
    """The statement a quotation with no cue carries on: the one before, with at most one paragraph
    break between them."""
    if not quotes or quotes[-1].speaker is None:
        return None
    breaks = text.count("\n", quotes[-1].end, start)
    return quotes[-1] if breaks <= 2 else None
