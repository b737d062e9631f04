"""Ingest's phases under faults: a killed run (SIGKILL at random points of every phase) leaves a store the
next run repairs; an article whose analysis fails, or a story whose dossier cannot be built, is reported
and the rest goes on."""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import crosswire.analysis.analyze as analyze_module
import crosswire.stories.dossier as dossier_module
from crosswire import pipeline
from crosswire.store import Store
from tests.corpus import write_corpus
from tests.kill_injection import AFTER, PHASES, KillPoint, run_forked

KILLS = int(os.environ.get("CROSSWIRE_KILLS", "20"))  # per store; the bar is 20


def run_ingest(corpus: Path, location: str) -> pipeline.IngestReport:
    return pipeline.ingest([str(corpus)], location)


def check_consistent(location: str) -> dict[str, set[str]]:
    """What must hold after any kill: every article once, and every story with members either has a
    dossier listing exactly them or is marked for rebuilding. Returns the stories' members."""
    with Store(location) as store:
        articles = [row["id"] for row in store.articles()]
        assert len(articles) == len(set(articles))
        members: dict[str, set[str]] = defaultdict(set)
        for article_id, story_id, _ in store.memberships():
            members[story_id].add(article_id)
        stale = set(store.stale_stories())
        for story_id, article_ids in members.items():
            dossier = store.story(story_id)
            assert dossier is not None or story_id in stale, f"{story_id} has members, no dossier and no mark"
            if story_id not in stale:
                assert set(dossier["articles"]) == article_ids, f"{story_id}'s dossier lists other articles"
    return members


def check_complete(location: str, corpus: Path) -> None:
    """What a run that finished must leave: every input stored once, analysed, in a story with its dossier."""
    members = check_consistent(location)
    with Store(location) as store:
        assert not store.stale_stories()
        assert store.count_articles() == len(list(corpus.glob("*.json")))
        assert not store.articles_to_analyse()
        assert not store.articles_without_story()
        listed = {row["id"] for row in store.stories()}
        assert listed == set(members)
        for article_ids in members.values():  # each event's reports in one story
            events = {store.article(article_id)["record_id"].split("-")[0] for article_id in article_ids}
            assert len(events) == 1


def test_a_kill_between_memberships_and_dossiers_is_repaired_by_the_next_run(
    location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "false")
    corpus = tmp_path / "corpus"
    write_corpus(corpus, events=2, outlets=2)
    point = KillPoint("assign", 1, AFTER)
    assert run_forked(lambda: run_ingest(corpus, location), point, tmp_path / "child.log") == "killed"
    with Store(location) as store:
        assert store.memberships() and not store.stories()  # memberships committed, no dossier yet
        assert set(store.stale_stories()) == {story_id for _, story_id, _ in store.memberships()}
    repaired = run_ingest(corpus, location)
    assert len(repaired.stories) == 2
    check_complete(location, corpus)
    with Store(location) as store:  # dossiers built by the next run still say what ties each member
        for row in store.stories():
            dossier = store.story(row["id"])
            assert dossier is not None and set(dossier["membership_ties"]) == set(dossier["articles"])


def test_random_kills_in_every_phase_lose_nothing(
    location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KILLS runs, each SIGKILLed at a random point of one phase (the phases in turn), each picking up
    what the one before left and one new article; after each, the store is consistent; after a last run
    that is allowed to finish, it is complete."""
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "false")
    chooser = random.Random(15)
    corpus = tmp_path / "corpus"
    write_corpus(corpus, events=4, outlets=1)
    run_ingest(corpus, location)  # in this process: the models load once, for every child to share
    started = time.perf_counter()
    kills, attempts, phases = 0, 0, list(PHASES)
    while kills < KILLS:
        attempts += 1
        assert attempts <= 2 * KILLS, f"only {kills} of {attempts} runs reached their kill point"
        write_corpus(corpus, events=4, outlets=1, start=attempts)  # new articles: work for every phase
        phase = phases[kills % len(phases)]
        files = len(list(corpus.glob("*.json")))
        op = chooser.randint(1, files) if phase == "store" else 1
        point = KillPoint(phase, op, chooser.choice([*range(1, 9), AFTER]))
        outcome = run_forked(lambda: run_ingest(corpus, location), point, tmp_path / "child.log")
        assert outcome != "failed", (tmp_path / "child.log").read_text()
        kills += outcome == "killed"
        check_consistent(location)
    run_ingest(corpus, location)
    check_complete(location, corpus)
    print(f"{kills} kills in {attempts} runs, {time.perf_counter() - started:.1f} s")


def fail_on(
    monkeypatch: pytest.MonkeyPatch, module: object, name: str, when: Callable[..., bool], error: Exception
) -> None:
    """Make `module.name` raise `error` on the calls `when` picks, and work as before on the others."""
    original = getattr(module, name)

    def failing(*args: Any) -> Any:
        if when(*args):
            raise error
        return original(*args)

    monkeypatch.setattr(module, name, failing)


def test_an_article_whose_analysis_fails_is_reported_and_the_run_goes_on(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, events=3, outlets=2)
    fail_on(
        monkeypatch, analyze_module, "find_quotes", lambda doc: "Kenya" in doc.text, RuntimeError("quote finder bug")
    )
    report = run_ingest(corpus, str(db_path))
    assert report.counts == {"ingested": 6} and report.analysed == 4
    assert [(Path(n.source).name, n.status, n.reason) for n in report.failed] == [
        (name, pipeline.ANALYSIS_FAILED, "analysis failed (RuntimeError: quote finder bug)")
        for name in ("event2-outlet0.json#e2-o0", "event2-outlet1.json#e2-o1")
    ]
    assert len(report.stories) == 3  # every story is built, the failed articles' without their analysis
    monkeypatch.undo()
    again = run_ingest(corpus, str(db_path))  # the next run tries again
    assert again.analysed == 2 and not again.failed


def test_a_story_whose_dossier_fails_is_reported_and_built_by_the_next_run(
    location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, events=2, outlets=2)
    flood = lambda story_id, articles, *_: any("Riverside" in article.text for article in articles)  # noqa: E731
    fail_on(monkeypatch, dossier_module, "build_story", flood, ValueError("dossier bug"))
    report = run_ingest(corpus, location)
    [failed] = report.failed
    assert failed.status == pipeline.STORY_FAILED and "ValueError: dossier bug" in failed.reason
    assert len(report.stories) == 1
    with Store(location) as store:
        assert store.stale_stories() == [failed.source]
    monkeypatch.undo()
    assert run_ingest(corpus, location).stories == [failed.source]
    check_complete(location, corpus)
