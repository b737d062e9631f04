"""Bounded, fault-tolerant analysis: a long text is cut with a note, a failing text is skipped alone."""

from __future__ import annotations

import pytest

import crosswire.analysis.analyze as analyze_module
from crosswire.analysis.analyze import analysis_end, analyze_texts
from crosswire.analysis.nlp import load
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.records import Analysis, AnalysisFailure

PARAGRAPH = "Mayor Ann Lee said on Tuesday that the harbour would reopen in March. "
SHORT = "The council approved the budget on Tuesday, the mayor said."


def test_the_default_cap_keeps_every_text_within_spacys_limit() -> None:
    assert DEFAULT_SETTINGS.max_analysis_chars < load(DEFAULT_SETTINGS.spacy_model).max_length


def test_a_text_over_spacys_limit_is_analysed_up_to_a_paragraph_break_with_a_note() -> None:
    text = "\n\n".join([PARAGRAPH * 5] * 7000)  # 2.5 million characters: spaCy alone refuses it (E088)
    assert len(text) > load(DEFAULT_SETTINGS.spacy_model).max_length
    [result, short] = analyze_texts([(text, "2024-03-05"), (SHORT, None)], Settings(max_analysis_chars=2000))
    assert isinstance(result, Analysis) and result.cut_at is not None
    assert 1000 < result.cut_at <= 2000 and text[result.cut_at : result.cut_at + 2] == "\n\n"
    assert all(entity.end <= result.cut_at for entity in result.entities) and result.entities
    assert result.cut_note(len(text)) == (
        f"analysed the first {result.cut_at:,} of its {len(text):,} characters (max_analysis_chars)"
    )
    assert isinstance(short, Analysis) and short.cut_at is None and short.cut_note(len(SHORT)) is None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("a" * 20, 20),
        ("First paragraph here.\n\nSecond one that goes on", 21),
        ("First line is here\nand the second goes on", 18),
        ("Sentence one is here. Two goes on and on", 21),
        ("words and more words and more words", 29),
        ("x" * 40, 30),
    ],
)
def test_a_cut_ends_at_the_best_break_in_the_second_half(text: str, end: int) -> None:
    assert analysis_end(text, 30) == end


def test_a_text_spacy_refuses_fails_alone_and_the_batch_goes_on() -> None:
    too_long = PARAGRAPH * 30_000  # over spaCy's max_length, with no cap to save it
    results = list(analyze_texts([(SHORT, None), (too_long, None), (SHORT, None)], Settings(max_analysis_chars=10**9)))
    assert isinstance(results[0], Analysis) and isinstance(results[2], Analysis)
    assert isinstance(results[1], AnalysisFailure)
    assert results[1].reason.startswith("spaCy could not parse it (ValueError: [E088]")
    assert len(results[1].reason) < 300


def test_a_text_whose_analysis_fails_is_reported_and_the_others_are_analysed(monkeypatch) -> None:
    find_quotes = analyze_module.find_quotes

    def failing_on_harbour(doc):
        if "harbour" in doc.text:
            raise RuntimeError("quote finder bug")
        return find_quotes(doc)

    monkeypatch.setattr(analyze_module, "find_quotes", failing_on_harbour)
    results = list(analyze_texts([(SHORT, None), (PARAGRAPH, None), (SHORT, None)]))
    assert results[1] == AnalysisFailure("analysis failed (RuntimeError: quote finder bug)")
    assert results[0] == results[2] and isinstance(results[0], Analysis)
