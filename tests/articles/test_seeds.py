"""The five seed pages end to end: what each page itself states, the whole body, no boilerplate."""

from pathlib import Path

import pytest

from crosswire.articles.extract import extract_article
from crosswire.records import InputFormat, RawDocument

from ..conftest import SEEDS

EXPECTED = {
    "000_1ef1f934efd9def7.txt": {
        "headline": "VP Harris says N. Korea-Russia arms deal would be “huge mistake”",
        "outlet": "The Hankyoreh",
        "byline": ["Lee Bon-young"],
        "agencies": [],
        "published": "2023-09-12T13:45:00+09:00",
        "modified": "2023-09-12T14:34:00+09:00",
        "first": "Washington has continually issued warnings",
        "last": "Bloomberg reported Monday",
    },
    "001_3b5a6a830a045bf7.txt": {
        "headline": "North will 'pay a price' for any arms supplies to Russia, U.S. says",
        "outlet": "Korea JoongAng Daily",
        "byline": ["Sarah Kim"],
        "agencies": [],
        "published": None,
        "modified": None,
        "first": "National Security Adviser Jake Sullivan warned",
        "last": '"No UN member state should violate',
    },
    "002_119857f54e03030d.txt": {
        "headline": "US warns North Korea would ‘pay a price’ for any arms deal with Russia",
        "outlet": "CNN",
        "byline": [],
        "agencies": [],
        "published": None,
        "modified": None,
        "first": "US officials have warned North Korea",
        "last": "Multiple North Korean intercontinental ballistic missile tests",
    },
    "003_d31118fea0c2a849.txt": {
        "headline": "White House urges N. Korea not to provide weapons to Russia",
        "outlet": "The Korea Herald",
        "byline": [],
        "agencies": ["Yonhap"],
        "published": "2023-09-12T09:40:00",
        "modified": None,
        "first": "The White House called on North Korea",
        "last": '"I will remind both countries',
    },
    "004_5c50e6d7c74a4350.txt": {
        "headline": "Consequences for North Korea if it Supplies Arms to Russia in Ukraine’s War",
        "outlet": None,
        "byline": [],
        "agencies": [],
        "published": "2023-09-05T19:41:15",
        "modified": "2023-09-05T22:31:00+03:00",
        "first": "A senior White House official warned Tuesday",
        "last": "According to the same source, Russia is running out",
    },
}
BOILERPLATE = (
    "Most viewed", "Related stories", "Please direct questions", "button that move", "Home >", "print dictionary",
    "Log in to", "To write comments", "Standards Board", "lock icon", "Source link", "Please enter",
    "Advertisment", "Most Popular", "Recent Comments", "Link copied", "Leave a Comment", "Akismet", "#White",
    "Home »", "HomeWorld", "stand for a photo", "speaks during a press briefing", "speaks to the media",
    "Police and military personnel are spotted", "Kim (left) and Putin", "Shoigu (right)", "Posted on",
    "Published :", "Last update", "By Lee Bon-young", "BY SARAH KIM", "By Yonhap", "The Korea Herald\n",
)  # fmt: skip


def _extract(path: Path):
    return extract_article(RawDocument(str(path), InputFormat.TEXT, path.read_text("utf-8")))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata_is_what_the_page_states(name: str) -> None:
    expected = EXPECTED[name]
    summary = _extract(SEEDS / name).summary()
    for field in ("headline", "outlet", "byline", "agencies", "published", "modified"):
        assert summary[field] == expected[field], field
    assert summary["language"] == "en"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_body_is_whole_and_clean(name: str) -> None:
    article = _extract(SEEDS / name)
    assert article.paragraphs[0].startswith(EXPECTED[name]["first"])
    assert article.paragraphs[-1].startswith(EXPECTED[name]["last"])
    text = article.text + "\n"
    for chrome in BOILERPLATE:
        assert chrome not in text, chrome
    raw_lines = {" ".join(line.split()) for line in (SEEDS / name).read_text("utf-8").splitlines()}
    assert all(paragraph in raw_lines for paragraph in article.paragraphs)


def test_body_keeps_every_paragraph_of_a_seed() -> None:
    article = _extract(SEEDS / "004_5c50e6d7c74a4350.txt")
    assert len(article.paragraphs) == 29
    assert "Putin-Kim summit" in article.paragraphs


def test_aggregator_today_date_is_chrome_not_publication() -> None:
    article = _extract(SEEDS / "002_119857f54e03030d.txt")
    assert article.published.value is None
    assert [(date.value, date.role) for date in article.page_dates] == [("2024-06-18", "chrome")]


def test_provenance_is_recorded() -> None:
    metadata = _extract(SEEDS / "000_1ef1f934efd9def7.txt").metadata()
    assert metadata["published"]["provenance"] == "text-pattern"
    assert metadata["outlet"]["evidence"] == "e-mail domain: english@hani.co.kr"
    assert 0 < metadata["published"]["confidence"] <= 1
