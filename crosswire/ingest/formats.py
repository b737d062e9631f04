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
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from crosswire.config import EXPANSION_FLOOR, Settings
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


def read_text(source: str, data: bytes, max_line_length: int) -> RawDocument | Rejection:
    """A text dump; a line longer than any paragraph is refused, since every later stage reads it line by line."""
    decoded = decode_input(source, data)
    if isinstance(decoded, Rejection):
        return decoded
    longest = max(map(len, decoded.text.split("\n")))
    if longest > max_line_length:
        limit = f"the {max_line_length:,} limit (max_line_length)"
        return Rejection(source, f"a line of {longest:,} characters, over {limit}: no article's paragraph is that long")
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
    """A document from one record, which names its own id, url and supplied metadata.

    A metadata field of the wrong JSON type (`"published": 12345`) is left out with a warning naming
    it, never turned into a guess.
    """
    warnings: list[str] = []
    record_id = _string(record, "id", warnings, numbers=True)
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
    supplied = SuppliedFields(
        title=_string(record, "title", warnings),
        published=_string(record, "published", warnings),
        outlet=_string(record, "outlet", warnings),
        byline=_byline(record, warnings),
    )
    return RawDocument(
        source=where,
        format=fmt,
        content=clean_text(body),
        url=_string(record, "url", warnings),
        record_id=record_id,
        encoding=encoding,
        supplied=supplied,
        warnings=tuple(warnings),
        record=True,
    )


def _byline(record: dict[str, Any], warnings: list[str]) -> str | None:
    """A byline given as one string, or as a list of names (strings or {"name": ...} objects)."""
    value = record.get("byline")
    if not isinstance(value, list):
        return _string(record, "byline", warnings)
    names = [item.get("name") if isinstance(item, dict) else item for item in value]
    if not all(isinstance(name, str) for name in names):
        warnings.append("field 'byline' lists something other than names (strings or {\"name\": ...}): left it out")
    return ", ".join(name.strip() for name in names if isinstance(name, str) and name.strip()) or None


def _string(record: dict[str, Any], key: str, warnings: list[str], *, numbers: bool = False) -> str | None:
    """The field's text; a field of another type is left out with a warning (an id may be a number)."""
    value = record.get(key)
    if isinstance(value, str):
        return value.strip() or None
    if numbers and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if value is not None:
        shown = "" if isinstance(value, dict | list) else f" ({json.dumps(value)[:40]})"
        warnings.append(f"field '{key}' is {_json_type(value)}{shown}, not a string: left it out")
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


class ArchiveLimitExceeded(Exception):
    """A WARC breaks a bound on the work it may cost; the message is the rejection reason."""


class _Inflated:
    """A multi-member gzip stream read as its decompressed bytes, a bounded piece at a time.

    warcio inflates each block whole and reads header lines to their end however long they are; fed
    through this, no read returns more than it asks, a WARC that inflates past `max_expansion` times its
    compressed size (once over `EXPANSION_FLOOR`) is refused as a bomb, and a member cut off by the end
    of the file is noticed (warcio stops there quietly).
    """

    def __init__(self, stream: BinaryIO, settings: Settings) -> None:
        self.stream = stream
        self.settings = settings
        self.compressed = self.inflated = 0
        self.truncated = False
        self._member: Any = None
        self._input = b""

    def read(self, size: int = -1) -> bytes:
        wanted = _WARC_BUFFER if size is None or size < 0 else min(size, _WARC_BUFFER)
        while wanted:
            if not self._input:
                self._input = self.stream.read(_WARC_BUFFER)
                self.compressed += len(self._input)
                if not self._input:
                    self.truncated = self._member is not None
                    return b""
            self._member = self._member or zlib.decompressobj(31)
            data = self._member.decompress(self._input, wanted)
            if self._member.eof:
                self._input, self._member = self._member.unused_data, None
            else:
                self._input = self._member.unconsumed_tail
            if data:
                self._count(len(data))
                return data
        return b""

    def tell(self) -> int:
        return self.inflated

    def _count(self, size: int) -> None:
        self.inflated += size
        allowed = max(EXPANSION_FLOOR, self.settings.max_expansion * self.compressed)
        if self.inflated > allowed:
            raise ArchiveLimitExceeded(
                f"decompression bomb: {describe_size(self.compressed)} inflated to over "
                f"{describe_size(self.inflated)}, more than {self.settings.max_expansion} times (max_expansion)"
            )


class _LineBoundedReader(DecompressingBufferedReader):
    """warcio's reader, refusing a header line longer than the limit instead of reading it whole."""

    def __init__(self, stream: Any, max_line: int) -> None:
        super().__init__(stream)
        self.max_line = max_line

    def readline(self, length: int | None = None) -> bytes:
        """Up to the end of the line, or `length` bytes; warcio's own stops short at block boundaries."""
        bound = self.max_line + 1 if length is None else min(length, self.max_line + 1)
        parts: list[bytes] = []
        size = 0
        while size < bound and not (parts and parts[-1].endswith(b"\n")):
            part: bytes = super().readline(bound - size)
            if not part:
                break
            parts.append(part)
            size += len(part)
        line = b"".join(parts)
        if len(line) > self.max_line:
            raise ArchiveLimitExceeded(f"a WARC header line over {self.max_line:,} bytes (max_line_length)")
        return line


class _BoundedArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    def __init__(self, stream: Any, max_line: int) -> None:
        super().__init__(stream)
        self.reader = _LineBoundedReader(self.fh, max_line)


def read_warc(source: str, stream: BinaryIO, settings: Settings) -> Iterator[RawDocument | Rejection]:
    """HTML pages from a WARC's 200 responses and resource records; other records are skipped.

    Memory stays bounded whatever the archive holds: records stream through, a body is read up to
    `max_input_bytes`, a header line up to `max_line_length`, and a gzip bomb is refused.
    """
    inflated = _Inflated(stream, settings) if _peek(stream) == GZIP_MAGIC else None
    kept = records = 0
    truncated = False
    try:
        for record in _BoundedArchiveIterator(inflated or stream, settings.max_line_length):
            records += 1
            item = _warc_record(source, record, settings.max_input_bytes)
            if not _drained(record):
                truncated = True
                break
            if item is not None:
                kept += isinstance(item, RawDocument)
                yield item
    except ArchiveLimitExceeded as error:
        yield Rejection(source, f"{error}; kept the {kept} documents before it")
        return
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
        yield Rejection(source, f"unreadable WARC after {records} records: {error}")
        return
    if truncated or (inflated and inflated.truncated):
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
