"""What the paragraph structure says about quotations their own sentence does not attribute.

News splits one statement over several quotations (`"A," she said. "B."`), introduces a quote
paragraph with a colon or a sentence (`X said:` / `X agreed.`), carries a quote on into the
next paragraphs, and puts words in quotation marks that no one says (scare quotes, titles). This
module joins the pieces, hands speakers on, and drops the quotations that are no statements.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from crosswire.analysis.quotes_attribution import Attributor, Item
from crosswire.analysis.quotes_context import Context
from crosswire.analysis.quotes_cues import is_cue, subject_of, title_like

MIN_UNATTRIBUTED_WORDS = 6  # an unattributed quotation this long, with a verb, reads as a statement
MIN_INHERITED_WORDS = 3
MAX_CONTINUATION_GAP = 25  # tokens between two parts of one statement
SCARE_PREFIX = re.compile(r"(?:so-called|so called|dubbed|titled|entitled|nicknamed|the word|the term)\W*$", re.I)


class Structure:
    """Turns the attributed quotations of one article into its direct statements."""

    def __init__(self, ctx: Context, attributor: Attributor) -> None:
        self.ctx = ctx
        self.attributor = attributor

    def statements(self, items: list[Item]) -> list[Item]:
        """The direct statements: broken quotes joined, speakers handed on, non-statements dropped."""
        items = self.merge(paragraph_chains(items))
        self.inherit(items)
        return carry_on([item for item in items if self.keep(item)])

    # ---- one statement in several quotations -------------------------------------------------------
    def merge(self, items: list[Item]) -> list[Item]:
        """Join a quote broken by its attribution, or carried on right after it, into one."""
        merged: list[Item] = []
        for item in items:
            previous = merged[-1] if merged else None
            if previous is not None and (item.start < previous.end or self._continues(previous, item)):
                previous.end = max(previous.end, item.end)
                previous.parts.extend(item.parts)
                previous.mixed = previous.mixed or item.mixed
                continue
            merged.append(item)
        return merged

    def _continues(self, first: Item, second: Item) -> bool:
        """`"A," she said, "B."` or `"A," she said. "B."`: the second part has no cue of its own."""
        if first.paragraph != second.paragraph or first.cue is None:
            return False
        if second.cue is not None and second.cue != first.cue:
            return False
        gap = self.ctx.tokens(first.end, second.start)
        if gap is None:
            return True
        boundaries = sum(1 for t in gap if self.ctx.boundary(t))
        if second.cue == first.cue:
            return boundaries <= 1
        if second.mixed or boundaries > 1 or len(gap) > MAX_CONTINUATION_GAP:
            return False
        return first.cue in gap or not any(t.pos_ == "VERB" for t in gap)

    # ---- speakers handed on -----------------------------------------------------------------------
    def inherit(self, items: list[Item]) -> None:
        """Unattributed quotes take the speaker the paragraph structure points to."""
        for index, item in enumerate(items):
            if item.cue is not None or item.span is None:
                continue
            intro = self._introduced(item)
            if intro is not None:
                item.cue, item.how = intro, "label" if intro.text == ":" else "colon"
                item.speaker_token = self.attributor.speaker_token(intro, item.how)
                continue
            source = self._previous_speaker(items[:index], item)
            if source is not None:
                item.inherited, item.how = source, "inherited"

    def _introduced(self, item: Item) -> Token | None:
        """`X said:` ending the previous paragraph, or a sentence like `X agreed.` right before the quote."""
        if self.ctx.para_text_before(item.paragraph, item.start).strip():
            previous = self.ctx.token_before(item.start)
            if previous is None or not self.ctx.boundary(previous) or self.ctx.para_of(previous) != item.paragraph:
                return None
            return self._sentence_intro(previous)
        previous = self.ctx.token_before(self.ctx.paras[item.paragraph][0])
        if item.paragraph == 0 or previous is None:
            return None
        if previous.text != ":":
            unquoted = not any(span.paragraph == item.paragraph - 1 for span in self.ctx.spans)
            return self._sentence_intro(previous) if unquoted and self.ctx.boundary(previous) else None
        if self.attributor.label(previous) is not None:
            return previous  # `Jane Doe, 34, Ohio:` on its own line
        for token in reversed(self.ctx.sentence(previous)):
            if token.i >= previous.i or token.pos_ not in {"VERB", "NOUN"} or self.ctx.quoted(token):
                continue
            if (is_cue(token) or token.pos_ == "VERB") and self.attributor.speaker_of(token) is not None:
                return token
        return None

    def _sentence_intro(self, previous: Token) -> Token | None:
        """The speech verb, with a subject, of the quote-free sentence that ends at `previous`."""
        sentence = self.ctx.sentence(self.ctx.doc[previous.i - 1]) if previous.i else []
        if not sentence or any(self.ctx.quoted(t) for t in sentence):
            return None
        for token in sentence:
            if token.pos_ == "VERB" and is_cue(token, cognitive=False) and token.dep_ == "ROOT":
                return token if subject_of(token) is not None else None
        return None

    def _previous_speaker(self, before: list[Item], item: Item) -> Item | None:
        """An attributed quote in the previous paragraph (or earlier in this one) carried on here."""
        assert item.span is not None
        opens_paragraph = not self.ctx.para_text_before(item.paragraph, item.start).strip()
        for previous in reversed(before):
            if previous.paragraph < item.paragraph - 1 or previous.how == "signature":
                return None  # too far back, or a signature closed that quote: this is someone else's
            if previous.cue is None and previous.inherited is None:
                continue
            source = previous.inherited or previous
            if item.span.continues or (opens_paragraph and previous.paragraph == item.paragraph - 1):
                return source
            same_paragraph = previous.paragraph == item.paragraph
            return source if same_paragraph and not self._verb_outside_quotes(item) else None
        return None

    def _verb_outside_quotes(self, item: Item) -> bool:
        inner = self.ctx.tokens(*item.parts[0])
        return inner is not None and any(t.pos_ == "VERB" and self.ctx.outside(t) for t in self.ctx.sentence(inner[0]))

    # ---- statements or not ---------------------------------------------------------------------------
    def keep(self, item: Item) -> bool:
        """Attributed quotes stay (short fragments too); unattributed ones only if they read as statements."""
        span = item.span
        assert span is not None
        text = self.ctx.text
        if SCARE_PREFIX.search(text[max(0, span.start - 20) : span.start]) and item.how != "after":
            return False
        quoted = " ".join(text[start:end] for start, end in item.parts).strip()
        if title_like(quoted) and not (item.how in {"after", "before", "colon"} and quoted[-1:] in ".?!"):
            return False
        if item.cue is not None:
            return True
        words = re.findall(r"\w+", quoted)
        if item.inherited is not None:
            return len(words) >= MIN_INHERITED_WORDS
        inner = self.ctx.tokens(*item.parts[0])
        has_verb = inner is not None and any(t.pos_ in {"VERB", "AUX"} for t in inner)
        return len(words) >= MIN_UNATTRIBUTED_WORDS and has_verb


def paragraph_chains(items: list[Item]) -> list[Item]:
    """One item per multi-paragraph quote (opening mark repeated on each paragraph), attributed
    wherever its attribution stands: in the first paragraph, the last, or one between."""
    chained: list[Item] = []
    chain: list[Item] = []
    for item in items:
        if chain and _carries_on(chain[-1], item):
            chain.append(item)
            continue
        chained.extend(_join_chain(chain))
        chain = [item]
    chained.extend(_join_chain(chain))
    return chained


def _carries_on(previous: Item, item: Item) -> bool:
    return bool(previous.span and previous.span.continued and item.span and item.span.continues)


def _join_chain(chain: list[Item]) -> list[Item]:
    if len(chain) < 2:
        return chain
    lead = next((item for item in chain if item.cue is not None), chain[0])
    first, last = chain[0], chain[-1]
    lead.start, lead.end, lead.paragraph = min(first.start, lead.start), last.end, last.paragraph
    lead.parts = [part for item in chain for part in item.parts]
    lead.mixed = False
    lead.span = first.span
    return [lead]


def carry_on(items: list[Item]) -> list[Item]:
    """Fold a quote paragraph that carries on the quote just before it into that one statement."""
    kept: list[Item] = []
    for item in items:
        source = item.inherited
        if source is not None and kept and kept[-1] is source:
            source.end = max(source.end, item.end)
            source.parts.extend(item.parts)
            continue
        kept.append(item)
    return kept
