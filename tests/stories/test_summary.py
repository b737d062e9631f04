import re

import pytest
from rapidfuzz import fuzz

from crosswire.pipeline import extract
from crosswire.records import Article, Citation
from crosswire.stories.embeddings import embed
from crosswire.stories.summary import clean_headline, story_title, summarize
from tests.conftest import SEEDS
from tests.factories import make_article

NORTH_KOREA = re.compile(r"\b(?:North|N\.) Korea")


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    articles = [item for item in extract([str(SEEDS)]) if isinstance(item, Article)]
    assert len(articles) == 5
    return articles


@pytest.fixture(scope="session")
def seed_summary(seed_articles: list[Article]) -> list[Citation]:
    return summarize(seed_articles)


def article(article_id: str, paragraphs: tuple[str, ...], headline: str | None = None, outlet: str | None = None):
    return make_article(article_id, paragraphs, headline=headline, outlet=outlet)


def test_summary_is_short_and_every_sentence_cites_story_articles(
    seed_summary: list[Citation], seed_articles: list[Article]
) -> None:
    ids = {item.id for item in seed_articles}
    assert 1 <= len(seed_summary) <= 5
    for citation in seed_summary:
        assert citation.articles
        assert set(citation.articles) <= ids
        assert len(set(citation.articles)) == len(citation.articles)


def test_the_widely_carried_warning_is_cited_by_several_outlets(seed_summary: list[Citation]) -> None:
    assert max(len(citation.articles) for citation in seed_summary) >= 3
    assert any("pay" in citation.text and len(citation.articles) >= 3 for citation in seed_summary)


def test_summary_sentences_come_from_the_articles(seed_summary: list[Citation], seed_articles: list[Article]) -> None:
    texts = {article.id: " ".join(article.text.split()) for article in seed_articles}
    for citation in seed_summary:
        assert any(citation.text in texts[article_id] for article_id in citation.articles)


def test_no_two_summary_sentences_are_near_duplicates(seed_summary: list[Citation]) -> None:
    texts = [citation.text for citation in seed_summary]
    vectors = embed(texts)
    for first in range(len(texts)):
        for second in range(first + 1, len(texts)):
            assert float(vectors[first] @ vectors[second]) < 0.85
            assert fuzz.token_set_ratio(texts[first], texts[second]) < 85


def test_title_is_a_central_headline_about_north_korea(seed_articles: list[Article]) -> None:
    title = story_title(seed_articles)
    assert NORTH_KOREA.search(title)
    assert title in {clean_headline(item) for item in seed_articles}


@pytest.mark.parametrize(
    ("headline", "outlet", "expected"),
    [
        ("US warns North Korea would pay a price | CNN", "CNN", "US warns North Korea would pay a price"),
        ("Seoul raises alert level - The Korea Herald", None, "Seoul raises alert level"),
        ("Kim arrives in Russia — Al Jazeera", "Al Jazeera", "Kim arrives in Russia"),
        (
            "Harris: arms deal would be a mistake - analysts say",
            None,
            "Harris: arms deal would be a mistake - analysts say",
        ),
    ],
)
def test_headlines_lose_outlet_suffixes(headline: str, outlet: str | None, expected: str) -> None:
    assert clean_headline(article("a", ("Text.",), headline, outlet)) == expected


def test_without_headlines_the_title_is_the_first_summary_sentence_shortened() -> None:
    paragraph = (
        "The city council approved a new budget on Monday after a long debate about funding for schools, "
        "roads and the public library system."
    )
    title = story_title([article("a", (paragraph,)), article("b", (paragraph,))])
    assert title and len(title.split()) <= 15
    assert paragraph.startswith(title.rstrip("…"))


def test_questions_and_dangling_sentences_are_left_out_when_there_is_better() -> None:
    story = [
        article("a", ("Flooding closed the main highway into the city on Tuesday morning, officials said. "
                      "Will the highway reopen before the weekend holiday traffic arrives? "
                      "The state transport department said repairs to the highway could take several weeks.",)),
        article("b", ("Officials said floods closed the main highway into the city on Tuesday. "
                      "It was the third time this year that the road had been shut down.",)),
    ]  # fmt: skip
    texts = [citation.text for citation in summarize(story, max_sentences=2)]
    assert texts and not any(text.endswith("?") or text.startswith("It ") for text in texts)


def test_an_empty_story_has_an_empty_summary() -> None:
    assert summarize([]) == []
    assert summarize([article("a", ("Too short.",))]) == []
