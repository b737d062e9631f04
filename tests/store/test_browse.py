"""Browsing queries: read-only opening, paged and filtered lists, entity profiles, query syntax."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from crosswire.records import Analysis, EntityMention, Meta, Provenance, Quote, Speaker, Story
from crosswire.store import SchemaError, Store
from crosswire.store.store import SearchSyntaxError
from tests.store.conftest import UNRELATED_PARAGRAPHS, WIRE_PARAGRAPHS, make_article


def _story(story_id: str, title: str, last: str | None) -> Story:
    return Story(story_id, title, ("a",), ("X",), last, last)


def test_read_only_store_reads_but_never_writes(
    store: Store, run_id: int, location: str, read_only_error: tuple[type[Exception], str]
) -> None:
    store.add_article(make_article(), run_id)
    error, message = read_only_error
    with Store(location, read_only=True) as reader:
        assert reader.count_articles() == 1
        assert reader.search("cosmodrome")[0]["id"] == make_article().id
        with pytest.raises(error, match=message):
            reader.start_run(["x"])
        with pytest.raises(error, match=message):
            reader.save_story(Story("s", "t", ("a",), ("X",), None, None))


def test_read_only_store_refuses_an_old_schema(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).close()  # an empty file: schema version 0
    with pytest.raises(SchemaError, match="needs version"):
        Store(path, read_only=True)


def test_story_page_filters_titles_with_wildcards_taken_literally(store: Store) -> None:
    for story in (_story("s1", "100% sure of a deal", "2024-01-02"), _story("s2", "1000 sure", "2024-01-03"),
                  _story("s3", "Under_score talks", None)):  # fmt: skip
        store.save_story(story)
    assert store.story_page(10, 0, "100%") == ([store.story_page(10, 0, "sure of")[0][0]], 1)
    assert store.story_page(10, 0, "0_s") == ([], 0)  # as a LIKE wildcard "_" would match "1000 sure"
    assert [row["id"] for row in store.story_page(10, 0, "R_S")[0]] == ["s3"]  # any case
    rows, total = store.story_page(2, 0)
    assert [row["id"] for row in rows] == ["s2", "s1"] and total == 3
    assert [row["id"] for row in store.story_page(2, 2)[0]] == ["s3"]  # undated last


def test_article_page_is_newest_first_with_undated_last(store: Store, run_id: int) -> None:
    old = make_article()
    dated = Meta("2024-05-01", Provenance.SUPPLIED, 1.0)
    new = replace(make_article(UNRELATED_PARAGRAPHS, source="b.html"), published=dated)
    undated = replace(make_article(WIRE_PARAGRAPHS[:3], source="c.html"), published=Meta())
    for article in (old, undated, new):
        store.add_article(article, run_id)
    assert [row["id"] for row in store.article_page(10)] == [new.id, old.id, undated.id]
    assert store.article_page(10)[0]["authors"] == ["Josh Smith"]
    assert store.article_briefs([old.id, "missing"]).keys() == {old.id}


def test_entity_profile_splits_what_it_said_from_what_was_said_about_it(store: Store, run_id: int) -> None:
    article = make_article()
    store.add_article(article, run_id)
    text = article.text
    kim, putin = text.index("Kim Jong Un"), text.index("President Vladimir Putin") + len("President ")
    warning = text.index("Pyongyang would pay a price")
    analysis = Analysis(
        "2023-09-12",
        entities=(
            EntityMention("Kim Jong Un", "PERSON", kim, kim + 11, "Kim Jong Un"),
            EntityMention("Vladimir Putin", "PERSON", putin, putin + 14, "Vladimir Putin"),
            EntityMention("Pyongyang", "GPE", warning, warning + 9, "North Korea"),
        ),
        quotes=(
            Quote(text[warning : warning + 60], warning, warning + 60, "indirect", "warned", Speaker("United States")),
            Quote(text[kim : kim + 80], kim, kim + 80, "indirect", "said", Speaker("Kim Jong Un")),
        ),
    )
    store.save_analysis(article.id, analysis, "test")
    korea = store.entity("North Korea")
    assert korea is not None and korea["labels"] == [{"label": "GPE", "mentions": 1, "articles": 1}]
    assert [quote["speaker"] for quote in korea["said_about"]] == ["United States"] and korea["said"] == []
    kim_profile = store.entity("Kim Jong Un")
    assert kim_profile["said_count"] == 1 and kim_profile["said_about"] == []  # his own words are not "about" him
    assert [row["id"] for row in kim_profile["articles"]] == [article.id]
    assert store.entity("United States")["said_count"] == 1  # quoted, never tagged: still has a page
    assert store.entity("Nobody") is None


def test_query_syntax_offers_phrases_or_and_prefixes(store: Store, run_id: int) -> None:
    store.add_article(make_article(), run_id)
    store.add_article(make_article(UNRELATED_PARAGRAPHS, source="council.html", headline="Libraries open late"), run_id)
    assert store.count_search('"armoured train"', "fts5") == 1
    assert store.count_search("cosmodrome OR libraries", "fts5") == 2
    assert store.count_search("cosmodrome OR libraries") == 0  # plain words: OR is a word
    assert store.count_search("librar*", "fts5") == 1
    assert len(store.search("summit", limit=1, offset=0)) == 1 and store.search("summit", offset=1) == []
    for malformed in ('"open', "nosuch:word", "AND", "NEAR(a b", "(a"):
        with pytest.raises(SearchSyntaxError):
            store.search(malformed, syntax="fts5")
        with pytest.raises(SearchSyntaxError):
            store.count_search(malformed, syntax="fts5")
