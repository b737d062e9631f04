"""Putting stored articles into stories: embed the new ones, restore the clusterer, assign, persist.

Vectors are stored once per article, so a later run embeds only what is new; the clusterer is
rebuilt from stored vectors, memberships and aliases, so story ids stay stable across runs.
"""

from __future__ import annotations

import numpy as np

from crosswire.articles.dates import day_of
from crosswire.store import Store
from crosswire.stories.clustering import ArticleSignal, StoryClusterer
from crosswire.stories.embeddings import embed, story_text

EMBEDDING_MODEL = "all-MiniLM-L6-v2"
SIGNAL_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def assign_articles(store: Store) -> list[str]:
    """Assign every article without a story; returns the ids of the stories that changed."""
    pending = store.articles_without_story()
    if not pending:
        return []
    _embed_missing(store, pending)
    vectors = store.embeddings(EMBEDDING_MODEL)
    dates, names = store.clustering_evidence(SIGNAL_LABELS)

    def signal(article_id: str) -> ArticleSignal:
        vector = np.frombuffer(vectors[article_id], dtype=np.float32)
        return ArticleSignal(article_id, vector, frozenset(names[article_id]), day_of(dates[article_id]))

    assigned = store.memberships()
    clusterer = StoryClusterer.restore([signal(row[0]) for row in assigned], assigned, store.story_aliases())
    known_aliases = dict(clusterer.aliases)
    memberships = clusterer.add([signal(article_id) for article_id in pending])
    merged = {old: new for old, new in clusterer.aliases.items() if known_aliases.get(old) != new}
    store.save_memberships([(m.article_id, m.story_id, m.confidence) for m in memberships], merged)
    return sorted({clusterer.resolve(m.story_id) for m in memberships} | set(merged.values()))


def _embed_missing(store: Store, article_ids: list[str]) -> None:
    stored = store.embeddings(EMBEDDING_MODEL)
    articles = [store.load_article(article_id) for article_id in article_ids if article_id not in stored]
    missing = [article for article in articles if article is not None]
    if not missing:
        return
    vectors = embed([story_text(article.headline.value, article.paragraphs) for article in missing])
    encoded = {
        article.id: vector.astype(np.float32).tobytes() for article, vector in zip(missing, vectors, strict=True)
    }
    store.save_embeddings(encoded, EMBEDDING_MODEL)
