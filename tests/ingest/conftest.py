"""Helpers shared by the ingest tests: run a batch, split its results, write WARC files."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire.config import Settings
from crosswire.ingest import read_inputs
from crosswire.records import RawDocument, Rejection


@dataclass
class Batch:
    items: list[RawDocument | Rejection]

    @property
    def documents(self) -> list[RawDocument]:
        return [item for item in self.items if isinstance(item, RawDocument)]

    @property
    def rejections(self) -> list[Rejection]:
        return [item for item in self.items if isinstance(item, Rejection)]

    def reason_for(self, source: str) -> str:
        reasons = [item.reason for item in self.rejections if item.source == source]
        assert reasons, f"no rejection for {source!r}; got {self.rejections}"
        return reasons[0]


@pytest.fixture
def ingest() -> Callable[..., Batch]:
    def run(*paths: str | Path, settings: Settings | None = None, stdin: io.BytesIO | None = None) -> Batch:
        items = read_inputs([str(path) for path in paths], settings or Settings(), stdin=stdin)
        return Batch(list(items))

    return run


@pytest.fixture
def make_warc() -> Callable[..., Path]:
    return write_warc


@pytest.fixture
def page() -> Callable[..., str]:
    return article_html


def write_warc(path: Path, pages: list[dict[str, object]], *, gzip: bool = True) -> Path:
    """A WARC with one record per page: {"uri", "body", "type"?, "status"?, "content_type"?}."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for page in pages:
            writer.write_record(_record(writer, page))
    return path


def _record(writer: WARCWriter, page: dict[str, object]) -> object:
    body = page["body"]
    assert isinstance(body, bytes)
    record_type = str(page.get("type", "response"))
    content_type = str(page.get("content_type", "text/html; charset=utf-8"))
    if record_type == "response":
        status = str(page.get("status", "200 OK"))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        return writer.create_warc_record(str(page["uri"]), "response", payload=io.BytesIO(body), http_headers=headers)
    return writer.create_warc_record(
        str(page["uri"]), record_type, payload=io.BytesIO(body), warc_content_type=content_type
    )


def article_html(title: str, paragraph: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{paragraph}</p></article>"
        "</body></html>"
    )
