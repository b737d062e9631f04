"""Choosing each metadata value from competing evidence, and saying where it came from.

Every source of evidence proposes `Meta` candidates; the most trusted provenance wins, then the
highest confidence. Dates get extra care: numeric dates are read day-first or month-first from
the page's own evidence, and a date in the page chrome never becomes the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from crosswire.articles import lang, layout
from crosswire.articles.bylines import email_addresses, parse_byline_line, parse_credit
from crosswire.articles.dates import DateMention, day_of, decide_day_first, moment_of, parse_date_string, precision_of
from crosswire.articles.layout import fold
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


@dataclass(frozen=True)
class DateEvidence:
    """A date a page states, where it states it, and which date it says it is.

    `weight` is how strongly the source speaks for the publication day; `role` is "published",
    "modified", "chrome" for a date the page shows that is not the article's, or "unconfirmed" for a
    library's answer that nothing on the page bears out.
    """

    value: str
    source: str
    role: str
    weight: float
    local_day: bool = False  # printed for readers or in the URL: the day where the publisher is


@dataclass(frozen=True)
class BylineEvidence:
    """The people one source credits; `organisation` when it credits an organisation rather than people."""

    byline: Byline
    source: str
    organisation: bool = False


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


def choose_page_dates(evidence: list[DateEvidence]) -> DateChoice:
    """The publication day most of the page's evidence names, at the most precise value stated for it.

    Every source votes for its day with its weight; a UTC stamp first takes the local day and offset
    that the page states for the same moment elsewhere (see `_localised`). Chrome dates never vote.
    """
    localised = [_localised(item, evidence) for item in evidence]
    published = [item for item in localised if item.role == "published"]
    modified = [item for item in localised if item.role == "modified"]
    page_dates = tuple(PageDate(item.value, item.role, item.source, None) for item in localised)
    return DateChoice(_vote(published), _most_trusted(modified), page_dates)


def _vote(candidates: list[DateEvidence]) -> Meta[str]:
    scores: dict[date, float] = {}
    for day, group in _by_day(candidates).items():
        sources = {item.source: item.weight for item in group}
        scores[day] = sum(sources.values())
    if not scores:
        return Meta()
    winner = max(scores, key=lambda day: (scores[day], max(item.weight for item in _by_day(candidates)[day])))
    group = _by_day(candidates)[winner]
    chosen = max(group, key=lambda item: (precision_of(item.value), item.weight))
    share = scores[winner] / sum(scores.values())
    confidence = round(min(0.95, scores[winner] / (scores[winner] + 1.0)) * share, 2)
    others = [item.source for item in group if item is not chosen]
    note = f" (also {'; '.join(others)})" if others else ""
    return Meta(chosen.value, Provenance.HTML_META, confidence, chosen.source + note)


def _most_trusted(candidates: list[DateEvidence]) -> Meta[str]:
    if not candidates:
        return Meta()
    chosen = max(candidates, key=lambda item: (item.weight, precision_of(item.value)))
    return Meta(chosen.value, Provenance.HTML_META, round(chosen.weight / (chosen.weight + 1.0), 2), chosen.source)


def _by_day(candidates: list[DateEvidence]) -> dict[date, list[DateEvidence]]:
    days: dict[date, list[DateEvidence]] = {}
    for item in candidates:
        day = day_of(item.value)
        if day is not None:
            days.setdefault(day, []).append(item)
    return days


def _localised(item: DateEvidence, evidence: list[DateEvidence]) -> DateEvidence:
    """A UTC stamp in the local time the page states for the same moment, or on the local day it prints.

    Pages stamp `2022-05-04T03:37:37Z` in their markup and print "3 May, 11:37 pm" to readers: the
    article is of 3 May. The local rendering is another stamp of the same moment with its offset, a
    time without offset a whole number of quarter hours away with the same minutes, or a printed day
    next to the UTC day that some zone reaches at that moment.
    """
    moment = moment_of(item.value)
    if moment is None or moment.utcoffset() != timedelta(0) or item.role == "chrome":
        return item
    others = [other for other in evidence if other is not item and other.role == item.role]
    for other in others:
        stamped = moment_of(other.value)
        if stamped is None:
            continue
        offset = _same_moment_offset(moment, stamped)
        if offset is not None:
            local = moment.astimezone(timezone(offset)).isoformat()
            source = f"{item.source}, in the local time of {other.source}"
            return DateEvidence(local, source, item.role, item.weight, other.local_day)
    for other in others:
        if other.local_day and moment_of(other.value) is None and _reaches(moment, day_of(other.value)):
            day = other.value[:10]
            return DateEvidence(
                day, f"{item.source} ({item.value}), on the local day of {other.source}", item.role, item.weight
            )
    return item


def _same_moment_offset(utc: datetime, other: datetime) -> timedelta | None:
    """The local offset of `other` when it names the same moment as the UTC stamp `utc`."""
    if other.tzinfo is not None:
        offset = other.utcoffset()
        same = abs((other - utc).total_seconds()) <= 90
        return offset if same and offset else None
    if other.second and other.second != utc.second:
        return None  # a printed time without seconds matches to the minute
    difference = other.replace(second=0, microsecond=0) - utc.replace(tzinfo=None, second=0, microsecond=0)
    minutes = difference.total_seconds() / 60
    if not minutes or abs(minutes) > 14 * 60 or minutes % 15 or other.minute != utc.minute:
        return None
    return difference


def _reaches(moment: datetime, day: date | None) -> bool:
    """Whether some zone (UTC-12 to UTC+14) is on `day`, the day before or after the UTC day, at `moment`."""
    if day is None or day == moment.date():
        return False
    earliest = (moment - timedelta(hours=12)).date()
    latest = (moment + timedelta(hours=14)).date()
    return earliest <= day <= latest


def choose_byline(evidence: list[BylineEvidence], site_names: list[str]) -> Meta[Byline]:
    """The most trusted source's byline; an organisation, or the site crediting itself, only when no one else is."""
    sites = {fold(name) for name in site_names if fold(name)}
    ranked = []
    for rank, item in enumerate(evidence):
        names = [fold(name) for name in item.byline.authors]
        self_credit = bool(names) and all(name in sites for name in names)
        ranked.append((item.organisation or self_credit, rank, item))
    if not ranked:
        return Meta()
    demoted, _, chosen = min(ranked, key=lambda entry: entry[:2])
    agreeing = [item.source for _, _, item in ranked if item is not chosen and _same_people(item.byline, chosen.byline)]
    confidence = 0.5 if demoted else 0.75 if chosen.source.startswith(("printed", "trafilatura")) else 0.85
    if agreeing:
        confidence = min(0.95, confidence + 0.1)
    note = f" (also {'; '.join(agreeing)})" if agreeing else ""
    return Meta(chosen.byline, Provenance.HTML_META, confidence, chosen.source + note)


def _same_people(one: Byline, other: Byline) -> bool:
    return {fold(name) for name in one.authors} == {fold(name) for name in other.authors}


def choose_headline(
    titles: list[tuple[str, str]], shown: layout.Line | None, site_names: list[str], languages: tuple[str, ...]
) -> Meta[str]:
    """The headline: as the page shows it in its heading when that agrees with its metadata titles,
    else the most trusted metadata title without the site's name; never a section name ("Allgemein")."""
    sites = {fold(name) for name in site_names if len(fold(name)) >= 3}
    generic = lang.merged(languages).generic_headings
    usable = []
    for evidence, title in titles:
        bare = without_site_name(title, sites)
        if fold(bare) and fold(bare) not in generic and fold(bare) not in sites:
            note = " without the site name" if bare != title else ""
            usable.append((evidence + note, bare))
    if shown is not None and fold(shown.text) not in generic and fold(shown.text) not in sites:
        agreeing = [
            evidence
            for evidence, title in usable
            if fold(shown.text) in fold(title) and not evidence.startswith(DERIVED_FROM_HEADING)
        ]
        if agreeing:
            evidence = f"{agreeing[0]}, as the page shows it in <{shown.element.tag}>"
            return Meta(shown.text, Provenance.HTML_META, 0.9, evidence)
    if not usable:
        return Meta()
    evidence, title = usable[0]
    return Meta(title, Provenance.HTML_META, 0.8 if evidence.startswith("title") else 0.9, evidence)


DERIVED_FROM_HEADING = "trafilatura title"  # read from the same heading: no corroboration of it
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:/]|-|::|//)\s+")


def without_site_name(title: str, sites: set[str]) -> str:
    """'Headline - Site Name' or 'Site | Headline' without the site's part."""
    separators = list(_TITLE_SEPARATOR.finditer(title))
    for match in separators:
        head, tail = title[: match.start()], title[match.end() :]
        if _names_site(tail, sites) and fold(head):
            return head.strip()
    for match in reversed(separators):
        head, tail = title[: match.start()], title[match.end() :]
        if _names_site(head, sites) and fold(tail):
            return tail.strip()
    return title


def _names_site(part: str, sites: set[str]) -> bool:
    folded = fold(part)
    return bool(folded) and any(site in folded or folded in site for site in sites)
