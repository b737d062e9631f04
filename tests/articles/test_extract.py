"""Whether a document holds an article: the minimum length, with and without a stated headline."""

from __future__ import annotations

import pytest

from crosswire.articles.extract import extract_article
from crosswire.articles.html import ExtractionError
from crosswire.config import Settings
from crosswire.records import InputFormat, RawDocument, SuppliedFields

TITLE = "Trump says summit with North Korea may not work out for June 12."
LEAD = "President hints that China may be undermining the talks."


def test_a_records_stated_headline_counts_towards_the_minimum() -> None:
    raw = RawDocument("feed.jsonl#7", InputFormat.TEXT, LEAD, record=True, supplied=SuppliedFields(title=TITLE))
    article = extract_article(raw, Settings(min_article_chars=80))
    assert article.headline.value == TITLE
    assert article.text == LEAD


def test_a_dumps_own_headline_does_not_count() -> None:
    lead = "President hints that China is undermining the talks with the North."
    raw = RawDocument("page.txt", InputFormat.TEXT, f"{TITLE}\n\n{lead}")
    assert extract_article(raw, Settings(min_article_chars=60)).text == lead
    with pytest.raises(ExtractionError, match=r"too little article text \(67 characters\)"):
        extract_article(raw, Settings(min_article_chars=80))


def test_a_record_below_the_minimum_even_with_its_headline_is_refused() -> None:
    raw = RawDocument("feed.jsonl#8", InputFormat.TEXT, LEAD, record=True, supplied=SuppliedFields(title="Talks"))
    with pytest.raises(ExtractionError, match=r"56 characters and 5 in the title the record states"):
        extract_article(raw, Settings(min_article_chars=80))
