"""Who published a page: a registry of news outlets and wire agencies keyed by web domain.

A page names its outlet in many indirect ways (a masthead, a "| CNN" title suffix, a reporter's
e-mail domain, the URL); the registry turns each of those into one display name, and tells wire
agencies apart from outlets so a reprint can be credited to its agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit


@dataclass(frozen=True)
class OutletEntry:
    domain: str
    name: str
    is_agency: bool
    country: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@cache
def registry() -> tuple[OutletEntry, ...]:
    text = resources.files("crosswire.articles").joinpath("data/outlets.tsv").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        domain, name, kind, country, *rest = line.split("\t")
        aliases = tuple(alias for alias in (rest[0].split(";") if rest else []) if alias)
        entries.append(OutletEntry(domain.lower(), name, kind == "agency", country, aliases))
    return tuple(entries)


@cache
def _by_domain() -> dict[str, OutletEntry]:
    return {entry.domain: entry for entry in registry()}


@cache
def _by_name() -> dict[str, OutletEntry]:
    names: dict[str, OutletEntry] = {}
    for entry in registry():
        for name in entry.names:
            names.setdefault(_fold(name), entry)
    return names


def _fold(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


def by_domain(domain: str) -> OutletEntry | None:
    """The entry for a host name or one of its parent domains (edition.cnn.com -> cnn.com)."""
    parts = domain.lower().strip(".").removeprefix("www.").split(".")
    for index in range(len(parts) - 1):
        entry = _by_domain().get(".".join(parts[index:]))
        if entry:
            return entry
    return None


def by_name(name: str) -> OutletEntry | None:
    """The entry whose name or alias is exactly `name`, ignoring case, punctuation and a leading 'The'."""
    folded = _fold(name)
    return _by_name().get(folded) or _by_name().get(folded.removeprefix("the "))


def domain_of(url: str) -> str | None:
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


# The zone of each country in the registry that keeps one time zone (mainland, for Spain and Portugal);
# countries spanning several (US, Russia, Australia...) have none.
COUNTRY_ZONES = {
    "AE": "Asia/Dubai", "AR": "America/Argentina/Buenos_Aires", "BE": "Europe/Brussels", "CH": "Europe/Zurich",
    "CN": "Asia/Shanghai", "DE": "Europe/Berlin", "ES": "Europe/Madrid", "FR": "Europe/Paris", "GB": "Europe/London",
    "HK": "Asia/Hong_Kong", "IE": "Europe/Dublin", "IL": "Asia/Jerusalem", "IN": "Asia/Kolkata", "IT": "Europe/Rome",
    "JP": "Asia/Tokyo", "KE": "Africa/Nairobi", "KP": "Asia/Pyongyang", "KR": "Asia/Seoul", "LV": "Europe/Riga",
    "MY": "Asia/Kuala_Lumpur", "NG": "Africa/Lagos", "NZ": "Pacific/Auckland", "PK": "Asia/Karachi",
    "QA": "Asia/Qatar", "SA": "Asia/Riyadh", "SG": "Asia/Singapore", "TR": "Europe/Istanbul", "UA": "Europe/Kyiv",
    "ZA": "Africa/Johannesburg",
}  # fmt: skip


def zone_of(outlet: str | None, url: str | None) -> str | None:
    """The time zone an outlet publishes in, when its country keeps one (its page's clock, when it prints no zone)."""
    entry = (by_domain(domain) if url and (domain := domain_of(url)) else None) or (by_name(outlet) if outlet else None)
    return COUNTRY_ZONES.get(entry.country) if entry else None


def display_name_for_domain(domain: str) -> str:
    """A readable outlet name for a domain the registry does not know: the domain itself."""
    entry = by_domain(domain)
    return entry.name if entry else domain.lower().removeprefix("www.")


def agencies_named_in(text: str) -> tuple[str, ...]:
    """Wire agencies named as whole words in `text` ("By Yonhap", "(AP)", "Reuters/Yonhap")."""
    found: list[str] = []
    for entry in registry():
        if not entry.is_agency or entry.name in found:
            continue
        for name in entry.names:
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags=0 if len(name) <= 4 else re.I):
                found.append(entry.name)
                break
    return tuple(found)
