"""Hand-built `Article` records for tests that need clean articles without running extraction."""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.records import Article, Byline, Meta, PageDate, Provenance


def make_article(
    article_id: str,
    paragraphs: tuple[str, ...],
    *,
    headline: str | None = None,
    outlet: str | None = None,
    agencies: tuple[str, ...] = (),
    published: str | None = None,
    page_dates: Iterable[PageDate] = (),
    source: str | None = None,
) -> Article:
    """An article whose given fields are supplied (as a JSON record's are) and the rest unknown."""
    return Article(
        id=article_id,
        source=source or f"{article_id}.txt",
        paragraphs=paragraphs,
        headline=_supplied(headline),
        outlet=_supplied(outlet),
        byline=Meta(Byline((), agencies), Provenance.SUPPLIED, 1.0) if agencies else Meta(),
        published=_supplied(published),
        modified=Meta(),
        language=Meta("en"),
        page_dates=tuple(page_dates),
    )


def _supplied(value: str | None) -> Meta[str]:
    return Meta(value, Provenance.SUPPLIED, 1.0) if value else Meta()
