"""Reading and writing an article's analysis: entities, roles, quotes, times and events.

An analysis is replaced whole, inside the caller's transaction, so a store never holds half of
one; the `analyses` row is what marks an article as analysed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from crosswire.records import Analysis, EntityMention, EntityRole, Event, Quote, Speaker, TimeExpression
from crosswire.store.dialect import Connection, ResultRow

_QUOTE_COLUMNS = (
    'text, start, "end", kind, cue, speaker, speaker_mention, speaker_start, speaker_end, speaker_kind, '
    "sourcing, relayed_by, hedged, parts, mixed"
)


ANALYSIS_TABLES = ("entity_mentions", "entity_roles", "quotes", "time_expressions", "events")


def save(connection: Connection, article_id: str, analysis: Analysis, model: str) -> None:
    for table in (*ANALYSIS_TABLES, "analyses"):  # each row points at the article, not at its analysis
        connection.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    connection.execute(
        "INSERT INTO analyses (article_id, anchor, model, analysed_at, cut_at, language, skipped) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (article_id, analysis.published, model, _now(), analysis.cut_at, analysis.language, analysis.skipped),
    )
    connection.executemany(
        'INSERT INTO entity_mentions (article_id, text, label, start, "end", canonical) VALUES (?, ?, ?, ?, ?, ?)',
        [(article_id, e.text, e.label, e.start, e.end, e.canonical) for e in analysis.entities],
    )
    connection.executemany(
        'INSERT INTO entity_roles (article_id, canonical, role, start, "end") VALUES (?, ?, ?, ?, ?)',
        [(article_id, r.canonical, r.role, r.start, r.end) for r in analysis.roles],
    )
    connection.executemany(
        f"INSERT INTO quotes (article_id, {_QUOTE_COLUMNS}) VALUES ({', '.join('?' * 16)})",
        [(article_id, *_quote_row(quote)) for quote in analysis.quotes],
    )
    connection.executemany(
        'INSERT INTO time_expressions (article_id, text, start, "end", type, value, mod) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [(article_id, t.text, t.start, t.end, t.type, t.value, t.mod) for t in analysis.times],
    )
    connection.executemany(
        'INSERT INTO events (article_id, actor, action, target, trigger, start, "end", date, place) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                event.actor,
                event.action,
                event.target,
                event.trigger,
                event.start,
                event.end,
                event.date,
                event.place,
            )
            for event in analysis.events
        ],
    )


def _quote_row(quote: Quote) -> tuple[object, ...]:
    speaker = quote.speaker or Speaker(None, kind="unknown")
    return (
        quote.text, quote.start, quote.end, quote.kind, quote.cue, speaker.name, speaker.mention,
        speaker.start, speaker.end, speaker.kind, quote.sourcing, quote.relayed_by, int(quote.hedged),
        json.dumps([list(part) for part in quote.parts]), int(quote.mixed),
    )  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load(connection: Connection, article_id: str) -> Analysis | None:
    row = connection.execute(
        "SELECT anchor, cut_at, language, skipped FROM analyses WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None

    def rows(sql: str) -> list[ResultRow]:
        return connection.execute(sql + " WHERE article_id = ? ORDER BY start, id", (article_id,)).fetchall()

    return Analysis(
        published=row["anchor"],
        entities=tuple(
            EntityMention(r["text"], r["label"], r["start"], r["end"], r["canonical"])
            for r in rows("SELECT * FROM entity_mentions")
        ),
        roles=tuple(
            EntityRole(r["canonical"], r["role"], r["start"], r["end"]) for r in rows("SELECT * FROM entity_roles")
        ),
        quotes=tuple(_quote(r) for r in rows("SELECT * FROM quotes")),
        times=tuple(
            TimeExpression(r["text"], r["start"], r["end"], r["type"], r["value"], r["mod"])
            for r in rows("SELECT * FROM time_expressions")
        ),
        events=tuple(
            Event(r["actor"], r["action"], r["target"], r["trigger"], r["start"], r["end"], r["date"], r["place"])
            for r in rows("SELECT * FROM events")
        ),
        cut_at=row["cut_at"],
        language=row["language"],
        skipped=row["skipped"],
    )


def _quote(row: ResultRow) -> Quote:
    speaker = None
    if row["speaker_kind"] != "unknown":
        speaker = Speaker(
            row["speaker"], row["speaker_mention"], row["speaker_start"], row["speaker_end"], row["speaker_kind"]
        )
    parts = tuple((start, end) for start, end in json.loads(row["parts"] or "[]"))
    return Quote(
        row["text"], row["start"], row["end"], row["kind"], row["cue"], speaker,
        row["sourcing"], row["relayed_by"], bool(row["hedged"]), parts, bool(row["mixed"]),
    )  # fmt: skip


def pending(connection: Connection) -> list[ResultRow]:
    """Articles never analysed, or analysed before their date was known and dated since."""
    return connection.execute(
        "SELECT articles.id, articles.source, articles.text, articles.published, articles.language FROM articles "
        "LEFT JOIN analyses ON analyses.article_id = articles.id "
        "WHERE analyses.article_id IS NULL "
        "OR (analyses.anchor IS NULL AND articles.published IS NOT NULL) "
        "ORDER BY articles.rowid"
    ).fetchall()
