"""The store: articles, where each was seen, near-duplicate links, runs and a log.

An SQLite file by default, or a PostgreSQL database given as a `postgresql://` URL; the queries are
the same, and `dialect` holds what differs. Each write is one short transaction, so a process killed
mid-batch leaves a consistent database and re-running the batch finishes the rest.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from datasketch import MinHash

from crosswire.records import (
    Analysis,
    Article,
    Byline,
    ClusteringState,
    Meta,
    PageDate,
    Provenance,
    Rejection,
    Story,
)
from crosswire.store import analyses, browse, full_text
from crosswire.store import stories as story_tables
from crosswire.store.dialect import Connection, ResultRow, connect, describe
from crosswire.store.full_text import (
    HIGHLIGHT,
    QueryTooLarge,
    SearchSyntax,
    SearchSyntaxError,
    check_query_size,
    fts_query,
)
from crosswire.store.migrations import migrate, require_current
from crosswire.store.near_duplicates import (
    DEFAULT_THRESHOLD,
    NearDuplicateIndex,
    link_kind,
    minhash_signature,
    signature_from_bytes,
    signature_to_bytes,
)

AddStatus = Literal["ingested", "duplicate", "linked"]
RunStatus = Literal["finished", "interrupted"]
NearDuplicate = tuple[str, float, str]  # (other article id, estimated Jaccard similarity, kind)

DEFAULT_BUSY_TIMEOUT = 5.0
PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two checks of `interrupt_when`
_JSON_COLUMNS = ("authors", "agencies", "metadata")
ARTICLE_COLUMNS = (
    "id, headline, outlet, authors, agencies, published, modified, language, text, url, record_id, source, "
    "metadata, ingested_at, run_id"
)
__all__ = ["HIGHLIGHT", "AddResult", "QueryTooLarge", "SearchSyntax", "SearchSyntaxError", "Store", "fts_query"]


@dataclass(frozen=True)
class AddResult:
    """What `Store.add_article` did with one article, and the stored copies it was linked to."""

    status: AddStatus
    article_id: str
    near_duplicates: tuple[NearDuplicate, ...] = ()


class Store:
    """One SQLite database file or PostgreSQL database, opened (and created or upgraded) on construction."""

    def __init__(
        self,
        location: str | Path,
        *,
        near_duplicate_threshold: float = DEFAULT_THRESHOLD,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        read_only: bool = False,
    ) -> None:
        """`location` is a file path or a `postgresql://` URL. With `read_only` nothing can be written, not
        even a migration (SQLite's `mode=ro`, PostgreSQL's read-only transactions), and the connection
        may be used from another thread (one at a time)."""
        self.location = describe(location)
        self.near_duplicate_threshold = near_duplicate_threshold
        self._index: NearDuplicateIndex | None = None
        self._connection, self.dialect = connect(location, read_only=read_only, busy_timeout=busy_timeout)
        try:
            self._prepare_read_only() if read_only else self._prepare()
        except BaseException:
            self._connection.close()
            raise

    def _prepare_read_only(self) -> None:
        require_current(self._connection, self.dialect)
        self._run_all(self.dialect.on_read_only)

    def _prepare(self) -> None:
        self._run_all(self.dialect.on_open)
        migrate(self._connection, self.dialect)
        self._run_all(self.dialect.on_migrated)
        self._mark_abandoned_runs()

    def _run_all(self, statements: tuple[str, ...]) -> None:
        for statement in statements:
            self._connection.execute(statement)

    def close(self) -> None:
        self._connection.close()

    def interrupt_when(self, stop_requested: Callable[[], bool] | None) -> None:
        """Stop any statement, between statements and (SQLite) inside one, once `stop_requested()` is true;
        None to stop checking. The statement raises (see `dialect.is_interruption`)."""
        connection: Any = self._connection
        if self.dialect.name == "sqlite":
            connection.set_progress_handler(stop_requested, PROGRESS_STEPS if stop_requested else 0)
        else:
            connection.stop_requested = stop_requested

    def interrupt(self) -> None:
        """Stop the statement running now; callable from another thread."""
        connection: Any = self._connection
        connection.interrupt() if self.dialect.name == "sqlite" else connection.cancel()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """The write lock is taken up front, so concurrent writers wait instead of failing."""
        self._run_all(self.dialect.begin)
        try:
            yield self._connection
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    # Runs and the log

    def start_run(self, arguments: list[str]) -> int:
        row = self._connection.execute(
            "INSERT INTO runs (started_at, status, arguments, host, pid) VALUES (?, 'running', ?, ?, ?) RETURNING id",
            (_now(), _json(arguments), socket.gethostname(), os.getpid()),
        ).fetchone()
        return int(row["id"])

    def _mark_abandoned_runs(self) -> None:
        """A run still 'running' whose process on this host is gone was killed: mark it interrupted.

        Runs of live processes, and of other hosts (whose processes cannot be checked from here), stay.
        """
        host = socket.gethostname()
        rows = self._connection.execute("SELECT id, host, pid FROM runs WHERE status = 'running'").fetchall()
        abandoned = [
            (row["id"],) for row in rows if row["pid"] is None or (row["host"] == host and not _alive(row["pid"]))
        ]
        if abandoned:
            self._connection.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ?", abandoned)

    def finish_run(self, run_id: int, counts: dict[str, int], status: RunStatus = "finished") -> None:
        """Record how a run ended; pass status='interrupted' when it stopped early."""
        cursor = self._connection.execute(
            "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
            (_now(), status, _json(counts), run_id),
        )
        if cursor.rowcount != 1:
            raise ValueError(f"no run {run_id} in {self.location}")

    def log_rejection(self, run_id: int, rejection: Rejection) -> None:
        self._log(run_id, rejection.source, "rejected", reason=rejection.reason)

    def _log(
        self, run_id: int, source: str, status: str, article_id: str | None = None, reason: str | None = None
    ) -> None:
        self._connection.execute(
            "INSERT INTO ingest_log (run_id, source, status, article_id, reason, logged_at) VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, source, status, article_id, reason, _now()),
        )

    # Adding articles

    def add_article(self, article: Article, run_id: int) -> AddResult:
        """Store one article, its source, signature, links and log row in a single transaction."""
        index = self._near_duplicate_index()
        signature: MinHash | None = None
        with self._transaction():
            if self._has_article(article.id):
                result = self._add_source(article, run_id)
            else:
                signature = minhash_signature(article.text)
                result = self._ingest(article, run_id, signature, index)
            self._log(run_id, article.source, result.status, article.id)
        if signature is not None:
            index.add(article.id, signature)  # only once committed, so a rolled-back add is never a candidate
        return result

    def _has_article(self, article_id: str) -> bool:
        row = self._connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def _add_source(self, article: Article, run_id: int) -> AddResult:
        """A stored article seen again: linked when under a new source, a duplicate under a known one."""
        return AddResult("linked" if self._insert_source(article, run_id) else "duplicate", article.id)

    def _ingest(self, article: Article, run_id: int, signature: MinHash | None, index: NearDuplicateIndex) -> AddResult:
        self._insert_article(article, run_id)
        self._insert_source(article, run_id)
        if signature is None:
            return AddResult("ingested", article.id)
        self._connection.execute(
            "INSERT INTO minhash_signatures (article_id, signature) VALUES (?, ?)",
            (article.id, signature_to_bytes(signature)),
        )
        return AddResult("ingested", article.id, self._link_near_duplicates(article, signature, index))

    def _insert_article(self, article: Article, run_id: int) -> None:
        summary = article.summary()
        self._connection.execute(
            """
            INSERT INTO articles (id, headline, outlet, authors, agencies, published, modified, language,
                                  text, url, record_id, source, metadata, ingested_at, run_id)
            VALUES (:id, :headline, :outlet, :authors, :agencies, :published, :modified, :language,
                    :text, :url, :record_id, :path, :metadata, :ingested_at, :run_id)
            """,
            {
                **summary,
                "authors": _json(summary["byline"]),
                "agencies": _json(summary["agencies"]),
                "metadata": _json(article.metadata()),
                "ingested_at": _now(),
                "run_id": run_id,
            },
        )

    def _insert_source(self, article: Article, run_id: int) -> bool:
        """Record where the article was seen; False when that source was already recorded."""
        cursor = self._connection.execute(
            """
            INSERT INTO article_sources (article_id, source, url, record_id, first_seen, run_id)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, source) DO NOTHING
            """,
            (article.id, article.source, article.url, article.record_id, _now(), run_id),
        )
        return cursor.rowcount == 1

    def _link_near_duplicates(
        self, article: Article, signature: MinHash, index: NearDuplicateIndex
    ) -> tuple[NearDuplicate, ...]:
        agencies = article.byline.value.agencies if article.byline.value else ()
        links = tuple(
            (other_id, similarity, link_kind(agencies, self._agencies(other_id)))
            for other_id, similarity in index.query(signature)
        )
        self._connection.executemany(
            "INSERT INTO near_duplicates (article_id, other_id, similarity, kind) VALUES (?, ?, ?, ?)",
            [(*sorted((article.id, other_id)), similarity, kind) for other_id, similarity, kind in links],
        )
        return links

    def _agencies(self, article_id: str) -> list[str]:
        row = self._connection.execute("SELECT agencies FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row["agencies"])

    def _near_duplicate_index(self) -> NearDuplicateIndex:
        """Built from the stored signatures on first use, so opening a store just to read stays cheap."""
        if self._index is None:
            index = NearDuplicateIndex(self.near_duplicate_threshold)
            for row in self._connection.execute("SELECT article_id, signature FROM minhash_signatures"):
                index.add(row["article_id"], signature_from_bytes(row["signature"]))
            self._index = index
        return self._index

    # Analyses

    def save_analysis(self, article_id: str, analysis: Analysis, model: str) -> None:
        """Replace the article's analysis in one transaction, which marks its story's dossier for rebuilding."""
        with self._transaction() as connection:
            analyses.save(connection, article_id, analysis, model)
            story_tables.mark_stale(connection, story_tables.stories_of(connection, [article_id]))

    def analysis(self, article_id: str) -> Analysis | None:
        return analyses.load(self._connection, article_id)

    def articles_to_analyse(self) -> list[dict[str, Any]]:
        """Articles with no analysis yet, or whose date arrived after they were analysed."""
        return [dict(row) for row in analyses.pending(self._connection)]

    # Stories

    def save_embeddings(self, vectors: dict[str, bytes], model: str) -> None:
        with self._transaction() as connection:
            story_tables.save_embeddings(connection, vectors, model)

    def embeddings(self, model: str) -> dict[str, bytes]:
        return story_tables.embeddings(self._connection, model)

    def articles_without_embedding(self, model: str) -> list[str]:
        return story_tables.without_embedding(self._connection, model)

    def save_memberships(
        self,
        memberships: list[story_tables.Membership],
        aliases: dict[str, str],
        clustering: ClusteringState | None = None,
        previous: ClusteringState | None = None,
    ) -> None:
        """Assignments and merges together, so no story is ever half-merged; with them the clustering
        state they leave, so that state always covers exactly the assigned articles.

        `previous` is the clustering state read before (`clustering_state`): only what changed since is written.
        """
        with self._transaction() as connection:
            story_tables.save_memberships(connection, memberships, aliases)
            if clustering is not None:
                story_tables.save_clustering_state(connection, clustering, previous)

    def clustering_state(self) -> ClusteringState | None:
        """The saved clustering state, read in one snapshot: never half of one save and half of another."""
        self._connection.execute("BEGIN")
        try:
            return story_tables.clustering_state(self._connection)
        finally:
            self._connection.execute("COMMIT")

    def memberships(self) -> list[story_tables.Membership]:
        return story_tables.memberships(self._connection)

    def story_openings(self) -> dict[str, tuple[str | None, str]]:
        """Every article's headline and the start of its text: what its clustering terms are read from."""
        return story_tables.openings(self._connection)

    def clustering_evidence(self, labels: frozenset[str]) -> tuple[dict[str, str | None], dict[str, set[str]]]:
        """Every article's publication date and entity names as it prints them (the clusterer takes
        spellings that differ in case and hyphens for one name, as `browse.same_name` does): what
        stories are clustered on."""
        dates = {row["id"]: row["published"] for row in self._connection.execute("SELECT id, published FROM articles")}
        names: dict[str, set[str]] = {article_id: set() for article_id in dates}
        rows = self._connection.execute(
            "SELECT DISTINCT article_id, canonical AS name FROM entity_mentions "
            f"WHERE label IN ({', '.join('?' * len(labels))})",
            sorted(labels),
        )
        for row in rows:
            names[row["article_id"]].add(row["name"])
        return dates, names

    def story_aliases(self) -> dict[str, str]:
        return story_tables.aliases(self._connection)

    def articles_without_story(self) -> list[str]:
        return story_tables.unassigned(self._connection)

    def story_members(self, story_id: str) -> dict[str, float]:
        return story_tables.members(self._connection, story_tables.current_id(self._connection, story_id))

    def save_story(self, story: Story) -> None:
        """Save the story's dossier and clear its mark (`stale_stories`), in one transaction."""
        with self._transaction() as connection:
            story_tables.save_story(connection, story)

    def drop_story(self, story_id: str) -> None:
        """Forget a story that has no members left."""
        with self._transaction() as connection:
            story_tables.drop_story(connection, story_id)

    def stale_stories(self) -> list[str]:
        """Stories whose dossier must be rebuilt: their members, or a member's analysis, changed since it was
        saved (the mark is written with the change, so a run killed before the rebuild leaves it for the next)."""
        return story_tables.stale(self._connection)

    def stories(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return story_tables.stories(self._connection, limit, offset, self.dialect.no_limit)

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story's dossier, found by its current id or any id it had before a merge."""
        return story_tables.dossier(self._connection, story_id)

    def current_story_id(self, story_id: str) -> str:
        """The id a story answers to now: itself, or the story it was merged into."""
        return story_tables.current_id(self._connection, story_id)

    def story_page(
        self, limit: int, offset: int = 0, matching: str | None = None, **chosen: str | None
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of stories newest first, with how many there are; `matching` filters on the title
        (raises QueryTooLarge over the search caps), `outlet`, `since` and `until` as `browse.StoryFilter`."""
        check_query_size(matching or "")
        story_filter = browse.StoryFilter(matching, **chosen)
        rows = browse.stories(self._connection, limit, offset, story_filter)
        return browse.as_dicts(rows), browse.count_stories(self._connection, story_filter)

    def story_outlets(self) -> list[str]:
        """Every outlet some story cites, for a list's filter."""
        return browse.story_outlets(self._connection)

    def story_glances(self, story_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Per story: its outlets and the first sentence of its summary (`browse.story_glances`)."""
        return browse.story_glances(self._connection, story_ids)

    def story_of(self, article_id: str) -> dict[str, Any] | None:
        """The story (id and title) an article belongs to, if it has one yet."""
        row = browse.story_of(self._connection, article_id)
        return dict(row) if row else None

    # Browsing

    def article_briefs(self, article_ids: list[str]) -> dict[str, dict[str, Any]]:
        """Headline, outlet, authors, date, source and URL of each given article, by id."""
        return {key: _brief(row) for key, row in browse.article_briefs(self._connection, article_ids).items()}

    def article_page(self, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """One page of articles, newest first, without their text."""
        return [_brief(row) for row in browse.article_list(self._connection, limit, offset)]

    def entity(self, name: str, limit: int = 100) -> dict[str, Any] | None:
        """An entity across the store: its labels and roles, the newest `limit` articles naming it, what
        it said, and what others said about it in those articles; None when never mentioned or quoted."""
        labels = browse.as_dicts(browse.entity_labels(self._connection, name))
        said_count = browse.count_quotes_by(self._connection, name)
        if not labels and not said_count:
            return None
        mentions = sum(label["mentions"] for label in labels)
        articles = [_brief(row) for row in browse.entity_articles(self._connection, name, limit, mentions)]
        about = browse.quotes_about(self._connection, name, [article["id"] for article in articles])
        return {
            "name": name,
            "labels": labels,
            "roles": browse.as_dicts(browse.entity_roles(self._connection, name)),
            "articles": articles,
            "said": browse.as_dicts(browse.quotes_by(self._connection, name, limit)),
            "said_count": said_count,
            "said_about": browse.as_dicts(about),
        }

    # Reading

    def load_article(self, article_id: str) -> Article | None:
        """The stored article as the record the pipeline made, metadata provenance included."""
        row = self._connection.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return article_from_row(_decoded(row)) if row else None

    def count_articles(self) -> int:
        return int(self._connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles in the order they were ingested, JSON columns decoded."""
        rows = self._connection.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY rowid LIMIT ? OFFSET ?",
            (self.dialect.no_limit if limit is None else limit, offset),
        )
        return [_decoded(row) for row in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with every source it was seen under and its near-duplicate links."""
        row = self._connection.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        sources = self._connection.execute(
            "SELECT source, url, record_id, first_seen, run_id FROM article_sources WHERE article_id = ? ORDER BY id",
            (article_id,),
        )
        return {
            **_decoded(row),
            "sources": [dict(source) for source in sources],
            "near_duplicates": self.near_duplicates(article_id),
        }

    def near_duplicates(self, article_id: str) -> list[dict[str, Any]]:
        """The article's links in both directions, most similar first."""
        rows = self._connection.execute(
            "SELECT other_id, similarity, kind FROM near_duplicate_links WHERE article_id = ?"
            " ORDER BY similarity DESC, other_id",
            (article_id,),
        )
        return [dict(row) for row in rows]

    def search(
        self,
        query: str,
        limit: int = 20,
        highlight: tuple[str, str] = HIGHLIGHT,
        offset: int = 0,
        syntax: SearchSyntax = "words",
    ) -> list[dict[str, Any]]:
        """Articles matching the query, best first, each with a highlighted snippet.

        With syntax "words" every word of the query must occur, in any order, and no character has
        a special meaning; with "fts5" the query is in SQLite's FTS5 query language (phrases, OR, NOT,
        NEAR, prefix*, column:; PostgreSQL reads all but NEAR and column:) and a malformed one raises
        `SearchSyntaxError`. A query over `full_text.MAX_QUERY_CHARACTERS` or `MAX_QUERY_WORDS` raises
        `QueryTooLarge`.
        """
        rows = full_text.search(self._connection, self.dialect, query, syntax, highlight, limit, offset)
        return [dict(row) for row in rows]

    def count_search(self, query: str, syntax: SearchSyntax = "words") -> int:
        """How many articles `search` would find without a limit."""
        return full_text.count(self._connection, self.dialect, query, syntax)

    def ingest_log(self, run_id: int | None = None) -> list[dict[str, Any]]:
        rows = self._connection.execute(
            "SELECT * FROM ingest_log WHERE ? IS NULL OR run_id = ? ORDER BY id", (run_id, run_id)
        )
        return [dict(row) for row in rows]


def article_from_row(row: dict[str, Any]) -> Article:
    metadata = row["metadata"]
    byline = metadata["byline"]["value"] or {"authors": [], "agencies": []}
    return Article(
        id=row["id"],
        source=row["source"],
        paragraphs=tuple(row["text"].split("\n\n")),
        headline=_meta(metadata["headline"]),
        outlet=_meta(metadata["outlet"]),
        byline=_meta(metadata["byline"], Byline(tuple(byline["authors"]), tuple(byline["agencies"]))),
        published=_meta(metadata["published"]),
        modified=_meta(metadata["modified"]),
        language=_meta(metadata["language"]),
        url=row["url"],
        record_id=row["record_id"],
        page_dates=tuple(PageDate(**page_date) for page_date in metadata["page_dates"]),
    )


def _meta(described: dict[str, Any], value: Any = None) -> Meta[Any]:
    if described["value"] is None:
        return Meta()
    return Meta(
        described["value"] if value is None else value,
        Provenance(described["provenance"]),
        described["confidence"],
        described["evidence"],
    )


def _brief(row: ResultRow) -> dict[str, Any]:
    return {**dict(row), "authors": json.loads(row["authors"])}


def _decoded(row: ResultRow) -> dict[str, Any]:
    record = dict(row)
    for column in _JSON_COLUMNS:
        record[column] = json.loads(record[column])
    return record


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _alive(pid: int) -> bool:
    """Whether a process of this host exists (signal 0 only asks; a process of another user still counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
