"""Story memberships, merges through aliases, and dossiers found by old and new ids."""

import pytest

from crosswire.records import Analysis, ClusteringState, Story
from crosswire.store import Store
from crosswire.store import stories as story_tables
from crosswire.store.stories import save_clustering_state

from .conftest import UNRELATED_PARAGRAPHS, WIRE_PARAGRAPHS, make_article, undo_dossier_tables


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


def test_a_split_revives_a_merged_away_id(store: Store, run_id: int) -> None:
    first, second = _two_articles(store, run_id)
    store.save_memberships([(first, "story-a", 0.9), (second, "story-b", 0.8)], {})
    store.save_memberships([], {"story-b": "story-a"})
    store.save_memberships([(second, "story-b", 0.7)], {})
    assert store.story_aliases() == {}
    assert store.current_story_id("story-b") == "story-b"
    assert store.story_members("story-b") == {second: 0.7}
    assert store.story_members("story-a") == {first: 0.9}


def _state(keys: dict[str, int], neighbours: dict[str, list[tuple[float, str]]], tag: str) -> ClusteringState:
    """A state as the clusterer hands it over; the store keeps the index bytes and digest as they are."""
    return ClusteringState(keys, max(keys.values()) + 1, neighbours, f"index {tag}".encode(), f"digest {tag}")


def _three_articles(store: Store, run_id: int) -> tuple[str, str, str]:
    first, second = _two_articles(store, run_id)
    third = make_article(WIRE_PARAGRAPHS[::-1], source="pages/reversed.html")
    store.add_article(third, run_id)
    return first, second, third.id


def test_the_clustering_state_is_saved_with_the_memberships_and_read_back(store: Store, run_id: int) -> None:
    first, second, _ = _three_articles(store, run_id)
    assert store.clustering_state() is None
    state = _state({first: 0, second: 1}, {first: [(0.5, second)], second: [(0.5, first)]}, "one")
    store.save_memberships([(first, "story-a", 0.9), (second, "story-a", 0.8)], {}, state)
    assert store.clustering_state() == state
    links = store._connection.execute("SELECT * FROM clustering_neighbour_links ORDER BY article_id").fetchall()
    assert sorted(tuple(row) for row in links) == sorted([(first, 0, second, 0.5), (second, 0, first, 0.5)])


def test_a_later_save_writes_what_changed_and_reads_back_whole(store: Store, run_id: int) -> None:
    first, second, third = _three_articles(store, run_id)
    before = _state({first: 0, second: 1}, {first: [(0.5, second)], second: [(0.5, first)]}, "one")
    store.save_memberships([(first, "story-a", 0.9), (second, "story-a", 0.8)], {}, before)
    read = store.clustering_state()
    after = _state(
        {first: 0, second: 1, third: 2},
        {first: [(0.5, second)], second: [(0.6, third), (0.5, first)], third: [(0.6, second), (0.25, first)]},
        "two",
    )
    store.save_memberships([(third, "story-a", 0.7)], {}, after, read)
    assert store.clustering_state() == after


def test_a_save_over_a_state_another_run_replaced_rewrites_it_whole(store: Store, run_id: int) -> None:
    first, second, third = _three_articles(store, run_id)
    store.save_memberships([(first, "story-a", 0.9)], {}, _state({first: 0}, {first: []}, "one"))
    read = store.clustering_state()
    other_run = _state({first: 0, second: 1}, {first: [(0.5, second)], second: [(0.5, first)]}, "other")
    store.save_memberships([(second, "story-a", 0.8)], {}, other_run, read)
    rebuilt = _state({first: 1, third: 0}, {first: [(0.3, third)], third: [(0.3, first)]}, "rebuilt")
    store.save_memberships([(third, "story-c", 0.8)], {}, rebuilt, read)
    assert store.clustering_state() == rebuilt


def test_a_failed_save_leaves_memberships_and_state_as_they_were(
    store: Store, run_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = _three_articles(store, run_id)
    state = _state({first: 0}, {first: []}, "one")
    store.save_memberships([(first, "story-a", 0.9)], {}, state)

    def interrupted(connection: object, *arguments: object) -> None:
        save_clustering_state(connection, *arguments)
        raise KeyboardInterrupt

    monkeypatch.setattr(story_tables, "save_clustering_state", interrupted)
    later = _state({first: 0, second: 1}, {first: [(0.5, second)], second: [(0.5, first)]}, "two")
    with pytest.raises(KeyboardInterrupt):
        store.save_memberships([(second, "story-a", 0.8)], {}, later, state)
    assert store.clustering_state() == state
    assert store.articles_without_story() == [second, third]


def test_changed_memberships_mark_dossiers_for_rebuilding_until_saved(store: Store, run_id: int) -> None:
    first, second = _two_articles(store, run_id)
    store.save_memberships([(first, "story-a", 0.9), (second, "story-b", 0.8)], {})
    assert store.stale_stories() == ["story-a", "story-b"]  # in the memberships' own transaction
    store.save_story(Story("story-a", "A", (first,), ("Reuters",), None, None))
    assert store.stale_stories() == ["story-b"]
    store.save_story(Story("story-b", "B", (second,), ("Reuters",), None, None))
    store.save_memberships([(second, "story-a", 0.7)], {})  # second leaves story-b for story-a
    assert store.stale_stories() == ["story-a", "story-b"]
    store.save_memberships([], {"story-b": "story-a"})  # a merge marks the survivor, not the absorbed
    assert store.stale_stories() == ["story-a"]


def test_a_new_analysis_marks_its_story_for_rebuilding(store: Store, run_id: int) -> None:
    first, _ = _two_articles(store, run_id)
    store.save_analysis(first, Analysis(None), "model")  # no story yet: nothing to mark
    assert store.stale_stories() == []
    store.save_memberships([(first, "story-a", 0.9)], {})
    store.save_story(Story("story-a", "A", (first,), ("Reuters",), None, None))
    store.save_analysis(first, Analysis("2023-09-12"), "model")
    assert store.stale_stories() == ["story-a"]


def test_a_story_left_without_members_is_dropped(store: Store, run_id: int) -> None:
    first, _ = _two_articles(store, run_id)
    store.save_memberships([(first, "story-a", 0.9)], {})
    store.save_story(Story("story-a", "A", (first,), ("Reuters",), None, None))
    store.save_memberships([(first, "story-b", 0.9)], {})
    store.drop_story("story-a")
    assert store.story("story-a") is None and store.stale_stories() == ["story-b"]


def test_upgrading_marks_what_an_older_version_left_unbuilt(location: str, run_id: int) -> None:
    """A store an older crosswire left with memberships but no dossier, or a dossier older than its
    members, has those stories marked by the migration that adds the marks."""
    with Store(location) as store:
        first, second = _two_articles(store, run_id)
        store.save_memberships([(first, "story-a", 0.9)], {})
        store.save_memberships([(second, "story-b", 0.9)], {})
        store.save_story(Story("story-b", "B", (second,), ("Reuters",), None, None))
        connection = store._connection
        connection.execute("UPDATE stories SET updated_at = '2000-01-01T00:00:00+00:00'")
        connection.execute("ALTER TABLE analyses DROP COLUMN language")  # back to version 10
        connection.execute("ALTER TABLE analyses DROP COLUMN skipped")
        undo_dossier_tables(connection)  # back to version 9, then to 8
        connection.execute("DROP TABLE stories_to_rebuild")
        connection.execute("ALTER TABLE analyses DROP COLUMN cut_at")
        version = 8
        if store.dialect.name == "sqlite":
            connection.execute(f"PRAGMA user_version = {version}")
        else:
            connection.execute(f"UPDATE crosswire_schema SET version = {version}")
    with Store(location) as upgraded:
        assert upgraded.stale_stories() == ["story-a", "story-b"]
