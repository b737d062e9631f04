"""Online story clustering: each new article joins the story it links to best among its neighbours.

An article is read as its headline and first 150 words (`embeddings.story_text`): its story
embedding (MiniLM with the story adapter) and its terms (`lexical`). Two articles link by

    link score = (1 - LEXICAL_WEIGHT) * (2 * cosine - crowding(a) - crowding(b))
               + LEXICAL_WEIGHT * IDF cosine of their terms
               - time penalty - specifics penalty

An embedding places every story on one topic (a president, a war, two quakes) close together, so
its cosine means little on its own: how close is close depends on the neighbourhood. An
article's crowding is the mean cosine to its `HUB_NEIGHBOURS` closest stored neighbours (CSLS,
"hubness"), and the embedding's evidence is how far a pair stands out from both. Only the
embedding is read that way. The earlier design also measured crowding on the lexical part
and counted it at most 0.55: on full-length reports of a big story, an article's nearest
neighbours are its own story, so every link fell below its crowding and recall collapsed
(B-cubed F1 0.47 on ECB+-dev). Read on the embedding alone, with 3 neighbours, and with the
rare words two reports share counted as they are (IDF over the stored articles mixed with
English word frequencies from `wordfreq`, so a young store already weighs "said" below
"Gaziantep"), the score is near 0 for a borderline pair whatever the text length: on the three
development sets the thresholds best for each lie within 0.03 of one another. A young store's
few articles are not yet a neighbourhood, so the observed crowding is settled towards
`HUB_PRIOR`, weighing as much as `HUB_PRIOR_ARTICLES` stored articles. Each article keeps its
`NEIGHBOURS` nearest neighbours by cosine, and a new article is entered into its neighbours'
lists, so crowding follows the collection as it grows. Time is a gentle, capped penalty (a long
trial is one story); an unknown day is neutral.

Distinct events of one kind (two quakes in one region, two resignations in one party) read
alike and share the generic names (the country, the seismological institute); reports of one
event share its specifics (the town, the governor, the victims). The specifics penalty is that
evidence: when both articles have a body (not only a lead), name many canonical entities (found
over the whole text) and the names they share weigh little of the smaller side's, IDF-weighted,
the link is penalised (`specifics_penalty`). It is neutral while either side is a lead or names
few entities, so a short text gives no evidence either way, and costs one set intersection per pair.

An article's link to a story is the average link score to up to `STORY_SAMPLE` of its members
(the nearest ones, then the latest): one lookalike is not enough to join a big story. A batch is
first indexed, so that its articles count in one another's crowding, then assigned in canonical
order: each article joins the best story if that reaches `LINK_THRESHOLD`, and other stories it
links to at `MERGE_THRESHOLD` are merged in. Last, the stories around the batch get a second
look, since an early decision was made before its article's true partners arrived and while
crowding was lower: an article that now links better to another story than to the rest of its
own moves there (a story's founding article stays, so that its id does), a story whose articles
no longer connect splits, and an article left alone joins the story it now links to best, if
that reaches the threshold. The
merged story keeps the older story's id (the one whose founding article comes first by day, then
id) and records `old -> new` in `aliases`.

The link threshold (-0.035) and the lexical weight (0.50) lie between the choices that leaving one
dataset out makes among NeuS val (titles and leads), BASIL-dev (full text, dates) and ECB+-dev (full
text, two events of one kind per topic); those choices do not agree (fitted on two sets: -0.035/0.60,
-0.020/0.50, -0.050/0.40; held out, NeuS 0.896, BASIL 0.982, ECB+ 0.877). B-cubed through
`crosswire ingest` and `export` (`python benchmarks/stories.py`; 2 shared cores):

    set (records)         P      R      F1     TF-IDF average link, best threshold for the set
    NeuS val (921)        0.920  0.924  0.922  0.854
    BASIL-dev (150)       1.000  0.964  0.982  0.967
    ECB+-dev (772)        0.896  0.912  0.904  0.875

Ingested in three batches instead of one, F1 moves by 0.013 on NeuS (down) and 0.023 on ECB+ (up):
one-batch assignment still decides some articles before their partners arrive. The ingest rejects
2 NeuS leads as too short and 1 ECB+ text. What is left on NeuS is mostly recall on stories framed so
differently that only the headline's subject is shared; on ECB+, topics whose two events share their
cast (two Indian Navy anti-piracy actions off Aden). An entity-overlap term, and the specifics penalty made two-
sided, moved F1 on ECB+ by at most +0.01 and cost as much on NeuS. The story stage costs little
per article beyond the dossier builds (the clustering of 900 articles, embeddings at hand, takes
a few seconds).

Story ids are `"story-" + <id of the story's founding article>`. A batch is assigned in a
canonical order (day, then article id), so the same batch gives the same stories and ids in any
input order and in any process.

Complexity, for n stored articles: assigning one article is one HNSW query (usearch, cosine;
O(log n) expected), `NEIGHBOURS` similarities, an update of as many neighbour lists, and at most
`NEIGHBOURS * STORY_SAMPLE` link scores; never a comparison with every stored article. The second
look, over the stories around the batch of at most `REVIEW_SIZE` articles, scores each of their
articles against its candidate stories as assignment does, and every pair inside each story (at
most REVIEW_SIZE**2 / 2 per story); a merge relabels the absorbed story's members.
`recluster` scores every pair inside each story, O(sum of squared story sizes). `restore` takes
the index and neighbour lists a store saved with the memberships
(`index_state`): O(n) to read and check, no similarity computed (8.3 s at 100k articles on a
loaded 2-core machine, `benchmarks/stories_scaling.py`). Only without a saved state that matches
the stored articles and this policy does it rebuild them, the index in one batch and every
article's neighbours with one batched query, both in one thread so that every process
rebuilds the same index (189 s there with two threads). A clusterer restored from its state
is the one that saved it, with one exception: usearch draws the HNSW levels of the articles it
adds after a load afresh, so a later search may, rarely, propose another distant candidate than
in a process that never stopped.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import numpy as np
from usearch.index import Index

from crosswire.records import ClusteringState, MembershipTie
from crosswire.stories.embeddings import vectors_name
from crosswire.stories.lexical import background_idf, idf_cosine, idf_norm

STORY_PREFIX = "story-"
NEIGHBOURS = 20  # candidates the index proposes, and the neighbour list each article keeps
HUB_NEIGHBOURS = 3  # how many of those measure how crowded an article's neighbourhood is
STORY_SAMPLE = 10  # at most this many members of a candidate story are scored
TIE_EVIDENCE = 5  # shared names and terms a membership's tie lists
REVIEW_SIZE = 50  # stories up to this size get a second look after each batch (`recluster` for all)

# Chosen by leaving one dataset out (`benchmarks/stories.py`).
LINK_THRESHOLD = -0.035
MERGE_THRESHOLD = 0.05
LEXICAL_WEIGHT = 0.5
# The median crowding of a story text among the others of a collection (0.63 on NeuS val, 0.69
# on BASIL-dev, 0.85 on ECB+-dev), and how many stored articles it weighs as: a young store's
# crowding is mostly this prior.
HUB_PRIOR = 0.7
HUB_PRIOR_ARTICLES = 100
# Term IDF mixes the stored articles' document frequencies with English word frequencies, the
# latter weighing as much as this many stored articles: a young store's IDF is not yet telling.
BACKGROUND_ARTICLES = 100
# NeuS has no dates, so the time penalty is set by hand: nothing within a few days, 0.1 at about
# two weeks, at most 0.3 (a month or more). A story that runs for weeks still chains day by day.
TIME_GRACE_DAYS = 3
TIME_WEIGHT = 0.01
TIME_MAX_PENALTY = 0.3
# Distinct events of one kind (two quakes in one region) share the generic vocabulary, not their
# specifics: evidence against a link when both articles' entities come from a body of at least
# SPECIFICS_PARAGRAPHS paragraphs (a lead's names are a sample of the cast, a body's nearly all of
# it), both name more than SPECIFICS_FEW entities (full sureness from SPECIFICS_ENOUGH), and the
# names they share weigh less than SPECIFICS_AGREE of the smaller side's (IDF-weighted). NeuS
# gives titles and leads only, so it cannot measure this: the constants are set by hand on the
# invented reports of tests/stories/test_similar_events.py, where the reports of one event share
# 0.57 or more and the two Peruvian quakes at most 0.41 (0.25 or less for most pairs).
SPECIFICS_PARAGRAPHS = 3
SPECIFICS_FEW = 3
SPECIFICS_ENOUGH = 6
SPECIFICS_AGREE = 0.4
SPECIFICS_PENALTY = 0.3
CONFIDENCE_SCALE = 0.05
# Bump when the saved neighbour lists change meaning (how `similarity` or `_index_batch` finds
# them), so that a state saved by an older crosswire is rebuilt, not taken.
STATE_FORMAT = 2


@dataclass(frozen=True)
class ArticleSignal:
    """What clustering knows of an article: embedding, headline-and-lead terms, entity names, day.

    `paragraphs` is how many paragraphs the article's text has (at least; 0 when unknown): its
    entities are evidence of distinct events only when they come from more than a lead.
    """

    article_id: str
    vector: np.ndarray
    entities: frozenset[str] = frozenset()
    day: date | None = None
    terms: frozenset[str] = frozenset()
    paragraphs: int = 0


class Membership(NamedTuple):
    """An article's story, and how sure the link (or the decision to start a story) is, in [0, 1].

    A plain tuple too, so rows a store reads back, `(article_id, story_id, confidence)`, restore as is.
    """

    article_id: str
    story_id: str
    confidence: float


@dataclass(frozen=True)
class LinkPolicy:
    """The weights and thresholds of the scores; the defaults are the trained constants."""

    link_threshold: float = LINK_THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    lexical_weight: float = LEXICAL_WEIGHT
    time_grace_days: int = TIME_GRACE_DAYS
    time_weight: float = TIME_WEIGHT
    time_max_penalty: float = TIME_MAX_PENALTY
    specifics_paragraphs: int = SPECIFICS_PARAGRAPHS
    specifics_few: int = SPECIFICS_FEW
    specifics_enough: int = SPECIFICS_ENOUGH
    specifics_agree: float = SPECIFICS_AGREE
    specifics_penalty: float = SPECIFICS_PENALTY
    vectors: str = vectors_name()  # what embedded the articles: a state saved under another model is rebuilt


def story_id_for(article_id: str) -> str:
    return STORY_PREFIX + article_id


def canonical_order(signal: ArticleSignal) -> tuple[bool, date, str]:
    """Day first (unknown days last), then id: the order a batch is assigned and stories age in."""
    return (signal.day is None, signal.day or date.min, signal.article_id)


class Weights(NamedTuple):
    """Inverse document frequencies over the stored articles (of terms, of entity names), and per-article totals."""

    term: Callable[[str], float]
    entity: Callable[[str], float]
    term_norm: Callable[[ArticleSignal], float]
    entity_mass: Callable[[ArticleSignal], float]


def similarity(first: ArticleSignal, second: ArticleSignal) -> float:
    """Cosine of two articles' story embeddings: what the index searches by and crowding is measured in."""
    return float(np.dot(first.vector, second.vector))


def lexical_similarity(first: ArticleSignal, second: ArticleSignal, idf: Weights) -> float:
    """IDF cosine of two articles' terms: the rare words they share; 0 when either has none."""
    if not (first.terms and second.terms):
        return 0.0
    return idf_cosine(first.terms, second.terms, idf.term, (idf.term_norm(first), idf.term_norm(second)))


def link_score(
    first: ArticleSignal, second: ArticleSignal, idf: Weights, policy: LinkPolicy, crowding: tuple[float, float]
) -> float:
    """The evidence that two articles report one story (see the module docstring)."""
    contrast = 2 * similarity(first, second) - sum(crowding)
    lexical = lexical_similarity(first, second, idf)
    penalties = time_penalty(first.day, second.day, policy) + specifics_penalty(first, second, idf, policy)
    return (1 - policy.lexical_weight) * contrast + policy.lexical_weight * lexical - penalties


def specifics_penalty(first: ArticleSignal, second: ArticleSignal, idf: Weights, policy: LinkPolicy) -> float:
    """Evidence of two distinct events: both articles name many specifics, and mostly different ones.

    Neutral while either side is only a lead or names few entities; grows with how many both
    name (the sureness) and with how little of the smaller side's IDF-weighted names the other shares.
    """
    if min(first.paragraphs, second.paragraphs) < policy.specifics_paragraphs:
        return 0.0
    fewer = min(len(first.entities), len(second.entities))
    span = policy.specifics_enough - policy.specifics_few
    sureness = min(1.0, (fewer - policy.specifics_few) / span)
    if sureness <= 0:
        return 0.0
    shared = math.fsum(idf.entity(name) for name in first.entities & second.entities)
    smaller = min(idf.entity_mass(first), idf.entity_mass(second))
    disagreement = max(0.0, 1.0 - shared / (policy.specifics_agree * smaller))
    return policy.specifics_penalty * sureness * disagreement


def time_penalty(a: date | None, b: date | None, policy: LinkPolicy) -> float:
    if a is None or b is None:
        return 0.0
    late = max(0, abs((a - b).days) - policy.time_grace_days)
    return min(policy.time_weight * late, policy.time_max_penalty)


def confidence(score: float, threshold: float) -> float:
    """How far a score is from the threshold, squashed to (0, 1): 0.5 exactly at the threshold."""
    return 1.0 / (1.0 + math.exp(-(score - threshold) / CONFIDENCE_SCALE))


class StoryClusterer:
    """Stories over an approximate nearest-neighbour index of article embeddings."""

    def __init__(self, dim: int = 384, policy: LinkPolicy | None = None) -> None:
        self.policy = policy or LinkPolicy()
        # The index only proposes candidates, scored on the exact float32 vectors, so 8-bit
        # vectors are enough there: a quarter of the memory and a faster search.
        self._index = Index(ndim=dim, metric="cos", dtype="i8")
        self._signals: dict[str, ArticleSignal] = {}
        self._key: dict[str, int] = {}
        self._article_at: dict[int, str] = {}
        self._next_key = 0
        self._entity_df: Counter[str] = Counter()
        self._term_df: Counter[str] = Counter()
        self._near: dict[str, list[tuple[float, str]]] = {}
        self._story: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._founder: dict[str, str] = {}
        self._confidence: dict[str, float] = {}
        self._aliases: dict[str, str] = {}
        self._term_idf: dict[str, float] = {}
        self._term_norm: dict[str, float] = {}
        self._entity_mass: dict[str, float] = {}
        self._spellings: dict[str, dict[str, str]] = {}  # each article's names as it prints them
        self.weights = Weights(self.term_idf, self.idf, self.term_norm, self.entity_mass)

    def __len__(self) -> int:
        return len(self._signals)

    @property
    def index_bytes(self) -> int:
        """Memory the nearest-neighbour index holds: its 8-bit vectors and its graph."""
        return int(self._index.memory_usage)

    @property
    def aliases(self) -> dict[str, str]:
        """Merged-away story ids, each mapped to the story that absorbed it."""
        return dict(self._aliases)

    def resolve(self, story_id: str) -> str:
        """The live id of a story, following merge aliases (a store may keep them chained)."""
        seen = {story_id}
        while story_id in self._aliases and self._aliases[story_id] not in seen:
            story_id = self._aliases[story_id]
            seen.add(story_id)
        return story_id

    def story_of(self, article_id: str) -> str:
        return self._story[article_id]

    def members(self, story_id: str) -> tuple[str, ...]:
        """A live story's article ids, sorted (none for an unknown id)."""
        return tuple(sorted(self._members.get(story_id, ())))

    def stories(self) -> dict[str, tuple[str, ...]]:
        """Every live story with its article ids, sorted."""
        return {story: tuple(sorted(members)) for story, members in sorted(self._members.items())}

    def memberships(self) -> list[Membership]:
        """The current assignment of every stored article: what a store persists."""
        return [self._membership(article) for article in sorted(self._story)]

    @classmethod
    def restore(
        cls,
        signals: Iterable[ArticleSignal],
        memberships: Iterable[tuple[str, str, float]],
        aliases: dict[str, str] | None = None,
        dim: int = 384,
        policy: LinkPolicy | None = None,
        state: ClusteringState | None = None,
    ) -> StoryClusterer:
        """A clusterer holding what a store persisted, so a later batch joins the existing stories.

        Given the `state` saved (`index_state`) for exactly these articles, the index and neighbour
        lists are taken as saved: the clusterer is the one that saved them. Without it, or when it
        does not match, both are rebuilt: the index in one batch, and every article's neighbours
        with one batched query.
        """
        clusterer = cls(dim, policy)
        clusterer._aliases = dict(aliases or {})
        clusterer._aliases = {old: clusterer.resolve(old) for old in clusterer._aliases}
        stored = sorted(signals, key=canonical_order)
        assigned = {row[0]: (row[1], row[2]) for row in memberships}
        missing = [signal.article_id for signal in stored if signal.article_id not in assigned]
        if missing:
            raise ValueError(f"no membership for {len(missing)} stored articles, e.g. {missing[0]!r}")
        for signal in stored:
            clusterer._store(signal)
        if state is None or not clusterer._load_state(state):
            clusterer._index_batch(stored)
        for signal in stored:
            story, sure = assigned[signal.article_id]
            clusterer._place(signal.article_id, clusterer.resolve(story), sure)
        for story, members in clusterer._members.items():
            clusterer._founder[story] = clusterer._founding_member(story, members)
        return clusterer

    def index_state(self) -> ClusteringState:
        """What `restore` would otherwise rebuild: the index, its keys and every neighbour list."""
        index = bytes(self._index.save())
        keys = dict(self._key)
        neighbours = {article: list(near) for article, near in self._near.items()}
        digest = state_digest(index, keys, self._next_key, neighbours, self.policy)
        return ClusteringState(keys, self._next_key, neighbours, index, digest)

    def add(self, signals: Iterable[ArticleSignal]) -> list[Membership]:
        """Assign each new article to a story, in canonical order; an article already stored keeps its story."""
        batch = sorted({signal.article_id: signal for signal in signals}.values(), key=canonical_order)
        new = [signal for signal in batch if signal.article_id not in self._signals]
        self._refresh_terms()
        for signal in new:
            self._index_article(signal)
        self._refresh_terms()
        for signal in new:
            self._decide(signal.article_id)
        self._review({signal.article_id for signal in new})
        return [self._membership(signal.article_id) for signal in batch]

    def remove(self, article_ids: Iterable[str]) -> list[Membership]:
        """Forget articles, then re-check the stories they held: a story that no longer connects splits."""
        gone = set(article_ids) & self._signals.keys()
        touched = {self._story[article] for article in gone}
        for article in gone:
            self._forget(article)
        for article, near in self._near.items():
            if any(other in gone for _, other in near):
                self._near[article] = [entry for entry in near if entry[1] not in gone]
        self._refresh_terms()
        return self._split_stories(sorted(touched & self._members.keys()), self.policy.link_threshold)

    def recluster(self, threshold: float | None = None) -> list[Membership]:
        """Re-link every story from scratch and split those whose articles no longer connect.

        Returns the memberships that changed. A stricter `threshold` than the policy's splits
        loosely joined stories; ids of the part holding each story's founder do not change.
        """
        return self._split_stories(
            sorted(self._members), self.policy.link_threshold if threshold is None else threshold
        )

    def pair_score(self, a: str, b: str) -> float:
        """The link score of two stored articles (see the module docstring)."""
        crowding = (self.crowding(a), self.crowding(b))
        return link_score(self._signals[a], self._signals[b], self.weights, self.policy, crowding)

    def tie(self, article: str) -> MembershipTie | None:
        """What ties a stored article to its story: its best link among the members a link is scored on."""
        members = self._members[self._story[article]] - {article}
        if not members:
            return None
        signal = self._signals[article]
        sample = self._sample(article, members)
        score, other = max((self.pair_score(article, member), member) for member in sample)
        partner = self._signals[other]
        shared = sorted(signal.entities & partner.entities, key=lambda name: (-self.idf(name), name))
        names = [self._spellings[article].get(name, name) for name in shared]
        words = sorted(signal.terms & partner.terms, key=lambda term: (-self.term_idf(term), term))
        days = None if signal.day is None or partner.day is None else abs((signal.day - partner.day).days)
        return MembershipTie(
            other,
            round(score, 4),
            round(similarity(signal, partner), 4),
            round(lexical_similarity(signal, partner, self.weights), 4),
            tuple(names[:TIE_EVIDENCE]),
            tuple(words[:TIE_EVIDENCE]),
            days,
        )

    def crowding(self, article: str) -> float:
        """Mean similarity of a stored article to its closest stored neighbours, settled by the prior."""
        return self._settled(_crowding(self._near.get(article, [])))

    def _settled(self, observed: float | None) -> float:
        """A young store's crowding is mostly the prior: its few neighbours are not yet a neighbourhood."""
        stored = len(self._signals)
        if observed is None:
            return HUB_PRIOR
        return (stored * observed + HUB_PRIOR_ARTICLES * HUB_PRIOR) / (stored + HUB_PRIOR_ARTICLES)

    def idf(self, name: str) -> float:
        """How telling a (normalised) entity name is: rarer among the stored articles weighs more."""
        return math.log((len(self._signals) + 1) / (self._entity_df[name] + 1)) + 1.0

    def term_idf(self, term: str) -> float:
        """How telling a headline-or-lead word is: among the stored articles, and in English at large.

        Kept for the length of a batch (`_refresh_terms`), so each term is weighed once per batch.
        """
        if term not in self._term_idf:
            self._term_idf[term] = self._current_term_idf(term)
        return self._term_idf[term]

    def term_norm(self, signal: ArticleSignal) -> float:
        """The length of an article's term vector under the batch's IDF."""
        if signal.article_id not in self._term_norm:
            self._term_norm[signal.article_id] = idf_norm(signal.terms, self.term_idf)
        return self._term_norm[signal.article_id]

    def entity_mass(self, signal: ArticleSignal) -> float:
        """The summed IDF of an article's entity names under the batch's counts."""
        if signal.article_id not in self._entity_mass:
            self._entity_mass[signal.article_id] = math.fsum(self.idf(name) for name in signal.entities)
        return self._entity_mass[signal.article_id]

    def _refresh_terms(self) -> None:
        self._term_idf.clear()
        self._term_norm.clear()
        self._entity_mass.clear()

    def _current_term_idf(self, term: str) -> float:
        stored = len(self._signals)
        own = math.log((stored + 1) / (self._term_df[term] + 1)) + 1.0
        return (stored * own + BACKGROUND_ARTICLES * background_idf(term)) / (stored + BACKGROUND_ARTICLES)

    def _index_article(self, signal: ArticleSignal) -> None:
        """Store and index a new article, and link it into its neighbours' lists and they into its."""
        article = signal.article_id
        candidates = self._candidates(signal.vector)
        self._store(signal)
        signal = self._signals[article]
        near = sorted(
            ((similarity(signal, self._signals[other]), other) for other in candidates),
            reverse=True,
        )
        self._remember_neighbours(article, near)
        self._index.add(self._key[article], signal.vector, threads=1)

    def _review(self, batch: set[str]) -> None:
        """Second look around a batch, now that its articles' neighbourhoods are known.

        The batch's articles and their neighbours, whose neighbourhoods just changed, may now link
        better to another story than to their own, and move; crowding grows as a store fills, so a
        link made early may no longer hold: such stories split, and an article left alone joins
        the story it now links to best, if any.
        """
        around = batch | {other for article in batch for _, other in self._near[article]}
        small = {article for article in around if len(self._members[self._story[article]]) <= REVIEW_SIZE}
        self._reconsider(small)
        live = sorted({self._story[article] for article in small})
        self._split_stories(live, self.policy.link_threshold)
        for story in live:
            if story in self._members and len(self._members[story]) == 1:
                self._relink(next(iter(self._members[story])))

    def _reconsider(self, articles: set[str]) -> None:
        """Move each of these articles to another story it now links to better than to the rest of its own."""
        for article in sorted(articles, key=lambda a: canonical_order(self._signals[a])):
            own = self._story[article]
            rest = self._members[own] - {article}
            if not rest or self._founder[own] == article:
                continue
            stay = self._story_score(article, rest)
            others = {self._story[other] for _, other in self._near[article] if other in self._story} - {own}
            scored = self._scored_stories(article, others)
            if scored and scored[0][0] >= self.policy.link_threshold and scored[0][0] > stay:
                score, story = scored[0]
                self._place(article, story, confidence(score, self.policy.link_threshold))

    def _relink(self, article: str) -> None:
        """A lone article joins the story it now links to best, when that reaches the link threshold."""
        own = self._story[article]
        scored = self._scored_stories(article, {self._story[other] for _, other in self._near[article]} - {own})
        if scored and scored[0][0] >= self.policy.link_threshold:
            score, story = scored[0]
            survivor, absorbed = sorted((own, story), key=lambda s: canonical_order(self._signals[self._founder[s]]))
            self._merge(absorbed, survivor)
            self._confidence[article] = confidence(score, self.policy.link_threshold)

    def _decide(self, article: str) -> None:
        """Join the story the article links to best, merging those it strongly links to; or start one."""
        scored = self._scored_stories(article, {self._story[o] for _, o in self._near[article] if o in self._story})
        if scored and scored[0][0] >= self.policy.link_threshold:
            self._join(article, scored)
        else:
            best = scored[0][0] if scored else -math.inf
            story = story_id_for(article)
            self._place(article, story, 1.0 - confidence(best, self.policy.link_threshold))
            self._founder[story] = article
            self._aliases.pop(story, None)

    def _scored_stories(self, article: str, stories: set[str]) -> list[tuple[float, str]]:
        """Candidate stories with the article's average link to each, best first."""
        return sorted(((self._story_score(article, self._members[story]), story) for story in stories), reverse=True)

    def _story_score(self, article: str, members: set[str]) -> float:
        """Average link of an article to a story's members: its nearest ones first, then the latest ones."""
        signal = self._signals[article]
        own_crowding = self._settled(_crowding(self._near[article]))
        scores = [
            link_score(signal, self._signals[other], self.weights, self.policy, (own_crowding, self.crowding(other)))
            for other in self._sample(article, members)
        ]
        return sum(scores) / len(scores)

    def _sample(self, article: str, members: set[str]) -> list[str]:
        """Up to `STORY_SAMPLE` of a story's members: the article's nearest ones first, then the latest ones."""
        sample = [other for _, other in self._near[article] if other in members][:STORY_SAMPLE]
        if len(sample) < min(len(members), STORY_SAMPLE):
            rest = members.difference(sample)
            sample += heapq.nlargest(STORY_SAMPLE - len(sample), rest, key=self._key.__getitem__)
        return sample

    def _join(self, article: str, scored: list[tuple[float, str]]) -> None:
        best_score, best = scored[0]
        stories = {best} | {story for score, story in scored if score >= self.policy.merge_threshold}
        survivor = min(stories, key=lambda story: canonical_order(self._signals[self._founder[story]]))
        for story in stories - {survivor}:
            self._merge(story, survivor)
        self._place(article, survivor, confidence(best_score, self.policy.link_threshold))

    def _merge(self, absorbed: str, survivor: str) -> None:
        for article in list(self._members[absorbed]):
            self._place(article, survivor, self._confidence[article])
        del self._members[absorbed], self._founder[absorbed]
        self._aliases = {old: (survivor if new == absorbed else new) for old, new in self._aliases.items()}
        self._aliases[absorbed] = survivor

    def _candidates(self, vector: np.ndarray) -> list[str]:
        """The stored articles nearest to `vector` by the index."""
        if not self._signals:
            return []
        matches = self._index.search(vector, NEIGHBOURS, threads=1)
        return [self._article_at[int(key)] for key in matches.keys]

    def _remember_neighbours(self, article: str, near: list[tuple[float, str]]) -> None:
        """Keep the new article's neighbours, and enter it among each neighbour's own."""
        self._near[article] = near[:NEIGHBOURS]
        for score, other in near:
            _keep_nearest(self._near.setdefault(other, []), (score, article))

    def _store(self, signal: ArticleSignal) -> None:
        article = signal.article_id
        spellings = {_same_name(name): name for name in sorted(signal.entities, reverse=True) if name.strip()}
        self._spellings[article] = spellings
        entities = frozenset(spellings)
        vector = np.asarray(signal.vector, dtype=np.float32)
        self._signals[article] = replace(signal, vector=vector, entities=entities, terms=frozenset(signal.terms))
        self._entity_df.update(entities)
        self._term_df.update(signal.terms)
        self._key[article] = self._next_key
        self._article_at[self._next_key] = article
        self._next_key += 1

    def _index_batch(self, signals: list[ArticleSignal]) -> None:
        """Index stored articles in one batch and find every one's neighbours with one batched query."""
        if not signals:
            return
        keys = np.array([self._key[signal.article_id] for signal in signals], dtype=np.uint64)
        vectors = np.stack([self._signals[signal.article_id].vector for signal in signals])
        # One thread: a multi-threaded build links the graph in a varying order, and a rebuilt
        # store must propose the same candidates, and so give the same stories, in every process.
        self._index.add(keys, vectors, threads=1)
        matches = self._index.search(vectors, NEIGHBOURS + 1, threads=1)
        for signal, found, count in zip(signals, matches.keys, matches.counts, strict=True):
            article = self._signals[signal.article_id]
            others = [self._article_at[int(key)] for key in found[:count]]
            self._near[article.article_id] = sorted(
                ((similarity(article, self._signals[other]), other) for other in others if other != article.article_id),
                reverse=True,
            )[:NEIGHBOURS]

    def _load_state(self, state: ClusteringState) -> bool:
        """Take a saved index and neighbour lists, if they are intact and cover exactly the stored articles."""
        if state.keys.keys() != self._signals.keys():
            return False
        if state.digest != state_digest(state.index, state.keys, state.next_key, state.neighbours, self.policy):
            return False
        index = Index(ndim=self._index.ndim, metric=self._index.metric_kind, dtype=self._index.dtype)
        try:
            index.load(state.index)
        except RuntimeError:
            return False
        keys = np.fromiter(state.keys.values(), dtype=np.uint64, count=len(state.keys))
        if _layout(index) != _layout(self._index) or len(index) != len(keys) or not np.all(index.contains(keys)):
            return False
        self._index = index
        self._key = dict(state.keys)
        self._article_at = {key: article for article, key in state.keys.items()}
        self._next_key = state.next_key
        self._near = {article: list(state.neighbours.get(article, ())) for article in state.keys}
        return True

    def _forget(self, article: str) -> None:
        story = self._story.pop(article)
        self._members[story].discard(article)
        if not self._members[story]:
            del self._members[story], self._founder[story]
        elif self._founder[story] == article:
            self._founder[story] = min(self._members[story], key=lambda a: canonical_order(self._signals[a]))
        key = self._key.pop(article)
        self._index.remove(key)
        self._entity_df.subtract(self._signals[article].entities)
        self._term_df.subtract(self._signals[article].terms)
        self._near.pop(article, None)
        del self._article_at[key], self._signals[article], self._confidence[article], self._spellings[article]

    def _place(self, article: str, story: str, confidence_: float) -> None:
        previous = self._story.get(article)
        if previous is not None and previous != story:
            self._members[previous].discard(article)
        self._story[article] = story
        self._members.setdefault(story, set()).add(article)
        self._confidence[article] = confidence_

    def _membership(self, article: str) -> Membership:
        return Membership(article, self._story[article], round(self._confidence[article], 4))

    def _founding_member(self, story: str, members: Iterable[str]) -> str:
        """The article a story is named after, or its first article when that one is gone."""
        members = list(members)
        named = [article for article in members if story_id_for(article) == story]
        return named[0] if named else min(members, key=lambda a: canonical_order(self._signals[a]))

    def _split_stories(self, stories: list[str], threshold: float) -> list[Membership]:
        changed: list[Membership] = []
        for story in stories:
            changed.extend(self._split(story, threshold))
        return changed

    def _split(self, story: str, threshold: float) -> list[Membership]:
        """Split a story into the connected parts of its link graph; return the moved memberships."""
        members = sorted(self._members[story], key=lambda a: canonical_order(self._signals[a]))
        best = {article: -math.inf for article in members}
        parent = {article: article for article in members}
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                score = self.pair_score(first, second)
                best[first], best[second] = max(best[first], score), max(best[second], score)
                if score >= threshold:
                    parent[_root(parent, second)] = _root(parent, first)
        parts: dict[str, list[str]] = {}
        for article in members:
            parts.setdefault(_root(parent, article), []).append(article)
        if len(parts) == 1:
            return []
        founder = self._founder[story]
        changed = []
        for part in parts.values():
            if founder in part:
                continue
            new_story = story_id_for(part[0])
            self._founder[new_story] = part[0]
            self._aliases.pop(new_story, None)
            for article in part:
                self._place(article, new_story, _part_confidence(best[article], len(part), threshold))
                changed.append(self._membership(article))
        return changed


def state_digest(
    index: bytes,
    keys: Mapping[str, int],
    next_key: int,
    neighbours: Mapping[str, list[tuple[float, str]]],
    policy: LinkPolicy,
) -> str:
    """A fingerprint of a clustering state: the index bytes, every article's key and neighbour list,
    and what the lists were computed under (the format, the list length, the IDF mix, the policy)."""
    order = sorted(keys, key=keys.__getitem__)
    lists = [neighbours.get(article, []) for article in order]
    digest = hashlib.sha256(f"{STATE_FORMAT} {NEIGHBOURS} {BACKGROUND_ARTICLES} {policy!r}\n".encode())
    digest.update(index)
    digest.update("\n".join(f"{keys[article]}\t{article}" for article in order).encode())
    digest.update(f"\n{next_key}\n".encode())
    digest.update(np.array([len(near) for near in lists], dtype=np.int64).tobytes())
    digest.update("\t".join([other for near in lists for _, other in near]).encode())
    digest.update(np.array([score for near in lists for score, _ in near], dtype=np.float64).tobytes())
    return digest.hexdigest()


def _layout(index: Index) -> tuple[object, ...]:
    """What a loaded index must share with a new one to stand in for it."""
    return index.ndim, index.metric_kind, index.dtype, index.connectivity, index.expansion_add, index.expansion_search


def _part_confidence(best_score: float, part_size: int, threshold: float) -> float:
    """A lone article is sure of its own story as far as its best link fell short."""
    sure = confidence(best_score, threshold)
    return sure if part_size > 1 else 1.0 - sure


def _crowding(near: list[tuple[float, str]]) -> float | None:
    """Mean of the `HUB_NEIGHBOURS` highest similarities in a neighbour list (sorted best first)."""
    closest = [score for score, _ in near[:HUB_NEIGHBOURS]]
    return sum(closest) / len(closest) if closest else None


def _same_name(name: str) -> str:
    """One key for the spellings of a name that differ in case, hyphens and spacing ("Kim Jong-un", "kim jong un")."""
    return " ".join(name.replace("-", " ").split()).casefold()


def _keep_nearest(near: list[tuple[float, str]], entry: tuple[float, str]) -> None:
    """Insert into a neighbour list sorted best first, keeping at most `NEIGHBOURS` entries."""
    if len(near) < NEIGHBOURS or entry > near[-1]:
        near.append(entry)
        near.sort(reverse=True)
        del near[NEIGHBOURS:]


def _root(parent: dict[str, str], article: str) -> str:
    while parent[article] != article:
        parent[article] = parent[parent[article]]
        article = parent[article]
    return article
