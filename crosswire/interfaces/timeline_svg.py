"""A story's timeline as an inline SVG picture, for the web page and the HTML report.

One row per entry in date order, on a vertical axis: a filled dot for a day, a ring for a vaguer
date (month, year), the dot's size by how many articles support the entry, and a dashed stretch
of axis where a long time passes between two entries. Only presentation attributes are used (no
`style`), so a Content-Security-Policy without inline styles still draws it; every text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from markupsafe import Markup, escape

WIDTH = 900
ROW = 26
GAP = 18  # extra height where more than LONG_GAP_DAYS pass between two rows
LONG_GAP_DAYS = 45
AXIS_X = 132
TEXT_X = AXIS_X + 18
TOP = 16
LINE_CHARS = 112  # what fits right of the axis at 13px sans-serif, text and sources together
SOURCES_CHARS = 34
INK, MUTED, ACCENT, BACKGROUND = "#1f2328", "#59636e", "#0b5cad", "#ffffff"


def timeline_svg(
    entries: Sequence[Mapping[str, Any]],
    outlets_by_article: Mapping[str, str],
    article_href: Callable[[str], str] | None = None,
) -> Markup:
    """The SVG element; each row links to its first article when `article_href` is given (for the
    mouse: keyboards and screen readers get the same links from the table beside the picture)."""
    if not entries:
        return Markup("")
    rows, y, previous = [], TOP, None
    for entry in entries:
        start = _day(entry["date"])
        long_gap = previous is not None and start is not None and (start - previous).days > LONG_GAP_DAYS
        if long_gap:
            rows.append(_gap(y))
            y += GAP
        rows.append(_row(entry, y, outlets_by_article, article_href))
        previous = start or previous
        y += ROW
    height = y + TOP - ROW // 2
    label = f"Timeline of {len(entries)} dated events, from {entries[0]['date']} to {entries[-1]['date']}"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="timeline-svg-title"><title id="timeline-svg-title">{escape(label)}</title>'
        f'<rect width="{WIDTH}" height="{height}" fill="{BACKGROUND}"/>'
        f'<line x1="{AXIS_X}" y1="{TOP - 8}" x2="{AXIS_X}" y2="{height - TOP + 8}" stroke="{MUTED}" stroke-width="2"/>'
        + "".join(rows)
        + "</svg>"
    )


def _row(
    entry: Mapping[str, Any],
    y: int,
    outlets_by_article: Mapping[str, str],
    article_href: Callable[[str], str] | None,
) -> str:
    articles = list(entry["articles"])
    outlets = sorted({outlets_by_article.get(article_id, article_id) for article_id in articles})
    radius = 4 + min(len(articles), 4)
    exact = entry.get("precision") == "day"
    fill = ACCENT if exact else BACKGROUND
    sources = _sources(outlets)
    text = _shorten(" ".join(str(entry["text"]).split()), LINE_CHARS - len(sources) - 3)
    tooltip = f"{entry['date']}: {entry['text']} [{'; '.join(outlets)}]"
    body = (
        f"<title>{escape(tooltip)}</title>"
        f'<text x="{AXIS_X - 16}" y="{y + 5}" text-anchor="end" font-size="13" font-family="sans-serif" '
        f'font-weight="bold" fill="{INK}">{escape(entry["date"])}</text>'
        f'<circle cx="{AXIS_X}" cy="{y}" r="{radius}" fill="{fill}" stroke="{ACCENT}" stroke-width="2"/>'
        f'<text x="{TEXT_X}" y="{y + 5}" font-size="13" font-family="sans-serif" fill="{INK}">{escape(text)}'
        f'<tspan fill="{MUTED}"> — {escape(sources)}</tspan></text>'
    )
    if article_href and articles:
        return f'<a href="{escape(article_href(articles[0]))}" tabindex="-1">{body}</a>'
    return f"<g>{body}</g>"


def _gap(y: int) -> str:
    middle = y - ROW // 2 + GAP // 2 + 4
    return (
        f'<line x1="{AXIS_X}" y1="{middle - 7}" x2="{AXIS_X}" y2="{middle + 7}" stroke="{BACKGROUND}" '
        f'stroke-width="4"/><line x1="{AXIS_X}" y1="{middle - 7}" x2="{AXIS_X}" y2="{middle + 7}" '
        f'stroke="{MUTED}" stroke-width="2" stroke-dasharray="2 3"/>'
    )


def _sources(outlets: list[str]) -> str:
    """The outlets, or the first and how many more when they would crowd out the text."""
    joined = ", ".join(outlets)
    if len(joined) <= SOURCES_CHARS or len(outlets) == 1:
        return _shorten(joined, SOURCES_CHARS)
    return f"{_shorten(outlets[0], SOURCES_CHARS - 8)} +{len(outlets) - 1} more"


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word; a single overlong word is cut inside."""
    if len(text) <= limit:
        return text
    words = text[: limit - 1].rsplit(maxsplit=1)[0] if " " in text[: limit - 1].strip() else text[: limit - 1]
    return words.rstrip(" ,;:") + "…"


def _day(value: str) -> date | None:
    """The first day an ISO date, month or year covers."""
    parts = value[:10].split("-")
    try:
        numbers = [int(part) for part in parts[:3]]
        return date(numbers[0], *[*numbers[1:], 1, 1][:2])
    except (ValueError, IndexError, TypeError):
        return None
