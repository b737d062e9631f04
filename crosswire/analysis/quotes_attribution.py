"""Who a quotation is attributed to in its own sentence: the cue and the token naming the speaker.

Each finder reads one way news attaches a quotation to its source, most reliable first:
`"…," X said` (after), `"…" — X` (signature), the verb the quoted words depend on (syntax:
`warned that it would be a "huge mistake"`), `X said: "…"` / `X: "…"` (before, label),
"according to X", and as a last resort a speech verb elsewhere in the sentence. A fragment is then
widened to the clause its cue reports, which is the statement a reader needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from crosswire.analysis.coref import Referent
from crosswire.analysis.quotes_context import Context
from crosswire.analysis.quotes_cues import (
    ADDRESSEE_VERBS,
    CLIMB_DEPS,
    DASHES,
    bare_name,
    fills_gap,
    intransitive,
    is_according,
    is_cue,
    subject_of,
    trailing_according,
)
from crosswire.analysis.quotes_marks import MarkedSpan
from crosswire.records import Speaker

ATTRIBUTION_END = re.compile(r"[,?!—–\-…:]\W*$")
MAX_GAP = 16  # tokens between a closing mark and its post-posed verb ("…," the official … said)


@dataclass
class Item:
    """A statement being built: its extent, the quoted parts, its cue and speaker."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    kind: str = "direct"
    paragraph: int = 0
    cue: Token | None = None
    speaker_token: Token | None = None
    how: str = "none"  # which finder attributed it, or "inherited"/"colon" for paragraph structure
    mixed: bool = False  # a fragment widened to the clause around it
    span: MarkedSpan | None = None
    inherited: Item | None = None
    speaker: Speaker | None = None
    referent: Referent | None = None


Finder = Callable[[MarkedSpan, Span], "tuple[Token, str] | None"]


class Attributor:
    """Finds the cue and speaker token of each quotation, and the extent of the statement."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text

    def attribute(self, span: MarkedSpan) -> Item | None:
        """An Item for the quotation; None when the marks hold no words."""
        inner = self.ctx.tokens(span.inner_start, span.inner_end)
        if inner is None or not any(t.is_alpha or t.is_digit for t in inner):
            return None
        item = Item(span.start, span.end, [(span.inner_start, span.inner_end)], paragraph=span.paragraph, span=span)
        finders: tuple[Finder, ...] = (
            self._after, self._signature, self._syntax, self._before, self._according, self._sentence,
        )  # fmt: skip
        for finder in finders:
            found = finder(span, inner)
            speaker = self.speaker_token(*found) if found is not None else None
            if found is None or (speaker is not None and self.ctx.quoted(speaker)):
                continue  # no cue, or one whose "speaker" is a quoted word: the parse went wrong
            (item.cue, item.how), item.speaker_token = found, speaker
            self._extend(item, inner)
            break
        return item

    # ---- speakers of cues ----------------------------------------------------------------------
    def speaker_token(self, cue: Token, how: str) -> Token | None:
        if how == "label":
            return self.label(cue)
        if how == "signature":
            return self._signed(cue)
        speaker = self.speaker_of(cue)
        if how == "after" and (speaker is None or self.ctx.quoted(speaker)):
            return self._unattached_subject(cue)
        return speaker

    def _unattached_subject(self, cue: Token) -> Token | None:
        """The speaker of a post-posed cue the parser left without a subject: the noun phrase between
        the closing mark and the cue (`"…," Okafor, 58, told AFP`) or right after it (`"…," tweeted
        a voter from Ohio`, `"…," said retired judge Ann Lee`)."""
        gap = self._gap_before(cue)
        if gap is None:
            return None
        phrase = gap if any(not t.is_punct for t in gap) else list(self.doc[cue.i + 1 : cue.i + 8])
        head = None
        for token in phrase:
            if token.is_punct or token.pos_ == "ADP" or self.ctx.quoted(token):
                break
            if token.pos_ in {"AUX", "SCONJ", "PRON"} or (token.pos_ == "VERB" and token.dep_ != "amod"):
                return None
            if token.pos_ in {"NOUN", "PROPN"}:
                head = token
        return head

    def _gap_before(self, cue: Token) -> list[Token] | None:
        """The tokens between a quotation's closing mark and `cue`, if one closes just before it."""
        gap: list[Token] = []
        for token in reversed(self.doc[max(0, cue.i - MAX_GAP) : cue.i]):
            if self.ctx.quoted(token):
                return gap
            if self.ctx.boundary(token) or token.is_space:
                return None
            gap.insert(0, token)
        return None

    def speaker_of(self, cue: Token) -> Token | None:
        """The cue's subject; failing the parse, a name right after the cue or just before it."""
        subject = subject_of(cue)
        if subject is not None or cue.pos_ != "VERB":
            return subject
        sentence = self.ctx.sentence(cue)
        following = [t for t in sentence if cue.i < t.i <= cue.i + 3 and self.ctx.outside(t)]
        name = next((t for t in following if t.ent_type_ == "PERSON"), None)
        if name is not None and all(t.pos_ in {"PROPN", "DET", "ADJ", "NOUN"} for t in following if t.i < name.i):
            while name.i + 1 < len(self.doc) and self.doc[name.i + 1].ent_iob_ == "I":
                name = self.doc[name.i + 1]  # `said Robert Reich, who …`: the name's last word
            return name
        for token in reversed([t for t in sentence if cue.i - 15 <= t.i < cue.i]):
            if token.ent_type_ == "PERSON" and self.ctx.outside(token):
                return token
        return None

    # ---- finders --------------------------------------------------------------------------------
    def _after(self, span: MarkedSpan, inner: Span) -> tuple[Token, str] | None:
        """`"…," X said` / `"…," said X`: a verb right after the closing mark, with only its subject between."""
        first = self.ctx.token_after(span.end)
        if first is None or self.ctx.para_of(first) != span.paragraph:
            return None
        ends_open = bool(ATTRIBUTION_END.search(self.text[span.inner_start : span.inner_end].rstrip()))
        ends_open = ends_open or self.text[span.end : span.end + 1] in {",", "—"}
        gap: list[Token] = []
        for token in self.doc[first.i : first.i + MAX_GAP]:
            if self.ctx.para_of(token) != span.paragraph or self.ctx.quoted(token) or self.ctx.boundary(token):
                return None
            if token.pos_ in {"VERB", "AUX"} and (
                is_cue(token) or (ends_open and intransitive(token, (span.start, span.end)))
            ):
                if token.tag_ == "VBG" and not gap:
                    return None  # `"…," adding …` carries the sentence on; it does not attribute
                if (not is_cue(token) or is_according(token)) and self._syntax(span, inner) is not None:
                    return None  # `When she said she would "fight on," the crowd cheered`; `X said Y was
                    # "a mistake", according to Z`: Z relays what X said
                subject = subject_of(token)
                unattached = subject is None or self.ctx.quoted(subject)
                attached = fills_gap(gap, token) or (unattached and self._unattached_subject(token) is not None)
                return (token, "after") if attached and self._after_ok(token, ends_open, span) else None
            if token.pos_ == "VERB" and token.dep_ not in {"relcl", "acl"}:
                return None
            gap.append(token)
        return None

    def _after_ok(self, verb: Token, ends_open: bool, span: MarkedSpan) -> bool:
        """The verb's speaker follows the quote, and after a full stop the verb reports nothing else.

        `Humphrey, who calls Trump a "sociopath," said …` and `… "unhinged." Rubio called X "Y"`
        have a verb after the closing mark that does not attribute the quotation.
        """
        speaker = self.speaker_token(verb, "after")
        if speaker is None or speaker.idx < span.start:
            return False
        return ends_open or intransitive(verb, (span.start, span.end))

    def _signature(self, span: MarkedSpan, inner: Span) -> tuple[Token, str] | None:
        """`"…" — Jane Doe`, or a quote paragraph signed on the next line (`Jane Doe, 34, Ohio`)."""
        first = self.ctx.token_after(span.end)
        if first is None or self.ctx.quoted(first):
            return None
        if self.ctx.para_of(first) == span.paragraph:
            return (first, "signature") if first.text in DASHES and self._signed(first) is not None else None
        own_line = not self.text[span.end : self.ctx.paras[span.paragraph][1]].strip()
        if self.ctx.para_of(first) != span.paragraph + 1 or not own_line:
            return None
        line = [t for t in self.doc[first.i : first.i + 16] if self.ctx.para_of(t) == span.paragraph + 1]
        if any(t.pos_ in {"VERB", "AUX"} for t in line) or len(line) > 12 or line[-1].text == ":":
            return None  # not a name line, or a label (`Jane Doe, 34:`) for the quote after it
        return (first, "signature") if self._signed(first) is not None else None

    def _signed(self, first: Token) -> Token | None:
        """The name a signature starts with, after an optional dash. After a dash (`- Jane Doe.`,
        `-Jane Doe, Ohio`), proper nouns the tagger left unlabelled still sign."""
        start = first.i + 1 if first.text in DASHES else first.i
        dashed = first.text in DASHES or (first.text[:1] in DASHES and first.text[1:2].isupper())
        words: list[Token] = []
        for token in self.doc[start : start + 5]:
            if token.is_punct or token.is_space or self.ctx.para_of(token) != self.ctx.para_of(first):
                break
            words.append(token)
        return bare_name(words, unlabelled=dashed)

    def _syntax(self, span: MarkedSpan, inner: Span) -> tuple[Token, str] | None:
        """The reporting word the quoted words depend on; speech verbs win over cognitive ones."""
        cues = [cue for token in inner for cue in self._climb(token, span)]
        if not cues:
            return None
        speech = [cue for cue in cues if is_cue(cue, cognitive=False)]
        nearest = min(speech or cues, key=lambda cue: abs(cue.i - inner.start))
        return _outermost_report(nearest, cues), "syntax"

    def _climb(self, token: Token, span: MarkedSpan) -> list[Token]:
        """Reporting words on the way from a quoted word up its heads, within the paragraph."""
        found: list[Token] = []
        current = token
        for _ in range(8):
            if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
                break
            child, current = current, current.head
            if span.start <= current.idx < span.end:
                continue
            if self.ctx.quoted(current) or self.ctx.para_of(current) != span.paragraph:
                break
            if is_cue(current) and _attaches(child):
                found.append(current)
        return found

    def _before(self, span: MarkedSpan, inner: Span) -> tuple[Token, str] | None:
        """`X said, "…"` / `X said in a briefing: "…"` / `Clinton: "…"`: a cue before the mark."""
        previous = self.ctx.token_before(span.start)
        if previous is None or self.ctx.para_of(previous) != span.paragraph:
            return None
        colon = previous.text == ":"
        if not (colon or previous.text in {",", "—", "–"} or is_cue(previous)):
            return None
        if colon and self.label(previous) is not None:
            return previous, "label"
        cues: list[Token] = []
        verbs: list[Token] = []
        for token in reversed(self.doc[max(0, previous.i - 30) : previous.i + 1]):
            if self.ctx.para_of(token) != span.paragraph or self.ctx.boundary(token) or self.ctx.quoted(token):
                break
            if token.pos_ not in {"VERB", "NOUN"} or subject_of(token) is None:
                continue
            if is_cue(token):
                cues.append(token)
            elif colon and token.pos_ == "VERB":
                verbs.append(token)
        if cues:
            return cues[0], "before"
        # `X has apologized for what happened: "…"`: the main verb, not the nearest one, introduces it
        return (min(verbs, key=lambda verb: len(list(verb.ancestors))), "before") if verbs else None

    def label(self, colon: Token) -> Token | None:
        """`Clinton: "…"`: a bare name before a colon, as in transcripts, is the speaker."""
        words: list[Token] = []
        for token in reversed(self.doc[max(0, colon.i - 12) : colon.i]):
            if self.ctx.boundary(token) or token.is_space or self.ctx.quoted(token) or token.text in DASHES:
                break
            words.append(token)
        words.reverse()
        inverted = len(words) > 1 and is_cue(words[0], cognitive=False)
        if inverted:
            words = words[1:]  # `Added Jane Doe: "…"`: the cue before the name marks it as a speaker
        if any(word.pos_ in {"VERB", "AUX"} for word in words):
            return None
        # `Maria Lopez, 34, Texas: "…"`: the name before the first comma
        name = words[: next((k for k, word in enumerate(words) if word.text == ","), len(words))]
        return bare_name(name, unlabelled=inverted)

    def _according(self, span: MarkedSpan, inner: Span) -> tuple[Token, str] | None:
        """ "according to X" in the quote's own sentence."""
        for token in self.ctx.sentence(inner[0]):
            if is_according(token) and self.ctx.outside(token):
                return token, "according"
        return None

    def _sentence(self, span: MarkedSpan, inner: Span) -> tuple[Token, str] | None:
        """Last resort: the nearest speech verb with a subject elsewhere in the quote's sentence."""
        candidates = [
            t
            for t in self.ctx.sentence(inner[0])
            if self.ctx.outside(t) and t.pos_ == "VERB" and is_cue(t, cognitive=False) and subject_of(t) is not None
        ]
        if not candidates:
            return None
        return min(candidates, key=lambda t: abs(t.i - inner.start)), "sentence"

    # ---- extent ---------------------------------------------------------------------------------
    def _extend(self, item: Item, inner: Span) -> None:
        """Widen a fragment to the reported clause around it (`warned that it would be a "huge mistake"`)."""
        cue, span = item.cue, item.span
        assert cue is not None and span is not None
        if self._introduced(span, cue) and self._closes(span):
            return  # `said, "…."`: the quotation is what was said, whole
        if item.how in {"syntax", "sentence"}:
            start, end = self._complement(cue, inner) if item.how == "syntax" else self._clause_of(inner, cue)
            if not self.ctx.significant(start, span.start) and self._whole(span, end):
                return  # the quotation is the reported clause itself
        elif item.how == "after":
            start, end = self._clause_before(span), span.end
        elif item.how == "according":
            start, end = self._according_clause(cue, inner)
        else:
            return
        start, end = self._trim(min(start, span.start), self._before_according(span, max(end, span.end)), span)
        if self.ctx.significant(start, span.start) or self.ctx.significant(span.end, end):
            item.start, item.end, item.mixed = start, end, True

    def _introduced(self, span: MarkedSpan, cue: Token) -> bool:
        """A speech verb, then a comma or colon right before the marks (`said, "…"`, `as saying: "…"`,
        `told his supporters on Monday, "…"`), introduces the quotation as a statement of its own,
        whatever clause the verb stands in: the words between are the verb's own (no other verb)."""
        mark = self.ctx.token_before(span.start)
        if mark is None or mark.text not in {",", ":"} or mark.i == 0:
            return False
        verbs = [verb for verb in (self.doc[mark.i - 1], cue) if verb.i < mark.i]
        return any(self._introduces(verb, self.doc[verb.i + 1 : mark.i]) for verb in verbs)

    def _closes(self, span: MarkedSpan) -> bool:
        """The quotation ends in punctuation of its own (`"…,"`, `"…."`) or where its sentence does."""
        after = self.ctx.token_after(span.end)
        return self._punctuated(span) or after is None or after.is_punct or self.ctx.para_of(after) != span.paragraph

    def _punctuated(self, span: MarkedSpan) -> bool:
        """The quoted words end in punctuation of their own: they end a clause."""
        return self.text[span.inner_start : span.inner_end].rstrip()[-1:] in ",.?!…;:"

    def _introduces(self, verb: Token, between: Span) -> bool:
        if verb.pos_ not in {"VERB", "AUX"} or not is_cue(verb, cognitive=False):
            return False
        return all(t.pos_ not in {"VERB", "AUX"} and verb in t.ancestors for t in between)

    def _complement(self, cue: Token, inner: Span) -> tuple[int, int]:
        """The cue's child that holds the quoted words, widened over an object before it (`call X "Y"`),
        unless the object is whom a clause was addressed to (`warned North Korea it would "pay a price"`;
        in `urged voters to "send a message"` the object is part of the request)."""
        child = inner[0]
        while child.head.i not in (cue.i, child.i):
            child = child.head
        if child.head.i != cue.i:
            return inner.start_char, inner.end_char
        first = child.left_edge
        if child.i > cue.i and not (child.dep_ == "ccomp" and cue.lemma_.lower() in ADDRESSEE_VERBS):
            between = [c for c in cue.children if cue.i < c.i < child.i and c.dep_ in {"dobj", "attr", "oprd"}]
            first = min([first, *(c.left_edge for c in between)], key=lambda t: t.i)
        return self.ctx.span_chars([first, child.right_edge])

    def _whole(self, span: MarkedSpan, end: int) -> bool:
        """A quotation that ends its clause (`said, "We will win," adding …`), not a fragment of it."""
        return not span.closed or self._punctuated(span) or not self.ctx.significant(span.end, end)

    def _clause_of(self, inner: Span, cue: Token) -> tuple[int, int]:
        """The clause a fragment sits in, when the cue that reports it is elsewhere in the sentence."""
        head = inner.root.head
        for _ in range(8):
            inside = inner.start <= head.i < inner.end
            if head.i == cue.i or not (inside or head.pos_ not in {"VERB", "AUX"}) or head.head.i == head.i:
                break
            head = head.head
        if head.i == cue.i or cue in head.ancestors:
            return self._complement(cue, inner)
        drop = {t.i for t in cue.subtree} if head in cue.ancestors or cue in head.subtree else set()
        paragraph = self.ctx.para(inner.start_char)
        kept = {t.i for t in head.subtree if t.i not in drop and self.ctx.para_of(t) == paragraph}
        first, last = inner.start, inner.end - 1
        while first - 1 in kept:
            first -= 1
        while last + 1 in kept:
            last += 1
        return self.ctx.span_chars([self.doc[first], self.doc[last]])

    def _clause_before(self, span: MarkedSpan) -> int:
        """Start of the sentence part before a quote that its post-posed attribution reports."""
        token = self.ctx.token_at(span.start)
        if token is None:
            return span.start
        floor = max([self.ctx.paras[span.paragraph][0], *(s.end for s in self.ctx.spans if s.end <= span.start)])
        index = token.i
        while index > 0:
            previous = self.doc[index - 1]
            if previous.idx < floor or self.ctx.boundary(previous) or previous.text == "\n":
                break
            index -= 1
        return max(self.doc[index].idx, floor) if index < token.i else span.start

    def _according_clause(self, cue: Token, inner: Span) -> tuple[int, int]:
        """The sentence without its "according to X" phrase."""
        phrase = {t.i for t in cue.subtree}
        kept = [t for t in self.ctx.sentence(inner[0]) if t.i not in phrase]
        kept = [t for t in kept if t.i > cue.right_edge.i] if cue.i < inner.start else [t for t in kept if t.i < cue.i]
        return self.ctx.span_chars(kept) if kept else (inner.start_char, inner.end_char)

    def _before_according(self, span: MarkedSpan, end: int) -> int:
        """The statement's end before an "according to X" that closes it: that phrase is its sourcing."""
        tail = self.ctx.tokens(span.end, end)
        according = trailing_according(tail) if tail is not None else None
        return according.left_edge.idx if according is not None and according.idx >= span.end else end

    def _trim(self, start: int, end: int, span: MarkedSpan) -> tuple[int, int]:
        """Drop edge punctuation and a leading "that" outside the quotation marks."""
        while start < span.start and (self.text[start] in ",;:—–-" or self.text[start].isspace()):
            start += 1
        first = self.ctx.token_at(start)
        if start < span.start and first is not None and first.lower_ == "that" and first.dep_ == "mark":
            following = self.ctx.token_after(start + 4)  # the reported clause, without its "that"
            start = min(following.idx, span.start) if following is not None else start
        while end > span.end and (self.text[end - 1] in ",;:—–-" or self.text[end - 1].isspace()):
            end -= 1
        return start, end


def _outermost_report(nearest: Token, cues: list[Token]) -> Token:
    """`X said Y called it "a mistake"`: the quoted words are what X said, so the outermost speech
    verb whose report holds the nearer cue reports them."""
    outer = current = nearest
    while _reported_within(current):
        current = current.head
        if is_cue(current, cognitive=False) and current in cues and subject_of(current) is not None:
            outer = current
    return outer


def _reported_within(token: Token) -> bool:
    """`token` is part of what its head reports: a complement, or a clause sharing the head's subject
    (`said the plan failed and added …`), not a relative clause or a clause with a subject of its
    own (`… while Cruz said`, `but Trump said`)."""
    if token.head.i == token.i or token.dep_ in {"relcl", "acl", "parataxis", "appos", "dep"}:
        return False
    own_subject = any(child.dep_ in {"nsubj", "nsubjpass"} for child in token.children)
    return not (token.dep_ in {"conj", "advcl"} and own_subject)


def _attaches(child: Token) -> bool:
    """Locative and temporal modifiers (`said on "Meet the Press"`) do not carry the statement."""
    if child.dep_ == "prep":
        return child.lower_ in {"as", "about", "of", "like", "that", "with", "for", "to"}
    return child.dep_ not in {"npadvmod", "advmod", "advcl", "punct", "cc", "mark", "aux", "neg"}
