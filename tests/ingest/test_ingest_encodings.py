"""Encodings: BOMs, declarations, guesses, newlines, and what counts as binary."""

from __future__ import annotations

import codecs

import pytest

from crosswire.ingest.decoding import DecodeError, binary_kind, decode

FRENCH = "Le président a déclaré mercredi que la réforme des retraites serait adoptée avant l’été, malgré les grèves."
GERMAN = "Die Straße bleibt wegen Bauarbeiten bis Ende März gesperrt, teilte die Stadtverwaltung mit."
KOREAN = "부산항 신항의 크레인 기사들이 사흘간의 파업을 끝내고 화요일 아침 업무에 복귀했다."


def korean_page(declaration: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='ko'><head>{declaration}<title>부산항 파업 종료</title></head>"
        f"<body><article><h1>부산항 파업 종료</h1><p>{KOREAN}</p></article></body></html>"
    )


def test_cp1252_text_without_declaration_is_guessed(tmp_path, ingest):
    path = tmp_path / "story.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    (doc,) = ingest(path).documents
    assert doc.content == FRENCH
    assert doc.encoding == "cp1252"


def test_latin1_text_without_declaration_is_guessed(tmp_path, ingest):
    path = tmp_path / "story.txt"
    path.write_bytes(GERMAN.encode("latin-1"))
    (doc,) = ingest(path).documents
    assert doc.content == GERMAN


def test_utf8_with_bom(tmp_path, ingest):
    path = tmp_path / "story.txt"
    path.write_bytes(codecs.BOM_UTF8 + FRENCH.encode("utf-8"))
    (doc,) = ingest(path).documents
    assert doc.content == FRENCH
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path, ingest, codec):
    path = tmp_path / "story.html"
    text = f"<html><body><p>{FRENCH}</p></body></html>"
    data = text.encode(codec) if codec == "utf-16" else codecs.BOM_UTF16_BE + text.encode(codec)
    path.write_bytes(data)
    (doc,) = ingest(path).documents
    assert doc.content == text
    assert doc.encoding == "utf-16"


def test_utf16_without_bom_is_recognised_not_called_binary(tmp_path, ingest):
    path = tmp_path / "story.txt"
    path.write_bytes(GERMAN.encode("utf-16-le"))
    (doc,) = ingest(path).documents
    assert doc.content == GERMAN


def test_euc_kr_html_with_meta_charset(tmp_path, ingest):
    html = korean_page('<meta charset="euc-kr">')
    path = tmp_path / "busan.html"
    path.write_bytes(html.encode("euc-kr"))
    (doc,) = ingest(path).documents
    assert KOREAN in doc.content
    assert doc.encoding in {"euc_kr", "cp949"}


def test_http_equiv_declaration(tmp_path, ingest):
    html = korean_page('<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR">')
    path = tmp_path / "busan.htm"
    path.write_bytes(html.encode("euc-kr"))
    (doc,) = ingest(path).documents
    assert KOREAN in doc.content


def test_declaration_contradicted_by_valid_utf8_loses(tmp_path, ingest):
    html = f'<html><head><meta charset="iso-8859-1"></head><body><p>{FRENCH}</p></body></html>'
    path = tmp_path / "mislabelled.html"
    path.write_bytes(html.encode("utf-8"))
    (doc,) = ingest(path).documents
    assert FRENCH in doc.content
    assert doc.encoding == "utf-8"


def test_windows_newlines_and_stray_nuls_are_normalised(tmp_path, ingest):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"First line.\r\nSecond line.\rThird\x00 line.\r\n")
    (doc,) = ingest(path).documents
    assert doc.content == "First line.\nSecond line.\nThird line.\n"


def test_decode_prefers_the_http_charset_to_a_guess():
    data = KOREAN.encode("euc-kr")
    assert decode(data, http_charset="euc-kr").text == KOREAN


def test_undecodable_bytes_raise():
    with pytest.raises(DecodeError, match="undecodable"):
        decode(bytes(range(128, 256)) * 3)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"text\x00\x00\x00\x00with\x00\x00\x00\x00nuls" * 10, "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_kinds(data, kind):
    assert kind in (binary_kind(data) or "")


def test_text_is_not_binary():
    assert binary_kind(FRENCH.encode("utf-8")) is None
    assert binary_kind(KOREAN.encode("euc-kr")) is None
    assert binary_kind("\u3053\u3093\u306b\u3061\u306f".encode("shift_jis")) is None


def test_utf8_with_a_stray_byte_stays_utf8():
    data = (FRENCH * 20).encode("utf-8") + b" caf\xe9 " + (FRENCH * 20).encode("utf-8")
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(FRENCH)
    assert decoded.text.count("\ufffd") == 1


def test_declared_multibyte_charset_survives_one_bad_sequence():
    html = korean_page('<meta charset="euc-kr">') * 5
    data = html.encode("euc-kr").replace(b"</p>", b"\xff</p>", 1)
    decoded = decode(data, markup=True)
    assert decoded.encoding == "cp949"
    assert KOREAN in decoded.text
