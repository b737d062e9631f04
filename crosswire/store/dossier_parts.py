"""A dossier's parts as tables beside its JSON: sources, statements and their carriers, timeline entries,
disagreements, details only one outlet reports, summary sentences and events.

They are written inside the transaction that saves the dossier (`stories.save_story`), replacing the
story's previous rows, so SQL (and Datasette) sees exactly what the JSON says; the schema is migration
10's. Rows are numbered in the dossier's order (`position`, from 0; sources from 1, as cited).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date

from crosswire.analysis.times_calendar import parse_value
from crosswire.records import Citation, Excerpt, Story
from crosswire.store.dialect import Connection

PART_TABLES = (
    "story_sources",
    "story_quotes",
    "timeline_entries",
    "discrepancies",
    "unique_details",
    "summary_sentences",
    "story_events",
)  # fmt: skip; their children go with them (ON DELETE CASCADE)


def spans_json(spans: Sequence[tuple[int, int]]) -> str:
    return json.dumps([list(span) for span in spans])


def save_parts(connection: Connection, story: Story) -> None:
    """Replace the story's rows in every part table with those of `story`, in the caller's transaction."""
    for table in PART_TABLES:
        connection.execute(f"DELETE FROM {table} WHERE story_id = ?", (story.id,))
    outlets = _outlets(connection, story.articles)  # the story's articles the store holds, and their outlets
    known = [article_id for article_id in story.articles if article_id in outlets]
    connection.executemany(
        "INSERT INTO story_sources (story_id, number, article_id, outlet, membership_confidence) "
        "VALUES (?, ?, ?, ?, ?)",
        [(story.id, number, article_id, outlets[article_id], story.membership_confidence.get(article_id))
         for number, article_id in enumerate(known, start=1)],
    )  # fmt: skip
    _save_quotes(connection, story, outlets)
    _save_timeline(connection, story, outlets)
    _save_discrepancies(connection, story, outlets)
    connection.executemany(
        "INSERT INTO unique_details (story_id, position, article_id, text, spans, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(story.id, position, d.article_id, d.text, spans_json(d.spans), d.confidence)
         for position, d in enumerate(story.unique_details) if d.article_id in outlets],
    )  # fmt: skip
    _save_citations(connection, story.id, "summary", story.summary, outlets)
    _save_citations(connection, story.id, "consensus", story.consensus, outlets)
    _save_events(connection, story, outlets)


def _outlets(connection: Connection, article_ids: Sequence[str]) -> dict[str, str | None]:
    outlets: dict[str, str | None] = {}
    for start in range(0, len(article_ids), 500):  # stay well below SQLite's bound-parameter limit
        chunk = list(article_ids[start : start + 500])
        rows = connection.execute(f"SELECT id, outlet FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        outlets.update({row["id"]: row["outlet"] for row in rows})
    return outlets


def _inserted(connection: Connection, sql: str, values: tuple[object, ...]) -> int:
    return int(connection.execute(sql + " RETURNING id", values).fetchone()["id"])


def _save_quotes(connection: Connection, story: Story, outlets: dict[str, str | None]) -> None:
    for position, quote in enumerate(story.quotes):
        shown = quote.excerpt if quote.excerpt and quote.excerpt.article_id in outlets else None
        quote_id = _inserted(
            connection,
            "INSERT INTO story_quotes (story_id, position, speaker, kind, text, article_id, spans, outlets, articles, "
            "confidence, other_speakers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (story.id, position, quote.speaker, quote.kind, quote.text, shown.article_id if shown else None,
             spans_json(shown.spans) if shown else None, len({outlets.get(a) or a for a in quote.articles}),
             len(quote.articles), quote.confidence, json.dumps(list(quote.other_speakers), ensure_ascii=False)),
        )  # fmt: skip
        connection.executemany(
            'INSERT INTO story_quote_carriers (story_quote_id, article_id, kind, speaker, text, start, "end", spans, '
            "words, sentence, similarity, attribution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(quote_id, v.article_id, v.kind, v.speaker, v.text, v.spans[0][0] if v.spans else None,
              v.spans[-1][1] if v.spans else None, spans_json(v.spans), v.words.text if v.words else None,
              v.sentence.text if v.sentence else None, v.similarity, v.attribution) for v in quote.variants
             if v.article_id in outlets],
        )  # fmt: skip


def _save_timeline(connection: Connection, story: Story, outlets: dict[str, str | None]) -> None:
    for position, entry in enumerate(story.timeline):
        period = parse_value(entry.date)
        entry_id = _inserted(
            connection,
            "INSERT INTO timeline_entries (story_id, position, date, first_day, last_day, precision, text, clause, "
            "articles, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (story.id, position, entry.date, _iso(period.start if period else None),
             _iso(period.last if period else None), entry.precision, entry.text,
             entry.clause.text if entry.clause else None, len(entry.articles), entry.confidence),
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO timeline_entry_articles (entry_id, article_id, sentence, spans) VALUES (?, ?, ?, ?)",
            _per_article(entry_id, entry.articles, entry.excerpts, outlets),
        )


def _per_article(
    row_id: int, article_ids: Sequence[str], excerpts: Sequence[Excerpt], known: Mapping[str, object]
) -> list[tuple[int, str, str | None, str | None]]:
    """One row per supporting article the store holds, with the first of its excerpts (how it tells the
    item), if any."""
    first: dict[str, Excerpt] = {}
    for item in excerpts:
        first.setdefault(item.article_id, item)
    rows = []
    for article_id in dict.fromkeys(a for a in article_ids if a in known):
        told = first.get(article_id)
        rows.append((row_id, article_id, told.text if told else None, spans_json(told.spans) if told else None))
    return rows


def _save_discrepancies(connection: Connection, story: Story, outlets: dict[str, str | None]) -> None:
    for position, item in enumerate(story.discrepancies):
        discrepancy_id = _inserted(
            connection,
            "INSERT INTO discrepancies (story_id, position, kind, description, articles, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (story.id, position, item.kind, item.description, len(set(item.articles)), item.confidence),
        )
        connection.executemany(
            "INSERT INTO discrepancy_articles (discrepancy_id, article_id) VALUES (?, ?)",
            [(discrepancy_id, article_id) for article_id in dict.fromkeys(item.articles) if article_id in outlets],
        )


def _save_citations(
    connection: Connection, story_id: str, section: str, citations: Sequence[Citation], outlets: dict[str, str | None]
) -> None:
    for position, citation in enumerate(citations):
        shown = citation.excerpts[0] if citation.excerpts and citation.excerpts[0].article_id in outlets else None
        sentence_id = _inserted(
            connection,
            "INSERT INTO summary_sentences (story_id, section, position, text, article_id, spans, articles) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (story_id, section, position, citation.text, shown.article_id if shown else None,
             spans_json(shown.spans) if shown else None, len(set(citation.articles))),
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO summary_sentence_articles (sentence_id, article_id, sentence, spans) VALUES (?, ?, ?, ?)",
            _per_article(sentence_id, citation.articles, citation.excerpts, outlets),
        )


def _save_events(connection: Connection, story: Story, outlets: dict[str, str | None]) -> None:
    for position, event in enumerate(story.events):
        event_id = _inserted(
            connection,
            "INSERT INTO story_events (story_id, position, actor, action, target, dates, places, articles) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (story.id, position, event.actor, event.action, event.target, json.dumps(list(event.dates)),
             json.dumps(list(event.places), ensure_ascii=False), len(event.articles)),
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO story_event_articles (event_id, article_id, sentence, spans) VALUES (?, ?, ?, ?)",
            [
                (event_id, sentence.article_id, sentence.text, spans_json(sentence.spans))
                for sentence in event.excerpts
                if sentence.article_id in outlets
            ],
        )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
