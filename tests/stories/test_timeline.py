from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from crosswire.analysis.nlp import parse_one
from crosswire.analysis.times import find_times
from crosswire.analysis.verbatim import joined
from crosswire.records import (
    Analysis,
    EntityMention,
    Event,
    Excerpt,
    InferredDate,
    TimeExpression,
    TimelineEntry,
)
from crosswire.stories.timeline import (
    SAME_DESCRIPTION,
    SHARED_ENTITIES,
    DatedMention,
    _chance_levels,
    build_timeline,
    describe,
    infer_dates,
    period,
    window,
)
from tests.stories.conftest import SeedStory, article, span


def time(text: str, part: str, value: str | None, kind: str = "DATE") -> TimeExpression:
    start, end = span(text, part)
    return TimeExpression(part, start, end, kind, value)


def event(text: str, trigger: str, actor: str, action: str, target: str | None, when: str | None) -> Event:
    start, end = span(text, trigger)
    return Event(actor, action, target, trigger, start, end, date=when)


@pytest.fixture(scope="module")
def seed_timeline(seed_story: SeedStory) -> tuple[list[TimelineEntry], list[InferredDate]]:
    return build_timeline(seed_story.articles, seed_story.analyses)


def test_seed_tuesday_briefing_is_one_entry_across_outlets(seed_story: SeedStory, seed_timeline):
    entries, _ = seed_timeline
    ids = seed_story.ids
    briefing = max((e for e in entries if e.date == "2023-09-05"), key=lambda e: len(e.articles))
    assert briefing.precision == "day"
    assert {ids["001"], ids["002"], ids["004"]} <= set(briefing.articles)
    assert len(briefing.text.split()) <= 25
    assert briefing.confidence > 0.7


def test_seed_shoigu_visit_in_july_is_supported_by_several_articles(seed_story: SeedStory, seed_timeline):
    entries, _ = seed_timeline
    july = [e for e in entries if e.date == "2023-07" and "Shoigu" in e.text]
    assert july and july[0].precision == "month"
    assert len(july[0].articles) >= 2
    assert seed_story.ids["001"] not in july[0].articles  # it says "last month": August


def test_seed_undated_articles_get_inferred_dates(seed_story: SeedStory, seed_timeline):
    _, inferred = seed_timeline
    by_article = {item.article_id: item for item in inferred}
    assert set(by_article) == {seed_story.ids["001"], seed_story.ids["002"]}
    for item in by_article.values():
        assert date(2023, 9, 5) <= date.fromisoformat(item.date) <= date(2023, 9, 11)
        assert "Tuesday" in item.evidence
        assert 0 < item.confidence <= 0.95
        assert ("Tuesday", "2023-09-05") in {(t.text, t.value) for t in item.times}
        assert all(t.value is not None for t in item.times)


def test_seed_inferred_article_relative_times_are_resolved(seed_story: SeedStory, seed_timeline):
    entries, _ = seed_timeline
    last_month = [e for e in entries if seed_story.ids["001"] in e.articles and e.date == "2023-08"]
    assert last_month and "Shoigu" in last_month[0].text


def test_seed_entries_are_in_date_order(seed_timeline):
    entries, _ = seed_timeline
    starts = [period(e.date).first for e in entries]
    assert starts == sorted(starts)


def test_same_event_from_two_articles_merges_and_other_facts_stay_apart():
    one = "Russian Defense Minister Sergei Shoigu visited Pyongyang in July, officials said."
    two = "In July, Sergei Shoigu travelled to Pyongyang for talks with Kim Jong Un."
    three = "The ministry imposed sanctions in July on three trading firms."
    articles = [
        article("a", one, "A", "2023-09-05"),
        article("b", two, "B", "2023-09-06"),
        article("c", three, "C", "2023-09-06"),
    ]
    analyses = {
        "a": Analysis(
            "2023-09-05",
            times=(time(one, "July", "2023-07"),),
            events=(event(one, "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang", "2023-07"),),
        ),
        "b": Analysis(
            "2023-09-06",
            times=(time(two, "July", "2023-07"),),
            events=(event(two, "travelled", "Sergei Shoigu", "meet_or_visit", "Pyongyang", "2023-07"),),
        ),
        "c": Analysis(
            "2023-09-06",
            times=(time(three, "July", "2023-07"),),
            events=(event(three, "imposed", "Ministry", "impose_sanctions", "three trading firms", "2023-07"),),
        ),
    }
    entries, inferred = build_timeline(articles, analyses)
    assert inferred == []
    assert sorted(e.articles for e in entries) == [("a", "b"), ("c",)]
    assert all(e.date == "2023-07" and e.precision == "month" for e in entries)
    merged = next(e for e in entries if len(e.articles) == 2)
    assert merged.confidence > next(e for e in entries if len(e.articles) == 1).confidence


def test_durations_sets_and_references_make_no_entries():
    text = "For three days, daily talks went on, as they have in recent weeks."
    analysis = Analysis(
        "2023-09-05",
        times=(
            time(text, "three days", "P3D", "DURATION"),
            time(text, "daily", "P1D", "SET"),
            time(text, "recent weeks", "PAST_REF"),
        ),
    )
    assert build_timeline([article("a", text, "A", "2023-09-05")], {"a": analysis}) == ([], [])


def test_undated_article_is_dated_by_a_matching_sentence_and_resolved():
    dated = "Defense Minister Sergei Shoigu visited Pyongyang on Tuesday to meet Kim Jong Un, officials said."
    undated = "Russian Defense Minister Sergei Shoigu visited Pyongyang on Tuesday for talks with Kim Jong Un."
    articles = [article("a", dated, "A", "2023-09-05T10:00:00"), article("b", undated, "B")]
    analyses = {
        "a": Analysis("2023-09-05T10:00:00", times=(time(dated, "Tuesday", "2023-09-05"),)),
        "b": Analysis(None, times=tuple(find_times(parse_one(undated), None))),
    }
    assert [t.value for t in analyses["b"].times] == [None]
    entries, inferred = build_timeline(articles, analyses)
    assert [(i.article_id, i.date) for i in inferred] == [("b", "2023-09-05")]
    assert "Tuesday" in inferred[0].evidence and "A" in inferred[0].evidence
    assert [(t.text, t.value) for t in inferred[0].times] == [("Tuesday", "2023-09-05")]
    assert [(e.date, e.articles) for e in entries] == [("2023-09-05", ("a", "b"))]
    assert entries[0].confidence < 0.75  # the second article's date is only inferred


def test_near_identical_copy_takes_its_siblings_date():
    text = (
        "The White House warned North Korea against supplying weapons to Russia for its war in Ukraine, "
        "saying the country would pay a price in the international community if it went ahead with a deal."
    )
    articles = [article("a", text, "Wire", "2023-09-12T09:40:00"), article("b", text, "Aggregator")]
    analyses = {"a": Analysis("2023-09-12T09:40:00"), "b": Analysis(None)}
    inferred = infer_dates(articles, analyses)
    assert [(i.article_id, i.date) for i in inferred] == [("b", "2023-09-12")]
    assert "near-identical" in inferred[0].evidence


def test_no_evidence_no_inferred_date():
    articles = [article("a", "Talks went on.", "A", "2023-09-05"), article("b", "Weather was fine.", "B")]
    assert infer_dates(articles, {"a": Analysis("2023-09-05"), "b": Analysis(None)}) == []


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2023-09-05", "day", "2023-09-05", "2023-09-05"),
        ("2023-09-05T10:31", "day", "2023-09-05", "2023-09-05"),
        ("2023-W36", "week", "2023-09-04", "2023-09-10"),
        ("2023-07", "month", "2023-07-01", "2023-07-31"),
        ("2023-Q4", "quarter", "2023-10-01", "2023-12-31"),
        ("2023-WI", "quarter", "2023-12-01", "2024-02-29"),
        ("2022", "year", "2022-01-01", "2022-12-31"),
    ],
)
def test_period_of_timeml_values(value: str, precision: str, first: str, last: str):
    found = period(value)
    assert found is not None
    assert (found.precision, found.first.isoformat(), found.last.isoformat()) == (precision, first, last)


@pytest.mark.parametrize("value", [None, "PAST_REF", "P3D", "XXXX-WXX-1", "2023-02-30"])
def test_period_rejects_vague_values(value: str | None):
    assert period(value) is None


def test_window_keeps_about_twenty_words_around_the_expression():
    words = [f"w{k}" for k in range(40)]
    text = " ".join([*words[:30], "in July", *words[30:]])
    start, end = span(text, "in July")
    cut = window(text, start, end)
    assert "in July" in cut and cut.startswith("… ") and cut.endswith(" …")
    assert len(cut.split()) == 22  # twenty words and two ellipses


LONG_SENTENCE = (
    "On Monday, the National Security Council claimed that arms negotiations between Russia and North Korea "
    "were advancing quickly, after Russian defense minister Sergei Shoigu visited Pyongyang in July in an "
    "attempt to convince it to sell artillery ammunition, according to officials who spoke on condition of anonymity."
)


def test_a_short_sentence_is_its_own_description():
    text = "Kim left Pyongyang on Monday. He travelled by train."
    start, end = span(text, "Monday")
    assert joined(text, describe(text, (0, 29), (start, end))) == "Kim left Pyongyang on Monday."


def test_a_long_sentence_gives_the_clauses_around_the_date_uncut():
    start, end = span(LONG_SENTENCE, "July")
    assert joined(LONG_SENTENCE, describe(LONG_SENTENCE, (0, len(LONG_SENTENCE)), (start, end))) == (
        "Russian defense minister Sergei Shoigu visited Pyongyang in July in an attempt to convince it to sell "
        "artillery ammunition, according to officials who spoke on condition of anonymity."
    )


def test_the_dated_events_clause_is_preferred_without_its_subordinator():
    start, end = span(LONG_SENTENCE, "July")
    event_start = LONG_SENTENCE.index("after Russian")
    event_end = LONG_SENTENCE.index(", according")
    spans = describe(LONG_SENTENCE, (0, len(LONG_SENTENCE)), (start, end), [(event_start, event_end)])
    description = joined(LONG_SENTENCE, spans)
    assert description == (
        "Russian defense minister Sergei Shoigu visited Pyongyang in July in an attempt to convince it to sell "
        "artillery ammunition"
    )


def test_a_prepositional_phrase_alone_takes_the_next_clause():
    text = (
        "In an interview with the network broadcast Sunday, Harris stressed that it would be a grave mistake for "
        "North Korea to supply ammunition to Russia following the unprovoked invasion of Ukraine by its neighbour "
        "last year."
    )
    start, end = span(text, "Sunday")
    description = joined(text, describe(text, (0, len(text)), (start, end)))
    assert description.startswith("In an interview with the network broadcast Sunday, Harris stressed")


def test_a_date_only_inside_quoted_words_makes_no_entry():
    text = (
        "“They attack the heating of cities as we head into winter,” Sullivan said. "
        "Shoigu visited Pyongyang on Tuesday."
    )
    analysis = Analysis("2023-09-06", times=(time(text, "winter", "2023-WI"), time(text, "Tuesday", "2023-09-05")))
    entries, _ = build_timeline([article("a", text, "A", "2023-09-06")], {"a": analysis})
    assert [(e.date, e.text) for e in entries] == [("2023-09-05", "Shoigu visited Pyongyang on Tuesday.")]


def test_an_event_worded_differently_by_two_outlets_is_one_entry_with_both():
    one = "Defense Minister Sergei Shoigu arrived in Pyongyang on Tuesday, state media said."
    two = "On Tuesday, Russia's Sergei Shoigu landed in the North Korean capital Pyongyang for talks."
    articles = [article("a", one, "A", "2023-09-06"), article("b", two, "B", "2023-09-06")]
    analyses = {
        "a": Analysis(
            "2023-09-06",
            times=(time(one, "Tuesday", "2023-09-05"),),
            events=(event(one, "arrived", "Sergei Shoigu", "meet_or_visit", "Pyongyang", "2023-09-05"),),
        ),
        "b": Analysis(
            "2023-09-06",
            times=(time(two, "Tuesday", "2023-09-05"),),
            events=(event(two, "landed", "Sergei Shoigu", "meet_or_visit", "Pyongyang", "2023-09-05"),),
        ),
    }
    entries, _ = build_timeline(articles, analyses)
    assert [(e.date, e.articles) for e in entries] == [("2023-09-05", ("a", "b"))]
    assert "…" not in entries[0].text and entries[0].text[0].isupper()


def test_short_clauses_before_the_date_keep_the_subject():
    text = (
        "The United States, Britain, South Korea and Japan announced in a joint statement last week at the United "
        "Nations that any agreement to increase military cooperation between Russia and North Korea would violate "
        "Security Council resolutions banning arms deals with Pyongyang, which Moscow itself supported at the time."
    )
    start, end = span(text, "last week")
    description = joined(text, describe(text, (0, len(text)), (start, end)))
    assert description.startswith("The United States, Britain, South Korea and Japan announced")
    assert not description.endswith(",")


def test_seed_entries_read_as_clauses_and_leave_out_rhetoric(seed_timeline):
    entries, _ = seed_timeline
    assert all(not e.text.startswith("…") and e.text[0].isupper() for e in entries)
    assert not [e for e in entries if "head into winter" in e.text]  # Sullivan's "as we head into winter"
    (visit,) = [e for e in entries if e.date == "2023-07" and "Shoigu" in e.text]
    assert "visit" in visit.text.lower() and len(visit.articles) >= 3


def named(text: str, *names: str) -> tuple[EntityMention, ...]:
    return tuple(EntityMention(name, "PERSON", *span(text, name), name) for name in names)


def test_one_fact_told_in_other_words_naming_the_same_people_is_one_entry():
    one = (
        "According to the Daily Planet, Kim Jong Un is expected to travel to Vladivostok by armored train later "
        "this month to meet Vladimir Putin."
    )
    two = (
        "The Daily Planet first reported that Kim Jong Un and Vladimir Putin would meet in Russia, saying the "
        "summit would take place this month."
    )
    other = "Vladimir Putin sacked his deputy defense minister this month over shortages of artillery ammunition."
    texts = {"a": (one, ("Daily Planet", "Kim Jong Un", "Vladimir Putin")),
             "b": (two, ("Daily Planet", "Kim Jong Un", "Vladimir Putin")),
             "c": (other, ("Vladimir Putin",))}  # fmt: skip
    articles = [article(k, text, k.upper(), "2023-09-05") for k, (text, _) in texts.items()]
    analyses = {
        k: Analysis("2023-09-05", entities=named(text, *people), times=(time(text, "this month", "2023-09"),))
        for k, (text, people) in texts.items()
    }
    entries, _ = build_timeline(articles, analyses)
    assert sorted(e.articles for e in entries) == [("a", "b"), ("c",)]


def test_each_date_of_a_sentence_gets_its_own_clause_after_the_sentence():
    text = "Rescuers reached the village on Saturday and the last survivors were flown out on Monday."
    analysis = Analysis("2023-03-14", times=(time(text, "Saturday", "2023-03-11"), time(text, "Monday", "2023-03-13")))
    entries, _ = build_timeline([article("a", text, "A", "2023-03-14")], {"a": analysis})
    assert [(e.date, e.text, e.clause and e.clause.text) for e in entries] == [
        ("2023-03-11", text, "Rescuers reached the village on Saturday"),
        ("2023-03-13", text, "the last survivors were flown out on Monday"),
    ]
    assert all(e.excerpts[0].spans == ((0, len(text)),) and e.clause.article_id == "a" for e in entries)


def test_a_list_of_days_gives_each_day_an_entry_told_by_the_sentence_as_printed():
    text = "Negotiators from both sides met in Geneva on October 2, 4 and 6 to discuss a ceasefire."
    analysis = Analysis("2023-10-09", times=tuple(find_times(parse_one(text), "2023-10-09")))
    entries, _ = build_timeline([article("a", text, "A", "2023-10-09")], {"a": analysis})
    assert [(e.date, e.text, e.clause) for e in entries] == [(f"2023-10-0{day}", text, None) for day in (2, 4, 6)]


def test_a_date_list_keeps_its_own_clause_when_a_later_clause_repeats_one_of_its_dates():
    text = (
        "In addition to her trips to Ottawa and Mexico City in 2021 and 2022 to attend summits with former "
        "Canadian Prime Minister Justin Trudeau, Harris made three visits to Guatemala, and the American vice "
        "president previously met Giammattei in Washington in 2022."
    )
    analysis = Analysis("2023-06-01", times=tuple(find_times(parse_one(text), "2023-06-01")))
    assert [t.value for t in analysis.times] == ["2021", "2022", "2022"]
    entries, _ = build_timeline([article("a", text, "A", "2023-06-01")], {"a": analysis})
    clauses = {e.date: e.clause.text for e in entries if e.clause}
    assert clauses.keys() == {"2021", "2022"}
    assert all("Mexico City in 2021 and 2022 to attend" in clause for clause in clauses.values())
    assert not any("Giammattei" in clause for clause in clauses.values())


@pytest.mark.parametrize(
    "text",
    [
        "The vote on the new constitution could take place between Monday and Thursday, officials said.",
        "Polling stations will stay open from Monday to Thursday in the capital and the northern provinces.",
    ],
)
def test_a_range_is_one_entry_at_its_start(text: str) -> None:
    analysis = Analysis("2023-10-06", times=tuple(find_times(parse_one(text), "2023-10-06")))
    assert len({t.value for t in analysis.times}) == 2
    entries, _ = build_timeline([article("a", text, "A", "2023-10-06")], {"a": analysis})
    assert [e.date for e in entries] == [min(t.value for t in analysis.times)]
    assert "Monday" in entries[0].text and "Thursday" in entries[0].text


def test_an_event_dated_at_a_range_end_adds_no_entry_there() -> None:
    text = "The vote on the new constitution could take place between Monday and Thursday, officials said."
    times = tuple(find_times(parse_one(text), "2023-10-06"))
    end = max(t.value for t in times)
    analysis = Analysis("2023-10-06", times=times, events=(event(text, "vote", "voters", "vote", None, end),))
    entries, _ = build_timeline([article("a", text, "A", "2023-10-06")], {"a": analysis})
    assert [e.date for e in entries] == [min(t.value for t in times)]


def _mention(article_id: str, value: str, entities: set[str]) -> DatedMention:
    span = period(value)
    assert span is not None
    words = Excerpt(article_id, value, ((0, len(value)),))
    return DatedMention(
        article_id, span, value, 0, "", frozenset(), frozenset(), frozenset(entities), frozenset(), words, words
    )


def test_description_merges_need_likeness_beyond_the_storys_chance_level():
    few = [_mention("a", "2023-09-01", {"X"}), _mention("b", "2023-09-02", {"X"})]
    assert _chance_levels(few, np.eye(2)) == (SAME_DESCRIPTION, SHARED_ENTITIES)
    # forty mentions on forty days, each article naming the same two people; their descriptions'
    # cosines spread evenly over 0..0.8: two different facts always share two people, and reach 0.72
    # one time in ten
    mentions = [_mention(f"a{k}", (date(2023, 1, 1) + timedelta(days=k)).isoformat(), {"X", "Y"}) for k in range(40)]
    pairs = [(i, j) for i in range(40) for j in range(i + 1, 40)]
    told = np.eye(40)
    for rank, (i, j) in enumerate(pairs):
        told[i, j] = told[j, i] = 0.8 * rank / (len(pairs) - 1)
    alike, shared = _chance_levels(mentions, told)
    assert alike == pytest.approx(0.72, abs=0.01) and shared == 3
