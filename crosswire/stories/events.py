"""Who did what to whom across a story: the articles' events lined up by actor, action and target.

Each article's analysis reads events one by one (`crosswire.analysis.events`); here the same action
between the same actor and target, as outlets spell them (`entity_key`), becomes one `StoryEvent`,
with the sentence each article tells it in, verbatim. Plain statements ("said", "told") are left to
the quotes, which say what was said.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from crosswire.analysis.entities import entity_key
from crosswire.analysis.sentences import sentence_at
from crosswire.analysis.verbatim import excerpt
from crosswire.records import Analysis, Article, Event, Excerpt, StoryEvent

STATEMENT = "make_statement"

EventKey = tuple[str, str, str | None]


def story_events(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> list[StoryEvent]:
    """The story's events, those told by the most articles first, then the earliest dated."""
    told: dict[EventKey, list[tuple[Article, Event]]] = defaultdict(list)
    for article in articles:
        analysis = analyses.get(article.id)
        for event in analysis.events if analysis else ():
            if event.action != STATEMENT:
                told[_key(event)].append((article, event))
    events = [_story_event(group) for group in told.values()]
    events.sort(key=lambda e: (-len(e.articles), min(e.dates, default="9999"), entity_key(e.actor), e.action))
    return events


def _key(event: Event) -> EventKey:
    return entity_key(event.actor), event.action, entity_key(event.target) if event.target else None


def _story_event(group: list[tuple[Article, Event]]) -> StoryEvent:
    """One event from every article's mentions of it: each article's first sentence telling it,
    the spelling most mentions use, and every date and place given."""
    sentences: dict[str, Excerpt] = {}
    for article, event in group:
        if article.id not in sentences:
            sentences[article.id] = excerpt(article.id, article.text, [sentence_at(article.text, event.start)])
    events = [event for _, event in group]
    targets = Counter(event.target for event in events if event.target)
    return StoryEvent(
        actor=Counter(event.actor for event in events).most_common(1)[0][0],
        action=events[0].action,
        target=targets.most_common(1)[0][0] if targets else None,
        articles=tuple(sentences),
        excerpts=tuple(sentences.values()),
        dates=tuple(sorted({event.date for event in events if event.date})),
        places=tuple(sorted({event.place for event in events if event.place})),
    )
