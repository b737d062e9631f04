"""Light coreference for speakers: names, pronouns and role descriptions to the person they mean.

News attribution needs only a narrow slice of coreference: a speaker is re-mentioned by surname
("Sullivan"), by pronoun ("he added") or by role ("the ministry's spokesperson", "the US
diplomat"). Each is resolved against what the article said before it: the fullest spelling of a
name, the people it introduced with roles (appositives and title modifiers), the genders its
titles and pronouns reveal, and the speakers already resolved.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from crosswire.analysis.nlp import doc_text

NAME_LABELS = {"PERSON"}
BODY_LABELS = {"ORG", "GPE", "NORP", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
TITLES = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "madam": "f",
    "dr": None, "sen": None, "rep": None, "gov": None, "gen": None, "president": None,
}  # fmt: skip
GENDERED_ROLES = {
    "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "congressman": "m",
    "congresswoman": "f", "businessman": "m", "businesswoman": "f", "wife": "f", "husband": "m",
    "mother": "f", "father": "m", "daughter": "f", "son": "m", "sister": "f", "brother": "m",
    "widow": "f", "king": "m", "queen": "f", "actress": "f", "actor": "m", "grandmother": "f",
    "grandfather": "m", "girl": "f", "boy": "m", "woman": "f", "man": "m", "lady": "f",
}  # fmt: skip
PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
PLURAL_PRONOUNS = {"they", "them", "their", "we", "us"}
# Role words that name the same kind of job, so "the diplomat" can find an "ambassador".
ROLE_FAMILIES = (
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokespersons", "spokesmen", "spokeswomen"},
    {"diplomat", "ambassador", "envoy", "representative", "secretary", "consul", "negotiator"},
    {"lawmaker", "senator", "congressman", "congresswoman", "representative", "legislator", "sen", "rep"},
    {"minister", "secretary"},
    {"adviser", "advisor", "aide", "counselor"},
    {"official", "officer", "administrator", "coordinator", "director", "secretary", "minister", "spokesperson",
     "adviser", "advisor", "ambassador", "envoy", "chief", "head", "commissioner", "aide", "representative"},
    {"candidate", "nominee", "contender", "hopeful"},
    {"president", "leader", "head"},
    {"governor", "gov"},
)  # fmt: skip
PERSON_NOUNS = set().union(*ROLE_FAMILIES) | {
    "manager", "chairman", "chairwoman", "chair", "strategist", "analyst", "expert", "professor", "lawyer",
    "attorney", "leader", "mayor", "governor", "general", "commander", "pollster", "economist", "author",
    "activist", "executive", "founder", "source", "person", "insider", "man", "woman", "researcher", "staffer",
    "operative", "surrogate", "supporter", "voter", "resident", "witness", "member", "judge", "prosecutor",
    "investigator", "agent", "senior", "vice", "deputy", "premier", "chancellor", "king", "queen", "prince",
    "pastor", "reverend", "bishop", "pope", "host", "anchor", "reporter", "journalist", "columnist",
    "writer", "editor", "historian", "scientist", "student", "worker", "employee", "owner", "donor", "critic",
}  # fmt: skip
ORG_NOUNS = {
    "ministry", "department", "council", "agency", "government", "administration", "kremlin", "committee",
    "campaign", "party", "office", "company", "court", "embassy", "military", "army", "police", "commission",
    "bureau", "house", "state", "parliament", "congress", "senate", "assembly", "group", "organization",
    "organisation", "union", "foundation", "institute", "firm", "bank", "team", "board", "service", "force",
    "regime", "cabinet", "secretariat", "headquarters", "command", "center", "centre", "university",
}  # fmt: skip
SIGNATURE_DASHES = "-–— "  # `-Jane Doe, Ohio` signs a quote; the dash is no part of the name
_STRIP = re.compile(r"(?:['’]s?|\.)$")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", "", text.lower())).strip()


def role_word(lemma: str) -> str:
    """One spelling per role: the gendered and plural forms of spokesperson become one word."""
    lemma = lemma.lower().rstrip(".")
    if lemma.startswith("spokes"):
        return "spokesperson"
    return {"advisor": "adviser", "officials": "official"}.get(lemma, lemma)


def role_matches(head: str, roles: set[str]) -> bool:
    head = role_word(head)
    if head in roles:
        return True
    return any(head in family and roles & family for family in ROLE_FAMILIES)


@dataclass
class Referent:
    """A person or body the article mentions: its fullest name, roles, gender and kind."""

    name: str
    kind: str = "named"  # "named" | "anonymous" | "description"
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    plural: bool = False
    body: bool = False  # an organisation or country rather than a person


@dataclass
class Antecedent:
    position: int
    referent: Referent


class Coref:
    """What the article has said so far about who is who; answers name, pronoun and role lookups."""

    def __init__(self, doc: Doc, quoted: Callable[[Token], bool] = lambda token: False) -> None:
        self.doc = doc
        self.quoted = quoted  # words inside quotation marks name no antecedents
        self.people: dict[str, Referent] = {}
        self.bodies: list[tuple[int, str]] = []
        self.antecedents: list[Antecedent] = []
        self._gender_votes: dict[str, Counter[str]] = defaultdict(Counter)
        self._collect_names()
        self._collect_people()

    # ---- building -------------------------------------------------------------------------------
    def _collect_names(self) -> None:
        names = [clean_name(person_text(ent)) for ent in self.doc.ents if ent.label_ in NAME_LABELS]
        names += [name for name in map(_proper_subject, self.doc) if name]
        counts = Counter(name for name in names if name)
        self._full_names = sorted(counts, key=lambda n: (-len(n.split()), -counts[n], names.index(n)))
        for ent in self.doc.ents:
            if ent.label_ in BODY_LABELS:
                self.bodies.append((ent.start_char, body_name(ent.text)))

    def _collect_people(self) -> None:
        """Register every PERSON mention: roles from appositives and titles, subjects as antecedents."""
        for ent in self.doc.ents:
            if ent.label_ not in NAME_LABELS or self.quoted(ent.root):
                continue
            name = self.full_name(person_text(ent))
            if not name:
                continue
            person = self.people.setdefault(name, Referent(name))
            person.roles |= person_roles(ent)
            self._vote_gender(name, ent)
            if _is_subject(ent.root):
                self.antecedents.append(Antecedent(ent.start_char, person))
        for name, votes in self._gender_votes.items():
            (top, count), *rest = [*votes.most_common(2), (None, 0)]
            if count and count > rest[0][1]:
                self.people[name].gender = top

    def _vote_gender(self, name: str, ent: Span) -> None:
        votes = self._gender_votes[name]
        for token in self.doc[max(0, ent.start - 4) : ent.start]:
            gender = TITLES.get(token.lower_.rstrip("."))
            if gender:
                votes[gender] += 3
        for role in person_roles(ent):
            if role in GENDERED_ROLES:
                votes[GENDERED_ROLES[role]] += 3
        for token in _pronouns_after(ent, self.quoted):
            votes[PRONOUN_GENDER[token.lower_]] += 1

    # ---- lookups --------------------------------------------------------------------------------
    def full_name(self, text: str) -> str | None:
        """The fullest spelling the article gives a person name ("Sullivan" -> "Jake Sullivan")."""
        name = clean_name(text)
        if not name:
            return None
        parts = set(fold(name).split())
        for full in self._full_names:
            if parts <= set(fold(full).split()):
                return full
        return name

    def organisation(self, head: Token) -> str | None:
        """The organisation a description like "the ministry" means: the latest one named so."""
        word = head.lemma_.lower()
        found = None
        for start, text in self.bodies:
            if start >= head.idx:
                break
            if fold(text).split()[-1:] == [word] and fold(text) != word:
                found = text
        return found

    def known_person(self, token: Token) -> bool:
        """A proper noun the tagger missed or mislabelled ("Pak", "Jean-Pierre" as a work of art)
        that spells part of a person the article names elsewhere."""
        if token.pos_ != "PROPN" or token.ent_type_ in PLACE_LABELS:
            return False
        name = self.full_name(token.text)
        return name is not None and (name in self.people or name != clean_name(token.text))

    def person(self, name: str) -> Referent:
        return self.people.setdefault(name, Referent(name))

    def remember(self, position: int, referent: Referent) -> None:
        """Record a resolved speaker, so later pronouns and descriptions can point back at it."""
        self.antecedents.append(Antecedent(position, referent))
        self.antecedents.sort(key=lambda a: a.position)

    def pronoun(self, token: Token) -> Referent | None:
        """The most recent compatible subject or speaker before the pronoun."""
        word = token.lower_
        gender = PRONOUN_GENDER.get(word)
        plural = word in PLURAL_PRONOUNS
        if word in {"i", "me", "we", "us", "you"}:
            return None
        for antecedent in reversed(self._before(token.idx)):
            ref = antecedent.referent
            if plural and (ref.plural or ref.body):
                return ref
            if word == "it" and ref.body and not ref.plural:
                return ref
            if gender and not ref.body and not ref.plural and ref.gender in (None, gender):
                return ref
        return None

    def description(self, head: Token, definite: bool) -> Referent | None:
        """A named person whose role matches ("the ministry's spokesperson" -> Lim Soo-suk), else the last speaker."""
        role = role_word(head.lemma_)
        modifiers = {role_word(t.lemma_) for t in head.subtree if t.i < head.i and t.pos_ in {"NOUN", "PROPN", "ADJ"}}
        best: tuple[int, int, Referent] | None = None
        for antecedent in self._before(head.idx):
            ref = antecedent.referent
            if ref.kind == "named" and not ref.body and role_matches(role, ref.roles):
                score = len(modifiers & ref.roles)
                if best is None or score >= best[0]:
                    best = (score, antecedent.position, ref)
        if best:
            return best[2]
        if not definite or head.tag_ in {"NNS", "NNPS"}:
            return None
        people = [a.referent for a in self._before(head.idx) if not a.referent.body and not a.referent.plural]
        # the last person named, unless the article gave them another job ("Senator Ortiz" is not "the mayor")
        people = [ref for ref in people if not (ref.kind == "named" and ref.roles & PERSON_NOUNS)]
        return people[-1] if people else None

    def _before(self, position: int) -> list[Antecedent]:
        return [a for a in self.antecedents if a.position < position]


def body_name(text: str) -> str:
    """An organisation's name without the article a sentence start gives it ("The Foreign Ministry")."""
    return re.sub(r"^(?:the|The|THE)\s+", "", text.replace("\n", " ").strip().lstrip(SIGNATURE_DASHES))


def person_text(ent: Span) -> str:
    """A person entity without a verb the tagger swept into it (`Added Jane Doe:`)."""
    words = [token for token in ent if token.pos_ != "VERB"]
    return doc_text(ent.doc)[words[0].idx : ent.end_char] if words else ent.text


def clean_name(text: str) -> str:
    """A person name without possessive ending or leading title ("Mr. Sullivan's" -> "Sullivan")."""
    words = text.replace("\n", " ").lstrip(SIGNATURE_DASHES).split()
    while words and words[0].lower().rstrip(".") in TITLES and len(words) > 1:
        words = words[1:]
    name = " ".join(words)
    return _STRIP.sub("", name) if name.endswith(("'s", "’s", "'", "’")) else name


def person_roles(ent: Span) -> set[str]:
    """Role words the article attaches to a name: title modifiers and appositives."""
    root = ent.root
    words: set[str] = set()
    for token in root.children:
        if token.i < ent.start and token.dep_ in {"compound", "amod", "nmod"}:
            words |= {role_word(t.lemma_) for t in token.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"}}
        if token.dep_ == "appos" and token.pos_ == "NOUN":
            words |= {role_word(t.lemma_) for t in token.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"}}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        words |= {role_word(t.lemma_) for t in root.head.subtree if t.i < ent.start and t.pos_ in {"NOUN", "PROPN"}}
    words -= {role_word(t.lemma_) for t in ent}
    return words


def _proper_subject(token: Token) -> str | None:
    """A two-or-more-word proper-noun subject the tagger left unlabelled ("Jung Pak said")."""
    if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    chain = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_]
    words = [*chain, token]
    if len(words) < 2 or not all(w.text[:1].isupper() for w in words) or words[-1].i - words[0].i != len(words) - 1:
        return None
    return " ".join(w.text for w in words)


def _is_subject(token: Token) -> bool:
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ in {"appos", "compound"} and token.head.dep_ in {"nsubj", "nsubjpass"}


def _pronouns_after(ent: Span, quoted: Callable[[Token], bool]) -> list[Token]:
    """Gendered pronouns after a name in its sentence, when no other person is named there."""
    sent = ent.sent
    others = [e for e in sent.ents if e.label_ in NAME_LABELS and fold(e.text) != fold(ent.text)]
    if others:
        return []
    return [t for t in sent if t.i >= ent.end and t.lower_ in PRONOUN_GENDER and not quoted(t)]
