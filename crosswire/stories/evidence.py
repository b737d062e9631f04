"""The check that a dossier says nothing its articles do not: every presented item against its evidence.

A dossier shows words as someone's (quotations) or as what an outlet reported (summary and
consensus sentences, timeline entries, details only one outlet has, the sentences telling its
events, wire-copy edits), and descriptions that quote such words (disagreements, inferred dates,
review items). `presented` walks a stored dossier (`Story.to_dict`'s shape) and yields each of
them with the excerpts it rests on; `problems` checks them against the articles' stored text:

- every excerpt is verbatim: its text is its spans of the article, joined
  (`crosswire.analysis.verbatim`: only whitespace and quotation-mark style may differ);
- every item's words are its first excerpt's words;
- a description puts nothing in quotation marks but whole excerpts (or, cut short, the start
  of one, ending in …);
- a statement's headline is in quotation marks (`kind` "direct") only when it is some outlet's
  quoted words, and otherwise is the sentence reporting it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from crosswire.analysis.verbatim import ELLIPSIS, comparable, is_verbatim, plain_marks

Record = Mapping[str, Any]
MIN_ANCHOR = 20  # characters an excerpt's start must match before it counts as shown cut short


@dataclass(frozen=True)
class Presented:
    """One presented item: where the dossier shows it, the words it shows as verbatim (or a
    description quoting its excerpts), and the excerpts (article id, text, spans) it rests on."""

    where: str
    words: str | None
    excerpts: tuple[Record, ...]
    description: str | None = None
    problems: tuple[str, ...] = field(default=())


def presented(dossier: Record) -> Iterator[Presented]:
    """Every item of the dossier shown as someone's words or as what an outlet reported."""
    for section in ("summary", "consensus"):
        for citation in dossier.get(section, []):
            yield Presented(section, citation["text"], tuple(citation.get("excerpts", ())))
    for quote in dossier.get("quotes", []):
        yield from _statement(quote)
    for entry in dossier.get("timeline", []):
        yield Presented("timeline", entry["text"], tuple(entry.get("excerpts", ())))
        if entry.get("clause"):
            yield Presented("timeline clause", entry["clause"]["text"], (entry["clause"],))
    for item in dossier.get("discrepancies", []):
        yield Presented("discrepancy", None, tuple(item.get("excerpts", ())), item["description"])
    for detail in dossier.get("unique_details", []):
        yield Presented("only one outlet", detail["text"], (_own_excerpt(detail),))
    for event in dossier.get("events", []):
        for sentence in event.get("excerpts", []):
            yield Presented("event", sentence["text"], (sentence,))
    for copy in dossier.get("wire_copies", []):
        for change in ("cut", "added"):
            for sentence in copy.get(change, []):
                yield Presented(f"wire copy {change}", sentence.get("text"), (sentence,))
    for inferred in dossier.get("inferred_dates", []):
        yield Presented("inferred date", None, tuple(inferred.get("excerpts", ())), inferred["evidence"])
    for item in dossier.get("review", []):
        yield Presented("review", None, tuple(item.get("excerpts", ())), item["description"])


def _statement(quote: Record) -> Iterator[Presented]:
    variants = quote.get("variants", [])
    said = [variant["words"] for variant in variants if variant.get("words")]
    sentences = [variant["sentence"] for variant in variants if variant.get("sentence")]
    excerpt = quote.get("excerpt")
    backing = said if quote.get("kind", "direct") == "direct" else sentences
    shown_as = "quoted words" if quote.get("kind", "direct") == "direct" else "reporting sentence"
    problems = () if excerpt and any(_same(excerpt, other) for other in backing) else (f"not an outlet's {shown_as}",)
    yield Presented("statement", quote["text"], (excerpt,) if excerpt else (), problems=problems)
    for variant in variants:
        yield Presented(f"{variant['kind']} quote", variant["text"], (_own_excerpt(variant),))
        if variant.get("words"):
            yield Presented("quoted words", variant["words"]["text"], (variant["words"],))
        elif variant["kind"] != "indirect":
            yield Presented("quoted words", variant["text"], (), problems=("quoted words without their spans",))
        if variant.get("sentence"):
            yield Presented("statement sentence", variant["sentence"]["text"], (variant["sentence"],))


def _own_excerpt(item: Record) -> Record:
    return {"article_id": item["article_id"], "text": item["text"], "spans": item.get("spans", ())}


def _same(a: Record, b: Record) -> bool:
    return a["article_id"] == b["article_id"] and [list(s) for s in a["spans"]] == [list(s) for s in b["spans"]]


def problems(dossier: Record, texts: Mapping[str, str]) -> list[str]:
    """Everything in the dossier not borne out by the articles' `texts` (by article id); empty when faithful."""
    found = []
    for item in presented(dossier):
        found += [f"{item.where}: {problem}: {item.words or item.description!r}" for problem in check(item, texts)]
    return found


def check(item: Presented, texts: Mapping[str, str]) -> list[str]:
    """What is wrong with one presented item, given the articles' texts."""
    found = list(item.problems)
    if item.words is not None and not item.excerpts:
        found.append("no evidence")
    for excerpt in item.excerpts:
        text = texts.get(excerpt["article_id"])
        if text is None:
            found.append(f"evidence in an unknown article {excerpt['article_id']!r}")
        elif not is_verbatim(excerpt["text"], text, [tuple(span) for span in excerpt["spans"]]):
            found.append(f"not in article {excerpt['article_id']} at {excerpt['spans']}")
    if item.words is not None and item.excerpts and comparable(item.words) != comparable(item.excerpts[0]["text"]):
        found.append("words differ from their evidence")
    if item.description is not None and (stray := _unsupported_quotation(item.description, item.excerpts)):
        found.append(f"quotes words that are not its evidence: {stray!r}")
    return found


def _unsupported_quotation(description: str, excerpts: tuple[Record, ...]) -> str | None:
    """What the description puts in quotation marks beyond its excerpts (None when nothing).

    An excerpt may be quoted whole, or cut short: its start, then … (a shortened description).
    """
    rest = plain_marks(description)
    quoted = sorted({comparable(excerpt["text"]) for excerpt in excerpts}, key=len, reverse=True)
    for words in quoted:
        rest = rest.replace(f'"{words}"', "")
    for words in quoted:  # shown as reported speech, unquoted, whole or cut short: its own marks are the article's
        rest = _without_reported(rest, words)
    while '"' in rest:
        opening = rest.index('"')
        cut = _cut_short(rest[opening + 1 :], quoted)
        if cut is None:
            return rest
        rest = rest[:opening] + rest[opening + 1 + cut :]
    return None


def _without_reported(rest: str, words: str) -> str:
    """`rest` without `words` shown unquoted (reported speech), whole or their start cut short with …;
    words in quotation marks are left to the caller."""
    if len(words) < MIN_ANCHOR:
        return rest
    anchor = words[:MIN_ANCHOR]
    start = rest.find(anchor)
    while start >= 0:
        if rest[start - 1 : start] != '"':
            stop = rest.find(ELLIPSIS, start)
            if rest.startswith(words, start):
                rest = rest[:start] + rest[start + len(words) :]
            elif stop > start and words.startswith(rest[start:stop].rstrip()):
                rest = rest[:start] + rest[stop + len(ELLIPSIS) :]
        start = rest.find(anchor, start + 1)
    return rest


def _cut_short(after: str, quoted: list[str]) -> int | None:
    """The length of an excerpt's start, its … and closing mark at the start of `after`, if there is one."""
    for stop in (match.start() for match in re.finditer(ELLIPSIS, after)):
        start = after[:stop].rstrip()
        if start and any(words.startswith(start) for words in quoted):
            end = stop + len(ELLIPSIS)
            return end + 1 if after[end : end + 1] == '"' else end
    return None
