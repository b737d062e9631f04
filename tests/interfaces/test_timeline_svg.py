"""The timeline picture: drawn to a time scale with long gaps cut short, one row per entry, escaped text,
links only when asked for."""

from __future__ import annotations

from datetime import date

import lxml.etree

from crosswire.interfaces.timeline_svg import LONG_GAP_DAYS, TimeScale, timeline_svg

ENTRIES = [
    {"date": "2019", "precision": "year", "text": "An old <summit> & more", "articles": ["a1"]},
    {"date": "2023-09", "precision": "month", "text": "Talks this month", "articles": ["a2"]},
    {"date": "2023-09-04", "precision": "day", "text": "Talks advance", "articles": ["a1", "a2", "a3"]},
    {"date": "2023-09-05", "precision": "day", "text": "Warnings " * 40, "articles": ["a2"]},
    {"date": "2023-09-11", "precision": "day", "text": "Kim arrives", "articles": ["a3"]},
]
OUTLETS = {"a1": "CNN", "a2": "The Korea Herald", "a3": "Yonhap"}
SVG = "{http://www.w3.org/2000/svg}"


def _svg(href: object = None) -> lxml.etree._Element:
    return lxml.etree.fromstring(str(timeline_svg(ENTRIES, OUTLETS, href)).encode())  # type: ignore[arg-type]


def test_days_are_dots_and_periods_bars_as_long_as_the_period() -> None:
    svg = _svg()
    circles = svg.findall(f".//{SVG}circle")
    bars = svg.findall(f".//{SVG}rect[@rx]")
    assert len(circles) == 3 and len(bars) == 2
    assert float(circles[0].get("r")) > float(circles[1].get("r"))  # more sources, larger dot
    x = [float(circle.get("cx")) for circle in circles]
    assert x[0] < x[1] < x[2]
    assert (x[2] - x[1]) > 5 * (x[1] - x[0])  # to scale: six days apart, then one
    month = bars[1]
    start, width = float(month.get("x")), float(month.get("width"))
    assert start <= x[0] - 3 * (x[1] - x[0]) and x[2] < start + width  # September spans its days


def test_a_long_gap_is_cut_short_and_marked() -> None:
    scale = TimeScale([(date(2019, 1, 1), date(2020, 1, 1)), (date(2023, 9, 1), date(2023, 10, 1))])
    assert len(scale.segments) == 2
    assert scale.at(date(2019, 6, 1)) < scale.at(date(2023, 9, 10))
    close = TimeScale([(date(2023, 9, 1), date(2023, 9, 2)), (date(2023, 9, 1) + __import__("datetime").timedelta(
        days=LONG_GAP_DAYS), date(2023, 10, 20))])  # fmt: skip
    assert len(close.segments) == 1
    svg = _svg()
    assert len([line for line in svg.findall(f".//{SVG}line") if line.get("class") == "gap"]) == 1
    assert any("".join(text.itertext()) == "//" for text in svg.findall(f".//{SVG}text"))


def test_rows_say_the_date_in_words_and_escape_their_text() -> None:
    texts = ["".join(text.itertext()) for text in _svg().findall(f".//{SVG}text")]
    assert "2019 An old <summit> & more — CNN" in texts
    assert "4 September 2023 Talks advance — CNN +2 more" in texts  # the outlets, or how many when they crowd
    shortened = next(text for text in texts if text.endswith("… — The Korea Herald"))
    assert shortened.startswith("5 September 2023 Warnings")
    assert set(shortened.removeprefix("5 September 2023").split("…")[0].split()) == {"Warnings"}  # whole words


def test_rows_link_when_asked_and_no_style_attribute() -> None:
    markup = str(timeline_svg(ENTRIES, OUTLETS, lambda article_id: f"/articles/{article_id}"))
    svg = lxml.etree.fromstring(markup.encode())
    assert [link.get("href") for link in svg.findall(f".//{SVG}a")] == [
        "/articles/a1", "/articles/a2", "/articles/a1", "/articles/a2", "/articles/a3"
    ]  # fmt: skip
    assert _svg().findall(f".//{SVG}a") == []
    assert 'style="' not in markup


def test_no_entries_no_picture() -> None:
    assert str(timeline_svg([], OUTLETS)) == ""
