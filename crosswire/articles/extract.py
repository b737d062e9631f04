"""RawDocument in, Article out: clean body text and metadata with provenance."""

from __future__ import annotations

import hashlib
import re

from crosswire.articles.html import ExtractionError, extract_html
from crosswire.articles.metadata import (
    best,
    choose_dates,
    dump_byline,
    dump_headline,
    dump_outlets,
    outlet_from_name,
    outlet_from_url,
    supplied_candidates,
)
from crosswire.articles.outlets import by_name
from crosswire.articles.textdump import classify_dump
from crosswire.config import DEFAULT_SETTINGS, Settings
from crosswire.records import Article, Byline, InputFormat, Meta, PageDate, Provenance, RawDocument


def extract_article(raw: RawDocument, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Clean one document; raises ExtractionError when it holds no article text.

    The minimum length (`Settings.min_article_chars`) is there to refuse what is no article (a
    cookie wall, a gallery page, a menu the cleaner mistook for text). A JSON record states its
    headline, and a headline with a one-sentence lead is a whole item as news feeds and APIs
    deliver it, so a record's stated title counts towards the minimum with its text; an extracted
    headline does not, since a page with a title and no article is what the minimum is for.
    """
    article = _from_html(raw) if raw.format is InputFormat.HTML else _from_dump(raw)
    stated = len(raw.supplied.title.strip()) if raw.record and raw.supplied.title else 0
    if stated + len(article.text) < settings.min_article_chars:
        with_title = f" and {stated} in the title the record states" if stated else ""
        raise ExtractionError(f"too little article text ({len(article.text)} characters{with_title})")
    return article


def article_id(text: str) -> str:
    """A content address: the same text under any path or URL gets the same id."""
    normal = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _from_dump(raw: RawDocument) -> Article:
    dump = classify_dump(raw.content, known_headline=raw.supplied.title, record=raw.record)
    supplied = supplied_candidates(raw.supplied)
    headline, suffix_outlet = dump_headline(dump)
    outlet = best([supplied.get("outlet", Meta()), suffix_outlet, *dump_outlets(dump), outlet_from_url(raw.url)])
    entry = by_name(outlet.value) if outlet.value else None
    dates = choose_dates(dump, entry)
    language = (
        Meta(dump.language, Provenance.INFERRED, dump.language_confidence, "py3langid") if dump.language else Meta()
    )
    return _assemble(
        raw,
        dump.paragraphs,
        headline=best([supplied.get("headline", Meta()), headline]),
        outlet=outlet,
        byline=best([supplied.get("byline", Meta()), dump_byline(dump)]),
        published=best([supplied.get("published", Meta()), dates.published]),
        modified=dates.modified,
        language=language,
        page_dates=dates.page_dates,
    )


def _from_html(raw: RawDocument) -> Article:
    page = extract_html(raw.content, raw.url)
    supplied = supplied_candidates(raw.supplied)
    sitename = page.sitename
    return _assemble(
        raw,
        page.paragraphs,
        headline=best([supplied.get("headline", Meta()), page.title]),
        outlet=best(
            [
                supplied.get("outlet", Meta()),
                outlet_from_name(sitename.value, Provenance.HTML_META, 0.85, sitename.evidence or "site name"),
                outlet_from_url(raw.url or page.canonical_url.value),
            ]
        ),
        byline=best([supplied.get("byline", Meta()), page.byline]),
        published=best([supplied.get("published", Meta()), page.published]),
        modified=page.modified,
        language=page.language,
        page_dates=page.page_dates,
        url=raw.url or page.canonical_url.value,
    )


def _assemble(
    raw: RawDocument,
    paragraphs: tuple[str, ...],
    *,
    headline: Meta[str],
    outlet: Meta[str],
    byline: Meta[Byline],
    published: Meta[str],
    modified: Meta[str],
    language: Meta[str],
    page_dates: tuple[PageDate, ...] = (),
    url: str | None = None,
) -> Article:
    text = "\n\n".join(paragraphs)
    if not text.strip():
        raise ExtractionError("no article text found")
    return Article(
        id=article_id(text),
        source=raw.source,
        paragraphs=paragraphs,
        headline=headline,
        outlet=outlet,
        byline=byline,
        published=published,
        modified=modified,
        language=language,
        url=url or raw.url,
        record_id=raw.record_id,
        page_dates=page_dates,
        warnings=raw.warnings,
    )
