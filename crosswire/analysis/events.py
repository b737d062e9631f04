"""Who did what to whom, when and where: events read from the dependency parse.

The actions are a small vocabulary modelled on PLOVER/CAMEO (documented in docs/actions.md) so
that events from different outlets can be compared: "US officials have warned North Korea" and
"Sullivan warned North Korea against" both become `warn_or_threaten` with target North Korea.

Precision comes first: an event is emitted only when its verb (or a light verb with a trigger
noun, such as "imposed sanctions") is in the vocabulary, its actor is a named entity or a pronoun
resolved to one, and the clause is neither negated nor conditional. Negation is itself an action
in one case: "did not elaborate" and "declined to comment" are `deny_or_decline_comment`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Doc, Token

from crosswire.analysis.entities import PLACE_LABELS, country_of
from crosswire.analysis.nlp import doc_text
from crosswire.records import EntityMention, Event, TimeExpression


class Action(StrEnum):
    """The action vocabulary; docs/actions.md gives each one's meaning and PLOVER/CAMEO equivalent."""

    MAKE_STATEMENT = "make_statement"
    APPEAL_OR_URGE = "appeal_or_urge"
    WARN_OR_THREATEN = "warn_or_threaten"
    ACCUSE = "accuse"
    CRITICISE = "criticise"
    DENY_OR_DECLINE_COMMENT = "deny_or_decline_comment"
    MEET_OR_VISIT = "meet_or_visit"
    NEGOTIATE = "negotiate"
    AGREE = "agree"
    REJECT = "reject"
    COOPERATE = "cooperate"
    SUPPLY_ARMS_OR_AID = "supply_arms_or_aid"
    SEEK_ARMS_OR_AID = "seek_arms_or_aid"
    IMPOSE_SANCTIONS = "impose_sanctions"
    INVESTIGATE = "investigate"
    USE_FORCE = "use_force"
    PROTEST = "protest"
    ARREST_OR_DETAIN = "arrest_or_detain"


def _lemmas(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Verb lemmas that name an action on their own.
VERBS: dict[Action, frozenset[str]] = {
    Action.MAKE_STATEMENT: _lemmas(
        """say tell state announce add note stress underscore emphasize emphasise reiterate explain
        claim report reveal acknowledge confirm declare insist assert observe remark comment write
        describe characterize characterise express predict"""
    ),
    Action.APPEAL_OR_URGE: _lemmas("urge appeal ask request demand implore press"),
    Action.WARN_OR_THREATEN: _lemmas("warn threaten caution"),
    Action.ACCUSE: _lemmas("accuse blame"),
    Action.CRITICISE: _lemmas("criticise criticize condemn denounce slam blast rebuke decry censure"),
    Action.DENY_OR_DECLINE_COMMENT: _lemmas("deny"),
    Action.MEET_OR_VISIT: _lemmas("meet visit host travel invite"),
    Action.NEGOTIATE: _lemmas("negotiate discuss"),
    Action.AGREE: _lemmas("agree accept sign"),
    Action.REJECT: _lemmas("reject dismiss rebuff veto refuse decline"),
    Action.COOPERATE: _lemmas("cooperate collaborate partner"),
    Action.SUPPLY_ARMS_OR_AID: _lemmas("supply sell deliver ship export transfer provide give send"),
    Action.SEEK_ARMS_OR_AID: _lemmas("seek"),
    Action.IMPOSE_SANCTIONS: _lemmas("sanction embargo blacklist"),
    Action.INVESTIGATE: _lemmas("investigate probe"),
    Action.USE_FORCE: _lemmas("attack bomb shell invade raid assault occupy shoot"),
    Action.PROTEST: _lemmas("protest demonstrate rally"),
    Action.ARREST_OR_DETAIN: _lemmas("arrest detain jail imprison indict"),
}
# Nouns that name an action after a light verb ("issued warnings") or with a possessor ("Kim's visit").
NOUNS: dict[Action, frozenset[str]] = {
    Action.MAKE_STATEMENT: _lemmas("statement remark"),
    Action.APPEAL_OR_URGE: _lemmas("appeal call request demand"),
    Action.WARN_OR_THREATEN: _lemmas("warning threat ultimatum"),
    Action.ACCUSE: _lemmas("accusation allegation"),
    Action.CRITICISE: _lemmas("criticism condemnation"),
    Action.MEET_OR_VISIT: _lemmas("visit trip meeting summit"),
    Action.NEGOTIATE: _lemmas("talk negotiation"),
    Action.AGREE: _lemmas("deal agreement accord pact"),
    Action.COOPERATE: _lemmas("cooperation partnership"),
    Action.IMPOSE_SANCTIONS: _lemmas("sanction embargo tariff"),
    Action.INVESTIGATE: _lemmas("investigation probe inquiry"),
    Action.USE_FORCE: _lemmas("attack strike invasion offensive raid war airstrike"),
    Action.PROTEST: _lemmas("protest"),
}
LIGHT_VERBS = _lemmas(
    "issue impose make hold express give deliver lodge file launch conduct carry pay level strike reach sign slap "
    "place levy stage announce open"
)
# Verbs that only count as supplying when what changes hands is arms or aid ("provided evidence" is not).
NEEDS_MATERIEL = _lemmas("provide give send transfer ship export")
MATERIEL = _lemmas(
    """weapon arm munition ammunition missile rocket shell artillery drone tank round gun rifle bomb
    equipment weaponry aid assistance support supply technology fuel oil food grain money fund loan
    material component troop"""
)
# Acquiring verbs: seeking when wanted ("wants to get ... from"), the source supplying otherwise.
ACQUIRE = _lemmas("get obtain receive acquire buy purchase import")
DESIRE = _lemmas("want seek hope try plan intend aim wish look")
# Complements of "declined to ..." that make it declining to comment, and verbs that do so negated.
COMMENT = _lemmas("comment confirm elaborate specify disclose discuss answer respond say")
NOT_SAYING = _lemmas("comment confirm elaborate specify disclose")
NEGATIVE_CONTROL = _lemmas("decline refuse fail deny")
# Threat idioms in reported speech: "<X> will pay a price", "<X> will face consequences".
THREAT_IDIOMS = {"pay": _lemmas("price cost"), "face": _lemmas("consequence repercussion")}
# Heads of noun phrases that stand for the state or body that modifies them ("US officials").
AGENT_NOUNS = _lemmas(
    """official authority government administration ministry spokesperson spokesman spokeswoman
    diplomat envoy minister leader president military army force troop embassy regime delegation
    side lawmaker prosecutor police agency office navy"""
)
# Actions whose object is their target even when it is not a named entity ("sanctions on three entities").
PATIENT_ACTIONS = frozenset(
    {
        Action.IMPOSE_SANCTIONS,
        Action.USE_FORCE,
        Action.CRITICISE,
        Action.ACCUSE,
        Action.ARREST_OR_DETAIN,
        Action.INVESTIGATE,
        Action.REJECT,
        Action.PROTEST,
    }
)
# Actions whose reported content can name the target ("warned that North Korea will face consequences").
SPEECH_ACTIONS = frozenset(
    {Action.MAKE_STATEMENT, Action.WARN_OR_THREATEN, Action.APPEAL_OR_URGE, Action.ACCUSE, Action.CRITICISE}
)
# Pronouns resolved as actors ("he warned") and as the subject of a threat idiom ("they will pay").
ACTOR_PRONOUNS = frozenset({"he", "she", "it"})
TARGET_PRONOUNS = frozenset({"he", "she", "it", "they"})
# How far back (in tokens) a pronoun looks for its person (past long quotes) or its state.
SPEAKER_WINDOW, STATE_WINDOW = 400, 120
PARTY_PREPS = frozenset({"of", "by", "between", "from", "to", "with", "into"})
VISIT_PREPS = frozenset({"to", "with", "into"})
TARGET_PREPS = _lemmas("to on against with from for into toward towards of by")
PLACE_PREPS = _lemmas("in at near inside outside across throughout")
CONDITIONAL = _lemmas("if unless whether")
CLAUSE_DEPS = _lemmas("ccomp relcl acl advcl parataxis csubj conj")
VERB_TRIGGERS = {lemma: action for action, lemmas in VERBS.items() for lemma in lemmas}
NOUN_TRIGGERS = {lemma: action for action, lemmas in NOUNS.items() for lemma in lemmas}


@dataclass(frozen=True)
class _Context:
    """What every clause needs: the mentions by token, the quoted stretches, the time expressions."""

    doc: Doc
    by_token: dict[int, EntityMention]
    quoted: tuple[tuple[int, int], ...]
    times: tuple[tuple[Token, TimeExpression], ...]
    published: str | None


def find_events(
    doc: Doc, entities: list[EntityMention], times: list[TimeExpression], published: str | None
) -> list[Event]:
    """Events in `doc`; `entities` come from `find_entities(doc)` and `times` are resolved against
    `published`, which also dates a bare "today" the time stage left unresolved."""
    context = _Context(doc, _by_token(doc, entities), _quoted(doc.text), _time_roots(doc, times), published)
    events: list[Event] = []
    for token in doc:
        if token.pos_ in {"VERB", "AUX"}:
            events.extend(_clause_events(context, token))
        elif token.pos_ == "NOUN" and token.lemma_ in NOUN_TRIGGERS:
            events.extend(_nominal_events(context, token))
    return list(dict.fromkeys(events))


def _by_token(doc: Doc, entities: list[EntityMention]) -> dict[int, EntityMention]:
    index: dict[int, EntityMention] = {}
    for mention in entities:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for token in span if span is not None else ():
            index[token.i] = mention
    return index


def _quoted(text: str) -> tuple[tuple[int, int], ...]:
    """Stretches inside quotation marks (to the end of the line when a quote is left open)."""
    return tuple(m.span() for m in re.finditer(r"[“\"][^“”\"\n]*(?:[”\"]|$)", text, flags=re.M))


def _time_roots(doc: Doc, times: list[TimeExpression]) -> tuple[tuple[Token, TimeExpression], ...]:
    roots = []
    for time in times:
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None:
            roots.append((span.root, time))
    return tuple(roots)


# --- verbs -------------------------------------------------------------------------------------


def _clause_events(context: _Context, verb: Token) -> list[Event]:
    """The events of one verb: its action, then actors x targets from its arguments."""
    if _hypothetical(verb):
        return []
    if verb.lemma_ in ACQUIRE and not _wanted(verb) and not _negated(verb):
        return _acquired(context, verb)
    found = _verb_action(verb)
    if found is None:
        return []
    action, noun = found
    targets = _targets(context, verb, action, noun)
    threatened = _threat_target(context, verb) if action in SPEECH_ACTIONS and not targets else []
    if threatened:
        action, targets = Action.WARN_OR_THREATEN, threatened
    actors = _actors(context, verb)
    return [_event(context, verb, actor, action, target) for actor in actors for target in targets or [None]]


def _actors(context: _Context, verb: Token) -> list[str]:
    subject = _subject(verb)
    return _entities(context, subject, ACTOR_PRONOUNS) if subject is not None else []


def _acquired(context: _Context, verb: Token) -> list[Event]:
    """Acquiring as supplying: in "Russia receives munitions from the DPRK" the DPRK supplied Russia."""
    if not _moves_materiel(verb):
        return []
    sources = [name for source in _prep_objects(verb, {"from"}) for name in _entities(context, source)]
    receivers = _actors(context, verb)
    return [_event(context, verb, s, Action.SUPPLY_ARMS_OR_AID, r) for s in sources for r in receivers]


def _verb_action(verb: Token) -> tuple[Action, Token | None] | None:
    """The action a verb expresses (with the trigger noun of a light verb), or None."""
    lemma = verb.lemma_.lower()
    if _negated(verb):
        return (Action.DENY_OR_DECLINE_COMMENT, None) if lemma in NOT_SAYING and not _declined(verb) else None
    complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if lemma in NEGATIVE_CONTROL and complement is not None and complement.lemma_ in COMMENT:
        return Action.DENY_OR_DECLINE_COMMENT, None
    noun = next((c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.lemma_ in NOUN_TRIGGERS), None)
    if lemma in LIGHT_VERBS and noun is not None:
        return NOUN_TRIGGERS[noun.lemma_], noun
    if lemma == "call":
        return (Action.APPEAL_OR_URGE, None) if _has_prep(verb, {"on", "upon", "for"}) else None
    if lemma in ACQUIRE or lemma in {"ask", "seek", "request"}:
        return _seeking(verb, lemma)
    action = VERB_TRIGGERS.get(lemma)
    if action is None or (lemma in NEEDS_MATERIEL and not _moves_materiel(verb)):
        return None
    return action, None


def _seeking(verb: Token, lemma: str) -> tuple[Action, Token | None] | None:
    """Seeking arms or aid: "asks X for shells", "seeks munitions from X", "wants to get missiles from X"."""
    if lemma in {"ask", "request"}:
        asks_for = any(_is_materiel(o) for o in _prep_objects(verb, {"for"}))
        return (Action.SEEK_ARMS_OR_AID if asks_for or _moves_materiel(verb) else Action.APPEAL_OR_URGE), None
    if lemma == "seek" or _wanted(verb):
        return (Action.SEEK_ARMS_OR_AID, None) if _moves_materiel(verb) or _prep_objects(verb, {"from"}) else None
    return None


def _wanted(verb: Token) -> bool:
    return verb.dep_ == "xcomp" and verb.head.lemma_ in DESIRE


def _moves_materiel(verb: Token) -> bool:
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}] + _prep_objects(verb, {"with"})
    return any(_is_materiel(o) for o in objects)


def _is_materiel(token: Token) -> bool:
    """Arms or aid, also as "large amounts of weapons" or "shells or other ammunition"."""
    nouns = [token, *token.conjuncts, *token.children, *_prep_objects(token, {"of"})]
    return any(t.lemma_.lower() in MATERIEL for t in nouns if t.pos_ == "NOUN")


def _has_prep(verb: Token, words: set[str]) -> bool:
    return any(c.dep_ in {"prep", "prt"} and c.lower_ in words for c in verb.children)


def _prep_objects(head: Token, words: Iterable[str]) -> list[Token]:
    return [o for p in head.children if p.dep_ in {"prep", "dative", "agent"} and p.lower_ in words for o in _pobjs(p)]


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]


def _negated(verb: Token) -> bool:
    """Negated itself, the complement of a negated or negative verb ("declined to confirm"), or the
    content of a denied noun ("no indications that Pyongyang provided")."""
    token = verb
    while True:
        if any(c.dep_ == "neg" for c in token.children) or _declined(token):
            return True
        denied = token.head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in token.head.children)
        if token.dep_ in {"acl", "ccomp"} and denied:
            return True
        if token.dep_ != "xcomp" or token.head == token:
            return False
        token = token.head


def _declined(verb: Token) -> bool:
    """The complement of declining or denying: "declined to confirm", "denied supplying arms"."""
    return verb.dep_ in {"xcomp", "ccomp", "pcomp"} and verb.head.lemma_ in NEGATIVE_CONTROL


def _hypothetical(verb: Token) -> bool:
    """In an if/unless clause ("if it strikes an arms deal") or an irrealis "for X to" clause."""
    token = verb
    while True:
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        if marks & CONDITIONAL or ("for" in marks and token.tag_ == "VB"):
            return True
        if token.dep_ not in {"xcomp", "conj"} or token.head == token:
            return False
        token = token.head


# --- arguments ---------------------------------------------------------------------------------


def _subject(verb: Token) -> Token | None:
    """The actor's token: subject, passive agent, or the subject a controlled or conjoined verb shares."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return None if _across_paragraphs(child, verb) else _relative(child)
    passive = verb.tag_ == "VBN" and verb.dep_ in {"acl", "advcl"}
    if passive or any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        agents = _prep_objects(verb, {"by"})
        return agents[0] if agents else None
    head = verb.head
    if head == verb or head.pos_ not in {"VERB", "AUX"}:
        return None
    if verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VB"}):
        return _subject(head)
    if verb.dep_ != "xcomp" or _has_prep(head, {"on", "upon"}):
        return None
    if any(c.dep_ in {"dobj", "dative"} for c in head.children):
        return None  # object control: "urged the DPRK to stop" is not the DPRK stopping
    raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    return raised or _subject(head)


def _across_paragraphs(a: Token, b: Token) -> bool:
    """A subject in another paragraph is a parse joining a headline to the next sentence."""
    start, end = sorted((a.idx, b.idx))
    return "\n" in doc_text(a.doc)[start:end]


def _targets(context: _Context, verb: Token, action: Action, noun: Token | None) -> list[str]:
    """Whom the action is aimed at: object, recipient or prepositional object, in that order."""
    if action is Action.DENY_OR_DECLINE_COMMENT:
        return []
    if action is Action.MAKE_STATEMENT:
        addressees = [c for c in verb.children if c.dep_ == "dative" or (c.dep_ == "dobj" and verb.lemma_ == "tell")]
        return [name for t in addressees + _prep_objects(verb, {"to"}) for name in _entities(context, t)][:1]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass"} and c != noun]
    words = _target_preps(action)
    preps = _prep_objects(verb, words) + (_prep_objects(noun, words | {"by"}) if noun else [])
    found = next((names for token in objects + preps if (names := _entities(context, _relative(token)))), [])
    clauses = [c for c in verb.children if c.dep_ == "xcomp"]
    found = found or next(
        (names for token in objects + preps + clauses if (names := _entities_within(context, token))), []
    )
    if found:
        return found
    if action in SPEECH_ACTIONS:
        clause_subjects = [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        found = [name for s in clause_subjects for name in _entities(context, s)]
        if found:
            return found
    return _phrases(objects + preps) if action in PATIENT_ACTIONS else []


def _target_preps(action: Action) -> frozenset[str]:
    """Prepositions that introduce the target: a visit's is where it goes, not where it starts."""
    return VISIT_PREPS if action is Action.MEET_OR_VISIT else TARGET_PREPS - {"by"}


def _relative(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("a citizen who was sanctioned")."""
    if token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _entities(context: _Context, token: Token, pronouns: frozenset[str] = frozenset()) -> list[str]:
    """Canonical names a noun phrase's head refers to, conjuncts included ("China and Russia");
    `pronouns` are the pronouns worth resolving in this position."""
    names: list[str] = []
    for part in [token, *token.conjuncts]:
        name = _entity(context, part, pronouns)
        if name and name not in names:
            names.append(name)
    return names


def _entity(context: _Context, token: Token, pronouns: frozenset[str]) -> str | None:
    mention = context.by_token.get(token.i)
    if mention is not None:
        return country_of(mention.text) if mention.label == "NORP" else mention.canonical
    if token.pos_ == "PRON":
        return _pronoun(context, token) if token.lower_ in pronouns else None
    named = next((c for c in token.children if c.dep_ == "appos" and c.i in context.by_token), None)
    if named is not None:  # "the United Nations Secretary-General, Antonio Guterres,"
        return _entity(context, named, frozenset())
    return _agent_noun(context, token) if token.lemma_.lower() in AGENT_NOUNS else None


def _agent_noun(context: _Context, token: Token) -> str | None:
    """The entity an unnamed official speaks or acts for: "US officials", "South Korean officials",
    "an official at the Unification Ministry"."""
    modifiers = [c for c in token.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
    modifiers += _prep_objects(token, {"at", "of", "from", "for"})
    for modifier in modifiers:
        mention = context.by_token.get(modifier.i)
        if mention is not None and mention.label != "PERSON":
            return country_of(mention.text) if mention.label == "NORP" else mention.canonical
    return None


def _pronoun(context: _Context, pronoun: Token) -> str | None:
    """He/she: whoever was last the subject of a clause outside quotes (a named person, or an official
    standing for a body). It/they: the last state or body named, core arguments first, looking only
    inside the pronoun's own quotation when it is quoted."""
    quote = _quote_of(context, pronoun.idx)
    if pronoun.lower_ in {"he", "she"}:
        if quote is not None:
            return None
        window = range(max(0, pronoun.i - SPEAKER_WINDOW), pronoun.i)
        subjects = [t for t in (context.doc[i] for i in window) if _speaker_like(context, t)]
        return _entity(context, subjects[-1], frozenset()) if subjects else None
    window = range(max(0, pronoun.i - STATE_WINDOW), pronoun.i)
    candidates = [t for t in (context.doc[i] for i in window) if _body_like(context, t, quote)]
    core = [t for t in candidates if t.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return _entity(context, (core or candidates)[-1], frozenset()) if candidates else None


def _body_like(context: _Context, token: Token, quote: tuple[int, int] | None) -> bool:
    """A state or organisation named in the pronoun's quotation (or outside quotes), or an unnamed
    body as a clause subject ("the agency said it ...": then "it" is the agency, not a state before)."""
    if _quote_of(context, token.idx) != quote:
        return False
    mention = context.by_token.get(token.i)
    if mention is not None:
        return mention.label in {"GPE", "ORG"}
    return token.dep_ in {"nsubj", "nsubjpass"} and token.lemma_.lower() in AGENT_NOUNS


def _speaker_like(context: _Context, token: Token) -> bool:
    """A clause subject outside quotes that is a person, named or described ("an official at")."""
    if token.dep_ not in {"nsubj", "nsubjpass"} or _quote_of(context, token.idx) is not None:
        return False
    mention = context.by_token.get(token.i)
    return mention.label == "PERSON" if mention is not None else token.lemma_.lower() in AGENT_NOUNS


def _quote_of(context: _Context, offset: int) -> tuple[int, int] | None:
    return next((q for q in context.quoted if q[0] <= offset < q[1]), None)


def _entities_within(context: _Context, token: Token) -> list[str]:
    """The first party inside a phrase: a possessor or a party phrase of a noun ("Russia's invasion",
    "transactions between Pyongyang and Moscow", "attempts by the US", "munitions from North Korea"),
    or an argument of a verb object ("discussing holding exercises with North Korea"), never inside a
    clause. A noun's "on"/"against" phrase is its patient, not a party ("condemned the strikes on Gaza")."""
    preps = TARGET_PREPS if token.pos_ in {"VERB", "AUX"} else PARTY_PREPS
    for child in sorted(token.children, key=lambda c: c.dep_ != "poss"):
        if child.dep_ == "prep" and child.lower_ in preps:
            inner = _pobjs(child)
        else:
            inner = [child] if child.dep_ in {"dobj", "poss"} else []
        for part in inner:
            found = _entities(context, part) or _entities_within(context, part)
            if found:
                return found
    return []


def _phrases(tokens: list[Token]) -> list[str]:
    """The bare noun phrase of the first nominal object when no entity is named ("three entities")."""
    for token in map(_relative, tokens):
        if token.pos_ in {"NOUN", "PROPN"}:
            words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det" and not t.is_punct]
            return [" ".join(t.text for t in words)]
    return []


def _threat_target(context: _Context, verb: Token) -> list[str]:
    """Reported "<X> will pay a price" / "will face consequences": a warning to X by the speaker."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    for clause in clauses + [conj for c in clauses for conj in c.conjuncts]:
        objects = THREAT_IDIOMS.get(clause.lemma_, frozenset())
        if any(c.dep_ == "dobj" and c.lemma_ in objects for c in clause.children):
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            return _entities(context, subject, TARGET_PRONOUNS) if subject is not None else []
    return []


# --- nominal events ----------------------------------------------------------------------------


def _nominal_events(context: _Context, noun: Token) -> list[Event]:
    """A possessor acting through a noun: "Kim's visit to Russia", "Russia's invasion of Ukraine"."""
    possessor = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if possessor is None or (noun.dep_ in {"dobj", "attr"} and noun.head.lemma_ in LIGHT_VERBS):
        return []
    actors = _entities(context, possessor)
    action = NOUN_TRIGGERS[noun.lemma_]
    targets = _prep_objects(noun, _target_preps(action))
    names = [name for t in targets for name in _entities(context, t)][:1]
    return [_event(context, noun, actor, action, target) for actor in actors for target in names or [None]]


# --- time and place ----------------------------------------------------------------------------


def _event(context: _Context, trigger: Token, actor: str, action: Action, target: str | None) -> Event:
    start, end = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge)
    target = None if target == actor else target
    date, place = _date(context, trigger), _place(context, trigger, action is not Action.MAKE_STATEMENT)
    return Event(actor, action.value, target, trigger.text, start, end, date=date, place=place)


def _date(context: _Context, trigger: Token) -> str | None:
    """The value of a calendar time in the trigger's own clause ("on Tuesday", "last August").

    Durations, sets and vague references ("daily", "in recent days" = PAST_REF) date nothing.
    """
    for root, time in context.times:
        if time.type in {"DATE", "TIME"} and _governed_by(root, trigger) and not _across_paragraphs(root, trigger):
            value = time.value or _deictic(time.text, context.published)
            if value is not None and not value.endswith("_REF") and not value.startswith("P"):
                return value
    return None


def _deictic(text: str, published: str | None) -> str | None:
    return published[:10] if published and text.lower() in {"today", "tonight", "this morning"} else None


def _governed_by(token: Token, trigger: Token) -> bool:
    """Whether `token` hangs from `trigger` without crossing into another clause: a clausal relation,
    or a verb with a subject or subordinator of its own ("whether Kim would meet Putin soon")."""
    while token != trigger:
        clause = token.dep_ in CLAUSE_DEPS and (token.dep_ != "conj" or token.pos_ in {"VERB", "AUX"})
        own_clause = token.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "mark"} for c in token.children)
        if token.head == token or clause or own_clause:
            return False
        token = token.head
    return True


def _place(context: _Context, trigger: Token, via_object: bool) -> str | None:
    """A place in a locative phrase of the clause ("in a briefing at the White House in Washington"),
    or of its object unless that is reported content ("visited a factory in Komsomolsk")."""
    objects = [c for c in trigger.children if c.dep_ == "dobj"] if via_object else []
    frontier = [trigger, *objects]
    while frontier:
        head = frontier.pop(0)
        for obj in _prep_objects(head, PLACE_PREPS):
            mention = context.by_token.get(obj.i)
            if mention is not None and mention.label in PLACE_LABELS:
                return mention.canonical
            frontier.append(obj)
    return None
