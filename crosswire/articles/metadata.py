"""Choosing each metadata value from competing evidence, and saying where it came from.

Every source of evidence proposes `Meta` candidates; the most trusted provenance wins, then the
highest confidence. Dates get extra care: numeric dates are read day-first or month-first from
the page's own evidence, and a date in the page chrome never becomes the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from crosswire.articles.bylines import email_addresses, parse_byline_line, parse_credit
from crosswire.articles.dates import DateMention, decide_day_first, parse_date_string
from crosswire.articles.outlets import OutletEntry, by_domain, by_name, display_name_for_domain, domain_of
from crosswire.articles.textdump import TITLE_SUFFIX, Label, Line, TextDump
from crosswire.records import Byline, Meta, PageDate, Provenance, SuppliedFields

PROVENANCE_RANK = {
    Provenance.SUPPLIED: 4,
    Provenance.HTML_META: 3,
    Provenance.TEXT_PATTERN: 2,
    Provenance.INFERRED: 1,
    Provenance.NONE: 0,
}
MONTH_FIRST_COUNTRIES = {"US", "PH", "FM", "PW"}
US_ZONES = {"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "PT", "CT", "MT", "AKST", "HST"}
_TRAILING_CREDIT = re.compile(r"\((?P<credit>[A-Z][\w ./&-]{1,40})\)\s*$")


def best(candidates: Iterable[Meta]) -> Meta:
    """The candidate with the most trusted provenance, then the highest confidence."""
    known = [meta for meta in candidates if meta.known]
    if not known:
        return Meta()
    return max(known, key=lambda meta: (PROVENANCE_RANK[meta.provenance], meta.confidence))


@dataclass(frozen=True)
class DateChoice:
    published: Meta[str]
    modified: Meta[str]
    page_dates: tuple[PageDate, ...]


def supplied_candidates(supplied: SuppliedFields) -> dict[str, Meta]:
    """Fields a JSON record states; unparseable dates are dropped rather than trusted."""
    candidates: dict[str, Meta] = {}
    if supplied.title:
        candidates["headline"] = Meta(supplied.title.strip(), Provenance.SUPPLIED, 1.0, "record field 'title'")
    if supplied.outlet:
        candidates["outlet"] = Meta(supplied.outlet.strip(), Provenance.SUPPLIED, 1.0, "record field 'outlet'")
    if supplied.byline:
        byline = parse_credit(supplied.byline) or Byline((supplied.byline.strip(),))
        candidates["byline"] = Meta(byline, Provenance.SUPPLIED, 1.0, "record field 'byline'")
    if supplied.published:
        value = parse_date_string(supplied.published)
        if value:
            candidates["published"] = Meta(value, Provenance.SUPPLIED, 1.0, "record field 'published'")
    return candidates


def outlet_from_url(url: str | None) -> Meta[str]:
    domain = domain_of(url) if url else None
    if not domain:
        return Meta()
    known = by_domain(domain) is not None
    name = display_name_for_domain(domain)
    return Meta(name, Provenance.INFERRED, 0.7 if known else 0.5, f"URL domain {domain}")


def outlet_from_name(name: str | None, provenance: Provenance, confidence: float, evidence: str) -> Meta[str]:
    """A printed outlet name, spelled as the registry spells it when it knows the outlet."""
    if not name or not name.strip():
        return Meta()
    entry = by_name(name)
    return Meta(entry.name if entry else name.strip(), provenance, confidence, evidence)


def dump_headline(dump: TextDump) -> tuple[Meta[str], Meta[str]]:
    """The headline line, and the outlet named in its '| Outlet' suffix when it has one."""
    line = dump.headline
    if line is None:
        return Meta(), Meta()
    suffix = TITLE_SUFFIX.match(line.text)
    if suffix and _is_outlet_suffix(suffix.group("suffix")):
        outlet = outlet_from_name(suffix.group("suffix"), Provenance.TEXT_PATTERN, 0.85, f"title suffix: {line.text}")
        return Meta(suffix.group("title").strip(), Provenance.TEXT_PATTERN, 0.85, line.text), outlet
    return Meta(line.text, Provenance.TEXT_PATTERN, 0.8, f"line {line.index + 1}"), Meta()


def _is_outlet_suffix(suffix: str) -> bool:
    words = suffix.split()
    return bool(by_name(suffix)) or (len(words) <= 4 and all(word[:1].isupper() for word in words))


def dump_outlets(dump: TextDump) -> list[Meta[str]]:
    """Outlet evidence in a dump: the masthead line, and e-mail domains the registry knows."""
    candidates = [
        outlet_from_name(line.text, Provenance.TEXT_PATTERN, 0.9, f"masthead: {line.text}")
        for line in dump.labelled(Label.MASTHEAD)
    ]
    for line in dump.lines:
        for address in email_addresses(line.text):
            entry = by_domain(address.rsplit("@", 1)[1])
            if entry and not entry.is_agency:
                confidence = 0.8 if line.label is Label.BYLINE else 0.7
                candidates.append(Meta(entry.name, Provenance.TEXT_PATTERN, confidence, f"e-mail domain: {address}"))
    return candidates


def dump_byline(dump: TextDump) -> Meta[Byline]:
    """Authors and agencies from byline lines, plus a wire credit closing the body ('... (Yonhap)')."""
    authors: list[str] = []
    agencies: list[str] = []
    evidence: list[str] = []
    for line in dump.labelled(Label.BYLINE):
        byline = parse_byline_line(line.text)
        if byline:
            authors += [name for name in byline.authors if name not in authors]
            agencies += [name for name in byline.agencies if name not in agencies]
            evidence.append(line.text)
    agencies += [name for name in _closing_credit(dump) if name not in agencies]
    if not authors and not agencies:
        return Meta()
    return Meta(Byline(tuple(authors), tuple(agencies)), Provenance.TEXT_PATTERN, 0.85, " / ".join(evidence) or None)


def _closing_credit(dump: TextDump) -> tuple[str, ...]:
    body = dump.labelled(Label.BODY)
    match = _TRAILING_CREDIT.search(body[-1].text) if body else None
    credit = parse_credit(match.group("credit")) if match else None
    return credit.agencies if credit else ()


def choose_dates(dump: TextDump, country_hint: OutletEntry | None) -> DateChoice:
    """Publication and modification dates from the dump's date and byline lines.

    Where a date sits decides its role: labelled ones ('Posted on', 'Last update') say so;
    an unlabelled date above the headline is page chrome (an aggregator's 'today');
    under the headline it is the publication date; a bare timestamp at the foot comes last.
    """
    placed = _placed_mentions(dump)
    every = [mention for line in dump.lines for mention in line.dates]
    day_first, order_confidence, order_reason = decide_day_first(every, _locale_day_first(dump, country_hint))
    published: list[Meta[str]] = []
    modified: list[Meta[str]] = []
    page_dates: list[PageDate] = []
    for mention, region in placed:
        value = mention.resolve(day_first)
        if value is None:
            continue
        role, confidence = _role(mention, region)
        if mention.ambiguous_order:
            confidence = min(confidence, order_confidence)
        evidence = mention.text if not mention.ambiguous_order else f"{mention.text} ({order_reason})"
        page_dates.append(PageDate(value, role, evidence, None))
        meta = Meta(value, Provenance.TEXT_PATTERN, confidence, evidence)
        if role == "modified":
            modified.append(meta)
        elif role in {"published", "footer-timestamp"}:
            published.append(meta)
    chosen = _with_time_of_day(best(published), published)
    return DateChoice(chosen, best(modified), tuple(page_dates))


def _placed_mentions(dump: TextDump) -> list[tuple[DateMention, str]]:
    headline = dump.headline
    body = dump.labelled(Label.BODY, Label.HEADING)
    body_start = body[0].index if body else len(dump.lines)
    body_end = body[-1].index if body else len(dump.lines)
    placed: list[tuple[DateMention, str]] = []
    for line in dump.labelled(Label.DATELINE, Label.BYLINE):
        region = _region(line, headline, body_start, body_end)
        placed += [(mention, region) for mention in line.dates]
    return placed


def _region(line: Line, headline: Line | None, body_start: int, body_end: int) -> str:
    if headline is not None and line.index < headline.index:
        return "above-headline"
    if line.index < body_start:
        return "header"
    if line.index > body_end:
        return "footer"
    return "body"


def _role(mention: DateMention, region: str) -> tuple[str, float]:
    if mention.label == "modified":
        return "modified", 0.9
    if mention.label == "published":
        return "published", 0.9
    if region == "above-headline":
        return "chrome", 0.0
    if region == "header":
        return "published", 0.75
    if region == "footer":
        return "footer-timestamp", 0.5
    return "body", 0.0


def _with_time_of_day(chosen: Meta[str], candidates: list[Meta[str]]) -> Meta[str]:
    """A date-only publication date takes the time of a same-day timestamp elsewhere on the page."""
    if not chosen.known or "T" in (chosen.value or ""):
        return chosen
    for other in candidates:
        if other.value and "T" in other.value and other.value[:10] == chosen.value:
            return Meta(
                other.value,
                chosen.provenance,
                chosen.confidence,
                f"{chosen.evidence}; time from {other.evidence}",
            )
    return chosen


def _locale_day_first(dump: TextDump, outlet: OutletEntry | None) -> bool | None:
    """How the page's locale writes numeric dates: its zones, its outlet's country, its language."""
    zones = {mention.zone for line in dump.lines for mention in line.dates if mention.zone}
    if zones & US_ZONES:
        return False
    if zones:
        return True
    if outlet is not None:
        return outlet.country not in MONTH_FIRST_COUNTRIES
    if dump.language and dump.language != "en":
        return True
    return None
