"""A short extractive summary of one story across its outlets, each sentence cited to the articles carrying it.

Sentences are scored by how central they are to the story as a whole — closeness to the centroid
of the articles and how closely the other outlets paraphrase them — with a prior for the lead,
then picked with maximal marginal relevance so no two say the same thing. Every summary
sentence cites its own article and every article carrying a paraphrase of it: what a reader of
many outlets wants to know is who else reports it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.analysis.sentences import sentence_spans
from crosswire.analysis.verbatim import excerpt
from crosswire.articles.outlets import by_name
from crosswire.records import Article, Citation

# Relatedness is the mean of the embeddings' cosine and the sentences' rare-word overlap: within one
# story every sentence shares names and topic words, so cosine alone calls too much a paraphrase.
PARAPHRASE_RELATEDNESS = 0.53  # another outlet's sentence says the same thing
REDUNDANT_RELATEDNESS = 0.4  # a candidate this close to a chosen sentence adds nothing
MMR_LAMBDA = 0.5
# Weights and thresholds tuned for ROUGE on 250 NeuS training stories (the validation split is only scored).
CENTROID_WEIGHT = 0.3
SUPPORT_WEIGHT = 0.5
LEAD_WEIGHT = 0.2
LEAD_DECAY = 2.0  # sentences: the lead prior halves every 1.4 sentences
MIN_WORDS = 7
MAX_WORDS = 60
TITLE_WORDS = 14
MIN_TITLE_CHARS = 15  # what is left of a headline once its suffix is cut

# Penalties rather than filters, so a story made only of such sentences still gets a summary.
DANGLING_PENALTY = 0.6
QUESTION_PENALTY = 0.3
LONG_PENALTY = 0.8

_DANGLING = frozenset({
    "he", "she", "it", "they", "him", "them", "his", "her", "its", "their", "this", "that", "these", "those", "but",
    "and", "also", "however", "still", "yet", "so", "then", "meanwhile", "moreover", "furthermore", "instead",
    "such", "nor", "or"
})  # fmt: skip
_WORD = re.compile(r"[^\W_][\w']*")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
_FIRST_WORD = re.compile(r"[\w’']+")
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s")
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::)\s+")
_PIPE_SUFFIX = re.compile(r"^(?:[A-Z0-9][\w.&'’-]*\s?){1,4}$")


@dataclass(frozen=True)
class Sentence:
    text: str
    article: int  # index into the story's articles
    position: int  # index among that article's sentences
    start: int
    end: int


# Sentences


def story_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """Every sentence of the story (`crosswire.analysis.sentences`), with its article and place there."""
    return [
        Sentence(article.text[start:end], index, position, start, end)
        for index, article in enumerate(articles)
        for position, (start, end) in enumerate(sentence_spans(article.text))
    ]


def _quality(text: str) -> float:
    """How fit a sentence is to stand alone in a summary: 0 for fragments, less for dangling or questions."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return 0.0
    quality = 1.0
    first = _FIRST_WORD.search(text)
    if first and first.group().lower() in _DANGLING:
        quality *= DANGLING_PENALTY
    if text.rstrip("\"'”’)]").endswith("?"):
        quality *= QUESTION_PENALTY
    if len(words) > MAX_WORDS:
        quality *= LONG_PENALTY
    return quality


# The summary


def summarize(articles: Sequence[Article], max_sentences: int = 5) -> list[Citation]:
    """Up to `max_sentences` central, non-redundant sentences in story order, each with its supporting articles."""
    sentences = [sentence for sentence in story_sentences(articles) if _quality(sentence.text) > 0]
    if not sentences or max_sentences <= 0:
        return []
    vectors = _embed([sentence.text for sentence in sentences])
    similarity = relatedness(vectors, [sentence.text for sentence in sentences])
    owners = np.array([sentence.article for sentence in sentences])
    best_per_article = _best_per_article(similarity, owners, len(articles))
    scores = _scores(sentences, vectors, owners, best_per_article)
    chosen = _pick(scores, similarity, max_sentences)
    echoes = {index: _echoes(index, sentences, similarity) for index in chosen}
    chosen.sort(key=lambda index: _story_order(index, echoes[index], articles))
    return [_citation(sentences, index, echoes[index], articles) for index in chosen]


def _citation(sentences: list[Sentence], index: int, echoes: dict[int, int], articles: Sequence[Article]) -> Citation:
    """The sentence, cited to its own article first, then to each article paraphrasing it, with where it does."""
    at = {(sentence.article, sentence.position): sentence for sentence in sentences}
    own = sentences[index]
    order = [own.article, *sorted(article for article in echoes if article != own.article)]
    found = [at[article, echoes[article]] for article in order]
    excerpts = tuple(
        excerpt(articles[sentence.article].id, articles[sentence.article].text, [(sentence.start, sentence.end)])
        for sentence in found
    )
    return Citation(own.text, tuple(articles[owner].id for owner in sorted(echoes)), excerpts)


def _embed(texts: list[str]) -> np.ndarray:
    """Through the process's sentence cache: the quote and timeline stages embed the same sentences."""
    from crosswire.stories.quotes import vectors  # torch loads only when a summary is made

    return vectors(texts)


def relatedness(vectors: np.ndarray, texts: list[str]) -> np.ndarray:
    """Pairwise relatedness of sentences: embedding cosine averaged with IDF-weighted word overlap.

    The overlap is over the shorter sentence, so a quotation carried whole inside a longer
    sentence still counts; the IDF comes from the story itself, so its ubiquitous names weigh little.
    """
    cosine = np.clip(vectors @ vectors.T, 0.0, 1.0)
    return (cosine + _overlap(texts)) / 2


def _overlap(texts: list[str]) -> np.ndarray:
    bags = [_content_words(text) for text in texts]
    vocabulary = {word: column for column, word in enumerate(sorted(set().union(*bags)))}
    rows = [row for row, bag in enumerate(bags) for _ in bag]
    columns = [vocabulary[word] for bag in bags for word in bag]
    present = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(texts), len(vocabulary)))
    frequency = np.asarray(present.sum(axis=0)).ravel()
    idf = np.log((len(texts) + 1) / (frequency + 0.5))
    shared = (present.multiply(idf).tocsr() @ present.T).toarray()
    weights = np.diag(shared)
    smaller = np.minimum.outer(weights, weights)
    return np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)


def _content_words(text: str) -> set[str]:
    words = _WORD.findall(text.casefold().replace("’", "'"))
    return {_stem(word) for word in words if word not in STOP_WORDS and len(word) > 1}


def _stem(word: str) -> str:
    """A crude suffix strip: enough for "warned" to meet "warns" across outlets."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _best_per_article(similarity: np.ndarray, owners: np.ndarray, count: int) -> np.ndarray:
    """For each sentence and article, the similarity of that article's closest sentence (-1 for none)."""
    best = np.full((len(owners), count), -1.0, dtype=np.float32)
    for article in range(count):
        columns = owners == article
        if columns.any():
            best[:, article] = similarity[:, columns].max(axis=1)
    return best


def _scores(
    sentences: list[Sentence], vectors: np.ndarray, owners: np.ndarray, best_per_article: np.ndarray
) -> np.ndarray:
    """Centrality (centroid and cross-outlet support) with a lead prior, scaled by standalone quality."""
    articles = sorted(set(owners.tolist()))
    article_centroids = np.stack([_unit(vectors[owners == article].mean(axis=0)) for article in articles])
    centroid = _unit(article_centroids.mean(axis=0))  # every outlet weighs the same, however long
    central = vectors @ centroid
    support = _support(owners, best_per_article, articles)
    lead = np.array([np.exp(-sentence.position / LEAD_DECAY) for sentence in sentences])
    quality = np.array([_quality(sentence.text) for sentence in sentences])
    return quality * (CENTROID_WEIGHT * central + SUPPORT_WEIGHT * support + LEAD_WEIGHT * lead)


def _support(owners: np.ndarray, best_per_article: np.ndarray, articles: list[int]) -> np.ndarray:
    """How closely the other outlets echo each sentence: the mean of their closest sentences' similarity."""
    if len(articles) < 2:
        return np.zeros(len(owners))
    others = best_per_article[:, articles].copy()
    for row, owner in enumerate(owners):
        others[row, articles.index(owner)] = np.nan
    return np.nanmean(np.clip(others, 0.0, 1.0), axis=1)


def _pick(scores: np.ndarray, similarity: np.ndarray, limit: int) -> list[int]:
    """Maximal marginal relevance: the best sentence, then the best of those saying something new."""
    relevance = scores / max(float(scores.max()), 1e-9)
    chosen: list[int] = []
    candidates = set(range(len(scores)))
    while candidates and len(chosen) < limit:
        overlap = {index: max((similarity[index, other] for other in chosen), default=0.0) for index in candidates}
        candidates = {index for index in candidates if overlap[index] < REDUNDANT_RELATEDNESS}
        if not candidates:
            break
        best = max(candidates, key=lambda index: MMR_LAMBDA * relevance[index] - (1 - MMR_LAMBDA) * overlap[index])
        chosen.append(best)
        candidates.discard(best)
    return chosen


def _echoes(index: int, sentences: list[Sentence], similarity: np.ndarray) -> dict[int, int]:
    """The sentence's own article and each article paraphrasing it, with where that paraphrase stands."""
    echoes = {sentences[index].article: sentences[index].position}
    for row in np.argsort(-similarity[index], kind="stable"):
        if similarity[index, row] < PARAPHRASE_RELATEDNESS:
            break
        echoes.setdefault(sentences[row].article, sentences[row].position)
    return echoes


def _story_order(index: int, echoes: dict[int, int], articles: Sequence[Article]) -> tuple[int, str, int]:
    """Earliest place any outlet tells it, then earliest publication: roughly the order the story unfolded."""
    dates = [articles[article].published.value for article in echoes if articles[article].published.value]
    return min(echoes.values()), min(dates, default="~"), index


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


# The title


def story_title(articles: Sequence[Article]) -> str:
    """The most central headline, without its outlet suffix; else the first summary sentence, shortened.

    The headline closest to the centroid of all headlines is the one that frames the story the
    way most outlets do, rather than one outlet's angle on it.
    """
    headlines = [clean_headline(article) for article in articles if article.headline.value]
    headlines = [headline for headline in headlines if headline]
    if headlines:
        vectors = _embed(headlines)
        centroid = _unit(vectors.mean(axis=0))
        return headlines[int(np.argmax(vectors @ centroid))]
    summary = summarize(articles, max_sentences=1)
    return _shorten(summary[0].text) if summary else ""


def clean_headline(article: Article) -> str:
    """The headline without trailing outlet names ("... | CNN", "... - The Korea Herald")."""
    headline = " ".join((article.headline.value or "").split())
    while (cut := _outlet_suffix_start(headline, article)) is not None:
        headline = headline[:cut]
    return headline


def _outlet_suffix_start(headline: str, article: Article) -> int | None:
    separators = list(_TITLE_SEPARATOR.finditer(headline))
    if not separators or separators[-1].start() < MIN_TITLE_CHARS:
        return None
    last = separators[-1]
    suffix = headline[last.end() :]
    outlet = (article.outlet.value or "").casefold()
    piped = "|" in last.group() and _PIPE_SUFFIX.match(suffix) is not None
    return last.start() if piped or suffix.casefold() == outlet or by_name(suffix) else None


def _shorten(sentence: str) -> str:
    """A sentence cut to a headline's length, at a clause break when there is one early enough."""
    words = sentence.split()
    if len(words) <= TITLE_WORDS:
        return sentence.rstrip(".")
    head = " ".join(words[:TITLE_WORDS])
    breaks = [match.start() for match in _CLAUSE_BREAK.finditer(head) if match.start() > len(head) // 3]
    return head[: breaks[-1]] if breaks else head + "…"
