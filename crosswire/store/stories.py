"""Story tables: article vectors, story memberships, merged-story aliases, clustering state, dossiers.

Vectors and the clustering index are kept as bytes here; the stories stage owns their meaning.
Membership changes, the aliases they create and the clustering state they leave are written in
one transaction, so a story is never half-merged and the state always matches the memberships.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from crosswire.records import ClusteringState, Story
from crosswire.store.dialect import Connection
from crosswire.store.dossier_parts import save_parts

Membership = tuple[str, str, float]  # (article id, story id, confidence)
OPENING_CHARACTERS = 2000  # comfortably more than a lead of 60 words


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_embeddings(connection: Connection, vectors: Mapping[str, bytes], model: str) -> None:
    connection.executemany(
        "INSERT INTO article_embeddings (article_id, model, vector) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector",
        [(article_id, model, vector) for article_id, vector in vectors.items()],
    )


def embeddings(connection: Connection, model: str) -> dict[str, bytes]:
    rows = connection.execute("SELECT article_id, vector FROM article_embeddings WHERE model = ?", (model,))
    return {row["article_id"]: row["vector"] for row in rows}


def save_memberships(connection: Connection, memberships: Iterable[Membership], aliases: Mapping[str, str]) -> None:
    """New or changed memberships, and the stories merged away (old id -> surviving id).

    A changed membership is deleted and inserted anew, so it counts as joining its story now. A
    story id that gets members again (a split can revive a merged-away story) no longer answers
    for the story that absorbed it. Every story an article joined or left, and every survivor of a
    merge, is marked for its dossier to be rebuilt, in the same transaction.
    """
    rows = [(article_id, story_id, confidence, _now()) for article_id, story_id, confidence in memberships]
    left = stories_of(connection, [row[0] for row in rows])
    connection.executemany("DELETE FROM story_members WHERE article_id = ?", [row[:1] for row in rows])
    connection.executemany(
        "INSERT INTO story_members (article_id, story_id, confidence, assigned_at) VALUES (?, ?, ?, ?)", rows
    )
    live = {row[1] for row in rows}
    connection.executemany("DELETE FROM story_aliases WHERE old_id = ?", [(story_id,) for story_id in sorted(live)])
    for old_id, new_id in aliases.items():
        connection.execute(
            "INSERT INTO story_aliases (old_id, new_id) VALUES (?, ?) "
            "ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id",
            (old_id, new_id),
        )
        connection.execute("UPDATE story_aliases SET new_id = ? WHERE new_id = ?", (new_id, old_id))
        connection.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (new_id, old_id))
        connection.execute("DELETE FROM stories WHERE id = ?", (old_id,))
        connection.execute("DELETE FROM stories_to_rebuild WHERE story_id = ?", (old_id,))
    mark_stale(connection, (live | left | set(aliases.values())) - set(aliases))


def stories_of(connection: Connection, article_ids: list[str]) -> set[str]:
    """The stories the given articles belong to."""
    stories: set[str] = set()
    for start in range(0, len(article_ids), 500):  # stay well below SQLite's bound-parameter limit
        chunk = article_ids[start : start + 500]
        rows = connection.execute(
            f"SELECT DISTINCT story_id FROM story_members WHERE article_id IN ({', '.join('?' * len(chunk))})", chunk
        )
        stories.update(row["story_id"] for row in rows)
    return stories


def mark_stale(connection: Connection, story_ids: Iterable[str]) -> None:
    """Mark stories whose dossier no longer matches their members, inside the caller's transaction."""
    connection.executemany(
        "INSERT INTO stories_to_rebuild (story_id) VALUES (?) ON CONFLICT (story_id) DO NOTHING",
        [(story_id,) for story_id in sorted(story_ids)],
    )


def stale(connection: Connection) -> list[str]:
    """The stories marked for their dossier to be rebuilt."""
    return [row["story_id"] for row in connection.execute("SELECT story_id FROM stories_to_rebuild ORDER BY story_id")]


def save_clustering_state(connection: Connection, state: ClusteringState, previous: ClusteringState | None) -> None:
    """Replace the stored clustering state, writing only the lists that changed since `previous`.

    `previous` is the state read from the store before; when the store no longer holds it (another
    run saved since) or the articles' keys changed (the state was rebuilt), everything is rewritten.
    """
    held = connection.execute("SELECT digest FROM clustering_index").fetchone()
    unchanged_keys = previous is not None and all(state.keys.get(a, key) == key for a, key in previous.keys.items())
    if previous is None or held is None or held["digest"] != previous.digest or not unchanged_keys:
        for table in ("clustering_index", "clustering_neighbours", "clustering_keys"):
            connection.execute(f"DELETE FROM {table}")
        previous = ClusteringState({}, 0, {}, b"", "")
    gone = [(key,) for article, key in previous.keys.items() if article not in state.keys]
    connection.executemany("DELETE FROM clustering_neighbours WHERE article_key = ?", gone)
    connection.executemany("DELETE FROM clustering_keys WHERE key = ?", gone)
    connection.executemany(
        "INSERT INTO clustering_keys (key, article_id) VALUES (?, ?)",
        [(key, article) for article, key in state.keys.items() if article not in previous.keys],
    )
    changed = [
        a for a, near in state.neighbours.items() if a not in previous.keys or previous.neighbours.get(a) != near
    ]
    connection.executemany(
        "DELETE FROM clustering_neighbours WHERE article_key = ?", [(state.keys[a],) for a in changed]
    )
    connection.executemany(
        "INSERT INTO clustering_neighbours (article_key, rank, neighbour_key, similarity) VALUES (?, ?, ?, ?)",
        [
            (state.keys[article], rank, state.keys[other], score)
            for article in changed
            for rank, (score, other) in enumerate(state.neighbours[article])
        ],
    )
    connection.execute(
        "INSERT INTO clustering_index (id, articles, next_key, digest, usearch, saved_at) VALUES (1, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET articles = excluded.articles, next_key = excluded.next_key, "
        "digest = excluded.digest, usearch = excluded.usearch, saved_at = excluded.saved_at",
        (len(state.keys), state.next_key, state.digest, state.index, _now()),
    )


def clustering_state(connection: Connection) -> ClusteringState | None:
    """The clustering state as stored; None when there is none (or its tables no longer fit together)."""
    head = connection.execute("SELECT next_key, digest, usearch FROM clustering_index").fetchone()
    if head is None:
        return None
    article_at = {row[0]: row[1] for row in connection.execute("SELECT key, article_id FROM clustering_keys")}
    rows = connection.execute(
        "SELECT article_key, neighbour_key, similarity FROM clustering_neighbours ORDER BY article_key, rank"
    )
    neighbours: dict[str, list[tuple[float, str]]] = {article: [] for article in article_at.values()}
    try:
        for key, group in groupby(rows, key=itemgetter(0)):
            neighbours[article_at[key]] = [(score, article_at[other]) for _, other, score in group]
    except KeyError:
        return None
    keys = {article: key for key, article in article_at.items()}
    return ClusteringState(keys, head["next_key"], neighbours, bytes(head["usearch"]), head["digest"])


def openings(connection: Connection, characters: int = OPENING_CHARACTERS) -> dict[str, tuple[str | None, str]]:
    """Each article's headline and first `characters` of text: enough for its lead, cheap to read for all."""
    rows = connection.execute("SELECT id, headline, substr(text, 1, ?) AS opening FROM articles", (characters,))
    return {row["id"]: (row["headline"], row["opening"]) for row in rows}


def memberships(connection: Connection) -> list[Membership]:
    rows = connection.execute("SELECT article_id, story_id, confidence FROM story_members ORDER BY rowid")
    return [(row["article_id"], row["story_id"], row["confidence"]) for row in rows]


def aliases(connection: Connection) -> dict[str, str]:
    return {row["old_id"]: row["new_id"] for row in connection.execute("SELECT old_id, new_id FROM story_aliases")}


def current_id(connection: Connection, story_id: str) -> str:
    """The id a story answers to now, following merges."""
    row = connection.execute("SELECT new_id FROM story_aliases WHERE old_id = ?", (story_id,)).fetchone()
    return row["new_id"] if row else story_id


def without_embedding(connection: Connection, model: str) -> list[str]:
    """The articles with no vector of `model`: new ones, or all of them after the model changed."""
    rows = connection.execute(
        "SELECT articles.id FROM articles LEFT JOIN article_embeddings ON article_embeddings.article_id = articles.id "
        "AND article_embeddings.model = ? WHERE article_embeddings.article_id IS NULL ORDER BY articles.rowid",
        (model,),
    )
    return [row["id"] for row in rows]


def unassigned(connection: Connection) -> list[str]:
    rows = connection.execute(
        "SELECT articles.id FROM articles LEFT JOIN story_members ON story_members.article_id = articles.id "
        "WHERE story_members.article_id IS NULL ORDER BY articles.rowid"
    )
    return [row["id"] for row in rows]


def members(connection: Connection, story_id: str) -> dict[str, float]:
    """The story's articles with their membership confidence, in the order they joined."""
    rows = connection.execute(
        "SELECT article_id, confidence FROM story_members WHERE story_id = ? ORDER BY rowid", (story_id,)
    )
    return {row["article_id"]: row["confidence"] for row in rows}


def drop_story(connection: Connection, story_id: str) -> None:
    """Forget a story left without members: its dossier, and its mark."""
    connection.execute("DELETE FROM stories WHERE id = ?", (story_id,))
    connection.execute("DELETE FROM stories_to_rebuild WHERE story_id = ?", (story_id,))


def save_story(connection: Connection, story: Story) -> None:
    """The story's dossier and its parts as tables (`dossier_parts`), which clears its mark: all or none."""
    connection.execute("DELETE FROM stories_to_rebuild WHERE story_id = ?", (story.id,))
    connection.execute(
        "INSERT INTO stories (id, title, articles, outlets, first_published, last_published, dossier, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
        "articles = excluded.articles, outlets = excluded.outlets, first_published = excluded.first_published, "
        "last_published = excluded.last_published, dossier = excluded.dossier, updated_at = excluded.updated_at",
        (
            story.id,
            story.title,
            len(story.articles),
            len(story.outlets),
            story.first_published,
            story.last_published,
            json.dumps(story.to_dict(), ensure_ascii=False),
            _now(),
        ),
    )
    save_parts(connection, story)


def stories(connection: Connection, limit: int | None, offset: int, no_limit: int | None) -> list[dict[str, Any]]:
    """Stories newest first: the list view, without dossiers; `no_limit` is the dialect's LIMIT for all."""
    rows = connection.execute(
        "SELECT id, title, articles, outlets, first_published, last_published, updated_at FROM stories "
        "ORDER BY coalesce(last_published, first_published, '') DESC, id LIMIT ? OFFSET ?",
        (no_limit if limit is None else limit, offset),
    )
    return [dict(row) for row in rows]


def dossier(connection: Connection, story_id: str) -> dict[str, Any] | None:
    row = connection.execute("SELECT dossier FROM stories WHERE id = ?", (current_id(connection, story_id),)).fetchone()
    return json.loads(row["dossier"]) if row else None
