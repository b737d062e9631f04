"""What each page shows, gathered from the store once for both the HTML page and its JSON twin."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request

from crosswire.interfaces.highlight import ENTITY_LABELS
from crosswire.interfaces.web.guard import Cancellation, cancellation_of
from crosswire.records import Analysis
from crosswire.store import Store

DEFAULT_LIMIT = 50
POOL_SIZE = 8  # idle stores kept open; more requests at once open more, closed when given back
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000  # past any store's end; beyond it a number no longer fits the databases' integers
METADATA_FIELDS = ("headline", "outlet", "byline", "published", "modified", "language")


class StorePool:
    """Read-only stores kept open between requests, each lent to one request at a time.

    Opening a PostgreSQL connection costs about 10 ms, a page's whole budget; both back ends run
    in autocommit, so a store lent again sees every write committed since. A store whose request
    failed is closed, not lent again, in case its connection is what failed.
    """

    def __init__(self, location: str | Path, size: int = POOL_SIZE) -> None:
        self.location, self.size = location, size
        self._idle: list[Store] = []
        self._lock = threading.Lock()

    def take(self) -> Store:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return Store(self.location, read_only=True)

    def give_back(self, store: Store) -> None:
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(store)
                return
        store.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for store in idle:
            store.close()

    @property
    def idle(self) -> int:
        return len(self._idle)


def open_store(request: Request) -> Iterator[Store]:
    """A read-only store for one request, from the app's pool, whose statements stop when the request
    is cancelled (its time is up, its client gone)."""
    pool: StorePool = request.app.state.stores
    store = pool.take()
    unwatch = _watch(store, cancellation_of(request))
    try:
        yield store
    except HTTPException:  # a 404 and the like: the store answered
        unwatch()
        pool.give_back(store)
        raise
    except BaseException:
        store.close()
        raise
    unwatch()
    pool.give_back(store)


def _watch(store: Store, cancellation: Cancellation | None) -> Callable[[], None]:
    """Make the store stop when the request is cancelled; returns what leaves it as the next request
    should get it."""
    if cancellation is None:
        return lambda: None
    store.interrupt_when(cancellation.requested)
    stop_telling = cancellation.on_cancel(store.interrupt)

    def unwatch() -> None:
        stop_telling()
        store.interrupt_when(None)

    return unwatch


@dataclass(frozen=True)
class Page:
    """One page of a list, with the links to its neighbours (path and query, so they work behind any host)."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next: str | None
    previous: str | None

    @property
    def first(self) -> int:
        return self.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.items)


def page_of(request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int) -> Page:
    def link(to: int) -> str:
        url = request.url.include_query_params(offset=to, limit=limit)
        return f"{url.path}?{url.query}"

    has_next = offset + len(items) < total
    return Page(items, total, limit, offset, link(offset + limit) if has_next else None,
                link(max(offset - limit, 0)) if offset > 0 else None)  # fmt: skip


@dataclass(frozen=True)
class StoryChoice:
    """The stories list's filters as the form gives them; dates that are no ISO date are dropped, and named."""

    matching: str | None
    outlet: str | None
    since: str | None
    until: str | None
    ignored: tuple[str, ...] = ()

    @classmethod
    def of(cls, q: str, outlet: str, since: str, until: str) -> StoryChoice:
        ignored = tuple(value for value in (since.strip(), until.strip()) if value and _iso_day(value) is None)
        return cls(q.strip() or None, outlet.strip() or None, _iso_day(since), _iso_day(until), ignored)

    @property
    def filters(self) -> dict[str, str | None]:
        return {"outlet": self.outlet, "since": self.since, "until": self.until}

    @property
    def active(self) -> bool:
        return any((self.matching, self.outlet, self.since, self.until))


def _iso_day(value: str) -> str | None:
    try:
        return date.fromisoformat(value.strip()).isoformat() if value.strip() else None
    except ValueError:
        return None


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=what)


def story_path(story_id: str, prefix: str = "") -> str:
    return f"{prefix}/stories/{quote(story_id, safe='')}"


def dossier_or_404(store: Store, story_id: str) -> dict[str, Any]:
    dossier = store.story(story_id)
    if dossier is None:
        raise not_found(f"There is no story {story_id!r} in this store.")
    return dossier


def article_details(store: Store, article_id: str) -> dict[str, Any]:
    """The stored article with its sources, copies, analysis and story, and the publication date
    and times its story infers for it when it states no date."""
    article = store.article(article_id)
    if article is None:
        raise not_found(f"There is no article {article_id!r} in this store.")
    story = store.story_of(article_id)
    return {**article, "analysis": store.analysis(article_id), "story": story,
            "inferred_date": inferred_date(store, story, article_id)}  # fmt: skip


def inferred_date(store: Store, story: dict[str, Any] | None, article_id: str) -> dict[str, Any] | None:
    """The story's inference for the article, read from its dossier: the stage that made it owns it."""
    dossier = store.story(story["id"]) if story else None
    inferred = dossier.get("inferred_dates", []) if dossier else []
    return next((item for item in inferred if item["article_id"] == article_id), None)


def dated_times(analysis: Analysis | None, inferred: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The article's times as its page lists them: its own values, and the story's where it had none."""
    if analysis is None:
        return []
    by_start = {time["start"]: time for time in (inferred or {}).get("times", [])}
    return [
        {"text": t.text, "value": t.value, "mod": t.mod, "inferred": False}
        if t.value is not None or t.start not in by_start
        else {"text": t.text, "value": by_start[t.start]["value"], "mod": t.mod, "inferred": True}
        for t in analysis.times
    ]


def metadata_rows(metadata: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each metadata field for the table, the byline's value spelled out."""
    rows = []
    for name in METADATA_FIELDS:
        field = dict(metadata[name])
        if name == "byline" and isinstance(field["value"], dict):
            field["value"] = "; ".join([*field["value"]["authors"], *field["value"]["agencies"]]) or None
        rows.append((name, field))
    return rows


def entity_summary(article: dict[str, Any]) -> list[dict[str, Any]]:
    analysis = article["analysis"]
    if analysis is None:
        return []
    counts = Counter((e.canonical, e.label) for e in analysis.entities if e.label in ENTITY_LABELS)
    return [{"name": name, "label": label, "count": count} for (name, label), count in counts.most_common()]


def entity_or_404(store: Store, name: str) -> dict[str, Any]:
    entity = store.entity(name)
    if entity is None:
        raise not_found(f"No article mentions or quotes {name!r}.")
    return entity
