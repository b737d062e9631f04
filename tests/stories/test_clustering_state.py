"""A clusterer restored from its saved state is the one that saved it; a state that does not match is rebuilt."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from usearch.index import Index

from crosswire.records import ClusteringState
from crosswire.stories.clustering import ArticleSignal, LinkPolicy, StoryClusterer, state_digest

STORIES, PER_STORY, DIM = 40, 6, 384
Membership = tuple[str, str, float]
Saved = tuple[list[ArticleSignal], list[Membership], dict[str, str], ClusteringState]
COMMON_WORDS = tuple(f"common{i}" for i in range(30))


def synthetic(rng: np.random.Generator) -> list[ArticleSignal]:
    """Articles of `STORIES` stories, scattered around each story's centre, with story and common words."""
    centres = rng.normal(size=(STORIES, DIM))
    signals = []
    for number in range(STORIES * PER_STORY):
        story = number % STORIES
        vector = centres[story] / np.linalg.norm(centres[story]) + rng.normal(scale=0.045, size=DIM)
        words = {f"story{story}w{i}" for i in rng.choice(8, 4, replace=False)}
        words |= {COMMON_WORDS[int(i)] for i in rng.integers(0, len(COMMON_WORDS), 5)}
        day = date(2024, 3, 1) + timedelta(days=int(story + rng.integers(0, 3)))
        unit = (vector / np.linalg.norm(vector)).astype(np.float32)
        signals.append(ArticleSignal(f"a{number:04d}", unit, frozenset({f"person {story}"}), day, frozenset(words)))
    return signals


@pytest.fixture(scope="module")
def articles() -> list[ArticleSignal]:
    return synthetic(np.random.default_rng(11))


def first_run(articles: list[ArticleSignal]) -> StoryClusterer:
    """A clusterer that took the first 180 articles in three batches."""
    clusterer = StoryClusterer()
    for start in range(0, 180, 60):
        clusterer.add(articles[start : start + 60])
    return clusterer


@pytest.fixture(scope="module")
def saved(articles: list[ArticleSignal]) -> Saved:
    """What a store keeps of the first run: its articles, memberships, aliases and state."""
    clusterer = first_run(articles)
    return articles[:180], [tuple(m) for m in clusterer.memberships()], clusterer.aliases, clusterer.index_state()


def test_a_restore_from_the_saved_state_is_the_clusterer_that_saved_it(
    articles: list[ArticleSignal], saved: Saved
) -> None:
    stored, memberships, aliases, state = saved
    restored = StoryClusterer.restore(stored, memberships, aliases, state=state)
    assert restored.index_state() == state
    assert restored.stories() == first_run(articles).stories()


def test_a_restored_clusterer_assigns_a_new_batch_as_one_that_never_stopped(
    articles: list[ArticleSignal], saved: Saved
) -> None:
    stored, memberships, aliases, state = saved
    restored = StoryClusterer.restore(stored, memberships, aliases, state=state)
    running = first_run(articles)

    assert restored.add(articles[180:]) == running.add(articles[180:])
    assert restored.stories() == running.stories()
    assert restored.aliases == running.aliases
    assert restored.index_state().neighbours == running.index_state().neighbours


def _drop_an_article(state: ClusteringState) -> ClusteringState:
    article = next(iter(state.keys))
    keys = {other: key for other, key in state.keys.items() if other != article}
    neighbours = {
        other: [entry for entry in near if entry[1] != article]
        for other, near in state.neighbours.items()
        if other != article
    }
    return replace(
        state,
        keys=keys,
        neighbours=neighbours,
        digest=state_digest(state.index, keys, state.next_key, neighbours, LinkPolicy()),
    )


def _change_a_similarity(state: ClusteringState) -> ClusteringState:
    article = next(iter(state.neighbours))
    (score, other), *rest = state.neighbours[article]
    return replace(state, neighbours={**state.neighbours, article: [(score + 0.1, other), *rest]})


def _truncate_the_index(state: ClusteringState) -> ClusteringState:
    index = state.index[: len(state.index) // 2]
    return replace(
        state, index=index, digest=state_digest(index, state.keys, state.next_key, state.neighbours, LinkPolicy())
    )


def _index_of_another_dimension(state: ClusteringState) -> ClusteringState:
    other = Index(ndim=8, metric="cos", dtype="i8")
    other.add(np.fromiter(state.keys.values(), dtype=np.uint64), np.ones((len(state.keys), 8), dtype=np.float32))
    index = bytes(other.save())
    return replace(
        state, index=index, digest=state_digest(index, state.keys, state.next_key, state.neighbours, LinkPolicy())
    )


@pytest.mark.parametrize(
    "spoil", [_drop_an_article, _change_a_similarity, _truncate_the_index, _index_of_another_dimension]
)
def test_a_state_that_does_not_match_is_rebuilt_as_without_one(
    saved: Saved, spoil: Callable[[ClusteringState], ClusteringState]
) -> None:
    stored, memberships, aliases, state = saved
    rebuilt = StoryClusterer.restore(stored, memberships, aliases)

    restored = StoryClusterer.restore(stored, memberships, aliases, state=spoil(state))

    # A rebuild numbers the articles in canonical order, where the first run numbered them batch by batch.
    assert restored.index_state().keys == rebuilt.index_state().keys != state.keys
    assert restored.stories() == rebuilt.stories()


def test_a_state_saved_under_another_policy_is_rebuilt(saved: Saved) -> None:
    stored, memberships, aliases, state = saved
    policy = LinkPolicy(lexical_weight=0.4)

    restored = StoryClusterer.restore(stored, memberships, aliases, policy=policy, state=state)

    rebuilt = StoryClusterer.restore(stored, memberships, aliases, policy=policy)
    assert restored.index_state().keys == rebuilt.index_state().keys != state.keys
    article, near = next(iter(restored.index_state().neighbours.items()))
    assert near == rebuilt.index_state().neighbours[article]


def test_a_state_saved_before_more_articles_were_stored_is_rebuilt(articles: list[ArticleSignal], saved: Saved) -> None:
    stored, memberships, aliases, state = saved
    later = StoryClusterer.restore(stored, memberships, aliases, state=state)
    later.add(articles[180:])
    everything = [tuple(m) for m in later.memberships()]

    restored = StoryClusterer.restore(articles, everything, later.aliases, state=state)

    rebuilt = StoryClusterer.restore(articles, everything, later.aliases)
    assert restored.index_state().keys == rebuilt.index_state().keys != later.index_state().keys
    assert restored.stories() == rebuilt.stories()


def test_the_digest_changes_with_any_part_of_the_state(saved: Saved) -> None:
    *_, state = saved
    parts = {
        "index": state.index,
        "keys": state.keys,
        "next_key": state.next_key,
        "neighbours": state.neighbours,
        "policy": LinkPolicy(),
    }
    article = next(iter(state.keys))
    changed = [
        {"index": state.index[:-1] + bytes([state.index[-1] ^ 1])},
        {"keys": {**state.keys, article: state.next_key}},
        {"next_key": state.next_key + 1},
        {"neighbours": _change_a_similarity(state).neighbours},
        {"policy": LinkPolicy(lexical_weight=0.4)},
    ]
    digests = {state_digest(**{**parts, **change}) for change in changed}
    assert state.digest == state_digest(**parts) and len(digests | {state.digest}) == len(changed) + 1


def test_the_state_after_a_removal_refers_only_to_indexed_articles(articles: list[ArticleSignal]) -> None:
    clusterer = first_run(articles)
    removed = {signal.article_id for signal in articles[:180:7]}
    clusterer.remove(removed)

    state = clusterer.index_state()

    assert not removed & state.keys.keys()
    assert all(other in state.keys for near in state.neighbours.values() for _, other in near)
    restored = StoryClusterer.restore(
        [signal for signal in articles[:180] if signal.article_id not in removed],
        [tuple(m) for m in clusterer.memberships()],
        clusterer.aliases,
        state=state,
    )
    assert restored.index_state() == state
