"""Bylines: the people credited with an article, and wire agencies kept apart from them."""

from __future__ import annotations

import re

from crosswire.articles.outlets import agencies_named_in, by_name
from crosswire.records import Byline

_BYLINE_START = re.compile(r"^\s*(?:written\s+|reporting\s+|words\s+|story\s+)?by[:\s]+(?P<rest>.+)$", re.I)
_OTHER_ROLE = re.compile(r"^\s*(?:editing|edited|additional reporting|compiled|translated|graphics?|photos?)\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BRACKETED = re.compile(r"[\[(<{][^\])>}]*[\])>}]")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|[A-Z]{2,}[\w'’-]*)$")
_ROLE_WORDS = {
    "correspondent", "reporter", "editor", "staff", "writer", "columnist", "bureau", "chief", "contributor",
    "senior", "special", "political", "washington", "seoul", "london", "desk", "news", "analyst", "producer",
    "photographer", "agencies", "team", "newsroom",
}  # fmt: skip
_UNCASED_SCRIPT = re.compile(r"[\u0590-\u06ff\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af]")
MAX_BYLINE_WORDS = 14


def email_addresses(text: str) -> list[str]:
    return _EMAIL.findall(text)


def parse_byline_line(line: str) -> Byline | None:
    """A byline from a line such as 'BY SARAH KIM [kim.sarah@joongang.co.kr]' or 'By Yonhap'."""
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    credits = [
        match.group("rest")
        for segment in line.split(";")
        if not _OTHER_ROLE.match(segment) and (match := _BYLINE_START.match(segment))
    ]
    return parse_credit(", ".join(credits)) if credits else None


def parse_credit(credit: str) -> Byline | None:
    """Split a credit into people and agencies; None when it names neither."""
    agencies = agencies_named_in(credit)
    cleaned = _BRACKETED.sub(" ", _EMAIL.sub(" ", credit))
    cleaned = re.split(r"\s[|–—-]\s|\s{2,}", cleaned)[0]
    authors: list[str] = []
    for part in _NAME_SPLIT.split(cleaned):
        name = _person_name(part)
        if name and not _is_agency(name) and name not in authors:
            authors.append(name)
    if not authors and not agencies:
        return None
    return Byline(tuple(authors), agencies)


def _person_name(part: str) -> str | None:
    words = part.strip(" .:").split()
    if _UNCASED_SCRIPT.search(part):
        return " ".join(words) if 1 <= len(words) <= 4 and not re.search(r"\d", part) else None
    if not 2 <= len(words) <= 5:
        return None
    if any(word.lower().strip(".,") in _ROLE_WORDS for word in words):
        return None
    if not all(_NAME_WORD.match(word) for word in words) or not words[0][0].isupper():
        return None
    return " ".join(_name_case(word) for word in words)


def _name_case(word: str) -> str:
    """SARAH -> Sarah, but keep mixed-case forms (McDonald, Bon-young) as written."""
    if word.isupper() and len(word) > 1:
        return "-".join(piece.capitalize() for piece in word.split("-"))
    return word


def _is_agency(name: str) -> bool:
    entry = by_name(name)
    return bool(entry and entry.is_agency)
