"""The pieces under `find_times`: periods and their TimeML values, numbers, tense, year choice."""

from __future__ import annotations

from datetime import date

import pytest

from crosswire.analysis.nlp import parse_one
from crosswire.analysis.times_calendar import Period, duration_value, parse_anchor, period, shift
from crosswire.analysis.times_context import Tense, choose, clause_tense, weekday_after, weekday_before, weekday_near
from crosswire.analysis.times_lexicon import day_number, number_value, spelled_year, unit_name

SEPT_6 = date(2023, 9, 6)  # a Wednesday


@pytest.mark.parametrize(
    ("grain", "value"),
    [
        ("century", "20"),
        ("decade", "202"),
        ("year", "2023"),
        ("half", "2023-H2"),
        ("quarter", "2023-Q3"),
        ("season", "2023-FA"),  # meteorological seasons: autumn starts in September
        ("month", "2023-09"),
        ("week", "2023-W36"),
        ("weekend", "2023-W36-WE"),
        ("day", "2023-09-06"),
    ],
)
def test_period_values(grain: str, value: str) -> None:
    assert period(grain, SEPT_6).value() == value


def test_parts_of_day_and_clock_times() -> None:
    assert Period("part", SEPT_6, part="NI").value() == "2023-09-06TNI"
    assert Period("time", SEPT_6, clock=(14, 5)).value() == "2023-09-06T14:05"


def test_winter_months_belong_to_the_winter_that_began_in_december() -> None:
    assert period("season", date(2024, 1, 15)).value() == "2023-WI"
    assert period("season", date(2023, 12, 2)).value() == "2023-WI"


def test_shift_keeps_the_grain() -> None:
    assert shift(period("quarter", SEPT_6), -1, "year").value() == "2022-Q3"
    assert shift(period("week", SEPT_6), -1, "week").value() == "2023-W35"
    assert shift(period("month", SEPT_6), 4, "month").value() == "2024-01"


def test_iso_weeks_cross_years() -> None:
    assert period("week", date(2021, 1, 2)).value() == "2020-W53"


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [
        (2, "year", "P2Y"),
        (1.5, "year", "P1Y6M"),
        (3, "day", "P3D"),
        (2, "hour", "PT2H"),
        (0.5, "hour", "PT30M"),
        (0.5, "day", "PT12H"),
        (None, "month", "PXM"),
        (2, "decade", "P20Y"),
        (1, "weekend", "P2D"),
        (2, "quarter", "P2Q"),
    ],
)
def test_duration_values(amount: float | None, unit: str, value: str) -> None:
    assert duration_value(amount, unit) == value


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("2023-09-12T13:45+09:00", (date(2023, 9, 12), (13, 45))),
        ("2023-09-05T19:41:15", (date(2023, 9, 5), (19, 41))),
        ("2023-09-06", (date(2023, 9, 6), None)),
        ("2023-09", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_anchor_keeps_the_local_day(anchor: str | None, expected: tuple | None) -> None:
    assert parse_anchor(anchor) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("24", 24), ("twenty-four", 24), ("a", 1), ("two and a half", 2.5), ("a couple of", 2), ("several", None)],
)
def test_number_values(text: str, value: float | None) -> None:
    assert number_value(text) == value


def test_words_for_years_days_and_units() -> None:
    assert spelled_year("nineteen ninety-six") == 1996
    assert spelled_year("two thousand and one") == 2001
    assert day_number("twenty-first") == 21
    assert day_number("4th") == 4
    assert unit_name("Centuries") == "century"
    assert unit_name("hrs") == "hour"


def test_weekday_steps() -> None:
    assert weekday_before(SEPT_6, 2) == date(2023, 8, 30)
    assert weekday_after(SEPT_6, 2) == date(2023, 9, 13)
    assert weekday_near(SEPT_6, 1, Tense.PAST) == date(2023, 9, 5)
    assert weekday_near(SEPT_6, 1, Tense.FUTURE) == date(2023, 9, 12)
    assert weekday_near(SEPT_6, 4, Tense.NONE) == date(2023, 9, 8)


def test_choose_follows_tense_unless_the_other_side_is_far_nearer() -> None:
    last_september, next_september = date(2022, 9, 1), date(2023, 9, 1)
    august = date(2023, 8, 1)
    assert choose([last_september, next_september], august, Tense.PAST) == next_september
    assert choose([date(2023, 5, 1), date(2024, 5, 1)], august, Tense.FUTURE) == date(2024, 5, 1)
    assert choose([date(2023, 7, 1), date(2024, 7, 1)], august, Tense.PAST) == date(2023, 7, 1)


@pytest.mark.parametrize(
    ("sentence", "words", "tense"),
    [
        ("Officials met on Tuesday.", "Tuesday", Tense.PAST),
        ("Officials have met on Tuesday.", "Tuesday", Tense.PAST),
        ("Officials will meet on Tuesday.", "Tuesday", Tense.FUTURE),
        ("Kim is expected to travel on Friday.", "Friday", Tense.FUTURE),
        ("The meeting is likely to follow the parade on Saturday.", "Saturday", Tense.FUTURE),
        ("He warned against providing weapons Tuesday.", "Tuesday", Tense.PAST),
        ("He could not be reached Tuesday.", "Tuesday", Tense.PAST),
        ("The council is scheduled to vote on Friday.", "Friday", Tense.FUTURE),
        ("Prices have risen since Monday.", "Monday", Tense.PAST),
        (
            "The first three former Soviet states to join the bloc on Friday were also Estonia, Latvia and Lithuania.",
            "Friday",
            Tense.PAST,
        ),
        ("Neither he nor his lawyer could be reached Wednesday.", "Wednesday", Tense.PAST),
        ("The offer had been due to expire Friday.", "Friday", Tense.PAST),
        ("Officials postponed the hearing until Tuesday.", "Tuesday", Tense.FUTURE),
        ("The court extended the deadline to Thursday.", "Thursday", Tense.FUTURE),
        ("The agency has given the family until Tuesday to sign.", "Tuesday", Tense.FUTURE),
        ("He handed the file to Tuesday's panel.", "Tuesday", Tense.PAST),
        ("He said the sector is going to start getting hit in the spring.", "spring", Tense.FUTURE),
        ("The vote, set for Thursday, was delayed.", "Thursday", Tense.FUTURE),
        ("Prices fell from the record set on Monday.", "Monday", Tense.PAST),
        ("The bank announced an agreement to acquire the firm in January.", "January", Tense.FUTURE),
        ("The firm unveiled plans to open a plant in March.", "March", Tense.FUTURE),
    ],
)
def test_clause_tense(sentence: str, words: str, tense: Tense) -> None:
    doc = parse_one(sentence)
    start = sentence.index(words)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    assert clause_tense(span) is tense
