"""crosswire from Python: `process` turns texts, records or paths held in memory into typed dossiers, and
`Store` reads a store on disk as records. `import crosswire` exposes both (lazily).

    import crosswire
    result = crosswire.process([Path("pages/"), "<html>…</html>", {"title": "…", "text": "…"}])
    for rejected in result.rejected:
        print(rejected.source, rejected.reason)
    story = result.stories[0]          # a crosswire.Story: story.quotes[0].speaker, story.timeline…

Everything returned is a record of `crosswire.records` (frozen dataclasses), never a dict.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.config import DEFAULT_DB, DEFAULT_SETTINGS, Settings
from crosswire.ingest import expand_paths, read_data, read_input
from crosswire.pipeline import Outcome, analyse_stored, update_stories
from crosswire.records import Article, Rejection, Story
from crosswire.store import Store as StoreBackend
from crosswire.workers import extract_document

if TYPE_CHECKING:
    import pyarrow

Item = str | bytes | os.PathLike[str] | Mapping[str, Any]
IN_MEMORY = ":memory:"
MAX_PATH_CHARACTERS = 4096


@dataclass(frozen=True)
class Processed:
    """What `process` made of its items: the stories with their dossiers, the clean articles, the items
    rejected (each with its reason) and what went wrong later for an article or story (`notices`)."""

    stories: tuple[Story, ...]
    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...]
    notices: tuple[Outcome, ...] = ()

    def article(self, article_id: str) -> Article | None:
        """The article a story cites by `article_id`."""
        return next((article for article in self.articles if article.id == article_id), None)


@dataclass(frozen=True)
class StoryListing:
    """A story as a list shows it, without its dossier: `Store.story(id)` reads that."""

    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    summary: str | None  # the first sentence of its summary


@dataclass(frozen=True)
class Match:
    """An article found by full-text search; `snippet` marks the matching words with [ ]."""

    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    snippet: str
    story_id: str | None


def process(items: Iterable[Item], settings: Settings = DEFAULT_SETTINGS, *, db: str | Path = IN_MEMORY) -> Processed:
    """Extract, analyse and group the items into stories, and return every story's dossier.

    An item is a text (a page's HTML or a scraped text dump, as a `str`), raw bytes (any format a
    file may hold: HTML, text, JSON records, a web archive), a record (a mapping with `title`,
    `text` or `html`, and optionally `id`, `url`, `published`, `outlet`, `byline`), or a path
    (`pathlib.Path`: a file or a folder; a one-line `str` naming an existing file counts too).
    Nothing is written to disk unless `db` names a store, which then keeps the results (and the
    stories returned are all of that store's stories the items joined or changed).
    """
    given = list(items)
    with StoreBackend(db) as store:
        run_id = store.start_run([_label(position, item) for position, item in enumerate(given)])
        articles: list[Article] = []
        rejected: list[Rejection] = []
        notices: list[Outcome] = []
        for position, item in enumerate(given):
            for document in _documents(position, item, settings):
                extracted = document if isinstance(document, Rejection) else extract_document(document, settings)
                if isinstance(extracted, Rejection):
                    store.log_rejection(run_id, extracted)
                    rejected.append(extracted)
                else:
                    store.add_article(extracted, run_id)
                    articles.append(extracted)
        analyse_stored(store, settings, on_notice=notices.append)
        changed = update_stories(store, settings, on_notice=notices.append)
        store.finish_run(run_id, {"ingested": len(articles), "rejected": len(rejected)})
        stories = [Story.from_dict(dossier) for story_id in changed if (dossier := store.story(story_id))]
    stories.sort(key=lambda story: (-len(story.articles), story.title))
    return Processed(tuple(stories), tuple(articles), tuple(rejected), tuple(notices))


def _label(position: int, item: Item) -> str:
    """How messages name an item: its path, its record id, or its place in the list."""
    if isinstance(item, os.PathLike) or _names_a_path(item):
        return os.fspath(item)  # type: ignore[arg-type]
    if isinstance(item, Mapping) and isinstance(item.get("id"), str | int):
        return f"item {position + 1} (record {item['id']})"
    return f"item {position + 1}"


def _names_a_path(item: object) -> bool:
    return isinstance(item, str) and 0 < len(item) < MAX_PATH_CHARACTERS and "\n" not in item and os.path.exists(item)


def _documents(position: int, item: Item, settings: Settings) -> Iterator[Any]:
    """The raw documents of one item (or the Rejection saying why it has none), read as a file would be."""
    label = _label(position, item)
    if isinstance(item, os.PathLike) or _names_a_path(item):
        for found in expand_paths([os.fspath(item)]):  # type: ignore[list-item]
            yield from [found] if isinstance(found, Rejection) else read_input(found, settings)
        return
    if isinstance(item, Mapping):
        data = json.dumps(dict(item), ensure_ascii=False, default=str).encode("utf-8")
    elif isinstance(item, str):
        data = item.encode("utf-8")
    elif isinstance(item, bytes):
        data = item
    else:
        yield Rejection(label, f"not a text, bytes, record or path: {type(item).__name__}")
        return
    yield from read_data(label, data, settings)


class Store:
    """A crosswire store (an SQLite file or a PostgreSQL URL) read from Python as records.

    `Store("crosswire.db").stories()` lists the stories, `.story(id)` gives one's dossier as a
    `crosswire.Story`, `.articles()` the clean `crosswire.Article`s, `.search(words)` finds articles
    and `.table(name)` gives one of `crosswire export`'s tables as a pyarrow Table
    (`.table("quotes").to_pandas()` with pandas installed).
    """

    def __init__(self, location: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self._store = StoreBackend(location, read_only=read_only)
        self.location = self._store.location

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stories(self, limit: int | None = None) -> list[StoryListing]:
        """The stories, newest first."""
        rows = self._store.stories(limit=limit)
        glances = self._store.story_glances([row["id"] for row in rows])
        return [
            StoryListing(row["id"], row["title"], row["articles"], tuple(glances[row["id"]]["outlets"]),
                         row["first_published"], row["last_published"], glances[row["id"]]["summary"])
            for row in rows
        ]  # fmt: skip

    def story(self, story_id: str) -> Story | None:
        """A story's dossier, by its id or any id it had before a merge."""
        dossier = self._store.story(story_id)
        return Story.from_dict(dossier) if dossier else None

    def article(self, article_id: str) -> Article | None:
        return self._store.load_article(article_id)

    def articles(self, limit: int | None = None) -> list[Article]:
        """The stored articles in the order they were ingested."""
        rows = self._store.articles(limit=limit)
        return [article for row in rows if (article := self._store.load_article(row["id"]))]

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """Articles holding every word of `query`, best first."""
        hits = self._store.search(query, limit=limit, highlight=("[", "]"))
        return [
            Match(hit["id"], hit["headline"], hit["outlet"], hit["published"], hit["snippet"],
                  (self._store.story_of(hit["id"]) or {}).get("id"))
            for hit in hits
        ]  # fmt: skip

    def table(self, name: str) -> pyarrow.Table:
        """One of the export tables (`crosswire.interfaces.tables.TABLES`) as typed columns."""
        from crosswire.interfaces.tables import TABLES, arrow_table

        table = TABLES[name]
        return arrow_table(table, table.rows(self._store))
