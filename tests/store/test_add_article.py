import subprocess
import sys
from pathlib import Path

import pytest
from datasketch import MinHash

from crosswire.records import Rejection
from crosswire.store import AddResult, Store
from crosswire.store import store as store_module
from crosswire.store.near_duplicates import DEFAULT_THRESHOLD, minhash_signature
from tests.store.conftest import UNRELATED_PARAGRAPHS, make_article, rewritten_wire_paragraphs

ROOT = Path(__file__).resolve().parents[2]


def _count(store: Store, table: str) -> int:
    return store._connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_new_article_is_ingested_with_everything_it_carries(store: Store, run_id: int) -> None:
    article = make_article(url="https://example.com/kim", record_id="r1", agencies=("Reuters",))
    assert store.add_article(article, run_id) == AddResult("ingested", article.id, ())
    row = store.article(article.id)
    assert row is not None
    assert row["headline"] == "Kim Jong Un arrives in Russia for summit with Putin"
    assert row["authors"] == ["Josh Smith"]
    assert row["agencies"] == ["Reuters"]
    assert row["published"] == "2023-09-12T09:40:00+09:00"
    assert row["modified"] is None
    assert row["text"] == article.text
    assert row["source"] == "pages/reuters.html"
    assert row["run_id"] == run_id
    assert row["metadata"]["headline"]["provenance"] == "html-meta"
    assert row["metadata"]["page_dates"][0]["role"] == "published"
    assert [source["url"] for source in row["sources"]] == ["https://example.com/kim"]
    assert _count(store, "minhash_signatures") == 1


def test_re_adding_the_same_article_is_a_duplicate(store: Store, run_id: int) -> None:
    article = make_article()
    store.add_article(article, run_id)
    assert store.add_article(article, run_id) == AddResult("duplicate", article.id)
    assert store.count_articles() == 1
    assert len(store.article(article.id)["sources"]) == 1
    assert [entry["status"] for entry in store.ingest_log(run_id)] == ["ingested", "duplicate"]


def test_same_text_under_another_source_is_linked(store: Store, run_id: int) -> None:
    first = make_article()
    second = make_article(source="dump/yonhap.txt", url="https://example.org/kim-copy")
    assert first.id == second.id
    store.add_article(first, run_id)
    assert store.add_article(second, run_id) == AddResult("linked", first.id)
    assert store.count_articles() == 1
    sources = store.article(first.id)["sources"]
    assert [(source["source"], source["url"]) for source in sources] == [
        ("pages/reuters.html", None),
        ("dump/yonhap.txt", "https://example.org/kim-copy"),
    ]
    assert store.add_article(second, run_id).status == "duplicate"


def test_rewritten_copy_is_linked_as_a_near_duplicate(store: Store, run_id: int) -> None:
    original = make_article()
    copy = make_article(rewritten_wire_paragraphs(), source="pages/copy.html", outlet="Daily")
    unrelated = make_article(UNRELATED_PARAGRAPHS, source="pages/council.html", headline="Libraries")
    store.add_article(original, run_id)
    result = store.add_article(copy, run_id)
    assert result.status == "ingested"
    assert [(other, kind) for other, _, kind in result.near_duplicates] == [(original.id, "near-duplicate")]
    assert result.near_duplicates[0][1] > DEFAULT_THRESHOLD
    assert store.add_article(unrelated, run_id).near_duplicates == ()
    assert store.near_duplicates(unrelated.id) == []


def test_links_are_stored_once_and_listed_from_both_ends(store: Store, run_id: int) -> None:
    original, copy = make_article(), make_article(rewritten_wire_paragraphs(), source="pages/copy.html")
    store.add_article(original, run_id)
    similarity = store.add_article(copy, run_id).near_duplicates[0][1]
    stored = store._connection.execute("SELECT article_id, other_id FROM near_duplicates").fetchall()
    assert [tuple(row) for row in stored] == [tuple(sorted((original.id, copy.id)))]
    assert store.near_duplicates(original.id) == [
        {"other_id": copy.id, "similarity": similarity, "kind": "near-duplicate"}
    ]
    assert store.article(copy.id)["near_duplicates"][0]["other_id"] == original.id


@pytest.mark.parametrize(("first_agencies", "second_agencies"), [(("Reuters",), ()), ((), ("AFP",))])
def test_copies_crediting_an_agency_are_wire_copy(
    store: Store, run_id: int, first_agencies: tuple[str, ...], second_agencies: tuple[str, ...]
) -> None:
    store.add_article(make_article(agencies=first_agencies), run_id)
    copy = make_article(rewritten_wire_paragraphs(), source="pages/copy.html", agencies=second_agencies)
    assert [kind for _, _, kind in store.add_article(copy, run_id).near_duplicates] == ["wire-copy"]


def test_a_stricter_threshold_leaves_the_copy_unlinked(location: str) -> None:
    with Store(location, near_duplicate_threshold=0.95) as store:
        run_id = store.start_run([])
        store.add_article(make_article(), run_id)
        copy = make_article(rewritten_wire_paragraphs(), source="pages/copy.html")
        assert store.add_article(copy, run_id).near_duplicates == ()


def test_index_rebuilt_from_stored_signatures_finds_the_copy(location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    original = make_article()
    copy = make_article(rewritten_wire_paragraphs(), source="pages/copy.html")
    with Store(location) as store:
        store.add_article(original, store.start_run([]))
    signed: list[str] = []

    def recording_signature(text: str) -> MinHash | None:
        signed.append(text)
        return minhash_signature(text)

    monkeypatch.setattr(store_module, "minhash_signature", recording_signature)
    with Store(location) as store:
        result = store.add_article(copy, store.start_run([]))
    assert [other for other, _, _ in result.near_duplicates] == [original.id]
    assert signed == [copy.text]  # the original's signature came from the database


def test_a_failure_inside_the_add_leaves_no_partial_article(
    store: Store, run_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add_article(make_article(), run_id)
    copy = make_article(rewritten_wire_paragraphs(), source="pages/copy.html")

    def crash(*args: object) -> None:
        raise RuntimeError("killed while linking")

    monkeypatch.setattr(Store, "_link_near_duplicates", crash)
    with pytest.raises(RuntimeError, match="killed while linking"):
        store.add_article(copy, run_id)
    assert store.article(copy.id) is None
    assert store.count_articles() == 1
    tables = ("article_sources", "minhash_signatures", "near_duplicates")
    assert [_count(store, table) for table in tables] == [1, 1, 0]
    assert len(store.ingest_log()) == 1
    assert store.search("consequences") == []
    assert copy.id not in store._near_duplicate_index()

    monkeypatch.undo()
    assert store.add_article(copy, run_id).status == "ingested"
    assert store.search("consequences")[0]["id"] == copy.id


KILLED_BATCH = """
import os, sys
from crosswire.store import Store
from tests.store.conftest import UNRELATED_PARAGRAPHS, make_article, rewritten_wire_paragraphs

def die(*args):
    os._exit(9)

store = Store(sys.argv[1])
run_id = store.start_run(["batch"])
store.add_article(make_article(), run_id)
store.add_article(make_article(UNRELATED_PARAGRAPHS, source="pages/council.html"), run_id)
Store._link_near_duplicates = die
store.add_article(make_article(rewritten_wire_paragraphs(), source="pages/copy.html"), run_id)
"""


def test_a_killed_batch_leaves_a_consistent_store_and_resumes(location: str) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLED_BATCH, location], cwd=ROOT, check=False)
    assert killed.returncode == 9
    batch = [
        make_article(),
        make_article(UNRELATED_PARAGRAPHS, source="pages/council.html"),
        make_article(rewritten_wire_paragraphs(), source="pages/copy.html"),
    ]
    with Store(location) as store:
        if store.dialect.name == "sqlite":
            assert store._connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.count_articles() == 2
        runs = store._connection.execute("SELECT status FROM runs").fetchall()
        assert [run["status"] for run in runs] == ["interrupted"]
        run_id = store.start_run(["batch"])
        statuses = [store.add_article(article, run_id).status for article in batch]
        assert statuses == ["duplicate", "duplicate", "ingested"]
        assert store.count_articles() == 3
        assert store.near_duplicates(batch[2].id)[0]["other_id"] == batch[0].id


def test_rejections_are_logged_with_their_reason(store: Store, run_id: int) -> None:
    store.log_rejection(run_id, Rejection("pages/empty.html", "too little article text (12 characters)"))
    store.add_article(make_article(), run_id)
    other_run = store.start_run([])
    store.add_article(make_article(), other_run)
    log = store.ingest_log(run_id)
    assert [(entry["source"], entry["status"], entry["reason"]) for entry in log] == [
        ("pages/empty.html", "rejected", "too little article text (12 characters)"),
        ("pages/reuters.html", "ingested", None),
    ]
    assert log[0]["article_id"] is None and log[1]["article_id"] == make_article().id
    assert len(store.ingest_log()) == 3


def test_articles_are_listed_in_ingest_order_with_paging(store: Store, run_id: int) -> None:
    first = make_article(UNRELATED_PARAGRAPHS, source="a.html")
    second, third = make_article(source="b.html"), make_article(UNRELATED_PARAGRAPHS[:2], source="c.html")
    for article in (first, second, third):
        store.add_article(article, run_id)
    assert [row["id"] for row in store.articles()] == [first.id, second.id, third.id]
    assert [row["id"] for row in store.articles(limit=1, offset=1)] == [second.id]
    assert store.articles()[1]["authors"] == ["Josh Smith"]
    assert store.count_articles() == 3
    assert store.article("0000000000000000") is None


def test_an_unknown_run_is_refused(store: Store, integrity_error: type[Exception]) -> None:
    with pytest.raises(integrity_error):
        store.add_article(make_article(), 999)
    assert store.count_articles() == 0


def test_stored_article_loads_back_as_the_same_record(store: Store, run_id: int) -> None:
    article = make_article(agencies=("Reuters",))
    store.add_article(article, run_id)
    assert store.load_article(article.id) == article
    assert store.load_article("missing") is None


CONCURRENT_BATCH = """
import sys
from crosswire.store import Store
from tests.store.conftest import UNRELATED_PARAGRAPHS, WIRE_PARAGRAPHS, make_article

store = Store(sys.argv[1])
run_id = store.start_run(["batch"])
sys.stdin.read()  # both writers start together
for number in range(12):
    paragraphs = UNRELATED_PARAGRAPHS if number % 2 else WIRE_PARAGRAPHS
    article = make_article((*paragraphs, f"Report number {number} of the batch."), source=f"pages/{number}.html")
    print(store.add_article(article, run_id).status)
"""


def test_concurrent_writers_store_each_article_once(location: str) -> None:
    Store(location).close()
    command = [sys.executable, "-c", CONCURRENT_BATCH, location]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE}
    writers = [subprocess.Popen(command, cwd=ROOT, text=True, **pipes) for _ in range(2)]
    for writer in writers:
        writer.stdin.close()  # type: ignore[union-attr]
    outputs = [writer.stdout.read().split() for writer in writers]  # type: ignore[union-attr]
    for writer in writers:
        writer.wait(timeout=120)
    assert [writer.returncode for writer in writers] == [0, 0]
    assert sorted(outputs[0] + outputs[1]) == ["duplicate"] * 12 + ["ingested"] * 12
    with Store(location) as store:
        assert store.count_articles() == 12
        assert len(store.ingest_log()) == 24
