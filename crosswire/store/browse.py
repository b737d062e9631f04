"""Read-only queries for browsing the store: paged lists, an article's story, what an entity said.

Every value from outside (ids, names, filters) is bound as a parameter, never spliced into SQL. The
SQL is read alike by SQLite and PostgreSQL: case is folded with lower(), and undated rows sort last
with NULLS LAST, which is SQLite's own order for a descending sort.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crosswire.store.dialect import Connection, ResultRow

BRIEF_COLUMNS = (
    "articles.id, articles.headline, articles.outlet, articles.authors, articles.published, articles.language, "
    "articles.source, articles.url"
)
STORY_ORDER = "coalesce(last_published, first_published, '') DESC, id"


def same_name(column: str, parameter: str = "?") -> str:
    """SQL for "`column` names the same entity as the parameter": names keep the article's spelling,
    and spellings that differ in case and hyphens ("Kim Jong-un", "Kim Jong Un") are one entity.
    The column side is the expression the store indexes."""
    return f"lower(replace({column}, '-', ' ')) = lower(replace({parameter}, '-', ' '))"


def _like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class StoryFilter:
    """Which stories a list shows: a title containing `matching` (any case), one of whose articles is
    `outlet`'s, published over days that reach `since` and start by `until` (ISO dates; inclusive)."""

    matching: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, tuple[Any, ...]]:
        sql = (
            "WHERE (? IS NULL OR lower(title) LIKE lower(?) ESCAPE '\\') "
            "AND (? IS NULL OR EXISTS (SELECT 1 FROM story_sources WHERE story_sources.story_id = stories.id "
            "AND story_sources.outlet = ?)) "
            "AND (? IS NULL OR substr(coalesce(last_published, first_published), 1, 10) >= ?) "
            "AND (? IS NULL OR substr(coalesce(first_published, last_published), 1, 10) <= ?)"
        )
        like = _like_pattern(self.matching or "")
        return sql, (self.matching, like, self.outlet, self.outlet, self.since, self.since, self.until, self.until)


def stories(connection: Connection, limit: int, offset: int, chosen: StoryFilter) -> list[ResultRow]:
    """The chosen stories, newest first."""
    where, parameters = chosen.where()
    return connection.execute(
        "SELECT id, title, articles, outlets, first_published, last_published, updated_at FROM stories "
        f"{where} ORDER BY {STORY_ORDER} LIMIT ? OFFSET ?",
        (*parameters, limit, offset),
    ).fetchall()


def count_stories(connection: Connection, chosen: StoryFilter) -> int:
    where, parameters = chosen.where()
    return int(connection.execute(f"SELECT count(*) FROM stories {where}", parameters).fetchone()[0])


def story_outlets(connection: Connection) -> list[str]:
    """Every outlet some story cites, by name."""
    rows = connection.execute("SELECT DISTINCT outlet FROM story_sources WHERE outlet IS NOT NULL ORDER BY outlet")
    return [row["outlet"] for row in rows]


def story_glances(connection: Connection, story_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Each story's outlets (in the order its sources are numbered) and the first sentence of its summary,
    from its dossier's tables: what a list shows beside a title without reading any dossier."""
    glances: dict[str, dict[str, Any]] = {story_id: {"outlets": [], "summary": None} for story_id in story_ids}
    for start in range(0, len(story_ids), 500):  # stay well below SQLite's bound-parameter limit
        chunk = story_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sources = connection.execute(
            f"SELECT story_id, outlet FROM story_sources WHERE story_id IN ({marks}) ORDER BY story_id, number", chunk
        )
        for row in sources:
            outlets = glances[row["story_id"]]["outlets"]
            if row["outlet"] and row["outlet"] not in outlets:
                outlets.append(row["outlet"])
        leads = connection.execute(
            f"SELECT story_id, text FROM summary_sentences WHERE story_id IN ({marks}) "
            "AND section = 'summary' AND position = 0",
            chunk,
        )
        for row in leads:
            glances[row["story_id"]]["summary"] = row["text"]
    return glances


def article_briefs(connection: Connection, article_ids: Iterable[str]) -> dict[str, ResultRow]:
    """The list-view columns of the given articles, keyed by id (unknown ids are left out)."""
    ids = list(dict.fromkeys(article_ids))
    found: dict[str, ResultRow] = {}
    for start in range(0, len(ids), 500):  # stay well below SQLite's bound-parameter limit
        chunk = ids[start : start + 500]
        rows = connection.execute(
            f"SELECT {BRIEF_COLUMNS} FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk
        )
        found.update((row["id"], row) for row in rows)
    return found


def article_list(connection: Connection, limit: int, offset: int) -> list[ResultRow]:
    """Articles newest first (undated last: NULL sorts last in descending order), with their story."""
    return connection.execute(
        f"SELECT {BRIEF_COLUMNS}, story_members.story_id FROM articles "
        "LEFT JOIN story_members ON story_members.article_id = articles.id "
        "ORDER BY articles.published DESC NULLS LAST, articles.id LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()


def story_of(connection: Connection, article_id: str) -> ResultRow | None:
    return connection.execute(
        "SELECT stories.id, stories.title FROM story_members JOIN stories ON stories.id = story_members.story_id "
        "WHERE story_members.article_id = ?",
        (article_id,),
    ).fetchone()


def entity_labels(connection: Connection, name: str) -> list[ResultRow]:
    """The labels an entity is tagged with, most frequent first, with mention and article counts."""
    return connection.execute(
        "SELECT label, CAST(sum(mentions) AS INTEGER) AS mentions, count(*) AS articles FROM ("
        f"  SELECT label, article_id, count(*) AS mentions FROM entity_mentions WHERE {same_name('canonical')} "
        "  GROUP BY label, article_id) AS per_article GROUP BY label ORDER BY mentions DESC, label",
        (name,),
    ).fetchall()


# Above this many mentions, walking articles newest first and stopping at the limit beats
# gathering every mention and sorting: the entity is in so many articles that the walk ends soon.
WALK_ABOVE_MENTIONS = 2000


def entity_articles(connection: Connection, name: str, limit: int, mentions: int) -> list[ResultRow]:
    """Articles mentioning the entity, newest first, with their story."""
    story_columns = "stories.id AS story_id, stories.title AS story_title FROM "
    if mentions > WALK_ABOVE_MENTIONS:
        chosen = (
            "(SELECT articles.rowid AS article_rowid, (SELECT count(*) FROM entity_mentions "
            f"  WHERE entity_mentions.article_id = articles.id AND {same_name('entity_mentions.canonical', '?1')}) "
            " AS mentions FROM articles WHERE EXISTS (SELECT 1 FROM entity_mentions WHERE "
            f"  entity_mentions.article_id = articles.id AND {same_name('entity_mentions.canonical', '?1')}) "
            " ORDER BY articles.published DESC NULLS LAST, articles.id LIMIT ?2) AS mentioned "
            "JOIN articles ON articles.rowid = mentioned.article_rowid "
        )
    else:
        chosen = (
            f"(SELECT article_id, count(*) AS mentions FROM entity_mentions WHERE {same_name('canonical', '?1')} "
            " GROUP BY article_id) AS mentioned JOIN articles ON articles.id = mentioned.article_id "
        )
    return connection.execute(
        f"SELECT {BRIEF_COLUMNS}, mentioned.mentions, {story_columns}{chosen}"
        "LEFT JOIN story_members ON story_members.article_id = articles.id "
        "LEFT JOIN stories ON stories.id = story_members.story_id "
        "ORDER BY articles.published DESC NULLS LAST, articles.id LIMIT ?2",
        (name, limit),
    ).fetchall()


def entity_roles(connection: Connection, name: str) -> list[ResultRow]:
    return connection.execute(
        f"SELECT role, count(DISTINCT article_id) AS articles FROM entity_roles WHERE {same_name('canonical')} "
        "GROUP BY role ORDER BY articles DESC, role",
        (name,),
    ).fetchall()


QUOTE_COLUMNS = (
    "quotes.id, quotes.article_id, quotes.start, quotes.text, quotes.kind, quotes.mixed, quotes.speaker, "
    "quotes.speaker_mention, "
    "quotes.sourcing, quotes.relayed_by, quotes.hedged, articles.headline, articles.outlet, articles.published, "
    "articles.source"
)


def quotes_by(connection: Connection, name: str, limit: int) -> list[ResultRow]:
    """What the entity said: quotes attributed to it, newest article first."""
    return connection.execute(
        f"SELECT {QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
        f"WHERE {same_name('quotes.speaker')} "
        "ORDER BY articles.published DESC NULLS LAST, quotes.article_id, quotes.start LIMIT ?",
        (name, limit),
    ).fetchall()


def quotes_about(connection: Connection, name: str, article_ids: list[str]) -> list[ResultRow]:
    """What others said about the entity in the given articles: quotes by someone else naming it.

    Bounded by the articles (the newest that name it), so a name in every article stays cheap.
    """
    if not article_ids:
        return []
    marks = ", ".join("?" * len(article_ids))
    return connection.execute(
        f"SELECT {QUOTE_COLUMNS} FROM quotes JOIN articles ON articles.id = quotes.article_id "
        f"WHERE quotes.article_id IN ({marks}) AND NOT coalesce({same_name('quotes.speaker')}, FALSE) "
        "AND EXISTS (SELECT 1 FROM entity_mentions "
        f"  WHERE entity_mentions.article_id = quotes.article_id AND {same_name('entity_mentions.canonical')} "
        "  AND entity_mentions.start >= quotes.start AND entity_mentions.end <= quotes.end) "
        "ORDER BY articles.published DESC NULLS LAST, quotes.article_id, quotes.start",
        (*article_ids, name, name),
    ).fetchall()


def count_quotes_by(connection: Connection, name: str) -> int:
    return int(connection.execute(f"SELECT count(*) FROM quotes WHERE {same_name('speaker')}", (name,)).fetchone()[0])


def as_dicts(rows: Iterable[ResultRow]) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]
