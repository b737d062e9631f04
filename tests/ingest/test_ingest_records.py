"""Container formats: JSON, JSON Lines and WARC files holding many documents."""

from __future__ import annotations

import json

from crosswire.config import Settings
from crosswire.records import InputFormat, SuppliedFields

BODY = "<html><body><article><p>The ferry will not sail this winter.</p></article></body></html>"


def test_json_object_becomes_one_document_with_supplied_fields(tmp_path, ingest):
    record = {
        "id": "hani-1107",
        "url": "https://example.com/a",
        "title": "Ferry cancelled",
        "published": "2023-09-12 13:45 KST",
        "outlet": "Northern Gazette",
        "byline": ["Ingrid Solberg", "Arne Dahl"],
        "html": BODY,
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    (doc,) = ingest(path).documents
    assert doc.source == f"{path}#hani-1107"
    assert doc.record_id == "hani-1107"
    assert doc.url == "https://example.com/a"
    assert doc.format is InputFormat.HTML
    assert doc.content == BODY
    assert doc.supplied == SuppliedFields(
        title="Ferry cancelled",
        published="2023-09-12 13:45 KST",
        outlet="Northern Gazette",
        byline="Ingrid Solberg, Arne Dahl",
    )


def test_json_list_uses_ids_or_positions(tmp_path, ingest):
    records = [
        {"id": 17, "text": "Plain text body.\r\nSecond line.", "byline": "A. Writer"},
        {"text": "No id here."},
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    batch = ingest(path)
    assert [doc.source for doc in batch.documents] == [f"{path}#17", f"{path}#2"]
    assert batch.documents[0].format is InputFormat.TEXT
    assert batch.documents[0].content == "Plain text body.\nSecond line."
    assert batch.documents[0].supplied.byline == "A. Writer"
    assert batch.documents[1].record_id is None


def test_html_wins_over_text_and_blank_html_falls_back_to_text(tmp_path, ingest):
    path = tmp_path / "both.json"
    path.write_text(
        json.dumps([{"id": "a", "html": BODY, "text": "t"}, {"id": "b", "html": "  ", "text": "Text body."}]),
        encoding="utf-8",
    )
    assert [doc.format for doc in ingest(path).documents] == [InputFormat.HTML, InputFormat.TEXT]


def test_malformed_json_names_line_and_column(tmp_path, ingest):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "a", "text": "x"},\n  {"id": "b" "text": "y"}\n]', encoding="utf-8")
    reason = ingest(path).reason_for(str(path))
    assert reason.startswith("malformed JSON at line 3, column 14")


def test_json_record_without_content_is_rejected_by_name(tmp_path, ingest):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"id": "x9", "title": "Headline only"}, {"id": "ok", "text": "Body."}]))
    batch = ingest(path)
    reason = batch.reason_for(f"{path}#x9")
    assert "'x9'" in reason
    assert "'html' or 'text'" in reason
    assert [doc.record_id for doc in batch.documents] == ["ok"]


def test_json_wrong_shapes_are_rejected(tmp_path, ingest):
    scalar = tmp_path / "scalar.json"
    scalar.write_text("42")
    mixed = tmp_path / "mixed.json"
    mixed.write_text('[{"text": "fine"}, "not an object", {"id": "n", "text": ["a", "list"]}]')
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    batch = ingest(scalar, mixed, empty)
    assert "not a number" in batch.reason_for(str(scalar))
    assert "item 2 is a string" in batch.reason_for(f"{mixed}#2")
    assert "must be a string, not a list" in batch.reason_for(f"{mixed}#n")
    assert "no records" in batch.reason_for(str(empty))
    assert len(batch.documents) == 1


def test_jsonl_keeps_good_lines_around_a_malformed_one(tmp_path, ingest):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "First."}\n'
        "\n"
        '{"id": "b", "text": "Second.", oops}\n'
        '{"text": "Third, without an id."}\n'
        "[1, 2]\n",
        encoding="utf-8",
    )
    batch = ingest(path)
    assert [doc.source for doc in batch.documents] == [f"{path}#a", f"{path}#4"]
    assert batch.reason_for(f"{path}#3").startswith("malformed JSON on line 3, column")
    assert "line 5 is a list" in batch.reason_for(f"{path}#5")


def test_json_file_holding_json_lines_is_read_as_lines(tmp_path, ingest):
    path = tmp_path / "actually-lines.json"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n')
    assert [doc.record_id for doc in ingest(path).documents] == ["a", "b"]


def test_json_in_legacy_encoding_is_decoded(tmp_path, ingest):
    path = tmp_path / "latin.jsonl"
    line = '{"id": "fr", "text": "Le président a déclaré que la réforme serait adoptée avant l’été."}\n'
    path.write_bytes(line.encode("cp1252"))
    (doc,) = ingest(path).documents
    assert "président" in doc.content


# --- WARC ---


def test_warc_yields_200_html_responses_and_html_resources(tmp_path, ingest, make_warc):
    path = make_warc(
        tmp_path / "crawl.warc.gz",
        [
            {"uri": "https://example.com/a", "body": BODY.encode()},
            {
                "uri": "https://example.com/missing",
                "body": b"<html>Not found</html>",
                "status": "404 Not Found",
            },
            {
                "uri": "https://example.com/logo.png",
                "body": b"\x89PNG\r\n\x1a\n",
                "content_type": "image/png",
            },
            {
                "uri": "https://example.com/meta",
                "body": b"{}",
                "type": "metadata",
                "content_type": "application/json",
            },
            {
                "uri": "https://example.com/b",
                "body": BODY.encode(),
                "type": "resource",
                "content_type": "text/html",
            },
        ],
    )
    batch = ingest(path)
    assert [(doc.source, doc.url, doc.format) for doc in batch.documents] == [
        (f"{path}#https://example.com/a", "https://example.com/a", InputFormat.HTML),
        (f"{path}#https://example.com/b", "https://example.com/b", InputFormat.HTML),
    ]
    assert not batch.rejections


def test_warc_uses_the_http_charset(tmp_path, ingest, make_warc):
    korean = "부산항 신항의 크레인 기사들이 파업을 끝냈다."
    body = f"<html><body><p>{korean}</p></body></html>".encode("euc-kr")
    path = make_warc(
        tmp_path / "kr.warc",
        [{"uri": "https://example.kr/1", "body": body, "content_type": "text/html; charset=EUC-KR"}],
        gzip=False,
    )
    (doc,) = ingest(path).documents
    assert korean in doc.content


def test_truncated_warc_gz_keeps_records_before_the_cut(tmp_path, ingest, make_warc):
    pages = [{"uri": f"https://example.com/{n}", "body": (BODY * 40).encode()} for n in range(3)]
    full = make_warc(tmp_path / "full.warc.gz", pages)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 150])
    batch = ingest(cut)
    assert [doc.url for doc in batch.documents] == ["https://example.com/0", "https://example.com/1"]
    assert "truncated" in batch.reason_for(str(cut))
    assert "kept the 2 documents" in batch.reason_for(str(cut))


def test_truncated_uncompressed_warc_drops_the_partial_record(tmp_path, ingest, make_warc):
    pages = [{"uri": f"https://example.com/{n}", "body": (BODY * 40).encode()} for n in range(2)]
    data = make_warc(tmp_path / "full.warc", pages, gzip=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 500])
    batch = ingest(cut)
    assert [doc.url for doc in batch.documents] == ["https://example.com/0"]
    assert "truncated" in batch.reason_for(str(cut))


def test_warc_record_over_the_cap_is_rejected_alone(tmp_path, ingest, make_warc):
    path = make_warc(
        tmp_path / "mixed.warc.gz",
        [
            {"uri": "https://example.com/big", "body": (BODY * 100).encode()},
            {"uri": "https://example.com/small", "body": BODY.encode()},
        ],
    )
    batch = ingest(path, settings=Settings(max_input_bytes=2000))
    assert "over the" in batch.reason_for(f"{path}#https://example.com/big")
    assert [doc.url for doc in batch.documents] == ["https://example.com/small"]


def test_warc_without_html_and_non_warc_are_rejected(tmp_path, ingest, make_warc):
    images = make_warc(
        tmp_path / "images.warc.gz",
        [{"uri": "https://example.com/a.png", "body": b"\x89PNG", "content_type": "image/png"}],
    )
    fake = tmp_path / "fake.warc"
    fake.write_text("This is not a WARC file at all.\n")
    batch = ingest(images, fake)
    assert "no HTML pages" in batch.reason_for(str(images))
    assert "WARC" in batch.reason_for(str(fake))
