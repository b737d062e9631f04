"""Bad input: each problem is one Rejection with a reason, and the batch carries on."""

from __future__ import annotations

import os

import pytest

import crosswire.ingest as ingest_module
from crosswire.config import Settings
from crosswire.records import InputFormat, RawDocument, Rejection

GOOD = "<html><body><article><p>The council approved the budget on Tuesday.</p></article></body></html>"


@pytest.fixture
def files(tmp_path):
    def make(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return str(path)

    return make


def test_empty_file(files, ingest):
    path = files("empty.html", b"")
    assert ingest(path).reason_for(path) == "empty file (0 bytes)"


def test_whitespace_only_file(files, ingest):
    path = files("blank.txt", " \n\t\r\n  ")
    assert ingest(path).reason_for(path) == "empty file (only whitespace)"


def test_png_with_html_extension(files, ingest):
    path = files("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert ingest(path).reason_for(path) == "binary file, not text: PNG image"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "gzip-compressed data"),
    ],
)
def test_known_binary_formats(files, ingest, content, kind):
    path = files("story.txt", content)
    assert kind in ingest(path).reason_for(path)


def test_nul_bytes(files, ingest):
    path = files("dump.txt", b"Some words\x00\x00\x00\x00 then \x00\x00\x01\x02 more\x00\x00" * 50)
    reason = ingest(path).reason_for(path)
    assert reason.startswith("binary file, not text:")
    assert "NUL bytes" in reason


def test_mostly_control_characters(files, ingest):
    path = files("noise.txt", bytes(range(1, 9)) * 100 + b"a few letters")
    assert "control characters" in ingest(path).reason_for(path)


def test_file_over_the_size_cap_is_rejected_before_reading(files, ingest, monkeypatch):
    path = files("huge.html", "<p>" + "x" * 5000 + "</p>")
    monkeypatch.setattr(ingest_module, "open_binary", pytest.fail)  # must not even open it
    reason = ingest(path, settings=Settings(max_input_bytes=1024)).reason_for(path)
    assert reason == "file is 5,007 bytes (4.9 KiB), over the 1,024 bytes (1.0 KiB) limit (max_input_bytes)"


def test_undecodable_text(files, ingest):
    path = files("garbled.txt", bytes(range(128, 256)) * 4)
    assert "undecodable" in ingest(path).reason_for(path)


def test_unreadable_file_via_permissions(files, ingest):
    if os.geteuid() == 0:
        pytest.skip("root can read files without read permission")
    path = files("secret.html", GOOD)
    os.chmod(path, 0)
    try:
        assert ingest(path).reason_for(path) == "permission denied"
    finally:
        os.chmod(path, 0o644)


def test_unreadable_file(files, ingest, monkeypatch):
    path = files("secret.html", GOOD)
    good = files("fine.html", GOOD)

    def deny(name: str):
        if name == path:
            raise PermissionError(13, "Permission denied", name)
        return open(name, "rb")

    monkeypatch.setattr(ingest_module, "open_binary", deny)
    batch = ingest(path, good)
    assert batch.reason_for(path) == "permission denied"
    assert [doc.source for doc in batch.documents] == [good]


def test_other_os_errors_are_reported(files, ingest, monkeypatch):
    path = files("flaky.txt", "text")

    def broken(name: str):
        raise OSError(5, "Input/output error", name)

    monkeypatch.setattr(ingest_module, "open_binary", broken)
    assert ingest(path).reason_for(path) == "cannot read: Input/output error"


def test_bad_file_in_the_middle_of_a_batch(files, ingest, make_warc, tmp_path):
    sources = [
        files("01.html", GOOD),
        files("02.html", b""),
        files("03.txt", "A text dump of an article.\n"),
        files("04.png.html", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        files("05.jsonl", '{"id": "a", "text": "One."}\nnot json\n{"id": "b", "html": "<p>Two.</p>"}\n'),
        str(tmp_path / "06-missing.html"),
        files("07.json", '{"id": "c", "title": "no body"}'),
        str(make_warc(tmp_path / "08.warc.gz", [{"uri": "https://example.com/w", "body": GOOD.encode()}])),
        files("09.html", GOOD),
    ]
    items = list(ingest_module.read_inputs(sources))
    documents = [item.source for item in items if isinstance(item, RawDocument)]
    rejections = [item.source for item in items if isinstance(item, Rejection)]
    assert documents == [
        sources[0],
        sources[2],
        f"{sources[4]}#a",
        f"{sources[4]}#b",
        f"{sources[7]}#https://example.com/w",
        sources[8],
    ]
    assert rejections == [sources[1], sources[3], f"{sources[4]}#2", sources[5], f"{sources[6]}#c"]


def test_an_unexpected_reader_error_rejects_only_that_input(files, ingest, monkeypatch):
    boom = files("boom.txt", "text")
    fine = files("fine.txt", "text")

    def explode(source: str, data: bytes, settings: Settings):
        if source == boom:
            raise RuntimeError("reader bug")
        return RawDocument(source, InputFormat.TEXT, data.decode())

    monkeypatch.setitem(ingest_module._READERS, ingest_module.Kind.TEXT, explode)
    batch = ingest(boom, fine)
    assert "RuntimeError: reader bug" in batch.reason_for(boom)
    assert [doc.source for doc in batch.documents] == [fine]


def test_malformed_html_is_not_rejected_here(files, ingest):
    path = files("broken.html", "<html><body><div><p>Unclosed <b>tags</span></table>")
    assert [doc.source for doc in ingest(path).documents] == [path]
