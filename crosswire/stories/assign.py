"""Putting stored articles into stories: embed the new ones, restore the clusterer, assign, persist.

Vectors (of the story model) are stored once per article, so a later run embeds only what is new. The clusterer is
rebuilt from stored vectors, memberships and aliases, from each article's headline and lead (its
terms, read again from the stored text, with how many paragraphs it has) and from its canonical
entities over the whole text, so story ids stay stable across runs; its index and neighbour lists
are read back as the last run saved them (rebuilt only when they do not match). Every membership
the batch changed is saved: the new articles' and those of stories that split, with the
clustering state, in one transaction.
"""

from __future__ import annotations

import numpy as np

from crosswire.articles.dates import day_of
from crosswire.config import DEFAULT_STORY_MODEL
from crosswire.records import MembershipTie
from crosswire.store import Store
from crosswire.stories.clustering import ArticleSignal, LinkPolicy, StoryClusterer
from crosswire.stories.embeddings import EMBEDDING_DIM, embed_stories, story_text, vectors_name
from crosswire.stories.lexical import terms

SIGNAL_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def assign_articles(store: Store, model: str = DEFAULT_STORY_MODEL) -> StoryTies:
    """Assign every article without a story, its vector made by the story `model`.

    Returns what ties each member of a story to it, for the stories that changed and for any
    other whose dossier is rebuilt (a run killed before it built them), so that no member of a
    rebuilt dossier lacks its tie.
    """
    pending = store.articles_without_story()
    if not pending:
        return StoryTies(store, model)
    _embed_missing(store, model)
    stories = StoredStories(store, model)
    stories.clusterer.add([stories.signal(article_id) for article_id in pending])
    stories.save()
    return StoryTies(store, model, stories)


class StoryTies:
    """What ties each member of any story to it (`StoryClusterer.tie`), from the clusterer that
    assigned the last batch, or from one restored on first need."""

    def __init__(self, store: Store, model: str, stories: StoredStories | None = None) -> None:
        self._store, self._model, self._stories = store, model, stories

    def get(self, story_id: str) -> dict[str, MembershipTie]:
        if self._stories is None:
            _embed_missing(self._store, self._model)
            self._stories = StoredStories(self._store, self._model)
        return self._stories.ties(self._stories.clusterer.resolve(story_id))


class StoredStories:
    """A store's stories as a clusterer, restored from what the store holds; `save` writes back what changed.

    Assigning new articles goes through here, and so can a later re-check of the stories
    (`clusterer.recluster`). Not `remove`: the store has no way yet to forget an article's membership.
    """

    def __init__(self, store: Store, model: str = DEFAULT_STORY_MODEL) -> None:
        self.store = store
        vectors = vectors_name(model)
        self._vectors = store.embeddings(vectors)
        self._dates, self._names = store.clustering_evidence(SIGNAL_LABELS)
        self._openings = store.story_openings()
        assigned = store.memberships()
        self._state = store.clustering_state()
        signals = [self.signal(article_id) for article_id, _, _ in assigned]
        dim = len(next(iter(self._vectors.values()))) // 4 if self._vectors else EMBEDDING_DIM
        self.clusterer = StoryClusterer.restore(
            signals, assigned, store.story_aliases(), dim, LinkPolicy(vectors=vectors), self._state
        )
        self._aliases = self.clusterer.aliases
        self._stories = {article_id: self.clusterer.story_of(article_id) for article_id, _, _ in assigned}

    def signal(self, article_id: str) -> ArticleSignal:
        """What the clusterer knows of a stored article (its vector of the story model)."""
        vector = np.frombuffer(self._vectors[article_id], dtype=np.float32)
        headline, opening = self._openings[article_id]
        paragraphs = opening.split("\n\n")
        words = terms(story_text(headline, paragraphs))
        day = day_of(self._dates[article_id])
        return ArticleSignal(article_id, vector, frozenset(self._names[article_id]), day, words, len(paragraphs))

    def ties(self, story_id: str) -> dict[str, MembershipTie]:
        """What ties each member of a story to it (`StoryClusterer.tie`); a story of one has none."""
        ties = {article: self.clusterer.tie(article) for article in self.clusterer.members(story_id)}
        return {article: tie for article, tie in ties.items() if tie is not None}

    def save(self) -> list[str]:
        """Persist the memberships, merges and clustering state changed since the last save (or the restore).

        Returns the ids of the stories that changed: those articles joined or left, and the survivors of merges.
        """
        clusterer, memberships = self.clusterer, self.clusterer.memberships()
        merged = {old: new for old, new in clusterer.aliases.items() if self._aliases.get(old) != new}
        changed = [m for m in memberships if self._stories.get(m.article_id) != m.story_id]
        state = clusterer.index_state()
        self.store.save_memberships([tuple(m) for m in changed], merged, state, self._state)
        left = {self._stories[m.article_id] for m in changed if m.article_id in self._stories}
        self._state, self._aliases = state, clusterer.aliases
        self._stories = {m.article_id: m.story_id for m in memberships}
        stories = {m.story_id for m in changed} | left
        return sorted({clusterer.resolve(story) for story in stories} | set(merged.values()))


def _embed_missing(store: Store, model: str) -> None:
    """Embed the articles without a vector of the story model: the new ones, and after a change
    of the model every stored article, once (its clustering state is then rebuilt too)."""
    name = vectors_name(model)
    articles = [store.load_article(article_id) for article_id in store.articles_without_embedding(name)]
    missing = [article for article in articles if article is not None]
    if not missing:
        return
    vectors = embed_stories([story_text(article.headline.value, article.paragraphs) for article in missing], model)
    encoded = {
        article.id: vector.astype(np.float32).tobytes() for article, vector in zip(missing, vectors, strict=True)
    }
    store.save_embeddings(encoded, name)
