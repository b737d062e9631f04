"""Decompression bombs built small: a gzip member whose deflate stream repeats one block.

A block ended by a full flush refers to nothing before it, so the same compressed block written
`repeats` times inflates to `filler * repeats`: a 1 MB file that inflates to 1 GiB costs
milliseconds to build, not the seconds compressing a gigabyte would.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1024 * 1024
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"


def gzip_bomb(prefix: bytes, filler: bytes, repeats: int, suffix: bytes = b"") -> bytes:
    """One gzip member inflating to `prefix + filler * repeats + suffix`, with a correct trailer."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(filler) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.compress(suffix) + deflate.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(repeats):
        crc = zlib.crc32(filler, crc)
    crc = zlib.crc32(suffix, crc)
    size = len(prefix) + len(filler) * repeats + len(suffix)
    return GZIP_HEADER + head + block * repeats + tail + struct.pack("<II", crc, size % 2**32)


def header_line_bomb(path: Path, gib: int = 1) -> Path:
    """A .warc.gz whose first header line (the target URI) is `gib` GiB long."""
    prefix = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/"
    path.write_bytes(gzip_bomb(prefix, b"a" * MIB, 1024 * gib, b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n"))
    return path


def body_bomb(path: Path, gib: int = 1) -> Path:
    """A .warc.gz holding one 200 HTML response whose body is `gib` GiB of zeros, as its length says."""
    body_size = 1024 * MIB * gib
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/bomb\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(http) + body_size}\r\n\r\n".encode()
    )
    path.write_bytes(gzip_bomb(warc + http, bytes(MIB), 1024 * gib, b"\r\n\r\n"))
    return path
