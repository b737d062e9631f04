"""The one sentence splitter: abbreviations, quotations kept whole with their attribution, line breaks."""

from __future__ import annotations

import pytest

from crosswire.analysis.nlp import parse_one
from crosswire.analysis.sentences import sentence_at, sentence_spans
from crosswire.analysis.verbatim import trim


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Embassy said on Sept. 4 that it would act. Officials agreed.",
            ["The U.S. Embassy said on Sept. 4 that it would act.", "Officials agreed."],
        ),
        ("He lives in the U.S. He said so.", ["He lives in the U.S.", "He said so."]),
        ("N. Korea fired a missile. Seoul protested.", ["N. Korea fired a missile.", "Seoul protested."]),
        (
            "Mr. Kim met Gen. Milley at 3 p.m. Tuesday. They talked.",
            ["Mr. Kim met Gen. Milley at 3 p.m. Tuesday.", "They talked."],
        ),
        ("Prices rose 3.5 percent. Markets fell.", ["Prices rose 3.5 percent.", "Markets fell."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will act. We must," he said. Then he left.', ['"We will act. We must," he said.', "Then he left."]),
        ("“Why not?” he asked. It rained.", ["“Why not?” he asked.", "It rained."]),
        (
            "She said: “It is over. We won.” The crowd cheered!",
            ["She said: “It is over. We won.”", "The crowd cheered!"],
        ),
        ('Sullivan said, "We have information." He went on.', ['Sullivan said, "We have information."', "He went on."]),
    ],
)
def test_quotations_do_not_break_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_an_unclosed_quotation_does_not_swallow_the_paragraph() -> None:
    assert sentences("“I never saw this. Moderates watched. Then they left.") == [
        "“I never saw this.",
        "Moderates watched.",
        "Then they left.",
    ]


def test_paragraphs_always_end_sentences() -> None:
    assert sentences("A standfirst without a stop\n\nThe body starts here.") == [
        "A standfirst without a stop",
        "The body starts here.",
    ]


def test_a_question_closing_a_quotation_keeps_its_attribution() -> None:
    text = "“Why not?” Shoigu said. “Are you sure?” asked the minister. “Why?” CNN has asked the embassy since."
    assert sentences(text) == [
        "“Why not?” Shoigu said.",
        "“Are you sure?” asked the minister.",
        "“Why?”",
        "CNN has asked the embassy since.",
    ]


def test_a_quotation_of_several_sentences_is_one_unit_with_its_attribution() -> None:
    text = "The agency quoted Shoigu as saying, “Why not? These are our neighbors.” CNN asked the embassy."
    assert sentences(text) == [
        "The agency quoted Shoigu as saying, “Why not? These are our neighbors.”",
        "CNN asked the embassy.",
    ]


def test_spans_index_the_text_as_given_and_exclude_surrounding_space() -> None:
    text = "  First one here.   Second  one.\n\n  Third"
    assert sentence_spans(text) == ((2, 17), (20, 32), (36, 41))
    assert sentence_at(text, 25) == (20, 32)
    assert sentence_at(text, 18) == (20, 32)  # between two sentences: the next


def test_the_parser_parses_the_same_sentences() -> None:
    text = '"We will act. We must," he said. Then he left.\n\nThe U.S. Embassy said on Sept. 4 it would act.'
    parsed = [trim(text, sent.start_char, sent.end_char) for sent in parse_one(text).sents if sent.text.strip()]
    assert parsed == list(sentence_spans(text))


def test_sentences_split_at_ends_not_at_abbreviations():
    text = "The New York Times reported on Sept. 4 that U.S. officials agreed. Kim left.\n\nPutin waited"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The New York Times reported on Sept. 4 that U.S. officials agreed.",
        "Kim left.",
        "Putin waited",
    ]
