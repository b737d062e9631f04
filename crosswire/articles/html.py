"""Main text and page metadata from one HTML news page.

trafilatura finds the article body and strips menus, share bars, related links and comments;
htmldate searches a page for its date. Neither says where an answer came from, and both reduce a
date to a day, while the time and zone decide which of two reports came first. So the metadata is
gathered here as evidence, each piece with the place it came from: the tags publishers fill for
search engines and social networks (JSON-LD, Open Graph, schema.org microdata, `<time datetime>`),
the dateline and byline the page prints around its headline, the URL, and the libraries' answers.
crosswire.articles.metadata weighs the evidence.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import htmldate
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import set_date_params

from crosswire.articles import lang
from crosswire.articles.bylines import is_placeholder, parse_byline_line, parse_credit
from crosswire.articles.dates import decide_day_first, find_dates, parse_date_string
from crosswire.articles.language import detect_language
from crosswire.articles.layout import BLOCK_TAGS, MAX_DATELINE_WORDS, Layout, Line, fold, page_layout, visible_lines
from crosswire.articles.metadata import (
    DERIVED_FROM_HEADING,
    BylineEvidence,
    DateEvidence,
    choose_byline,
    choose_headline,
    choose_page_dates,
)
from crosswire.records import Byline, Meta, PageDate, Provenance

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting",
    "BlogPosting", "Report", "SatiricalArticle", "ScholarlyArticle", "TechArticle",
})  # fmt: skip
PUBLISHED_METAS = ("article:published_time", "og:article:published_time", "og:published_time")
MODIFIED_METAS = ("article:modified_time", "og:article:modified_time", "og:updated_time")
OTHER_PUBLISHED_METAS = (
    "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
)  # fmt: skip
AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
LANGUAGE_HINT_CONFIDENCE = 0.6
TRAFILATURA_SITENAME = "trafilatura sitename"
MAX_FURNITURE_WORDS = 12

# How strongly each kind of source speaks for the publication day (crosswire.articles.metadata votes).
DATE_WEIGHTS = {
    "json-ld": 3.0,
    "published meta": 3.0,
    "microdata": 2.0,
    "time": 2.0,
    "other meta": 1.5,
    "printed, labelled": 2.5,
    "printed": 2.0,
    "printed after the body": 0.5,
    "url": 2.0,
    "htmldate, printed": 1.0,
    "htmldate": 0.5,
}

# Parts of a page that carry dates and names that are not the article's own, named by a class or id
# token that starts with one of these words ("comments", "related-posts", "sidebar_left"); a word
# later in a token ("category-popular", "elementor-widget") describes something else.
_CHROME = re.compile(
    r"(?:^|\s)(?:comments?|related\w*|recommend\w*|more|most|popular|trending|ranking|promo"
    r"|sidebar|nav|navigation|menu|breadcrumbs?)(?=$|[\s_-])",
    re.I,
)
_CAPTION = re.compile(r"(?:^|\s)(?:wp-)?(?:caption|credits?|copyright|image-credit|photo-credit)(?=$|[\s_-])", re.I)
_COMMENT = re.compile(r"comment", re.I)
_MODIFIED_WORDS = re.compile(r"updat|modif|edited|revised|aktualisiert|geändert|mis à jour|actualizado", re.I)
_AUTHOR_CLASS = re.compile(r"author|byline|autor|verfasser|auteur|writer|creator", re.I)
_AUTHOR_HREF = re.compile(r"/(?:author|authors|autor|autoren|auteur|autores|profile|profil|user|members?)/", re.I)
_BYLINE_PARTS = re.compile(r"\s*[|•·/–—]\s*|\s-\s|\s{2,}")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_]|\.html?|$)|/([0-3]\d)-([01]\d)-((?:19|20)\d{2})(?:/|$)"
)
_LOCALE = re.compile(r"[a-z]{2}[-_][a-z]{2}", re.I)
MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "PW"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class ExtractionError(ValueError):
    """The page has no article text; `reason` says why, for a Rejection."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class HtmlExtraction:
    """Body paragraphs and the page's metadata, each value with the evidence behind it."""

    paragraphs: tuple[str, ...]
    title: Meta[str]
    byline: Meta[Byline]
    sitename: Meta[str]
    published: Meta[str]
    modified: Meta[str]
    language: Meta[str]
    language_hint: Meta[str]
    canonical_url: Meta[str]
    page_dates: tuple[PageDate, ...] = ()


Candidate = tuple[str, str]  # (evidence, value)


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """The article in `html`; raises ExtractionError when the page has no main text."""
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares an encoding
    tree = _parse(html)
    document = _main_text(html, url)
    page = _Page(tree, document, url)
    titles = page.titles()
    lines = visible_lines(tree)
    paragraphs = page.without_chrome(_paragraphs(document, {fold(value) for _, value in titles}), lines)
    hint = _meta(_first(page.languages()))
    language = _language(paragraphs, hint)
    languages = lang.reading_languages(language.value, hint.value)
    paragraphs = _without_furniture(paragraphs, languages)
    if not paragraphs:
        raise ExtractionError("no article text found in HTML")
    layout = page_layout(lines, [value for _, value in titles], paragraphs[0], paragraphs[-1])
    site_names = _site_names(page, url)
    dates = choose_page_dates(page.date_evidence(layout, html, languages))
    return HtmlExtraction(
        paragraphs,
        title=choose_headline(titles, layout.headline, site_names, languages),
        byline=choose_byline(page.byline_evidence(layout, languages), site_names),
        sitename=_meta(_first(page.sitenames())),
        published=dates.published,
        modified=dates.modified,
        language=language,
        language_hint=hint,
        canonical_url=_meta(_first(page.canonical_urls())),
        page_dates=dates.page_dates,
    )


def _parse(html: str) -> Any:
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise ExtractionError(f"no article text found in HTML: the document is empty ({error})") from error


def _main_text(html: str, url: str | None) -> Any:
    """trafilatura's result in its balanced mode, tables kept: its precision mode loses article paragraphs,
    and what the balanced mode lets through from menus, comments and related links is taken out after
    (`_Page.without_chrome`, `_without_furniture`)."""
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=set_date_params(extensive=False),  # htmldate runs on its own below
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None


def _paragraphs(document: Any, titles: set[str]) -> tuple[str, ...]:
    lines = [" ".join(line.split()) for line in (document.text if document else "").split("\n")]
    paragraphs = [line for line in lines if line]
    if paragraphs and fold(paragraphs[0]) in titles:
        paragraphs = paragraphs[1:]
    return tuple(paragraphs)


def _without_furniture(paragraphs: tuple[str, ...], languages: tuple[str, ...]) -> tuple[str, ...]:
    """The paragraphs without short lines of page furniture ("Read more: …", "Auch lesen:", "Síguenos en …")."""
    starts = lang.merged(languages).boilerplate_starts
    return tuple(paragraph for paragraph in paragraphs if not _is_furniture(paragraph, starts))


def _is_furniture(paragraph: str, starts: tuple[str, ...]) -> bool:
    if len(paragraph.split()) > MAX_FURNITURE_WORDS:
        return False
    text = paragraph.casefold()
    return any(text.startswith(start) and not text[len(start) : len(start) + 1].isalnum() for start in starts)


def _language(paragraphs: tuple[str, ...], hint: Meta[str]) -> Meta[str]:
    """The body's language as detected; the page's declared language when the text is too short to tell."""
    detected, probability = detect_language("\n".join(paragraphs))
    declared = _language_code(hint.value)
    if detected and (probability >= LANGUAGE_HINT_CONFIDENCE or not declared):
        return Meta(detected, Provenance.INFERRED, probability, f"py3langid; page declares {declared or 'nothing'}")
    if declared:
        return Meta(declared, Provenance.HTML_META, 0.6, hint.evidence)
    return Meta()


def _language_code(tag: str | None) -> str | None:
    return (tag or "").split("-")[0].split("_")[0].lower() or None


def _site_names(page: _Page, url: str | None) -> list[str]:
    """The site's names (og:site_name, publisher, domain), to keep them out of titles and bylines.

    trafilatura's site name is left out: it guesses it, at times from the headline itself.
    """
    names = [value for evidence, value in page.sitenames() if evidence != TRAFILATURA_SITENAME]
    host = urlsplit(url or "").hostname or ""
    if host:
        domain = host.removeprefix("www.")
        names += [domain, domain.rsplit(".", 1)[0]]
    return names


class _Page:
    """Metadata candidates from one parsed page, each list ordered from most to least trusted."""

    def __init__(self, tree: Any, document: Any, url: str | None) -> None:
        self.tree = tree
        self.document = document
        self.url = url
        self.metas = _meta_index(tree)
        self.article, self.graph = _json_ld_article(tree)
        self.article_type = next((kind for kind in _types(self.article) if kind in ARTICLE_TYPES), "")
        self.scope = _article_scope(tree)
        # The elements holding the body's lines, with how many each (keeping lxml's element proxies, and so
        # their identity, alive), and how many lines were found.
        self.content: Counter[Any] = Counter()
        self.content_lines = 0

    def meta(self, *keys: str) -> list[Candidate]:
        return [found for key in keys for found in self.metas.get(key, [])]

    def ld(self, key: str) -> list[Candidate]:
        value = _ld_text(self.article.get(key)) if self.article else None
        return [(f"json-ld {self.article_type}.{key}", value)] if value else []

    # --- dates -----------------------------------------------------------------------------

    def date_evidence(self, layout: Layout, html: str, languages: tuple[str, ...]) -> list[DateEvidence]:
        """Every date the page states for itself, tagged, printed, in its URL, or found by htmldate."""
        locale = _locale_day_first(languages, self.region())
        sources = [
            ("json-ld", self.ld("datePublished"), "published"),
            ("published meta", self.meta(*PUBLISHED_METAS), "published"),
            ("microdata", self.itemprops("datePublished"), "published"),
            ("time", [found for found, modified in self.article_times() if not modified], "published"),
            ("other meta", self.meta(*OTHER_PUBLISHED_METAS), "published"),
            ("json-ld", self.ld("dateModified"), "modified"),
            ("published meta", self.meta(*MODIFIED_METAS), "modified"),
            ("microdata", self.itemprops("dateModified"), "modified"),
            ("time", [found for found, modified in self.article_times() if modified], "modified"),
        ]
        tagged = [item for kind, found, role in sources for item in self._parsed(kind, found, role, locale)]
        found = tagged + self._printed_dates(layout, languages, locale, tagged) + self._url_date()
        return found + self._htmldate(html, layout, languages, found)

    def _parsed(self, kind: str, candidates: list[Candidate], role: str, day_first: bool | None) -> list[DateEvidence]:
        found = []
        for evidence, raw in _cleaned(candidates):
            value = parse_date_string(raw, day_first)
            if value:
                found.append(DateEvidence(value, evidence, role, DATE_WEIGHTS[kind]))
        return found

    def _printed_dates(
        self,
        layout: Layout,
        languages: tuple[str, ...],
        locale: bool | None,
        tagged: list[DateEvidence],
    ) -> list[DateEvidence]:
        """Dates printed around the headline (a dateline) and just after the body ("Posted on …").

        Numeric dates read day or month first as the page's tagged dates show, else as its locale
        writes them (htmldate's day is no evidence: it read the same digits). A date inside a
        sentence is not a dateline.
        """
        placed = [(line, "printed") for line in layout.header() if len(line.text.split()) <= MAX_DATELINE_WORDS]
        placed += [(line, "printed after the body") for line in layout.footer()]
        mentions = [(line, kind, mention) for line, kind in placed for mention in find_dates(line.text, languages)]
        others = [mention for item in tagged for mention in find_dates(item.value)]
        day_first, _, reason = decide_day_first([mention for _, _, mention in mentions] + others, locale)
        found = []
        for line, kind, mention in mentions:
            value = mention.resolve(day_first)
            if value is None:
                continue
            role = mention.label or "published"
            if self.in_chrome(line.element):
                role = "chrome"
            weight = DATE_WEIGHTS["printed, labelled" if mention.label and kind == "printed" else kind]
            order = f", {reason}" if mention.ambiguous_order else ""
            found.append(DateEvidence(value, f'{kind}: "{_quote(line.text)}"{order}', role, weight, local_day=True))
        return found

    def _url_date(self) -> list[DateEvidence]:
        match = _URL_DATE.search(urlsplit(self.url or "").path)
        if not match:
            return []
        year, month, day = match.groups()[:3] if match.group(1) else match.groups()[3:][::-1]
        try:
            value = date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return []
        return [
            DateEvidence(value, f"URL {match.group(0).strip('/')}", "published", DATE_WEIGHTS["url"], local_day=True)
        ]

    def _htmldate(
        self, html: str, layout: Layout, languages: tuple[str, ...], found: list[DateEvidence]
    ) -> list[DateEvidence]:
        """htmldate's day, located: a date of our own evidence, printed on the page (in the chrome it is
        chrome), or in markup htmldate reads and crosswire does not. A day only its extensive search finds
        (in links, image paths, scripts) is a guess: listed, never the publication date."""
        day = _htmldate_day(html, self.url, extensive=True)
        if not day:
            return []
        if any(item.value[:10] == day and item.role != "chrome" for item in found):
            return [DateEvidence(day, "htmldate", "published", DATE_WEIGHTS["htmldate"])]
        printed = [
            line
            for line in layout.lines
            if any(
                mention.resolve(True) == day or mention.resolve(False) == day
                for mention in find_dates(line.text, languages)
            )
        ]
        readable = [line for line in printed if not self.in_chrome(line.element)]
        if readable:
            source = f'htmldate, printed: "{_quote(readable[0].text)}"'
            return [DateEvidence(day, source, "published", DATE_WEIGHTS["htmldate, printed"])]
        if printed:
            return [DateEvidence(day, f'htmldate, printed in page chrome: "{_quote(printed[0].text)}"', "chrome", 0.0)]
        if _htmldate_day(html, self.url, extensive=False) == day:
            return [DateEvidence(day, "htmldate, from the page's markup", "published", DATE_WEIGHTS["htmldate"])]
        return [DateEvidence(day, "htmldate's extensive search, not printed on the page", "unconfirmed", 0.0)]

    def itemprops(self, prop: str) -> list[Candidate]:
        found = []
        for element in self.tree.xpath(f'//*[@itemprop="{prop}"]'):
            value = element.get("content") or element.get("datetime") or element.text_content()
            if not self.in_chrome(element):
                found.append((f'{element.tag}[itemprop="{prop}"]', value))
        return _cleaned(found)

    def in_chrome(self, element: Any) -> bool:
        """Chrome is judged below the article (or body): the page's own wrappers do not count, nor do
        the containers of the article's text, whatever their names ("widget Blog", "content sidebar")."""
        inside = self.scope is not None and any(node is self.scope for node in element.iterancestors())
        stop = self.scope if inside else self.tree.find("body")
        node = element
        while node is not None and node is not stop:
            if node.tag == "nav" or (_chrome_named(node, asides=not inside) and not self._holds_content(node)):
                return True
            node = node.getparent()
        return False

    def _holds_content(self, node: Any) -> bool:
        """Whether `node` holds at least half of the body's lines: the article's container, not chrome."""
        return bool(self.content_lines) and 2 * self.content[node] >= self.content_lines

    def without_chrome(self, paragraphs: tuple[str, ...], lines: tuple[Line, ...]) -> tuple[str, ...]:
        """trafilatura's paragraphs without those the page prints only in navigation, comments or related links.

        Each paragraph is found among the page's lines; the containers of most of them are the
        article's, whatever their names, and are never chrome.
        """
        where: dict[str, list[Line]] = {}
        for line in lines:
            where.setdefault(fold(line.text), []).append(line)
        found = [(paragraph, where.get(fold(paragraph), [])) for paragraph in paragraphs]
        self.content_lines = sum(1 for _, located in found if located)
        for _, located in found:
            if located:
                self.content.update([located[0].element, *located[0].element.iterancestors()])
        return tuple(
            paragraph
            for paragraph, located in found
            if not located or not all(self.in_chrome(line.element) or _in_caption(line.element) for line in located)
        )

    def article_times(self) -> Iterator[tuple[Candidate, bool]]:
        """`<time datetime>` inside the article (not in its comments or related links)."""
        if self.scope is None:
            return
        for time in self.scope.iter("time"):
            value = _clean(time.get("datetime"))
            if value and not self.in_chrome(time):
                yield (f"time[datetime] in <{self.scope.tag}>", value), _is_modified_time(time)

    # --- titles, names, bylines ------------------------------------------------------------

    def titles(self) -> list[Candidate]:
        found = [*self.ld("headline"), *self.meta("og:title", "twitter:title"), *self.itemprops("headline")]
        if self.document and self.document.title:
            found.append((DERIVED_FROM_HEADING, self.document.title))
        title = self.tree.find(".//title")
        if title is not None and title.text_content().strip():
            found.append(("title", title.text_content()))
        return _cleaned(found)

    def sitenames(self) -> list[Candidate]:
        publisher = self._resolve(self.article.get("publisher")) if self.article else None
        name = _ld_text(publisher.get("name")) if isinstance(publisher, dict) else None
        found = self.meta("og:site_name")
        found += [(f"json-ld {self.article_type}.publisher.name", name)] if name else []
        found += self.meta("application-name")
        if self.document and self.document.sitename:
            found.append((TRAFILATURA_SITENAME, self.document.sitename))
        return _cleaned(found)

    def byline_evidence(self, layout: Layout, languages: tuple[str, ...]) -> list[BylineEvidence]:
        """Every source that credits people, most trusted first, each credit read as names."""
        found: list[BylineEvidence] = []
        for evidence, credits, organisation in self._author_sources(layout):
            byline = _merged_credits(credits, languages, handles=True)
            if byline:
                found.append(BylineEvidence(byline, evidence, organisation=organisation))
        found += self._printed_bylines(layout, languages)
        if self.document and self.document.author:
            byline = _merged_credits(self.document.author.split(";"), languages, handles=True)
            if byline:
                found.append(BylineEvidence(byline, "trafilatura author"))
        return found

    def _author_sources(self, layout: Layout) -> Iterator[tuple[str, list[str], bool]]:
        if self.article:
            people, organisations = self._ld_names(self.article.get("author"))
            yield f"json-ld {self.article_type}.author", people, False
            yield f"json-ld {self.article_type}.author (organisation)", organisations, True
        yield '[itemprop="author"]', self._scoped_names('.//*[@itemprop="author"]'), False
        yield 'a[rel="author"]', self._scoped_names('.//a[@rel="author"]'), False
        yield "author link near the headline", _author_links(layout), False
        for evidence, value in self.meta(*AUTHOR_METAS):
            if not urlsplit(value).scheme:  # article:author is often a profile URL
                yield evidence, [value], False

    def _printed_bylines(self, layout: Layout, languages: tuple[str, ...]) -> list[BylineEvidence]:
        """Bylines printed near the headline or after the body: 'Von Anna Weber', '04.02.2022 | Dennis Steimels'."""
        found = []
        for where, lines in (("near the headline", layout.header()), ("after the body", layout.footer())):
            for line in lines:
                if self.in_chrome(line.element):
                    continue
                byline = _printed_byline(line, languages)
                if byline:
                    found.append(BylineEvidence(byline, f'printed {where}: "{_quote(line.text)}"'))
        return found

    def _ld_names(self, value: Any) -> tuple[list[str], list[str]]:
        """JSON-LD author names: people (and plain strings), and organisations apart."""
        items = value if isinstance(value, list) else [value]
        people: list[str] = []
        organisations: list[str] = []
        for item in map(self._resolve, items):
            name = _ld_text(item.get("name") if isinstance(item, dict) else item) or ""
            is_organisation = isinstance(item, dict) and "Organization" in _types(item)
            (organisations if is_organisation else people).append(name)
        return people, organisations

    def _scoped_names(self, xpath: str) -> list[str]:
        """The names the first byline of the article marks up: those in the same block as the first one
        (a list of contributors further down the page is not the byline)."""
        scope = self.scope if self.scope is not None else self.tree
        elements = [element for element in scope.xpath(xpath) if not self.in_chrome(element)]
        if not elements:
            return []
        block = _block_of(elements[0])
        names = []
        for element in elements:
            if element is elements[0] or any(node is block for node in element.iterancestors()):
                named = element.xpath('.//*[@itemprop="name"]')
                target = named[0] if named else element
                names.append(target.get("content") or target.text_content())
        return names

    def _resolve(self, value: Any) -> Any:
        """A JSON-LD node given only by reference ({"@id": ...}) replaced by the node itself."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.graph.get(value["@id"], value)
        return value

    def region(self) -> str | None:
        """The country of the page's locale, as its language tags ("en-GB", "en_US") or its URL ("/en-gb/") say."""
        tags = [value for _, value in self.languages()]
        tags += [segment for segment in urlsplit(self.url or "").path.split("/") if _LOCALE.fullmatch(segment)]
        for tag in tags:
            parts = tag.replace("_", "-").split("-")
            if len(parts) > 1 and len(parts[1]) == 2:
                return parts[1].upper()
        return None

    def languages(self) -> list[Candidate]:
        found = [("html[lang]", self.tree.get("lang") or self.tree.get(_XML_LANG))]
        found += self.meta("og:locale", "content-language", "language", "dc.language")
        found += self.ld("inLanguage")
        return _cleaned(found)

    def canonical_urls(self) -> list[Candidate]:
        links = [
            ('link[rel="canonical"]', link.get("href"))
            for link in self.tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ]
        og_urls = _cleaned(self.meta("og:url"))
        base = self.url or (og_urls[0][1] if og_urls else "")
        resolved = [(evidence, urljoin(base, href.strip())) for evidence, href in _cleaned(links)]
        absolute = [found for found in resolved + og_urls if urlsplit(found[1]).scheme]
        return absolute or resolved


def _htmldate_day(html: str, url: str | None, *, extensive: bool) -> str | None:
    """htmldate's answer for the publication day: from the markup alone, or searching the whole page."""
    try:
        return htmldate.find_date(html, url=url, original_date=True, extensive_search=extensive)
    except (ValueError, TypeError, etree.LxmlError):
        return None


# --- bylines printed on the page -------------------------------------------------------------


def _printed_byline(line: Line, languages: tuple[str, ...]) -> Byline | None:
    """A byline printed as one ('By …', 'Von …', also beside a date: '06.11.2023 13:30 von Olga'), or the
    names in an element the page marks as its byline or author (class "author", "byline", "autor")."""
    rest = line.text
    for mention in reversed(find_dates(line.text, languages)):
        rest = rest[: mention.start] + " | " + rest[mention.end :]
    parts = [part for part in _BYLINE_PARTS.split(rest) if part.strip()]
    marked = bool(_AUTHOR_CLASS.search(_names(line.element)))
    for part in parts:
        byline = parse_byline_line(part, languages) or (parse_credit(part, languages) if marked else None)
        if byline and byline.authors:
            return byline
    return None


def _author_links(layout: Layout) -> list[str]:
    """Names linked to an author page (/author/…, /autor/…) in the first line that has any, around the
    headline or after the body."""
    for line in [*layout.header(), *layout.footer()]:
        names = [
            link.text_content()
            for link in line.element.iter("a")
            if _AUTHOR_HREF.search(link.get("href") or "") and link.text_content().strip()
        ]
        if names:
            return names
    return []


def _block_of(element: Any) -> Any:
    """The nearest block-level ancestor of an inline element (the element itself when it is a block)."""
    for node in (element, *element.iterancestors()):
        if isinstance(node.tag, str) and node.tag in BLOCK_TAGS:
            return node
    return element


def _merged_credits(credits: Iterable[str], languages: tuple[str, ...], *, handles: bool) -> Byline | None:
    authors: list[str] = []
    agencies: list[str] = []
    for credit in credits:
        if not credit or is_placeholder(credit, languages):
            continue
        parsed = parse_credit(credit, languages, handles=handles)
        if parsed:
            authors += [name for name in parsed.authors if name not in authors]
            agencies += [name for name in parsed.agencies if name not in agencies]
    return Byline(tuple(authors), tuple(agencies)) if authors or agencies else None


def _locale_day_first(languages: tuple[str, ...], region: str | None) -> bool | None:
    """How the page's locale writes numeric dates: en-US month first, en-GB day first, German day first."""
    if languages and languages[0] == "en" and region:
        return region not in MONTH_FIRST_REGIONS
    words = lang.words(languages[0]) if languages else None
    return words.numeric_day_first if words else None


def _quote(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- page structure --------------------------------------------------------------------------


def _meta_index(tree: Any) -> dict[str, list[Candidate]]:
    """Each meta key (lower-cased property, name or http-equiv) with its contents in page order."""
    index: dict[str, list[Candidate]] = {}
    for meta in tree.iter("meta"):
        content = _clean(meta.get("content"))
        for attribute in ("property", "name", "http-equiv"):
            key = (meta.get(attribute) or "").strip()
            if key and content:
                index.setdefault(key.lower(), []).append((f'meta[{attribute}="{key}"]', content))
    return index


def _article_scope(tree: Any) -> Any:
    """The element holding the article: the first <article> that is not a comment, else <main>."""
    for article in tree.iter("article"):
        if not _COMMENT.search(_names(article)):
            return article
    return tree.find(".//main")


def _in_caption(element: Any) -> bool:
    """Whether `element` is (inside) a picture's caption or credit: <figcaption>, or a class naming one."""
    return any(
        isinstance(node.tag, str) and (node.tag == "figcaption" or bool(_CAPTION.search(_names(node))))
        for node in (element, *element.iterancestors())
    )


def _chrome_named(node: Any, *, asides: bool) -> bool:
    """Whether an element is navigation, comments or related links by its tag or names (an <aside>
    inside the article is its own box of facts, outside it a sidebar)."""
    if not isinstance(node.tag, str):
        return False
    return node.tag == "nav" or (asides and node.tag == "aside") or bool(_CHROME.search(_names(node)))


def _is_modified_time(time: Any) -> bool:
    parent = time.getparent()
    context = " ".join(filter(None, [time.get("itemprop"), _names(time), _names(parent), parent.text]))
    previous = time.getprevious()
    if previous is not None:
        context += " " + (previous.tail or "")
    return bool(_MODIFIED_WORDS.search(context)) or time.get("itemprop") == "dateModified"


def _names(element: Any) -> str:
    if element is None or not isinstance(element.tag, str):
        return ""
    return f"{element.get('class') or ''} {element.get('id') or ''}"


# --- JSON-LD ---------------------------------------------------------------------------------


def _json_ld_article(tree: Any) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """The page's article node (NewsArticle etc.), and every node by @id to resolve references."""
    nodes: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            nodes.extend(_nodes(_load_json(script.text or "")))
    graph = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    article = next((node for node in nodes if ARTICLE_TYPES & set(_types(node))), None)
    return article, graph


def _load_json(text: str) -> Any:
    text = re.sub(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$", "", text.strip())
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError:
        return None


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every node in a JSON-LD block: top-level, inside @graph lists, and main entities."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        yield from _nodes(data.get("@graph"))
        yield from _nodes(data.get("mainEntity"))


def _types(node: dict[str, Any] | None) -> list[str]:
    kind = (node or {}).get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [item.rsplit("/", 1)[-1] for item in kinds if isinstance(item, str)] or [""]


def _ld_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    return _clean(html_entities.unescape(value)) if isinstance(value, str) else None


# --- choosing --------------------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _cleaned(candidates: Iterable[tuple[str, str | None]]) -> list[Candidate]:
    return [(evidence, text) for evidence, value in candidates if (text := _clean(value))]


def _first(candidates: list[Candidate]) -> Candidate | None:
    return next(iter(_cleaned(candidates)), None)


def _meta(candidate: Candidate | None, confidence: float = 0.85) -> Meta[str]:
    return Meta(candidate[1], Provenance.HTML_META, confidence, candidate[0]) if candidate else Meta()
