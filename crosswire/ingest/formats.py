"""Readers that turn one input's bytes into documents, one reader per format.

Each reader yields a RawDocument per document and a Rejection per problem, so one bad record in
a JSONL dump or a cut-off WARC costs only what is actually broken.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crosswire.ingest.decoding import (
    Decoded,
    DecodeError,
    binary_kind,
    charset_from_content_type,
    clean_text,
    decode,
)
from crosswire.ingest.sources import Kind, describe_size
from crosswire.records import InputFormat, RawDocument, Rejection, SuppliedFields

GZIP_MAGIC = b"\x1f\x8b"
_WARC_BUFFER = 64 * 1024


def sniff(data: bytes) -> Kind:
    """The format of unnamed input (stdin) from its first bytes."""
    if data.startswith(GZIP_MAGIC):
        return Kind.WARC if _gunzip_head(data).startswith(b"WARC/") else Kind.TEXT
    head = _head_text(data)
    if head.startswith("WARC/"):
        return Kind.WARC
    if head.startswith("<"):
        return Kind.HTML
    if head.startswith(("{", "[")):
        return Kind.JSON
    return Kind.TEXT


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def _head_text(data: bytes) -> str:
    head = data[:1024]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore").lstrip()
    return head.decode("latin-1").lstrip()


def decode_input(
    source: str, data: bytes, *, markup: bool = False, http_charset: str | None = None
) -> Decoded | Rejection:
    """Text from bytes, or the reason there is none (binary, undecodable, blank)."""
    kind = binary_kind(data)
    if kind:
        return Rejection(source, f"binary file, not text: {kind}")
    try:
        decoded = decode(data, markup=markup, http_charset=http_charset)
    except DecodeError as error:
        return Rejection(source, str(error))
    if not decoded.text.strip():
        return Rejection(source, "empty file (only whitespace)")
    return decoded


def read_html(
    source: str, data: bytes, *, url: str | None = None, http_charset: str | None = None
) -> RawDocument | Rejection:
    decoded = decode_input(source, data, markup=True, http_charset=http_charset)
    if isinstance(decoded, Rejection):
        return decoded
    return RawDocument(source, InputFormat.HTML, decoded.text, url=url, encoding=decoded.encoding)


def read_text(source: str, data: bytes) -> RawDocument | Rejection:
    decoded = decode_input(source, data)
    if isinstance(decoded, Rejection):
        return decoded
    return RawDocument(source, InputFormat.TEXT, decoded.text, encoding=decoded.encoding)


# --- JSON and JSON Lines ---------------------------------------------------------------------


def read_json(source: str, data: bytes) -> Iterator[RawDocument | Rejection]:
    """One object or a list of objects; a file of one object per line is read as JSON Lines."""
    decoded = decode_input(source, data)
    if isinstance(decoded, Rejection):
        yield decoded
        return
    try:
        parsed = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _looks_like_lines(decoded.text):
            yield from _read_lines(source, decoded)
        else:
            where = f"line {error.lineno}, column {error.colno}"
            yield Rejection(source, f"malformed JSON at {where}: {error.msg}")
        return
    yield from _read_parsed(source, parsed, decoded.encoding)


def read_jsonl(source: str, data: bytes) -> Iterator[RawDocument | Rejection]:
    decoded = decode_input(source, data)
    if isinstance(decoded, Rejection):
        yield decoded
        return
    yield from _read_lines(source, decoded)


def _looks_like_lines(text: str) -> bool:
    return all(line.lstrip().startswith("{") for line in text.split("\n") if line.strip())


def _read_parsed(source: str, parsed: Any, encoding: str) -> Iterator[RawDocument | Rejection]:
    if isinstance(parsed, dict):
        yield _record(source, parsed, None, encoding)
    elif isinstance(parsed, list):
        if not parsed:
            yield Rejection(source, "JSON list is empty: no records")
        for index, item in enumerate(parsed, start=1):
            if isinstance(item, dict):
                yield _record(source, item, f"{index}", encoding)
            else:
                yield Rejection(f"{source}#{index}", f"item {index} is {_json_type(item)}, not a JSON object")
    else:
        yield Rejection(source, f"JSON must be an object or a list of objects, not {_json_type(parsed)}")


def _read_lines(source: str, decoded: Decoded) -> Iterator[RawDocument | Rejection]:
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            parsed = json.loads(line)
        except json.JSONDecodeError as error:
            reason = f"malformed JSON on line {number}, column {error.colno}: {error.msg}"
            yield Rejection(f"{source}#{number}", reason)
            continue
        if isinstance(parsed, dict):
            yield _record(source, parsed, f"{number}", decoded.encoding, on_line=True)
        else:
            yield Rejection(f"{source}#{number}", f"line {number} is {_json_type(parsed)}, not a JSON object")


def _record(
    source: str, record: dict[str, Any], position: str | None, encoding: str, *, on_line: bool = False
) -> RawDocument | Rejection:
    """A document from one record, which names its own id, url and supplied metadata."""
    record_id = _string(record.get("id"))
    where = f"{source}#{record_id or position}" if record_id or position else source
    name = _record_name(record_id, position, on_line)
    html, text = record.get("html"), record.get("text")
    for key, value in (("html", html), ("text", text)):
        if value is not None and not isinstance(value, str):
            return Rejection(where, f"{name}: field '{key}' must be a string, not {_json_type(value)}")
    if html and html.strip():
        fmt, body = InputFormat.HTML, html
    elif text and text.strip():
        fmt, body = InputFormat.TEXT, text
    else:
        return Rejection(where, f"{name} has no article content: it needs a non-empty 'html' or 'text' field")
    return RawDocument(
        source=where,
        format=fmt,
        content=clean_text(body),
        url=_string(record.get("url")),
        record_id=record_id,
        encoding=encoding,
        supplied=_supplied(record),
    )


def _supplied(record: dict[str, Any]) -> SuppliedFields:
    return SuppliedFields(
        title=_string(record.get("title")),
        published=_string(record.get("published")),
        outlet=_string(record.get("outlet")),
        byline=_byline(record.get("byline")),
    )


def _byline(value: Any) -> str | None:
    """A byline given as one string, or as a list of names (strings or {"name": ...} objects)."""
    if isinstance(value, list):
        names = [_string(item.get("name") if isinstance(item, dict) else item) for item in value]
        return ", ".join(name for name in names if name) or None
    return _string(value)


def _string(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def _record_name(record_id: str | None, position: str | None, on_line: bool) -> str:
    if record_id:
        return f"JSON record '{record_id}'" + (f" (line {position})" if on_line else "")
    if position:
        return f"JSON record on line {position}" if on_line else f"JSON record {position}"
    return "JSON record"


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


# --- WARC ------------------------------------------------------------------------------------


class _GzipWatcher:
    """Follows a multi-member gzip stream as warcio reads it, to tell a complete file from a cut one.

    warcio stops quietly at a cut; only a decompressor left mid-member shows the file was truncated.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self._member: Any = None
        self.corrupt = False

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self._follow(data)
        return data

    def tell(self) -> int:
        return self.stream.tell()

    @property
    def complete(self) -> bool:
        return self._member is None and not self.corrupt

    def _follow(self, data: bytes) -> None:
        while data and not self.corrupt:
            self._member = self._member or zlib.decompressobj(31)
            try:
                self._member.decompress(data)
            except zlib.error:
                self.corrupt = True
                return
            if not self._member.eof:
                return
            data, self._member = self._member.unused_data, None


def read_warc(source: str, stream: BinaryIO, max_record_bytes: int) -> Iterator[RawDocument | Rejection]:
    """HTML pages from a WARC's 200 responses and resource records; other records are skipped."""
    watcher = _GzipWatcher(stream) if _peek(stream) == GZIP_MAGIC else None
    kept = records = 0
    truncated = False
    try:
        for record in ArchiveIterator(watcher or stream):
            records += 1
            item = _warc_record(source, record, max_record_bytes)
            if not _drained(record):
                truncated = True
                break
            if item is not None:
                kept += isinstance(item, RawDocument)
                yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
        yield Rejection(source, f"unreadable WARC after {records} records: {error}")
        return
    if truncated or (watcher and not watcher.complete):
        reason = f"truncated WARC: the file ends inside a record; kept the {kept} documents before the cut"
        yield Rejection(source, reason)
    elif records == 0:
        yield Rejection(source, "not a WARC file, or a WARC with no records")
    elif kept == 0:
        reason = f"no HTML pages: none of its {records} WARC records is a 200 HTML response or resource"
        yield Rejection(source, reason)


def _peek(stream: BinaryIO) -> bytes:
    position = stream.tell()
    head = stream.read(2)
    stream.seek(position)
    return head


def _warc_record(source: str, record: Any, max_bytes: int) -> RawDocument | Rejection | None:
    content_type = _html_content_type(record)
    if content_type is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{source}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
    limit = f"the {describe_size(max_bytes)} limit (max_input_bytes)"
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > max_bytes:
        return Rejection(where, f"record is {describe_size(length)}, over {limit}")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Rejection(where, f"decompressed body is over {limit}")
    if not body.strip():
        return Rejection(where, "empty response body")
    return read_html(where, body, url=uri, http_charset=charset_from_content_type(content_type))


def _html_content_type(record: Any) -> str | None:
    """The Content-Type of a record worth reading (a 200 HTML response or an HTML resource)."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or headers.get_statuscode() != "200":
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    return content_type if "html" in content_type.lower() else None


def _drained(record: Any) -> bool:
    """Whether the record's full declared length was present (False when the file was cut)."""
    raw = record.raw_stream
    while raw.read(_WARC_BUFFER):
        pass
    return getattr(raw, "limit", 0) <= 0
