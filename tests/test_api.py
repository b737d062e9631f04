"""The Python API as a notebook uses it: the README's example run as written, then texts, records and paths
in memory, typed records out, a store read back as records; and `import crosswire` staying cheap."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import crosswire
from crosswire.records import Article, Excerpt, Rejection, Story, StoryEvent, StoryQuote
from tests.conftest import FIXTURES, ROOT

README = ROOT / "README.md"


def readme_example() -> str:
    """The first Python block of the README's "Python API" section."""
    section = README.read_text("utf-8").split("## Python API", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def example() -> tuple[str, dict]:
    """The README's example, run from the repository's root as a reader would; what it printed, and its names."""
    names: dict = {}
    printed = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(readme_example(), str(README), "exec"), names)
    finally:
        os.chdir(cwd)
    return printed.getvalue(), names


def test_the_readme_example_runs_and_handles_a_rejected_input(example: tuple[str, dict]) -> None:
    printed = example[0]
    lines = printed.splitlines()
    assert len(readme_example().strip().splitlines()) <= 12  # short enough for a notebook cell
    assert [line for line in lines if line.startswith("left out:")] == [
        "left out: item 2 - no article text found",
        "left out: item 3 - JSON record has no article content: it needs a non-empty 'html' or 'text' field",
    ]
    assert "pay a price" in lines[2] and "CNN" in lines[2]
    assert any(line.startswith("Jake Sullivan:") for line in lines[3:])


def test_process_returns_typed_records(example: tuple[str, dict]) -> None:
    result = example[1]["result"]
    assert len(result.articles) == 5 and all(isinstance(article, Article) for article in result.articles)
    assert all(isinstance(rejected, Rejection) for rejected in result.rejected)
    story = result.stories[0]
    assert isinstance(story, Story) and len(story.articles) == 5
    assert isinstance(story.quotes[0], StoryQuote) and isinstance(story.quotes[0].excerpt, Excerpt)
    assert isinstance(story.events[0], StoryEvent)
    cited = result.article(story.quotes[0].excerpt.article_id)
    start, end = story.quotes[0].excerpt.spans[0]
    assert cited.text[start:end] in story.quotes[0].excerpt.text  # words that lead back to the article


def test_texts_records_and_bytes_in_memory_and_a_store_read_as_records(tmp_path: Path) -> None:
    dump = (FIXTURES / "dumps" / "harbour_strike.txt").read_text("utf-8")
    html = (FIXTURES / "html" / "valley_ledger_meta.html").read_bytes()
    text = ("The town library will open until ten at night on weekdays from June, the council said on Thursday, "
            "after parents asked for a quiet place for students to work in the evenings.")  # fmt: skip
    record = {"id": "r1", "title": "Library opens late", "outlet": "Town Crier", "published": "2024-05-02"}
    record["text"] = text
    db = tmp_path / "news.db"
    result = crosswire.process([dump, html, record, 42], db=db)
    assert [rejected.source for rejected in result.rejected] == ["item 4"]
    assert {article.outlet.value for article in result.articles} >= {"Town Crier"}
    assert len(result.articles) == 3 and result.stories
    with crosswire.Store(db) as store:
        listed = store.stories()
        assert {listing.id for listing in listed} == {story.id for story in result.stories}
        assert all(isinstance(listing, crosswire.StoryListing) for listing in listed)
        town = next(listing for listing in listed if "Town Crier" in listing.outlets)
        assert town.summary and isinstance(store.story(town.id), Story)
        assert store.story("story-none") is None
        assert all(isinstance(article, Article) for article in store.articles())
        assert store.search("library")[0].outlet == "Town Crier"
        quotes = store.table("articles")
        assert quotes.num_rows == 3 and "published_utc" in quotes.column_names


def test_import_crosswire_loads_no_pipeline() -> None:
    code = "import sys, crosswire; print(crosswire.__version__); print(sorted(m for m in sys.modules if m.startswith(('crosswire.', 'spacy', 'torch', 'rich', 'pyarrow'))))"  # noqa: E501
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    version, modules = result.stdout.splitlines()
    assert version == crosswire.__version__ and re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert modules == "[]"
    with pytest.raises(AttributeError):
        _ = crosswire.no_such_thing
