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

from itertools import pairwise

from spacy.tokens import Doc, Token

from crosswire.analysis.quotes_attribution import Attributor, Item
from crosswire.analysis.quotes_context import Context
from crosswire.analysis.quotes_cues import cue_text, hedged
from crosswire.analysis.quotes_indirect import indirect_speech
from crosswire.analysis.quotes_speakers import Speakers
from crosswire.analysis.quotes_structure import Structure
from crosswire.records import Quote

# A part going on with one of these opens a clause of its own, which keeps the comma before it.
CLAUSE_OPENERS = {
    "and", "but", "or", "nor", "so", "yet", "for", "because", "although", "though", "while", "whereas",
    "which", "who", "whom", "whose", "where", "when", "if", "unless", "as", "since", "then", "not",
}  # fmt: skip


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
    return Quote(
        text=_text(ctx, item),
        start=item.start,
        end=item.end,
        kind=item.kind,
        cue=cue_text(cue) if cue is not None else None,
        speaker=item.speaker,
        sourcing=sourcing,
        relayed_by=relayed_by,
        hedged=hedged(cue) if cue is not None else False,
    )


def _cue(item: Item) -> Token | None:
    if item.cue is not None:
        return item.cue
    return item.inherited.cue if item.inherited is not None else None


def _text(ctx: Context, item: Item) -> str:
    if item.mixed:
        return ctx.text[item.start : item.end]
    text = ctx.text
    closed = [
        _closed(text[start:end].strip(), text[following:after].strip(), _ends_sentence(ctx, end, following))
        for (start, end), (following, after) in pairwise(item.parts)
    ]
    last_start, last_end = item.parts[-1]
    return " ".join([*closed, text[last_start:last_end].strip().removesuffix(",")])  # `"…," she said`


def _ends_sentence(ctx: Context, start: int, end: int) -> bool:
    """Whether the attribution between two parts ends with a sentence end (`"A," she said. "B."`)."""
    gap = [token for token in ctx.tokens(start, end) or () if not (token.is_quote or token.is_space)]
    return bool(gap) and ctx.boundary(gap[-1])


def _closed(piece: str, following: str, sentence_ended: bool) -> str:
    """A part's closing comma belongs to the attribution after it (`"A," she said, "b."`): it becomes
    a full stop where the attribution ended the sentence, and goes where the sentence goes on
    (unless it goes on with a clause of its own: `"A," she said, "and b."`)."""
    if not piece.endswith(",") or not following:
        return piece
    if sentence_ended:
        return piece[:-1] + "."
    first_word = following.split(maxsplit=1)[0].lower()
    return piece[:-1] if following[0].islower() and first_word not in CLAUSE_OPENERS else piece
