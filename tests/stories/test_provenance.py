import pytest

from crosswire.pipeline import extract
from crosswire.records import Article, Excerpt
from crosswire.stories.provenance import agency_credit, wire_copies
from tests.conftest import SEEDS
from tests.factories import make_article

ORIGINAL = (
    "SEOUL, Sept. 12 (Yonhap) -- North Korean leader Kim Jong-un left for Russia on a special train, officials said.",
    "The trip is his first abroad in four years. He is expected to meet Russian President Vladimir Putin.",
    "Washington has warned Pyongyang against supplying weapons to Moscow. Officials fear an arms deal.",
    "South Korea said it was watching the trip closely. (Yonhap)",
)
UNCREDITED = ("Kim Jong-un left for Russia on a special train, officials said.", "He is expected to meet Putin.")
REPRINT = (
    ORIGINAL[0],
    ORIGINAL[1] + " The visit was announced by state media on Monday.",
    ORIGINAL[3],
)


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    return [item for item in extract([str(SEEDS)]) if isinstance(item, Article)]


def article(
    article_id: str, paragraphs: tuple[str, ...], agencies: tuple[str, ...] = (), outlet: str | None = None
) -> Article:
    return make_article(article_id, paragraphs, headline="Kim leaves for Russia", outlet=outlet, agencies=agencies)


def texts(excerpts: tuple[Excerpt, ...]) -> list[str]:
    return [item.text for item in excerpts]


def test_the_korea_herald_seed_is_credited_to_yonhap(seed_articles: list[Article]) -> None:
    herald = next(item for item in seed_articles if item.source.endswith("003_d31118fea0c2a849.txt"))
    copies = {copy.article_id: copy for copy in wire_copies(seed_articles, {})}
    assert copies[herald.id].agency == "Yonhap"
    assert copies[herald.id].copy_of == ()
    assert set(copies) == {herald.id}  # the others only quote agencies ("told Yonhap News Agency")


def test_a_reprint_shows_what_it_cut_and_added() -> None:
    original = article("original", ORIGINAL, agencies=("Yonhap",), outlet="The Korea Herald")
    reprint = article("reprint", REPRINT, outlet="Korea JoongAng Daily")
    copies = {
        copy.article_id: copy
        for copy in wire_copies([original, reprint], {"reprint": [("original", 0.8, "wire-copy")]})
    }
    assert copies["reprint"].agency == "Yonhap"
    assert copies["reprint"].copy_of == ("original",)
    assert texts(copies["reprint"].cut) == [
        "Washington has warned Pyongyang against supplying weapons to Moscow.",
        "Officials fear an arms deal.",
    ]
    assert texts(copies["reprint"].added) == ["The visit was announced by state media on Monday."]
    assert {item.article_id for item in copies["reprint"].cut} == {"original"}  # the sibling's words, where it has them
    assert all(original.text[slice(*item.spans[0])] == item.text for item in copies["reprint"].cut)
    assert copies["original"].copy_of == ("reprint",)
    assert copies["original"].cut == copies["reprint"].added
    assert copies["original"].added == copies["reprint"].cut


def test_light_edits_and_dropped_credits_are_not_differences() -> None:
    original = article("original", ORIGINAL, agencies=("Yonhap",))
    edited = (
        "North Korean leader Kim Jong-un left for Russia on a special train, officials said Tuesday.",
        *ORIGINAL[1:3],
        "South Korea said it was watching the trip closely.",
    )
    copies = wire_copies([original, article("edited", edited)], {"original": [("edited", 0.9, "wire-copy")]})
    assert all(copy.cut == () and copy.added == () for copy in copies)


def test_the_closest_sibling_is_compared() -> None:
    original = article("original", ORIGINAL, agencies=("Yonhap",))
    close = article("close", ORIGINAL[:3])
    far = article("far", REPRINT)
    links = {
        "close": [("original", 0.9, "wire-copy"), ("far", 0.5, "wire-copy")],
        "far": [("original", 0.6, "wire-copy")],
    }
    copies = {copy.article_id: copy for copy in wire_copies([original, close, far], links)}
    assert copies["close"].copy_of == ("original", "far")
    assert texts(copies["close"].cut) == ["South Korea said it was watching the trip closely."]
    assert copies["close"].added == ()


@pytest.mark.parametrize(
    ("paragraphs", "agency"),
    [
        (("WASHINGTON (AP) — The Senate passed the bill on Friday.",), "Associated Press"),
        (("The Senate passed the bill on Friday, lawmakers said. (AP)",), "Associated Press"),
        (("The Senate passed the bill on Friday, lawmakers said. — Reuters",), "Reuters"),
        (("PARIS (AFP) - Protesters marched through the capital.", "Police counted 10,000."), "AFP"),
        (("The envoy told Yonhap News Agency that talks would go on.", "Talks resume next week."), None),
    ],
)
def test_agency_credits_in_the_text(paragraphs: tuple[str, ...], agency: str | None) -> None:
    assert agency_credit(article("a", paragraphs)) == agency


def test_an_uncredited_near_duplicate_is_a_copy_without_agency() -> None:
    first, second = article("first", UNCREDITED), article("second", UNCREDITED[:1])
    copies = wire_copies([first, second], {"first": [("second", 0.7, "near-duplicate")]})
    assert [(copy.article_id, copy.agency, copy.copy_of) for copy in copies] == [
        ("first", None, ("second",)),
        ("second", None, ("first",)),
    ]


def test_the_agency_own_story_is_the_original_not_a_copy() -> None:
    wire = article("wire", ORIGINAL, agencies=("Yonhap",), outlet="Yonhap")
    reprint = article("reprint", REPRINT)
    copies = wire_copies([wire, reprint], {"wire": [("reprint", 0.8, "wire-copy")]})
    assert [(copy.article_id, copy.agency, copy.copy_of) for copy in copies] == [("reprint", "Yonhap", ("wire",))]


def test_links_to_articles_outside_the_story_are_ignored() -> None:
    copies = wire_copies([article("a", UNCREDITED)], {"a": [("elsewhere", 0.9, "near-duplicate")]})
    assert copies == []
