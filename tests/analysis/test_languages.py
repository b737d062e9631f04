"""Language packs: French articles read with French rules, other languages left unanalysed with a note."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from crosswire.analysis.analyze import analyze_texts
from crosswire.analysis.lang import pack_for
from crosswire.records import Analysis

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "french_gold.py"
SEEDS_EVENT = (
    "Les États-Unis avertissent Pyongyang.\n\n"
    "« La Corée du Nord paiera le prix de toute livraison d'armes à la Russie », a déclaré Jake Sullivan, "
    "conseiller américain à la sécurité nationale, hier à Washington.\n\n"
    "Kim Jong-un doit rencontrer Vladimir Poutine en septembre, selon les services américains."
)


def _french_gold():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("french_gold", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_french_article_about_the_seeds_event_has_its_quote_speaker_and_dates() -> None:
    [analysis] = analyze_texts([(SEEDS_EVENT, "2023-09-06T10:15:00+02:00", "fr")])
    assert isinstance(analysis, Analysis) and analysis.language == "fr" and analysis.skipped is None
    [quote] = analysis.quotes
    assert quote.text.startswith("La Corée du Nord paiera") and quote.cue == "a déclaré"
    assert quote.speaker is not None and quote.speaker.name == "Jake Sullivan"
    assert SEEDS_EVENT[quote.start : quote.end].startswith("«")
    assert {(time.text, time.value) for time in analysis.times} >= {("hier", "2023-09-05"), ("en septembre", "2023-09")}
    canonical = {entity.canonical for entity in analysis.entities}
    assert {"North Korea", "Russia", "Jake Sullivan"} <= canonical


def test_french_names_join_the_english_ones() -> None:
    english = "Jake Sullivan warned North Korea and Russia on Tuesday, the United States said."
    french = "Jake Sullivan a mis en garde la Corée du Nord et la Russie mardi, ont indiqué les États-Unis."
    en, fr = analyze_texts([(english, "2023-09-06", "en"), (french, "2023-09-06", "fr")])
    assert isinstance(en, Analysis) and isinstance(fr, Analysis)
    names = {"Jake Sullivan", "North Korea", "Russia", "United States"}
    assert names <= {e.canonical for e in en.entities} and names <= {e.canonical for e in fr.entities}


def test_a_german_article_is_not_analysed_and_says_why() -> None:
    german = "„Nordkorea wird einen Preis zahlen“, sagte Jake Sullivan am Dienstag in Washington."
    [analysis] = analyze_texts([(german, "2023-09-06", "de")])
    assert isinstance(analysis, Analysis) and analysis.language == "de"
    assert analysis.quotes == () and analysis.times == () and analysis.entities == ()
    assert analysis.skipped is not None and "no language pack for 'de'" in analysis.skipped
    assert pack_for("de") is None and pack_for("fr-CA") is not None


def test_texts_keep_their_order_across_languages() -> None:
    items = [("« Nous verrons », a dit Marie Curie.", None, "fr"), ("Hallo.", None, "de"), ('"Yes," she said.', None)]
    languages = [result.language for result in analyze_texts(items) if isinstance(result, Analysis)]
    assert languages == ["fr", "de", "en"]


def test_the_french_gold_set_scores_above_its_floors() -> None:
    benchmark = _french_gold()
    figures = benchmark.score(benchmark.load_gold())
    assert figures.gold_quotes >= 15 and figures.gold_dates >= 15
    assert figures.f1 >= 0.85
    assert figures.speaker_accuracy >= 0.8
    assert figures.date_accuracy >= 0.8


def test_a_french_page_gets_its_date_byline_and_a_french_analysis() -> None:
    from crosswire.pipeline import analyze

    [document] = analyze([str(BENCHMARK.parents[1] / "tests" / "fixtures" / "french" / "sullivan_page.html")])
    analysis = document.analysis  # type: ignore[union-attr]
    assert analysis.language == "fr" and analysis.published == "2023-09-06T10:15:00"
    [quote, *_] = [quote for quote in analysis.quotes if quote.speaker is not None]
    assert quote.text.startswith("La Corée du Nord paiera") and quote.speaker.name == "Jake Sullivan"
    assert ("mardi", "2023-09-05") in {(time.text, time.value) for time in analysis.times}
