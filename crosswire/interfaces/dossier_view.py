"""What the story page and the HTML report show of a dossier: articles named by outlet, quotes by speaker.

Both render the same view, so a report sent by mail says exactly what the page said.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

from crosswire.analysis.readable_dates import published_range
from crosswire.interfaces.coverage_svg import Report, coverage_svg
from crosswire.interfaces.timeline_svg import timeline_svg
from crosswire.records import UNKNOWN_OUTLET, MembershipTie, article_label

UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True)
class ArticleRef:
    """An article as the dossier's numbered source list gives it, and as citations name it: by
    outlet, or as an unknown outlet with its address or file (`article_label`)."""

    id: str
    label: str
    headline: str | None
    published: str | None
    url: str | None
    source: str
    authors: tuple[str, ...] = ()
    number: int = 0
    outlet: str | None = None

    @classmethod
    def from_brief(cls, brief: Mapping[str, Any], number: int = 0) -> ArticleRef:
        return cls(
            id=brief["id"],
            label=article_label(brief["outlet"], brief["source"], brief["url"]),
            headline=brief["headline"],
            published=brief["published"],
            url=brief["url"],
            source=brief["source"],
            authors=tuple(brief["authors"]),
            number=number,
            outlet=brief["outlet"],
        )

    @property
    def file(self) -> str:
        return PurePath(self.source).name or self.source

    def as_source(self) -> dict[str, Any]:
        """The source-list entry, as JSON gives it."""
        return {
            "number": self.number,
            "article_id": self.id,
            "outlet": self.outlet or UNKNOWN_OUTLET,
            "headline": self.headline,
            "byline": list(self.authors),
            "published": self.published,
            "url": self.url,
            "file": self.source,
        }


def article_refs(article_ids: Sequence[str], briefs: Mapping[str, Mapping[str, Any]]) -> dict[str, ArticleRef]:
    """The dossier's articles that the store still holds, numbered in the dossier's order from 1."""
    known = [article_id for article_id in article_ids if article_id in briefs]
    return {article_id: ArticleRef.from_brief(briefs[article_id], n) for n, article_id in enumerate(known, start=1)}


def with_sources(dossier: Mapping[str, Any], briefs: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The dossier as JSON gives it: with its numbered source list, which article ids refer to."""
    refs = article_refs(dossier["articles"], briefs)
    return {**dossier, "sources": [ref.as_source() for ref in refs.values()]}


@dataclass(frozen=True)
class SpeakerQuotes:
    speaker: str | None
    quotes: tuple[dict[str, Any], ...]

    @property
    def name(self) -> str:
        return self.speaker or UNATTRIBUTED


# Each action of docs/actions.md as a sentence says it: (with a target, without one).
ACTION_WORDS = {
    "make_statement": ("made a statement to", "made a statement"), "appeal_or_urge": ("urged", "made an appeal"),
    "warn_or_threaten": ("warned", "issued a warning"), "accuse": ("accused", "made an accusation"),
    "criticise": ("criticised", "criticised"), "deny_or_decline_comment": ("denied", "denied or declined to comment"),
    "meet_or_visit": ("met or visited", "travelled or met"), "negotiate": ("negotiated with", "negotiated"),
    "agree": ("agreed with", "agreed"), "reject": ("rejected", "refused"),
    "cooperate": ("cooperated with", "cooperated"),
    "supply_arms_or_aid": ("supplied arms or aid to", "supplied arms or aid"),
    "seek_arms_or_aid": ("sought arms or aid from", "sought arms or aid"),
    "impose_sanctions": ("imposed sanctions on", "imposed sanctions"), "investigate": ("investigated", "investigated"),
    "use_force": ("used force against", "used force"), "protest": ("protested against", "protested"),
    "arrest_or_detain": ("arrested or detained", "made arrests"),
}  # fmt: skip


def action_words(action: str, has_target: bool) -> str:
    """An action code in words ("warn_or_threaten": "warned"); an unknown code as its words."""
    with_target, alone = ACTION_WORDS.get(action, (action.replace("_", " "),) * 2)
    return with_target if has_target else alone


@dataclass(frozen=True)
class Glance:
    """The story at a glance: what its overview counts, each count a link to its section."""

    outlets: tuple[str, ...]  # named ones
    unknown_outlets: int  # articles whose page names no outlet
    dates: str
    statements: int
    widely_carried: int  # statements carried by more than one outlet
    speakers: int
    timeline: int
    events: int
    disagreements: int
    unique: int
    worth_a_check: int


@dataclass(frozen=True)
class DossierView:
    story: dict[str, Any]
    articles: dict[str, ArticleRef]
    speakers: tuple[SpeakerQuotes, ...]
    quotes_per_article: dict[str, int]
    unique_per_article: dict[str, int]
    timeline_svg: Markup
    ties: dict[str, str]  # per member, what tied it to the story, in words
    coverage_svg: Markup
    glance: Glance


def dossier_view(
    dossier: dict[str, Any],
    briefs: Mapping[str, Mapping[str, Any]],
    article_href: Callable[[str], str] | None = None,
) -> DossierView:
    """The dossier with its articles resolved; `article_href` makes the timeline rows links."""
    articles = article_refs(dossier["articles"], briefs)
    labels = {article_id: ref.label for article_id, ref in articles.items()}
    quotes_per_article: dict[str, int] = defaultdict(int)
    for quote in dossier["quotes"]:
        for article_id in quote["articles"]:
            quotes_per_article[article_id] += 1
    unique_per_article: dict[str, int] = defaultdict(int)
    for detail in dossier["unique_details"]:
        unique_per_article[detail["article_id"]] += 1
    speakers = quotes_by_speaker(dossier["quotes"])
    return DossierView(
        story=dossier,
        articles=articles,
        speakers=speakers,
        quotes_per_article=dict(quotes_per_article),
        unique_per_article=dict(unique_per_article),
        timeline_svg=timeline_svg(dossier["timeline"], labels, article_href),
        ties=membership_ties(dossier, labels),
        coverage_svg=coverage_svg(coverage_reports(dossier, articles)),
        glance=glance(dossier, articles, speakers),
    )


def glance(dossier: Mapping[str, Any], articles: Mapping[str, ArticleRef], speakers: Sequence[SpeakerQuotes]) -> Glance:
    labels = {article_id: ref.label for article_id, ref in articles.items()}
    carried = [q for q in dossier["quotes"] if len({labels.get(a, a) for a in q["articles"]}) > 1]
    return Glance(
        outlets=tuple(dict.fromkeys(ref.outlet for ref in articles.values() if ref.outlet)),
        unknown_outlets=sum(1 for ref in articles.values() if not ref.outlet),
        dates=published_range(dossier.get("first_published"), dossier.get("last_published")),
        statements=len(dossier["quotes"]),
        widely_carried=len(carried),
        speakers=sum(1 for group in speakers if group.speaker),
        timeline=len(dossier["timeline"]),
        events=len(dossier.get("events", [])),
        disagreements=len(dossier["discrepancies"]),
        unique=len(dossier["unique_details"]),
        worth_a_check=len(dossier["review"]),
    )


def coverage_reports(dossier: Mapping[str, Any], articles: Mapping[str, ArticleRef]) -> list[Report]:
    """Each article's outlet and publication day (the publisher's), or the day the story inferred for it."""
    inferred = {item["article_id"]: item["date"] for item in dossier.get("inferred_dates", [])}
    reports = []
    for article_id, ref in articles.items():
        stated = _day(ref.published)
        guess = None if stated else _day(inferred.get(article_id))
        reports.append(Report(ref.label, stated or guess, inferred=guess is not None))
    return reports


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def membership_ties(dossier: Mapping[str, Any], labels: Mapping[str, str]) -> dict[str, str]:
    """Per member, its strongest link to the story in words (`MembershipTie.describe`); older dossiers have none."""
    ties = {}
    for article_id, fields in dossier.get("membership_ties", {}).items():
        tie = MembershipTie(**fields)
        ties[article_id] = tie.describe(labels.get(tie.article_id, tie.article_id))
    return ties


def quotes_by_speaker(quotes: list[dict[str, Any]]) -> tuple[SpeakerQuotes, ...]:
    """Speakers carried by the most outlets first; unattributed statements last."""
    grouped: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for quote in quotes:
        grouped[quote["speaker"]].append(quote)

    def reach(speaker: str | None) -> tuple[bool, int, str]:
        carried = {article_id for quote in grouped[speaker] for article_id in quote["articles"]}
        return (speaker is None, -len(carried), speaker or "")

    return tuple(
        SpeakerQuotes(speaker, tuple(sorted(grouped[speaker], key=lambda q: -len(q["articles"]))))
        for speaker in sorted(grouped, key=reach)
    )
