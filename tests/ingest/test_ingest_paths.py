"""Paths: files, directories, globs, stdin, and the names messages use for them."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from crosswire.ingest import expand_paths
from crosswire.ingest.sources import InputFile, Kind
from crosswire.records import InputFormat, Rejection

ARTICLE = "<html><body><article><p>Harbour pilots agreed a new contract.</p></article></body></html>"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_formats_follow_extensions(tmp_path, ingest):
    write(tmp_path / "a.html", ARTICLE)
    write(tmp_path / "b.HTM", ARTICLE)
    write(tmp_path / "c.txt", "Plain text dump of an article.\n")
    batch = ingest(tmp_path / "a.html", tmp_path / "b.HTM", tmp_path / "c.txt")
    assert [doc.format for doc in batch.documents] == [InputFormat.HTML, InputFormat.HTML, InputFormat.TEXT]
    assert not batch.rejections


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden_and_unsupported(tmp_path, ingest):
    root = tmp_path / "dump"
    for name in ["b.html", "a.txt", "sub/c.html", "sub/deeper/d.txt", "z.txt"]:
        write(root / name, ARTICLE if name.endswith("html") else "Text of an article.\n")
    write(root / ".hidden.html", ARTICLE)
    write(root / ".git" / "config.txt", "not an article\n")
    write(root / "notes.md", "# not supported\n")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n")
    batch = ingest(root)
    assert [doc.source for doc in batch.documents] == [
        f"{root}/a.txt",
        f"{root}/b.html",
        f"{root}/sub/c.html",
        f"{root}/sub/deeper/d.txt",
        f"{root}/z.txt",
    ]
    assert not batch.rejections


def test_sources_keep_the_path_as_given(tmp_path, ingest, monkeypatch):
    write(tmp_path / "in" / "story.html", ARTICLE)
    monkeypatch.chdir(tmp_path)
    batch = ingest("in/", "./in/story.html")
    assert [doc.source for doc in batch.documents] == ["in/story.html"]  # the same file once


def test_empty_directory_and_directory_without_supported_files_are_rejected(tmp_path, ingest):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "pdfs" / "report.pdf", b"%PDF-1.7")
    batch = ingest(tmp_path / "empty", tmp_path / "pdfs")
    assert "no supported files" in batch.reason_for(str(tmp_path / "empty"))
    assert "no supported files" in batch.reason_for(str(tmp_path / "pdfs"))


def test_explicit_unsupported_extension_is_rejected(tmp_path, ingest):
    write(tmp_path / "report.pdf", b"%PDF-1.7")
    write(tmp_path / "README", "plain\n")
    batch = ingest(tmp_path / "report.pdf", tmp_path / "README")
    assert "unsupported file type: '.pdf'" in batch.reason_for(str(tmp_path / "report.pdf"))
    assert "without an extension" in batch.reason_for(str(tmp_path / "README"))


def test_missing_path_is_rejected_and_the_batch_goes_on(tmp_path, ingest):
    write(tmp_path / "ok.html", ARTICLE)
    batch = ingest(tmp_path / "missing.html", tmp_path / "ok.html")
    assert batch.reason_for(str(tmp_path / "missing.html")) == "no such file or directory"
    assert len(batch.documents) == 1


def test_broken_symlink_is_rejected(tmp_path, ingest):
    link = tmp_path / "gone.html"
    link.symlink_to(tmp_path / "nowhere.html")
    assert "broken symbolic link" in ingest(link).reason_for(str(link))


def test_glob_patterns_are_expanded_by_us(tmp_path, ingest):
    for name in ["one.html", "two.html", "three.txt", "sub/four.html"]:
        write(tmp_path / name, ARTICLE)
    batch = ingest(f"{tmp_path}/*.html")
    assert [Path(doc.source).name for doc in batch.documents] == ["one.html", "two.html"]
    recursive = ingest(f"{tmp_path}/**/*.html")
    assert sorted(Path(doc.source).name for doc in recursive.documents) == [
        "four.html",
        "one.html",
        "two.html",
    ]


def test_glob_without_matches_is_rejected(tmp_path, ingest):
    write(tmp_path / "a.pdf", b"%PDF-1.4")
    batch = ingest(f"{tmp_path}/*.xml", f"{tmp_path}/*.pdf")
    assert "no files match" in batch.reason_for(f"{tmp_path}/*.xml")
    assert "no supported files match" in batch.reason_for(f"{tmp_path}/*.pdf")


def test_glob_matching_a_directory_reads_it(tmp_path, ingest):
    write(tmp_path / "2024-01" / "a.html", ARTICLE)
    write(tmp_path / "2024-02" / "b.html", ARTICLE)
    batch = ingest(f"{tmp_path}/2024-*")
    assert [Path(doc.source).name for doc in batch.documents] == ["a.html", "b.html"]


def test_file_whose_name_looks_like_a_glob_is_read_as_a_file(tmp_path, ingest):
    path = write(tmp_path / "what[1].html", ARTICLE)
    assert [doc.source for doc in ingest(path).documents] == [str(path)]


def test_expand_paths_reports_kinds(tmp_path):
    write(tmp_path / "a.warc.gz", b"")
    write(tmp_path / "b.jsonl", "{}\n")
    items = list(expand_paths([str(tmp_path), "-"]))
    assert items == [
        InputFile(f"{tmp_path}/a.warc.gz", f"{tmp_path}/a.warc.gz", Kind.WARC),
        InputFile(f"{tmp_path}/b.jsonl", f"{tmp_path}/b.jsonl", Kind.JSONL),
        InputFile("<stdin>", None, Kind.STDIN),
    ]
    assert not any(isinstance(item, Rejection) for item in items)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode(), InputFormat.HTML),
        (
            b"  \n<!doctype html><html><body><p>Hello from stdin, a short note.</p></body></html>",
            InputFormat.HTML,
        ),
        (b"Just a plain text article pasted into the terminal.\n", InputFormat.TEXT),
        ("\ufeff<html><body><p>BOM first, then markup.</p></body></html>".encode(), InputFormat.HTML),
    ],
)
def test_stdin_format_is_sniffed(ingest, data, expected):
    batch = ingest("-", stdin=io.BytesIO(data))
    assert [(doc.source, doc.format) for doc in batch.documents] == [("<stdin>", expected)]


def test_stdin_json_and_jsonl_are_sniffed(ingest):
    one = b'{"id": "a1", "text": "A record sent on stdin."}'
    lines = b'{"id": "a1", "text": "First."}\n{"id": "a2", "text": "Second."}\n'
    listed = b'[{"id": "a1", "html": "<p>First.</p>"}]'
    assert [doc.source for doc in ingest("-", stdin=io.BytesIO(one)).documents] == ["<stdin>#a1"]
    assert [doc.source for doc in ingest("-", stdin=io.BytesIO(lines)).documents] == [
        "<stdin>#a1",
        "<stdin>#a2",
    ]
    assert [doc.format for doc in ingest("-", stdin=io.BytesIO(listed)).documents] == [InputFormat.HTML]


def test_stdin_warc_is_sniffed(tmp_path, ingest, make_warc):
    path = make_warc(tmp_path / "x.warc.gz", [{"uri": "https://example.com/a", "body": ARTICLE.encode()}])
    batch = ingest("-", stdin=io.BytesIO(path.read_bytes()))
    assert [(doc.source, doc.url) for doc in batch.documents] == [
        ("<stdin>#https://example.com/a", "https://example.com/a")
    ]


def test_stdin_problems_are_rejections(ingest):
    from crosswire.config import Settings

    assert ingest("-", stdin=io.BytesIO(b"")).reason_for("<stdin>") == "empty input (0 bytes)"
    big = ingest("-", stdin=io.BytesIO(b"x" * 200), settings=Settings(max_input_bytes=100))
    assert "over the 100 bytes limit" in big.reason_for("<stdin>")
    png = ingest("-", stdin=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(100)))
    assert "PNG image" in png.reason_for("<stdin>")


def test_relative_directory_sources_join_the_given_prefix(tmp_path, ingest, monkeypatch):
    write(tmp_path / "news" / "x.txt", "Some text.\n")
    monkeypatch.chdir(tmp_path)
    assert [doc.source for doc in ingest("news").documents] == [os.path.join("news", "x.txt")]


def test_unreadable_subdirectory_is_rejected_and_the_rest_is_read(tmp_path, ingest, monkeypatch):
    write(tmp_path / "a" / "ok.html", ARTICLE)
    write(tmp_path / "b" / "locked.html", ARTICLE)
    real_scandir = os.scandir

    def scandir(path):
        if str(path) == str(tmp_path / "b"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    batch = ingest(tmp_path)
    assert [Path(doc.source).name for doc in batch.documents] == ["ok.html"]
    assert batch.reason_for(str(tmp_path / "b")) == "cannot read directory: permission denied"


def test_unreadable_directory_via_permissions(tmp_path, ingest):
    if os.geteuid() == 0:
        pytest.skip("root can list directories without read permission")
    locked = tmp_path / "locked"
    write(locked / "story.html", ARTICLE)
    locked.chmod(0)
    try:
        assert ingest(locked).reason_for(str(locked)) == "cannot read directory: permission denied"
    finally:
        locked.chmod(0o755)
