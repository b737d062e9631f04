"""The store's schema as an ordered list of migrations, tracked with `PRAGMA user_version`.

Migration N (1-based) brings a database from user_version N-1 to N inside one transaction, so a
failed upgrade leaves the database as it was. To change the schema, append a migration; never
edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass

APPLICATION_ID = 0x63777273  # "cwrs": marks a database as a crosswire store


class SchemaError(Exception):
    """The database is not one this version of crosswire can open."""


@dataclass(frozen=True)
class Migration:
    description: str
    apply: Callable[[sqlite3.Connection], None]


def sql_migration(description: str, script: str) -> Migration:
    """A migration from an SQL script, run statement by statement inside the migration's transaction."""

    def apply(connection: sqlite3.Connection) -> None:
        for statement in statements(script):
            connection.execute(statement)

    return Migration(description, apply)


def statements(script: str) -> Iterator[str]:
    """Split a script into statements; `executescript` can't be used as it commits first."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \t\r\n;"):
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:80]!r}")


INITIAL_SCHEMA = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
    arguments TEXT NOT NULL,  -- JSON list: the paths the run was given
    counts TEXT               -- JSON object: inputs per outcome status
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,      -- content hash of the text: the same text always gets the same id
    headline TEXT,
    outlet TEXT,
    authors TEXT NOT NULL,    -- JSON list of people
    agencies TEXT NOT NULL,   -- JSON list of wire agencies credited
    published TEXT,           -- ISO 8601
    modified TEXT,            -- ISO 8601
    language TEXT,
    text TEXT NOT NULL,
    url TEXT,
    record_id TEXT,
    source TEXT NOT NULL,     -- first path, URL or record it was seen under; all are in article_sources
    metadata TEXT NOT NULL,   -- JSON: every field with provenance, confidence and evidence
    ingested_at TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX articles_run_id ON articles(run_id);

CREATE TABLE article_sources (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id),
    source TEXT NOT NULL,
    url TEXT,
    record_id TEXT,
    first_seen TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (article_id, source)
);
CREATE INDEX article_sources_run_id ON article_sources(run_id);

CREATE TABLE near_duplicates (
    article_id TEXT NOT NULL REFERENCES articles(id),
    other_id TEXT NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL,  -- estimated Jaccard similarity of word 5-gram shingles
    kind TEXT NOT NULL CHECK (kind IN ('wire-copy', 'near-duplicate')),
    PRIMARY KEY (article_id, other_id),
    CHECK (article_id < other_id)
);
CREATE INDEX near_duplicates_other_id ON near_duplicates(other_id);

-- Each pair is stored once; this view lists it from both ends.
CREATE VIEW near_duplicate_links AS
    SELECT article_id, other_id, similarity, kind FROM near_duplicates
    UNION ALL
    SELECT other_id AS article_id, article_id AS other_id, similarity, kind FROM near_duplicates;

CREATE TABLE minhash_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    signature BLOB NOT NULL  -- 128 little-endian uint64 MinHash values (datasketch affine64, seed 1)
);

CREATE TABLE ingest_log (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ingested', 'duplicate', 'linked', 'rejected')),
    article_id TEXT REFERENCES articles(id),
    reason TEXT,
    logged_at TEXT NOT NULL
);
CREATE INDEX ingest_log_run_id ON ingest_log(run_id);
CREATE INDEX ingest_log_article_id ON ingest_log(article_id);

-- External-content full-text index in the layout datasette detects; the triggers keep it in sync.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, text,
    content="articles", content_rowid="rowid",
    tokenize="porter unicode61 remove_diacritics 2"
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, text)
        VALUES ('delete', old.rowid, old.headline, old.text);
    INSERT INTO articles_fts (rowid, headline, text) VALUES (new.rowid, new.headline, new.text);
END;
"""

ANALYSIS_SCHEMA = """
-- One row per analysed article: the date its relative times were resolved against, and the model.
CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    anchor TEXT,              -- ISO 8601 date relative expressions were resolved against; NULL: unresolved
    model TEXT NOT NULL,      -- spaCy pipeline that parsed the text
    analysed_at TEXT NOT NULL
);

-- Offsets in every analysis table are character offsets into articles.text.
CREATE TABLE entity_mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES analyses(article_id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    label TEXT NOT NULL,      -- PERSON, ORG, GPE, LOC, FAC, NORP
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    canonical TEXT NOT NULL   -- one name per referent across articles and outlets
);
CREATE INDEX entity_mentions_article_id ON entity_mentions(article_id);
CREATE INDEX entity_mentions_canonical ON entity_mentions(canonical);

CREATE TABLE entity_roles (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES analyses(article_id) ON DELETE CASCADE,
    canonical TEXT NOT NULL,
    role TEXT NOT NULL,       -- title or role as the article states it
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX entity_roles_article_id ON entity_roles(article_id);
CREATE INDEX entity_roles_canonical ON entity_roles(canonical);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES analyses(article_id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect')),
    cue TEXT,
    speaker TEXT,             -- resolved canonical name
    speaker_mention TEXT,     -- the words that name or refer to the speaker ("he", "the spokesman")
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_kind TEXT,        -- named, pronoun, description, anonymous
    sourcing TEXT NOT NULL,   -- named, anonymous, relayed
    relayed_by TEXT,
    hedged INTEGER NOT NULL   -- 1 when the article does not assert the statement
);
CREATE INDEX quotes_article_id ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE time_expressions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES analyses(article_id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    type TEXT NOT NULL,       -- TimeML: DATE, TIME, DURATION, SET
    value TEXT                -- TimeML value; NULL until the article's date is known
);
CREATE INDEX time_expressions_article_id ON time_expressions(article_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES analyses(article_id) ON DELETE CASCADE,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,     -- code from docs/actions.md
    target TEXT,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    date TEXT,
    place TEXT
);
CREATE INDEX events_article_id ON events(article_id);
CREATE INDEX events_actor ON events(actor);
"""

STORY_SCHEMA = """
-- The vector each article is clustered by (headline and lead), so later runs need not re-embed.
CREATE TABLE article_embeddings (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL      -- float32 little-endian, L2-normalised
);

CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    confidence REAL NOT NULL, -- how strongly the article is linked to its story
    assigned_at TEXT NOT NULL
);
CREATE INDEX story_members_story_id ON story_members(story_id);

-- A story merged into another keeps answering to its old id.
CREATE TABLE story_aliases (
    old_id TEXT PRIMARY KEY,
    new_id TEXT NOT NULL
);

-- Each story's dossier as JSON, rebuilt whenever its articles change.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    articles INTEGER NOT NULL,
    outlets INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    dossier TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

BROWSE_INDEXES = """
-- The stories list reads only these columns, newest first, never the dossiers beside them.
CREATE INDEX stories_newest ON stories (
    coalesce(last_published, first_published, '') DESC, id, title, articles, outlets, first_published,
    last_published, updated_at
);
-- An entity's page: its labels and articles from the index alone, and whether a quote names it.
CREATE INDEX entity_mentions_canonical_article ON entity_mentions (canonical, article_id, label);
CREATE INDEX entity_mentions_article_canonical ON entity_mentions (article_id, canonical, start, end);
-- Article lists newest first.
CREATE INDEX articles_published ON articles (published);
"""

RUN_OWNERS = """
-- The process that owns a running run, so that opening the store marks interrupted only the runs
-- whose process is gone, never a live one.
ALTER TABLE runs ADD COLUMN host TEXT;
ALTER TABLE runs ADD COLUMN pid INTEGER;
"""

TIME_MODS = """
-- TimeML's mod of a time expression: START/MID/END of the period, or how its amount is hedged.
ALTER TABLE time_expressions ADD COLUMN mod TEXT;
"""

CLUSTERING_STATE = """
-- What story clustering would otherwise recompute on every run (`StoryClusterer.index_state`):
-- every clustered article's key in its nearest-neighbour index ...
CREATE TABLE clustering_keys (
    key INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);

-- ... each one's closest clustered articles, by the clustering similarity ...
CREATE TABLE clustering_neighbours (
    article_key INTEGER NOT NULL REFERENCES clustering_keys(key) ON DELETE CASCADE,
    rank INTEGER NOT NULL,     -- 0 for the closest
    neighbour_key INTEGER NOT NULL REFERENCES clustering_keys(key) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (article_key, rank)
) WITHOUT ROWID;

-- ... and the index itself. The digest fingerprints the index and both tables above together:
-- a state that does not match the stored articles, or was altered, is rebuilt instead of used.
CREATE TABLE clustering_index (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    articles INTEGER NOT NULL, -- how many articles it holds
    next_key INTEGER NOT NULL, -- the key the next article gets
    digest TEXT NOT NULL,      -- sha256, see `crosswire.stories.clustering.state_digest`
    usearch BLOB NOT NULL,     -- the usearch HNSW index (cosine, 8-bit vectors) as `Index.save` writes it
    saved_at TEXT NOT NULL
);

-- The neighbour lists by article id.
CREATE VIEW clustering_neighbour_links AS
    SELECT articles.article_id, clustering_neighbours.rank, neighbours.article_id AS neighbour_id,
        clustering_neighbours.similarity
    FROM clustering_neighbours
    JOIN clustering_keys AS articles ON articles.key = clustering_neighbours.article_key
    JOIN clustering_keys AS neighbours ON neighbours.key = clustering_neighbours.neighbour_key;
"""

MIGRATIONS: list[Migration] = [
    sql_migration("articles, sources, near-duplicates, signatures, runs, ingest log, full-text index", INITIAL_SCHEMA),
    sql_migration("analyses: entities, roles, quotes, time expressions, events", ANALYSIS_SCHEMA),
    sql_migration("stories: embeddings, memberships, aliases, dossiers", STORY_SCHEMA),
    sql_migration("indexes for browsing: stories newest first, entity pages, articles by date", BROWSE_INDEXES),
    sql_migration("runs: the host and process that own a running run", RUN_OWNERS),
    sql_migration("time expressions: TimeML mod", TIME_MODS),
    sql_migration(
        "stories: the clustering index and neighbour lists, so a run need not rebuild them", CLUSTERING_STATE
    ),
]


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> None:
    """Bring the database up to the latest schema, or refuse it before writing anything."""
    _check_identity(connection)
    current = schema_version(connection)  # skipping applied ones spares every open a write lock
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        _apply(connection, version, migration)


def require_current(connection: sqlite3.Connection) -> None:
    """Refuse a store that would need a migration: a read-only connection cannot apply one."""
    _check_identity(connection)
    version, latest = schema_version(connection), len(MIGRATIONS)
    if version < latest:
        raise SchemaError(
            f"this store has schema version {version}, but this crosswire needs version {latest}: "
            "open it once for writing (`crosswire ingest`) to upgrade it"
        )


def _check_identity(connection: sqlite3.Connection) -> None:
    """Refuse other applications' databases and ones written by a newer crosswire, before any write."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    has_tables = connection.execute("SELECT EXISTS (SELECT 1 FROM sqlite_master)").fetchone()[0]
    if application_id != APPLICATION_ID and (application_id != 0 or has_tables):
        raise SchemaError("not a crosswire store: the database already holds another application's data")
    version, latest = schema_version(connection), len(MIGRATIONS)
    if version > latest:
        raise SchemaError(
            f"this store has schema version {version}, but this crosswire only knows versions up to "
            f"{latest}: upgrade crosswire to open it"
        )


def _apply(connection: sqlite3.Connection, version: int, migration: Migration) -> None:
    """Apply one migration atomically, unless another process applied it while we waited for the lock."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        if schema_version(connection) < version:
            migration.apply(connection)
            connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
