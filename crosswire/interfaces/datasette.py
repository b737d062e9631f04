"""Metadata that makes a store read well in Datasette (`crosswire datasette-metadata > meta.json`, then
`datasette crosswire.db --metadata meta.json`): the internal tables hidden, each table's label column
(so a foreign key shows a headline, a title or a quote, not an id), useful facets, and saved queries.

A story's row page then links to its sources (`story_sources`, each a headline linking to its
article) and to its statements (`story_quotes`), one click each; the views `story_articles` and
`quotes_with_articles` put the article beside each membership and each quote.
"""

from __future__ import annotations

from typing import Any

# Working state of the pipeline, of no use to a reader: vectors, signatures, the clustering index.
INTERNAL = ("article_embeddings", "minhash_signatures", "clustering_keys", "clustering_neighbours",
            "clustering_index", "clustering_neighbour_links", "stories_to_rebuild")  # fmt: skip

TABLES: dict[str, dict[str, Any]] = {
    "articles": {"label_column": "headline", "facets": ["outlet", "language"], "sort_desc": "published",
                 "description": "Clean articles: headline, outlet, byline, publication date (ISO 8601), text."},
    "stories": {"label_column": "title", "sort_desc": "last_published",
                "description": "One row per story; its dossier as JSON, and its parts in the tables linked below."},
    "story_sources": {"facets": ["outlet"], "sort": "number",
                      "description": "Each story's articles, numbered as its dossier cites them."},
    "story_quotes": {"label_column": "text", "facets": ["speaker", "kind", "outlets"], "sort": "position",
                     "description": "Statements as several outlets carry them (direct: the speaker's quoted words)."},
    "story_quote_carriers": {"label_column": "text", "facets": ["kind", "speaker"],
                             "description": "Each outlet's wording of a statement, with its offsets."},
    "timeline_entries": {"label_column": "text", "facets": ["precision"], "sort": "first_day",
                         "description": "Dated events of each story; date is a TimeML value."},
    "timeline_entry_articles": {"description": "The articles telling each timeline entry, and their sentence."},
    "discrepancies": {"label_column": "description", "facets": ["kind"], "sort_desc": "confidence",
                      "description": "Where outlets disagree: on a date, a number, who said something."},
    "discrepancy_articles": {"description": "The articles each disagreement is between."},
    "unique_details": {"label_column": "text", "description": "What only one outlet reports."},
    "summary_sentences": {"label_column": "text", "facets": ["section"], "sort": "position",
                          "description": "Summary sentences ('summary') and what most outlets report ('consensus')."},
    "summary_sentence_articles": {"description": "The articles supporting each summary sentence."},
    "story_events": {"label_column": "actor", "facets": ["action", "actor", "target"], "sort_desc": "articles",
                     "description": "Who did what to whom across each story (actions: docs/actions.md)."},
    "story_event_articles": {"description": "The sentence each article tells an event in."},
    "story_articles": {"facets": ["outlet", "story_title"], "description": "Stories with their articles."},
    "quotes_with_articles": {"facets": ["outlet", "speaker", "kind"],
                             "description": "Every quote found in an article, with its article and story."},
    "quotes": {"label_column": "text", "facets": ["speaker", "kind", "sourcing"]},
    "entity_mentions": {"label_column": "canonical", "facets": ["label", "canonical"]},
    "entity_roles": {"label_column": "role", "facets": ["canonical"]},
    "events": {"label_column": "action", "facets": ["action", "actor"]},
    "time_expressions": {"label_column": "text", "facets": ["type"]},
    "runs": {"sort_desc": "started_at"},
    "ingest_log": {"facets": ["status"], "sort_desc": "id"},
}  # fmt: skip

QUERIES: dict[str, dict[str, str]] = {
    "quotes_carried_by_3_or_more_outlets": {
        "title": "Quotes carried by 3+ outlets",
        "description": "Statements at least three outlets report, most widely carried first.",
        "sql": """select story_quotes.speaker, story_quotes.text, story_quotes.kind, story_quotes.outlets,
  story_quotes.articles, story_quotes.confidence, stories.title as story, story_quotes.story_id
from story_quotes join stories on stories.id = story_quotes.story_id
where story_quotes.outlets >= 3
order by story_quotes.outlets desc, story_quotes.confidence desc""",
    },
    "stories_with_disagreements": {
        "title": "Stories with disagreements",
        "description": "Stories whose outlets contradict each other, with what they disagree on.",
        "sql": """select stories.id as story_id, stories.title, count(*) as disagreements,
  group_concat(distinct discrepancies.kind) as kinds, stories.outlets, stories.last_published
from stories join discrepancies on discrepancies.story_id = stories.id
group by stories.id
order by disagreements desc, stories.last_published desc""",
    },
    "events_told_by_several_outlets": {
        "title": "Who did what to whom, told by several articles",
        "sql": """select story_events.actor, story_events.action, story_events.target, story_events.articles,
  story_events.dates, stories.title as story, story_events.story_id
from story_events join stories on stories.id = story_events.story_id
where story_events.articles >= 2
order by story_events.articles desc""",
    },
    "timeline_of_a_story": {
        "title": "The timeline of one story",
        "description": "Give a story id (from the stories table).",
        "sql": """select timeline_entries.first_day, timeline_entries.date, timeline_entries.text,
  timeline_entries.clause, timeline_entries.articles
from timeline_entries where timeline_entries.story_id = :story_id
order by timeline_entries.position""",
    },
    "what_only_one_outlet_reports": {
        "title": "What only one outlet reports, by outlet",
        "sql": """select articles.outlet, count(*) as details, count(distinct unique_details.story_id) as stories
from unique_details join articles on articles.id = unique_details.article_id
group by articles.outlet order by details desc""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for a store that Datasette names `database` (its file name without .db)."""
    tables = {name: {"hidden": True} for name in INTERNAL} | {name: dict(spec) for name, spec in TABLES.items()}
    return {
        "title": "crosswire",
        "description": "Many outlets' news articles in, one sourced account of each story out.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }
