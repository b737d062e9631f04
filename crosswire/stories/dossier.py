"""One story's dossier: its articles and their analyses in, a sourced account (`Story`) out."""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from crosswire.analysis.entities import entity_key
from crosswire.records import Analysis, Article, MembershipTie, ReviewItem, Story, StoryQuote
from crosswire.stories.compare import consensus, discrepancies, unique_details
from crosswire.stories.events import story_events
from crosswire.stories.provenance import wire_copies
from crosswire.stories.quotes import align_quotes
from crosswire.stories.summary import story_title, summarize
from crosswire.stories.timeline import build_timeline

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
REVIEW_ITEMS = 15
REVIEW_QUOTES_BELOW = 0.8  # quotes attributed less firmly than a name beside the words
REVIEW_TEXT_CHARACTERS = 300
QUOTE_CHARACTERS = 120


def build_story(
    story_id: str,
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    links: Mapping[str, Sequence[tuple[str, float, str]]],
    membership: Mapping[str, float],
    ties: Mapping[str, MembershipTie] | None = None,
) -> Story:
    """Everything the dossier shows, each derived item with the articles it rests on."""
    quotes = align_quotes(articles, analyses)
    timeline, inferred = build_timeline(articles, analyses)
    days = sorted(article.published.value for article in articles if article.published.value)
    story = Story(
        id=story_id,
        title=story_title(articles),
        articles=tuple(article.id for article in articles),
        outlets=tuple(sorted({article.outlet.value for article in articles if article.outlet.value})),
        first_published=days[0] if days else None,
        last_published=days[-1] if days else None,
        summary=tuple(summarize(articles)),
        consensus=tuple(consensus(articles, analyses, quotes)),
        quotes=tuple(quotes),
        timeline=tuple(timeline),
        entities=tuple(story_entities(articles, analyses)),
        discrepancies=tuple(discrepancies(articles, analyses, quotes, timeline)),
        unique_details=tuple(unique_details(articles, analyses)),
        events=tuple(story_events(articles, analyses)),
        wire_copies=tuple(wire_copies(articles, links)),
        inferred_dates=tuple(inferred),
        membership_confidence=dict(membership),
        membership_ties={article_id: tie for article_id, tie in (ties or {}).items() if article_id in membership},
    )
    return _with_review(story, {article.id: article.label for article in articles})


def story_entities(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> list[dict[str, Any]]:
    """Entities across the story: label, how often and where mentioned, and the roles articles give them.

    Spellings of one entity across outlets ("Kim Jong-un", "Kim Jong Un") are one entry, named as
    most of its mentions write it.
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    carried: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article in articles:
        analysis = analyses.get(article.id)
        if analysis is None:
            continue
        for mention in analysis.entities:
            if mention.label in ENTITY_LABELS:
                key = entity_key(mention.canonical)
                labels[key][mention.label] += 1
                spellings[key][mention.canonical] += 1
                carried[key].add(article.id)
        for role in analysis.roles:
            roles[entity_key(role.canonical)][role.role].add(article.id)
    ranked = sorted(labels, key=lambda key: (-len(carried[key]), -sum(labels[key].values()), key))
    return [
        {
            "name": spellings[key].most_common(1)[0][0],
            "label": labels[key].most_common(1)[0][0],
            "mentions": sum(labels[key].values()),
            "articles": sorted(carried[key]),
            "roles": [{"role": role, "articles": sorted(ids)} for role, ids in sorted(roles[key].items())],
        }
        for key in ranked
    ]


def _with_review(story: Story, labels: Mapping[str, str]) -> Story:
    """The derived items most worth a human check: the least certain first.

    Each carries the confidence its own stage computed from evidence: membership from the
    clustering score, discrepancies from how close the clashing mentions are and how firm their
    dates, inferred dates from how much of the evidence the chosen day agrees with, quotes from
    how each outlet names the speaker and how many agree (`quotes.attribution`). Quotes firmly
    attributed by their outlets are left out unless outlets dispute the speaker.
    """
    items = [
        ReviewItem("membership", _membership_description(story, article_id, labels), confidence,
                   (article_id, *([tie.article_id] if (tie := story.membership_ties.get(article_id)) else [])))
        for article_id, confidence in story.membership_confidence.items()
    ]  # fmt: skip
    items += [
        ReviewItem("discrepancy", shorten(d.description), d.confidence, d.articles, d.excerpts)
        for d in story.discrepancies
    ]
    items += [
        ReviewItem("date", shorten(f"publication date of {labels.get(d.article_id, d.article_id)} inferred as "
                                   f"{d.date}: {d.evidence}"), d.confidence, (d.article_id,), d.excerpts)
        for d in story.inferred_dates
    ]  # fmt: skip
    items += [
        ReviewItem(
            "quote",
            _quote_description(quote),
            quote.confidence,
            quote.articles,
            (quote.excerpt,) if quote.excerpt else (),
        )
        for quote in story.quotes
        if quote.other_speakers or quote.confidence < REVIEW_QUOTES_BELOW
    ]
    items.sort(key=lambda item: (item.confidence, item.kind))
    return replace(story, review=tuple(items[:REVIEW_ITEMS]))


def _membership_description(story: Story, article_id: str, labels: Mapping[str, str]) -> str:
    """That an article belongs to the story, and what ties it there, so a person can judge a doubtful one."""
    claim = f"{labels.get(article_id, article_id)} belongs to this story"
    tie = story.membership_ties.get(article_id)
    if tie is None:
        return claim
    return shorten(f"{claim}: {tie.describe(labels.get(tie.article_id, tie.article_id))}")


def shorten(text: str, width: int = REVIEW_TEXT_CHARACTERS) -> str:
    """At most `width` characters, cut at a word boundary and marked with …."""
    return textwrap.shorten(text, width=width, placeholder=" …")


def _quote_description(quote: StoryQuote) -> str:
    """The speaker's words in quotation marks; a statement only reported, as reported speech, without them."""
    speakers = " / ".join([quote.speaker or "unknown speaker", *quote.other_speakers])
    if quote.kind == "indirect":
        return f"reported statement attributed to {speakers}: {shorten(quote.text, QUOTE_CHARACTERS)}"
    return f"“{shorten(quote.text, QUOTE_CHARACTERS)}” attributed to {speakers}"
