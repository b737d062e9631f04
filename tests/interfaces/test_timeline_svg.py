"""The timeline picture: one row per entry, escaped text, links only when asked for."""

from __future__ import annotations

import lxml.etree

from crosswire.interfaces.timeline_svg import timeline_svg

ENTRIES = [
    {"date": "2019", "precision": "year", "text": "An old <summit> & more", "articles": ["a1"]},
    {"date": "2023-09-04", "precision": "day", "text": "Talks advance", "articles": ["a1", "a2", "a3"]},
    {"date": "2023-09-05", "precision": "day", "text": "Warnings " * 40, "articles": ["a2"]},
]
OUTLETS = {"a1": "CNN", "a2": "The Korea Herald", "a3": "Yonhap"}
SVG = "{http://www.w3.org/2000/svg}"


def test_rows_dots_and_escaping() -> None:
    svg = lxml.etree.fromstring(str(timeline_svg(ENTRIES, OUTLETS)).encode())
    circles = svg.findall(f".//{SVG}circle")
    assert len(circles) == 3
    assert circles[0].get("fill") == "#ffffff" and circles[1].get("fill") != "#ffffff"  # a year is a ring
    assert float(circles[1].get("r")) > float(circles[2].get("r"))  # more sources, larger dot
    texts = ["".join(text.itertext()) for text in svg.findall(f".//{SVG}text")]
    assert "An old <summit> & more — CNN" in texts
    shortened = next(text for text in texts if text.endswith("… — The Korea Herald"))
    assert set(shortened.split("…")[0].split()) == {"Warnings"}  # cut after a whole word
    assert svg.findall(f".//{SVG}a") == []


def test_long_gaps_are_marked_and_rows_link_when_asked() -> None:
    markup = str(timeline_svg(ENTRIES, OUTLETS, lambda article_id: f"/articles/{article_id}"))
    svg = lxml.etree.fromstring(markup.encode())
    assert [link.get("href") for link in svg.findall(f".//{SVG}a")] == ["/articles/a1", "/articles/a1", "/articles/a2"]
    assert len([line for line in svg.findall(f".//{SVG}line") if line.get("stroke-dasharray")]) == 1
    assert 'style="' not in markup


def test_no_entries_no_picture() -> None:
    assert str(timeline_svg([], OUTLETS)) == ""
