"""RawDocument in, Article out: clean body text and metadata with provenance."""

from __future__ import annotations

import hashlib
import re

from crosswire.articles.bylines import parse_credit
from crosswire.articles.dates import parse_date_string
from crosswire.articles.html import ExtractionError, HtmlExtraction, extract_html
from crosswire.articles.language import detect_language
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

LANGUAGE_HINT_CONFIDENCE = 0.6


def extract_article(raw: RawDocument, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Clean one document; raises ExtractionError when it holds no article text."""
    article = _from_html(raw) if raw.format is InputFormat.HTML else _from_dump(raw)
    if len(article.text) < settings.min_article_chars:
        raise ExtractionError(f"too little article text ({len(article.text)} characters)")
    return article


def article_id(text: str) -> str:
    """A content address: the same text under any path or URL gets the same id."""
    normal = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _from_dump(raw: RawDocument) -> Article:
    dump = classify_dump(raw.content, known_headline=raw.supplied.title)
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
    url = raw.url or page.canonical_url
    evidence = page.evidence
    return _assemble(
        raw,
        page.paragraphs,
        headline=best(
            [
                supplied.get("headline", Meta()),
                Meta(page.title, Provenance.HTML_META, 0.9, evidence.get("title")) if page.title else Meta(),
            ]
        ),
        outlet=best(
            [
                supplied.get("outlet", Meta()),
                outlet_from_name(page.sitename, Provenance.HTML_META, 0.85, evidence.get("sitename", "site name")),
                outlet_from_url(url),
            ]
        ),
        byline=best([supplied.get("byline", Meta()), _html_byline(page)]),
        published=best([supplied.get("published", Meta()), _html_date(page.published_raw, evidence.get("published"))]),
        modified=_html_date(page.modified_raw, evidence.get("modified")),
        language=_html_language(page),
        url=url,
    )


def _html_byline(page: HtmlExtraction) -> Meta[Byline]:
    authors: list[str] = []
    agencies: list[str] = []
    for credit in page.authors:
        parsed = parse_credit(credit)
        if parsed:
            authors += [name for name in parsed.authors if name not in authors]
            agencies += [name for name in parsed.agencies if name not in agencies]
    if not authors and not agencies:
        return Meta()
    return Meta(Byline(tuple(authors), tuple(agencies)), Provenance.HTML_META, 0.85, page.evidence.get("authors"))


def _html_date(raw_value: str | None, evidence: str | None) -> Meta[str]:
    value = parse_date_string(raw_value) if raw_value else None
    return Meta(value, Provenance.HTML_META, 0.9, evidence or raw_value) if value else Meta()


def _html_language(page: HtmlExtraction) -> Meta[str]:
    detected, probability = detect_language("\n".join(page.paragraphs))
    hint = (page.language_hint or "").split("-")[0].split("_")[0].lower() or None
    if detected and (probability >= LANGUAGE_HINT_CONFIDENCE or not hint):
        return Meta(detected, Provenance.INFERRED, probability, f"py3langid; page declares {hint or 'nothing'}")
    if hint:
        return Meta(hint, Provenance.HTML_META, 0.6, "html lang attribute")
    return Meta()


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
