"""What a relative time expression is resolved against: the anchor, the tense, earlier mentions.

"Tuesday" names a different day in "met on Tuesday" and "will meet on Tuesday", and "the
following day" counts from the last day the text mentioned. The `Context` holds those three
things for one document while its expressions are resolved left to right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from spacy.tokens import Doc, Span, Token

from crosswire.analysis.times_calendar import Period, period


class Tense(StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    NONE = "none"


FUTURE_AUX = {"will", "'ll", "ll", "shall", "wo"}
PERFECT_AUX = {"have", "has", "had", "'ve"}
MODALS = {"would", "could", "may", "might", "should", "can", "must", "ca"}
# Predicates whose infinitive complement lies ahead: "is expected to meet Friday".
FUTURE_PREDICATES = {
    "expect", "schedule", "plan", "due", "set", "likely", "go", "intend", "hope", "aim", "want", "seek",
    "prepare", "promise", "vow", "threaten", "agree", "decide", "propose", "poise", "slate", "try", "wish", "be",
}  # fmt: skip
# Nouns whose infinitive lies ahead: "announced an agreement to acquire the bank in January".
FUTURE_NOUNS = {
    "plan", "agreement", "deal", "bid", "offer", "proposal", "decision", "promise", "pledge", "intention",
    "commitment", "option", "right", "obligation",
}  # fmt: skip
# Verbs that put their time expression ahead: "is scheduled for Friday", "were planning to march Monday"
# (not their simple past: "planned on Friday to..." dates the planning).
SCHEDULING = {"plan", "schedule", "slate", "expect", "postpone", "delay", "adjourn", "defer", "reschedule"}
# Verbs that move a deadline or grant time: whatever their tense, "until Tuesday" after them lies ahead
# ("postponed until Tuesday", "delayed the vote to Friday", "has given them until Tuesday to sign").
DEFERRING = {"postpone", "delay", "adjourn", "defer", "reschedule", "extend", "suspend", "recess"}
GRANTING = {"give", "grant", "allow"}
# Subjects that negate their clause as "not" does: "Neither he nor his lawyer could be reached Wednesday".
NEGATING_WORDS = {"neither", "nor", "nobody", "none", "no"}
_CLIMB_LIMIT = 8


@dataclass
class Context:
    """One document's anchor day, parse and already-resolved mentions."""

    doc: Doc
    anchor: date | None
    clock: tuple[int, int] | None = None
    day_first: bool = False
    mentions: list[Period] = field(default_factory=list)
    previous: Period | None = None
    _tenses: dict[tuple[int, int], Tense] = field(default_factory=dict)

    def anchored(self, grain: str) -> Period | None:
        """The anchor's own period of `grain` (its month, its week...), or None when undated."""
        return period(grain, self.anchor) if self.anchor else None

    def reference(self, grain: str) -> Period | None:
        """The latest mention at least as fine as `grain`, else the anchor's period of `grain`.

        "The following day" needs a day to count from: a mention of "this week" between
        "Sept. 4" and it does not replace Sept. 4.
        """
        for mention in reversed(self.mentions):
            if mention.at_least_as_fine_as(grain):
                return mention
        return self.anchored(grain)

    def latest(self, grain: str, completed: bool = False) -> Period | None:
        """The latest mention of exactly `grain` ("the quarter" after "the third quarter").

        With `completed`, only periods already over at the anchor count ("the latest quarter"
        is the last one reported, not a fourth quarter the text forecasts).
        """
        current = self.anchored(grain) if completed else None
        for mention in reversed(self.mentions):
            if mention.grain == grain and (current is None or mention.start < current.start):
                return mention
        return None

    def compared(self) -> Period | None:
        """The period just named, when it is a part of a year that "a year earlier" would compare with."""
        if self.previous is not None and self.previous.grain in ("half", "quarter", "season", "month"):
            return self.previous
        return None

    def remember(self, mention: Period | None) -> None:
        """Record what the text just named: a period, or None for a duration or a vague reference."""
        self.previous = mention
        if mention is not None:
            self.mentions.append(mention)

    def tense(self, start: int, end: int) -> Tense:
        """The tense of the clause an expression sits in, from its governing verb."""
        key = (start, end)
        if key not in self._tenses:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            self._tenses[key] = clause_tense(span) if span is not None and len(span) else Tense.NONE
        return self._tenses[key]


def clause_tense(span: Span) -> Tense:
    """Past, present or future for the verb governing `span`, climbing past non-finite verbs.

    "since Monday", "ahead of Monday" and "set for Monday" say it outright; otherwise the verb group does
    ("will meet", "has met", "met"), or, for an infinitive or participle, the verb above it
    ("is expected to meet", "warned against providing weapons Tuesday").
    """
    before = span.doc[max(0, span.start - 2) : span.start].text.lower()
    if before.endswith("since"):
        return Tense.PAST
    if before.endswith(("ahead of", "set for")):  # not "the record set on Aug. 6"
        return Tense.FUTURE
    token: Token | None = _governing_verb(span.root, span)
    if token is not None and _deadline(token.lemma_.lower(), before):
        return Tense.FUTURE
    for _ in range(_CLIMB_LIMIT):
        if token is None:
            return Tense.NONE
        if token.lemma_.lower() in SCHEDULING and token.tag_ != "VBD":
            return Tense.FUTURE
        tense = _finite_tense(token)
        if tense is not None:
            return tense
        if _infinitive_after_future_predicate(token):
            return Tense.PAST if _past_perfect(token.head) else Tense.FUTURE
        if token.tag_ == "VBN" and not _passive(token):
            return Tense.PAST
        parent = _governing_verb(token, None)
        if parent is None or parent is token:
            return _nonfinite_tense(token)
        token = parent
    return Tense.NONE


def _deadline(verb: str, before: str) -> bool:
    """'postponed until', 'delayed to', 'gave them until': the time named next is a deadline ahead."""
    return (verb in DEFERRING and bool(re.search(r"\b(?:until|till|to)$", before))) or (
        verb in GRANTING and bool(re.search(r"\b(?:until|till)$", before))
    )


def _governing_verb(token: Token, inside: Span | None) -> Token | None:
    """The nearest verb above `token` that is not part of the expression itself."""
    current = token
    for _ in range(_CLIMB_LIMIT):
        head = current.head
        if head is current:
            return head if head.pos_ in ("VERB", "AUX") else None
        current = head
        if inside is not None and inside.start <= current.i < inside.end:
            continue
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _finite_tense(verb: Token) -> Tense | None:
    """The tense a verb group shows through its auxiliaries and tag; None when non-finite.

    Perfects count as past; modals as future, except a negated 'could'/'would' ("could not be
    reached Tuesday"), which news uses for the past.
    """
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes}
    negated = any(child.dep_ == "neg" for child in verb.children) or _negative_subject(verb)
    if words & FUTURE_AUX:
        return Tense.FUTURE
    if words & PERFECT_AUX:
        return Tense.PAST
    if words & MODALS:
        return Tense.PAST if negated and words & {"could", "would"} else Tense.FUTURE
    if "going" in words and any(child.lower_ == "to" for child in verb.children):
        return Tense.FUTURE
    tags = {aux.tag_ for aux in auxes} | {verb.tag_}
    if "VBD" in tags:
        return Tense.PAST
    if tags & {"VBZ", "VBP"}:
        return Tense.PRESENT
    return None


def _passive(participle: Token) -> bool:
    """'getting beat up', 'being held': a participle whose tense lies with the verb above it."""
    return any(child.dep_ == "auxpass" for child in participle.children)


def _negative_subject(verb: Token) -> bool:
    """'Neither he nor his wife could be reached', 'No one would comment'."""
    subjects = [child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")]
    return any(word.lower_ in NEGATING_WORDS for subject in subjects for word in subject.subtree)


def _infinitive_after_future_predicate(verb: Token) -> bool:
    """'expected to travel', 'likely to follow', 'plans to open': the event lies ahead.

    Only for an infinitive complementing the predicate: in "the first countries to join on
    Friday were Poland..." the infinitive is the subject of "were", and its tense is the past's.
    """
    has_to = any(child.lower_ == "to" and child.dep_ == "aux" for child in verb.children)
    if not has_to:
        return False
    head = verb.head.lemma_.lower()
    return (verb.dep_ == "xcomp" and head in FUTURE_PREDICATES) or (verb.dep_ == "acl" and head in FUTURE_NOUNS)


def _past_perfect(predicate: Token) -> bool:
    """'had been due to expire Friday', 'had been expected to vote Monday': a plan already overtaken."""
    group = [predicate, predicate.head] if predicate.dep_ in ("acomp", "attr") else [predicate]
    return any(child.lower_ == "had" and child.dep_ == "aux" for word in group for child in word.children)


def _nonfinite_tense(verb: Token) -> Tense:
    if verb.tag_ == "VBN":
        return Tense.PAST
    if verb.tag_ == "VBG":
        return Tense.PRESENT
    return Tense.NONE


# --- choosing among candidate dates by tense ---------------------------------------------------


def choose(candidates: list[date], anchor: date, tense: Tense, against: float = 6.0) -> date:
    """The candidate the tense points to, unless one the other way is far nearer.

    A day the wrong side of the anchor for the tense counts `against` times its distance: in
    past-tense text written in August, "in September" is still next month rather than eleven
    months ago, because tense is read from a parse and sometimes belongs to another event.
    Without tense the nearest candidate wins (the past on ties).
    """

    def cost(day: date) -> tuple[float, bool]:
        distance = abs((day - anchor).days)
        wrong_way = (tense is Tense.PAST and day > anchor) or (tense is Tense.FUTURE and day < anchor)
        return distance * (against if wrong_way else 1.0), day > anchor

    return min(candidates, key=cost)


def weekday_near(anchor: date, weekday: int, tense: Tense) -> date:
    """The day named by a bare weekday: last one for the past, next one for the future, else nearest."""
    back = anchor - timedelta(days=(anchor.weekday() - weekday) % 7)
    ahead = anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return choose([back, ahead], anchor, tense, against=float("inf"))


def weekday_before(day: date, weekday: int) -> date:
    """The latest `weekday` strictly before `day` ("last Friday")."""
    return day - timedelta(days=(day.weekday() - weekday - 1) % 7 + 1)


def weekday_after(day: date, weekday: int) -> date:
    """The earliest `weekday` strictly after `day` ("next Monday")."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)
