"""Events: who did what to whom, when and where, with actions from the documented vocabulary."""

from functools import cache

import pytest

from crosswire.analysis.entities import find_entities
from crosswire.analysis.events import NOUNS, VERBS, Action, find_events
from crosswire.analysis.nlp import parse_one
from crosswire.articles.extract import extract_article
from crosswire.records import Event, InputFormat, RawDocument, TimeExpression

from ..conftest import ROOT, SEEDS

US_ACTORS = {"Jake Sullivan", "United States", "White House"}


@cache
def seed_text(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract_article(RawDocument(str(path), InputFormat.TEXT, path.read_text("utf-8"))).text


def events(text: str, times: tuple[tuple[str, str | None], ...] = (), published: str | None = None) -> list[Event]:
    """Events of `text`, with time expressions built by hand from (phrase, value) pairs."""
    doc = parse_one(text)
    mentions, _ = find_entities(doc)
    return find_events(doc, mentions, [_time(text, phrase, value) for phrase, value in times], published)


@cache
def seed_events(prefix: str, times: tuple[tuple[str, str | None], ...] = ()) -> list[Event]:
    return events(seed_text(prefix), times)


def _time(text: str, phrase: str, value: str | None) -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(phrase, start, start + len(phrase), "DATE", value)


def triples(found: list[Event]) -> set[tuple[str, str, str | None]]:
    return {(e.actor, e.action, e.target) for e in found}


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_the_us_warns_north_korea(prefix: str) -> None:
    warnings = [e for e in seed_events(prefix) if e.action == "warn_or_threaten" and e.target == "North Korea"]
    assert {e.actor for e in warnings} & US_ACTORS


def test_the_arms_deal_is_read_in_both_directions() -> None:
    found = set().union(*(triples(seed_events(prefix)) for prefix in ("000", "001", "002", "003", "004")))
    assert ("Russia", "seek_arms_or_aid", "North Korea") in found  # "Russia may ask North Korea for ... rounds"
    assert ("Vladimir Putin", "seek_arms_or_aid", "North Korea") in found  # "Putin wants to get ... from"
    assert ("North Korea", "supply_arms_or_aid", "Russia") in found  # "North Korea delivered ... into Russia"
    assert ("North Korea", "seek_arms_or_aid", "Russia") in found  # "technology North Korea is seeking from Russia"


def test_sanctions_are_dated_by_their_clause() -> None:
    found = seed_events("004", (("last August", "2023-08"), ("last March", "2023-03")))
    sanctions = [e for e in found if e.action == "impose_sanctions" and e.actor == "United States"]
    assert [(e.target, e.trigger, e.date) for e in sanctions] == [("three entities", "imposed", "2023-08")]
    treasury = [e for e in found if e.actor == "US Treasury Department"]
    assert [(e.action, e.target, e.date) for e in treasury] == [("impose_sanctions", "Slovak citizen", "2023-03")]


def test_the_kremlin_declines_to_comment() -> None:
    assert ("Kremlin", "deny_or_decline_comment", None) in triples(seed_events("002"))
    assert ("Kremlin", "deny_or_decline_comment", None) in triples(seed_events("004"))


def test_officials_act_for_their_state_and_pronouns_for_their_antecedent() -> None:
    found = triples(seed_events("002"))
    assert ("United States", "warn_or_threaten", "North Korea") in found  # "US officials have warned"
    assert ("Iran", "supply_arms_or_aid", "Russia") in found  # "Russia has also received ... from Iran"
    lines = triples(seed_events("004"))
    assert ("Unification Ministry", "make_statement", None) in lines  # "..., he added" after "An official at"


def test_offsets_span_the_clause_and_the_trigger_is_its_verb() -> None:
    text = seed_text("003")
    event = next(e for e in seed_events("003") if e.action == "appeal_or_urge" and e.actor == "White House")
    assert event.target == "North Korea" and event.trigger == "called"
    assert text[event.start : event.end].startswith("The White House called on North Korea")


def test_dates_and_places_come_from_the_clause() -> None:
    text = "Sullivan told reporters at a briefing at the White House in Washington on Tuesday that talks went on."
    found = events(text, (("Tuesday", "2023-09-05"),))
    assert [(e.action, e.date, e.place) for e in found] == [("make_statement", "2023-09-05", "Washington")]


def test_an_unresolved_today_takes_the_publication_date() -> None:
    found = events("The Kremlin declined today to confirm the summit.", (("today", None),), "2023-09-05T19:41:15")
    assert [(e.actor, e.action, e.date) for e in found] == [("Kremlin", "deny_or_decline_comment", "2023-09-05")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan imposed sanctions on Iran.", ("Japan", "impose_sanctions", "Iran")),
        ("The White House called on North Korea to stop.", ("White House", "appeal_or_urge", "North Korea")),
        ("Iran was sanctioned by the European Union.", ("European Union", "impose_sanctions", "Iran")),
        ("North Korea will sell artillery shells to Russia.", ("North Korea", "supply_arms_or_aid", "Russia")),
        ("Russia seeks munitions from North Korea.", ("Russia", "seek_arms_or_aid", "North Korea")),
        ("China accused the United States of escalating tension.", ("China", "accuse", "United States")),
        ("Germany condemned Russia's invasion of Ukraine.", ("Germany", "criticise", "Russia")),
        ("Kim Jong Un met Vladimir Putin in Vladivostok.", ("Kim Jong Un", "meet_or_visit", "Vladimir Putin")),
    ],
)
def test_one_clause_one_event(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events(text))


@pytest.mark.parametrize(
    "text",
    [
        "We have not seen North Korea supply munitions to Russia.",
        "North Korea will pay a price if it supplies weapons to Russia.",
        "There were no indications that Pyongyang provided weapons to Moscow.",
        "It would be a huge mistake for North Korea to supply ammunition to Russia.",
        "The ministry provided evidence to Russia.",
    ],
)
def test_negated_hypothetical_and_off_vocabulary_clauses_give_no_supply_event(text: str) -> None:
    assert not [e for e in events(text) if e.action == "supply_arms_or_aid"]


def test_a_reported_price_to_pay_is_a_warning_by_the_speaker() -> None:
    found = events("“North Korea will pay the price for this,” National Security Adviser Jake Sullivan told reporters.")
    assert ("Jake Sullivan", "warn_or_threaten", "North Korea") in triples(found)


def test_every_action_has_triggers_and_is_documented() -> None:
    doc = (ROOT / "docs" / "actions.md").read_text("utf-8")
    for action in Action:
        assert VERBS.get(action) or NOUNS.get(action), action
        assert f"| `{action.value}` |" in doc, action
