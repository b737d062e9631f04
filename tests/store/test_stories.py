"""Story memberships, merges through aliases, and dossiers found by old and new ids."""

from crosswire.records import Story
from crosswire.store import Store

from .conftest import UNRELATED_PARAGRAPHS, make_article


def _two_articles(store: Store, run_id: int) -> tuple[str, str]:
    first, second = make_article(), make_article(UNRELATED_PARAGRAPHS, source="pages/library.html")
    store.add_article(first, run_id)
    store.add_article(second, run_id)
    return first.id, second.id


def test_unassigned_articles_until_they_join_a_story(store: Store, run_id: int) -> None:
    first, second = _two_articles(store, run_id)
    assert store.articles_without_story() == [first, second]
    store.save_memberships([(first, "story-a", 0.9)], {})
    assert store.articles_without_story() == [second]
    assert store.story_members("story-a") == {first: 0.9}


def test_merge_moves_members_and_old_id_still_answers(store: Store, run_id: int) -> None:
    first, second = _two_articles(store, run_id)
    store.save_memberships([(first, "story-a", 0.9), (second, "story-b", 0.8)], {})
    store.save_story(Story("story-b", "B", (second,), ("Reuters",), None, None))
    store.save_memberships([], {"story-b": "story-a"})
    assert list(store.story_members("story-a")) == [first, second]
    assert list(store.story_members("story-b")) == [first, second]
    store.save_story(Story("story-a", "A", (first, second), ("Reuters",), "2023-09-12", "2023-09-12"))
    assert store.story("story-b")["title"] == "A"
    assert [row["id"] for row in store.stories()] == ["story-a"]


def test_chained_merges_point_at_the_survivor(store: Store, run_id: int) -> None:
    store.save_memberships([], {"story-c": "story-b"})
    store.save_memberships([], {"story-b": "story-a"})
    assert store.story_aliases() == {"story-c": "story-a", "story-b": "story-a"}


def test_embeddings_round_trip_per_model(store: Store, run_id: int) -> None:
    first, _ = _two_articles(store, run_id)
    store.save_embeddings({first: b"\x00\x01"}, "minilm")
    assert store.embeddings("minilm") == {first: b"\x00\x01"}
    assert store.embeddings("other") == {}
