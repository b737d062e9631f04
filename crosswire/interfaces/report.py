"""A story dossier as a shareable report: Markdown (plain text) or one self-contained HTML file."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from crosswire.analysis.readable_dates import published_range, readable_moment, readable_value
from crosswire.interfaces.dossier_view import ArticleRef, action_words, article_refs, dossier_view, membership_ties
from crosswire.interfaces.web.templating import render, stylesheet, unquoted
from crosswire.records import UNKNOWN_OUTLET

WIRE_SENTENCE_CHARACTERS = 200
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]<>|~])")  # what could open HTML, a link (an image: ![…]), code or emphasis
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


def render_markdown(dossier: dict[str, Any], briefs: Mapping[str, Mapping[str, Any]]) -> str:
    """The dossier with every claim followed by the numbers of its sources, listed at the end.

    Quoted words are in quotation marks; reported speech is shown by the sentence reporting it,
    without them, marked as such; wording cut from a sentence follows it, labelled. Every text from
    the articles (or named after them) goes in through `markdown_text`.
    """
    md = markdown_text
    refs = article_refs(dossier["articles"], briefs)

    def label(article_id: str) -> str:
        return refs[article_id].label if article_id in refs else article_id

    def name(article_id: str) -> str:
        return md(label(article_id))

    def cite(article_ids: list[str]) -> str:
        numbers = sorted({refs[article_id].number for article_id in article_ids if article_id in refs})
        return f" [{', '.join(map(str, numbers))}]" if numbers else ""

    lines = [f"# {md(dossier['title'])}", ""]
    span = published_range(dossier.get("first_published"), dossier.get("last_published"))
    lines += [f"{len(dossier['articles'])} articles from {len(dossier['outlets'])} outlets, {md(span)}. "
              f"{len(dossier['quotes'])} statements, {len(dossier['discrepancies'])} disagreements, "
              f"{len(dossier['review'])} items worth a check. Story `{dossier['id']}`.", ""]  # fmt: skip
    lines += _section("Summary", [f"- {md(s['text'])}{cite(s['articles'])}" for s in dossier["summary"]])
    lines += _section(
        "What most outlets report", [f"- {md(c['text'])}{cite(c['articles'])}" for c in dossier["consensus"]]
    )
    lines += _section("Who said what", [_quote(quote, cite) for quote in dossier["quotes"]])
    lines += _section("Timeline", [_entry(entry, cite) for entry in dossier["timeline"]])
    lines += _section("Who did what to whom", [_event(event, cite) for event in dossier.get("events", [])])
    lines += _section(
        "Where outlets disagree",
        [f"- *{md(d['kind'])}*: {md(d['description'])}{cite(d['articles'])}" for d in dossier["discrepancies"]],
    )
    lines += _section(
        "Only one outlet reports", [f"- {md(d['text'])}{cite([d['article_id']])}" for d in dossier["unique_details"]]
    )
    lines += _section("Wire copies", [_wire(copy, cite, name) for copy in dossier["wire_copies"]])
    ties = membership_ties(dossier, {article_id: label(article_id) for article_id in dossier["articles"]})
    lines += _section(
        "Why each article is in this story",
        [f"- {name(article_id)}: {md(ties.get(article_id, 'no link recorded'))}"
         for article_id in dossier["articles"]],
    )  # fmt: skip
    lines += _section(
        "Worth a human check",
        [f"- ({item['confidence']:.2f}) {md(item['kind'])}: {md(item['description'])}" for item in dossier["review"]],
    )
    lines += _section("Sources", [_source(ref) for ref in refs.values()])
    return "\n".join(lines).rstrip() + "\n"


def _section(title: str, items: list[str]) -> list[str]:
    return [f"## {title}", "", *items, ""] if items else []


def _quote(quote: dict[str, Any], cite: Any) -> str:
    """The speaker's words in quotation marks, then each other outlet's wording: quoted words in
    quotation marks, reported speech as the sentence reporting it, without them."""
    md = markdown_text
    speaker = md(quote["speaker"] or "Unattributed")
    if quote.get("kind", "direct") == "direct":
        line = f"- **{speaker}**: “{md(unquoted(quote['text']))}”{cite(quote['articles'])}"
    else:
        line = f"- **{speaker}** (*indirect*, reported speech only){cite(quote['articles'])}: {md(quote['text'])}"
    if quote["other_speakers"]:
        line += f" — also attributed to {', '.join(md(other) for other in quote['other_speakers'])}"
    shown = quote.get("excerpt")
    for variant in quote["variants"]:
        if variant["kind"] == "direct" and not _same_excerpt(variant.get("words"), shown):
            line += f"\n  - also quoted as: “{md(unquoted(variant['text']))}”{cite([variant['article_id']])}"
        elif variant["kind"] != "direct" and not _same_excerpt(variant.get("sentence"), shown):
            label = "partly quoted" if variant["kind"] == "mixed" else "indirect"
            sentence = (variant.get("sentence") or {}).get("text") or variant["text"]
            line += f"\n  - *{label}*{cite([variant['article_id']])}: {md(sentence)}"
    return line


def _same_excerpt(one: dict[str, Any] | None, other: dict[str, Any] | None) -> bool:
    return bool(one and other) and (one["article_id"], one["text"]) == (other["article_id"], other["text"])  # type: ignore[index]


def _entry(entry: dict[str, Any], cite: Any) -> str:
    """The sentence telling what happened, then the clause about the date, cut from it and labelled."""
    md = markdown_text
    line = f"- **{md(readable_value(entry['date']))}** {md(entry['text'])}{cite(entry['articles'])}"
    if entry.get("clause"):
        line += f"\n  - *in short (cut from the sentence)*: {md(entry['clause']['text'])}"
    return line


def _event(event: dict[str, Any], cite: Any) -> str:
    """Who did what to whom, when and where, and the sentence of the first article telling it."""
    md = markdown_text
    target = f" **{md(event['target'])}**" if event["target"] else ""
    line = f"- **{md(event['actor'])}** {action_words(event['action'], bool(event['target']))}{target}"
    if event["places"]:
        line += f" in {md(', '.join(event['places']))}"
    if event["dates"]:
        line += f" ({md('; '.join(readable_value(day) for day in event['dates']))})"
    line += cite(event["articles"])
    if event["excerpts"]:
        line += f": {md(event['excerpts'][0]['text'])}"
    return line


def _wire(copy: dict[str, Any], cite: Any, name: Any) -> str:
    """Who the copy is credited to, where else it ran, and each sentence it cut from or added to its closest sibling."""
    line = f"- {markdown_text(copy['agency'] or 'Agency')} copy{cite([copy['article_id']])}"
    if not copy["copy_of"]:
        return line + ", no other copy in this story to compare"
    line += f", also in{cite(copy['copy_of'])}"
    sibling = name(copy["copy_of"][0])
    if not copy["cut"] and not copy["added"]:
        return line + f", the same text as {sibling}"
    changes = [f"\n  - cut (in {sibling}, not here): “{_short(sentence['text'])}”" for sentence in copy["cut"]]
    changes += [f"\n  - added (here, not in {sibling}): “{_short(sentence['text'])}”" for sentence in copy["added"]]
    return line + "".join(changes)


def _short(text: str) -> str:
    return markdown_text(textwrap.shorten(text, width=WIRE_SENTENCE_CHARACTERS, placeholder=" …"))


def _source(ref: ArticleRef) -> str:
    """Outlet, headline, byline, date and where to find it: the page's address, or the file."""
    md = markdown_text
    headline = f"“{md(ref.headline)}”" if ref.headline else "(no headline)"
    parts = [md(ref.label) if ref.outlet else UNKNOWN_OUTLET, headline]
    if ref.authors:
        parts.append("by " + ", ".join(md(author) for author in ref.authors))
    parts += [md(readable_moment(ref.published)), md(ref.url or f"file {ref.source}")]
    return f"{ref.number}. " + " — ".join(parts) + f" (`{ref.id}`)"


def render_html(dossier: dict[str, Any], briefs: dict[str, dict[str, Any]]) -> str:
    """The dossier as one self-contained HTML file: inline CSS and SVG, no script, no external asset."""
    view = dossier_view(dossier, briefs)
    numbers = {article_id: ref.number for article_id, ref in view.articles.items()}
    return render(
        "report.html",
        view=view,
        href=lambda article_id: f"#source-{numbers.get(article_id, '')}",
        link_entities=False,
        stylesheet=stylesheet(),
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
    )
