"""Indirect speech: "X said (that) …", "X told reporters …", "according to X, …", "… , X said, …".

The reported clause is the complement of a speech verb, the sentence an "according to" phrase
modifies, or the sentence a parenthetical speech verb interrupts ("The plan, Sullivan said, would
cost …"); an "according to X" closing the clause is its sourcing, not its content (the speaker
stage reads the relay from it). An attribution inside the clause ("The army, according to
officials, will …") is cut out of the statement's text, which then joins the pieces around it,
as a direct quote broken by "he said" does; the statement's extent still spans both. Clauses
overlapping a direct quote are left to it (that is a mixed quote), and so are reporting verbs
inside quotation marks (the speaker's own reported speech).
"""

from __future__ import annotations

from spacy.tokens import Token

from crosswire.analysis.nlp import runs
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
        parts = _reported_clause(ctx, token)
        if parts is None:
            continue
        start, end = parts[0][0], parts[-1][1]
        if any(first < end and start < last for first, last in taken):
            continue
        speaker = subject_of(token)
        if speaker is None or speaker.lower_ in {"you", "there"} or ctx.para_of(speaker) != ctx.para(start):
            continue
        found.append(Item(start, end, parts, "indirect", ctx.para(start), token, speaker, "indirect"))
        taken.append((start, end))
    return found


def _reported_clause(ctx: Context, token: Token) -> list[tuple[int, int]] | None:
    """The statement a cue reports, as the character spans of its pieces (one, or two around an aside)."""
    if is_according(token):
        return _interrupted_clause(ctx, token)
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or not (lemma in CLAUSE_VERBS or lemma in {"quote", "cite"}):
        return None
    if token.dep_ == "parataxis" and not any(c.dep_ == "ccomp" for c in token.children):
        return _interrupted_clause(ctx, token)
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is None or not any(t.pos_ in {"VERB", "AUX"} for t in clause.subtree):
        return None
    if clause.left_edge.tag_ in {"WDT", "WP", "WRB"}:
        return None  # "which he said was …": a relative clause, not a statement
    tokens = sorted(clause.subtree, key=lambda t: t.i)  # a non-projective parse yields them out of order
    if tokens[0].lower_ == "that" and tokens[0].dep_ not in {"nsubj", "nsubjpass"}:
        tokens = tokens[1:]  # the complementizer, however the parser attached it
    return _clean(ctx, tokens)


def _interrupted_clause(ctx: Context, token: Token) -> list[tuple[int, int]] | None:
    """The clause an attribution ("according to X", "X said") hangs in, without the attribution."""
    head = token.head
    if head.i == token.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    phrase = {t.i for t in token.subtree}
    return _clean(ctx, sorted((t for t in head.subtree if t.i not in phrase), key=lambda t: t.i))


def _clean(ctx: Context, tokens: list[Token]) -> list[tuple[int, int]] | None:
    """The clause's pieces (runs of adjacent tokens) without edge punctuation and a closing
    "according to X"; None when too short or partly quoted."""
    according = trailing_according(tokens)
    if according is not None:
        tokens = [t for t in tokens if t.i < according.left_edge.i]
    pieces = [_trimmed(run) for run in runs(tokens)]
    pieces = [piece for piece in pieces if piece]
    words = [t for piece in pieces for t in piece]
    if len(words) < MIN_CLAUSE_TOKENS or any(ctx.quoted(t) for t in words):
        return None
    return [ctx.span_chars(piece) for piece in pieces]


def _trimmed(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_punct or tokens[start].is_space):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    return tokens[start:end]
