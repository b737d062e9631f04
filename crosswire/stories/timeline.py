"""A story's timeline: dated events and facts merged across its articles, and dates for undated articles.

Every concrete DATE or TIME expression (and every event the analysis dated) becomes a dated
mention: its value, the sentence around it and the events and entities in that sentence.
Mentions with the same value that describe the same thing (close wording or meaning, or the same
event) become one entry supported by several articles.

An article that states no publication date cannot resolve "on Tuesday" or "last month". Its
story can: when its sentence around "Tuesday" matches another article's sentence resolved to
2023-09-05, the undated article must have been published on a day from which "Tuesday" means
2023-09-05. Each candidate day is tried by resolving the article's times again against it
(`crosswire.analysis.times.find_times`); the earliest day agreeing with the most evidence is the
inferred date (a lower bound), and the article's relative times are then resolved against it.
Those resolved times travel in the `InferredDate`, the story's reading, and are never written back
into the article's analysis: data flows one way, the analysis keeps what the article itself says,
and the story's reading is rebuilt whenever its articles change. The interfaces show both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from crosswire.analysis.entities import entity_key
from crosswire.analysis.events import find_events
from crosswire.analysis.nlp import parse_one
from crosswire.analysis.readable_dates import day_text, readable_value
from crosswire.analysis.sentences import sentence_index, sentence_spans
from crosswire.analysis.times import find_times
from crosswire.analysis.times_calendar import parse_value
from crosswire.analysis.verbatim import excerpt, shortened, trim
from crosswire.records import Analysis, Article, Event, Excerpt, InferredDate, TimeExpression, TimelineEntry
from crosswire.stories.embeddings import story_text
from crosswire.stories.quotes import complete, groups, normalise, source_name, vectors
from crosswire.stories.timeline_clauses import closes_range, own_clause

DATED_TYPES = ("DATE", "TIME")
WINDOW_WORDS = 20
SAME_FACT = 0.72  # window cosine at which two mentions of one date describe the same thing
SAME_WORDS = 0.5  # content-word overlap (Jaccard) that does the same
CHANCE_QUANTILE = 0.9  # as alike as only one pair of different facts in ten (see _chance_levels)
MIN_BACKGROUND_PAIRS = 30  # fewer pairs of different facts than this say too little about a story's chance level
SAME_DESCRIPTION = 0.55  # the description cosine and ...
SHARED_ENTITIES = 3  # ... shared participants that stand for those levels in stories too small to tell
SPEECH_ACTIONS = frozenset({"make_statement", "deny_or_decline_comment"})
EVIDENCE_MATCH = 0.58  # window cosine at which another article's dated sentence is evidence
PRECISION_WEIGHT = {"day": 1.0, "week": 0.8, "month": 0.5, "quarter": 0.3, "year": 0.2}
# The calendar grains a timeline places, as its precisions: a time or part of day dates its day, a weekend its
# week, a season stands as a quarter; halves, decades and centuries are too vague to place.
TIMELINE_PRECISIONS = {
    "time": "day", "part": "day", "day": "day", "week": "week", "weekend": "week",
    "month": "month", "quarter": "quarter", "season": "quarter", "year": "year",
}  # fmt: skip
SIBLING_SHINGLES = 0.5  # 5-word-shingle Jaccard of near-identical copies
SIBLING_WEIGHT = 2.0
SEARCH_AFTER_DAYS = {"day": 14, "week": 14, "month": 62}
MAX_SEARCH_DAYS = 92
STOPWORDS = STOP_WORDS | {"said", "says", "told"}
DESCRIPTION_WORDS = 32  # a description longer than this is cut to its clauses around the date
SHORT_CLAUSE_WORDS = 3  # shorter clauses before the date's are kept even past the word limit
MIN_DESCRIPTION_WORDS = 6  # a clause shorter than this ("On Monday,") takes the next one along
PREPOSITIONS = frozenset(
    {"in", "on", "at", "during", "after", "before", "since", "by", "with", "following", "amid", "despite"}
    | {"from", "until", "over", "for"}
)
CLAUSE_BREAK = re.compile(r"(?:(?<=[,;:])|(?<=[,;:][”\"’)]))\s+|\s+(?=[—–]\s)|(?<=\s[—–])\s+|\s+(?=--\s)|(?<=\s--)\s+")
LEADING_JOINERS = re.compile(r"^(?:[,;:—–-]+\s*|(?:and|but|or|so|while|whereas)\s+)+", re.IGNORECASE)
SUBORDINATOR = re.compile(r"^(?:after|before|since|because|as|when|while|once|until|although|though|that)\s+")
QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


@dataclass(frozen=True)
class Period:
    """The days a TimeML value covers, and its precision in the timeline's terms."""

    value: str
    precision: str
    first: date
    last: date

    def overlaps(self, other: Period) -> bool:
        return self.first <= other.last and other.first <= self.last


@dataclass(frozen=True)
class DatedMention:
    """A date in an article and what the article says happened then.

    `events` are (actor, action, target) of the sentence's events the analysis dates with this
    value, `undated_events` those it leaves undated (they may have happened then), `actors` the
    people acting in either. `weight` is how firmly the date stands: 1, or the inferred publication
    date's confidence when a relative expression was resolved against it. `window` is the words
    around the date (for matching); `said` the date's words, `sentence` the sentence carrying it
    and `clause`, when the sentence says more, the part of it telling what happened then (cut from
    it, never rewritten). Names are entity keys, so outlets' spellings meet. `quoted` marks a date
    inside a speaker's quoted words, `happening` one that dates an event other than a statement.
    """

    article_id: str
    period: Period
    expression: str
    start: int
    window: str
    events: frozenset[tuple[str, str, str | None]]
    undated_events: frozenset[tuple[str, str, str | None]]
    entities: frozenset[str]
    actors: frozenset[str]
    said: Excerpt
    sentence: Excerpt
    clause: Excerpt | None = None
    weight: float = 1.0
    quoted: bool = False
    happening: bool = False

    @property
    def value(self) -> str:
        return self.period.value

    @property
    def description(self) -> str:
        """What happened then, in the article's words: the clause, or the whole sentence."""
        return (self.clause or self.sentence).text


def build_timeline(
    articles: Sequence[Article], analyses: Mapping[str, Analysis]
) -> tuple[list[TimelineEntry], list[InferredDate]]:
    """The story's dated entries in date order, and the publication dates inferred for undated articles.

    Dates only inside a speaker's quoted words ("as we head into winter") are rhetoric, not the
    story's events: an entry needs one mention outside quotation marks.
    """
    analyses = complete(articles, analyses)
    inferred = infer_dates(articles, analyses)
    mentions = dated_mentions(articles, analyses, inferred)
    if not mentions:
        return [], inferred
    centrality = _centrality(articles)
    embedded = vectors([m.window for m in mentions])
    entries = [
        _entry([mentions[k] for k in group], embedded[group], centrality)
        for group in _same_date_groups(mentions, embedded)
        if not all(mentions[k].quoted for k in group)
    ]
    entries.sort(key=lambda pair: (pair[0].first, pair[0].last, -len(pair[1].articles)))
    return [entry for _, entry in entries], inferred


def dated_mentions(
    articles: Sequence[Article], analyses: Mapping[str, Analysis], inferred: Sequence[InferredDate] = ()
) -> list[DatedMention]:
    """Every concretely dated mention, with undated articles' relative times resolved against `inferred`."""
    analyses = complete(articles, analyses)
    anchors = {item.article_id: item for item in inferred}
    found: list[DatedMention] = []
    for article in articles:
        analysis = analyses[article.id]
        guess = anchors.get(article.id)
        resolved = analysis if guess is None else reresolved(article, analysis, guess.date)
        firm = {t.start for t in analysis.times if t.value is not None}
        found.extend(_mentions(article, resolved, firm, guess.confidence if guess else 1.0))
    return found


def reresolved(article: Article, analysis: Analysis, anchor: str) -> Analysis:
    """The analysis with its times and events resolved against `anchor` as if the article stated it."""
    times = list(resolved_times(article.text, anchor))
    events = find_events(_doc(article.text), list(analysis.entities), times, anchor)
    return replace(analysis, published=anchor, times=tuple(times), events=tuple(events))


def period(value: str | None) -> Period | None:
    """The days a TimeML value covers; None for references, durations, sets and vaguer spans."""
    day = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:T.*)?", value or "")  # a time of day dates its day
    named = parse_value(day[1] if day else value)
    precision = TIMELINE_PRECISIONS.get(named.grain) if named else None
    if named is None or precision is None:
        return None
    shown = replace(named, grain="week").value() if named.grain == "weekend" else named.value()
    return Period(shown, precision, named.start, named.last)


def window(text: str, start: int, end: int, words: int = WINDOW_WORDS) -> str:
    """About `words` words of `text` centred on [start, end), marked with … where cut."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    before = [k for k, (_, e) in enumerate(spans) if e <= start]
    after = [k for k, (b, _) in enumerate(spans) if b >= end]
    room = max(0, words - (len(spans) - len(before) - len(after)))
    take_before = min(len(before), max(room // 2, room - len(after)))
    take_after = min(len(after), room - take_before)
    first = spans[len(before) - take_before][0] if take_before else start
    last = spans[len(spans) - len(after) + take_after - 1][1] if take_after else end
    head = "… " if take_before < len(before) else ""
    tail = " …" if take_after < len(after) else ""
    return head + text[first:last] + tail


def content_words(text: str) -> frozenset[str]:
    return frozenset(word for word in normalise(text).split() if word not in STOPWORDS and not word.isdigit())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def publication_day(article: Article, analysis: Analysis | None = None) -> date | None:
    """The calendar day the article says it was published, as printed (its offset not applied)."""
    value = (analysis.published if analysis else None) or article.published.value
    found = period(value[:10]) if value else None
    return found.first if found else None


def infer_dates(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> list[InferredDate]:
    """Publication dates for undated articles, from the dated articles of their story."""
    analyses = complete(articles, analyses)
    undated = [a for a in articles if publication_day(a, analyses[a.id]) is None]
    dated = [a for a in articles if publication_day(a, analyses[a.id]) is not None]
    if not undated or not dated:
        return []
    references = dated_mentions(dated, analyses)
    names = {a.id: source_name(a) for a in articles}
    found = []
    for article in undated:
        clues = _clues(article, analyses[article.id], references, names)
        clues += _sibling_clues(article, dated, analyses)
        if guess := _best_day(article, clues):
            found.append(replace(guess, times=_resolved_by(article, analyses[article.id], guess.date)))
    return found


def _resolved_by(article: Article, analysis: Analysis, anchor: str) -> tuple[TimeExpression, ...]:
    """The expressions the article's analysis left unresolved, resolved against the inferred date."""
    unresolved = {t.start for t in analysis.times if t.value is None}
    return tuple(t for t in resolved_times(article.text, anchor) if t.start in unresolved and t.value is not None)


@lru_cache(maxsize=16)
def _doc(text: str) -> Doc:
    return parse_one(text)


@lru_cache(maxsize=512)
def resolved_times(text: str, anchor: str) -> tuple[TimeExpression, ...]:
    """The text's time expressions resolved against `anchor` (parsed once per text)."""
    return tuple(find_times(_doc(text), anchor))


# ---- mentions -------------------------------------------------------------------------------------
def _mentions(article: Article, analysis: Analysis, firm: set[int], weight: float) -> list[DatedMention]:
    """One mention per sentence and date value: from the time expressions, then from dated events
    (neither at the end of a range, which is told at its start)."""
    text = article.text
    spans = sentence_spans(text)
    found: dict[tuple[int, str], DatedMention] = {}
    range_ends: set[tuple[int, str]] = set()
    for time in analysis.times:
        span = _period_of(time)
        key = (sentence_index(spans, time.start), span.value if span else "")
        if span is None or key in found:
            continue
        if _ends_a_range(text, spans, analysis.times, time):
            range_ends.add(key)
            continue
        firmness = 1.0 if time.start in firm else weight
        found[key] = _mention(article, analysis, spans, span, (time.text, time.start, time.end), firmness)
    for event in analysis.events:
        span = period(event.date)
        key = (sentence_index(spans, event.start), span.value if span else "")
        if span is not None and key not in found and key not in range_ends:
            found[key] = _mention(article, analysis, spans, span, (event.trigger, event.start, event.end))
    return sorted(found.values(), key=lambda m: m.start)


def _ends_a_range(
    text: str, spans: Sequence[tuple[int, int]], times: Sequence[TimeExpression], time: TimeExpression
) -> bool:
    """A range ("between Monday and Wednesday") is one entry, at its start: its end would repeat the sentence."""
    first, last = _sentence_of(text, spans, time.start)
    dated = _dated_in(times, first, last)
    offsets = [(t.start - first, t.end - first) for t in dated]
    return closes_range(text[first:last], offsets, dated.index(time))


def _period_of(time: TimeExpression) -> Period | None:
    return period(time.value) if time.type in DATED_TYPES else None


def _mention(
    article: Article,
    analysis: Analysis,
    spans: Sequence[tuple[int, int]],
    span: Period,
    where: tuple[str, int, int],
    weight: float = 1.0,
) -> DatedMention:
    expression, start, end = where
    text = article.text
    first, last = _sentence_of(text, spans, start)
    then = [e for e in analysis.events if first <= e.start < last and _at(e.date, span)]
    entities = [m for m in analysis.entities if first <= m.start < last]
    people = {entity_key(m.canonical) for m in entities if m.label == "PERSON"}
    quoted = _in_quotation_marks(text[first:last], start - first)
    happenings = [e for e in then if e.action not in SPEECH_ACTIONS and e.start <= start < e.end]
    dated_here = _dated_in(analysis.times, first, last)
    crowded = len({t.value for t in dated_here}) > 1
    own = _own_clause(text[first:last], first, dated_here, start) if crowded else None
    if own is None:
        own = describe(text, (first, last), (start, end), [(e.start, e.end) for e in happenings], crowded)
    sentence = excerpt(article.id, text, [(first, last)])
    clause = _clause(article.id, text, own, sentence)
    return DatedMention(
        article_id=article.id,
        period=span,
        expression=expression,
        start=start,
        window=window(text[first:last], start - first, end - first),
        events=frozenset(_keyed(e) for e in then if e.date is not None),
        undated_events=frozenset(_keyed(e) for e in then if e.date is None),
        entities=frozenset(entity_key(m.canonical) for m in entities),
        actors=frozenset(key for e in then if (key := entity_key(e.actor)) in people),
        said=excerpt(article.id, text, [(start, end)]),
        sentence=sentence,
        clause=clause,
        weight=weight,
        quoted=quoted,
        happening=bool(happenings) and not quoted,
    )


def _keyed(event: Event) -> tuple[str, str, str | None]:
    """An event's actor, action and target, the names as entity keys."""
    return entity_key(event.actor), event.action, entity_key(event.target) if event.target else None


def _clause(article_id: str, text: str, spans: list[tuple[int, int]], sentence: Excerpt) -> Excerpt | None:
    """The clause as an excerpt, cut to `DESCRIPTION_WORDS` words; None when it is the whole sentence."""
    clause = excerpt(article_id, text, spans)
    ((first, last),) = sentence.spans
    whole = [(first, last - len(text[first:last]) + len(text[first:last].rstrip(".!?…")))]
    if not clause.spans or clause.spans == sentence.spans or list(clause.spans) == whole:
        return None
    return shortened(clause, text, DESCRIPTION_WORDS + SHORT_CLAUSE_WORDS)


def _own_clause(sentence: str, first: int, dated: list[TimeExpression], start: int) -> list[tuple[int, int]] | None:
    """The clause of a sentence holding several dates that tells what happened at the one at `start`.

    Every date is parsed where it stands, so that a value said again in another clause ("in 2018
    and 2019 …, and met him in 2019") marks that clause as another date's; failing that, a value
    said twice counts once (a repeat on the date's own verb reads as no list).
    """
    once: dict[str, TimeExpression] = {}
    for time in dated:
        once.setdefault(str(time.value), time)
    for times in (dated, list(once.values())):
        which = next((k for k, t in enumerate(times) if t.start == start), None)
        if which is None:
            continue
        clause = own_clause(sentence, [(t.start - first, t.end - first) for t in times], which)
        if clause and len(" ".join(sentence[a:b] for a, b in clause).split()) <= DESCRIPTION_WORDS:
            return [(first + a, first + b) for a, b in (_tidied(sentence, a, b, 0) for a, b in clause)]
    return None


def describe(
    text: str,
    sentence: tuple[int, int],
    expression: tuple[int, int],
    events: Sequence[tuple[int, int]] = (),
    crowded: bool = False,
) -> list[tuple[int, int]]:
    """The spans of `text` that tell what the sentence says happened at the expression's date.

    A short sentence holding no other date (not `crowded`) is its own description. Otherwise the
    clause of the event the date belongs to stands for it (the shortest event span holding the
    expression, when it reads as a clause: past a leading "after" or "that", it starts with a
    capital), else the clauses around the date cut at commas, semicolons, colons and dashes, as
    many as fit in `DESCRIPTION_WORDS`, and every short one before them (list items, an opening
    "Yesterday,": they hold the subject and the time). When the date's own clause says nothing
    alone (a few words, or a prepositional phrase: "In an interview broadcast Sunday,") the next
    one is taken along, however long (the caller cuts it). Spans are only ever cut from the
    sentence, without a leading joiner or trailing punctuation: never rewritten.
    """
    first, last = sentence
    if len(text[first:last].split()) <= DESCRIPTION_WORDS and not crowded:
        return [(first, last)]
    inside = [(max(a, first), min(b, last)) for a, b in events if a <= expression[0] < b]
    for a, b in sorted(inside, key=lambda pair: pair[1] - pair[0]):
        a, b = trim(text, a, b)
        a += _subordinator_length(text[a:b])
        if text[a : a + 1].isupper() and len(text[a:b].split()) <= DESCRIPTION_WORDS:
            return [_tidied(text, a, b, first)]
    a, b = _clauses_around(text[first:last], expression[0] - first)
    a, b = first + a, first + b
    if a > first:
        a += _subordinator_length(text[a:b])
    return [_tidied(text, a, b, first)]


def _subordinator_length(clause: str) -> int:
    match = SUBORDINATOR.match(clause)
    return match.end() if match else 0


def _tidied(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """The span without a leading joiner ("and", a comma) or trailing punctuation, unless that leaves nothing."""
    start, end = trim(text, start, end)
    joiner = LEADING_JOINERS.match(text, start, end)
    if joiner and joiner.end() < end:
        start = joiner.end()
    while end > start and text[end - 1] in ",;:—– ":
        end -= 1
    return (start, end) if end > start else trim(text, max(floor, start), end)


def _clauses_around(sentence: str, offset: int) -> tuple[int, int]:
    """The clause holding `offset`, grown by whole neighbouring clauses while they fit."""
    bounds = [0, *(m.end() for m in CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k] < bounds[k + 1]]
    index = next((k for k, (_, end) in enumerate(clauses) if offset < end), len(clauses) - 1)
    low = high = index

    def words(a: int, b: int) -> int:
        return len(sentence[clauses[a][0] : clauses[b][1]].split())

    grown = True
    while grown:
        grown = False
        if low > 0 and words(low - 1, high) <= DESCRIPTION_WORDS:
            low, grown = low - 1, True
        if high < len(clauses) - 1 and words(low, high + 1) <= DESCRIPTION_WORDS:
            high, grown = high + 1, True
    while low > 0 and len(sentence[slice(*clauses[low - 1])].split()) <= SHORT_CLAUSE_WORDS:
        low -= 1  # "Yesterday, Monday," or "The United States, Britain," keep the clause's subject and time
    alone = sentence[clauses[low][0] : clauses[high][1]].split()
    adverbial = low == high and alone[0].lower() in PREPOSITIONS
    if (len(alone) < MIN_DESCRIPTION_WORDS or adverbial) and high < len(clauses) - 1:
        high += 1
    return clauses[low][0], clauses[high][1]


def _in_quotation_marks(sentence: str, offset: int) -> bool:
    return any(m.start() < offset < m.end() for m in QUOTED.finditer(sentence))


def _at(value: str | None, span: Period) -> bool:
    """Whether an event dated `value` may have happened in `span`: undated ones may."""
    if value is None:
        return True
    found = period(value)
    return found is not None and found.value == span.value


def _sentence_of(text: str, spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The bounds of the sentence holding `offset` (the whole text when it has no sentences)."""
    return spans[sentence_index(spans, offset)] if spans else (0, len(text))


def _dated_in(times: Sequence[TimeExpression], first: int, last: int) -> list[TimeExpression]:
    """The time expressions between `first` and `last` that name a date."""
    return [t for t in times if first <= t.start < last and _period_of(t) is not None]


# ---- merging --------------------------------------------------------------------------------------
def _same_date_groups(mentions: list[DatedMention], embedded: np.ndarray) -> list[list[int]]:
    """Mentions of one date linked when they tell one thing: close words or meaning, a shared event or
    actor, or descriptions alike in meaning that name the same participants."""
    cosines = embedded @ embedded.T
    described = vectors([m.description for m in mentions])
    told = described @ described.T
    alike, shared = _chance_levels(mentions, told)
    words = [content_words(m.window) for m in mentions]
    links = [
        (i, j)
        for i in range(len(mentions))
        for j in range(i + 1, len(mentions))
        if mentions[i].value == mentions[j].value
        and (
            cosines[i, j] >= SAME_FACT
            or jaccard(words[i], words[j]) >= SAME_WORDS
            or shared_event(mentions[i], mentions[j], loose=True)
            or (mentions[i].period.precision == "day" and mentions[i].actors & mentions[j].actors)
            or (told[i, j] >= alike and len(mentions[i].entities & mentions[j].entities) >= shared)
        )
    ]
    return groups(len(mentions), links)


def _chance_levels(mentions: list[DatedMention], told: np.ndarray) -> tuple[float, int]:
    """How alike, by description cosine and by shared participants, a same-date pair must be to be
    alike beyond chance: as alike as only one pair of different facts of this story in ten.

    Mentions of different dates in different articles are (nearly all) different facts, so they
    show how alike a story's sentences are anyway: a story about two leaders names both in every
    sentence, a focused story's sentences all read alike, and no fixed threshold fits both. The
    cosine level is their 0.9 quantile; the participant level the fewest shared participants that
    at most a tenth of them reach. In the seed story that is cosine 0.54 and 4 participants, and
    2% of its 582 such pairs pass both. A story with too few such pairs to tell falls back to fixed
    levels (0.55, and 3 participants: a small story's sentences name fewer people in common).
    """
    pairs = [
        (i, j)
        for i in range(len(mentions))
        for j in range(i + 1, len(mentions))
        if mentions[i].value != mentions[j].value and mentions[i].article_id != mentions[j].article_id
    ]
    if len(pairs) < MIN_BACKGROUND_PAIRS:
        return SAME_DESCRIPTION, SHARED_ENTITIES
    cosines = [float(told[i, j]) for i, j in pairs]
    shared = [len(mentions[i].entities & mentions[j].entities) for i, j in pairs]
    counts = np.array(shared)
    entities = next(k for k in range(1, int(counts.max()) + 2) if np.mean(counts >= k) <= 1 - CHANCE_QUANTILE)
    return float(np.quantile(cosines, CHANCE_QUANTILE)), entities


def shared_event(a: DatedMention, b: DatedMention, loose: bool = False) -> bool:
    """The same action with a shared participant, dated with its mention's value on one side at least.

    `loose` also counts statements (one person says much on a day) and events undated on both sides.
    """
    pairs = [(a.events, b.events | b.undated_events), (a.undated_events, b.events)]
    if loose:
        pairs.append((a.undated_events, b.undated_events))
    for ours, theirs in pairs:
        for actor, action, target in ours:
            if action in SPEECH_ACTIONS and not loose:
                continue
            for other_actor, other_action, other_target in theirs:
                if action == other_action and {actor, target} & {other_actor, other_target} - {None}:
                    return True
    return False


def _entry(
    members: list[DatedMention], embedded: np.ndarray, centrality: Mapping[str, float]
) -> tuple[Period, TimelineEntry]:
    """The entry tells what happened: the sentence of an event outside quotation marks when one has
    it, from the most central article, its most typical wording there, with its clause.

    The confidence in the date is independent evidence combined: each supporting article leaves
    a doubt of 1 - w/2, w its mention's firmness (1 for a stated or resolved date, the inferred
    publication date's confidence when resolved against one), and the entry's confidence is one
    minus the product of those doubts: 0.5 for one article, 0.75 for two, 0.875 for three.
    """
    typical = (embedded @ embedded.mean(axis=0)).tolist()

    def preference(k: int) -> tuple[bool, bool, float, float]:
        member = members[k]
        return member.happening, not member.quoted, centrality.get(member.article_id, 0.0), typical[k]

    best = max(range(len(members)), key=preference)
    weights: dict[str, float] = {}
    for member in members:
        weights[member.article_id] = max(weights.get(member.article_id, 0.0), member.weight)
    doubt = float(np.prod([1 - 0.5 * w for w in weights.values()]))
    chosen = members[best]
    others = {}
    for member in sorted(members, key=lambda m: -typical[members.index(m)]):
        if member.article_id != chosen.article_id:
            others.setdefault(member.article_id, member.sentence)
    entry = TimelineEntry(
        chosen.value, chosen.period.precision, chosen.sentence.text, tuple(weights), round(1 - doubt, 3),
        (chosen.sentence, *others.values()), chosen.clause,
    )  # fmt: skip
    return chosen.period, entry


def _centrality(articles: Sequence[Article]) -> dict[str, float]:
    """Each article's mean similarity to the story's others: the most central tells it most typically."""
    if len(articles) < 2:
        return {a.id: 1.0 for a in articles}
    embedded = vectors([story_text(a.headline.value, a.paragraphs) for a in articles])
    similarity = embedded @ embedded.T
    return {a.id: float((similarity[k].sum() - 1) / (len(articles) - 1)) for k, a in enumerate(articles)}


# ---- inferred publication dates -------------------------------------------------------------------
@dataclass(frozen=True)
class _Match:
    """A dated sentence of another article that may report what the clue's sentence reports.

    `description` quotes only `excerpts`, words as their article prints them.
    """

    period: Period
    similarity: float
    description: str
    excerpts: tuple[Excerpt, ...] = ()


@dataclass(frozen=True)
class _Clue:
    """Something that ties the undated article to dates: a relative expression, or the whole text.

    `start` is the expression's offset; None for a near-identical dated copy of the article.
    `description` quotes only `excerpts`.
    """

    start: int | None
    matches: tuple[_Match, ...]
    description: str
    excerpts: tuple[Excerpt, ...] = ()


def _clues(
    article: Article, analysis: Analysis, references: list[DatedMention], names: Mapping[str, str]
) -> list[_Clue]:
    """Each unresolved expression whose sentence matches dated sentences of other articles."""
    spans = sentence_spans(article.text)
    unresolved = [t for t in analysis.times if t.type in DATED_TYPES and t.value is None]
    if not unresolved or not references:
        return []
    windows = [_window_of(article.text, spans, t) for t in unresolved]
    similarity = vectors(windows) @ vectors([m.window for m in references]).T
    found = []
    for k, time in enumerate(unresolved):
        matches = tuple(
            _Match(m.period, float(score), f"{names[m.article_id]}: “{m.description}” ({readable_value(m.value)})",
                   (m.clause or m.sentence,))
            for m, score in zip(references, similarity[k], strict=True)
            if score >= EVIDENCE_MATCH
        )  # fmt: skip
        if matches:
            first, last = _sentence_of(article.text, spans, time.start)
            said = excerpt(article.id, article.text, [(time.start, time.end)])
            sentence = excerpt(article.id, article.text, [(first, last)])
            told = describe(article.text, (first, last), (time.start, time.end))
            clause = _clause(article.id, article.text, told, sentence) or sentence
            found.append(_Clue(time.start, matches, f"“{said.text}” in “{clause.text}”", (said, clause)))
    return found


def _window_of(text: str, spans: Sequence[tuple[int, int]], time: TimeExpression) -> str:
    first, last = _sentence_of(text, spans, time.start)
    return window(text[first:last], time.start - first, time.end - first)


def _sibling_clues(article: Article, dated: Sequence[Article], analyses: Mapping[str, Analysis]) -> list[_Clue]:
    """Near-identical copies of the article that state their date: it appeared that day or the next."""
    shingles = _shingles(article.text)
    found = []
    for other in dated:
        overlap = jaccard(shingles, _shingles(other.text))
        day = publication_day(other, analyses[other.id])
        if overlap >= SIBLING_SHINGLES and day is not None:
            span = Period(day.isoformat(), "day", day, day + timedelta(days=1))
            match = _Match(span, SIBLING_WEIGHT * overlap, f"published {day.isoformat()}")
            found.append(_Clue(None, (match,), f"near-identical copy in {source_name(other)}"))
    return found


def _shingles(text: str, size: int = 5) -> frozenset[str]:
    words = normalise(text).split()
    return frozenset(" ".join(words[k : k + size]) for k in range(max(1, len(words) - size + 1)))


def _best_day(article: Article, clues: list[_Clue]) -> InferredDate | None:
    """The earliest day that agrees with the most evidence: a lower bound for the publication date.

    Its confidence is the share of the evidence that agrees: the agreeing clues' weight (match
    similarity times precision weight, a sibling copy counting double) over all the clues' best
    weight plus 0.5, so that one clue alone is never near certain; at most 0.95.
    """
    support = {day: _support(article.text, day, clues) for day in _candidate_days(clues)}
    best = max((score for score, _ in support.values()), default=0.0)
    if best <= 0:
        return None
    days = sorted(day for day, (score, _) in support.items() if score == best)
    possible = sum(max(_weight(m, m.period) for m in clue.matches) for clue in clues)
    span = f"on {day_text(days[0])}" if len(days) == 1 else f"between {day_text(days[0])} and {day_text(days[-1])}"
    reasons = support[days[0]][1]
    evidence = f"published {span}: " + "; ".join(f"{clue.description} agrees with {match.description}"
                                                  for clue, match in reasons)  # fmt: skip
    quoted = tuple(dict.fromkeys(item for clue, match in reasons for item in (*clue.excerpts, *match.excerpts)))
    confidence = round(min(0.95, best / (possible + 0.5)), 3)
    return InferredDate(article.id, days[0].isoformat(), evidence, confidence, excerpts=quoted)


def _candidate_days(clues: list[_Clue]) -> list[date]:
    """Days from the earliest matched date to a little after the latest, at the finest precision matched."""
    periods = [m.period for clue in clues for m in clue.matches]
    for precisions in (("day", "week"), ("month",)):
        fine = [p for p in periods if p.precision in precisions]
        if fine:
            first = min(p.first for p in fine)
            last = max(p.last for p in fine) + timedelta(days=SEARCH_AFTER_DAYS[precisions[0]])
            last = min(last, first + timedelta(days=MAX_SEARCH_DAYS))
            return [first + timedelta(days=k) for k in range((last - first).days + 1)]
    return []


def _support(text: str, day: date, clues: list[_Clue]) -> tuple[float, list[tuple[_Clue, _Match]]]:
    """How much evidence publishing on `day` agrees with, and which: each clue's best agreeing match."""
    resolved = {t.start: _period_of(t) for t in resolved_times(text, day.isoformat())}
    score, reasons = 0.0, []
    for clue in clues:
        meaning = Period(day.isoformat(), "day", day, day) if clue.start is None else resolved.get(clue.start)
        agreeing = [(_weight(m, meaning), m) for m in clue.matches if meaning and meaning.overlaps(m.period)]
        if agreeing and meaning:
            weight, match = max(agreeing, key=lambda pair: pair[0])
            score += weight
            reasons.append((clue, match))
    return score, reasons


def _weight(match: _Match, meaning: Period) -> float:
    """Agreement at a coarse precision says less: "this month" fits thirty days."""
    coarser = min(PRECISION_WEIGHT[match.period.precision], PRECISION_WEIGHT[meaning.precision])
    return match.similarity * coarser
