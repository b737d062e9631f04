"""Dates as a reader sees them: TimeML values and ISO timestamps in words, never codes."""

from __future__ import annotations

from datetime import date

import pytest

from crosswire.analysis.readable_dates import day_range, published_range, readable_moment, readable_value
from crosswire.analysis.times_calendar import parse_value
from crosswire.analysis.times_calendar import period as period_of


@pytest.mark.parametrize(
    ("value", "mod", "words"),
    [("2023-09-05", None, "5 September 2023"), ("2023-W35", None, "week of 28 August 2023"),
     ("2023-W36-WE", None, "weekend of 9–10 September 2023"), ("2023-09", None, "September 2023"),
     ("2023-09", "START", "early September 2023"), ("2023-09", "END", "late September 2023"),
     ("2023", None, "2023"), ("202", None, "the 2020s"), ("19", None, "the 20th century"),
     ("2023-Q1", None, "the first quarter of 2023"), ("2023-H2", None, "the second half of 2023"),
     ("2023-SU", None, "summer 2023"), ("2022-WI", None, "winter 2022–23"),
     ("2024-08-09TEV", None, "evening of 9 August 2024"), ("2023-09-12T03:00", None, "12 September 2023, 03:00"),
     ("P1W", None, "1 week"), ("P2W", "APPROX", "about 2 weeks"), ("P1Y6M", None, "1 year 6 months"),
     ("PXD", None, "some days"), ("PT3H", None, "3 hours"), ("P1Y", "MORE_THAN", "more than 1 year"),
     ("PAST_REF", None, "in the past"), ("PRESENT_REF", None, "now"), ("FUTURE_REF", None, "in the future"),
     ("XXXX-WXX-1", None, "every Monday"), ("XXXX-09-05", None, "5 September"),
     (None, None, "date unknown"), ("2023-02-30", None, "2023-02-30"), ("nonsense", None, "nonsense")],
)  # fmt: skip
def test_timeml_values_in_words(value: str | None, mod: str | None, words: str) -> None:
    assert readable_value(value, mod) == words


def test_no_code_survives_for_the_values_the_analysis_writes() -> None:
    for value in ("2023-W35", "P1W", "PAST_REF", "2024-08-10TMO", "2023-W36-WE", "P4Y", "PXW"):
        words = readable_value(value)
        assert value not in words and not any(code in words for code in ("REF", "-W", "P1", "TMO"))


@pytest.mark.parametrize(
    ("iso", "words"),
    [("2023-09-12T13:45:00+09:00", "12 September 2023, 13:45 UTC+09:00"),
     ("2024-03-05T08:30:00-05:00", "5 March 2024, 08:30 UTC-05:00"), ("2024-02-10T19:00:00+00:00",
     "10 February 2024, 19:00 UTC"), ("2023-09-12T09:40:00", "12 September 2023, 09:40 local time"),
     ("2023-09-05", "5 September 2023"), (None, "undated"), ("garbage", "garbage")],
)  # fmt: skip
def test_publication_moments_keep_their_zone_in_words(iso: str | None, words: str) -> None:
    assert readable_moment(iso) == words


def test_ranges_say_each_month_and_year_once() -> None:
    assert published_range("2023-09-05T19:41:15", "2023-09-12T13:45:00+09:00") == "5–12 September 2023"
    assert published_range("2023-08-30", "2023-09-02") == "30 August – 2 September 2023"
    assert published_range("2023-12-30", "2024-01-02") == "30 December 2023 – 2 January 2024"
    assert day_range(date(2024, 5, 2), date(2024, 5, 2)) == "2 May 2024"
    assert published_range(None, None) == "undated"


@pytest.mark.parametrize("grain", ["century", "decade", "year", "half", "quarter", "season", "month", "week",
                                   "weekend", "day"])  # fmt: skip
def test_parsing_a_value_gives_back_its_period(grain: str) -> None:
    period = period_of(grain, date(2023, 9, 6))  # the period of that grain holding the day
    assert parse_value(period.value()) == period
    assert period.start <= period.last
