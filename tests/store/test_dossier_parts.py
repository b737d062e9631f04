"""A dossier's parts as tables beside its JSON (migration 10): written with it, replaced with it, gone with it,
on both back ends; and a store of version 9 upgraded with its analyses kept and its dossiers marked."""

from __future__ import annotations

import json

import pytest

from crosswire.analysis.verbatim import excerpt
from crosswire.records import (
    Analysis,
    Citation,
    Discrepancy,
    EntityMention,
    Quote,
    QuoteVariant,
    Speaker,
    Story,
    StoryEvent,
    StoryQuote,
    TimelineEntry,
    UniqueDetail,
)
from crosswire.store import Store, migrations
from crosswire.store.migrations import MIGRATIONS

from .conftest import UNRELATED_PARAGRAPHS, make_article

SECOND = make_article(UNRELATED_PARAGRAPHS, source="pages/library.html", outlet="Library News")


def _story(first_text: str, first: str, second: str) -> Story:
    """A dossier with one of each part, its excerpts cut from the first article's real text."""
    sentence = excerpt(first, first_text, [(0, 230)])
    words = excerpt(first, first_text, [(15, 60)])
    return Story(
        id="story-a",
        title="Kim in Russia",
        articles=(first, second, "gone-article"),
        outlets=("Library News", "Reuters"),
        first_published="2023-09-12T09:40:00+09:00",
        last_published="2023-09-12T09:40:00+09:00",
        summary=(Citation(sentence.text, (first, second), (sentence,)),),
        consensus=(Citation(sentence.text, (first,), (sentence,)),),
        quotes=(
            StoryQuote(
                "Kim Jong Un",
                words.text,
                (
                    QuoteVariant(first, words.text, "direct", "Kim Jong Un", 1.0, 0.9, words.spans, words, sentence),
                    QuoteVariant(second, "reworded", "indirect", "Kim", 0.7, 0.5, ((0, 8),)),
                    QuoteVariant("gone-article", "lost", "indirect", None, 0.5),
                ),
                (first, second),
                0.8,
                ("Putin",),
                "direct",
                words,
            ),
        ),
        timeline=(TimelineEntry("2023-W37", "week", sentence.text, (first, second), 0.7, (sentence,)),),
        discrepancies=(Discrepancy("date", f"“{words.text}” or not", (first, second), 0.4, (words,)),),
        unique_details=(UniqueDetail(sentence.text, first, "Reuters", 0.6, sentence.spans),),
        events=(StoryEvent("Kim Jong Un", "meet_or_visit", "Russia", (first,), (sentence,), ("2023-09-12",)),),
        membership_confidence={first: 0.9, second: 0.6},
    )


def _rows(store: Store, sql: str) -> list[tuple]:
    return [tuple(row) for row in store._connection.execute(sql).fetchall()]


def test_parts_are_written_with_the_dossier_and_replaced_with_it(store: Store, run_id: int) -> None:
    first = make_article()
    store.add_article(first, run_id)
    store.add_article(SECOND, run_id)
    store.save_memberships([(first.id, "story-a", 0.9), (SECOND.id, "story-a", 0.6)], {})
    store.save_story(_story(first.text, first.id, SECOND.id))
    # sources numbered as citations number them, leaving out an article the store no longer holds
    assert _rows(store, "SELECT number, article_id, outlet FROM story_sources ORDER BY number") == [
        (1, first.id, "Reuters"), (2, SECOND.id, "Library News")
    ]  # fmt: skip
    [(quote_id, speaker, outlets, others)] = _rows(
        store, "SELECT id, speaker, outlets, other_speakers FROM story_quotes"
    )
    assert (speaker, outlets, others) == ("Kim Jong Un", 2, '["Putin"]')
    carriers = _rows(
        store,
        f"SELECT article_id, kind, start, words FROM story_quote_carriers WHERE story_quote_id = {quote_id} "
        "ORDER BY id",
    )
    assert carriers == [(first.id, "direct", 15, first.text[15:60].strip()), (SECOND.id, "indirect", 0, None)]
    assert _rows(store, "SELECT date, first_day, last_day, articles FROM timeline_entries") == [
        ("2023-W37", "2023-09-11", "2023-09-17", 2)
    ]  # fmt: skip
    assert len(_rows(store, "SELECT * FROM timeline_entry_articles")) == 2
    assert _rows(store, "SELECT kind, articles FROM discrepancies") == [("date", 2)]
    assert _rows(store, "SELECT section, position, article_id FROM summary_sentences ORDER BY section") == [
        ("consensus", 0, first.id), ("summary", 0, first.id)
    ]  # fmt: skip
    assert _rows(store, "SELECT actor, action, target, dates FROM story_events") == [
        ("Kim Jong Un", "meet_or_visit", "Russia", '["2023-09-12"]')
    ]  # fmt: skip
    assert store.story_glances(["story-a"]) == {"story-a": {"outlets": ["Reuters", "Library News"],
                                                           "summary": first.text[:230].strip()}}  # fmt: skip

    store.save_story(Story("story-a", "Kim in Russia", (SECOND.id,), ("Library News",), None, None))
    assert _rows(store, "SELECT number, article_id FROM story_sources") == [(1, SECOND.id)]
    for table in ("story_quotes", "story_quote_carriers", "timeline_entries", "discrepancies", "story_events"):
        assert _rows(store, f"SELECT count(*) FROM {table}") == [(0,)], table


def test_parts_go_with_a_dropped_or_merged_story(store: Store, run_id: int) -> None:
    first = make_article()
    store.add_article(first, run_id)
    store.add_article(SECOND, run_id)
    store.save_story(_story(first.text, first.id, SECOND.id))
    store.save_memberships([], {"story-a": "story-b"})  # merged away
    assert _rows(store, "SELECT count(*) FROM story_quote_carriers") == [(0,)]
    store.save_story(_story(first.text, first.id, SECOND.id))
    store.drop_story("story-a")
    assert _rows(store, "SELECT count(*) FROM story_sources") == [(0,)]


def test_views_put_articles_beside_stories_and_quotes(store: Store, run_id: int) -> None:
    first = make_article()
    store.add_article(first, run_id)
    quote = Quote("pay a price", 10, 21, "direct", "said", Speaker("Jake Sullivan"))
    store.save_analysis(first.id, Analysis(None, quotes=(quote,)), "model")
    store.save_memberships([(first.id, "story-a", 0.9)], {})
    store.save_story(Story("story-a", "Kim in Russia", (first.id,), ("Reuters",), None, None))
    assert _rows(store, "SELECT story_id, story_title, article_id, outlet, headline FROM story_articles") == [
        ("story-a", "Kim in Russia", first.id, "Reuters", first.headline.value)
    ]  # fmt: skip
    assert _rows(store, "SELECT speaker, text, outlet, headline, story_id FROM quotes_with_articles") == [
        ("Jake Sullivan", "pay a price", "Reuters", first.headline.value, "story-a")
    ]  # fmt: skip


def test_analysis_rows_point_at_their_article(store: Store, run_id: int) -> None:
    first = make_article()
    store.add_article(first, run_id)
    store.save_analysis(first.id, Analysis(None, entities=(EntityMention("Kim", "PERSON", 0, 3, "Kim"),)), "m")
    store.save_analysis(first.id, Analysis(None, entities=(EntityMention("Putin", "PERSON", 5, 10, "Putin"),)), "m")
    assert [e.text for e in store.analysis(first.id).entities] == ["Putin"]  # replaced, not added to
    if store.dialect.name == "sqlite":
        targets = {row["table"] for row in store._connection.execute("PRAGMA foreign_key_list(quotes)")}
    else:
        targets = {row[0] for row in store._connection.execute(
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conrelid = 'quotes'::regclass AND contype = 'f'"
        )}  # fmt: skip
    assert targets == {"articles"}


def test_a_store_of_version_9_keeps_its_analyses_and_rebuilds_its_dossiers(
    location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_article()
    quote = Quote("pay a price", 10, 21, "direct", "said", Speaker("Jake Sullivan"))
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:9])
    with Store(location) as old:
        old.add_article(first, old.start_run(["pages/"]))
        for column in ("language", "skipped"):  # today's writer, on version 9's analyses table
            old._connection.execute(f"ALTER TABLE analyses ADD COLUMN {column} TEXT")
        old.save_analysis(first.id, Analysis(None, quotes=(quote,)), "model")
        for column in ("language", "skipped"):
            old._connection.execute(f"ALTER TABLE analyses DROP COLUMN {column}")
        old.save_memberships([(first.id, "story-a", 0.9)], {})
        old._connection.execute(
            "INSERT INTO stories (id, title, articles, outlets, dossier, updated_at) VALUES (?, ?, 1, 1, ?, ?)",
            ("story-a", "Kim", json.dumps(Story("story-a", "Kim", (first.id,), ("Reuters",), None, None).to_dict()),
             "2030-01-01T00:00:00+00:00"),
        )  # fmt: skip
        old._connection.execute("DELETE FROM stories_to_rebuild")
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
    with Store(location) as upgraded:
        assert upgraded.analysis(first.id).quotes == (quote,)
        assert upgraded.stale_stories() == ["story-a"]
        assert _rows(upgraded, "SELECT count(*) FROM quotes_with_articles") == [(1,)]
