import pytest

from crosswire.store import Store
from crosswire.store.store import fts_query
from tests.store.conftest import UNRELATED_PARAGRAPHS, make_article


@pytest.fixture
def filled(store: Store, run_id: int) -> Store:
    return _filled(store, run_id)


def _filled(store: Store, run_id: int) -> Store:
    store.add_article(make_article(), run_id)
    council = make_article(UNRELATED_PARAGRAPHS, source="council.html", headline="Libraries open late")
    store.add_article(council, run_id)
    return store


def test_search_finds_a_word_from_the_text_with_a_highlighted_snippet(filled: Store) -> None:
    results = filled.search("cosmodrome")
    assert [result["id"] for result in results] == [make_article().id]
    assert "<mark>cosmodrome</mark>" in results[0]["snippet"]
    assert results[0]["headline"] == "Kim Jong Un arrives in Russia for summit with Putin"


def test_search_needs_every_word_in_any_order(filled: Store) -> None:
    assert len(filled.search("Putin cosmodrome")) == 1
    assert filled.search("cosmodrome libraries") == []


def test_search_matches_headlines_stems_and_case(filled: Store) -> None:
    assert [result["headline"] for result in filled.search("LIBRARY")] == ["Libraries open late"]


def test_search_ignores_diacritics(store: Store, run_id: int) -> None:
    paragraphs = ("Le président Macron a rencontré les élus de la région pour parler du budget de l'année.",)
    store.add_article(make_article(paragraphs, headline="Macron à Marseille"), run_id)
    assert len(store.search("president elus")) == 1


def test_highlight_markers_can_be_chosen(filled: Store) -> None:
    assert "[cosmodrome]" in filled.search("cosmodrome", highlight=("[", "]"))[0]["snippet"]


def test_limit_caps_the_results(store: Store, run_id: int) -> None:
    for number in range(5):
        paragraphs = (f"Summit report number {number} about the armoured train and the long journey east.",)
        store.add_article(make_article(paragraphs, source=f"{number}.html"), run_id)
    assert len(store.search("armoured train", limit=3)) == 3


@pytest.mark.parametrize(
    "query", ['"', "AND OR", "*", "NEAR(", "Kim's \"train", "a - b", "col:umn", "(", "^", "NOT", "", "   "]
)
def test_hostile_queries_do_not_raise(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)


def test_operators_in_user_text_are_plain_words(filled: Store) -> None:
    assert filled.search("Putin OR libraries") == []
    assert len(filled.search("Kim's")) == 1


def test_fts_query_quotes_each_word() -> None:
    assert fts_query('say "hi" NEAR(') == '"say" """hi""" "NEAR("'
    assert fts_query("  ") == ""


def test_sqlite_index_survives_vacuum(sqlite_store: Store) -> None:
    """The FTS index points at articles' rowids, which VACUUM must not renumber."""
    filled = _filled(sqlite_store, sqlite_store.start_run([]))
    filled._connection.execute("DELETE FROM articles_fts WHERE 0")
    filled._connection.execute("VACUUM")
    assert "<mark>libraries</mark>" in filled.search("libraries")[0]["snippet"].lower()
    assert filled.search("cosmodrome")[0]["id"] == make_article().id


def test_query_syntax_filters_columns_and_excludes_words(filled: Store) -> None:
    assert filled.count_search("text:librarians", "fts5") == 1
    assert filled.count_search("headline:librarians", "fts5") == 0
    assert filled.count_search("summit NOT libraries", "fts5") == 1
    assert filled.count_search('"open late" OR cosmodrome', "fts5") == 2
