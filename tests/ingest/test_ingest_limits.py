"""Bounded work per input: decompression bombs, over-long lines, long reasons, mistyped record fields."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire.config import Settings
from crosswire.records import MAX_REASON_CHARS, MAX_SOURCE_CHARS, Rejection

from .bombs import MIB, body_bomb, gzip_bomb, header_line_bomb

GOOD = (
    "<html><body><article><p>The council approved the budget on Tuesday after a long debate about the harbour,"
    " the schools and the new bridge over the river.</p></article></body></html>"
)
MEMORY_BOUND = 100 * MIB  # what reading a gigabyte bomb may hold at once (Python allocations, tracemalloc)


def read_measured(ingest, *paths, settings: Settings | None = None):
    tracemalloc.start()
    try:
        batch = ingest(*paths, settings=settings)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return batch, peak


def test_a_warc_header_line_inflating_to_a_gigabyte_is_refused_in_bounded_memory(tmp_path, ingest):
    bomb = header_line_bomb(tmp_path / "bomb.warc.gz")
    good = tmp_path / "good.html"
    good.write_text(GOOD)
    assert bomb.stat().st_size < 1.1 * MIB
    batch, peak = read_measured(ingest, bomb, good)
    reason = batch.reason_for(str(bomb))
    assert reason.startswith("a WARC header line over 200,000 bytes (max_line_length)")
    assert len(reason) < 200
    assert [doc.source for doc in batch.documents] == [str(good)]
    assert peak < MEMORY_BOUND


def test_a_warc_record_inflating_to_a_gigabyte_is_refused_as_a_bomb(tmp_path, ingest):
    bomb = body_bomb(tmp_path / "bomb.warc.gz")
    batch, peak = read_measured(ingest, bomb)
    reason = batch.reason_for(str(bomb))
    assert reason.startswith("decompression bomb: ") and "more than 100 times (max_expansion)" in reason
    assert peak < MEMORY_BOUND


def test_a_gzip_encoded_response_is_read_only_up_to_the_record_cap(tmp_path, ingest):
    payload = gzip_bomb(b"<html><body><p>", b" " * MIB, 1024, b"</p></body></html>")
    path = tmp_path / "encoded.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            "https://example.com/encoded", "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    batch, peak = read_measured(ingest, path, settings=Settings(max_input_bytes=4 * MIB))
    assert "decompressed body is over" in batch.reason_for(f"{path}#https://example.com/encoded")
    assert peak < MEMORY_BOUND


def test_a_zip_bomb_is_refused_unopened(tmp_path, ingest):
    path = tmp_path / "bomb.html"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("zeros.html", bytes(64 * MIB))
    batch, peak = read_measured(ingest, path)
    assert batch.reason_for(str(path)) == "binary file, not text: ZIP archive (or Office document)"
    assert peak < 32 * MIB  # the read buffer (max_input_bytes), never the 64 MiB inside


def test_a_text_line_longer_than_any_paragraph_is_refused(tmp_path, ingest):
    path = tmp_path / "one-line.txt"
    path.write_text("Headline\n\n" + "The council met again. " * 2000)
    reason = ingest(path, settings=Settings(max_line_length=10_000)).reason_for(str(path))
    assert reason == (
        "a line of 46,000 characters, over the 10,000 limit (max_line_length): no article's paragraph is that long"
    )
    assert ingest(path).documents


def test_rejections_quoting_huge_inputs_stay_short():
    rejection = Rejection("crawl.warc.gz#https://example.com/" + "a" * 10_000 + "/end", "bad: " + "x" * 10_000)
    assert len(rejection.source) <= MAX_SOURCE_CHARS + 1 and rejection.source.endswith("a/end")
    assert rejection.source.startswith("crawl.warc.gz#https://example.com/aaa")
    assert len(rejection.reason) == MAX_REASON_CHARS and rejection.reason.endswith("…")


def test_a_record_field_of_the_wrong_type_is_a_warning_naming_it(tmp_path, ingest):
    path = tmp_path / "records.jsonl"
    records = [
        {"id": 7, "title": "Budget approved", "published": 12345, "text": "The council approved the budget."},
        {"id": "b", "title": ["not", "a", "title"], "byline": ["Ann Lee", 3], "text": "The mayor resigned."},
    ]
    path.write_text("\n".join(json.dumps(record) for record in records))
    first, second = ingest(path).documents
    assert first.record_id == "7" and first.supplied.published is None
    assert first.warnings == ("field 'published' is a number (12345), not a string: left it out",)
    assert second.supplied.title is None and second.supplied.byline == "Ann Lee"
    assert second.warnings[0] == "field 'title' is a list, not a string: left it out"
    assert "field 'byline'" in second.warnings[1]


def test_ingest_goes_on_past_a_bomb_and_reports_it_briefly(tmp_path):
    from tests.interfaces.test_cli import jsonl, run

    folder = tmp_path / "batch"
    folder.mkdir()
    header_line_bomb(folder / "bomb.warc.gz")
    (folder / "good.html").write_text(GOOD)
    result = run("ingest", str(folder), "--db", str(tmp_path / "store.db"), "--no-analysis", "--no-stories")
    assert result.returncode == 1, result.stderr
    outcomes = {Path(row["source"]).name: row for row in jsonl(result.stdout)[:-1]}
    assert outcomes["good.html"]["status"] == "ingested"
    assert outcomes["bomb.warc.gz"]["status"] == "rejected" and len(outcomes["bomb.warc.gz"]["reason"]) < 200
    assert b"Traceback" not in result.stderr
