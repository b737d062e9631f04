"""A story dossier as a shareable report: Markdown (plain text) or one self-contained HTML file."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from typing import Any

from crosswire.interfaces.dossier_view import dossier_view, membership_ties
from crosswire.interfaces.web.templating import render, stylesheet

WIRE_SENTENCE_CHARACTERS = 200


def render_markdown(dossier: dict[str, Any], outlets_by_article: dict[str, str]) -> str:
    """The dossier with every claim followed by the outlets that carry it."""

    def name(article_id: str) -> str:
        return outlets_by_article.get(article_id) or article_id

    def cite(article_ids: list[str]) -> str:
        names = sorted({name(article_id) for article_id in article_ids})
        return f" [{'; '.join(names)}]" if names else ""

    lines = [f"# {dossier['title']}", ""]
    span = " – ".join(filter(None, [dossier.get("first_published"), dossier.get("last_published")]))
    lines += [f"{len(dossier['articles'])} articles from {len(dossier['outlets'])} outlets"
              + (f", {span}" if span else "") + f". Story `{dossier['id']}`.", ""]  # fmt: skip
    lines += _section("Summary", [f"- {s['text']}{cite(s['articles'])}" for s in dossier["summary"]])
    lines += _section("What most outlets report", [f"- {c['text']}{cite(c['articles'])}" for c in dossier["consensus"]])
    lines += _section("Who said what", [_quote(quote, cite) for quote in dossier["quotes"]])
    lines += _section("Timeline", [f"- **{e['date']}** {e['text']}{cite(e['articles'])}" for e in dossier["timeline"]])
    lines += _section(
        "Where outlets disagree",
        [f"- *{d['kind']}*: {d['description']}{cite(d['articles'])}" for d in dossier["discrepancies"]],
    )
    lines += _section(
        "Only one outlet reports", [f"- {d['text']}{cite([d['article_id']])}" for d in dossier["unique_details"]]
    )
    lines += _section("Wire copies", [_wire(copy, cite, name) for copy in dossier["wire_copies"]])
    ties = membership_ties(dossier, {article_id: name(article_id) for article_id in dossier["articles"]})
    lines += _section(
        "Why each article is in this story",
        [f"- {name(article_id)}: {ties.get(article_id, 'no link recorded')}"
         for article_id in dossier["articles"]],
    )  # fmt: skip
    lines += _section(
        "Worth a human check",
        [f"- ({item['confidence']:.2f}) {item['kind']}: {item['description']}" for item in dossier["review"]],
    )
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *items, ""] if items else []


def _quote(quote: dict[str, Any], cite: Any) -> str:
    line = f"- **{quote['speaker'] or 'Unattributed'}**: “{quote['text']}”{cite(quote['articles'])}"
    if quote["other_speakers"]:
        line += f" — also attributed to {', '.join(quote['other_speakers'])}"
    variants = [v for v in quote["variants"] if v["text"] != quote["text"]]
    return line + "".join(f"\n  - variant: “{v['text']}”{cite([v['article_id']])}" for v in variants)


def _wire(copy: dict[str, Any], cite: Any, name: Any) -> str:
    """Who the copy is credited to, where else it ran, and each sentence it cut from or added to its closest sibling."""
    line = f"- {copy['agency'] or 'Agency'} copy{cite([copy['article_id']])}"
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
    return textwrap.shorten(text, width=WIRE_SENTENCE_CHARACTERS, placeholder=" …")


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
