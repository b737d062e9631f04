"""`--allow-ingest`: the upload form runs the real pipeline, reports bad files, and enforces its caps."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app
from crosswire.interfaces.web.upload import UploadLimits, stored_name
from crosswire.store import Store
from tests.conftest import FIXTURES

GOOD_PAGE = FIXTURES / "html" / "harbor_times_jsonld.html"


def _client(db: Path, limits: UploadLimits | None = None) -> TestClient:
    return TestClient(create_app(db, allow_ingest=True, upload_limits=limits))


def _token(client: TestClient) -> str:
    match = re.search(r'name="token" value="([^"]+)"', client.get("/ingest").text)
    assert match
    return match.group(1)


def test_upload_ingests_good_files_and_reports_bad_ones(writable_copy: Path) -> None:
    with Store(writable_copy, read_only=True) as store:
        before = store.count_articles()
    with _client(writable_copy) as client:
        files = [("files", (GOOD_PAGE.name, GOOD_PAGE.read_bytes(), "text/html")),
                 ("files", ("empty.html", b"", "text/html")),
                 ("files", ("binary.txt", bytes(range(256)) * 8, "text/plain"))]  # fmt: skip
        response = client.post("/ingest", data={"token": _token(client)}, files=files)
    assert response.status_code == 200
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\w+)</td>", response.text)
    assert dict(rows) == {GOOD_PAGE.name: "ingested", "empty.html": "rejected", "binary.txt": "rejected"}
    assert "Stories updated" in response.text
    with Store(writable_copy, read_only=True) as store:
        assert store.count_articles() == before + 1
        [new_id] = re.findall(r'href="/articles/([0-9a-f]{16})"', response.text)
        assert store.analysis(new_id) is not None and store.story_of(new_id) is not None
        source = Path(store.article(new_id)["source"])
    assert source.read_bytes() == GOOD_PAGE.read_bytes()  # the upload is kept where the store says
    assert source.is_relative_to(writable_copy.with_name("crosswire.db-uploads"))


def test_upload_needs_the_form_token(writable_copy: Path) -> None:
    with _client(writable_copy) as client:
        files = [("files", (GOOD_PAGE.name, GOOD_PAGE.read_bytes(), "text/html"))]
        assert client.post("/ingest", data={"token": "forged"}, files=files).status_code == 403
        assert client.post("/ingest", files=files).status_code == 403


def test_upload_caps_size_and_count(writable_copy: Path) -> None:
    limits = UploadLimits(max_files=2, max_file_bytes=1000, max_total_bytes=20_000)
    with _client(writable_copy, limits) as client:
        token = _token(client)
        too_many = [("files", (f"{n}.txt", b"word " * 50, "text/plain")) for n in range(3)]
        assert client.post("/ingest", data={"token": token}, files=too_many).status_code == 400
        too_big = [("files", ("big.txt", b"word " * 400, "text/plain"))]
        response = client.post("/ingest", data={"token": token}, files=too_big)
        assert response.status_code == 413 and "larger than 1000 bytes" in response.text
        huge = [("files", ("huge.txt", b"x" * 30_000, "text/plain"))]
        assert client.post("/ingest", data={"token": token}, files=huge).status_code == 413


def test_other_writes_stay_refused_with_allow_ingest(writable_copy: Path) -> None:
    with _client(writable_copy) as client:
        assert client.post("/api/stories").status_code == 405
        assert client.delete("/ingest").status_code == 405


def _uploads(db: Path) -> list[Path]:
    folder = db.with_name(f"{db.name}-uploads")
    return sorted(path for path in folder.rglob("*")) if folder.exists() else []


def test_an_upload_with_one_file_too_large_is_refused_whole(writable_copy: Path) -> None:
    with Store(writable_copy, read_only=True) as store:
        before = store.count_articles()
    limits = UploadLimits(max_file_bytes=GOOD_PAGE.stat().st_size + 10)
    with _client(writable_copy, limits) as client:
        files = [("files", (GOOD_PAGE.name, GOOD_PAGE.read_bytes(), "text/html")),
                 ("files", ("big.txt", b"word " * 20_000, "text/plain"))]  # fmt: skip
        response = client.post("/ingest", data={"token": _token(client)}, files=files)
    assert response.status_code == 413
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>\w+</td><td>([^<]*)</td>", response.text))
    assert rows == {GOOD_PAGE.name: "not stored: the upload was refused whole, because of the files marked",
                    "big.txt": f"larger than {limits.max_file_bytes} bytes"}  # fmt: skip
    assert _uploads(writable_copy) == []
    with Store(writable_copy, read_only=True) as store:
        assert store.count_articles() == before


def test_a_file_that_cannot_be_written_leaves_nothing_behind(writable_copy: Path, monkeypatch) -> None:
    write_bytes = Path.write_bytes

    def failing_second(path: Path, data: bytes) -> int:
        if path.parent.name == "001":
            raise OSError(28, "No space left on device")
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", failing_second)
    with _client(writable_copy) as client:
        files = [("files", (GOOD_PAGE.name, GOOD_PAGE.read_bytes(), "text/html")),
                 ("files", ("second.html", GOOD_PAGE.read_bytes(), "text/html"))]  # fmt: skip
        response = client.post("/ingest", data={"token": _token(client)}, files=files)
    assert response.status_code == 400 and "could not be stored (No space left on device)" in response.text
    assert _uploads(writable_copy) == []


def test_a_file_name_too_long_for_the_disk_is_shortened_and_kept_readable(writable_copy: Path) -> None:
    name = "é" * 200 + "-report.warc.gz.html"  # 425 bytes in UTF-8: no file system stores it
    with _client(writable_copy) as client:
        files = [("files", (name, GOOD_PAGE.read_bytes(), "text/html")),
                 ("files", ("empty.html", b"", "text/html"))]  # fmt: skip
        response = client.post("/ingest", data={"token": _token(client)}, files=files)
    assert response.status_code == 200
    [kept] = [path for path in _uploads(writable_copy) if path.is_file()]  # the rejected empty file is not kept
    assert kept.name.endswith("é.html") and len(kept.name.encode()) <= 120
    assert stored_name("../../etc/passwd") == "passwd" and stored_name("..") == "upload"
    assert stored_name("a" * 300 + ".warc.gz") == "a" * 112 + ".warc.gz"
