"""The store as flat tables for pandas, spreadsheets and Parquet: one row per thing, every row with
the story, article, outlet and URL it belongs to.

Tables: articles, stories, memberships (what ties each article to its story), quotes (each outlet's
wording of each statement), entities (every mention), timeline (each entry as each article tells
it), events (who did what to whom, as each article reads) and discrepancies (each disagreement with
each article in it).

Dates: a publication date is given as `published` (ISO 8601 with the publisher's UTC offset),
`published_utc` (the same moment in UTC), `published_local` (the publisher's clock, without offset)
and `published_day` (the publisher's calendar day), with
where each came from: `published_basis` "stated" (the page gives it) or "inferred" (the story
dated an undated article from its siblings' reports), and `published_zone` "stated" (the page
gives its zone) or "inferred" (a page that prints only its local clock, from an outlet whose country
keeps one time zone). A moment whose zone is unknown has no `published`/`published_utc`, only its
local clock and day: no offset is ever made up. Dates an article mentions keep their TimeML value (`date`) beside
the days it covers (`first_day`, `last_day`) and the value in words (`date_text`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from crosswire.analysis.readable_dates import readable_value
from crosswire.analysis.sentences import sentence_at
from crosswire.analysis.times_calendar import parse_value
from crosswire.articles.outlets import zone_of
from crosswire.store import Store

if TYPE_CHECKING:
    import pyarrow

Kind = Literal["text", "integer", "real", "boolean", "list", "timestamp", "utc", "local", "date"]
DATE_KINDS = frozenset({"timestamp", "utc", "local", "date"})
FORMATS = ("jsonl", "csv", "parquet")
PAGE = 500  # articles read from the store at a time
Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Store], Iterator[Row]]

    @property
    def date_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.kind in DATE_KINDS)


def _columns(spec: str) -> tuple[Column, ...]:
    """ "name:kind name ..." (kind text when left out) as columns."""
    return tuple(Column(*part.split(":")) for part in spec.split())  # type: ignore[arg-type]


PUBLICATION = (
    "published:timestamp published_utc:utc published_local:local published_day:date published_basis published_zone"
)
WHERE = "story_id article_id outlet url"


# Publication dates


def publication(value: str | None, outlet: str | None, url: str | None, inferred: str | None = None) -> Row:
    """The publication columns of one article (see the module's docstring); `inferred` is the day its
    story inferred when the page states none."""
    if not value:
        return {"published": None, "published_utc": None, "published_local": None, "published_day": inferred,
                "published_basis": "inferred" if inferred else None, "published_zone": None}  # fmt: skip
    moment = _moment(value)
    zone_basis = "stated" if moment is not None and moment.tzinfo else None
    if moment is not None and moment.tzinfo is None and (zone := zone_of(outlet, url)):
        moment, zone_basis = moment.replace(tzinfo=ZoneInfo(zone)), "inferred"
    aware = moment if moment is not None and moment.tzinfo else None
    return {
        "published": aware.isoformat() if aware else None,
        "published_utc": _utc(aware),
        "published_local": moment.replace(tzinfo=None).isoformat() if moment else None,
        "published_day": value[:10],
        "published_basis": "stated",
        "published_zone": zone_basis,
    }


def _moment(value: str | None) -> datetime | None:
    if not value or "T" not in value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _utc(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment and moment.tzinfo else None


def _days(value: str | None) -> tuple[str | None, str | None]:
    """The first and last day a TimeML value covers, ISO 8601; none for durations and references."""
    period = parse_value(value)
    return (period.start.isoformat(), period.last.isoformat()) if period else (None, None)


# What every table reads


@dataclass
class _Context:
    """What rows of several tables need: each article's story, outlet, URL and date, read once."""

    story_of: dict[str, str]
    briefs: dict[str, Row]

    @classmethod
    def of(cls, store: Store) -> _Context:
        story_of = {article_id: story_id for article_id, story_id, _ in store.memberships()}
        inferred = {item["article_id"]: item["date"][:10] for dossier in _dossiers(store)
                    for item in dossier.get("inferred_dates", [])}  # fmt: skip
        briefs = {}
        for offset in range(0, store.count_articles(), PAGE):
            for brief in store.article_page(PAGE, offset):
                briefs[brief["id"]] = {
                    "outlet": brief["outlet"], "url": brief["url"], "headline": brief["headline"],
                    **publication(brief["published"], brief["outlet"], brief["url"], inferred.get(brief["id"])),
                }  # fmt: skip
        return cls(story_of, briefs)

    def where(self, article_id: str, story_id: str | None = None) -> Row:
        brief = self.briefs.get(article_id, {})
        return {"story_id": story_id or self.story_of.get(article_id), "article_id": article_id,
                "outlet": brief.get("outlet"), "url": brief.get("url")}  # fmt: skip


def _dossiers(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.stories():
        dossier = store.story(row["id"])
        if dossier is not None:
            yield dossier


def _stored_articles(store: Store) -> Iterator[dict[str, Any]]:
    """Every article with its text, a page at a time, in the order they were ingested."""
    for offset in range(0, store.count_articles(), PAGE):
        yield from store.articles(limit=PAGE, offset=offset)


# The tables


def _article_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    for row in _stored_articles(store):
        brief = context.briefs[row["id"]]
        modified = _moment(row["modified"])
        yield {
            **context.where(row["id"]), "headline": row["headline"], "byline": row["authors"],
            "agencies": row["agencies"], **{key: brief[key] for key in PUBLICATION_NAMES},
            "modified": modified.isoformat() if modified and modified.tzinfo else None, "modified_utc": _utc(modified),
            "language": row["language"], "path": row["source"], "text": row["text"],
        }  # fmt: skip


def _story_rows(store: Store) -> Iterator[Row]:
    for row, dossier in ((row, store.story(row["id"])) for row in store.stories()):
        if dossier is None:
            continue
        days = sorted(day for day in (_day(dossier["first_published"]), _day(dossier["last_published"])) if day)
        yield {
            "story_id": row["id"], "title": row["title"], "articles": row["articles"], "outlets": row["outlets"],
            "outlet_names": list(dossier["outlets"]), "first_day": days[0] if days else None,
            "last_day": days[-1] if days else None,
            "summary": dossier["summary"][0]["text"] if dossier["summary"] else None,
            "quotes": len(dossier["quotes"]), "timeline_entries": len(dossier["timeline"]),
            "events": len(dossier.get("events", [])), "discrepancies": len(dossier["discrepancies"]),
            "worth_a_check": len(dossier["review"]), "updated_utc": _utc(_moment(row["updated_at"])),
        }  # fmt: skip


def _day(value: str | None) -> str | None:
    try:
        return date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        return None


def _membership_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    ties = {article_id: tie for dossier in _dossiers(store)
            for article_id, tie in dossier.get("membership_ties", {}).items()}  # fmt: skip
    for article_id, story_id, confidence in store.memberships():
        brief, tie = context.briefs.get(article_id, {}), ties.get(article_id, {})
        yield {
            **context.where(article_id, story_id), "headline": brief.get("headline"),
            "published_day": brief.get("published_day"), "confidence": confidence,
            "tied_to": tie.get("article_id"), "tie_score": tie.get("score"), "tie_embedding": tie.get("embedding"),
            "tie_lexical": tie.get("lexical"), "shared_names": tie.get("shared_names", []),
            "shared_terms": tie.get("shared_terms", []), "days_apart": tie.get("days_apart"),
        }  # fmt: skip


def _quote_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    for dossier in _dossiers(store):
        for number, quote in enumerate(dossier["quotes"], start=1):
            outlets = {context.briefs.get(a, {}).get("outlet") or a for a in quote["articles"]}
            for variant in quote["variants"]:
                spans = variant.get("spans") or []
                yield {
                    **context.where(variant["article_id"], dossier["id"]), "statement": number,
                    "statement_speaker": quote["speaker"], "speaker": variant["speaker"], "kind": variant["kind"],
                    "text": variant["text"], "words": (variant.get("words") or {}).get("text"),
                    "sentence": (variant.get("sentence") or {}).get("text"),
                    "start": spans[0][0] if spans else None, "end": spans[-1][1] if spans else None,
                    "similarity": variant["similarity"], "attribution": variant.get("attribution"),
                    "carried_by_outlets": len(outlets), "confidence": quote["confidence"],
                    **_published(context, variant["article_id"]),
                }  # fmt: skip


def _published(context: _Context, article_id: str) -> Row:
    brief = context.briefs.get(article_id, {})
    return {"published_day": brief.get("published_day"), "published_utc": brief.get("published_utc")}


def _entity_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    for article_id in context.briefs:
        analysis = store.analysis(article_id)
        if analysis is None:
            continue
        roles: dict[str, list[str]] = {}
        for role in analysis.roles:
            roles.setdefault(role.canonical, []).append(role.role)
        for mention in analysis.entities:
            yield {
                **context.where(article_id), "name": mention.canonical, "text": mention.text, "label": mention.label,
                "start": mention.start, "end": mention.end, "roles": sorted(set(roles.get(mention.canonical, []))),
                **_published(context, article_id),
            }  # fmt: skip


def _timeline_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    for dossier in _dossiers(store):
        for number, entry in enumerate(dossier["timeline"], start=1):
            told = {}
            for item in entry.get("excerpts", []):
                told.setdefault(item["article_id"], item["text"])
            first_day, last_day = _days(entry["date"])
            for article_id in dict.fromkeys(entry["articles"]):
                yield {
                    **context.where(article_id, dossier["id"]), "entry": number, "date": entry["date"],
                    "date_text": readable_value(entry["date"]), "first_day": first_day, "last_day": last_day,
                    "precision": entry["precision"], "sentence": told.get(article_id), "text": entry["text"],
                    "clause": (entry.get("clause") or {}).get("text"), "articles": len(set(entry["articles"])),
                    "confidence": entry["confidence"],
                }  # fmt: skip


def _event_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    for row in _stored_articles(store):
        analysis = store.analysis(row["id"])
        for event in analysis.events if analysis else ():
            first_day, last_day = _days(event.date)
            start, end = sentence_at(row["text"], event.start)
            yield {
                **context.where(row["id"]), "actor": event.actor, "action": event.action, "target": event.target,
                "trigger": event.trigger, "date": event.date,
                "date_text": readable_value(event.date) if event.date else None, "first_day": first_day,
                "last_day": last_day, "place": event.place, "start": event.start, "end": event.end,
                "sentence": row["text"][start:end].strip(), **_published(context, row["id"]),
            }  # fmt: skip


def _discrepancy_rows(store: Store) -> Iterator[Row]:
    context = _Context.of(store)
    for dossier in _dossiers(store):
        for number, item in enumerate(dossier["discrepancies"], start=1):
            quoted: dict[str, list[str]] = {}
            for excerpt in item.get("excerpts", []):
                quoted.setdefault(excerpt["article_id"], []).append(excerpt["text"])
            for article_id in dict.fromkeys(item["articles"]):
                yield {
                    **context.where(article_id, dossier["id"]), "discrepancy": number, "kind": item["kind"],
                    "description": item["description"], "confidence": item["confidence"],
                    "words": quoted.get(article_id, []), **_published(context, article_id),
                }  # fmt: skip


PUBLICATION_NAMES = tuple(column.name for column in _columns(PUBLICATION))
TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("articles", _columns(f"{WHERE} headline byline:list agencies:list {PUBLICATION} modified:timestamp "
                                   "modified_utc:utc language path text"), _article_rows),
        Table("stories", _columns("story_id title articles:integer outlets:integer outlet_names:list first_day:date "
                                  "last_day:date summary quotes:integer timeline_entries:integer events:integer "
                                  "discrepancies:integer worth_a_check:integer updated_utc:utc"), _story_rows),
        Table("memberships", _columns(f"{WHERE} headline published_day:date confidence:real tied_to tie_score:real "
                                      "tie_embedding:real tie_lexical:real shared_names:list shared_terms:list "
                                      "days_apart:integer"), _membership_rows),
        Table("quotes", _columns(f"{WHERE} published_day:date published_utc:utc statement:integer statement_speaker "
                                 "speaker kind text words sentence start:integer end:integer similarity:real "
                                 "attribution:real carried_by_outlets:integer confidence:real"), _quote_rows),
        Table("entities", _columns(f"{WHERE} published_day:date published_utc:utc name text label start:integer "
                                   "end:integer roles:list"), _entity_rows),
        Table("timeline", _columns(f"{WHERE} entry:integer date date_text first_day:date last_day:date precision "
                                   "sentence text clause articles:integer confidence:real"), _timeline_rows),
        Table("events", _columns(f"{WHERE} published_day:date published_utc:utc actor action target trigger date "
                                 "date_text first_day:date last_day:date place start:integer end:integer sentence"),
              _event_rows),
        Table("discrepancies", _columns(f"{WHERE} published_day:date published_utc:utc discrepancy:integer kind "
                                        "description confidence:real words:list"), _discrepancy_rows),
    )
}  # fmt: skip


# Writing


def write(table: Table, rows: Iterable[Row], format: str, out: IO[Any]) -> int:
    """Write the rows in `format` (jsonl, csv: a text stream; parquet: a binary one); returns how many."""
    if format == "parquet":
        return _write_parquet(table, rows, out)
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=[column.name for column in table.columns])
        writer.writeheader()
    count = 0
    for row in rows:
        if format == "csv":
            writer.writerow({column.name: _csv_value(row.get(column.name), column.kind) for column in table.columns})
        else:
            out.write(json.dumps({c.name: row.get(c.name) for c in table.columns}, ensure_ascii=False) + "\n")
        count += 1
    return count


def _csv_value(value: Any, kind: Kind) -> Any:
    if kind == "list":
        return "; ".join(value or [])
    if kind == "boolean" and value is not None:
        return "true" if value else "false"
    return value


def _write_parquet(table: Table, rows: Iterable[Row], out: IO[bytes]) -> int:
    import pyarrow.parquet as pq

    arrow = arrow_table(table, rows)
    pq.write_table(arrow, out)
    return arrow.num_rows


def arrow_table(table: Table, rows: Iterable[Row]) -> pyarrow.Table:
    """The rows as typed columns: integers, floats, lists of strings, UTC and local timestamps and dates
    as Arrow's own types; a timestamp with its offset stays ISO 8601 text (one column cannot hold
    several offsets)."""
    import pyarrow as pa

    types = {"text": pa.string(), "integer": pa.int64(), "real": pa.float64(), "boolean": pa.bool_(),
             "list": pa.list_(pa.string()), "timestamp": pa.string(), "utc": pa.timestamp("s", tz="UTC"),
             "local": pa.timestamp("s"), "date": pa.date32()}  # fmt: skip
    schema = pa.schema([(column.name, types[column.kind]) for column in table.columns])
    values: dict[str, list[Any]] = {column.name: [] for column in table.columns}
    for row in rows:
        for column in table.columns:
            values[column.name].append(_parquet_value(row.get(column.name), column.kind))
    return pa.table(values, schema=schema)


def _parquet_value(value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if kind in ("utc", "local"):
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    return value


def export(store: Store, name: str, format: str, out: IO[Any]) -> int:
    """Write one table of the store to `out`; returns the number of rows."""
    table = TABLES[name]
    return write(table, table.rows(store), format, out)


def export_all(store: Store, format: str, folder: Path) -> Mapping[str, int]:
    """Every table into `folder` as NAME.FORMAT; returns the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in TABLES:
        path = folder / f"{name}.{format}"
        with path.open("wb") if format == "parquet" else path.open("w", encoding="utf-8", newline="") as out:
            counts[name] = export(store, name, format, out)
    return counts
