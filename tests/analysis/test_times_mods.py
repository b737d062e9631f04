"""TimeML mods: the part of a period ("early May") and hedged amounts ("about two weeks")."""

from __future__ import annotations

import pytest

from crosswire.analysis.nlp import parse_one
from crosswire.analysis.times import find_times

ANCHOR = "2024-03-14"


def mod_of(text: str, words: str) -> tuple[str | None, str | None]:
    """The (value, mod) of the expression containing `words`."""
    found = [t for t in find_times(parse_one(text), ANCHOR) if words in t.text]
    assert found, f"{words!r} not found"
    return found[0].value, found[0].mod


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("The dam was finished in early May.", "May", ("2023-05", "START")),
        ("Farmers expect rain by late 2024.", "2024", ("2024", "END")),
        ("The ferry resumed service in mid-January.", "January", ("2024-01", "MID")),
        ("The lease runs out at the end of next month.", "month", ("2024-04", "END")),
        ("Earlier this week, the council met.", "this week", ("2024-W11", "START")),
        ("The band recorded the album in the late 1970s.", "1970s", ("197", "END")),
    ],
)  # fmt: skip
def test_the_part_of_a_period(text: str, words: str, expected: tuple[str, str]) -> None:
    assert mod_of(text, words) == expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("The repairs took about two weeks.", "two weeks", ("P2W", "APPROX")),
        ("The hearing lasted more than a year.", "a year", ("P1Y", "MORE_THAN")),
        ("Voters queued for less than three hours.", "three hours", ("PT3H", "LESS_THAN")),
        ("The tower will be closed for at least six months.", "six months", ("P6M", "EQUAL_OR_MORE")),
        ("The loan must be repaid within 18 months.", "18 months", ("P18M", "EQUAL_OR_LESS")),
        ("The road was blocked for nearly five days.", "five days", ("P5D", "LESS_THAN")),
        ("The mill closed more than a decade ago.", "decade ago", ("2014", "BEFORE")),
        ("The ship docked around 6 p.m. on Friday.", "6 p.m.", ("2024-03-08T18:00", "APPROX")),
    ],
)  # fmt: skip
def test_hedged_amounts(text: str, words: str, expected: tuple[str, str]) -> None:
    assert mod_of(text, words) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The talks went on over the weekend.", "weekend"),
        ("The plant closed in May.", "May"),
        ("Prices have risen 5% since 2020.", "2020"),
        ("The new tax will be phased in over three years.", "three years"),
        ("The minister will speak later today.", "today"),
    ],
)  # fmt: skip
def test_plain_expressions_have_no_mod(text: str, words: str) -> None:
    assert mod_of(text, words)[1] is None
