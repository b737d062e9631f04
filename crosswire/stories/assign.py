"""Putting stored articles into stories: embed the new ones, restore the clusterer, assign, persist.

Vectors are stored once per article, so a later run embeds only what is new. The clusterer is
rebuilt from stored vectors, memberships and aliases, from each article's headline and lead (its
terms, read again from the stored text, with how many paragraphs it has) and from its canonical
entities over the whole text, so story ids stay stable across runs. Every
membership the batch changed is saved: the new articles' and those of stories that split.
"""

from __future__ import annotations

import numpy as np

from crosswire.articles.dates import day_of
from crosswire.store import Store
from crosswire.stories.clustering import ArticleSignal, StoryClusterer
from crosswire.stories.embeddings import embed, story_text
from crosswire.stories.lexical import terms

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
    openings = store.story_openings()

    def signal(article_id: str) -> ArticleSignal:
        vector = np.frombuffer(vectors[article_id], dtype=np.float32)
        headline, opening = openings[article_id]
        paragraphs = opening.split("\n\n")
        words = terms(story_text(headline, paragraphs))
        day = day_of(dates[article_id])
        return ArticleSignal(article_id, vector, frozenset(names[article_id]), day, words, len(paragraphs))

    assigned = store.memberships()
    clusterer = StoryClusterer.restore([signal(row[0]) for row in assigned], assigned, store.story_aliases())
    known_aliases = dict(clusterer.aliases)
    before = {article_id: clusterer.story_of(article_id) for article_id, _, _ in assigned}
    clusterer.add([signal(article_id) for article_id in pending])
    merged = {old: new for old, new in clusterer.aliases.items() if known_aliases.get(old) != new}
    changed = [m for m in clusterer.memberships() if before.get(m.article_id) != m.story_id]
    store.save_memberships([(m.article_id, m.story_id, m.confidence) for m in changed], merged)
    left = {before[m.article_id] for m in changed if m.article_id in before}
    return sorted({clusterer.resolve(story) for story in {m.story_id for m in changed} | left} | set(merged.values()))


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
