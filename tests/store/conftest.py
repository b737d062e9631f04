"""Real Article records for the store tests, and texts that are, or are not, copies of each other."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from crosswire.records import Article, Byline, Meta, PageDate, Provenance
from crosswire.store import Store
from crosswire.store.dialect import is_postgresql

WIRE_PARAGRAPHS = (
    "SEOUL, Sept 12 (Reuters) - North Korean leader Kim Jong Un arrived in Russia on Tuesday aboard his "
    "armoured train for a summit with President Vladimir Putin, state media said, a rare trip abroad that "
    "Washington fears could lead to a deal to supply weapons for the war in Ukraine.",
    "The two leaders are expected to meet at the Vostochny cosmodrome in the far east of Russia, according "
    "to officials in Moscow who spoke on condition of anonymity because the schedule had not been announced.",
    "Kim was accompanied by senior military officials, including the head of the munitions industry and "
    "the commander of the navy, a sign that defence cooperation will top the agenda of the talks.",
    "The United States has warned that Pyongyang would pay a price for supplying arms to Russia, and "
    "officials in Seoul said they were watching the visit closely for any transfer of sensitive technology.",
    "Russia has denied seeking North Korean artillery shells, but Defence Minister Sergei Shoigu visited "
    "Pyongyang in July and was shown the country's newest missiles at a military parade.",
    "Analysts say Moscow could offer food, energy and help with satellite launches in exchange for the "
    "munitions, which Russian forces have been using at a high rate along the front line.",
    "The visit is Kim's first trip abroad since the coronavirus pandemic closed the country's borders in "
    "early 2020, and his first meeting with Putin since they met in Vladivostok in April 2019.",
    "Japan's chief cabinet secretary told reporters in Tokyo that his government was concerned about any "
    "military cooperation that would violate United Nations Security Council sanctions resolutions.",
)

UNRELATED_PARAGRAPHS = (
    "The city council voted on Monday evening to extend the opening hours of public libraries across the "
    "district, after a campaign by parents and students who said there was nowhere quiet to study.",
    "Under the plan, the central library will stay open until ten at night on weekdays, and branch libraries "
    "will open on Sunday afternoons for the first time in more than a decade.",
    "The council's finance committee estimated the change would cost about two million a year, to be paid "
    "for by a small rise in parking charges in the town centre.",
    "Librarians welcomed the decision but said more staff would be needed, warning that volunteers could "
    "not be expected to run the buildings late into the evening.",
)


def rewritten_wire_paragraphs() -> tuple[str, ...]:
    """The wire story as another outlet ran it: one paragraph rewritten and a sentence added."""
    paragraphs = list(WIRE_PARAGRAPHS)
    paragraphs[3] = (
        "Officials in Washington have said North Korea would face consequences for any arms sales to Moscow, "
        "and the South Korean government said it was following the trip with great attention."
    )
    paragraphs.append("Neither government has published an agenda for the talks.")
    return tuple(paragraphs)


def make_article(
    paragraphs: tuple[str, ...] = WIRE_PARAGRAPHS,
    *,
    source: str = "pages/reuters.html",
    headline: str = "Kim Jong Un arrives in Russia for summit with Putin",
    outlet: str = "Reuters",
    authors: tuple[str, ...] = ("Josh Smith",),
    agencies: tuple[str, ...] = (),
    url: str | None = None,
    record_id: str | None = None,
) -> Article:
    """An Article as the extractor would make it, with a content-hash id like the real one."""
    text = "\n\n".join(paragraphs)
    return Article(
        id=hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:16],
        source=source,
        paragraphs=paragraphs,
        headline=Meta(headline, Provenance.HTML_META, 0.9, "og:title"),
        outlet=Meta(outlet, Provenance.HTML_META, 0.8, "og:site_name"),
        byline=Meta(Byline(authors, agencies), Provenance.TEXT_PATTERN, 0.7, "By Josh Smith"),
        published=Meta("2023-09-12T09:40:00+09:00", Provenance.HTML_META, 0.9, "article:published_time"),
        modified=Meta(),
        language=Meta("en", Provenance.INFERRED, 0.99, "py3langid"),
        url=url,
        record_id=record_id,
        page_dates=(PageDate("2023-09-12T09:40:00+09:00", "published", "Sept 12, 2023 9:40 AM"),),
    )


@pytest.fixture
def integrity_error(location: str) -> type[Exception]:
    """What the back end raises for a broken foreign key."""
    return psycopg.IntegrityError if is_postgresql(location) else sqlite3.IntegrityError


@pytest.fixture
def read_only_error(location: str) -> tuple[type[Exception], str]:
    """What the back end raises for a write on a read-only connection, and words of its message."""
    if is_postgresql(location):
        return psycopg.errors.ReadOnlySqlTransaction, "read-only transaction"
    return sqlite3.OperationalError, "readonly"


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with Store(location) as opened:
        yield opened


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def run_id(store: Store) -> int:
    return store.start_run(["pages/"])


DOSSIER_VIEWS = ("story_articles", "quotes_with_articles")
DOSSIER_TABLES = ("story_event_articles", "story_events", "summary_sentence_articles", "summary_sentences",
                  "unique_details", "discrepancy_articles", "discrepancies", "timeline_entry_articles",
                  "timeline_entries", "story_quote_carriers", "story_quotes", "story_sources")  # fmt: skip


def undo_dossier_tables(connection: object) -> None:
    """Drop what migration 10 added beside the dossiers, as a store of version 9 was without them."""
    for view in DOSSIER_VIEWS:
        connection.execute(f"DROP VIEW {view}")  # type: ignore[attr-defined]
    for table in DOSSIER_TABLES:
        connection.execute(f"DROP TABLE {table}")  # type: ignore[attr-defined]
