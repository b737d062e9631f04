import random
from datetime import date

import numpy as np
import pytest

from crosswire.stories import clustering
from crosswire.stories.clustering import (
    LINK_THRESHOLD,
    MERGE_THRESHOLD,
    NEIGHBOURS,
    STORY_SAMPLE,
    ArticleSignal,
    Membership,
    StoryClusterer,
)
from crosswire.stories.embeddings import embed_stories, story_text
from crosswire.stories.lexical import terms

# Invented articles: (id, headline, lead, canonical entities, day).
ARTICLES = [
    # One vote, framed by a left, a centre and a right outlet.
    (
        "bill-left",
        "Senate approves $1 trillion infrastructure plan in major win for Biden",
        "The Senate on Tuesday passed a sweeping $1 trillion infrastructure package, delivering a long-sought "
        "victory for President Joe Biden that will pay for roads, bridges, broadband and clean water.",
        {"Senate", "Joe Biden"},
        date(2021, 8, 10),
    ),
    (
        "bill-centre",
        "Senate passes bipartisan infrastructure bill, 69-30",
        "The Senate voted 69-30 on Tuesday to approve a bipartisan infrastructure bill that would spend $550 "
        "billion in new federal money on roads, bridges, railways and internet access. It now goes to the House.",
        {"Senate", "House"},
        date(2021, 8, 10),
    ),
    (
        "bill-right",
        "Nineteen Republicans help Democrats pass costly $1 trillion infrastructure bill",
        "Nineteen Republican senators joined Democrats on Tuesday to pass a $1 trillion infrastructure spending "
        "bill that conservatives warn will swell the deficit and clear the way for Biden's larger agenda.",
        {"Senate", "Republicans", "Democrats", "Joe Biden"},
        date(2021, 8, 11),
    ),
    # Two earthquakes in one country a month apart.
    (
        "quake-gaziantep",
        "Magnitude 7.8 earthquake strikes southern Turkey, killing hundreds",
        "A powerful magnitude 7.8 earthquake struck near Gaziantep in southern Turkey before dawn on Monday, "
        "toppling apartment blocks and killing hundreds of people in Turkey and Syria.",
        {"Turkey", "Gaziantep", "Syria"},
        date(2023, 2, 6),
    ),
    (
        "quake-gaziantep-2",
        "Hundreds dead as huge quake flattens buildings around Gaziantep",
        "Rescuers dug through rubble in Gaziantep on Monday after a 7.8-magnitude earthquake brought down "
        "hundreds of buildings across southern Turkey and northern Syria.",
        {"Gaziantep", "Turkey", "Syria"},
        date(2023, 2, 6),
    ),
    (
        "quake-malatya",
        "Magnitude 5.6 earthquake hits Malatya province in eastern Turkey",
        "An earthquake of magnitude 5.6 struck Yesilyurt in Malatya province on Wednesday, damaging buildings, "
        "Turkey's disaster agency AFAD said.",
        {"Turkey", "Malatya", "Yesilyurt", "AFAD"},
        date(2023, 3, 8),
    ),
    # Two resignations in one party, ten days apart.
    (
        "marsh-resigns",
        "Labour minister Helen Marsh resigns over expenses claims",
        "Helen Marsh, the Labour housing minister, resigned on Thursday after newspapers reported she had "
        "claimed expenses for a second home she rented to a relative.",
        {"Helen Marsh", "Labour"},
        date(2024, 5, 2),
    ),
    (
        "marsh-quits",
        "Housing minister Marsh quits as expenses row grows",
        "Housing minister Helen Marsh has quit the government, saying the row over her second-home expenses "
        "had become a distraction from Labour's work.",
        {"Helen Marsh", "Labour"},
        date(2024, 5, 2),
    ),
    (
        "okafor-resigns",
        "Labour MP David Okafor resigns as party whip after leaked messages",
        "David Okafor resigned as a Labour whip on Sunday after messages he sent to colleagues mocking "
        "the party leadership were leaked to a newspaper.",
        {"David Okafor", "Labour"},
        date(2024, 5, 12),
    ),
    # Unrelated stories, so the index holds more than the pairs under test.
    (
        "phone-launch",
        "Apple unveils a thinner iPhone with a faster chip",
        "Apple on Tuesday showed a thinner iPhone with a new processor and a better camera, priced from $999.",
        {"Apple"},
        date(2024, 9, 10),
    ),
    (
        "final-win",
        "Argentina beat France on penalties to win the World Cup",
        "Lionel Messi led Argentina to the World Cup title in Qatar, beating France 4-2 on penalties after a 3-3 draw.",
        {"Argentina", "France", "Lionel Messi", "Qatar"},
        date(2022, 12, 18),
    ),
]


@pytest.fixture(scope="module")
def signals() -> dict[str, ArticleSignal]:
    texts = [story_text(headline, [lead]) for _, headline, lead, _, _ in ARTICLES]
    return {
        article: ArticleSignal(article, vector, frozenset(names), day, terms(text))
        for (article, _, _, names, day), vector, text in zip(ARTICLES, embed_stories(texts), texts, strict=True)
    }


def clustered(signals: dict[str, ArticleSignal]) -> StoryClusterer:
    clusterer = StoryClusterer()
    clusterer.add(signals.values())
    return clusterer


def test_differently_framed_articles_of_one_story_join(signals: dict[str, ArticleSignal]) -> None:
    clusterer = clustered(signals)
    stories = {clusterer.story_of(article) for article in ("bill-left", "bill-centre", "bill-right")}
    assert stories == {"story-bill-centre"}


def test_two_earthquakes_a_month_apart_stay_apart(signals: dict[str, ArticleSignal]) -> None:
    clusterer = clustered(signals)
    assert clusterer.story_of("quake-gaziantep") == clusterer.story_of("quake-gaziantep-2")
    assert clusterer.story_of("quake-malatya") != clusterer.story_of("quake-gaziantep")


def test_two_resignations_in_one_party_stay_apart(signals: dict[str, ArticleSignal]) -> None:
    clusterer = clustered(signals)
    assert clusterer.story_of("marsh-resigns") == clusterer.story_of("marsh-quits")
    assert clusterer.story_of("okafor-resigns") != clusterer.story_of("marsh-resigns")


def test_memberships_carry_a_confidence(signals: dict[str, ArticleSignal]) -> None:
    memberships = StoryClusterer().add(signals.values())
    assert {membership.article_id for membership in memberships} == set(signals)
    assert all(0.0 <= membership.confidence <= 1.0 for membership in memberships)


def test_ids_do_not_depend_on_the_order_articles_arrive_in(signals: dict[str, ArticleSignal]) -> None:
    articles = sorted(signals)
    first_batch, second_batch = articles[::2], articles[1::2]
    runs = []
    for seed in (1, 2, 3):
        shuffler = random.Random(seed)
        clusterer = StoryClusterer()
        for batch in (first_batch, second_batch):
            clusterer.add([signals[article] for article in shuffler.sample(batch, len(batch))])
        runs.append((clusterer.stories(), clusterer.aliases))
    assert runs[0] == runs[1] == runs[2]


def test_a_story_is_named_after_its_earliest_article(signals: dict[str, ArticleSignal]) -> None:
    clusterer = StoryClusterer()
    clusterer.add([signals["marsh-quits"], signals["marsh-resigns"]])
    assert clusterer.story_of("marsh-quits") == "story-marsh-quits"


def test_a_restored_clusterer_puts_a_new_batch_into_existing_stories(signals: dict[str, ArticleSignal]) -> None:
    first_run = StoryClusterer()
    stored = [signals[article] for article in signals if article not in ("bill-right", "marsh-quits")]
    persisted = [tuple(membership) for membership in first_run.add(stored)]

    later_run = StoryClusterer.restore(stored, persisted, first_run.aliases)
    added = later_run.add([signals["bill-right"], signals["marsh-quits"]])

    assert [membership.story_id for membership in added] == [
        first_run.story_of("bill-centre"),
        first_run.story_of("marsh-resigns"),
    ]
    # The same stories as one run over everything; ids stay those the first run gave out.
    assert set(later_run.stories().values()) == set(clustered(signals).stories().values())
    assert later_run.story_of("marsh-quits") == "story-marsh-resigns"


def bridged_vectors(dim: int = 384) -> dict[str, np.ndarray]:
    """Two articles too far apart to link, and a third between them that links to both."""
    axes = np.eye(dim, dtype=np.float32)
    vectors = {
        "left": axes[0] + 0.15 * axes[1],
        "right": axes[1] + 0.15 * axes[0],
        "bridge": axes[0] + axes[1],
        "elsewhere": axes[2],
    }
    return {article: vector / np.linalg.norm(vector) for article, vector in vectors.items()}


@pytest.fixture
def bridged() -> StoryClusterer:
    vectors = bridged_vectors()
    clusterer = StoryClusterer()
    clusterer.add([ArticleSignal(article, vectors[article]) for article in ("left", "right", "elsewhere")])
    return clusterer


def test_a_bridging_article_merges_two_stories_and_records_the_alias(bridged: StoryClusterer) -> None:
    assert bridged.pair_score("left", "right") < LINK_THRESHOLD
    assert bridged.story_of("left") == "story-left"
    assert bridged.story_of("right") == "story-right"

    [membership] = bridged.add([ArticleSignal("bridge", bridged_vectors()["bridge"])])

    assert bridged.pair_score("bridge", "right") >= MERGE_THRESHOLD
    assert membership.story_id == "story-left"
    assert bridged.story_of("right") == "story-left"
    assert bridged.aliases == {"story-right": "story-left"}
    assert bridged.resolve("story-right") == "story-left"


def test_removing_the_bridge_splits_the_story_again(bridged: StoryClusterer) -> None:
    bridged.add([ArticleSignal("bridge", bridged_vectors()["bridge"])])

    changed = bridged.remove(["bridge"])

    assert changed == [Membership("right", "story-right", changed[0].confidence)]
    assert bridged.story_of("left") == "story-left"
    assert "story-right" not in bridged.aliases
    assert bridged.stories() == {
        "story-elsewhere": ("elsewhere",),
        "story-left": ("left",),
        "story-right": ("right",),
    }


def test_recluster_with_a_stricter_threshold_splits_loose_stories(bridged: StoryClusterer) -> None:
    bridged.add([ArticleSignal("bridge", bridged_vectors()["bridge"])])
    assert bridged.recluster() == []

    changed = bridged.recluster(threshold=0.99)

    assert {membership.story_id for membership in changed} == {"story-bridge", "story-right"}
    assert bridged.story_of("left") == "story-left"


def _unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def _around(centre: np.ndarray, spread: float, rng: np.random.Generator) -> np.ndarray:
    return _unit(centre + spread * _unit(rng.normal(size=centre.shape)))


def test_a_young_store_judges_crowding_by_the_prior() -> None:
    """Five loosely alike reports alone in a new store: each one's neighbours are the story itself."""
    rng = np.random.default_rng(1)
    event = _unit(rng.normal(size=384))
    reports = [ArticleSignal(f"report-{i}", _around(event, 0.6, rng)) for i in range(5)]
    clusterer = StoryClusterer()

    clusterer.add(reports)

    assert len(clusterer.stories()) == 1


def _early_guess(between: str) -> StoryClusterer:
    """An article between two events joins the only story there is, before the other event's reports arrive."""
    rng = np.random.default_rng(0)
    one, other = _unit(rng.normal(size=384)), _unit(rng.normal(size=384))
    vectors = {
        "alpha-1": _around(one, 0.2, rng),
        "alpha-2": _around(one, 0.2, rng),
        between: _around(_unit(0.69 * one + 0.73 * other), 0.05, rng),
        "omega-1": _around(other, 0.2, rng),
        "omega-2": _around(other, 0.2, rng),
    }
    clusterer = StoryClusterer()
    clusterer.add([ArticleSignal(article, vectors[article]) for article in ("alpha-1", "alpha-2", between)])
    clusterer.add([ArticleSignal(article, vectors[article]) for article in ("omega-1", "omega-2")])
    return clusterer


def test_an_early_guess_moves_to_the_story_it_now_links_to_better() -> None:
    clusterer = _early_guess("between")

    assert clusterer.stories() == {
        "story-alpha-1": ("alpha-1", "alpha-2"),
        "story-omega-1": ("between", "omega-1", "omega-2"),
    }


def test_a_story_keeps_its_founding_article_so_its_id_holds() -> None:
    clusterer = _early_guess("a-between")  # first in canonical order: it founds the first story

    assert clusterer.story_of("a-between") == "story-a-between"
    assert clusterer.story_of("alpha-1") == "story-a-between"


def test_assigning_an_article_compares_it_with_its_neighbours_and_their_stories_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(50, 384))
    stored = centres[rng.integers(0, 50, size=2000)] + rng.normal(scale=0.3, size=(2000, 384))
    stored /= np.linalg.norm(stored, axis=1, keepdims=True)
    clusterer = StoryClusterer()
    clusterer.add([ArticleSignal(f"stored-{i}", vector.astype(np.float32)) for i, vector in enumerate(stored)])
    compared: dict[str, set[str]] = {}
    measured = clustering.similarity

    def spy(first: ArticleSignal, second: ArticleSignal, *args: object) -> float:
        for one, other in ((first, second), (second, first)):
            if one.article_id.startswith("new-"):
                compared.setdefault(one.article_id, set()).add(other.article_id)
        return measured(first, second, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(clustering, "similarity", spy)
    new = centres[:20] / np.linalg.norm(centres[:20], axis=1, keepdims=True)
    clusterer.add([ArticleSignal(f"new-{i}", vector.astype(np.float32)) for i, vector in enumerate(new)])

    assert set(compared) == {f"new-{i}" for i in range(20)}
    assert max(len(others) for others in compared.values()) <= NEIGHBOURS * (1 + STORY_SAMPLE)


def test_removed_articles_leave_no_neighbour_behind() -> None:
    """Neighbour lists are not symmetric: a removed article may sit in lists it does not list itself."""
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(20, 384))
    vectors = centres[rng.integers(0, 20, size=300)] + rng.normal(scale=0.6, size=(300, 384))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    clusterer = StoryClusterer()
    clusterer.add([ArticleSignal(f"a{i:03d}", vector) for i, vector in enumerate(vectors[:200])])
    removed = {f"a{i:03d}" for i in range(0, 200, 3)}

    clusterer.remove(removed)

    listed = {article for near in clusterer._near.values() for _, article in near}  # the crowding evidence
    assert listed and not listed & removed
    clusterer.add([ArticleSignal(f"a{i:03d}", vector) for i, vector in enumerate(vectors[200:], start=200)])
    clustered = {article for members in clusterer.stories().values() for article in members}
    assert clustered == {f"a{i:03d}" for i in range(300)} - removed


def test_a_member_is_tied_to_its_story_by_its_strongest_link(signals: dict[str, ArticleSignal]) -> None:
    clusterer = clustered(signals)

    tie = clusterer.tie("quake-gaziantep-2")

    assert tie is not None and tie.article_id == "quake-gaziantep"
    assert tie.score >= LINK_THRESHOLD
    assert "Gaziantep" in tie.shared_names and "gaziantep" in tie.shared_terms  # names as the article prints them
    assert tie.days_apart == 0
    assert "shared names: Gaziantep" in tie.describe("Outlet")
    assert clusterer.tie("phone-launch") is None  # alone in its story: nothing ties it
