"""Bytes to text without assuming UTF-8.

Scraped news arrives in every legacy encoding (Windows-1252, Shift_JIS, EUC-KR, GB18030...), often
mislabelled. The order of trust follows browsers: a byte-order mark, then what the page or the
server declares, then a statistical guess. Binary files are refused before any of that, so a PDF
or an image never turns into a page of mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

SAMPLE_BYTES = 64 * 1024
DECLARATION_BYTES = 16 * 1024

MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x7fELF", "executable (ELF)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels mapped the way browsers map them (WHATWG Encoding Standard): pages labelled with the
# narrow legacy charset are in practice written in its Windows superset.
_WHATWG_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
}
_LABEL_ALIASES = {"x-sjis": "shift_jis", "windows-31j": "cp932", "x-euc-kr": "euc_kr", "x-gbk": "gbk"}

_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([A-Za-z0-9._:\-]+)", re.I)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9._:\-]+)", re.I)
_RARE_ON_THE_WEB = ("mac", "cp437", "cp7", "cp85", "cp86", "cp1006", "cp1125", "hp_", "kz1048", "ptcp")
_CONTROL_BYTES = frozenset(range(32)) - frozenset(b"\t\n\r\f\v\x1b") | {0x7F}
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


class DecodeError(ValueError):
    """The bytes cannot become text; the message is the rejection reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def binary_kind(data: bytes) -> str | None:
    """A description of why `data` looks binary, or None when it looks like text."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if _bom_encoding(data) or _utf16_without_bom(data):
        return None
    sample = data[:SAMPLE_BYTES]
    nuls = sample.count(0)
    if nuls > max(2, len(sample) // 1000):
        return f"binary data ({nuls} NUL bytes in the first {len(sample)} bytes)"
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > len(sample) * 0.05:
        return "binary data (mostly control characters)"
    return None


def decode(data: bytes, *, http_charset: str | None = None, markup: bool = False) -> Decoded:
    """Decode with the most trustworthy evidence available; raise DecodeError if nothing fits.

    `markup` enables HTML/XML charset declarations; `http_charset` is a server's Content-Type
    charset (from a WARC record).
    """
    decoded = _decode(data, http_charset=http_charset, markup=markup)
    text = clean_text(decoded.text)
    if text and len(_CONTROL_CHARS.findall(text)) > len(text) * 0.05:
        raise DecodeError(f"binary data (mostly control characters once decoded as {decoded.encoding})")
    return Decoded(text, decoded.encoding)


def clean_text(text: str) -> str:
    """Unix newlines, no BOM, no NULs: what every later stage expects."""
    return _NEWLINES.sub("\n", text.removeprefix("\ufeff")).replace("\x00", "")


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _HTTP_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def _decode(data: bytes, *, http_charset: str | None, markup: bool) -> Decoded:
    bom = _bom_encoding(data)
    if bom:
        return _strict(data, bom) or _fail(f"invalid {bom} text despite its byte-order mark")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16) or _fail(f"invalid {utf16} text")
    labels = [http_charset, *(_declared_charsets(data) if markup else ())]
    for label in labels:
        decoded = _declared(data, label)
        if decoded:
            return decoded
    return (
        _strict(data, "utf-8")
        or _mostly_utf8(data)
        or _nearly_declared(data, labels)
        or _guess(data)
        or _fail("undecodable text: not valid in any declared or detected character encoding")
    )


def _declared(data: bytes, label: str | None) -> Decoded | None:
    """Decode with a declared charset, unless the bytes show the declaration is wrong."""
    codec = _codec(label)
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return None  # a declaration readable as ASCII cannot be right about UTF-16
    if codec != "utf-8" and _is_single_byte(codec) and not data.isascii():
        utf8 = _strict(data, "utf-8")
        if utf8:
            return utf8  # the common "server says latin-1, page is UTF-8" mislabel
    return _strict(data, codec)


def _guess(data: bytes) -> Decoded | None:
    """charset-normalizer's guess, steered towards encodings web pages actually use.

    On short Western text it often ranks Mac or DOS code pages above Windows-1252, whose output
    is just as clean; among the guesses with the least chaos, Windows-1252 wins, then any
    encoding common on the web.
    """
    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    near = [match for match in results if match.chaos <= best.chaos + 0.01]
    if any("cp1252" in match.could_be_from_charset for match in near):
        return _strict(data, "cp1252") or _strict(data, best.encoding)
    common = [match for match in near if not match.encoding.startswith(_RARE_ON_THE_WEB)]
    return _strict(data, (common or near)[0].encoding)


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray bytes (pages stitched from two sources): keep it UTF-8, not mojibake."""
    decoded = _nearly(data, "utf-8")
    if decoded is None:
        return None
    errors = decoded.text.count("\ufffd")
    multibyte = sum(1 for char in decoded.text if ord(char) > 127) - errors
    return decoded if multibyte >= 10 * errors else None


def _nearly_declared(data: bytes, labels: list[str | None]) -> Decoded | None:
    """A declared multi-byte charset (Shift_JIS, EUC-KR...) despite a few invalid sequences."""
    for codec in filter(None, map(_codec, labels)):
        decoded = _nearly(data, codec)
        if decoded:
            return decoded
    return None


def _nearly(data: bytes, codec: str) -> Decoded | None:
    """`data` in `codec` if at most one byte in a thousand is invalid (replaced with U+FFFD)."""
    text = data.decode(codec, errors="replace")
    return Decoded(text, codecs.lookup(codec).name) if text.count("\ufffd") <= max(1, len(text) // 1000) else None


def _strict(data: bytes, codec: str) -> Decoded | None:
    try:
        return Decoded(data.decode(codec), codecs.lookup(codec).name)
    except (UnicodeDecodeError, LookupError):
        return None


def _fail(reason: str) -> Decoded:
    raise DecodeError(reason)


def _bom_encoding(data: bytes) -> str | None:
    return next((codec for bom, codec in BOMS if data.startswith(bom)), None)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: one byte of every pair is NUL (for Latin-script text)."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.9 and even < half * 0.1:
        return "utf-16-le"
    if even > half * 0.9 and odd < half * 0.1:
        return "utf-16-be"
    return None


def _declared_charsets(data: bytes) -> list[str]:
    head = data[:DECLARATION_BYTES]
    found = [match.group(1).decode("ascii") for match in (_XML_ENCODING.search(head),) if match]
    found += [match.group(1).decode("ascii") for match in _META_CHARSET.finditer(head)]
    return found


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, widened the way browsers widen it."""
    if not label:
        return None
    label = label.strip().lower()
    try:
        name = codecs.lookup(_LABEL_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return _WHATWG_SUPERSETS.get(name, name)


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp12", "cp8", "iso8859", "latin", "koi8", "mac", "ascii", "tis"))
