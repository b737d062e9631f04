"""Time expressions: the five seed articles, undated articles, and one sentence per construction."""

from __future__ import annotations

from functools import cache

import pytest

from crosswire.analysis.nlp import parse_one
from crosswire.analysis.times import find_times
from crosswire.articles.extract import extract_article
from crosswire.records import InputFormat, RawDocument, TimeExpression

from ..conftest import SEEDS

UNDATED_SEED_ANCHOR = "2023-09-06"


def times(text: str, anchor: str | None) -> list[TimeExpression]:
    return find_times(parse_one(text), anchor)


def found(expressions: list[TimeExpression], words: str) -> TimeExpression:
    """The expression whose text is `words`, or failing that the first that contains them."""
    exact = [expression for expression in expressions if expression.text == words]
    containing = [expression for expression in expressions if words in expression.text]
    assert exact or containing, f"{words!r} not found in {[e.text for e in expressions]}"
    return (exact or containing)[0]


def value(text: str, anchor: str | None, words: str) -> str | None:
    return found(times(text, anchor), words).value


@cache
def seed_text(prefix: str) -> tuple[str, str | None]:
    """A seed article's text and the publication date it states."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    article = extract_article(RawDocument(str(path), InputFormat.TEXT, path.read_text("utf-8")))
    return article.text, article.published.value


@cache
def seed_times(prefix: str) -> tuple[tuple[TimeExpression, ...], str]:
    """The expressions of a seed article resolved against its date (2023-09-06 when it states none)."""
    text, published = seed_text(prefix)
    return tuple(find_times(parse_one(text), published or UNDATED_SEED_ANCHOR)), text


def seed_values(prefix: str, words: str) -> list[str | None]:
    expressions, _ = seed_times(prefix)
    return [expression.value for expression in expressions if words in expression.text]


# --- the seed articles ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "words", "expected"),
    [
        ("001", "Tuesday", "2023-09-05"),
        ("001", "earlier this week", "2023-W36"),
        ("001", "next Monday", "2023-09-11"),
        ("001", "last month", "2023-08"),
        ("004", "Tuesday", "2023-09-05"),
        ("004", "yesterday, Monday", "2023-09-04"),
        ("004", "last July", "2023-07"),
        ("004", "last August", "2023-08"),
        ("004", "last week", "2023-W35"),
        ("004", "2022", "2022"),
        ("004", "last March", "2023-03"),
        ("000", "Sept. 4", "2023-09-04"),
        ("000", "this week", "2023-W37"),
        ("000", "Sunday", "2023-09-10"),
        ("000", "the following day", "2023-09-05"),
        ("002", "late last year", "2022"),
        ("002", "Monday", "2023-09-04"),
        ("002", "July", "2023-07"),
        ("003", "Monday", "2023-09-11"),
        ("003", "July", "2023-07"),
    ],
)
def test_seed_expressions(prefix: str, words: str, expected: str) -> None:
    values = seed_values(prefix, words)
    assert values, f"{words!r} not found in seed {prefix}"
    assert all(found == expected for found in values), values


def test_seed_tuesday_briefing_is_september_5_against_the_pages_own_date() -> None:
    text, published = seed_text("004")
    assert published is not None and published.startswith("2023-09-05")
    briefing = [e for e in find_times(parse_one(text), published) if e.text == "Tuesday"]
    assert briefing and {e.value for e in briefing} == {"2023-09-05"}


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_seed_undated_tuesday_briefing_waits_for_a_date_then_is_september_5(prefix: str) -> None:
    """JoongAng and the CNN copy state no date: "Tuesday" stays open until the story infers one
    (a day from Wednesday 6 to Monday 11 September), and then names the briefing's day."""
    text, published = seed_text(prefix)
    assert published is None
    doc = parse_one(text)
    assert {e.value for e in find_times(doc, None) if e.text == "Tuesday"} == {None}
    for day in range(6, 12):
        values = {e.value for e in find_times(doc, f"2023-09-{day:02d}") if e.text == "Tuesday"}
        assert values == {"2023-09-05"}, day


def test_seed_004_yesterday_is_the_monday_before_the_anchor() -> None:
    assert set(seed_values("004", "esterday")) == {"2023-09-04"}


def test_seed_004_today_is_the_anchor_day() -> None:
    assert seed_values("004", "today") == ["2023-09-05"]


def test_seed_000_a_year_and_a_half_ago_is_in_the_past() -> None:
    (found_value,) = seed_values("000", "a year and a half ago")
    assert found_value in ("PAST_REF", "2022-03")


def test_seed_001_weekday_after_next_monday_follows_it() -> None:
    expressions, _ = seed_times("001")
    wednesday = next(e for e in expressions if e.text == "Wednesday")
    assert wednesday.value == "2023-09-13"


def test_seed_002_recent_months_is_past_reference() -> None:
    assert seed_values("002", "recent months") == ["PAST_REF"]


def test_seed_offsets_point_at_the_text() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        expressions, text = seed_times(prefix)
        assert expressions
        for expression in expressions:
            assert text[expression.start : expression.end] == expression.text
            assert expression.type in ("DATE", "TIME", "DURATION", "SET")


# --- undated articles -----------------------------------------------------------------------------

UNDATED = (
    "Sullivan said on Tuesday that talks held last month would resume next Monday. "
    "The deal was first floated on Sept. 4, 2023, and Kim visited Russia in 2019."
)


def test_undated_article_leaves_relative_expressions_unresolved() -> None:
    expressions = times(UNDATED, None)
    assert found(expressions, "Tuesday").value is None
    assert found(expressions, "last month").value is None
    assert found(expressions, "next Monday").value is None
    assert found(expressions, "Sept. 4, 2023").value == "2023-09-04"
    assert found(expressions, "2019").value == "2019"


def test_undated_article_resolves_when_rerun_with_a_date() -> None:
    doc = parse_one(UNDATED)
    assert found(find_times(doc, None), "Tuesday").value is None
    dated = find_times(doc, "2023-09-06")
    assert found(dated, "Tuesday").value == "2023-09-05"
    assert found(dated, "last month").value == "2023-08"
    assert found(dated, "next Monday").value == "2023-09-11"


def test_undated_article_keeps_durations_and_general_references() -> None:
    expressions = times("He has lived there for two years and visits every week; talks may resume soon.", None)
    assert found(expressions, "two years").value == "P2Y"
    assert found(expressions, "every week").value == "P1W"
    assert found(expressions, "soon").value == "FUTURE_REF"


def test_undated_article_leaves_deictic_days_and_their_neighbours_unresolved() -> None:
    text = "The ministry spoke yesterday morning. The day before, troops had moved."
    undated = times(text, None)
    assert [(e.type, e.value) for e in undated] == [("TIME", None), ("DATE", None)]
    dated = times(text, WEDNESDAY)
    assert [e.value for e in dated] == ["2023-09-05TMO", "2023-09-04"]


def test_undated_article_counts_the_following_day_from_a_stated_date() -> None:
    assert value("Kim arrived on Sept. 4, 2023. The following day he met Putin.", None, "following day") == "2023-09-05"


# --- one sentence per construction -----------------------------------------------------------------

WEDNESDAY = "2023-09-06"


@pytest.mark.parametrize(
    ("text", "anchor", "words", "expected"),
    [
        # weekdays by tense and context
        ("Officials met on Tuesday to discuss the plan.", WEDNESDAY, "Tuesday", "2023-09-05"),
        ("Officials will meet on Tuesday to discuss the plan.", WEDNESDAY, "Tuesday", "2023-09-12"),
        ("The minister warned Tuesday that sanctions would follow.", "2023-09-05T19:41:15", "Tuesday", "2023-09-05"),
        ("The council is expected to vote on Friday.", WEDNESDAY, "Friday", "2023-09-08"),
        ("Talks could resume next Monday.", WEDNESDAY, "next Monday", "2023-09-11"),
        ("The report came out last Friday.", WEDNESDAY, "last Friday", "2023-09-01"),
        ("He criticised Monday's decision.", WEDNESDAY, "Monday", "2023-09-04"),
        ("The interview was broadcast Sunday (local time).", "2023-09-12T13:45+09:00", "Sunday", "2023-09-10"),
        # deictic days
        ("The ministry announced the plan yesterday.", WEDNESDAY, "yesterday", "2023-09-05"),
        ("The Kremlin declined today to confirm the summit.", WEDNESDAY, "today", "2023-09-06"),
        ("The vote is scheduled for tomorrow.", WEDNESDAY, "tomorrow", "2023-09-07"),
        ("The White House announced yesterday, Monday, a new plan.", "2023-09-05", "yesterday, Monday", "2023-09-04"),
        ("Ships were seen late last night near the port.", WEDNESDAY, "last night", "2023-09-05TNI"),
        ("Rebels shelled the town overnight.", WEDNESDAY, "overnight", "2023-09-05TNI"),
        ("Crews will work overnight to restore power.", WEDNESDAY, "overnight", "2023-09-06TNI"),
        # weeks, months, years relative to the article
        ("Prices rose last month.", WEDNESDAY, "last month", "2023-08"),
        ("The newspaper reported earlier this week that he would travel.", WEDNESDAY, "earlier this week", "2023-W36"),
        ("Leaders will meet this week.", "2023-09-12", "this week", "2023-W37"),
        ("Washington announced last week that it had evidence.", "2023-09-05", "last week", "2023-W35"),
        ("Elections are due next year.", WEDNESDAY, "next year", "2024"),
        ("Rockets were delivered late last year.", WEDNESDAY, "late last year", "2022"),
        ("The results are expected later this month.", WEDNESDAY, "later this month", "2023-09"),
        # month names: the year from tense and context
        ("Shoigu visited Pyongyang in July.", WEDNESDAY, "July", "2023-07"),
        ("The leaders will meet again in July.", WEDNESDAY, "July", "2024-07"),
        ("Shipments resumed in November.", WEDNESDAY, "November", "2022-11"),
        ("Shoigu visited last July.", "2023-09-05", "last July", "2023-07"),
        ("Shoigu visited last July.", "2023-07-20", "last July", "2022-07"),
        ("Shoigu visited last July.", "2023-03-01", "last July", "2022-07"),
        ("The talks will continue next March.", WEDNESDAY, "next March", "2024-03"),
        ("The deal was signed on Sept. 4.", "2023-09-12", "Sept. 4", "2023-09-04"),
        ("The dividend is payable Jan. 14.", "2023-12-20", "Jan. 14", "2024-01-14"),
        ("It collapsed in June last year.", WEDNESDAY, "June last year", "2022-06"),
        ("The summit will be held on April 24 and 25.", WEDNESDAY, "25", "2024-04-25"),
        ("Hearings took place on May 2, 4 and 9.", WEDNESDAY, "4", "2023-05-04"),
        ("Hearings took place on May 2, 4 and 9.", WEDNESDAY, "9", "2023-05-09"),
        ("Hearings took place on May 2, 4, 6, and 9.", WEDNESDAY, "6", "2023-05-06"),
        ("Talks on Sept. 4 and 5, 2022 failed.", None, "Sept. 4", "2022-09-04"),
        ("Talks on Sept. 4 and 5, 2022 failed.", None, "5, 2022", "2022-09-05"),
        # spans counted back or from an earlier mention
        (
            "Russia predicted a year and a half ago that Ukraine would fall.",
            "2023-09-12",
            "a year and a half ago",
            "2022-03",
        ),
        ("The plant closed two years ago.", WEDNESDAY, "two years ago", "2021"),
        ("The plant closed three days ago.", WEDNESDAY, "three days ago", "2023-09-03"),
        (
            "The Times reported on Sept. 4 that talks were planned. The following day, Sullivan spoke.",
            "2023-09-12",
            "following day",
            "2023-09-05",
        ),
        ("The following day, Sullivan spoke again.", WEDNESDAY, "following day", "2023-09-07"),
        ("Kim left on Monday. Two days later he arrived in Vladivostok.", WEDNESDAY, "Two days later", "2023-09-06"),
        # general references
        ("Missile tests in recent months have raised alarm.", WEDNESDAY, "recent months", "PAST_REF"),
        ("The company recently opened an office.", WEDNESDAY, "recently", "PAST_REF"),
        ("The two sides are now negotiating.", WEDNESDAY, "now", "PRESENT_REF"),
        ("Russia currently lacks ammunition.", WEDNESDAY, "currently", "PRESENT_REF"),
        ("Kim will soon visit Russia.", WEDNESDAY, "soon", "FUTURE_REF"),
        ("Such deals may be signed in the future.", WEDNESDAY, "future", "FUTURE_REF"),
        # printed dates: day-first or month-first decided from the page
        ("The deal was signed on Sept. 4, 2023.", None, "Sept. 4, 2023", "2023-09-04"),
        ("The statement is dated 2023-09-05.", None, "2023-09-05", "2023-09-05"),
        ("Posted 5/9/2023. Updated 13/9/2023.", None, "5/9/2023", "2023-09-05"),
        ("Posted 9/5/2023 at noon.", None, "9/5/2023", "2023-09-05"),
        ("Published 2023-09-05 10:31. The statement of 5/9/2023 said talks failed.", None, "5/9", "2023-09-05"),
        ("They met on 4 September 2023 in Vladivostok.", None, "4 September 2023", "2023-09-04"),
        # seasons, quarters, halves, decades, centuries
        ("Kim travelled there last summer.", WEDNESDAY, "last summer", "2023-SU"),
        ("The winter of 2022-23 was cold.", WEDNESDAY, "winter of 2022-23", "2022-WI"),
        ("Fighting may intensify as we head into winter.", WEDNESDAY, "winter", "2023-WI"),
        ("The trial began in the spring of 2022.", WEDNESDAY, "spring of 2022", "2022-SP"),
        ("Profit fell in the fourth quarter.", "2023-02-10", "fourth quarter", "2022-Q4"),
        ("Profit should recover in the fourth quarter.", WEDNESDAY, "fourth quarter", "2023-Q4"),
        ("Sales in the third quarter of 2022 rose.", WEDNESDAY, "third quarter of 2022", "2022-Q3"),
        ("Third-quarter profit rose 5% from a year earlier.", "2023-10-25", "a year earlier", "2022-Q3"),
        ("Output grew in the first half of 2021.", WEDNESDAY, "first half of 2021", "2021-H1"),
        ("Prices soared in the 1990s.", WEDNESDAY, "1990s", "199"),
        ("Prices soared in the late '80s.", WEDNESDAY, "'80s", "198"),
        ("Tensions rose in the 20th century.", WEDNESDAY, "20th century", "19"),
        ("Kim visited Russia in 2019.", WEDNESDAY, "2019", "2019"),
        ("The 2022 elections were close.", WEDNESDAY, "2022", "2022"),
        ("Since 2001 prices have doubled.", WEDNESDAY, "2001", "2001"),
        ("He was born in nineteen ninety-six.", WEDNESDAY, "nineteen ninety-six", "1996"),
        ("The offer stands until Christmas.", WEDNESDAY, "Christmas", "2023-12-25"),
        # clock times
        ("The blast happened at 3 p.m. Tuesday.", WEDNESDAY, "3 p.m. Tuesday", "2023-09-05T15:00"),
        ("The deadline is noon tomorrow.", WEDNESDAY, "noon tomorrow", "2023-09-07T12:00"),
        ("Kim arrived on Sept. 4, 2023, and left at 10:30 a.m.", None, "10:30 a.m.", "2023-09-04T10:30"),
    ],
)
def test_constructions(text: str, anchor: str | None, words: str, expected: str) -> None:
    assert value(text, anchor, words) == expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("The war has lasted two years.", "two years", "P2Y"),
        ("Talks took six months.", "six months", "P6M"),
        ("He was held for three days.", "three days", "P3D"),
        ("They waited for hours.", "hours", "PTXH"),
        ("The strike lasted 24 hours.", "24 hours", "PT24H"),
        ("Sanctions stayed for two and a half years.", "two and a half years", "P2Y6M"),
        ("The index hit a five-year low.", "five-year", "P5Y"),
        ("The war has lasted more than a decade.", "a decade", "P10Y"),
        ("It took several weeks.", "several weeks", "PXW"),
        ("It happened over the past two years.", "the past two years", "P2Y"),
        ("He spent half an hour there.", "half an hour", "PT30M"),
        ("They emerged from a day-long meeting.", "day-long", "P1D"),
        ("Rates will fall in the coming weeks.", "coming weeks", "PXW"),
        ("Tensions may rise in the months ahead.", "months ahead", "PXM"),
    ],
)
def test_durations(text: str, words: str, expected: str) -> None:
    expression = found(times(text, WEDNESDAY), words)
    assert (expression.type, expression.value) == ("DURATION", expected)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Inspectors visit every week.", "every week", "P1W"),
        ("The magazine is published weekly.", "weekly", "P1W"),
        ("Officials brief reporters daily.", "daily", "P1D"),
        ("The council meets each Monday.", "each Monday", "XXXX-WXX-1"),
        ("The shop closes on Mondays.", "Mondays", "XXXX-WXX-1"),
        ("Elections are held every two years.", "every two years", "P2Y"),
        ("He earns $50,000 a year.", "a year", "P1Y"),
        ("The board meets twice a month.", "twice a month", "P1M"),
        ("The festival returns each July.", "each July", "XXXX-07"),
        ("Average hourly earnings rose.", "hourly", "PT1H"),
    ],
)
def test_sets(text: str, words: str, expected: str) -> None:
    expression = found(times(text, WEDNESDAY), words)
    assert (expression.type, expression.value) == ("SET", expected)


@pytest.mark.parametrize(
    "text",
    [
        "They may leave if the talks fail.",
        "Troops will march on the capital.",
        "The army sent 2,000 troops and 1,500 tanks.",
        "The brigade numbers 1200 soldiers.",
        "Jan Kavan signed for the Czech Republic.",
        "The film was shown on 60 Minutes.",
        "He is a 45-year-old engineer.",
        "The firm raised its quarterly dividend.",
        "Monthly sales figures disappointed.",
        "The film was an overnight success.",
        "The striker scored 1999 points in his career.",
    ],
)
def test_look_alikes_are_not_time_expressions(text: str) -> None:
    assert times(text, WEDNESDAY) == []


def test_a_number_after_a_date_and_before_a_noun_is_a_count() -> None:
    assert [e.text for e in times("Shares fell on March 3 and 12 people lost their jobs.", WEDNESDAY)] == ["March 3"]


@pytest.mark.parametrize(
    ("text", "words", "extent"),
    [
        ("The talks lasted about three days.", "three days", "three days"),
        ("Right now the talks are stalled.", "now", "now"),
        ("The company said its fourth quarter was weak.", "fourth quarter", "fourth quarter"),
        ("Prices rose in early March.", "March", "early March"),
        ("The 14-day strike ended.", "14-day", "14-day"),
        ("The strike will last a week.", "week", "a week"),
    ],
)
def test_extents_follow_timebank(text: str, words: str, extent: str) -> None:
    expression = found(times(text, WEDNESDAY), words)
    assert expression.text == extent
    assert text[expression.start : expression.end] == extent


def test_anchor_day_is_the_day_where_the_article_was_published() -> None:
    assert value("The summit opened today.", "2023-09-12T01:00+09:00", "today") == "2023-09-12"


def test_a_weekday_part_is_a_date_and_last_night_a_time() -> None:
    expressions = times("Protesters rallied Friday night, and police left last night.", WEDNESDAY)
    assert [(e.text, e.type, e.value) for e in expressions] == [
        ("Friday night", "DATE", "2023-09-01TNI"),
        ("last night", "TIME", "2023-09-05TNI"),
    ]


def test_times_are_typed() -> None:
    expressions = times("He left at 3 p.m. Tuesday after two days of talks held every week.", WEDNESDAY)
    assert [e.type for e in expressions] == ["TIME", "DURATION", "SET"]


def test_numbers_after_a_list_of_days_are_not_days() -> None:
    found = times("Deliveries fell on May 2, 4 and 9 percent of the orders were lost.", "2023-09-06")
    assert [t.text for t in found] == ["May 2"]
