"""Entities: one canonical name per referent across outlets, metonymy, short names, titles and roles."""

from functools import cache

import pytest

from crosswire.analysis.entities import canonical_name, entity_key, find_entities
from crosswire.analysis.nlp import parse_one
from crosswire.articles.extract import extract_article
from crosswire.records import EntityMention, EntityRole, InputFormat, RawDocument

from ..conftest import SEEDS


@cache
def seed(prefix: str) -> tuple[str, list[EntityMention], list[EntityRole]]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = extract_article(RawDocument(str(path), InputFormat.TEXT, path.read_text("utf-8"))).text
    mentions, roles = find_entities(parse_one(text))
    return text, mentions, roles


def entities(text: str) -> list[EntityMention]:
    return find_entities(parse_one(text))[0]


def canonical_of(text: str, surface: str) -> str:
    return next(m.canonical for m in entities(text) if m.text == surface)


@pytest.mark.parametrize(
    ("names", "label", "canonical"),
    [
        (["U.S.", "US", "United States", "the United States", "America", "USA"], "GPE", "United States"),
        (["DPRK", "North Korea", "N. Korea", "Democratic People's Republic of Korea", "North Korea's"], "GPE",
         "North Korea"),
        (["ROK", "South Korea", "Republic of Korea", "South Korea’s"], "GPE", "South Korea"),
        (["UN", "U.N.", "United Nations", "the United Nations"], "ORG", "United Nations"),
        (["UNSC", "UN Security Council", "Security Council", "United Nations Security Council"], "ORG",
         "UN Security Council"),
        (["NSC", "National Security Council", "the White House National Security Council"], "ORG",
         "National Security Council"),
        (["PRC", "China", "People's Republic of China"], "GPE", "China"),
        (["Russian Federation", "Russia"], "GPE", "Russia"),
        (["UK", "U.K.", "Britain", "United Kingdom", "Great Britain"], "GPE", "United Kingdom"),
        (["EU", "E.U.", "European Union"], "ORG", "European Union"),
        (["NATO", "North Atlantic Treaty Organization"], "ORG", "NATO"),
        (["the White House", "White House"], "ORG", "White House"),
        (["the Kremlin", "Kremlin"], "ORG", "Kremlin"),
        (["North Koreans", "North Korean"], "NORP", "North Korean"),
    ],
)  # fmt: skip
def test_every_spelling_has_one_canonical(names: list[str], label: str, canonical: str) -> None:
    assert {canonical_name(name, label) for name in names} == {canonical}


def test_spellings_of_a_person_are_one_entity_each_kept_as_written() -> None:
    spellings = ["Kim Jong-un", "Kim Jong Un", "Kim Jong-Un", "KIM JONG UN", "Mr. Kim Jong Un"]
    names = [canonical_name(name, "PERSON") for name in spellings]
    assert names == ["Kim Jong-un", "Kim Jong Un", "Kim Jong-Un", "Kim Jong Un", "Kim Jong Un"]
    assert {entity_key(name) for name in names} == {"kim jong un"}


def test_canonical_names_drop_titles_and_honorifics_and_keep_the_spelling() -> None:
    assert canonical_name("President Joe Biden", "PERSON") == "Joe Biden"
    assert canonical_name("Dr. Jung Pak", "PERSON") == "Jung Pak"
    assert canonical_name("Lim Soo-suk", "PERSON") == "Lim Soo-suk"
    assert canonical_name("Press Secretary Karine Jean-Pierre", "PERSON") == "Karine Jean-Pierre"
    assert canonical_name("Ursula von der Leyen", "PERSON") == "Ursula von der Leyen"
    assert canonical_name("URSULA VON DER LEYEN", "PERSON") == "Ursula von der Leyen"
    assert canonical_name("Patrick O'Neill-McCarthy", "PERSON") == "Patrick O'Neill-McCarthy"
    assert canonical_name("U.S. Treasury Department", "ORG") == "US Treasury Department"


def test_two_articles_processed_apart_agree_on_the_entity() -> None:
    first = canonical_of("North Korean leader Kim Jong-un arrived in Russia on Tuesday.", "Kim Jong-un")
    second = canonical_of("Kim Jong Un met Vladimir Putin at a spaceport.", "Kim Jong Un")
    assert (first, second) == ("Kim Jong-un", "Kim Jong Un")
    assert entity_key(first) == entity_key(second)


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("Washington has continually issued warnings against arms transactions.", "Washington", "United States"),
        ("Washington announced new sanctions on Monday.", "Washington", "United States"),
        ("Moscow's war in Ukraine has dragged on.", "Moscow", "Russia"),
        ("Officials described talks between Pyongyang and Moscow as advancing.", "Pyongyang", "North Korea"),
        ("Officials described talks between Pyongyang and Moscow as advancing.", "Moscow", "Russia"),
        ("Beijing and Moscow are shielding Pyongyang from condemnation.", "Beijing", "China"),
        ("Sullivan spoke to reporters in Washington on Tuesday.", "Washington", "Washington"),
        ("The defence minister flew to Pyongyang last month.", "Pyongyang", "Pyongyang"),
        ("The leader will travel from Pyongyang by armored train.", "Pyongyang", "Pyongyang"),
        ("Seoul's Foreign Ministry also warned against the deal.", "Seoul", "South Korea"),
    ],
)
def test_a_capital_stands_for_its_government_only_as_an_actor(text: str, surface: str, canonical: str) -> None:
    assert canonical_of(text, surface) == canonical


def test_seats_of_government_stay_organisations() -> None:
    mentions = entities("The White House said on Monday that the Kremlin had declined to comment.")
    assert {(m.canonical, m.label) for m in mentions} >= {("White House", "ORG"), ("Kremlin", "ORG")}


def test_short_mentions_resolve_to_the_full_name_in_the_document() -> None:
    _, mentions, _ = seed("001")
    by_text = {m.text: m.canonical for m in mentions if m.label == "PERSON"}
    assert by_text["Sullivan"] == "Jake Sullivan"
    assert by_text["Kim"] == "Kim Jong-un"
    assert by_text["Putin"] == "Vladimir Putin"
    assert by_text["Lim"] == "Lim Soo-suk"
    assert by_text["Shoigu"] == "Sergei Shoigu"  # tagged GPE by the model


def test_mentions_are_cleaned_and_mislabels_fixed() -> None:
    text, mentions, _ = seed("003")
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert not any(m.text.endswith(("'s", "’s", "-")) or m.text.startswith(("the ", "The ")) for m in mentions)
    dprk = [m for m in mentions if m.text == "DPRK"]
    assert dprk and all(m.label == "GPE" and m.canonical == "North Korea" for m in dprk)
    assert {m.canonical for m in mentions if m.text == "Jean-Pierre"} == {"Karine Jean-Pierre"}
    pair = [m.canonical for m in mentions if m.start >= text.index("Kim-Putin summit")][:2]
    assert [entity_key(name) for name in pair] == ["kim jong un", "vladimir putin"]


def test_titles_tagged_as_organisations_are_not_entities() -> None:
    text, mentions, roles = seed("000")
    title = "US National Security Advisor"
    start, end = _span(text, title)
    assert not any("Advisor" in m.text for m in mentions)
    assert EntityMention("US", "GPE", start, start + 2, "United States") in mentions
    assert EntityRole("Jake Sullivan", title, start, end) in roles
    for prefix in ("001", "003", "004"):
        assert not [m for m in seed(prefix)[1] if m.text == "Defense"]  # "Russian Defense Minister"


def test_places_the_model_took_for_people_are_relabelled() -> None:
    _, mentions, _ = seed("001")
    assert {m.label for m in mentions if m.text == "Vladivostok"} == {"GPE"}
    _, mentions, _ = seed("004")
    assert {m.label for m in mentions if m.text == "Slovak"} == {"NORP"}


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(
    ("prefix", "canonical", "role"),
    [
        ("001", "Jake Sullivan", "National Security Adviser"),
        ("002", "Jake Sullivan", "White House national security adviser"),
        ("003", "Adrienne Watson", "spokesperson for the White House National Security Council"),
        ("004", "Adrienne Watson", "a spokeswoman for the US National Security Council"),
        ("001", "Lim Soo-suk", "the ministry's spokesperson"),
        ("001", "Vladimir Putin", "Russian President"),
        ("004", "Dmitry Peskov", "Russian presidential spokesman"),
        ("004", "John Kirby", "the official spokesman for the US National Security Council"),
        ("001", "Kim Jong-un", "North Korea's leader"),
    ],
)
def test_roles_come_with_the_offsets_of_their_text(prefix: str, canonical: str, role: str) -> None:
    text, _, roles = seed(prefix)
    found = [r for r in roles if r.canonical == canonical and r.role == role]
    assert found, [r for r in roles if r.canonical == canonical]
    assert all(text[r.start : r.end] == role for r in found)


def test_who_is_clauses_give_roles() -> None:
    text = "The talks were led by Jung Pak, who is a deputy assistant secretary of state."
    roles = find_entities(parse_one(text))[1]
    assert [r.role for r in roles if r.canonical == "Jung Pak"] == ["a deputy assistant secretary of state"]


def _tagged(text: str, spans: list[tuple[str, str]]):
    """`text` parsed, with the tagger's entities replaced by (surface, label) pairs, left to right."""
    doc = parse_one(text)
    ents, offset = [], 0
    for surface, label in spans:
        start = text.index(surface, offset)
        offset = start + len(surface)
        ents.append(doc.char_span(start, offset, label=label))
    doc.ents = ents
    return doc


def test_a_surname_tagged_as_an_organisation_is_the_person() -> None:
    doc = _tagged(
        "Kim Jong-un arrived on Tuesday. Kim said the talks went well.", [("Kim Jong-un", "PERSON"), ("Kim", "ORG")]
    )
    mentions, _ = find_entities(doc)
    assert [(m.text, m.label, m.canonical) for m in mentions] == [
        ("Kim Jong-un", "PERSON", "Kim Jong-un"),
        ("Kim", "PERSON", "Kim Jong-un"),
    ]


def test_a_title_glued_into_a_person_span_becomes_a_role() -> None:
    text = "The talks were opened by US President Joe Biden on Monday."
    mentions, roles = find_entities(_tagged(text, [("US", "GPE"), ("President Joe Biden", "PERSON")]))
    assert [(m.text, m.canonical) for m in mentions] == [("US", "United States"), ("Joe Biden", "Joe Biden")]
    assert [(r.canonical, r.role) for r in roles] == [("Joe Biden", "US President")]
