"""The visible text of a page as lines, and where the article's headline and body sit among them.

Dates and bylines that a page prints rather than tags sit next to the headline (a kicker, a
dateline, "Von Anna Weber · 06.11.2023") or just after the body ("Posted by gnaddrig at 10:15").
The same words elsewhere — a ticker's "today", a sidebar's teasers, the comments — are not the
article's. So each line keeps its element, and the lines near the headline and the body are told
apart by where they sit in the page, not by what they say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "td", "th", "thead", "tr", "ul", "body", "html",
})  # fmt: skip
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "select", "option", "button"})
HEADING_TAGS = ("h1", "h2")
MAX_LINE_CHARS = 300
MAX_HEADER_LINES = 12  # lines between the headline and the body that may still be its header
MAX_FOOTER_LINES = 6
MAX_DATELINE_WORDS = 16  # a longer line is a sentence, not a dateline or byline
MAX_SHARED_LEVELS = 4  # how far up the headline's (or body's) ancestors a line of its header may branch off
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Line:
    """One line of visible text, with the block element it was printed in."""

    index: int
    text: str
    element: Any


@dataclass(frozen=True)
class Layout:
    """A page's visible lines, and the headline and body lines found among them (or None)."""

    lines: tuple[Line, ...]
    headline: Line | None
    body_start: Line | None
    body_end: Line | None

    def header(self) -> list[Line]:
        """Lines around the headline and before the body: kicker, dateline, byline."""
        anchor = self.headline or self.body_start
        if anchor is None:
            return []
        first = max(0, anchor.index - 4)
        last = anchor.index + MAX_HEADER_LINES
        if self.body_start is not None and self.body_start.index > anchor.index:
            # the body's first line may itself be the dateline ("Par Claire Dubois, le 4/5/2022")
            last = min(last, self.body_start.index - (len(self.body_start.text.split()) > MAX_DATELINE_WORDS))
        return [
            line
            for line in self.lines[first : last + 1]
            if line is not self.headline and _close(line.element, anchor.element)
        ]

    def footer(self) -> list[Line]:
        """The few lines right after the body that still belong to its container."""
        if self.body_end is None:
            return []
        after = self.lines[self.body_end.index + 1 : self.body_end.index + 1 + MAX_FOOTER_LINES]
        return [line for line in after if _close(line.element, self.body_end.element)]


def visible_lines(tree: Any) -> tuple[Line, ...]:
    """The page's visible text, one line per block of text, in reading order."""
    body = tree.find("body")
    return tuple(_lines(body if body is not None else tree))


def page_layout(
    lines: tuple[Line, ...], titles: list[str], first_paragraph: str | None, last_paragraph: str | None
) -> Layout:
    """The headline among `lines` (a heading that reads as one of `titles`) and where the body starts and ends."""
    headline = _headline(lines, titles)
    after = headline.index + 1 if headline else 0
    body_start = _line_starting(lines[after:], first_paragraph) or _line_starting(lines, first_paragraph)
    body_end = None
    if body_start is not None:
        body_end = _line_starting(lines[body_start.index :][::-1], last_paragraph) or body_start
    return Layout(lines, headline, body_start, body_end)


def fold(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _lines(root: Any) -> Iterator[Line]:
    pieces: list[str] = []
    owner: list[Any] = [root]
    count = 0

    def flush() -> Iterator[Line]:
        nonlocal count
        text = " ".join("".join(pieces).split())
        pieces.clear()
        if text:
            yield Line(count, text[:MAX_LINE_CHARS], owner[-1])
            count += 1

    def walk(element: Any) -> Iterator[Line]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIPPED_TAGS or not tag:
            return
        is_block = tag in BLOCK_TAGS
        if is_block:
            yield from flush()
            owner.append(element)
        if element.text:
            pieces.append(element.text)
        for child in element:
            yield from walk(child)
            if child.tail:
                if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
                    yield from flush()
                pieces.append(child.tail)
        if is_block:
            yield from flush()
            owner.pop()

    yield from walk(root)
    yield from flush()


def _headline(lines: tuple[Line, ...], titles: list[str]) -> Line | None:
    """The first h1 (else h2) whose words are one of the titles, or hold one, or are held in one.

    The heading is read whole, as one line at its first line, though a <br> or a nested block may
    have broken it into several.
    """
    folded = [title for title in map(fold, titles) if title]
    for tag in HEADING_TAGS:
        for line in lines:
            heading = _heading(line.element)
            if heading is None or heading.tag != tag:
                continue
            text = " ".join(other.text for other in lines[line.index :] if _heading(other.element) is heading)
            words = fold(text)
            if words and any(words == title or words in title or title in words for title in folded):
                return Line(line.index, text[:MAX_LINE_CHARS], heading)
    return None


def _heading(element: Any) -> Any:
    return next((node for node in (element, *element.iterancestors()) if node.tag in HEADING_TAGS), None)


def _line_starting(lines: tuple[Line, ...] | list[Line], paragraph: str | None) -> Line | None:
    """The line that holds the start of `paragraph` (its first words, folded)."""
    if not paragraph:
        return None
    start = " ".join(fold(paragraph).split()[:8])
    if not start:
        return None
    return next((line for line in lines if start in fold(line.text)), None)


def _close(element: Any, anchor: Any) -> bool:
    """Whether `element` branches off `anchor`'s ancestors within a few levels (and not at <body>)."""
    ancestors = [anchor, *anchor.iterancestors()][: MAX_SHARED_LEVELS + 1]
    mine = [element, *element.iterancestors()]  # held in a list: lxml's proxies keep their identity while alive
    return any(node.tag not in {"body", "html"} and any(node is other for other in mine) for node in ancestors)
