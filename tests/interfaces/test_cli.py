"""The CLI as a user runs it: JSON Lines out, messages on stderr, exit status 0 / 1 / 2."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import SEEDS


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crosswire", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300
    )


def jsonl(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode().splitlines() if line.strip()]


def test_extract_prints_one_object_per_seed() -> None:
    result = run("extract", *map(str, sorted(SEEDS.glob("*.txt"))))
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    assert len(records) == 5
    for record in records:
        assert {"path", "headline", "text", "outlet", "byline", "published", "language"} <= record.keys()
    assert records[0]["published"] == "2023-09-12T13:45:00+09:00"


def test_extract_reads_stdin() -> None:
    text = (SEEDS / "003_d31118fea0c2a849.txt").read_bytes()
    records = jsonl(run("extract", "-", stdin=text).stdout)
    assert records[0]["outlet"] == "The Korea Herald"


FAST = ("--no-analysis", "--no-stories")


def test_ingest_is_idempotent_and_summarises(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = run("ingest", str(SEEDS), "--db", str(db), *FAST)
    assert first.returncode == 0, first.stderr
    *outcomes, summary = jsonl(first.stdout)
    assert [outcome["status"] for outcome in outcomes] == ["ingested"] * 5
    assert summary["summary"]["ingested"] == 5
    assert "5 ingested" in first.stderr.decode()
    second = run("ingest", str(SEEDS), "--db", str(db), *FAST)
    assert jsonl(second.stdout)[-1]["summary"] == {
        "run": 2, "db": str(db), "duplicate": 5, "analysed": 0, "stories_updated": 0
    }  # fmt: skip
    listed = jsonl(run("articles", "--db", str(db)).stdout)
    assert len(listed) == 5 and all(row["headline"] for row in listed)


def test_bad_input_is_rejected_by_name_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "broken.json").write_text('{"title": "x", "text": ', "utf-8")
    good = tmp_path / "good.txt"
    good.write_bytes((SEEDS / "001_3b5a6a830a045bf7.txt").read_bytes())
    db = tmp_path / "store.db"
    result = run("ingest", str(tmp_path / "*.txt"), str(tmp_path / "broken.json"), str(tmp_path / "missing.html"),
                 "--db", str(db), *FAST)  # fmt: skip
    assert result.returncode == 1
    outcomes = {Path(row["source"]).name: row for row in jsonl(result.stdout)[:-1]}
    assert outcomes["good.txt"]["status"] == "ingested"
    for name in ("empty.txt", "binary.txt", "broken.json", "missing.html"):
        assert outcomes[name]["status"] == "rejected" and outcomes[name]["reason"]
    stderr = result.stderr.decode()
    assert "empty.txt" in stderr and "missing.html" in stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("ingest").returncode == 2
    assert run("export", "--format", "xml", "--db", str(tmp_path / "none.db")).returncode == 2
    assert run("articles", "--db", str(tmp_path / "none.db")).returncode == 2
    unknown = run("ingest", str(SEEDS), "--db", str(tmp_path / "seeds.db"), "--story-model", "no-such-model")
    assert unknown.returncode == 2 and b"no-such-model" in unknown.stderr
    assert not (tmp_path / "seeds.db").exists()  # refused before anything is read or stored


@pytest.mark.parametrize("command", ["ingest", "extract", "analyze", "articles", "export", "stories", "show"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and b"Usage" in result.stdout


def test_export_formats(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    run("ingest", str(SEEDS), "--db", str(db), *FAST)
    document = json.loads(run("export", "--format", "json", "--db", str(db)).stdout)
    assert len(document["articles"]) == 5 and all(article["text"] for article in document["articles"])
    assert len(jsonl(run("export", "--format", "jsonl", "--db", str(db)).stdout)) == 5
    csv_text = run("export", "--format", "csv", "--db", str(db)).stdout.decode()
    assert csv_text.splitlines()[0].startswith("story_id,article_id,outlet,url,headline,byline")


def seed_copies(folder: Path, copies: int) -> Path:
    """`copies` distinct copies of each seed (a sentence of their own in the middle), for runs long enough to kill."""
    folder.mkdir()
    for copy in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            lines = seed.read_text("utf-8").split("\n")
            lines.insert(
                len(lines) // 2,
                f"\nCopy {copy} adds a distinct sentence of its own to the middle of the story.\n",
            )
            (folder / f"{copy:03d}_{seed.name}").write_text("\n".join(lines), "utf-8")
    return folder


def kill_after_first_output(*args: str) -> None:
    """Start `crosswire ARGS` in a process group of its own and SIGKILL the group once it has printed a line."""
    process = subprocess.Popen([sys.executable, "-m", "crosswire", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not process.stdout.readline():
        pass
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def assert_resumed(resumed: subprocess.CompletedProcess, db: Path, articles: int) -> None:
    """The resumed run stored every article exactly once: the killed run's ones count as duplicates."""
    assert resumed.returncode == 0, resumed.stderr
    counts = jsonl(resumed.stdout)[-1]["summary"]
    assert counts.get("ingested", 0) + counts.get("duplicate", 0) == articles
    assert counts.get("duplicate", 0) >= 1
    listed = stored_articles(db)
    assert len(listed) == len({row["id"] for row in listed}) == articles


def stored_articles(db: Path) -> list[dict]:
    return jsonl(run("articles", "--db", str(db)).stdout)


def test_killed_run_leaves_a_consistent_store_and_resumes(tmp_path: Path) -> None:
    corpus = seed_copies(tmp_path / "corpus", 60)
    db = tmp_path / "store.db"
    kill_after_first_output("ingest", str(corpus), "--db", str(db), *FAST)
    assert len(stored_articles(db)) < 300
    assert_resumed(run("ingest", str(corpus), "--db", str(db), *FAST), db, 300)


def test_analyze_prints_the_other_documents_of_a_folder_holding_a_huge_one(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "good.txt").write_bytes((SEEDS / "001_3b5a6a830a045bf7.txt").read_bytes())
    sentence = "The ministry said the talks would resume on Monday in Geneva. "
    (folder / "huge.txt").write_text("A headline\n\n" + sentence * 40_000, "utf-8")  # 2.5 MB on one line
    result = run("analyze", str(folder))
    assert result.returncode == 1, result.stderr
    good, huge = jsonl(result.stdout)
    assert good["path"].endswith("good.txt") and good["entities"] and good["cut_at"] is None
    assert huge["path"].endswith("huge.txt") and "max_line_length" in huge["error"]
    assert b"Traceback" not in result.stderr


def test_file_names_are_shown_escaped_on_the_terminal(tmp_path: Path) -> None:
    name = "evil\x1b[2J\nfake line [bold]\u202etxt.html"
    (tmp_path / name).write_bytes(b"")
    (tmp_path / "records.json").write_text(
        json.dumps({"title": "Budget", "published": 12345, "text": "The council approved the budget. " * 5})
    )
    result = run("extract", str(tmp_path / name), str(tmp_path / "records.json"))
    stderr = result.stderr.decode()
    assert "\x1b" not in stderr and "\u202e" not in stderr
    assert "evil\\x1b[2J\\nfake line [bold]\\u202etxt.html: empty file" in stderr
    assert len(stderr.strip().splitlines()) == 2
    assert "warning" in stderr and "field 'published' is a number (12345), not a string: left it out" in stderr
    record = jsonl(result.stdout)[1]
    assert record["warnings"] == ["field 'published' is a number (12345), not a string: left it out"]
