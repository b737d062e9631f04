from __future__ import annotations

import pytest

from crosswire.records import (
    Analysis,
    Citation,
    Discrepancy,
    EntityMention,
    Event,
    Excerpt,
    PageDate,
    QuoteVariant,
    StoryQuote,
    TimeExpression,
    TimelineEntry,
)
from crosswire.stories.compare import consensus, discrepancies, unique_details
from crosswire.stories.quotes import align_quotes
from crosswire.stories.timeline import build_timeline
from tests.stories.conftest import SeedStory, article, span


def dated(text: str, when: str, value: str, trigger: str, actor: str, action: str, target: str) -> Analysis:
    """An analysis with one time expression, one event at that time and the actor as an entity."""
    t_start, t_end = span(text, when)
    e_start, e_end = span(text, trigger)
    a_start, a_end = span(text, actor)
    return Analysis(
        None,
        entities=(EntityMention(actor, "PERSON", a_start, a_end, actor),),
        times=(TimeExpression(when, t_start, t_end, "DATE", value),),
        events=(Event(actor, action, target, trigger, e_start, e_end, date=value),),
    )


@pytest.fixture(scope="module")
def seed_dossier(seed_story: SeedStory) -> tuple[list[StoryQuote], list[TimelineEntry], list[Discrepancy]]:
    quotes = align_quotes(seed_story.articles, seed_story.analyses)
    timeline, _ = build_timeline(seed_story.articles, seed_story.analyses)
    found = discrepancies(seed_story.articles, seed_story.analyses, quotes, timeline)
    return quotes, timeline, found


def test_seed_shoigu_visit_dates_disagree(seed_story: SeedStory, seed_dossier):
    _, _, found = seed_dossier
    dates = [d for d in found if d.kind == "date"]
    assert len(dates) == 1
    assert seed_story.ids["001"] in dates[0].articles
    assert {seed_story.ids["002"], seed_story.ids["003"]} & set(dates[0].articles)
    assert "August 2023" in dates[0].description and "July 2023" in dates[0].description  # dates in words
    assert "Korea JoongAng Daily" in dates[0].description and "last month" in dates[0].description


def test_seed_aggregator_chrome_date_is_flagged(seed_story: SeedStory, seed_dossier):
    _, _, found = seed_dossier
    pages = [d for d in found if d.kind == "page_date"]
    assert [d.articles for d in pages] == [(seed_story.ids["002"],)]
    assert "June 18, 2024" in pages[0].description and "CNN" in pages[0].description
    assert pages[0].confidence > 0.8


def test_seed_actively_advancing_has_two_speakers(seed_dossier):
    _, _, found = seed_dossier
    speakers = [d for d in found if d.kind == "speaker"]
    assert any("actively advancing" in d.description and "Jake Sullivan" in d.description for d in speakers)


def test_seed_no_number_disagreements(seed_dossier):
    _, _, found = seed_dossier
    assert [d for d in found if d.kind == "number"] == []


def test_seed_consensus_spans_most_outlets(seed_story: SeedStory, seed_dossier):
    quotes, _, _ = seed_dossier
    agreed = consensus(seed_story.articles, seed_story.analyses, quotes)
    assert agreed and all(len(c.articles) >= 3 for c in agreed)
    assert any("pay a price" in c.text for c in agreed)


def test_seed_unique_details_come_from_one_article(seed_story: SeedStory):
    details = unique_details(seed_story.articles, seed_story.analyses)
    assert details
    assert all(0 < d.confidence <= 1 for d in details)
    assert [d.confidence for d in details] == sorted((d.confidence for d in details), reverse=True)
    texts = {a.id: a.text for a in seed_story.articles}
    assert all(d.text in texts[d.article_id] for d in details)
    assert any("Interfax" in d.text or "proverb" in d.text for d in details)


def test_agreeing_dates_make_no_discrepancy():
    one = "Defense Minister Sergei Shoigu visited Pyongyang in July to view new missiles."
    two = "Sergei Shoigu visited Pyongyang in July, where he attended a military parade."
    articles = [article("a", one, "A", "2023-09-05"), article("b", two, "B", "2023-09-06")]
    analyses = {
        "a": dated(one, "July", "2023-07", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
        "b": dated(two, "July", "2023-07", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
    }
    assert discrepancies(articles, analyses, [], []) == []


def test_different_dates_for_one_event_are_reported():
    one = "Defense Minister Sergei Shoigu visited Pyongyang in July to view new missiles."
    two = "Sergei Shoigu visited Pyongyang in August, where he attended a military parade."
    articles = [article("a", one, "A", "2023-09-05"), article("b", two, "B", "2023-09-06")]
    analyses = {
        "a": dated(one, "July", "2023-07", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
        "b": dated(two, "August", "2023-08", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
    }
    found = discrepancies(articles, analyses, [], [])
    assert [(d.kind, d.articles) for d in found] == [("date", ("a", "b"))]
    assert "“July” (July 2023)" in found[0].description and "“August” (August 2023)" in found[0].description


def test_a_day_inside_the_month_agrees_with_the_month():
    one = "Defense Minister Sergei Shoigu visited Pyongyang in July to view new missiles."
    two = "Sergei Shoigu visited Pyongyang on July 27, where he attended a military parade."
    articles = [article("a", one, "A", "2023-09-05"), article("b", two, "B", "2023-09-06")]
    analyses = {
        "a": dated(one, "July", "2023-07", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
        "b": dated(two, "July 27", "2023-07-27", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
    }
    assert [d for d in discrepancies(articles, analyses, [], []) if d.kind == "date"] == []


def test_different_numbers_for_one_fact_are_reported():
    one = "The earthquake in the mountain region killed 20 people and destroyed hundreds of homes, officials said."
    two = "The earthquake in the mountain region killed 25 people and destroyed hundreds of homes, officials said."
    articles = [article("a", one, "A", "2023-09-05"), article("b", two, "B", "2023-09-05")]
    found = discrepancies(articles, {"a": Analysis("2023-09-05"), "b": Analysis("2023-09-05")}, [], [])
    assert [(d.kind, d.articles) for d in found] == [("number", ("a", "b"))]
    assert "20 people" in found[0].description and "25 people" in found[0].description


def test_same_numbers_make_no_discrepancy():
    one = "The earthquake in the mountain region killed 20 people and destroyed hundreds of homes, officials said."
    two = "Officials said the earthquake in the mountain region killed 20 people and destroyed hundreds of homes."
    articles = [article("a", one, "A", "2023-09-05"), article("b", two, "B", "2023-09-05")]
    assert discrepancies(articles, {"a": Analysis("2023-09-05"), "b": Analysis("2023-09-05")}, [], []) == []


def test_quote_given_to_two_speakers_is_reported_naming_outlets():
    articles = [article("a", "x", "Daily A"), article("b", "y", "Daily B"), article("c", "z")]

    def said(article_id: str, speaker: str) -> QuoteVariant:
        words = Excerpt(article_id, "actively advancing", ((10, 28),))
        return QuoteVariant(article_id, words.text, "direct", speaker, 1.0, spans=words.spans, words=words)

    statement = StoryQuote(
        speaker="Jake Sullivan",
        text="actively advancing",
        variants=(said("a", "Jake Sullivan"), said("b", "Jake Sullivan"), said("c", "Adrienne Watson")),
        articles=("a", "b", "c"),
        confidence=0.7,
        other_speakers=("Adrienne Watson",),
    )
    found = discrepancies(articles, {}, [statement], [])
    assert [(d.kind, d.articles) for d in found] == [("speaker", ("a", "b", "c"))]
    assert found[0].description.startswith("The same words (“actively advancing”) are attributed to ")
    assert found[0].excerpts == (statement.variants[0].words,)  # what the description quotes
    assert "Jake Sullivan by Daily A and Daily B" in found[0].description
    assert "Adrienne Watson by unknown outlet (c.txt)" in found[0].description  # no outlet: said so, with its file


def test_chrome_date_far_from_the_story_is_reported():
    chrome = PageDate("2024-06-18", "chrome", "Tuesday, June 18, 2024")
    articles = [
        article("a", "Talks went on.", "A", "2023-09-05"),
        article("b", "Talks went on.", "B", "2023-09-12"),
        article("c", "Talks went on.", "Aggregator", page_dates=[chrome]),
    ]
    found = discrepancies(articles, {}, [], [TimelineEntry("2023-09-05", "day", "talks", ("a", "c"), 0.7)])
    assert [(d.kind, d.articles) for d in found] == [("page_date", ("c",))]
    assert "after" in found[0].description


def test_chrome_date_close_to_the_story_is_fine():
    chrome = PageDate("2023-09-13", "chrome", "Wednesday, September 13, 2023")
    articles = [article("a", "Talks went on.", "A", "2023-09-05"), article("c", "Talks.", "C", page_dates=[chrome])]
    assert discrepancies(articles, {}, [], []) == []


def test_consensus_needs_half_the_outlets():
    shared = "The central bank raised its main interest rate by half a point to fight rising inflation."
    reworded = "To fight rising inflation, the central bank raised its main interest rate by half a point."
    other = "Local farmers said the harvest this autumn was the best they had seen in a decade."
    articles = [
        article("a", shared, "A"),
        article("b", reworded, "B"),
        article("c", other, "C"),
        article("d", "A football club unveiled its new stadium design to fans on Sunday evening.", "D"),
    ]
    agreed = consensus(articles, {}, [])
    evidence = (Excerpt("a", shared, ((0, len(shared)),)), Excerpt("b", reworded, ((0, len(reworded)),)))
    assert agreed == [Citation(shared, ("a", "b"), evidence)]
    three_more = [*articles, article("e", "The museum opened a new wing of modern sculpture this week.", "E")]
    assert consensus(three_more, {}, []) == []  # two of five outlets are not half


def test_unique_details_skip_shared_and_empty_sentences():
    shared = "The central bank raised its main interest rate by half a point to fight rising inflation."
    detail = "The bank's governor, Maria Lopez, said 3 more increases could follow before the end of 2024."
    text = f"{shared} {detail} It was cold."
    articles = [article("a", text), article("b", shared, "B")]
    person = EntityMention("Maria Lopez", "PERSON", *span(text, "Maria Lopez"), "Maria Lopez")
    analyses = {"a": Analysis(None, entities=(person,))}
    details = unique_details(articles, analyses)
    assert [(d.text, d.article_id, d.outlet) for d in details] == [(detail, "a", None)]
    assert unique_details(articles[:1], analyses) == []  # a story of one article has nothing to compare


def test_an_empty_story_is_quiet():
    assert align_quotes([], {}) == []
    assert build_timeline([], {}) == ([], [])
    assert consensus([], {}, []) == []
    assert unique_details([], {}) == []
    assert discrepancies([], {}, [], []) == []


def numbers_disagree(one: str, two: str) -> list[Discrepancy]:
    articles = [article("a", one, "A", "2023-09-05"), article("b", two, "B", "2023-09-05")]
    found = discrepancies(articles, {"a": Analysis("2023-09-05"), "b": Analysis("2023-09-05")}, [], [])
    return [d for d in found if d.kind == "number"]


def test_amounts_of_money_are_compared_by_currency():
    found = numbers_disagree(
        "The United States announced a $2.5 billion military aid package for Ukraine on Tuesday.",
        "Washington unveiled a new $3 billion package of military aid for Ukraine on Tuesday.",
    )
    assert [d.articles for d in found] == [("a", "b")]
    assert "“$2.5 billion”" in found[0].description and "“$3 billion”" in found[0].description


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (
            "At least 20 people were killed when the earthquake struck the mountain region on Monday, officials said.",
            "The earthquake that hit the mountain region on Monday killed 25 people, according to officials.",
        ),
        (
            "About 300 protesters gathered outside parliament on Sunday to demand new elections.",
            "Some 310 protesters rallied outside parliament on Sunday, demanding new elections.",
        ),
        (
            "The fire destroyed 40 homes and injured three firefighters in the old town.",
            "Three firefighters were hurt as the blaze destroyed 40 homes in the old town.",
        ),
    ],
)
def test_numbers_that_can_both_be_true_agree(one: str, two: str):
    assert numbers_disagree(one, two) == []


def test_a_hedged_number_far_from_the_other_still_disagrees_less_surely():
    plain = numbers_disagree(
        "300 protesters gathered outside parliament on Sunday to demand new elections.",
        "3,000 protesters gathered outside parliament on Sunday to demand new elections.",
    )
    hedged = numbers_disagree(
        "Some 300 protesters gathered outside parliament on Sunday to demand new elections.",
        "Around 3,000 protesters gathered outside parliament on Sunday to demand new elections.",
    )
    assert len(plain) == len(hedged) == 1
    assert hedged[0].confidence < plain[0].confidence
    assert "“Some 300 protesters”" in hedged[0].description


def test_an_outlet_less_article_is_named_as_such_with_its_file_in_date_conflicts():
    one = "Russian Defense Minister Sergei Shoigu visited Pyongyang in July for the armistice parade."
    two = "Russian Defense Minister Sergei Shoigu visited Pyongyang last month for the armistice parade."
    articles = [article("a", one, "Daily A", "2023-09-05"), article("b", two, None, "2023-09-05")]
    analyses = {
        "a": dated(one, "July", "2023-07", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
        "b": dated(two, "last month", "2023-08", "visited", "Sergei Shoigu", "meet_or_visit", "Pyongyang"),
    }
    (conflict,) = [d for d in discrepancies(articles, analyses, [], []) if d.kind == "date"]
    assert "unknown outlet (b.txt) says “last month”" in conflict.description
    assert "Daily A says “July”" in conflict.description


def test_a_speaker_dispute_is_as_sure_as_its_less_firm_attribution():
    articles = [article("a", "x", "Daily A"), article("b", "y", "Daily B")]

    def dispute(watson_attribution: float) -> Discrepancy:
        statement = StoryQuote(
            speaker="Jake Sullivan",
            text="actively advancing",
            variants=(
                QuoteVariant("a", "actively advancing", "direct", "Jake Sullivan", 1.0, 0.9),
                QuoteVariant("b", "actively advancing", "direct", "Adrienne Watson", 1.0, watson_attribution),
            ),
            articles=("a", "b"),
            confidence=0.45,
            other_speakers=("Adrienne Watson",),
        )
        (found,) = discrepancies(articles, {}, [statement], [])
        return found

    named, pronoun = dispute(0.9), dispute(0.65)  # "Watson said" beside the words; "she said" resolved
    assert named.confidence == pytest.approx(0.9)
    assert pronoun.confidence == pytest.approx(0.65)
