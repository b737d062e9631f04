"""The records that pass between pipeline stages.

Every stage takes and returns these plain dataclasses, so each stage can be used alone and the
data flow (ingest -> articles -> analysis -> stories -> store -> interfaces) stays one-way.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import Any, Generic, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


class Provenance(StrEnum):
    """Where a metadata value came from, most trusted first."""

    SUPPLIED = "supplied"
    HTML_META = "html-meta"
    TEXT_PATTERN = "text-pattern"
    INFERRED = "inferred"
    NONE = "none"


class InputFormat(StrEnum):
    HTML = "html"
    TEXT = "text"


@dataclass(frozen=True)
class Meta(Generic[T]):
    """One metadata value with the evidence behind it; `value is None` means the page states none."""

    value: T | None = None
    provenance: Provenance = Provenance.NONE
    confidence: float = 0.0
    evidence: str | None = None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class Byline:
    """People credited with the article, and wire agencies credited separately from them."""

    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.authors or self.agencies)


@dataclass(frozen=True)
class SuppliedFields:
    """Fields a JSON record states outright; they win over anything extracted."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One decoded input document, before any cleaning.

    `source` names where it came from (a path, `path#record`, `<stdin>`), so that every later
    message and stored row can point a user back to the input.
    """

    source: str
    format: InputFormat
    content: str
    url: str | None = None
    record_id: str | None = None
    encoding: str | None = None
    supplied: SuppliedFields = field(default_factory=SuppliedFields)
    warnings: tuple[str, ...] = ()  # what reading left out (a record field of the wrong type), for the user
    record: bool = False  # a JSON record's: its text was cut from a page, its title is stated


MAX_SOURCE_CHARS = 300
MAX_REASON_CHARS = 500
MAX_ERROR_CHARS = 200


def error_summary(error: BaseException) -> str:
    """An exception as a reason can quote it: its type and the start of its message, on one line."""
    message = " ".join(str(error).split())
    cut = message[:MAX_ERROR_CHARS] + ("…" if len(message) > MAX_ERROR_CHARS else "")
    return f"{type(error).__name__}: {cut}"


@dataclass(frozen=True)
class Rejection:
    """An input that could not become a document, with a reason a person can act on.

    Both are shortened, so that an error quoting its input (a gigabyte-long header line, a
    record id the size of a book) stays a message: the source keeps its start and its end.
    """

    source: str
    reason: str

    def __post_init__(self) -> None:
        if len(self.source) > MAX_SOURCE_CHARS:
            half = MAX_SOURCE_CHARS // 2
            object.__setattr__(self, "source", f"{self.source[:half]}…{self.source[-half:]}")
        if len(self.reason) > MAX_REASON_CHARS:
            object.__setattr__(self, "reason", self.reason[: MAX_REASON_CHARS - 1] + "…")


@dataclass(frozen=True)
class PageDate:
    """A date found on the page, with the role it plays there (published, modified, chrome...)."""

    value: str
    role: str
    evidence: str
    offset: int | None = None


UNKNOWN_OUTLET = "unknown outlet"


def article_label(outlet: str | None, source: str, url: str | None = None) -> str:
    """How reports name an article: its outlet, or when no outlet is known, "unknown outlet" with
    the page's address or the file's name, so the reader can still find it."""
    return outlet or f"{UNKNOWN_OUTLET} ({url or PurePath(source).name or source})"


@dataclass(frozen=True)
class Article:
    """A clean article: body paragraphs without boilerplate, and metadata with provenance."""

    id: str
    source: str
    paragraphs: tuple[str, ...]
    headline: Meta[str]
    outlet: Meta[str]
    byline: Meta[Byline]
    published: Meta[str]
    modified: Meta[str]
    language: Meta[str]
    url: str | None = None
    record_id: str | None = None
    page_dates: tuple[PageDate, ...] = ()
    warnings: tuple[str, ...] = ()  # its RawDocument's

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def label(self) -> str:
        return article_label(self.outlet.value, self.source, self.url)

    def summary(self) -> dict[str, Any]:
        """The flat view users see in `extract` and `export`."""
        byline = self.byline.value
        return {
            "id": self.id,
            "path": self.source,
            "url": self.url,
            "record_id": self.record_id,
            "headline": self.headline.value,
            "outlet": self.outlet.value,
            "byline": list(byline.authors) if byline else [],
            "agencies": list(byline.agencies) if byline else [],
            "published": self.published.value,
            "modified": self.modified.value,
            "language": self.language.value,
            "text": self.text,
        }

    def metadata(self) -> dict[str, Any]:
        """Every metadata field with its provenance, confidence and evidence."""
        fields = {
            "headline": self.headline,
            "outlet": self.outlet,
            "byline": self.byline,
            "published": self.published,
            "modified": self.modified,
            "language": self.language,
        }
        described = {name: _describe(meta) for name, meta in fields.items()}
        described["page_dates"] = [asdict(page_date) for page_date in self.page_dates]
        return described


def _describe(meta: Meta[Any]) -> dict[str, Any]:
    value = meta.value
    if isinstance(value, Byline):
        value = {"authors": list(value.authors), "agencies": list(value.agencies)}
    return {
        "value": value,
        "provenance": meta.provenance.value,
        "confidence": round(meta.confidence, 3),
        "evidence": meta.evidence,
    }


@dataclass(frozen=True)
class Excerpt:
    """Words of one article exactly as it prints them: `spans` of its `Article.text`, and `text`, the
    spans joined (`crosswire.analysis.verbatim.joined`: " … " where words are left out between them).

    Whatever crosswire shows as a quotation or as what an outlet reported is an Excerpt, so a
    reader can always go back to the article and find the words there.
    """

    article_id: str
    text: str
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class EntityMention:
    """A named entity in an article, with the canonical name shared by all its spellings."""

    text: str
    label: str
    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class EntityRole:
    """A title or role the text gives an entity ("National Security Adviser")."""

    canonical: str
    role: str
    start: int
    end: int


@dataclass(frozen=True)
class Speaker:
    """Who a statement is attributed to: the mention in the text and the person or body it resolves to."""

    name: str | None
    mention: str | None = None
    start: int | None = None
    end: int | None = None
    kind: str = "named"


@dataclass(frozen=True)
class Quote:
    """A statement and its attribution; `kind` is "direct" (in quotation marks) or "indirect".

    `parts` are the spans of the text the statement's words stand in: for a direct quote the
    speaker's words inside the marks (without them, and without the comma that belongs to
    the attribution after them), one span per piece when an attribution breaks the quotation;
    for indirect speech the reported clause, in pieces when an aside is cut out of it. A `mixed`
    quote is reported speech around quoted fragments (`warned that it would be a "huge mistake"`):
    its `parts` are the fragments, its `text` the whole clause as printed (`start` to `end`).
    Otherwise `text` is the parts as printed, joined (`crosswire.analysis.verbatim.joined`).

    `sourcing` is "named", "anonymous" or "relayed" (then `relayed_by` names the outlet or agency
    the statement reached the article through); `hedged` marks statements the article does not
    assert ("reportedly", "is said to").
    """

    text: str
    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Speaker | None
    sourcing: str = "named"
    relayed_by: str | None = None
    hedged: bool = False
    parts: tuple[tuple[int, int], ...] = ()
    mixed: bool = False

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where `text` is printed: the parts, or for a mixed quote the whole clause."""
        if self.mixed or not self.parts:
            return ((self.start, self.end),)
        return self.parts


@dataclass(frozen=True)
class TimeExpression:
    """A time expression with its TimeML type and its value resolved against the article's date.

    `value` is None when it cannot be resolved yet (an undated article's "yesterday"). `mod` is
    TimeML's modifier: the part of the period meant (START, MID, END: "early September") or how
    the amount is hedged (APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS, and BEFORE,
    AFTER, ON_OR_BEFORE, ON_OR_AFTER for a date a hedged amount moves: "more than a year ago").
    """

    text: str
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where, with an action from the documented vocabulary."""

    actor: str
    action: str
    target: str | None
    trigger: str
    start: int
    end: int
    date: str | None = None
    place: str | None = None


# What the analysis stage takes for one text: (text, publication date[, language]); no language reads as English.
TextItem = tuple[str, str | None] | tuple[str, str | None, str | None]


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis stage reads in one text; offsets are character offsets into it."""

    published: str | None
    entities: tuple[EntityMention, ...] = ()
    roles: tuple[EntityRole, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    cut_at: int | None = None  # where the analysis stopped in a text over `max_analysis_chars`; None: it read all
    language: str | None = None  # the language pack it was read with (crosswire.analysis.lang)
    skipped: str | None = None  # why the text was not analysed (a language crosswire has no pack for)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def cut_note(self, text_length: int) -> str | None:
        """What a user should be told when the analysis read only part of a text that long."""
        if self.cut_at is None:
            return None
        return f"analysed the first {self.cut_at:,} of its {text_length:,} characters (max_analysis_chars)"


@dataclass(frozen=True)
class AnalysisFailure:
    """Why one text has no analysis; the texts analysed with it go on without it."""

    reason: str


@dataclass(frozen=True)
class AnalysedDocument:
    """One input's analysis, with the text its offsets point into (`crosswire analyze`)."""

    source: str
    record_id: str | None
    text: str
    analysis: Analysis


@dataclass(frozen=True)
class QuoteVariant:
    """One outlet's wording of a statement, and the speaker that outlet gives it to.

    `kind` is "direct" (the speaker's words in quotation marks), "mixed" (reported speech around
    quoted fragments) or "indirect" (reported speech). `text` is the statement as the analysis
    found it (`Quote.text`), printed at `spans`; `words` the speaker's own words, in quotation
    marks in the article (None for indirect speech); `sentence` the sentence(s) it stands in, the
    verbatim evidence that reported speech is shown by. `attribution` is how firmly the outlet
    ties the words to that speaker (see `crosswire.stories.quotes.attribution`).
    """

    article_id: str
    text: str
    kind: str
    speaker: str | None
    similarity: float
    attribution: float = 1.0
    spans: tuple[tuple[int, int], ...] = ()
    words: Excerpt | None = None
    sentence: Excerpt | None = None


@dataclass(frozen=True)
class StoryQuote:
    """One statement as several outlets carry it: reworded, truncated or translated variants together.

    `kind` is "direct" when some outlet quotes the speaker's words: `text` is then those words,
    printed where `excerpt` says. When every outlet only reports the statement (`kind` "indirect"),
    `text` is the sentence reporting it, never put in quotation marks.
    """

    speaker: str | None
    text: str
    variants: tuple[QuoteVariant, ...]
    articles: tuple[str, ...]
    confidence: float
    other_speakers: tuple[str, ...] = ()
    kind: str = "direct"
    excerpt: Excerpt | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event or fact, merged across the articles that support it.

    `text` is the sentence telling it, as its article prints it (`excerpts[0]`; the other
    excerpts are the sentences of the other supporting articles). `clause`, when the sentence
    says more than what happened on that date, is the part of it that tells that: derived
    wording, always cut from the sentence (pieces joined by " … "), never rewritten.
    """

    date: str
    precision: str
    text: str
    articles: tuple[str, ...]
    confidence: float
    excerpts: tuple[Excerpt, ...] = ()
    clause: Excerpt | None = None


@dataclass(frozen=True)
class Discrepancy:
    """Outlets that disagree: on a date, a number, who said something, or a page date vs. its events.

    Every word the description puts in quotation marks is one of `excerpts`.
    """

    kind: str
    description: str
    articles: tuple[str, ...]
    confidence: float
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class UniqueDetail:
    """Something only one outlet reports: a sentence of its article, printed at `spans`."""

    text: str
    article_id: str
    outlet: str | None
    confidence: float
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Citation:
    """A sentence of the summary (or consensus) and the articles that support it.

    `excerpts[0]` is where `text` is printed; the others are the sentences by which the other
    supporting articles report the same thing, one per article.
    """

    text: str
    articles: tuple[str, ...]
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class WireCopy:
    """An article that reprints agency copy, with what the reprint cut from or added to the shared text:
    the sibling's sentences it lacks (`cut`, excerpts of the sibling) and its own the sibling lacks."""

    article_id: str
    agency: str | None
    copy_of: tuple[str, ...]
    cut: tuple[Excerpt, ...]
    added: tuple[Excerpt, ...]


@dataclass(frozen=True)
class InferredDate:
    """A publication date inferred for an undated article from its story, with the evidence.

    `times` are the article's time expressions its own analysis could not resolve ("Tuesday"),
    resolved against `date`: the story's reading, as firm as `confidence`, not the article's word.
    Every word `evidence` puts in quotation marks is one of `excerpts`.
    """

    article_id: str
    date: str
    evidence: str
    confidence: float
    times: tuple[TimeExpression, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class StoryEvent:
    """Who did what to whom across a story: one action of one actor on one target, with the sentence
    each article tells it in (`excerpts[i]`, from `articles[i]`), the dates they give it (TimeML
    values) and the places they name."""

    actor: str
    action: str
    target: str | None
    articles: tuple[str, ...]
    excerpts: tuple[Excerpt, ...]
    dates: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class MembershipTie:
    """What ties an article to its story: its strongest link, to `article_id`, and what that link rests on.

    `score` is the link score (`crosswire.stories.clustering.link_score`, 0 near the threshold),
    `embedding` the cosine of the two story embeddings, `lexical` the IDF cosine of their terms;
    the names and terms both share, rarest first; `days_apart` None when either date is unknown.
    """

    article_id: str
    score: float
    embedding: float
    lexical: float
    shared_names: tuple[str, ...]
    shared_terms: tuple[str, ...]
    days_apart: int | None

    def describe(self, label: str) -> str:
        """One line for a person: the strongest link and its evidence."""
        parts = [f"strongest link to {label} (score {self.score:+.2f})"]
        if self.shared_names:
            parts.append("shared names: " + ", ".join(self.shared_names))
        if self.shared_terms:
            parts.append("shared terms: " + ", ".join(self.shared_terms))
        parts.append(f"embedding similarity {self.embedding:.2f}")
        parts.append("date gap unknown" if self.days_apart is None else f"{self.days_apart} days apart")
        return "; ".join(parts)


@dataclass(frozen=True)
class ReviewItem:
    """A derived item worth a human check, most doubtful first."""

    kind: str
    description: str
    confidence: float
    articles: tuple[str, ...]
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class Story:
    """One story's dossier: what is corroborated, what one outlet alone says, and where they disagree."""

    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    summary: tuple[Citation, ...] = ()
    consensus: tuple[Citation, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    entities: tuple[dict[str, Any], ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    unique_details: tuple[UniqueDetail, ...] = ()
    events: tuple[StoryEvent, ...] = ()
    wire_copies: tuple[WireCopy, ...] = ()
    inferred_dates: tuple[InferredDate, ...] = ()
    review: tuple[ReviewItem, ...] = ()
    membership_confidence: dict[str, float] = field(default_factory=dict)
    membership_ties: dict[str, MembershipTie] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Story:
        """The record a stored dossier (`to_dict`'s JSON) was made from."""
        return from_dict(cls, data)


@dataclass(frozen=True)
class ClusteringState:
    """What story clustering would otherwise recompute on every run: its index and neighbour lists.

    `index` is the serialized nearest-neighbour index, `keys` each indexed article's key in it and
    `next_key` the key the next article gets; `neighbours` holds each article's closest articles as
    (similarity, article id), best first. `digest` fingerprints all of it, so a state that no
    longer matches (saved for other articles, or altered since) is recognised and rebuilt.
    """

    keys: dict[str, int]
    next_key: int
    neighbours: dict[str, list[tuple[float, str]]]
    index: bytes
    digest: str


D = TypeVar("D")


def from_dict(cls: type[D], data: Mapping[str, Any]) -> D:
    """A record from `asdict`'s JSON shape: nested records, tuples and dicts rebuilt by the fields'
    types; fields the data lacks (written by an older version) keep their defaults."""
    hints = get_type_hints(cls)
    return cls(**{f.name: _typed(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data})  # type: ignore[arg-type]


def _typed(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        return _typed(next(arg for arg in args if arg is not type(None)), value)
    if is_dataclass(hint):
        return from_dict(hint, value)  # type: ignore[arg-type]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], item) for item in value)
        return tuple(_typed(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is dict:
        return {key: _typed(args[1], item) for key, item in value.items()}
    if origin is list:
        return [_typed(args[0], item) for item in value]
    return value
