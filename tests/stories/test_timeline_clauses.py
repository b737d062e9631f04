"""Each date of a sentence that gives several is described by its own clause, cut from the sentence."""

from __future__ import annotations

import pytest

from crosswire.analysis.verbatim import joined
from crosswire.stories.timeline_clauses import own_clause
from tests.stories.conftest import span


def clauses(sentence: str, *dates: str) -> list[str | None]:
    offsets = [span(sentence, date) for date in dates]
    found = [own_clause(sentence, offsets, k) for k in range(len(offsets))]
    return [None if spans is None else joined(sentence, spans) for spans in found]


def test_coordinated_clauses_each_keep_their_date_and_the_shared_subject() -> None:
    sentence = "The mayor opened the bridge on Friday and closed the old ferry on Sunday."
    assert clauses(sentence, "Friday", "Sunday") == [
        "The mayor opened the bridge on Friday",
        "The mayor … closed the old ferry on Sunday",  # the words left out are marked, none is added
    ]


def test_clauses_with_their_own_subjects_split_at_the_conjunction() -> None:
    sentence = "The strike began on Monday and the unions called it off on Thursday."
    assert clauses(sentence, "Monday", "Thursday") == [
        "The strike began on Monday",
        "the unions called it off on Thursday",
    ]


def test_a_reported_date_keeps_who_reported_it() -> None:
    sentence = "On Tuesday, the airline said the new route would open in March"
    assert clauses(sentence, "Tuesday", "March") == [
        "On Tuesday, the airline said the new route would open",
        "the airline said the new route would open in March",
    ]


@pytest.mark.parametrize(
    ("sentence", "dates", "expected"),
    [
        (
            "Inspectors visited the plant on Monday and Wednesday to check the pumps",
            ("Monday", "Wednesday"),
            ["Inspectors visited the plant on Monday and Wednesday to check the pumps"] * 2,
        ),
        ("Negotiators met on March 4 and 6 in Oslo", ("March 4", "6"),
         ["Negotiators met on March 4 and 6 in Oslo"] * 2),
    ],
)  # fmt: skip
def test_a_list_of_dates_for_one_event_keeps_the_list_for_each_day(
    sentence: str, dates: tuple[str, ...], expected: list[str]
) -> None:
    assert clauses(sentence, *dates) == expected


@pytest.mark.parametrize(
    ("sentence", "dates", "expected"),
    [
        ("The court moved the hearing from May to June, and the judge retired on Friday.", ("May", "June", "Friday"),
         ["The court moved the hearing from May to June", "The court moved the hearing from May to June",
          "the judge retired on Friday"]),
        ("The vote could take place between Monday and Thursday in the capital.", ("Monday", "Thursday"),
         ["The vote could take place between Monday and Thursday in the capital"] * 2),
    ],
)  # fmt: skip
def test_a_range_is_told_whole_at_both_ends(sentence: str, dates: tuple[str, ...], expected: list[str]) -> None:
    assert clauses(sentence, *dates) == expected


def test_dates_of_one_verb_that_are_neither_a_list_nor_a_range_are_left_to_the_sentence() -> None:
    sentence = "The club signed him in May, in June."
    assert clauses(sentence, "May", "June") == [None, None]
