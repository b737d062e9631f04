"""Cue words and the syntax around them: who a reporting verb's speaker is, what counts as a name.

The lexicons are deliberately broad: news attributes statements with dozens of verbs ("said",
"warned", "quipped", "tweeted"), with nouns ("in a statement") and with "according to". Speech
verbs can introduce indirect speech; cognitive verbs ("believes", "fears") only attach quoted
words, since a quotation mark already shows that someone said them. Attitude verbs ("called it",
"slammed") attach quoted words but do not introduce a reported clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from crosswire.analysis.coref import person_text

CLAUSE_VERBS = {
    "say", "tell", "add", "note", "warn", "claim", "stress", "state", "explain", "announce", "argue", "insist",
    "write", "tweet", "report", "reply", "respond", "answer", "declare", "suggest", "acknowledge", "admit",
    "confirm", "deny", "emphasize", "emphasise", "underscore", "underline", "reiterate", "observe", "remark",
    "comment", "recall", "predict", "promise", "vow", "pledge", "urge", "accuse", "charge", "complain", "concede",
    "contend", "assert", "maintain", "joke", "quip", "boast", "brag", "lament", "plead", "shout", "yell", "scream",
    "chant", "testify", "conclude", "counter", "retort", "allege", "threaten", "caution", "advise", "mention",
    "reveal", "disclose", "indicate", "signal", "proclaim", "repeat", "agree", "disagree", "assure", "remind",
    "highlight", "hint", "speculate", "estimate", "forecast", "inform", "confide", "whisper", "mutter", "exclaim",
    "cry", "pronounce", "muse", "recount", "summarize", "summarise", "point", "tout", "concur", "specify",
    "preach", "lecture", "brief", "elaborate", "affirm", "contest", "dispute", "rebut",
}  # fmt: skip
# Before a reported clause, their object is whom it was addressed to ("told reporters that …"), not part of it.
ADDRESSEE_VERBS = {
    "tell", "warn", "inform", "remind", "assure", "reassure", "advise", "caution", "promise", "brief", "ask",
    "urge", "notify", "answer",
}  # fmt: skip
ATTITUDE_VERBS = {
    "ask", "begin", "blast", "brand", "call", "characterise", "characterize", "chime", "cite", "condemn",
    "continue", "criticise", "criticize", "decry", "demand", "denounce", "describe", "dismiss", "dub", "echo",
    "express", "fire", "go", "hail", "interject", "interrupt", "label", "laud", "mock", "object", "offer", "post",
    "praise", "propose", "protest", "put", "question", "quote", "read", "recommend", "refer", "reject", "request",
    "scoff", "shoot", "sing", "slam", "snap", "term", "voice", "wonder", "react", "crack", "thank", "welcome",
    "share", "snipe", "bark", "riff", "exhort", "gush", "rave", "sigh", "retweet", "thunder",
}  # fmt: skip
SPEECH_VERBS = CLAUSE_VERBS | ATTITUDE_VERBS
COGNITIVE_VERBS = {
    "think", "believe", "feel", "hope", "fear", "expect", "want", "know", "worry", "doubt", "consider", "view",
    "regard", "suspect", "wish", "remember", "imagine", "figure", "pray", "ponder",
}  # fmt: skip
CUE_NOUNS = {
    "statement", "remark", "comment", "word", "tweet", "speech", "interview", "letter", "email", "e-mail",
    "message", "memo", "release", "address", "testimony", "claim", "assertion", "warning", "promise", "pledge",
    "vow", "accusation", "argument", "slogan", "motto", "quote", "response", "reply", "answer", "announcement",
    "declaration", "note", "post", "op-ed", "essay", "column", "briefing", "view", "insistence", "suggestion",
    "admission", "prediction", "description", "call", "plea", "question",
}  # fmt: skip
MEDIA_HEADS = {"media", "television", "tv", "radio", "newspaper", "broadcaster", "agency", "outlet", "daily", "wire"}
HEDGE_WORDS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly", "apparently", "rumored"}
HEDGE_MODALS = {"would", "could", "may", "might"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
RELATIVES = {"who", "that", "which", "whom"}
DASHES = {"—", "–", "-", "--", "―"}
# Dependencies a quoted fragment may climb through to reach the word that reports it.
CLIMB_DEPS = {
    "ccomp", "xcomp", "dobj", "attr", "acomp", "prep", "pobj", "amod", "compound", "nmod", "appos", "oprd",
    "dative", "npadvmod", "advmod", "conj", "pcomp", "acl", "det", "poss", "nummod", "quantmod", "cc", "punct",
    "advcl", "case", "neg", "aux", "auxpass", "mark", "expl", "intj", "dep", "predet", "preconj", "prt", "agent",
}  # fmt: skip
MAX_TITLE_WORDS = 12


def is_cue(token: Token, cognitive: bool = True) -> bool:
    """A word that can report a statement: a reporting verb, a statement noun or "according"."""
    lemma = token.lemma_.lower()
    if is_according(token):
        return True
    if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
        return lemma in SPEECH_VERBS or (cognitive and lemma in COGNITIVE_VERBS)
    return token.pos_ == "NOUN" and lemma in CUE_NOUNS


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(child.lower_ == "to" for child in token.children)


def trailing_according(tokens: Sequence[Token]) -> Token | None:
    """An "according to X" phrase that closes `tokens` (`…, according to Yonhap.`): it says where the
    statement came from, so it is sourcing, not part of what was said."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    return next((t for t in words if is_according(t) and t.right_edge.i >= words[-1].i), None)


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a cue: its subject, or the subject of the verb it hangs from."""
    if is_according(verb):
        to = next(child for child in verb.children if child.lower_ == "to")
        return next((child for child in to.children if child.dep_ == "pobj"), None)
    if verb.pos_ == "NOUN":
        return _noun_speaker(verb)
    source = quoted_source(verb)
    if source is not None:
        return source
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        subject = _direct_subject(token)
        if subject is not None:
            antecedent = relative_antecedent(subject) if subject.lower_ in {"that", "which"} else None
            return (_issuer(antecedent) if antecedent is not None else None) or subject
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            head = token.head  # "a statement saying", "with a spokesperson saying"
            return _noun_speaker(head) if head.lemma_.lower() in CUE_NOUNS else _issuer(head) or head
        token = _governor(token)
    return None


def _issuer(noun: Token) -> Token | None:
    """Who put out what an object noun says: "Trump released an ad calling …" and "the Post ran a
    piece that noted …" are Trump's and the Post's; "emailed supporters saying …" is the sender's."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "to":
        verb = noun.head.head  # "sent a message to supporters saying"
    elif noun.dep_ in {"dobj", "dative"}:
        verb = noun.head
    else:
        return None
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ in {"quote", "cite"} or _named(noun):
        return None
    return _direct_subject(verb)


def _named(noun: Token) -> bool:
    """A named person or body, who can speak for themselves (unlike an ad, a video, "supporters")."""
    return noun.pos_ == "PROPN" or noun.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}


def quoted_source(verb: Token) -> Token | None:
    """ "Yonhap reported, quoting a government official, …": the official is the source.

    Only a medium relays a source this way; "Trump said, citing a poll, …" is still Trump speaking.
    """
    subject = _direct_subject(verb) if verb.lemma_ not in {"quote", "cite"} else None
    if subject is None or not (subject.ent_type_ in {"ORG", "WORK_OF_ART"} or subject.lemma_.lower() in MEDIA_HEADS):
        return None
    for child in verb.children:
        if child.lemma_ in {"quote", "cite"} and child.dep_ in {"advcl", "xcomp", "conj"}:
            return next((c for c in child.children if c.dep_ == "dobj"), None)
    return None


def _direct_subject(verb: Token) -> Token | None:
    if verb.lemma_ in {"quote", "cite"}:
        # "Interfax quoted Shoigu as saying": the quoted person speaks; "Shoigu was quoted" too.
        # Without "as saying", what is cited is a text or a reason ("citing precedent").
        quoted = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if quoted is not None and (quoted.dep_ == "nsubjpass" or _quoted_as_saying(verb)):
            return quoted
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if by is not None:
        return by  # "X was asked by the moderator, …": the one asking speaks
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    expletive = {"there", "it"} if passive else {"there"}  # "it is said that …" names no one
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in expletive]
    # with two subjects (a misparse around a quotation), the one next to the verb speaks
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _quoted_as_saying(verb: Token) -> bool:
    """ "quoted X as saying", "quoted X saying", "quoting X, that …": the quoting verb reports speech."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return True
        clause = next((c for c in child.children if c.dep_ == "pcomp"), None) if child.lower_ == "as" else child
        if clause is not None and clause.dep_ in {"pcomp", "advcl", "xcomp", "acl"} and is_cue(clause):
            return True
    return False


def _governor(token: Token) -> Token | None:
    """The verb a participle or coordinated verb depends on ("…, adding" -> "said")."""
    if token.dep_ in {"advcl", "xcomp", "conj", "pcomp", "prep"} and token.head.i != token.i:
        return token.head
    return None


def _noun_speaker(noun: Token) -> Token | None:
    """ "Clinton's statement", "a statement from the ministry", "his remarks"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        return _direct_subject(head.head)
    if noun.dep_ in {"dobj", "attr"} and head.pos_ in {"VERB", "AUX"}:
        return _direct_subject(head)
    return None


def relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative clause hangs from: "Sanders, who says …" -> Sanders."""
    head = pronoun.head
    for _ in range(3):
        if head.dep_ == "relcl":
            return head.head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def hedged(cue: Token) -> bool:
    """The article does not vouch for the statement: "reportedly", "is said to", a modal on the cue."""
    if any(child.lower_ in HEDGE_MODALS and child.dep_ == "aux" for child in cue.children):
        return True
    if any(token.lower_ in HEDGE_WORDS for token in cue.sent):
        return True
    if any(child.dep_ == "mark" and child.lower_ == "if" for child in cue.children):
        return True
    passive = any(child.dep_ == "auxpass" for child in cue.children)
    return passive and any(child.dep_ == "xcomp" for child in cue.children)  # "is said to", "is believed to"


def intransitive(verb: Token, quotation: tuple[int, int] = (0, 0)) -> bool:
    """A verb used without an object (`"…," Toomey fumed`), so after a quotation it can only attribute.
    The quotation itself, which the parser often hangs from the verb, is no object."""
    objects = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"}
    start, end = quotation
    if verb.dep_ in {"compound", "amod", "nmod"}:
        return False  # a noun the tagger took for a verb ("screenwriter Jane Doe wrote")
    return verb.pos_ == "VERB" and not any(
        child.dep_ in objects and not start <= child.idx < end for child in verb.children
    )


def fills_gap(gap: list[Token], verb: Token) -> bool:
    """Only the verb's subject, adverbs and punctuation stand between a closing mark and the verb."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    own = {t.i for subject in subjects for t in subject.subtree}
    for token in gap:
        if token.tag_ in {"WRB", "WDT", "WP"} or token.pos_ == "SCONJ":
            return False
        if token.is_punct or token.i in own:
            continue
        if token.head.i != verb.i or token.dep_ not in {"advmod", "aux", "neg", "npadvmod"}:
            return False
    return True


def bare_name(words: list[Token], unlabelled: bool = False) -> Token | None:
    """The head of a short phrase that is only a name ("Pew Research", "Sen. Jane Doe"), else None;
    `unlabelled` accepts capitalised proper nouns the entity tagger missed."""
    named = [w for w in words if w.ent_type_ in {"PERSON", "ORG"}]
    if unlabelled and not named:
        named = [w for w in words if w.pos_ == "PROPN" and w.text.lstrip("-–—")[:1].isupper()]
    if not named or len(words) > 4 or not all(w.ent_type_ or w.pos_ in {"PROPN", "DET"} for w in words):
        return None
    return named[-1]


def named_within(token: Token) -> Token:
    """ "the council's spokesperson Adrienne Watson": the name inside a role noun phrase."""
    if token.ent_type_ or token.pos_ != "NOUN":
        return token
    for child in token.children:
        if child.dep_ in {"appos", "compound"} and child.ent_type_ == "PERSON" and child.i > token.i:
            return child
    return token


def entity_text(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return person_text(ent) if ent.label_ == "PERSON" else ent.text
    return token.text


def joins_words(token: Token) -> bool:
    """A hyphen or apostrophe inside a name ("Soo-suk", "O'Malley"), not a dash before it."""
    previous = token.nbor(-1) if token.i > 0 else None
    return token.text in "-–'’" and previous is not None and not previous.whitespace_ and not token.whitespace_


def cue_text(cue: Token) -> str | None:
    """The cue as the article words it: "said", "pointed out", "according to"."""
    if cue.is_punct or cue.text[:1] in DASHES:
        return None  # the colon after a transcript label, the dash before a signature
    if is_according(cue):
        return f"{cue.text} to"
    particles = [c.text for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *particles])


def title_like(quoted: str) -> bool:
    """A title or name in quotation marks: every content word capitalised ("Meet the Press")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", quoted)
    content = [word for word in words if word.lower() not in STOP_WORDS]
    return bool(content) and len(words) <= MAX_TITLE_WORDS and all(word[0].isupper() for word in content)
