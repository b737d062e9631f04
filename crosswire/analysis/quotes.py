"""Quotations and reported speech in a parsed article, each with its cue, speaker and sourcing.

`find_quotes(doc)` returns direct quotes (words in quotation marks) and indirect speech ("X said
that …", "according to X, …"), sorted by start. Conventions, chosen so that each Quote stands on
its own as a statement and so that they agree with how attribution corpora (PolNeAR) delimit one:

- Plain direct quote: `start`/`end` include the quotation marks, `text` is the words between them.
- A quoted fragment inside reported speech (`warned that it would be a "huge mistake" for …`) is
  one direct Quote spanning the reported clause; `text` is that clause, marks included.
- A quote broken by its attribution (`"A," she said, "B."`), continued right after it
  (`"A," she said. "B."`), or carried on over the next paragraphs (multi-paragraph quotes, and
  unattributed quote paragraphs right after an attributed one) is one Quote: `start`/`end` cover
  all parts, `text` joins the quoted words with spaces.
- Indirect speech: `text` is the reported clause without a leading "that".
- Quoted words no one says (scare quotes, titles of shows and books, headlines of other articles)
  are dropped unless a cue attaches them; attributed fragments are kept however short.
- A quotation inside a clause that an outer speech verb reports (`X said Y called it "a mistake"`)
  is the outer speaker's: the marks show X's words. An ad, video or report that "says" something
  speaks for whoever put it out (`the campaign released an ad calling him "…"`).
- `speaker.mention` is the mention the cue's own sentence uses ("he", "who", "the US diplomat");
  `speaker.name` is whom it resolves to, as the article names them most fully. A quotation no
  sentence attributes takes the speaker of the statement just before it in the same or the
  previous paragraph, if any; its `cue` is then None.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosswire.analysis.quotes_attribution import Attributor, Item
from crosswire.analysis.quotes_context import Context
from crosswire.analysis.quotes_cues import cue_text, hedged
from crosswire.analysis.quotes_indirect import indirect_speech
from crosswire.analysis.quotes_speakers import Speakers
from crosswire.analysis.quotes_structure import Structure
from crosswire.analysis.verbatim import joined, trim
from crosswire.records import Quote


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct and indirect quotes in `doc`, sorted by start; offsets index `doc.text`."""
    ctx = Context(doc)
    attributor = Attributor(ctx)
    found = [attributor.attribute(span) for span in ctx.spans]
    direct = Structure(ctx, attributor).statements([item for item in found if item is not None])
    statements = sorted(direct + indirect_speech(ctx, direct), key=_resolution_order)
    speakers = Speakers(ctx)
    for item in statements:
        speakers.resolve(item)
    quotes = [_quote(ctx, speakers, item) for item in statements]
    return sorted(quotes, key=lambda quote: (quote.start, quote.end))


def _resolution_order(item: Item) -> int:
    """Speakers resolve in text order, so pronouns and descriptions can point back at earlier ones."""
    token = item.speaker_token
    return token.idx if token is not None else item.start


def _quote(ctx: Context, speakers: Speakers, item: Item) -> Quote:
    cue = _cue(item)
    sourcing, relayed_by = speakers.sourcing(item, cue)
    parts = _parts(ctx, item)
    return Quote(
        text=ctx.text[item.start : item.end] if item.mixed else joined(ctx.text, parts),
        start=item.start,
        end=item.end,
        kind=item.kind,
        cue=cue_text(cue) if cue is not None else None,
        speaker=item.speaker,
        sourcing=sourcing,
        relayed_by=relayed_by,
        hedged=hedged(cue) if cue is not None else False,
        parts=parts,
        mixed=item.mixed,
    )


def _cue(item: Item) -> Token | None:
    if item.cue is not None:
        return item.cue
    return item.inherited.cue if item.inherited is not None else None


def _parts(ctx: Context, item: Item) -> tuple[tuple[int, int], ...]:
    """The spans of the statement's words in text order, without whitespace, and for quoted words
    without the comma closing them, which belongs to the attribution after them (`"…," she said`)."""
    parts = []
    for start, end in sorted(item.parts):
        start, end = trim(ctx.text, start, end)
        if item.kind == "direct" and ctx.text[start:end].endswith(","):
            start, end = trim(ctx.text, start, end - 1)
        if end > start:
            parts.append((start, end))
    return tuple(parts)
