"""Cutting an article into marked-up pieces: nesting always holds, text is never lost."""

from __future__ import annotations

from crosswire.interfaces.highlight import highlight
from crosswire.records import Analysis, EntityMention, Quote, Speaker, TimeExpression

TEXT = 'Jake Sullivan said on Tuesday that "North Korea will pay a price."\n\nRussia denied it.'


def _at(part: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(part, start + 1)
    return start, start + len(part)


def _analysis() -> Analysis:
    sullivan, korea, russia = _at("Jake Sullivan"), _at("North Korea"), _at("Russia")
    quote = _at('"North Korea will pay a price."')
    speaker = Speaker("Jake Sullivan", "Jake Sullivan", *sullivan)
    entities = (
        EntityMention("Jake Sullivan", "PERSON", *sullivan, "Jake Sullivan"),
        EntityMention("North Korea", "GPE", *korea, "North Korea"),
        EntityMention("Russia", "GPE", *russia, "Russia"),
        EntityMention("Sullivan said", "ORG", sullivan[0] + 5, sullivan[1] + 5, "Bogus"),  # overlaps the speaker
    )
    return Analysis(
        published="2023-09-06",
        entities=entities,
        quotes=(Quote(TEXT[slice(*quote)], *quote, "direct", "said", speaker),),
        times=(TimeExpression("Tuesday", *_at("Tuesday"), "DATE", "2023-09-05"),),
    )


def _flat(highlighted) -> list[str]:  # type: ignore[no-untyped-def]
    return ["".join(piece.text for run in paragraph for piece in run.pieces) for paragraph in highlighted.paragraphs]


def test_paragraphs_keep_every_character() -> None:
    assert _flat(highlight(TEXT, _analysis())) == TEXT.split("\n\n")
    assert _flat(highlight(TEXT, None)) == TEXT.split("\n\n")


def test_quote_wraps_the_entity_inside_it() -> None:
    first, _ = highlight(TEXT, _analysis()).paragraphs
    [quoted] = [run for run in first if run.quote is not None]
    assert "".join(piece.text for piece in quoted.pieces) == '"North Korea will pay a price."'
    assert [piece.mark.target for piece in quoted.pieces if piece.mark] == ["North Korea"]


def test_speaker_beats_an_overlapping_entity_and_dates_are_marked() -> None:
    first, second = highlight(TEXT, _analysis()).paragraphs
    marks = [piece.mark for run in first for piece in run.pieces if piece.mark]
    assert [(mark.kind, mark.target) for mark in marks] == [
        ("speaker", "Jake Sullivan"), ("time", "2023-09-05"), ("entity", "North Korea")]  # fmt: skip
    assert [piece.mark.target for run in second for piece in run.pieces if piece.mark] == ["Russia"]


def test_spans_outside_the_text_are_ignored() -> None:
    broken = Analysis(None, entities=(EntityMention("x", "PERSON", 5, 10_000, "X"),))
    assert _flat(highlight(TEXT, broken)) == TEXT.split("\n\n")
