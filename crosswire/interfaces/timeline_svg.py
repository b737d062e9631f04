"""A story's timeline drawn to a time scale, as an inline SVG picture for the web page and the HTML report.

One row per entry in date order. The horizontal axis is time: a day is a dot at its place on the
axis (larger with more articles behind it), a week, month or year a bar as long as the period. Years
with nothing in them are not drawn across the page: where more than `LONG_GAP_DAYS` pass between
two stretches of the story, the axis breaks (a gap of fixed width, marked //), and each stretch is
drawn to its own linear scale, with ticks in days, weeks, months or years as its room allows. Each
row says the date in words, what happened and who reports it, beside its mark. Only presentation
attributes are used (no `style`), so a Content-Security-Policy without inline styles still draws it;
every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from crosswire.analysis.readable_dates import MONTHS, readable_value
from crosswire.analysis.times_calendar import parse_value

WIDTH = 900
LEFT, RIGHT = 16, 16
AXIS_Y = 30
TOP = 46  # the first row's centre
ROW = 26
BREAK = 30  # the axis' width for a long gap
LONG_GAP_DAYS = 45
CHARACTER_WIDTH = 6.6  # an average character at 13px sans-serif
MIN_TICK_SPACING = 56
SOURCES_CHARS = 26
INK, MUTED, ACCENT, LINE, BACKGROUND = "#1f2328", "#59636e", "#0b5cad", "#d0d7de", "#ffffff"


@dataclass(frozen=True)
class Segment:
    """A stretch of time drawn linearly from `x` over `width` pixels: days [first, end)."""

    first: date
    end: date
    x: float = 0.0
    width: float = 0.0

    @property
    def days(self) -> int:
        return (self.end - self.first).days

    def at(self, day: date) -> float:
        return self.x + self.width * (day - self.first).days / self.days


class TimeScale:
    """Days to x positions: the stretches of the story side by side, long gaps between them cut short."""

    def __init__(self, periods: Sequence[tuple[date, date]]) -> None:
        """Each stretch gets room by its length (on a log scale) and by how many entries it holds, so a
        busy week is not squeezed beside a quiet year."""
        merged: list[list[Any]] = []  # [first, end, entries]
        for first, end in sorted(periods):
            if merged and (first - merged[-1][1]).days <= LONG_GAP_DAYS:
                merged[-1][1] = max(merged[-1][1], end)
                merged[-1][2] += 1
            else:
                merged.append([first, end, 1])
        room = WIDTH - LEFT - RIGHT - BREAK * (len(merged) - 1)
        weights = [math.log2(2 + (end - first).days) + 2 * entries for first, end, entries in merged]
        self.segments: list[Segment] = []
        x = float(LEFT)
        for (first, end, _), weight in zip(merged, weights, strict=True):
            width = room * weight / sum(weights)
            self.segments.append(Segment(first, end, x, width))
            x += width + BREAK

    def at(self, day: date) -> float:
        """The x of the start of `day` (the end of the last segment for a day past it)."""
        for segment in self.segments:
            if day <= segment.end:
                return segment.at(max(day, segment.first))
        return self.segments[-1].x + self.segments[-1].width

    def axis(self) -> str:
        """The axis line per segment, its ticks and labels, and // where a long gap is cut out."""
        parts = []
        for index, segment in enumerate(self.segments):
            parts.append(
                f'<line x1="{segment.x:.1f}" y1="{AXIS_Y}" x2="{segment.x + segment.width:.1f}" y2="{AXIS_Y}" '
                f'stroke="{MUTED}" stroke-width="2"/>'
            )
            parts += [_tick(segment.at(day), label) for day, label in _ticks(segment)]
            if index:
                middle = segment.x - BREAK / 2
                parts.append(
                    f'<text x="{middle:.1f}" y="{AXIS_Y + 5}" text-anchor="middle" font-size="14" '
                    f'font-family="sans-serif" fill="{MUTED}">//</text>'
                    f'<line class="gap" x1="{middle - 9:.1f}" y1="{AXIS_Y}" x2="{middle + 9:.1f}" y2="{AXIS_Y}" '
                    f'stroke="{MUTED}" stroke-width="1" stroke-dasharray="2 3"/>'
                )
        return "".join(parts)


def _tick(x: float, label: str) -> str:
    return (
        f'<line x1="{x:.1f}" y1="{AXIS_Y - 4}" x2="{x:.1f}" y2="{AXIS_Y + 4}" stroke="{MUTED}" stroke-width="1"/>'
        f'<text x="{x:.1f}" y="{AXIS_Y - 9}" text-anchor="middle" font-size="11" font-family="sans-serif" '
        f'fill="{MUTED}">{escape(label)}</text>'
    )


def _ticks(segment: Segment) -> list[tuple[date, str]]:
    """The finest of days, Mondays, months and years whose ticks stand `MIN_TICK_SPACING` apart, labelled;
    the segment's first day when none falls inside it."""
    per_day = segment.width / segment.days
    candidates = (
        (1, lambda day: True, lambda day: f"{day.day} {MONTHS[day.month - 1][:3]}"),
        (7, lambda day: day.weekday() == 0, lambda day: f"{day.day} {MONTHS[day.month - 1][:3]}"),
        (30.5, lambda day: day.day == 1, lambda day: f"{MONTHS[day.month - 1][:3]} {day.year}"),
        (365.25, lambda day: day.month == 1 and day.day == 1, lambda day: str(day.year)),
    )
    days = [segment.first + timedelta(days=k) for k in range(segment.days)]
    for spacing, keeps, label in candidates:
        if spacing * per_day >= MIN_TICK_SPACING or spacing > 365:
            ticks = [(day, label(day)) for day in days if keeps(day)]
            step = max(1, math.ceil(MIN_TICK_SPACING / (spacing * per_day)))
            return ticks[::step] or [(segment.first, label(segment.first))]
    return []


def timeline_svg(
    entries: Sequence[Mapping[str, Any]],
    outlets_by_article: Mapping[str, str],
    article_href: Callable[[str], str] | None = None,
) -> Markup:
    """The SVG element; each row links to its first article when `article_href` is given (for the
    mouse: keyboards and screen readers get the same links from the table beside the picture)."""
    placed = [(entry, period) for entry in entries if (period := parse_value(entry["date"]))]
    if not placed:
        return Markup("")
    scale = TimeScale([(period.start, period.last + timedelta(days=1)) for _, period in placed])
    rows = [
        _row(entry, period.start, period.last, TOP + ROW * k, scale, outlets_by_article, article_href)
        for k, (entry, period) in enumerate(placed)
    ]
    height = TOP + ROW * len(placed) - ROW // 2 + 8
    first, last = placed[0][0]["date"], placed[-1][0]["date"]
    label = f"Timeline of {len(placed)} dated events, from {readable_value(first)} to {readable_value(last)}"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" aria-labelledby="timeline-svg-title"><title id="timeline-svg-title">{escape(label)}</title>'
        f'<rect width="{WIDTH}" height="{height}" fill="{BACKGROUND}"/>' + scale.axis() + "".join(rows) + "</svg>"
    )


def _row(
    entry: Mapping[str, Any],
    first: date,
    last: date,
    y: int,
    scale: TimeScale,
    outlets_by_article: Mapping[str, str],
    article_href: Callable[[str], str] | None,
) -> str:
    articles = list(entry["articles"])
    outlets = sorted({outlets_by_article.get(article_id, article_id) for article_id in articles})
    start, end = scale.at(first), scale.at(last + timedelta(days=1))
    if entry.get("precision") == "day" or first == last:
        radius = 4 + min(len(articles), 4)
        centre = (start + end) / 2
        mark = f'<circle cx="{centre:.1f}" cy="{y}" r="{radius}" fill="{ACCENT}" stroke="{ACCENT}" stroke-width="2"/>'
        start, end = centre - radius, centre + radius
    else:
        end = max(end, start + 6)
        mark = (f'<rect x="{start:.1f}" y="{y - 5}" width="{end - start:.1f}" height="10" rx="3" fill="{ACCENT}" '
                f'fill-opacity="0.35" stroke="{ACCENT}" stroke-width="1.5"/>')  # fmt: skip
    when = readable_value(entry["date"])
    sources = _sources(outlets)
    room_after, room_before = WIDTH - RIGHT - end - 8, start - 8 - LEFT
    after = room_after >= room_before  # the words go where the row has more room: after its mark, or before it
    room = max(room_after, room_before)
    words = int(room / CHARACTER_WIDTH) - len(when) - len(sources) - 6
    text = _shorten(" ".join(str(entry["text"]).split()), max(words, 12))
    x, anchor = (end + 8, "start") if after else (start - 8, "end")
    tooltip = f"{when}: {entry['text']} [{'; '.join(outlets)}]"
    body = (
        f"<title>{escape(tooltip)}</title>"
        f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="{LINE}" stroke-width="0.5"/>{mark}'
        f'<text x="{x:.1f}" y="{y + 4}" text-anchor="{anchor}" font-size="13" font-family="sans-serif" fill="{INK}">'
        f'<tspan font-weight="bold">{escape(when)}</tspan> {escape(text)}'
        f'<tspan fill="{MUTED}"> — {escape(sources)}</tspan></text>'
    )
    if article_href and articles:
        return f'<a class="entry" href="{escape(article_href(articles[0]))}" tabindex="-1">{body}</a>'
    return f'<g class="entry">{body}</g>'


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
