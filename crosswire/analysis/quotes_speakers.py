"""Speakers and sourcing: the mention that names a speaker, who it is, and how the article knows.

A speaker token becomes a `Speaker` with the mention as the text shows it ("Russian presidential
spokesman Dmitry Peskov", "he", "a senior official") and the name it resolves to through the
article's light coreference. Statements are resolved in text order, so a pronoun or a role
description can point back at a speaker resolved before it. Sourcing records unnamed sources and
statements relayed by a medium ("told Reuters", "Interfax quoted X as saying").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from crosswire.analysis.coref import (
    GENDERED_ROLES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PRONOUN_GENDER,
    SIGNATURE_DASHES,
    Coref,
    Referent,
    body_name,
    fold,
)
from crosswire.analysis.quotes_attribution import Item
from crosswire.analysis.quotes_context import Context
from crosswire.analysis.quotes_cues import (
    MEDIA_HEADS,
    RELATIVES,
    entity_text,
    is_according,
    joins_words,
    named_within,
    quoted_source,
    relative_antecedent,
    subject_of,
)
from crosswire.articles.outlets import by_name
from crosswire.records import Speaker

ANONYMITY = re.compile(
    r"\b(?:anonymity|not (?:be )?(?:named|identified|authorized|authorised)|familiar with|unnamed|anonymous"
    r"|declined to be (?:named|identified)|speaking on (?:the )?condition|on background|close to)\b",
    re.I,
)
ANONYMOUS_HEADS = {
    "official", "source", "people", "person", "aide", "diplomat", "officer", "insider", "staffer", "adviser",
    "advisor", "spokesperson", "spokesman", "spokeswoman", "member", "someone", "one", "some", "others",
    "observer", "analyst", "expert", "lawmaker", "operative", "strategist", "associate", "friend", "ally",
    "confidant", "report",
}  # fmt: skip
MEDIA_NAME = re.compile(
    r"\b(?:News|Agency|Times|Post|Journal|Tribune|Herald|Press|Radio|Television|TV|Network|Broadcasting"
    r"|Gazette|Daily|Magazine|Channel|Reuters|Bloomberg|CNN|CBS|NBC|ABC|BBC|Fox|MSNBC|NPR|PBS|Politico"
    r"|Axios|Xinhua|TASS|Interfax|KCNA|Yonhap|Kyodo|AFP|AP|Breitbart|HuffPost|Huffington)\b"
)
MENTION_CUT = {"relcl", "appos", "acl", "advcl", "parataxis", "cc", "conj"}


class Speakers:
    """Resolves speaker tokens to `Speaker`s, remembering each so later mentions can point back."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.coref = Coref(ctx.doc, ctx.quoted)
        self._last: tuple[int, Speaker | None, Referent | None] | None = None

    def resolve(self, item: Item) -> None:
        """Fill `item.speaker`; call in text order."""
        if item.inherited is not None:
            item.speaker, item.referent = item.inherited.speaker, item.inherited.referent
            return
        token = item.speaker_token
        if token is None and item.kind == "direct":
            self._last_speaker(item)
            return
        if token is None or (item.cue is not None and self.ctx.para_of(token) != self.ctx.para_of(item.cue)):
            return
        self._from_token(item, token)
        self._last = (item.paragraph, item.speaker, item.referent)

    def _last_speaker(self, item: Item) -> None:
        """A quotation nothing attributes takes the speaker of the statement just before it, if that is
        in the same or the previous paragraph (the article is still reporting that person)."""
        if self._last is not None and self._last[0] >= item.paragraph - 1:
            _, item.speaker, item.referent = self._last

    def _from_token(self, item: Item, token: Token) -> None:
        token = named_within(token)
        start, end = self.mention(token)
        kind, referent = self._referent(token, self.ctx.text[start:end])
        if referent is not None:
            self.coref.remember(token.idx, referent)
        item.speaker = Speaker(referent.name if referent else None, self.ctx.text[start:end], start, end, kind)
        item.referent = referent

    def mention(self, token: Token) -> tuple[int, int]:
        """The speaker's noun phrase without relative clauses and appositives, within its paragraph."""
        if token.pos_ == "PRON":
            return token.idx, token.idx + len(token)
        paragraph = self.ctx.para_of(token)
        kept = {token.i}
        for child in token.children:
            if child.dep_ not in MENTION_CUT and not (child.is_punct and not joins_words(child)):
                kept |= {t.i for t in child.subtree if self.ctx.para_of(t) == paragraph and self.ctx.outside(t)}
        first, last = token.i, token.i
        while first - 1 in kept:
            first -= 1
        while last + 1 in kept:
            last += 1
        while first < token.i and (self.ctx.doc[first].dep_ == "case" or self.ctx.doc[first].pos_ == "VERB"):
            first += 1  # `Added Jane Doe:` names Jane Doe
        start, end = self.ctx.span_chars([self.ctx.doc[first], self.ctx.doc[last]])
        while start < end - 1 and self.ctx.text[start] in SIGNATURE_DASHES:
            start += 1
        return start, end

    # ---- who the mention is ---------------------------------------------------------------------
    def _referent(self, token: Token, mention: str) -> tuple[str, Referent | None]:
        """(kind of mention, what it refers to) for a speaker token."""
        if token.lower_ in RELATIVES:
            antecedent = relative_antecedent(token)
            if antecedent is None:
                return "pronoun", None
            antecedent = named_within(antecedent)
            return "pronoun", self._referent(antecedent, self.ctx.text[slice(*self.mention(antecedent))])[1]
        if token.pos_ == "PRON" or token.lower_ in PRONOUN_GENDER:
            return "pronoun", self._pronoun(token)
        if token.ent_type_ == "PERSON" or self.coref.known_person(token):
            name = self.coref.full_name(entity_text(token)) or token.text
            return "named", self.coref.person(name)
        phrase = " ".join(t.text for t in token.subtree if t.dep_ not in {"relcl", "acl", "appos"})
        if ANONYMITY.search(phrase) or _anonymous(token):
            plural = token.tag_ in {"NNS", "NNPS"}
            return "anonymous", Referent(mention, "anonymous", gender=_noun_gender(token), plural=plural)
        if token.ent_type_ or token.pos_ == "PROPN":
            name = body_name(entity_text(token)) if token.ent_type_ else mention
            plural = token.ent_type_ == "NORP" or token.tag_ == "NNPS"
            return "named", Referent(name, body=True, plural=plural)  # not a person the article names
        return self._described(token, mention)

    def _pronoun(self, token: Token) -> Referent | None:
        referent = self.coref.pronoun(token)
        if referent is not None and referent.gender is None and not referent.body:
            referent.gender = PRONOUN_GENDER.get(token.lower_)  # a name seen with a pronoun
        return referent

    def _described(self, token: Token, mention: str) -> tuple[str, Referent | None]:
        """ "the ministry" -> the ministry named earlier; "the spokesperson" -> the person introduced so."""
        lemma = token.lemma_.lower()
        if lemma in ORG_NOUNS:
            name = self.coref.organisation(token)
            return "description", Referent(name or mention, "named" if name else "description", body=True)
        if lemma in PERSON_NOUNS:
            definite = any(c.dep_ in {"det", "poss"} and c.lower_ != "a" for c in token.children)
            referent = self.coref.description(token, definite)
            if referent is not None:
                return "description", referent
        person = lemma in PERSON_NOUNS or lemma in GENDERED_ROLES
        plural = token.tag_ in {"NNS", "NNPS"}
        gender = _noun_gender(token)
        return "description", Referent(mention, "description", gender=gender, plural=plural, body=not person)

    # ---- sourcing -------------------------------------------------------------------------------
    def sourcing(self, item: Item, cue: Token | None) -> tuple[str, str | None]:
        """("named" | "anonymous" | "relayed", the relaying medium)."""
        relay = _relay(cue, item.speaker_token) if cue is not None else None
        if relay is not None:
            return "relayed", relay
        anonymous_mention = item.speaker is not None and item.speaker.kind == "anonymous"
        if anonymous_mention or (item.referent is not None and item.referent.kind == "anonymous"):
            return "anonymous", None
        return "named", None


def _anonymous(token: Token) -> bool:
    """Unnamed sources: "officials", "a senior official", "sources" (not "the official", "his aide")."""
    if token.lemma_.lower() not in ANONYMOUS_HEADS:
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in {"det", "nummod", "quantmod"}}
    return not any(c.dep_ == "poss" for c in token.children) and not determiners & {"the", "this", "that"}


def _noun_gender(token: Token) -> str | None:
    """ "a woman in Worcester" is not who a later "he" means."""
    return GENDERED_ROLES.get(token.lemma_.lower())


def _relay(cue: Token, speaker: Token | None) -> str | None:
    """The medium a statement reached the article through: "told Reuters", "Yonhap reported, quoting X"."""
    for token in _relay_candidates(cue):
        if _is_medium(token):
            return _phrase(token)
    return _phrase(speaker) if speaker is not None and _is_medium(speaker) else None


def _relay_candidates(cue: Token) -> list[Token]:
    """Nouns that may name a medium: "told Reuters", "in an interview with CBS", "X quoted Y",
    "according to the Daily Herald"."""
    found: list[Token] = []
    for child in cue.children:
        if child.dep_ in {"dative", "dobj"} and cue.lemma_ in {"tell", "quote", "cite"}:
            found.append(child)
        if child.dep_ in {"nsubj", "agent"} and cue.lemma_ in {"quote", "cite"}:
            found.extend([child, *[c for c in child.children if c.dep_ == "pobj"]])
        if child.dep_ == "prep" and child.lower_ in {"to", "with", "in", "on"}:
            found.extend(_interview_media(child))
    governor = cue.head.head if cue.dep_ == "pcomp" and cue.head.dep_ == "prep" else cue.head
    if cue.dep_ in {"pcomp", "advcl", "xcomp"} and governor.lemma_ in {"quote", "cite"}:
        found.extend(_relay_candidates(governor))  # "Interfax quoted X as saying"
    if cue.lemma_ in {"quote", "cite"} and cue.dep_ in {"advcl", "xcomp", "conj"}:
        found.extend(c for c in cue.head.children if c.dep_ == "nsubj")  # "Yonhap reported, quoting X, …"
    if quoted_source(cue) is not None:
        found.extend(c for c in cue.children if c.dep_ == "nsubj")
    # `"…," Smith said, according to the Daily Herald`: the paper that reported the statement
    according = (subject_of(token) for token in cue.sent if token.i != cue.i and is_according(token))
    found.extend(source for source in according if source is not None)
    return found


def _interview_media(prep: Token) -> list[Token]:
    """ "to Reuters", "with CBS", "in an interview with CBS"."""
    found: list[Token] = []
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        if prep.lower_ in {"to", "with"}:
            found.append(obj)
        for inner in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in {"with", "to", "on"}):
            found.extend(c for c in inner.children if c.dep_ == "pobj")
    return found


def _is_medium(token: Token) -> bool:
    """A news outlet or agency, or a specific medium like "state media" (not bare "reporters")."""
    phrase = _phrase(token)
    if by_name(phrase) is not None:
        return True
    if token.ent_type_ in {"ORG", "WORK_OF_ART"} and MEDIA_NAME.search(phrase):
        return True
    if token.lemma_.lower() in MEDIA_HEADS or token.lower_ in MEDIA_HEADS:
        return any(c.dep_ in {"amod", "compound"} for c in token.children)
    return False


def _phrase(token: Token) -> str:
    """A medium's name as written, without its article and trailing modifiers ("New York Times")."""
    kept = [t for t in token.subtree if t.i == token.i or (t.i < token.i and t.dep_ not in {"punct", "prep"})]
    text = re.sub(r" (['’]s)", r"\1", " ".join(t.text for t in kept))
    return re.sub(r"^(?:the|a|an) ", "", text, flags=re.I) if fold(text).startswith(("the ", "a ", "an ")) else text
