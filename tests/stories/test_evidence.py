"""The invariant: whatever a dossier shows as someone's words or as what an outlet reported is in
that article, word for word, at the offsets it gives.

Walked over every item of real dossiers: the seed story, the invented multi-outlet reports of
the other story tests, and a corpus written for this (tests/fixtures/verbatim: seven stories
told by four or five outlets each, with quotations broken by their attribution, carried over
paragraphs, questions with their attribution after them, partial quotes, reported speech with
asides, names with hyphens and particles, lists and ranges of dates, outlets that disagree on
numbers, and articles whose outlet is unknown).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crosswire.interfaces.report import render_markdown
from crosswire.pipeline import ingest
from crosswire.store import Store
from crosswire.stories.evidence import presented, problems
from tests.conftest import FIXTURES, SEEDS
from tests.stories.test_similar_events import write_reports

CORPUS = FIXTURES / "verbatim" / "corpus.jsonl"


@dataclass(frozen=True)
class Dossiers:
    """Every story of one store: its dossier, its articles' texts, and their briefs."""

    stories: list[dict[str, Any]]
    texts: dict[str, str]
    briefs: dict[str, dict[str, Any]]
    db: Path


def _dossiers(db: Path) -> Dossiers:
    with Store(db) as store:
        stories = [dossier for row in store.stories() if (dossier := store.story(row["id"]))]
        ids = [article_id for dossier in stories for article_id in dossier["articles"]]
        texts = {article_id: article.text for article_id in ids if (article := store.load_article(article_id))}
        briefs = store.article_briefs(ids)
    return Dossiers(stories, texts, briefs, db)


@pytest.fixture(scope="session")
def seed_dossiers(tmp_path_factory: pytest.TempPathFactory) -> Dossiers:
    db = tmp_path_factory.mktemp("verbatim-seeds") / "crosswire.db"
    ingest([str(SEEDS)], str(db))
    return _dossiers(db)


@pytest.fixture(scope="session")
def invented_dossiers(tmp_path_factory: pytest.TempPathFactory) -> Dossiers:
    """The corpus, the similar-events reports and the text dumps of the tests, in one store."""
    folder = tmp_path_factory.mktemp("verbatim-invented")
    reports = write_reports(folder / "reports.jsonl")
    db = folder / "crosswire.db"
    ingest([str(CORPUS), str(reports), str(FIXTURES / "dumps")], str(db))
    return _dossiers(db)


@pytest.fixture(scope="session", params=["seed", "invented"])
def dossiers(request: pytest.FixtureRequest) -> Dossiers:
    return request.getfixturevalue(f"{request.param}_dossiers")


def test_every_presented_item_is_in_its_article_word_for_word(dossiers: Dossiers) -> None:
    items = [item for dossier in dossiers.stories for item in presented(dossier)]
    assert len(items) > 300  # every section of every story is walked
    found = [problem for dossier in dossiers.stories for problem in problems(dossier, dossiers.texts)]
    assert found == []


def test_the_invented_stories_are_told_by_several_outlets(invented_dossiers: Dossiers) -> None:
    told = [dossier for dossier in invented_dossiers.stories if len(dossier["outlets"]) >= 3]
    assert len(told) >= 8
    kinds = {variant["kind"] for dossier in told for quote in dossier["quotes"] for variant in quote["variants"]}
    assert kinds == {"direct", "mixed", "indirect"}


def _edits(dossier: dict[str, Any]) -> Iterator[tuple[str, list[Any], str]]:
    """(section, path to a presented text, that text) for one item of each section."""
    yield "summary", ["summary", 0, "text"], dossier["summary"][0]["text"]
    direct = next(k for k, quote in enumerate(dossier["quotes"]) if quote["kind"] == "direct")
    yield "quote", ["quotes", direct, "text"], dossier["quotes"][direct]["text"]
    quote, variant = next(
        (k, v) for k, q in enumerate(dossier["quotes"]) for v, item in enumerate(q["variants"]) if item["words"]
    )
    words = dossier["quotes"][quote]["variants"][variant]["words"]["text"]
    yield "quoted words", ["quotes", quote, "variants", variant, "words", "text"], words
    yield "timeline", ["timeline", 0, "text"], dossier["timeline"][0]["text"]
    clause = next(k for k, entry in enumerate(dossier["timeline"]) if entry["clause"])
    yield "timeline clause", ["timeline", clause, "clause", "text"], dossier["timeline"][clause]["clause"]["text"]
    yield "only one outlet", ["unique_details", 0, "text"], dossier["unique_details"][0]["text"]
    date = next(k for k, item in enumerate(dossier["discrepancies"]) if item["kind"] == "date")
    yield "discrepancy", ["discrepancies", date, "description"], dossier["discrepancies"][date]["description"]


@pytest.mark.parametrize(
    "section", ["summary", "quote", "quoted words", "timeline", "timeline clause", "only one outlet", "discrepancy"]
)
def test_one_invented_word_anywhere_is_caught(seed_dossiers: Dossiers, section: str) -> None:
    dossier = seed_dossiers.stories[0]
    assert problems(dossier, seed_dossiers.texts) == []
    _, path, text = next(edit for edit in _edits(dossier) if edit[0] == section)
    changed = copy.deepcopy(dossier)
    target = changed
    for key in path[:-1]:
        target = target[key]
    words = re.findall(r"\w{4,}", text.split("“", 1)[-1])
    target[path[-1]] = text.replace(words[1], "allegedly " + words[1], 1)
    assert problems(changed, seed_dossiers.texts)


def test_a_statement_only_reported_is_never_shown_as_a_quotation(seed_dossiers: Dossiers) -> None:
    dossier = seed_dossiers.stories[0]
    reported = [quote for quote in dossier["quotes"] if quote["kind"] == "indirect"]
    assert reported
    changed = copy.deepcopy(dossier)
    changed["quotes"][dossier["quotes"].index(reported[0])]["kind"] = "direct"
    assert any("not an outlet's quoted words" in problem for problem in problems(changed, seed_dossiers.texts))


def test_markdown_puts_only_quoted_words_between_quotation_marks(dossiers: Dossiers) -> None:
    quotations = 0
    for dossier in dossiers.stories:
        said = {
            variant["words"]["text"] for quote in dossier["quotes"] for variant in quote["variants"] if variant["words"]
        }
        report = _unescaped(render_markdown(dossier, dossiers.briefs))
        section = report.split("## Who said what\n\n")[1].split("\n## ")[0] if dossier["quotes"] else ""
        shown = re.findall(r"(?:\*\*: |also quoted as: )“(.*)”(?: \[[\d, ]+\])", section)
        assert all(words in said for words in shown), set(shown) - said
        quotations += len(shown)
        for line in section.splitlines():
            if line.lstrip("- ").startswith(("*indirect*", "*partly quoted*")):
                assert "]: “" not in line  # reported speech is the sentence, not put in marks
    assert quotations >= 20


def test_seed_names_keep_their_spelling(seed_dossiers: Dossiers) -> None:
    assert len(seed_dossiers.stories) == 1
    dossier = seed_dossiers.stories[0]
    speakers = {quote["speaker"] for quote in dossier["quotes"]}
    assert {"Karine Jean-Pierre", "Lim Soo-suk"} <= speakers
    assert "Karine Jean Pierre" not in speakers and "Lim Soo Suk" not in speakers
    assert not any(speaker and re.search(r"\b(?:At|Of|On)\b", speaker) for speaker in speakers)  # not title-cased
    names = [entity["name"] for entity in dossier["entities"]]
    assert len([name for name in names if name.replace("-", " ").lower() == "kim jong un"]) == 1


def test_spellings_of_one_name_are_one_entity_in_the_store(seed_dossiers: Dossiers) -> None:
    with Store(seed_dossiers.db) as store:
        hyphenated, spaced = store.entity("Kim Jong-un"), store.entity("KIM JONG UN")
    assert hyphenated is not None and spaced is not None
    assert [a["id"] for a in hyphenated["articles"]] == [a["id"] for a in spaced["articles"]]
    assert len(hyphenated["articles"]) == 5


def test_sources_list_every_article_with_where_to_find_it(seed_dossiers: Dossiers) -> None:
    dossier = seed_dossiers.stories[0]
    report = _unescaped(render_markdown(dossier, seed_dossiers.briefs))
    sources = report.split("## Sources\n\n")[1].strip().splitlines()
    assert [line.split(".", 1)[0] for line in sources] == ["1", "2", "3", "4", "5"]
    unknown = [line for line in sources if "004_5c50e6d7c74a4350.txt" in line]
    assert unknown and unknown[0].startswith("5. unknown outlet — ")
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", report) for n in group.split(", ")}
    assert cited == {1, 2, 3, 4, 5}


def _unescaped(markdown: str) -> str:
    """The text a Markdown viewer shows for escaped punctuation (CommonMark: a backslash before any)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)
