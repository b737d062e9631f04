"""Who covered a story when: articles per outlet per day as an inline SVG picture, for the story page and the
HTML report.

One row per outlet (in the order it first reported), one column per day from the first report to
the last (per week past a month, per month past half a year), a dot where the outlet published, larger
for more articles; a ring where the day is the story's inference for an undated article, and a last
column for articles nobody could date. Presentation attributes only (no `style`, no script), so the
page's Content-Security-Policy draws it; every text is escaped.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from crosswire.analysis.readable_dates import MONTHS, day_range, day_text

MAX_WIDTH = 900
LABEL_WIDTH = 190
RIGHT = 16
TOP = 34
ROW = 34
MAX_COLUMN = 44
LABEL_CHARS = 22
DAYS_AS_DAYS = 31  # beyond this span a column is a week ...
DAYS_AS_WEEKS = 183  # ... and beyond this a month
INK, MUTED, ACCENT, LINE, BACKGROUND = "#1f2328", "#59636e", "#0b5cad", "#d0d7de", "#ffffff"


@dataclass(frozen=True)
class Report:
    """One article as the chart places it: its outlet's label, its day, and whether that day is inferred."""

    outlet: str
    day: date | None
    inferred: bool = False


def coverage_svg(reports: Sequence[Report]) -> Markup:
    """The SVG element; empty when there is nothing to draw."""
    if not reports:
        return Markup("")
    outlets = _outlets_in_order(reports)
    columns = _columns([report.day for report in reports if report.day])
    undated = any(report.day is None for report in reports)
    slots = len(columns) + undated
    width = min(MAX_COLUMN, (MAX_WIDTH - LABEL_WIDTH - RIGHT) / max(slots, 1))
    total_width = round(LABEL_WIDTH + width * slots + RIGHT)  # few days: a narrower picture, not wider dots
    height = TOP + ROW * len(outlets) + 8
    counts: dict[tuple[str, int], Counter[bool]] = defaultdict(Counter)
    for report in reports:
        slot = _slot(columns, report.day) if report.day else len(columns)
        counts[(report.outlet, slot)][report.inferred] += 1
    parts = [_header(columns, undated, width)]
    for row, outlet in enumerate(outlets):
        y = TOP + ROW * row + ROW / 2
        parts.append(
            f'<line x1="{LABEL_WIDTH}" y1="{y:.1f}" x2="{total_width - RIGHT}" y2="{y:.1f}" stroke="{LINE}"/>'
            f'<text x="{LABEL_WIDTH - 10}" y="{y + 4:.1f}" text-anchor="end" font-size="16" font-family="sans-serif" '
            f'fill="{INK}">{escape(_shorten(outlet))}</text>'
        )
        for slot in range(slots):
            if (outlet, slot) in counts:
                x = LABEL_WIDTH + width * (slot + 0.5)
                parts.append(_dot(x, y, outlet, counts[(outlet, slot)], _slot_name(columns, slot)))
    dated = sorted(report.day for report in reports if report.day)
    span = day_range(dated[0], dated[-1]) if dated else "undated"
    label = f"Coverage: {len(reports)} articles from {len(outlets)} outlets, {span}"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="coverage-svg" role="img" '
        f'viewBox="0 0 {total_width} {height}" width="100%" aria-labelledby="coverage-svg-title">'
        f'<title id="coverage-svg-title">{escape(label)}</title>'
        f'<rect width="{total_width}" height="{height}" fill="{BACKGROUND}"/>' + "".join(parts) + "</svg>"
    )


def _outlets_in_order(reports: Sequence[Report]) -> list[str]:
    """Outlets by their first report, undated ones last."""
    first: dict[str, date] = {}
    for report in reports:
        day = report.day or date.max
        first[report.outlet] = min(first.get(report.outlet, date.max), day)
    return sorted(first, key=lambda outlet: (first[outlet], outlet))


@dataclass(frozen=True)
class _Column:
    start: date
    grain: str  # day, week, month


def _columns(days: list[date]) -> list[_Column]:
    """Consecutive columns covering every day, each a day, a week or a month by the span."""
    if not days:
        return []
    first, last = min(days), max(days)
    span = (last - first).days
    if span < DAYS_AS_DAYS:
        return [_Column(first + timedelta(days=k), "day") for k in range(span + 1)]
    if span < DAYS_AS_WEEKS:
        monday = first - timedelta(days=first.weekday())
        return [_Column(monday + timedelta(weeks=k), "week") for k in range((last - monday).days // 7 + 1)]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return [_Column(_add_months(first.replace(day=1), k), "month") for k in range(months)]


def _add_months(day: date, months: int) -> date:
    total = day.month - 1 + months
    return date(day.year + total // 12, total % 12 + 1, 1)


def _slot(columns: list[_Column], day: date) -> int:
    """The column holding `day`: the last one starting on or before it."""
    return max(k for k, column in enumerate(columns) if column.start <= day)


def _slot_name(columns: list[_Column], slot: int) -> str:
    if slot >= len(columns):
        return "undated"
    column = columns[slot]
    if column.grain == "day":
        return day_text(column.start)
    if column.grain == "week":
        return f"the week of {day_text(column.start)}"
    return f"{MONTHS[column.start.month - 1]} {column.start.year}"


def _header(columns: list[_Column], undated: bool, width: float) -> str:
    """Column labels, thinned so they never overlap; a month or year shown where it changes."""
    every = max(1, math.ceil(52 / width))
    labels = []
    for slot in range(0, len(columns), every):
        x = LABEL_WIDTH + width * (slot + 0.5)
        labels.append(
            f'<text x="{x:.1f}" y="{TOP - 10}" text-anchor="middle" font-size="14" font-family="sans-serif" '
            f'fill="{MUTED}">{escape(_short_name(columns, slot))}</text>'
        )
    if undated:
        x = LABEL_WIDTH + width * (len(columns) + 0.5)
        labels.append(f'<text x="{x:.1f}" y="{TOP - 10}" text-anchor="middle" font-size="14" '
                      f'font-family="sans-serif" fill="{MUTED}">undated</text>')  # fmt: skip
    return "".join(labels)


def _short_name(columns: list[_Column], slot: int) -> str:
    column = columns[slot]
    month = MONTHS[column.start.month - 1][:3]
    if column.grain == "month":
        return f"{month} {column.start.year}" if slot == 0 or column.start.month == 1 else month
    return f"{column.start.day} {month}"


def _dot(x: float, y: float, outlet: str, count: Counter[bool], when: str) -> str:
    total = count[False] + count[True]
    radius = 4 + 2 * min(total, 4)
    inferred_only = not count[False]
    fill = BACKGROUND if inferred_only else ACCENT
    what = f"{total} article{'s' if total > 1 else ''}"
    if count[True]:
        what += f" ({count[True]} dated by inference)"
    number = ""
    if total > 1:
        number = (f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-family="sans-serif" '
                  f'font-weight="bold" fill="{ACCENT if inferred_only else BACKGROUND}">{total}</text>')  # fmt: skip
    return (
        f"<g><title>{escape(f'{outlet}: {what}, {when}')}</title>"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{fill}" stroke="{ACCENT}" stroke-width="2"/>'
        f"{number}</g>"
    )


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
