"""Shared story fixtures: the analysed seed story, and builders for small hand-made articles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from crosswire.records import Analysis, Article, PageDate
from tests.conftest import SEEDS
from tests.factories import make_article


@dataclass(frozen=True)
class SeedStory:
    """The five seed articles, their analyses, and their ids by file prefix ("000" ... "004")."""

    articles: list[Article]
    analyses: dict[str, Analysis]
    ids: dict[str, str]


@pytest.fixture(scope="session")
def seed_story() -> SeedStory:
    from crosswire.analysis.analyze import analyze_texts
    from crosswire.pipeline import extract

    articles = [item for item in extract([str(SEEDS)]) if isinstance(item, Article)]
    analyses = analyze_texts([(a.text, a.published.value) for a in articles])
    by_id = {a.id: analysis for a, analysis in zip(articles, analyses, strict=True)}
    ids = {Path(a.source).name[:3]: a.id for a in articles}
    return SeedStory(articles, by_id, ids)


def article(
    article_id: str,
    text: str,
    outlet: str | None = None,
    published: str | None = None,
    page_dates: Iterable[PageDate] = (),
) -> Article:
    """A minimal clean article: one paragraph per blank-line-separated block of `text`."""
    return make_article(
        article_id, tuple(text.split("\n\n")), outlet=outlet, published=published, page_dates=page_dates
    )


def span(text: str, part: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the `occurrence`-th `part` in `text`, for hand-built analyses."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)
