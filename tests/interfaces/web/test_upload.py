"""`--allow-ingest`: the upload form runs the real pipeline, reports bad files, and enforces its caps."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from crosswire.interfaces.web import create_app
from crosswire.interfaces.web.upload import UploadLimits
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
        assert response.status_code == 200 and "larger than 1000 bytes" in response.text
        huge = [("files", ("huge.txt", b"x" * 30_000, "text/plain"))]
        assert client.post("/ingest", data={"token": token}, files=huge).status_code == 413


def test_other_writes_stay_refused_with_allow_ingest(writable_copy: Path) -> None:
    with _client(writable_copy) as client:
        assert client.post("/api/stories").status_code == 405
        assert client.delete("/ingest").status_code == 405
