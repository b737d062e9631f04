"""The `crosswire` command: every command prints JSON Lines on stdout, messages go to stderr.

Exit status: 0 when every input went in, 1 when some were rejected, 2 for a usage error.
"""

from __future__ import annotations

import csv
import ipaddress
import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from crosswire import pipeline
from crosswire.articles.dates import parse_date_string
from crosswire.config import DEFAULT_DB, REQUEST_TIME_LIMIT, Settings
from crosswire.interfaces.dossier_view import with_sources
from crosswire.interfaces.report import render_html, render_markdown
from crosswire.records import Article, Rejection
from crosswire.store import SchemaError, Store, StoreUnavailable
from crosswire.store.dialect import describe, is_postgresql
from crosswire.workers import ClusterUnavailable, is_local, local_workers

app = typer.Typer(
    help="crosswire: many outlets' news articles in, one sourced account of each story out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)  # a message is one line, whatever the width

DbOption = Annotated[
    str,
    typer.Option(
        "--db", envvar="CROSSWIRE_DB", help="Store to use: an SQLite file, or a postgresql:// URL or libpq string."
    ),
]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")]
ProcessesOption = Annotated[int, typer.Option("--processes", help="Parallel NLP processes.", min=1)]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Reject inputs larger than this many bytes.", min=1)]
DaskOption = Annotated[
    str | None,
    typer.Option(
        "--dask",
        help="Extract and analyse on a Dask cluster: a scheduler address (tcp://host:8786), "
        "or local[:N] for N local worker processes.",
    ),
]


DOCUMENT_STATUSES = frozenset({"ingested", "duplicate", "linked", "rejected"})
TOLD = {"rejected": "red", pipeline.ANALYSIS_FAILED: "red", pipeline.STORY_FAILED: "red",
        pipeline.ANALYSIS_CUT: "yellow", "warning": "yellow", "note": "yellow"}  # fmt: skip
# Characters that would act on the terminal rather than show: C0 and C1 controls (escape sequences,
# newlines, carriage returns) and the bidi embeddings, overrides and isolates that reorder what follows.
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(value: object) -> str:
    """A value from outside (a file name, a reason quoting it) as the terminal should print it: each
    control or bidi character escaped (`\\x1b`, `\\n`, `\\u202e`), and no Rich markup."""
    text = _TERMINAL_UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), str(value))
    return escape(text)


def _tell(console: Console, status: str, source: str, message: str) -> None:
    """One line on stderr about one input: its status, its name and what happened, all shown safely."""
    colour = TOLD.get(status, "yellow")
    console.print(f"[{colour}]{status}[/{colour}] {shown(source)}: {shown(message)}", highlight=False)


def _emit(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _stdin_for(paths: list[str]) -> Any:
    return sys.stdin.buffer if "-" in paths else None


@app.command()
def extract(paths: PathsArgument, max_bytes: MaxBytesOption = Settings.max_input_bytes) -> None:
    """Clean each input and print one JSON object per document; needs no store."""
    settings = Settings(max_input_bytes=max_bytes)
    rejected = 0
    for item in pipeline.extract(paths, settings, stdin=_stdin_for(paths)):
        if isinstance(item, Rejection):
            rejected += 1
            _tell(err, "rejected", item.source, item.reason)
            _emit({"path": item.source, "error": item.reason})
        else:
            for warning in item.warnings:
                _tell(err, "warning", item.source, warning)
            _emit(_extracted(item))
    raise typer.Exit(1 if rejected else 0)


def _check_story_model(name: str) -> None:
    from crosswire.stories.embeddings import UnknownModel, model_folder

    try:
        model_folder(name)
    except UnknownModel as error:
        raise typer.BadParameter(str(error), param_hint="--story-model") from error


def _extracted(article: Article) -> dict[str, Any]:
    record = article.summary()
    record["metadata"] = article.metadata()
    if article.record_id is not None:
        record["id"] = article.record_id
    record["article_id"] = article.id
    if article.warnings:
        record["warnings"] = list(article.warnings)
    return record


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    max_bytes: MaxBytesOption = Settings.max_input_bytes,
    analysis: Annotated[bool, typer.Option(help="Analyse stored articles (entities, quotes, times, events).")] = True,
    stories: Annotated[bool, typer.Option(help="Group stored articles into stories and build their dossiers.")] = True,
    processes: ProcessesOption = 1,
    dask: DaskOption = None,
    story_model: Annotated[
        str,
        typer.Option(
            "--story-model",
            help="Sentence-embedding model stories are grouped by: a packaged model's name or a folder "
            "holding a sentence-transformers model. A store re-embeds its articles once when it changes.",
        ),
    ] = Settings.story_model,
) -> None:
    """Extract, store and analyse the inputs; prints one JSON object per document, then a summary."""
    if dask is not None:
        _check_dask(dask, processes)
    if stories:
        _check_story_model(story_model)
    settings = Settings(max_input_bytes=max_bytes, nlp_processes=processes, story_model=story_model)
    with _progress() as progress:
        reading = progress.add_task("ingesting", total=None)
        analysing = progress.add_task("analysing", total=None, visible=False)

        def report(outcome: pipeline.Outcome) -> None:
            if outcome.status in DOCUMENT_STATUSES:
                progress.advance(reading)
            _emit(outcome.to_dict())
            if outcome.status in TOLD:
                _tell(progress.console, outcome.status, outcome.source, outcome.reason or "")
            for warning in outcome.warnings:
                _tell(progress.console, "warning", outcome.source, warning)

        def analysed(_: str) -> None:
            progress.update(analysing, visible=True, advance=1)

        result = pipeline.ingest(
            paths,
            db,
            settings,
            stdin=_stdin_for(paths),
            on_outcome=report,
            analyse=analysis,
            on_analysed=analysed,
            stories=stories,
            dask=dask,
        )
    counts = result.counts
    _emit(
        {
            "summary": {
                "run": result.run_id,
                "db": describe(db),
                **counts,
                "analysed": result.analysed,
                "stories_updated": len(result.stories),
                **({"failed": len(result.failed)} if result.failed else {}),
            }
        }
    )
    err.print(
        f"{counts.get('ingested', 0)} ingested, {counts.get('duplicate', 0)} duplicates, "
        f"{counts.get('linked', 0)} linked to stored copies, {counts.get('rejected', 0)} rejected, "
        f"{result.analysed} analysed, {len(result.stories)} stories updated"
        + (f", {len(result.failed)} failed (the next run tries again)" if result.failed else "")
        + f" -> {shown(describe(db))}",
        highlight=False,
    )
    raise typer.Exit(1 if result.rejected or result.failed else 0)


def _check_dask(address: str, processes: int) -> None:
    """A bad `--dask` value is a usage error, caught before any run starts."""
    if processes > 1:
        raise typer.BadParameter("--processes does not apply on a cluster: use --dask local:N", param_hint="--dask")
    if is_local(address):
        try:
            local_workers(address)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--dask") from error
    elif "://" not in address:
        raise typer.BadParameter(
            f"{address!r} is neither local[:N] nor a scheduler address like tcp://host:8786", param_hint="--dask"
        )


@app.command()
def analyze(
    paths: PathsArgument,
    plain: Annotated[
        bool, typer.Option("--plain", help="Analyse the input exactly as given: no cleaning, offsets into it.")
    ] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="ISO date to resolve relative times against.")
    ] = None,
    max_bytes: MaxBytesOption = Settings.max_input_bytes,
    processes: ProcessesOption = 1,
    dask: DaskOption = None,
) -> None:
    """Entities, quotes with speakers, time expressions and events: one JSON object per document."""
    if published is not None and parse_date_string(published) is None:
        raise typer.BadParameter(f"not a date: {published!r}", param_hint="--published")
    if dask is not None:
        _check_dask(dask, processes)
    anchor = parse_date_string(published) if published else None
    settings = Settings(max_input_bytes=max_bytes, nlp_processes=processes)
    rejected = 0
    analysed = pipeline.analyze(paths, settings, plain=plain, published=anchor, stdin=_stdin_for(paths), dask=dask)
    for item in analysed:
        if isinstance(item, Rejection):
            rejected += 1
            _tell(err, "rejected", item.source, item.reason)
            _emit({"path": item.source, "error": item.reason})
            continue
        note = item.analysis.cut_note(len(item.text))
        if note:
            _tell(err, "note", item.source, note)
        record: dict[str, Any] = {"id": item.record_id} if item.record_id is not None else {"path": item.source}
        record.update(item.analysis.to_dict())
        if not plain:
            record["text"] = item.text
        _emit(record)
    raise typer.Exit(1 if rejected else 0)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(help="At most this many.", min=1)] = None,
) -> None:
    """List the stored articles, one JSON object each (no text)."""
    with _open_store(db) as store:
        for row in store.articles(limit=limit):
            _emit({key: row[key] for key in LISTED_FIELDS})


LISTED_FIELDS = ("id", "headline", "outlet", "authors", "agencies", "published", "language", "source", "url")
EXPORTED_FIELDS = ("id", "path", "url", "outlet", "headline", "byline", "agencies", "published", "modified", "language",
                   "text")  # fmt: skip


def _exported(row: dict[str, Any]) -> dict[str, Any]:
    named = {**row, "path": row["source"], "byline": row["authors"]}
    return {key: named[key] for key in EXPORTED_FIELDS}


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="json (articles and stories), jsonl or csv.")] = "jsonl",
) -> None:
    """Print every stored article with its text (JSON Lines or CSV), or with JSON every story's dossier too."""
    if format not in {"json", "jsonl", "csv"}:
        raise typer.BadParameter("must be json, jsonl or csv", param_hint="--format")
    with _open_store(db) as store:
        rows = [_exported(row) for row in store.articles()]
        stored = [store.story(row["id"]) for row in store.stories()] if format == "json" else []
        dossiers = [with_sources(d, store.article_briefs(list(d["articles"]))) for d in stored if d is not None]
    if format == "json":
        json.dump({"articles": rows, "stories": dossiers}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format == "jsonl":
        for row in rows:
            _emit(row)
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=EXPORTED_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "byline": "; ".join(row["byline"]), "agencies": "; ".join(row["agencies"])})


@app.command("stories")
def list_stories(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(help="At most this many.", min=1)] = None,
) -> None:
    """List the stories, newest first: title, articles, outlets, date range."""
    with _open_store(db) as store:
        for row in store.stories(limit=limit):
            dossier = store.story(row["id"]) or {}
            _emit({**row, "outlet_names": dossier.get("outlets", [])})


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (as `crosswire stories` lists it).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="md, html (one self-contained file) or json.")] = "md",
) -> None:
    """Print one story's dossier: summary, quotes, timeline, disagreements, unique details."""
    if format not in {"md", "html", "json"}:
        raise typer.BadParameter("must be md, html or json", param_hint="--format")
    with _open_store(db) as store:
        dossier = store.story(story)
        if dossier is None:
            err.print(f"no story {shown(repr(story))} in {shown(describe(db))}: `crosswire stories` lists them",
                      highlight=False)  # fmt: skip
            raise typer.Exit(1)
        briefs = store.article_briefs(list(dossier["articles"]))
    if format == "json":
        json.dump(with_sources(dossier, briefs), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif format == "html":
        sys.stdout.write(render_html(dossier, briefs))
    else:
        sys.stdout.write(render_markdown(dossier, briefs))


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; the default is this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    allow_ingest: Annotated[
        bool, typer.Option("--allow-ingest", help="Add an upload form that ingests files into the store.")
    ] = False,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds a page or API request may run before it is stopped.", min=0.1)
    ] = REQUEST_TIME_LIMIT,
) -> None:
    """Browse the store in a web browser: stories, articles, entities, search, and a JSON API under /api/."""
    import uvicorn

    from crosswire.interfaces.web import create_app

    if allow_ingest:
        Store(db).close()  # creates or upgrades the store, so the read-only pages can open it
    else:
        _require_store(db)
    try:
        web_app = create_app(db, allow_ingest, allowed_hosts=_allowed_hosts(host), time_limit=time_limit)
    except SchemaError as error:
        err.print(f"cannot serve {shown(describe(db))}: {shown(error)}", highlight=False)
        raise typer.Exit(2) from error
    mode = "uploads allowed" if allow_ingest else "read-only"
    address = f"http://{_host_header_name(host)}:{port}/"
    err.print(f"crosswire serving {shown(describe(db))} at {shown(address)} ({mode})", highlight=False)
    uvicorn.run(web_app, host=host.strip("[]"), port=port)


def _allowed_hosts(host: str) -> list[str]:
    """Host headers to answer: the bound address and loopback names, or any when bound to all addresses."""
    host = host.strip("[]")
    if host in {"0.0.0.0", "::"}:
        return ["*"]
    return list(dict.fromkeys([_host_header_name(host), "127.0.0.1", "localhost", "[::1]"]))


def _host_header_name(host: str) -> str:
    """The address as a Host header carries it: an IPv6 literal bracketed and compressed (RFC 3986)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host.lower()
    return f"[{address.compressed}]" if address.version == 6 else address.compressed


def _require_store(db: str) -> None:
    """A missing SQLite file is a mistake to report, not a store to create; a server is checked on opening."""
    if not is_postgresql(db) and not Path(db).exists():
        err.print(f"no store at {shown(db)}: run `crosswire ingest PATH --db {shown(db)}` first", highlight=False)
        raise typer.Exit(2)


def _open_store(db: str) -> Store:
    _require_store(db)
    return Store(db)


def main() -> None:
    """A store that cannot be reached or read ends the command with its reason, not a traceback."""
    try:
        app()
    except (StoreUnavailable, SchemaError, ClusterUnavailable) as error:
        err.print(f"crosswire: {shown(error)}", highlight=False)
        raise SystemExit(2) from error
