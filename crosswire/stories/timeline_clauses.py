"""What one sentence says happened at each of its dates, when it gives several.

"Kim arrived on Tuesday and met Putin on Wednesday" holds two events: the Tuesday entry's clause
is "Kim arrived on Tuesday", the Wednesday one's "Kim … met Putin on Wednesday" (the subject both
verbs share, with the words left out marked). Each date belongs to the nearest verb above it in the
parse; its clause is that verb's subtree without the branches that lead to another date's verb.
A clause is only ever cut from the sentence, never rewritten: it is the spans of its words.

"Officials met on Monday and Tuesday" is one event on two days: both dates hang from one verb,
and each day's clause is the whole list. A range ("between Monday and Wednesday", "from May to
June") is one span: both ends keep it whole, and the timeline tells it once, at its start
(`closes_range`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from crosswire.analysis.nlp import parse_one, runs

SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
COMPLEMENTS = frozenset({"ccomp", "xcomp"})
RANGE_OPENER = re.compile(r"\bbetween\s+(?:\w+\s+)?$", re.IGNORECASE)
RANGE_JOINER = re.compile(r"\s*(?:-|–|—|\s(?:to|until|till|through|thru)\s)\s*", re.IGNORECASE)
LIST_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|&)\s+)", re.IGNORECASE)


def own_clause(sentence: str, dates: Sequence[tuple[int, int]], which: int) -> list[tuple[int, int]] | None:
    """The spans of `sentence` telling what happened at `dates[which]` (offsets into `sentence`);
    None when the parse cannot tell that date's event from the others'."""
    doc = _parse(sentence)
    heads = [_date_head(doc, start, end) for start, end in dates]
    if any(head is None for head in heads):
        return None
    dated = [head for head in heads if head is not None]
    verbs = [_governor(head) for head in dated]
    verb = verbs[which]
    sharing = [k for k, other in enumerate(verbs) if other.i == verb.i]
    shared = sorted(dates[k] for k in sharing)
    if len(sharing) > 1 and not (_is_range(sentence, shared) or _is_list(sentence, shared)):
        return None
    root = _reporting_root(verb)
    dropped = _leading_subordinator(root)
    for k, other in enumerate(dated):
        if k not in sharing and root in other.ancestors:
            dropped |= _other_dates_branch(root, dated[which], other, verbs[k])
    kept = [t for t in root.subtree if t.i not in dropped]
    return _spans(_shared_subject(root) + kept)


def closes_range(sentence: str, dates: Sequence[tuple[int, int]], which: int) -> bool:
    """Whether `dates[which]` closes a range the date before it opens: a range is told once, at its start."""
    ordered = sorted(dates)
    k = ordered.index(dates[which])
    return k > 0 and _is_range(sentence, [ordered[k - 1], ordered[k]])


@lru_cache(maxsize=64)
def _parse(sentence: str) -> Doc:
    return parse_one(sentence)


def _date_head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governor(token: Token) -> Token:
    """The nearest verb above the date: the event it dates."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return current


def _reporting_root(verb: Token) -> Token:
    """The verb that reports or governs the event's clause ("said the ship would sail", "plans to
    visit", "is likely to follow"): the event reads with who said or planned it. A verb coordinated
    inside such a clause ("expected to meet … and discuss") climbs with it."""
    while _governed(verb):
        verb = verb.head
    return verb


def _governed(verb: Token) -> bool:
    head = verb.head
    if verb.dep_ in COMPLEMENTS:
        return head.pos_ in {"VERB", "AUX", "ADJ"}
    if verb.dep_ == "acomp":
        return head.pos_ in {"VERB", "AUX"}
    return verb.dep_ == "conj" and head.dep_ in COMPLEMENTS and head.pos_ in {"VERB", "AUX"}


def _leading_subordinator(root: Token) -> set[int]:
    """ "(two days) after" before a subordinate clause: the clause reads on its own without it."""
    mark = next((c for c in root.lefts if c.dep_ == "mark"), None)
    return {t.i for t in root.subtree if t.i <= mark.i} if mark is not None else set()


def _other_dates_branch(root: Token, ours: Token, other: Token, other_verb: Token) -> set[int]:
    """What of the clause belongs to another date: its whole branch (a coordinated or adverbial
    clause, with the joiner before it), or only the date's own phrase inside a reported clause."""
    ancestors = {t.i for t in ours.ancestors} | {ours.i}
    junction = next(t for t in [other, *other.ancestors] if t.i in ancestors)
    branch = next(t for t in [other, *other.ancestors] if t.head.i == junction.i)
    if branch.dep_ in COMPLEMENTS:
        phrase = next(t for t in [other, *other.ancestors] if t.head.i == other_verb.i)
        return {t.i for t in phrase.subtree}
    dropped = {t.i for t in branch.subtree}
    joiners = [c for c in junction.children if c.dep_ in {"cc", "punct", "preconj"}]
    before = [c.i for c in joiners if branch.left_edge.i - 2 <= c.i < branch.left_edge.i]
    after = [c.i for c in joiners if c.i == branch.right_edge.i + 1 and c.text == ","]
    return dropped | set(before or after)


def _shared_subject(verb: Token) -> list[Token]:
    """The subject a coordinated verb shares with the verb before it ("Kim arrived … and met …")."""
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return []
    current = verb
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
        subject = next((c for c in current.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return list(subject.subtree)
    return []


def _is_range(sentence: str, dates: list[tuple[int, int]]) -> bool:
    """ "between Monday and Wednesday", "from May to June": one span, told whole at both its ends."""
    if len(dates) != 2:
        return False
    (first, end), (start, _) = dates
    joiner = sentence[end:start]
    opened = RANGE_OPENER.search(sentence[:first])
    return bool(RANGE_JOINER.fullmatch(joiner) or (opened and re.fullmatch(r"\s+and\s+", joiner)))


def _is_list(sentence: str, dates: list[tuple[int, int]]) -> bool:
    """ "on Monday and Wednesday", "March 4 and 6": one event on each day of the list."""
    return all(LIST_JOINER.fullmatch(sentence[a[1] : b[0]]) for a, b in pairwise(dates))


def _spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """The tokens' words as runs of adjacent tokens, without punctuation at either end of the clause."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    while ordered and ordered[0].is_punct and not ordered[0].is_left_punct:
        ordered.pop(0)
    while ordered and ordered[-1].is_punct and not ordered[-1].is_right_punct:
        ordered.pop()
    return [(run[0].idx, run[-1].idx + len(run[-1])) for run in runs(ordered)]
