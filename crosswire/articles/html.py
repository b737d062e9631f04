"""Main text and page metadata from one HTML news page.

trafilatura finds the article body and strips menus, share bars, related links and comments. It
reduces dates to a day, though, and the time and zone decide which of two reports came first, so
the metadata is read here from the tags publishers fill for search engines and social networks
(JSON-LD, Open Graph, schema.org microdata, `<time datetime>`), keeping the tag each value came
from as evidence. Dates stay raw strings; crosswire.articles.dates parses them.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import set_date_params

ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting",
    "BlogPosting", "Report", "SatiricalArticle", "ScholarlyArticle", "TechArticle",
})  # fmt: skip
PUBLISHED_METAS = ("article:published_time", "og:article:published_time", "og:published_time")
MODIFIED_METAS = ("article:modified_time", "og:article:modified_time", "og:updated_time")
OTHER_PUBLISHED_METAS = (
    "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
)  # fmt: skip
AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")

# Parts of a page that carry dates and names that are not the article's own.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:comments?|related\w*|recommend\w*|more|most|popular|trending|ranking|promo|widget"
    r"|sidebar|nav|navigation|menu)(?=$|[\s_-])",
    re.I,
)
_COMMENT = re.compile(r"comment", re.I)
_MODIFIED_WORDS = re.compile(r"updat|modif|edited|revised", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_ZONE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2}|(?![AP]M\b)[A-Z]{2,5})\b")
_WORDS = re.compile(r"\w+")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class ExtractionError(ValueError):
    """The page has no article text; `reason` says why, for a Rejection."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class HtmlExtraction:
    """Body paragraphs and the page's own metadata.

    `evidence` names the tag behind each value, under the keys title, authors, sitename,
    published, modified, language and canonical_url.
    """

    paragraphs: tuple[str, ...]
    title: str | None = None
    authors: tuple[str, ...] = ()
    sitename: str | None = None
    published_raw: str | None = None
    modified_raw: str | None = None
    language_hint: str | None = None
    canonical_url: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


Candidate = tuple[str, str]  # (evidence, value)


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """The article in `html`; raises ExtractionError when the page has no main text."""
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares an encoding
    tree = _parse(html)
    document = _main_text(html, url)
    page = _Page(tree, document, url)
    titles = page.titles()
    paragraphs = _paragraphs(document, {_fold(value) for _, value in titles})
    if not paragraphs:
        raise ExtractionError("no article text found in HTML")
    chosen: dict[str, Candidate | None] = {
        "title": _first(titles),
        "sitename": _first(page.sitenames()),
        "published": _most_precise(page.published()) or _first(page.published_fallbacks()),
        "modified": _most_precise(page.modified()),
        "language": _first(page.languages()),
        "canonical_url": _first(page.canonical_urls()),
    }
    authors = page.authors()
    evidence = {name: pick[0] for name, pick in chosen.items() if pick}
    if authors:
        evidence["authors"] = authors[0]
    value = {name: pick[1] if pick else None for name, pick in chosen.items()}
    return HtmlExtraction(
        paragraphs,
        title=value["title"],
        authors=authors[1] if authors else (),
        sitename=value["sitename"],
        published_raw=value["published"],
        modified_raw=value["modified"],
        language_hint=value["language"],
        canonical_url=value["canonical_url"],
        evidence=evidence,
    )


def _parse(html: str) -> Any:
    try:
        return lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise ExtractionError(f"no article text found in HTML: the document is empty ({error})") from error


def _main_text(html: str, url: str | None) -> Any:
    """trafilatura's result in precision mode: its recall mode fills chrome-only pages with menus."""
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=set_date_params(extensive=False),  # no guessing from footers
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None


def _paragraphs(document: Any, titles: set[str]) -> tuple[str, ...]:
    lines = [" ".join(line.split()) for line in (document.text if document else "").split("\n")]
    paragraphs = [line for line in lines if line]
    if paragraphs and _fold(paragraphs[0]) in titles:
        paragraphs = paragraphs[1:]
    return tuple(paragraphs)


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

    def meta(self, *keys: str) -> list[Candidate]:
        return [found for key in keys for found in self.metas.get(key, [])]

    def ld(self, key: str) -> list[Candidate]:
        value = _ld_text(self.article.get(key)) if self.article else None
        return [(f"json-ld {self.article_type}.{key}", value)] if value else []

    def published(self) -> list[Candidate]:
        return [
            *self.ld("datePublished"),
            *self.meta(*PUBLISHED_METAS),
            *self.itemprops("datePublished"),
            *(found for found, modified in self.article_times() if not modified),
        ]

    def published_fallbacks(self) -> list[Candidate]:
        found = self.meta(*OTHER_PUBLISHED_METAS)
        date = self.document.date if self.document else None
        return [*found, ("trafilatura (htmldate)", date)] if date else found

    def modified(self) -> list[Candidate]:
        return [
            *self.ld("dateModified"),
            *self.meta(*MODIFIED_METAS),
            *self.itemprops("dateModified"),
            *(found for found, modified in self.article_times() if modified),
        ]

    def itemprops(self, prop: str) -> list[Candidate]:
        found = []
        for element in self.tree.xpath(f'//*[@itemprop="{prop}"]'):
            value = element.get("content") or element.get("datetime") or element.text_content()
            if not self.in_chrome(element):
                found.append((f'{element.tag}[itemprop="{prop}"]', value))
        return _cleaned(found)

    def in_chrome(self, element: Any) -> bool:
        """Chrome is judged below the article (or body): the page's own wrappers do not count."""
        inside = self.scope is not None and any(node is self.scope for node in element.iterancestors())
        return _in_chrome(element, self.scope if inside else self.tree.find("body"))

    def article_times(self) -> Iterator[tuple[Candidate, bool]]:
        """`<time datetime>` inside the article (not in its comments or related links)."""
        if self.scope is None:
            return
        for time in self.scope.iter("time"):
            value = _clean(time.get("datetime"))
            if value and not self.in_chrome(time):
                yield (f"time[datetime] in <{self.scope.tag}>", value), _is_modified_time(time)

    def titles(self) -> list[Candidate]:
        found = [*self.ld("headline"), *self.meta("og:title", "twitter:title"), *self.itemprops("headline")]
        if self.document and self.document.title:
            found.append(("trafilatura title", self.document.title))
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
            found.append(("trafilatura sitename", self.document.sitename))
        return _cleaned(found)

    def authors(self) -> tuple[str, tuple[str, ...]] | None:
        """The first source that names authors, with all the names it gives."""
        for evidence, names in self._author_sources():
            cleaned = tuple(dict.fromkeys(filter(None, map(_clean, names))))
            if cleaned:
                return evidence, cleaned
        return None

    def _author_sources(self) -> Iterator[tuple[str, list[str]]]:
        if self.article:
            yield f"json-ld {self.article_type}.author", self._ld_names(self.article.get("author"))
        for evidence, value in self.meta(*AUTHOR_METAS):
            if not urlsplit(value).scheme:  # article:author is often a profile URL
                yield evidence, [value]
        yield '[itemprop="author"]', self._scoped_names('.//*[@itemprop="author"]')
        yield 'a[rel="author"]', self._scoped_names('.//a[@rel="author"]')
        if self.document and self.document.author:
            yield "trafilatura author", self.document.author.split(";")

    def _ld_names(self, value: Any) -> list[str]:
        items = value if isinstance(value, list) else [value]
        names = []
        for item in map(self._resolve, items):
            name = item.get("name") if isinstance(item, dict) else item
            names.append(_ld_text(name) or "")
        return names

    def _scoped_names(self, xpath: str) -> list[str]:
        scope = self.scope if self.scope is not None else self.tree
        names = []
        for element in scope.xpath(xpath):
            if self.in_chrome(element):
                continue
            named = element.xpath('.//*[@itemprop="name"]')
            target = named[0] if named else element
            names.append(target.get("content") or target.text_content())
        return names

    def _resolve(self, value: Any) -> Any:
        """A JSON-LD node given only by reference ({"@id": ...}) replaced by the node itself."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.graph.get(value["@id"], value)
        return value

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


def _in_chrome(element: Any, stop: Any) -> bool:
    """Whether `element` sits in comments, related links or other chrome below `stop`."""
    node = element
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and _CHROME.search(_names(node)):
            return True
        node = node.getparent()
    return False


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


def _most_precise(candidates: list[Candidate]) -> Candidate | None:
    """The date that says the most (day < time < time with zone), the most trusted among equals."""
    found = _cleaned(candidates)
    return max(found, key=lambda candidate: _precision(candidate[1]), default=None)


def _precision(value: str) -> int:
    return 1 + bool(_TIME_OF_DAY.search(value)) + bool(_ZONE.search(value))


def _fold(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))
