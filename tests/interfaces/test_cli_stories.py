"""The full job as `make demo` runs it: ingest with analysis and stories, then read the story back."""

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import crosswire
from crosswire.interfaces.tables import FORMATS, TABLES

from ..conftest import FIXTURES, SEEDS
from .test_cli import jsonl, run

UNRELATED = [*sorted((FIXTURES / "dumps").glob("*.txt")), *sorted((FIXTURES / "html").glob("*.html"))]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("job") / "crosswire.db"
    seeds = run("ingest", str(SEEDS), "--db", str(db))
    assert seeds.returncode == 0, seeds.stderr
    others = run("ingest", *map(str, UNRELATED), "--db", str(db))
    assert others.returncode == 0, others.stderr
    return db


def _seed_story(db: Path) -> dict:
    stories = jsonl(run("stories", "--db", str(db)).stdout)
    seeds = [story for story in stories if story["articles"] >= 3]
    assert len(seeds) == 1, stories
    return seeds[0]


def test_seeds_form_one_story_of_five_and_others_stay_apart(store: Path) -> None:
    story = _seed_story(store)
    assert story["articles"] == 5
    stories = jsonl(run("stories", "--db", str(store)).stdout)
    assert sum(row["articles"] for row in stories) == 5 + len(UNRELATED)


def test_show_prints_the_dossier_as_markdown_and_json(store: Path) -> None:
    story_id = _seed_story(store)["id"]
    markdown = run("show", story_id, "--db", str(store)).stdout.decode()
    assert markdown.startswith("# ") and "## Who said what" in markdown and "## Timeline" in markdown
    dossier = json.loads(run("show", story_id, "--format", "json", "--db", str(store)).stdout)
    assert dossier["id"] == story_id and len(dossier["articles"]) == 5
    assert all(sentence["articles"] for sentence in dossier["summary"])
    assert markdown.rstrip().splitlines()[-1].startswith("5. ")  # ends with the numbered sources


def test_json_dossier_lists_its_sources_and_each_citation_its_article_and_offsets(store: Path) -> None:
    dossier = json.loads(run("show", _seed_story(store)["id"], "--format", "json", "--db", str(store)).stdout)
    sources = dossier["sources"]
    assert [source["number"] for source in sources] == [1, 2, 3, 4, 5]
    assert [source["article_id"] for source in sources] == dossier["articles"]
    assert all({"outlet", "headline", "byline", "published", "url", "file"} <= source.keys() for source in sources)
    assert "unknown outlet" in {source["outlet"] for source in sources}
    for citation in dossier["summary"] + dossier["consensus"]:
        first = citation["excerpts"][0]
        assert first["text"] == citation["text"] and first["article_id"] in citation["articles"]
        assert all(len(span) == 2 and span[0] < span[1] for span in first["spans"])


def test_show_says_what_tied_each_member_to_the_story(store: Path) -> None:
    story_id = _seed_story(store)["id"]
    dossier = json.loads(run("show", story_id, "--format", "json", "--db", str(store)).stdout)
    members = set(dossier["articles"])
    ties = dossier["membership_ties"]
    assert set(ties) == members
    for article_id, tie in ties.items():
        assert tie["article_id"] in members - {article_id}  # its strongest link is to another member
        assert -1.0 <= tie["embedding"] <= 1.0 and tie["shared_names"] + tie["shared_terms"]
    markdown = run("show", story_id, "--db", str(store)).stdout.decode()
    why = markdown[markdown.index("## Why each article is in this story") :]
    why = why[: why.index("\n## ", 1)]
    lines = [line for line in why.splitlines() if line.startswith("- ")]
    assert len(lines) == 5 and all("strongest link to" in line and "embedding similarity" in line for line in lines)
    assert "no link recorded" not in why


def test_sullivan_warning_is_one_quote_carried_by_four_outlets(store: Path) -> None:
    dossier = json.loads(run("show", _seed_story(store)["id"], "--format", "json", "--db", str(store)).stdout)
    carried = [quote for quote in dossier["quotes"] if "pay" in quote["text"] and "price" in quote["text"]]
    assert carried and carried[0]["speaker"] == "Jake Sullivan"
    assert len(carried[0]["articles"]) == 4


def test_timeline_has_the_briefing_and_shoigus_visit(store: Path) -> None:
    dossier = json.loads(run("show", _seed_story(store)["id"], "--format", "json", "--db", str(store)).stdout)
    dates = {entry["date"] for entry in dossier["timeline"]}
    assert "2023-09-05" in dates and "2023-07" in dates


def test_export_json_holds_articles_and_stories(store: Path) -> None:
    document = json.loads(run("export", "--format", "json", "--db", str(store)).stdout)
    assert len(document["articles"]) == 5 + len(UNRELATED)
    story_ids = {story["id"] for story in document["stories"]}
    assert _seed_story(store)["id"] in story_ids
    for story in document["stories"]:
        assert {"id", "title", "summary", "articles", "quotes", "timeline", "entities", "discrepancies",
                "unique_details"} <= story.keys()  # fmt: skip


def test_unknown_story_is_a_clear_error(store: Path) -> None:
    result = run("show", "story-nope", "--db", str(store))
    assert result.returncode == 1 and b"no story" in result.stderr


def test_analyze_plain_offsets_point_into_the_input(tmp_path: Path) -> None:
    record = {
        "id": "r1",
        "published": "2023-09-06",
        "text": 'National Security Adviser Jake Sullivan said on Tuesday that "they will pay a price for this."',
    }
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(record) + "\n", "utf-8")
    [result] = jsonl(run("analyze", "--plain", str(path)).stdout)
    text = record["text"]
    assert result["id"] == "r1" and result["published"] == "2023-09-06"
    for item in (*result["entities"], *result["times"]):
        assert text[item["start"] : item["end"]] == item["text"]
    for quote in result["quotes"]:  # a quote's span covers its marks, and any attribution breaking it
        span = text[quote["start"] : quote["end"]]
        assert quote["text"][:12] in span and quote["text"][-12:] in span
    assert any(time["text"] == "Tuesday" and time["value"] == "2023-09-05" for time in result["times"])
    assert any(quote["speaker"]["name"] == "Jake Sullivan" for quote in result["quotes"])


def test_analyze_resolves_against_the_given_date(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Officials said on Monday that the talks had stalled after a long meeting in the city.\n", "utf-8")
    undated = jsonl(run("analyze", "--plain", str(path)).stdout)[0]
    assert all(time["value"] is None for time in undated["times"] if "Monday" in time["text"])
    dated = jsonl(run("analyze", "--plain", "--published", "2023-09-06", str(path)).stdout)[0]
    assert any(time["value"] == "2023-09-04" for time in dated["times"])


def test_analyze_prints_each_times_mod(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The bridge reopened in early May after repairs that took about two weeks.\n", "utf-8")
    [record] = jsonl(run("analyze", "--plain", "--published", "2023-06-01", str(path)).stdout)
    mods = {time["text"]: time["mod"] for time in record["times"]}
    assert mods == {"early May": "START", "two weeks": "APPROX"}


def test_show_html_is_one_self_contained_file(store: Path) -> None:
    story_id = _seed_story(store)["id"]
    result = run("show", story_id, "--format", "html", "--db", str(store))
    assert result.returncode == 0, result.stderr
    html = result.stdout.decode()
    assert html.startswith("<!doctype html>") and "<style>" in html and "<svg" in html
    assert "<script" not in html and "<link" not in html and 'src="' not in html
    assert "pay a price" in html and "Who said what" in html
    anchors = set(re.findall(r'href="#source-(\d+)"', html))
    assert anchors == {"1", "2", "3", "4", "5"} and all(f'id="source-{n}"' in html for n in anchors)


@pytest.fixture(scope="module")
def exported(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every table in every format, as `crosswire export --table all` writes them."""
    folder = tmp_path_factory.mktemp("tables")
    for format in FORMATS:
        result = run("export", "--table", "all", "--format", format, "--output", str(folder), "--db", str(store))
        assert result.returncode == 0, result.stderr
    return folder


def _load(folder: Path, name: str, format: str) -> pd.DataFrame:
    path = folder / f"{name}.{format}"
    if format == "parquet":
        return pd.read_parquet(path)
    if format == "csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False).replace("", None)
    return pd.read_json(path, lines=True, dtype=False)


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("name", list(TABLES))
def test_every_table_loads_in_pandas_with_every_date_column_parsed(exported: Path, name: str, format: str) -> None:
    table = TABLES[name]
    frame = _load(exported, name, format)
    assert list(frame.columns) == [column.name for column in table.columns]
    assert len(frame) > 0
    assert len(frame) == len(_load(exported, name, "jsonl"))  # every format holds every row
    kinds = {column.name: column.kind for column in table.columns}
    for column in table.date_columns:
        if kinds[column] == "timestamp":  # each with its own offset: one instant in UTC each
            parsed = pd.to_datetime(frame[column], format="ISO8601", utc=True)
        else:
            parsed = pd.to_datetime(frame[column], format="ISO8601")
            assert (parsed.dt.tz is not None) == (kinds[column] == "utc"), column
        assert parsed.notna().sum() == frame[column].notna().sum(), column  # nothing failed to parse
    if "published" in frame and "published_utc" in frame:
        stated = frame["published"].notna()
        published = pd.to_datetime(frame["published"][stated], format="ISO8601", utc=True)
        assert (published == pd.to_datetime(frame["published_utc"][stated], format="ISO8601", utc=True)).all()
    if "story_id" in frame and name != "articles":
        assert frame["story_id"].notna().all()


def test_exported_articles_say_where_each_date_comes_from(exported: Path, store: Path) -> None:
    articles = _load(exported, "articles", "csv").set_index("path")
    seeds = articles.loc[[str(path) for path in sorted(SEEDS.glob("*.txt"))]]
    assert seeds["story_id"].nunique() == 1
    herald = seeds[seeds["outlet"] == "The Korea Herald"].iloc[0]  # prints its clock, not its zone: Seoul's
    assert (herald["published"], herald["published_zone"]) == ("2023-09-12T09:40:00+09:00", "inferred")
    assert herald["published_utc"] == "2023-09-12T00:40:00+00:00"
    undated = seeds[seeds["published_basis"] == "inferred"]  # states no date: its story dates it
    assert len(undated) >= 1 and undated["published"].isna().all() and undated["published_day"].notna().all()
    unknown_zone = seeds[(seeds["published_basis"] == "stated") & seeds["published_zone"].isna()]
    assert unknown_zone["published"].isna().all() and unknown_zone["published_local"].notna().all()
    quotes = _load(exported, "quotes", "parquet")
    price = quotes[quotes["text"].str.contains("pay a price") & (quotes["statement_speaker"] == "Jake Sullivan")]
    first = price.iloc[0]
    statement = quotes[(quotes["story_id"] == first["story_id"]) & (quotes["statement"] == first["statement"])]
    outlets = statement["outlet"].fillna(statement["article_id"])  # each outlet's wording, a row each
    assert statement["carried_by_outlets"].iloc[0] == outlets.nunique() >= 4


def run_at_terminal(*args: str) -> tuple[int, str]:
    """`crosswire ARGS` with stdout and stderr on a pseudo-terminal, as a person runs it; what it showed."""
    controller, terminal = pty.openpty()
    environment = {**os.environ, "COLUMNS": "140", "LINES": "50", "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "crosswire", *args], stdin=subprocess.DEVNULL,
                               stdout=terminal, stderr=terminal, env=environment)  # fmt: skip
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return process.wait(timeout=300), shown.decode("utf-8", "replace")


def test_people_at_a_terminal_get_tables_and_rendered_markdown(store: Path) -> None:
    code, shown = run_at_terminal("stories", "--db", str(store))
    assert code == 0 and _seed_story(store)["id"] in shown and "5–12 September 2023" in shown
    assert "┃" in shown or "│" in shown  # a table, not JSON
    assert "\\n" not in shown  # the summary on its own line, not an escaped newline
    assert '{"id"' not in shown
    code, forced = run_at_terminal("stories", "--json", "--db", str(store))
    assert json.loads(forced.splitlines()[0])["id"]
    story_id = _seed_story(store)["id"]
    code, report = run_at_terminal("show", story_id, "--db", str(store))
    assert code == 0 and "Who said what" in report and "## Who said what" not in report  # rendered, not raw


def test_search_prints_json_lines_with_each_hits_story(store: Path) -> None:
    result = run("search", "Shoigu Pyongyang", "--db", str(store))
    hits = jsonl(result.stdout)
    assert result.returncode == 0 and hits and all("[Shoigu]" in hit["snippet"] or "[Pyongyang]" in hit["snippet"]
                                                   for hit in hits)  # fmt: skip
    assert {hit["story_id"] for hit in hits} == {_seed_story(store)["id"]}
    assert run("search", '"unclosed', "--fts5", "--db", str(store)).returncode == 2


def test_version_and_short_help() -> None:
    assert run("--version").stdout.decode().strip() == f"crosswire {crosswire.__version__}"
    assert b"Usage" in run("-h").stdout and b"search" in run("-h").stdout


def test_ingest_at_a_terminal_shows_each_stage_with_its_total(tmp_path: Path) -> None:
    code, shown = run_at_terminal("ingest", str(UNRELATED[0]), str(UNRELATED[1]), "--db", str(tmp_path / "s.db"))
    assert code == 0, shown
    for stage in ("extracting", "loading models", "analysing", "grouping into stories", "building dossiers"):
        assert stage in shown, stage
    assert "2/2" in shown and "/?" not in shown  # real totals, never "5/?"
