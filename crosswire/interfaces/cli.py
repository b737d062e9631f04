"""The `crosswire` command: JSON Lines on stdout when piped, tables and rendered Markdown for a person at
a terminal (`crosswire.interfaces.terminal`); messages go to stderr.

Exit status: 0 when every input went in, 1 when some were rejected, 2 for a usage error.
"""

from __future__ import annotations

import ipaddress
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from crosswire import pipeline
from crosswire.articles.dates import parse_date_string
from crosswire.config import DEFAULT_DB, REQUEST_TIME_LIMIT, Settings
from crosswire.interfaces import terminal
from crosswire.interfaces.dossier_view import with_sources
from crosswire.interfaces.report import render_html, render_markdown
from crosswire.interfaces.terminal import shown
from crosswire.records import Article, Rejection
from crosswire.store import SchemaError, Store, StoreUnavailable
from crosswire.store.dialect import describe, is_postgresql
from crosswire.workers import ClusterUnavailable, is_local, local_workers

app = typer.Typer(
    help="crosswire: many outlets' news articles in, one sourced account of each story out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
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


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines even to a terminal.")]


def _version(value: bool) -> None:
    if value:
        from crosswire import __version__

        print(f"crosswire {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """crosswire: many outlets' news articles in, one sourced account of each story out."""


DOCUMENT_STATUSES = frozenset({"ingested", "duplicate", "linked", "rejected"})
TOLD = {"rejected": "red", pipeline.ANALYSIS_FAILED: "red", pipeline.STORY_FAILED: "red",
        pipeline.ANALYSIS_CUT: "yellow", "warning": "yellow", "note": "yellow"}  # fmt: skip


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
    with terminal.stage_progress(err) as progress:
        stages = terminal.StageProgress(progress)
        inputs = _count_inputs(paths) if progress.console.is_terminal else None
        files: set[str] = set()

        def report(outcome: pipeline.Outcome) -> None:
            if outcome.status in DOCUMENT_STATUSES:
                files.add(outcome.source.split("#", 1)[0])  # a record or an archive's page counts as its file
                stages.update("extracting", max(len(files) - 1, 0), inputs)
            _emit(outcome.to_dict())
            if outcome.status in TOLD:
                _tell(progress.console, outcome.status, outcome.source, outcome.reason or "")
            for warning in outcome.warnings:
                _tell(progress.console, "warning", outcome.source, warning)

        result = pipeline.ingest(
            paths,
            db,
            settings,
            stdin=_stdin_for(paths),
            on_outcome=report,
            analyse=analysis,
            stories=stories,
            dask=dask,
            on_progress=stages.update,
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


def _count_inputs(paths: list[str]) -> int:
    """How many input files the paths name, for the progress bar's total (a directory is walked twice)."""
    from crosswire.ingest import expand_paths

    return sum(1 for _ in expand_paths(paths))


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


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(help="At most this many.", min=1)] = None,
    json_lines: JsonOption = False,
) -> None:
    """List the stored articles (no text): a table at a terminal, JSON Lines when piped."""
    with _open_store(db) as store:
        rows = [{key: row[key] for key in LISTED_FIELDS} for row in store.articles(limit=limit)]
    if terminal.for_people(json_lines):
        from crosswire.analysis.readable_dates import readable_moment

        terminal.print_table(rows, [
            terminal.Column("Headline", lambda row: row["headline"], wide=True),
            terminal.Column("Outlet", lambda row: row["outlet"]),
            terminal.Column("Published", lambda row: readable_moment(row["published"])),
            terminal.Column("Lang", lambda row: row["language"]),
            terminal.Column("Id", lambda row: row["id"], whole=True),
        ], title=f"{len(rows)} articles in {describe(db)}")  # fmt: skip
        return
    for row in rows:
        _emit(row)


LISTED_FIELDS = ("id", "headline", "outlet", "authors", "agencies", "published", "language", "source", "url")
TABLE_NAMES = ("articles", "stories", "memberships", "quotes", "entities", "timeline", "events", "discrepancies")


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    table: Annotated[
        str, typer.Option("--table", help=f"One of {', '.join(TABLE_NAMES)}; or all (with --output, a folder).")
    ] = "articles",
    format: Annotated[
        str, typer.Option("--format", help="jsonl, csv or parquet; json for every article and story's dossier.")
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (a folder for --table all).")
    ] = None,
) -> None:
    """Export a table for pandas, spreadsheets or Parquet: each row with its story, article, outlet and URL,
    dates in ISO 8601 with their offset and in UTC."""
    if format not in {"json", "jsonl", "csv", "parquet"}:
        raise typer.BadParameter("must be jsonl, csv, parquet or json", param_hint="--format")
    if table not in {*TABLE_NAMES, "all"}:
        raise typer.BadParameter(f"must be one of {', '.join(TABLE_NAMES)} or all", param_hint="--table")
    if table == "all" and (output is None or format == "json"):
        raise typer.BadParameter("--table all writes a file per table: give a folder with --output", "--table")
    if format == "parquet" and output is None and sys.stdout.isatty():
        raise typer.BadParameter("Parquet is binary: give a file with --output, or pipe it", param_hint="--format")
    with _open_store(db) as store:
        if format == "json":
            _export_json(store, output)
            return
        from crosswire.interfaces import tables

        if table == "all":
            assert output is not None
            for name, rows in tables.export_all(store, format, output).items():
                err.print(f"{rows} rows -> {shown(output / f'{name}.{format}')}", highlight=False)
            return
        if output is None:
            tables.export(store, table, format, sys.stdout.buffer if format == "parquet" else sys.stdout)
            return
        with output.open("wb") if format == "parquet" else output.open("w", encoding="utf-8", newline="") as out:
            rows = tables.export(store, table, format, out)
        err.print(f"{rows} rows -> {shown(output)}", highlight=False)


def _export_json(store: Store, output: Path | None) -> None:
    """Every article (as the articles table gives it) and every story's dossier with its sources, as one
    JSON document."""
    from crosswire.interfaces.tables import TABLES

    rows = list(TABLES["articles"].rows(store))
    stored = [store.story(row["id"]) for row in store.stories()]
    dossiers = [with_sources(d, store.article_briefs(list(d["articles"]))) for d in stored if d is not None]
    document = {"articles": rows, "stories": dossiers}
    if output is None:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")


@app.command("stories")
def list_stories(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(help="At most this many.", min=1)] = None,
    json_lines: JsonOption = False,
) -> None:
    """List the stories, newest first: title, articles, outlets, date range."""
    with _open_store(db) as store:
        rows = store.stories(limit=limit)
        glances = store.story_glances([row["id"] for row in rows])
    rows = [{**row, "outlet_names": glances[row["id"]]["outlets"], "summary": glances[row["id"]]["summary"]}
            for row in rows]  # fmt: skip
    if terminal.for_people(json_lines):
        from crosswire.analysis.readable_dates import published_range

        terminal.print_table(rows, [
            terminal.Column("Story", lambda row: row["title"], wide=True, detail=lambda row: row["summary"]),
            terminal.Column("Articles", lambda row: row["articles"], numeric=True),
            terminal.Column("Outlets", lambda row: row["outlet_names"]),
            terminal.Column("Dates", lambda row: published_range(row["first_published"], row["last_published"]),
                            whole=True),
            terminal.Column("Id", lambda row: row["id"], whole=True),
        ], title=f"{len(rows)} stories in {describe(db)}, newest first")  # fmt: skip
        return
    for row in rows:
        _emit(row)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words that must all occur (or, with --fts5, an FTS5 query).")],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1, max=1000)] = 20,
    fts5: Annotated[
        bool, typer.Option("--fts5", help='Read the query as FTS5: "phrases", OR, NOT, prefix*, headline:.')
    ] = False,
    json_lines: JsonOption = False,
) -> None:
    """Full-text search of the articles' headlines and text, best match first, with a snippet each."""
    from crosswire.store.store import QueryTooLarge, SearchSyntaxError

    with _open_store(db) as store:
        try:
            hits = store.search(query, limit=limit, syntax="fts5" if fts5 else "words", highlight=("[", "]"))
        except (SearchSyntaxError, QueryTooLarge) as error:
            raise typer.BadParameter(str(error), param_hint="QUERY") from error
        stories = {hit["id"]: store.story_of(hit["id"]) for hit in hits}
    rows = [{**hit, "story_id": (stories[hit["id"]] or {}).get("id")} for hit in hits]
    if terminal.for_people(json_lines):
        from crosswire.analysis.readable_dates import readable_moment

        terminal.print_table(rows, [
            terminal.Column("Headline", lambda row: row["headline"]),
            terminal.Column("Outlet", lambda row: row["outlet"]),
            terminal.Column("Published", lambda row: readable_moment(row["published"])),
            terminal.Column("Matches", lambda row: row["snippet"], wide=True),
            terminal.Column("Id", lambda row: row["id"], whole=True),
        ], title=f"{len(rows)} best matches for {query!r}")  # fmt: skip
        return
    for row in rows:
        _emit(row)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (as `crosswire stories` lists it).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", help="md, html (one self-contained file) or json.")] = "md",
) -> None:
    """Print one story's dossier: rendered at a terminal, Markdown when piped; or HTML, or JSON."""
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
    elif terminal.for_people():
        terminal.print_markdown(render_markdown(dossier, briefs))
    else:
        sys.stdout.write(render_markdown(dossier, briefs))


@app.command("datasette-metadata")
def datasette_metadata(
    db: DbOption = DEFAULT_DB,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Print metadata for Datasette (`datasette DB --metadata FILE`): internal tables hidden, labels,
    facets and saved queries such as quotes carried by 3+ outlets and stories with disagreements."""
    from crosswire.interfaces.datasette import metadata

    document = json.dumps(metadata(Path(db).stem), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document, "utf-8")


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
