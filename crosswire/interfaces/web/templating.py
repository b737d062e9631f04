"""The Jinja2 environment shared by the web pages and the HTML report: autoescaping everywhere."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path, PurePath
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from crosswire.analysis.readable_dates import published_range, readable_moment, readable_value
from crosswire.interfaces.dossier_view import action_words

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STYLESHEET = STATIC / "crosswire.css"
_OPENING, _CLOSING = '“‘„«「"', '”’»」"'
SNIPPET_MARKS = ("\ue000", "\ue001")  # private-use characters: escaped text never contains markup
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides, isolates
_ISOLATE_OPENERS, _ISOLATE_CLOSER = "\u2066\u2067\u2068", "\u2069"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=isolate_bidi,
    )
    env.filters["safe_url"] = safe_url
    env.filters["when"] = readable_moment
    env.filters["readable"] = readable_value
    env.filters["action"] = action_words
    env.globals["published_range"] = published_range
    env.filters["percent"] = lambda value: f"{float(value):.0%}"
    env.filters["snippet"] = snippet_markup
    env.filters["unquoted"] = unquoted
    env.filters["basename"] = lambda path: PurePath(path).name
    env.globals["entity_href"] = entity_href
    env.globals["story_href"] = lambda story_id: "/stories/" + quote(story_id, safe="")
    env.globals["article_href"] = lambda article_id: "/articles/" + quote(article_id, safe="")
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def isolate_bidi(value: object) -> object:
    """A value holding bidi controls, as an isolate: a right-to-left override in a headline reorders that
    headline, never the date or outlet beside it. Every value a template shows passes through here
    (the environment's `finalize`); a closer with no opener inside the value is dropped, so that it
    cannot end the isolate early."""
    if not isinstance(value, str) or not _BIDI_CONTROLS.search(value):
        return value
    kept, depth = [], 0
    for char in value:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    isolated = "\u2068" + "".join(kept) + _ISOLATE_CLOSER * (depth + 1)
    return Markup(isolated) if isinstance(value, Markup) else isolated


def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain web address; anything else (javascript:, data:, relative) is no link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def unquoted(text: str) -> str:
    """A quotation without the marks the article put around it, so a page can add its own; marks
    that pair with others inside the quotation are kept."""
    text = text.strip()
    if len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING:
        return text[1:-1].strip()
    if text[-1:] in _CLOSING and sum(text.count(m) for m in _CLOSING) > sum(text.count(m) for m in _OPENING):
        return text[:-1].rstrip()
    return text


def snippet_markup(snippet: str) -> Markup:
    """A search snippet escaped, then its match markers (set by the query) turned into <mark>."""
    opening, closing = SNIPPET_MARKS
    escaped = str(escape(snippet))
    return Markup(escaped.replace(opening, "<mark>").replace(closing, "</mark>"))


def stylesheet() -> Markup:
    """The stylesheet's text, for documents that must stand alone (the HTML report)."""
    return Markup(STYLESHEET.read_text("utf-8"))
