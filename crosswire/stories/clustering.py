"""Online story clustering: each new article joins the story of the stored articles it links to.

A pair of articles is scored in cosine units (`link_score`):

    score = cosine of their embeddings
          + ENTITY_WEIGHT * (IDF-weighted Jaccard of their canonical entities - ENTITY_PRIOR)
          - TIME_WEIGHT * days apart beyond TIME_GRACE_DAYS, capped at TIME_MAX_PENALTY

Why each term: the embedding alone puts two earthquakes in one region, or two resignations in
one party, as close as two outlets' framings of one event. Shared rare names (a person, a town)
tell them apart, so entities are weighted by inverse document frequency over the stored
articles: "Trump" or "China" say little, "Jake Sullivan" a lot. An article without entities is
neutral, not evidence against. Events weeks apart are rarely one story, but a long trial is, so
time is a gentle, capped penalty; an unknown day is neutral.

An article links to each candidate whose score reaches `LINK_THRESHOLD` and joins the story of
its best link. Another story it links to is merged only at `MERGE_THRESHOLD`: merges chain, and
one weak bridge would fuse two stories for good. The merged story keeps the older story's id
(the one whose founding article comes first by day, then id) and records `old -> new` in
`aliases`. The thresholds and the entity weight were chosen on the NeuS training split, never on
the data crosswire is scored on; there, entities add little to the embedding (so their weight is
small), but with time they are what keeps distinct events of one kind apart.

Story ids are `"story-" + <id of the story's founding article>`. A batch is assigned in a
canonical order (day, then article id), so the same batch gives the same stories and ids in any
input order and in any process.

Complexity, for n stored articles: assigning one article is one HNSW query (usearch, cosine;
O(log n) expected) plus `NEIGHBOURS` pair scores, never a comparison with every stored article;
a merge relabels the absorbed story's members. `recluster` scores every pair inside each story,
O(sum of squared story sizes).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import numpy as np
from usearch.index import Index

STORY_PREFIX = "story-"
NEIGHBOURS = 20

# Chosen on mixes of 307 NeuS training stories (`benchmarks/stories_neus.py --split train --tune`).
LINK_THRESHOLD = 0.6
MERGE_THRESHOLD = 0.8
ENTITY_WEIGHT = 0.1
ENTITY_PRIOR = 0.3
# NeuS has no dates, so the time penalty is set by hand: nothing within a few days, 0.1 at about
# two weeks, at most 0.3 (a month or more). A story that runs for weeks still chains day by day.
TIME_GRACE_DAYS = 3
TIME_WEIGHT = 0.01
TIME_MAX_PENALTY = 0.3
CONFIDENCE_SCALE = 0.05


@dataclass(frozen=True)
class ArticleSignal:
    """What clustering knows of an article: its embedding, canonical entity names and day."""

    article_id: str
    vector: np.ndarray
    entities: frozenset[str] = frozenset()
    day: date | None = None


class Membership(NamedTuple):
    """An article's story, and how sure the link (or the decision to start a story) is, in [0, 1].

    A plain tuple too, so rows a store reads back, `(article_id, story_id, confidence)`, restore as is.
    """

    article_id: str
    story_id: str
    confidence: float


@dataclass(frozen=True)
class LinkPolicy:
    """The weights and thresholds of `pair_score`; the defaults are the trained constants."""

    link_threshold: float = LINK_THRESHOLD
    merge_threshold: float = MERGE_THRESHOLD
    entity_weight: float = ENTITY_WEIGHT
    entity_prior: float = ENTITY_PRIOR
    time_grace_days: int = TIME_GRACE_DAYS
    time_weight: float = TIME_WEIGHT
    time_max_penalty: float = TIME_MAX_PENALTY


def story_id_for(article_id: str) -> str:
    return STORY_PREFIX + article_id


def canonical_order(signal: ArticleSignal) -> tuple[bool, date, str]:
    """Day first (unknown days last), then id: the order a batch is assigned and stories age in."""
    return (signal.day is None, signal.day or date.min, signal.article_id)


def link_score(first: ArticleSignal, second: ArticleSignal, idf: Callable[[str], float], policy: LinkPolicy) -> float:
    """The evidence that two articles report one story, in cosine units (see the module docstring)."""
    score = float(np.dot(first.vector, second.vector))
    if first.entities and second.entities:
        overlap = weighted_jaccard(first.entities, second.entities, idf)
        score += policy.entity_weight * (overlap - policy.entity_prior)
    return score - time_penalty(first.day, second.day, policy)


def weighted_jaccard(a: frozenset[str], b: frozenset[str], weight: Callable[[str], float]) -> float:
    return sum(weight(name) for name in a & b) / sum(weight(name) for name in a | b)


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
        self._df: Counter[str] = Counter()
        self._story: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._founder: dict[str, str] = {}
        self._confidence: dict[str, float] = {}
        self._aliases: dict[str, str] = {}

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
    ) -> StoryClusterer:
        """A clusterer holding what a store persisted, so a later batch joins the existing stories."""
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
        clusterer._index_batch(stored)
        for signal in stored:
            story, sure = assigned[signal.article_id]
            clusterer._place(signal.article_id, clusterer.resolve(story), sure)
        for story, members in clusterer._members.items():
            clusterer._founder[story] = clusterer._founding_member(story, members)
        return clusterer

    def add(self, signals: Iterable[ArticleSignal]) -> list[Membership]:
        """Assign each new article to a story, in canonical order; an article already stored keeps its story."""
        results = []
        for signal in sorted({signal.article_id: signal for signal in signals}.values(), key=canonical_order):
            if signal.article_id not in self._signals:
                self._assign(signal)
            results.append(self._membership(signal.article_id))
        return results

    def remove(self, article_ids: Iterable[str]) -> list[Membership]:
        """Forget articles, then re-check the stories they held: a story that no longer connects splits."""
        touched = set()
        for article in set(article_ids) & self._signals.keys():
            touched.add(self._story[article])
            self._forget(article)
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
        return link_score(self._signals[a], self._signals[b], self.idf, self.policy)

    def idf(self, name: str) -> float:
        """How telling a (normalised) entity name is: rarer among the stored articles weighs more."""
        return math.log((len(self._signals) + 1) / (self._df[name] + 1)) + 1.0

    def _assign(self, signal: ArticleSignal) -> None:
        article = signal.article_id
        neighbours = self._neighbours(signal.vector)
        self._store(signal)
        scored = sorted(((self.pair_score(article, other), other) for other, _ in neighbours), reverse=True)
        links = [(score, other) for score, other in scored if score >= self.policy.link_threshold]
        if links:
            self._join(article, links)
        else:
            best = scored[0][0] if scored else -math.inf
            story = story_id_for(article)
            self._place(article, story, 1.0 - confidence(best, self.policy.link_threshold))
            self._founder[story] = article
            self._aliases.pop(story, None)
        self._index.add(self._key[article], signal.vector, threads=1)

    def _join(self, article: str, links: list[tuple[float, str]]) -> None:
        best_score, best = links[0]
        stories = {self._story[best]}
        stories |= {self._story[other] for score, other in links if score >= self.policy.merge_threshold}
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

    def _neighbours(self, vector: np.ndarray) -> list[tuple[str, float]]:
        """The stored articles nearest to `vector` by the index, with their exact cosines."""
        if not self._signals:
            return []
        matches = self._index.search(vector, NEIGHBOURS, threads=1)
        found = [self._article_at[int(key)] for key in matches.keys]
        return [(other, float(np.dot(vector, self._signals[other].vector))) for other in found]

    def _store(self, signal: ArticleSignal) -> None:
        article = signal.article_id
        entities = frozenset(" ".join(name.split()).casefold() for name in signal.entities if name.strip())
        self._signals[article] = replace(signal, vector=np.asarray(signal.vector, dtype=np.float32), entities=entities)
        self._df.update(entities)
        self._key[article] = self._next_key
        self._article_at[self._next_key] = article
        self._next_key += 1

    def _index_batch(self, signals: list[ArticleSignal]) -> None:
        if signals:
            keys = np.array([self._key[signal.article_id] for signal in signals], dtype=np.uint64)
            self._index.add(keys, np.stack([self._signals[signal.article_id].vector for signal in signals]))

    def _forget(self, article: str) -> None:
        story = self._story.pop(article)
        self._members[story].discard(article)
        if not self._members[story]:
            del self._members[story], self._founder[story]
        elif self._founder[story] == article:
            self._founder[story] = min(self._members[story], key=lambda a: canonical_order(self._signals[a]))
        key = self._key.pop(article)
        self._index.remove(key)
        self._df.subtract(self._signals[article].entities)
        del self._article_at[key], self._signals[article], self._confidence[article]

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


def _part_confidence(best_score: float, part_size: int, threshold: float) -> float:
    """A lone article is sure of its own story as far as its best link fell short."""
    sure = confidence(best_score, threshold)
    return sure if part_size > 1 else 1.0 - sure


def _root(parent: dict[str, str], article: str) -> str:
    while parent[article] != article:
        parent[article] = parent[parent[article]]
        article = parent[article]
    return article
