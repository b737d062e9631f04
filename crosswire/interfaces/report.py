"""A story dossier as a shareable report: Markdown (plain text) or one self-contained HTML file."""

from __future__ import annotations

import re
import textwrap
from datetime import UTC, datetime
from typing import Any

from crosswire.interfaces.dossier_view import dossier_view
from crosswire.interfaces.web.templating import render, stylesheet

WIRE_SENTENCE_CHARACTERS = 200
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>!|~])")  # what could open HTML, a link, an image, code or emphasis
_BLOCK_START = re.compile(r"^([#+=-]|\d+(?=[.)]))")  # what would open a heading or a list (a quote's > is escaped)


def markdown_text(text: str) -> str:
    """Article text as Markdown that renders as that text and nothing else: on one line, with every
    character that could open HTML (`<script>`, `<img>` beacons), a link (`[x](javascript:…)`), an
    image, code or emphasis escaped, and no heading, quote or list started."""
    flat = " ".join(str(text).split())
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", flat)
    return _BLOCK_START.sub(
        lambda match: match.group() + "\\" if match.group().isdigit() else "\\" + match.group(), escaped
    )


def render_markdown(dossier: dict[str, Any], outlets_by_article: dict[str, str]) -> str:
    """The dossier with every claim followed by the outlets that carry it; every text from the articles
    (or named after them) goes in through `markdown_text`."""
    md = markdown_text

    def name(article_id: str) -> str:
        return md(outlets_by_article.get(article_id) or article_id)

    def cite(article_ids: list[str]) -> str:
        names = sorted({name(article_id) for article_id in article_ids})
        return f" [{'; '.join(names)}]" if names else ""

    lines = [f"# {md(dossier['title'])}", ""]
    span = " – ".join(md(day) for day in filter(None, [dossier.get("first_published"), dossier.get("last_published")]))
    lines += [f"{len(dossier['articles'])} articles from {len(dossier['outlets'])} outlets"
              + (f", {span}" if span else "") + f". Story `{dossier['id']}`.", ""]  # fmt: skip
    lines += _section("Summary", [f"- {md(s['text'])}{cite(s['articles'])}" for s in dossier["summary"]])
    lines += _section(
        "What most outlets report", [f"- {md(c['text'])}{cite(c['articles'])}" for c in dossier["consensus"]]
    )
    lines += _section("Who said what", [_quote(quote, cite) for quote in dossier["quotes"]])
    lines += _section(
        "Timeline", [f"- **{md(e['date'])}** {md(e['text'])}{cite(e['articles'])}" for e in dossier["timeline"]]
    )
    lines += _section(
        "Where outlets disagree",
        [f"- *{md(d['kind'])}*: {md(d['description'])}{cite(d['articles'])}" for d in dossier["discrepancies"]],
    )
    lines += _section(
        "Only one outlet reports", [f"- {md(d['text'])}{cite([d['article_id']])}" for d in dossier["unique_details"]]
    )
    lines += _section("Wire copies", [_wire(copy, cite, name) for copy in dossier["wire_copies"]])
    lines += _section(
        "Worth a human check",
        [f"- ({item['confidence']:.2f}) {md(item['kind'])}: {md(item['description'])}" for item in dossier["review"]],
    )
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *items, ""] if items else []


def _quote(quote: dict[str, Any], cite: Any) -> str:
    md = markdown_text
    line = f"- **{md(quote['speaker'] or 'Unattributed')}**: “{md(quote['text'])}”{cite(quote['articles'])}"
    if quote["other_speakers"]:
        line += f" — also attributed to {', '.join(md(speaker) for speaker in quote['other_speakers'])}"
    variants = [v for v in quote["variants"] if v["text"] != quote["text"]]
    return line + "".join(f"\n  - variant: “{md(v['text'])}”{cite([v['article_id']])}" for v in variants)


def _wire(copy: dict[str, Any], cite: Any, name: Any) -> str:
    """Who the copy is credited to, where else it ran, and each sentence it cut from or added to its closest sibling."""
    line = f"- {markdown_text(copy['agency'] or 'Agency')} copy{cite([copy['article_id']])}"
    if not copy["copy_of"]:
        return line + ", no other copy in this story to compare"
    line += f", also in{cite(copy['copy_of'])}"
    sibling = name(copy["copy_of"][0])
    if not copy["cut"] and not copy["added"]:
        return line + f", the same text as {sibling}"
    changes = [f"\n  - cut (in {sibling}, not here): “{_short(sentence)}”" for sentence in copy["cut"]]
    changes += [f"\n  - added (here, not in {sibling}): “{_short(sentence)}”" for sentence in copy["added"]]
    return line + "".join(changes)


def _short(text: str) -> str:
    return markdown_text(textwrap.shorten(text, width=WIRE_SENTENCE_CHARACTERS, placeholder=" …"))


def render_html(dossier: dict[str, Any], briefs: dict[str, dict[str, Any]]) -> str:
    """The dossier as one self-contained HTML file: inline CSS and SVG, no script, no external asset."""
    view = dossier_view(dossier, briefs)
    return render(
        "report.html",
        view=view,
        href=lambda article_id: f"#article-{article_id}",
        link_entities=False,
        stylesheet=stylesheet(),
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
    )
