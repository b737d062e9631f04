"""One article as the quote finder sees it: paragraphs, quotation spans, and token look-ups.

Quotation marks are found on the raw text and attribution is read from the parse, so the finder
keeps moving between character offsets and tokens. The parse's sentences are crosswire's own
(`crosswire.analysis.sentences`); here a sentence end is read token by token, as the stop,
question or exclamation mark outside quotation marks that the attribution finders look past or
stop at (the tokenizer keeps abbreviations whole, so "U.S." is never one).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from crosswire.analysis.nlp import doc_text
from crosswire.analysis.quotes_marks import MarkedSpan, marked_spans, paragraphs

SENTENCE_END = {".", "?", "!", "…"}


class Context:
    """Offsets, paragraphs and quotation spans of one parsed article."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.paras = paragraphs(self.text)
        self._para_starts = [start for start, _ in self.paras]
        self.spans = marked_spans(self.text)
        self._inside = _inside_tokens(doc, self.spans)
        self._next_token = _next_token_index(doc)

    # ---- places ---------------------------------------------------------------------------------
    def para(self, char: int) -> int:
        """Index of the paragraph holding `char` (or the next one, for a character between them)."""
        index = bisect_right(self._para_starts, char) - 1
        if index < 0:
            return 0
        return index if char < self.paras[index][1] or index + 1 == len(self.paras) else index + 1

    def para_of(self, token: Token) -> int:
        return self.para(token.idx)

    def para_text_before(self, paragraph: int, char: int) -> str:
        return self.text[self.paras[paragraph][0] : char]

    def quoted(self, token: Token) -> bool:
        """Whether the token lies inside quotation marks (the marks included)."""
        return self._inside[token.i]

    def outside(self, token: Token) -> bool:
        return not self._inside[token.i]

    def boundary(self, token: Token) -> bool:
        """A sentence end outside any quotation."""
        return token.text in SENTENCE_END and self.outside(token)

    def significant(self, start: int, end: int) -> bool:
        """Whether the text between two offsets holds words (not just punctuation or "that")."""
        words = re.findall(r"\w+", self.text[start:end]) if end > start else []
        return any(word.lower() != "that" for word in words)

    # ---- tokens ---------------------------------------------------------------------------------
    def tokens(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand") if end > start else None

    def token_at(self, char: int) -> Token | None:
        """The token at `char`, or the first one after it."""
        index = self._next_token[min(max(char, 0), len(self._next_token) - 1)]
        return self.doc[index] if index < len(self.doc) else None

    def token_after(self, char: int) -> Token | None:
        """The first non-space token starting at or after `char`."""
        token = self.token_at(char)
        while token is not None and (token.idx < char or token.is_space):
            token = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return token

    def token_before(self, char: int) -> Token | None:
        """The last non-space token starting before `char`."""
        token = self.token_at(char)
        index = token.i if token is not None else len(self.doc)
        while index > 0 and (self.doc[index - 1].is_space or self.doc[index - 1].idx >= char):
            index -= 1
        return self.doc[index - 1] if index > 0 else None

    def sentence(self, token: Token) -> list[Token]:
        """Tokens of the sentence around `token`, cut at sentence ends outside quotations and at paragraphs."""
        paragraph = self.para_of(token)
        start = token.i
        while start > 0 and not self.boundary(self.doc[start - 1]) and self.para_of(self.doc[start - 1]) == paragraph:
            start -= 1
        end = token.i
        last = len(self.doc) - 1
        while end < last and not self.boundary(self.doc[end]) and self.para_of(self.doc[end + 1]) == paragraph:
            end += 1
        return list(self.doc[start : end + 1])

    def span_chars(self, tokens: list[Token]) -> tuple[int, int]:
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _inside_tokens(doc: Doc, spans: list[MarkedSpan]) -> list[bool]:
    inside = [False] * len(doc)
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        for token in tokens if tokens is not None else ():
            inside[token.i] = True
    return inside


def _next_token_index(doc: Doc) -> list[int]:
    """For every character offset, the index of the token there or, in whitespace, the next one."""
    table = [len(doc)] * (len(doc.text) + 1)
    following, position = len(doc), len(doc.text)
    for token in reversed(doc):
        end = token.idx + len(token)
        table[end:position] = [following] * (position - end)
        table[token.idx : end] = [token.i] * (end - token.idx)
        following, position = token.i, token.idx
    table[:position] = [following] * position
    return table
