"""Indirect speech: "X said (that) …", "X told reporters …", "according to X, …".

The reported clause is the complement of a speech verb, or the sentence an "according to" phrase
modifies; an "according to X" closing the clause is its sourcing, not its content (the speaker
stage reads the relay from it). Clauses overlapping a direct quote are left to it (that is a mixed
quote), and so are reporting verbs inside quotation marks (the speaker's own reported speech).
"""

from __future__ import annotations

from spacy.tokens import Token

from crosswire.analysis.quotes_attribution import Item
from crosswire.analysis.quotes_context import Context
from crosswire.analysis.quotes_cues import CLAUSE_VERBS, is_according, subject_of, trailing_according

MIN_CLAUSE_TOKENS = 3


def indirect_speech(ctx: Context, direct: list[Item]) -> list[Item]:
    """Indirect statements outside the direct ones, in text order."""
    taken = [(item.start, item.end) for item in direct]
    found: list[Item] = []
    for token in ctx.doc:
        if ctx.quoted(token) or any(start <= token.idx < end for start, end in taken):
            continue
        clause = _reported_clause(ctx, token)
        if clause is None or any(start < clause[1] and clause[0] < end for start, end in taken):
            continue
        speaker = subject_of(token)
        if speaker is None or speaker.lower_ in {"you", "there"} or ctx.para_of(speaker) != ctx.para(clause[0]):
            continue
        found.append(Item(*clause, [clause], "indirect", ctx.para(clause[0]), token, speaker, "indirect"))
        taken.append(clause)
    return found


def _reported_clause(ctx: Context, token: Token) -> tuple[int, int] | None:
    if is_according(token):
        return _according_clause(ctx, token)
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or not (lemma in CLAUSE_VERBS or lemma in {"quote", "cite"}):
        return None
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is None or not any(t.pos_ in {"VERB", "AUX"} for t in clause.subtree):
        return None
    if clause.left_edge.tag_ in {"WDT", "WP", "WRB"}:
        return None  # "which he said was …": a relative clause, not a statement
    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
    return _clean(ctx, tokens)


def _according_clause(ctx: Context, token: Token) -> tuple[int, int] | None:
    head = token.head
    if head.i == token.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    phrase = {t.i for t in token.subtree}
    return _clean(ctx, [t for t in head.subtree if t.i not in phrase])


def _clean(ctx: Context, tokens: list[Token]) -> tuple[int, int] | None:
    """The clause without edge punctuation and a closing "according to X"; None when too short or
    partly quoted."""
    according = trailing_according(tokens)
    if according is not None:
        tokens = [t for t in tokens if t.i < according.left_edge.i]
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if len(tokens) < MIN_CLAUSE_TOKENS or any(ctx.quoted(t) for t in tokens):
        return None
    return ctx.span_chars(tokens)
