"""Bylines: the people credited with an article, and wire agencies kept apart from them.

How a credit opens ("By", "Von", "Par", "Por"), how names are joined and which words are never
a name are language data (crosswire.articles.lang). A line of text must look like a byline and
name people written as names; a credit from an author field of the page's markup may also be a
handle ("gnaddrig", "peta-team"), as long as it is not a placeholder such as "admin".
"""

from __future__ import annotations

import re
from functools import cache

from crosswire.articles import lang
from crosswire.articles.outlets import agencies_named_in, by_name
from crosswire.records import Byline

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|de|at|ch|fr|es|it|uk|info|eu)\b", re.I)
_HANDLE_MENTION = re.compile(r"(?<!\w)@\w+")  # a social-media handle beside the name
_BRACKETED = re.compile(r"[\[(<{][^\])>}]*[\])>}]")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|[A-Z]{2,}[\w'’-]*)$")
_HANDLE = re.compile(r"^[^\W_][\w.'’-]*$")
_UNCASED_SCRIPT = re.compile(r"[\u0590-\u06ff\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af]")
MAX_BYLINE_WORDS = 14
MAX_NAME_WORDS = 5


def email_addresses(text: str) -> list[str]:
    return _EMAIL.findall(text)


def parse_byline_line(line: str, languages: tuple[str, ...] | None = None) -> Byline | None:
    """A byline from a line such as 'BY SARAH KIM [kim.sarah@joongang.co.kr]', 'Von Anna Weber' or 'By Yonhap'."""
    if len(line.split()) > MAX_BYLINE_WORDS:
        return None
    words = lang.merged(languages)
    credits = [
        rest
        for segment in line.split(";")
        if not _other_role(segment, words) and (rest := _after_prefix(segment, words)) is not None
    ]
    return parse_credit(", ".join(credits), languages) if credits else None


def parse_credit(credit: str, languages: tuple[str, ...] | None = None, *, handles: bool = False) -> Byline | None:
    """Split a credit into people and agencies; None when it names neither.

    `handles` accepts what an author field may hold besides names written as names: user names
    and newsroom credits in one to five words.
    """
    words = lang.merged(languages)
    agencies = agencies_named_in(credit)
    cleaned = _BRACKETED.sub(" ", _HANDLE_MENTION.sub(" ", _EMAIL.sub(" ", credit)))
    cleaned = re.split(r"\s[|–—-]\s|\s{2,}", cleaned.strip())[0]
    cleaned = _after_prefix(cleaned, words) or cleaned
    authors: list[str] = []
    for part in _name_split(words.name_joiners).split(cleaned):
        name = _person_name(part, words) or (_handle(part, words) if handles else None)
        if name and not _is_outlet(name) and name not in authors:
            authors.append(name)
    if not authors and not agencies:
        return None
    return Byline(tuple(authors), agencies)


def is_placeholder(credit: str, languages: tuple[str, ...] | None = None) -> bool:
    """Whether a credit names no one ("admin", "Autor", a web address)."""
    folded = " ".join(credit.casefold().strip(" .:,;").split())
    return not folded or folded in lang.merged(languages).not_names or bool(_URL.search(folded))


def _after_prefix(segment: str, words: lang.MetadataWords) -> str | None:
    """What follows a byline opener ('By', 'Written by', 'Von', 'Text:'), or None without one."""
    match = _prefix_pattern(words.byline_prefixes).match(segment)
    return match.group("rest") if match else None


def _other_role(segment: str, words: lang.MetadataWords) -> bool:
    return bool(_role_pattern(words.other_roles).match(segment))


@cache
def _prefix_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """A prefix ending in ':' needs it ('Text: …'); the others need a colon or a space after them."""
    alternatives = [re.escape(prefix) + (r"\s*" if prefix.endswith(":") else r"(?::\s*|\s+)") for prefix in prefixes]
    return re.compile(r"^\s*(?:" + "|".join(alternatives) + r")(?P<rest>\S.*)$", re.I | re.S)


@cache
def _role_pattern(roles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^\s*(?:" + "|".join(map(re.escape, roles)) + r")(?![^\W\d_])", re.I)


@cache
def _name_split(joiners: tuple[str, ...]) -> re.Pattern[str]:
    words = [re.escape(joiner) for joiner in joiners if joiner.isalpha()]
    return re.compile(r"\s*(?:,|;|&|\||\s/\s|\b(?:" + "|".join(words) + r")\b)\s*", re.I)


def _person_name(part: str, words: lang.MetadataWords) -> str | None:
    tokens = _without_trailing_particles(part.strip(" .:").split())
    if _UNCASED_SCRIPT.search(part):
        return " ".join(tokens) if 1 <= len(tokens) <= 4 and not re.search(r"\d", part) else None
    if not 2 <= len(tokens) <= MAX_NAME_WORDS:
        return None
    if any(token.lower().strip(".,") in words.role_words for token in tokens):
        return None
    if not all(_NAME_WORD.match(token) for token in tokens) or not tokens[0][0].isupper():
        return None
    return " ".join(_name_case(token) for token in tokens)


def _handle(part: str, words: lang.MetadataWords) -> str | None:
    """A user name or newsroom credit as an author field gives it ('gnaddrig', 'Redaktion', 'HLNF Staff Report')."""
    tokens = part.strip(" .:").split()
    if not 1 <= len(tokens) <= MAX_NAME_WORDS or is_placeholder(part) or re.fullmatch(r"[\d\W]+", part):
        return None
    if len(tokens) == 1 and not _HANDLE.match(tokens[0]):
        return None
    if any(token.lower() in words.role_words for token in tokens) and len(tokens) == 1:
        return None
    return " ".join(tokens)


def _without_trailing_particles(tokens: list[str]) -> list[str]:
    """A name never ends in a lower-case particle: 'Miami Today on' (… a date) is 'Miami Today'."""
    while len(tokens) > 1 and tokens[-1].islower() and len(tokens[-1]) <= 3:
        tokens = tokens[:-1]
    return tokens


def _name_case(word: str) -> str:
    """SARAH -> Sarah, but keep mixed-case forms (McDonald, Bon-young) as written."""
    if word.isupper() and len(word) > 1:
        return "-".join(piece.capitalize() for piece in word.split("-"))
    return word


def _is_outlet(name: str) -> bool:
    """A wire agency (credited apart) or a news outlet the registry knows: not a person."""
    return by_name(name) is not None
