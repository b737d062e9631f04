"""One statement as a story's outlets carry it: quotes aligned across articles.

Outlets reword, truncate and translate what people said, and sometimes give the same words to
different people. Two quotes are taken for the same statement when their quoted words overlap
(the same fragment, one contained in the other, near-identical wording: rapidfuzz) or their
meaning does (sentence-embedding cosine); naming the same speaker lowers the bar. Quotes that
name different speakers must share their exact words: they are then kept together and flagged
in `other_speakers`, since who said it is itself in dispute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from crosswire.analysis.sentences import sentence_index, sentence_spans
from crosswire.analysis.verbatim import excerpt
from crosswire.records import Analysis, Article, Excerpt, Quote, QuoteVariant, Speaker, StoryQuote
from crosswire.stories.embeddings import embed

WORD = re.compile(r"\w+")
SAME_FRAGMENT_WORDS = 2  # a whole quoted fragment shared verbatim: "actively advancing"
CONTAINED_WORDS = 3  # a fragment found verbatim inside another quote
FUZZY_WORDS = 5  # fuzzy containment is trusted only for fragments this long
FUZZY_CONTAINED = 0.9
SAME_MEANING = 0.8
SAME_MEANING_SAME_SPEAKER = 0.75
RELATED_MEANING = 0.6
RELATED_WORDING = 0.75
CONFLICT_WORDING = 0.95
VECTOR_CACHE = 50_000
_VECTORS: dict[str, np.ndarray] = {}


def align_quotes(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> list[StoryQuote]:
    """Every statement of the story once, with each article's variant; most widely carried first."""
    analyses = complete(articles, analyses)
    items = [_item(a, q) for a in articles for q in analyses[a.id].quotes if q.text.strip()]
    if not items:
        return []
    embedded = vectors([item.words for item in items])
    cosines = embedded @ embedded.T
    links = [
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if _same_statement(items[i], items[j], float(cosines[i, j]))
    ]
    order = {article.id: position for position, article in enumerate(articles)}
    quotes = [_story_quote([items[k] for k in group], cosines, group, order) for group in groups(len(items), links)]
    return sorted(quotes, key=lambda q: (-len(q.articles), -q.confidence, order[q.articles[0]]))


def groups(size: int, links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of `links` over `range(size)` (union-find), each sorted, in first-member order."""
    parent = list(range(size))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j in links:
        parent[root(i)] = root(j)
    found: dict[int, list[int]] = {}
    for k in range(size):
        found.setdefault(root(k), []).append(k)
    return list(found.values())


def vectors(texts: Sequence[str]) -> np.ndarray:
    """Normalised sentence embeddings, each text encoded once per process: the stages share sentences."""
    if not texts:
        return embed([])
    missing = list(dict.fromkeys(text for text in texts if text not in _VECTORS))
    if len(_VECTORS) + len(missing) > VECTOR_CACHE:
        _VECTORS.clear()
        missing = list(dict.fromkeys(texts))
    if missing:
        _VECTORS.update(zip(missing, embed(missing), strict=True))
    return np.stack([_VECTORS[text] for text in texts])


def complete(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> dict[str, Analysis]:
    """Every article's analysis; an empty one for an article not analysed yet, so the story still builds."""
    return {a.id: analyses.get(a.id) or Analysis(a.published.value) for a in articles}


def source_name(article: Article) -> str:
    """How descriptions name an article: as every report does, by outlet or else by file name."""
    return article.label


def normalise(text: str) -> str:
    """Lower-case words without punctuation, so curly and straight quotes or commas do not matter."""
    return " ".join(WORD.findall(text.lower()))


@dataclass(frozen=True)
class _Item:
    """A quote with what matching needs: its quoted fragments and who it is attributed to, and what
    showing it needs: the speaker's own words (`said`, None for reported speech) and its sentence."""

    article_id: str
    quote: Quote
    kind: str
    fragments: tuple[str, ...]
    words: str
    speaker: str | None
    identified: str | None
    attribution: float
    said: Excerpt | None
    sentence: Excerpt


def _item(article: Article, quote: Quote) -> _Item:
    text = article.text
    said = excerpt(article.id, text, quote.parts or quote.spans) if quote.kind == "direct" else None
    kind = "indirect" if said is None else "mixed" if quote.mixed else "direct"
    pieces = [text[start:end] for start, end in quote.parts] if kind == "mixed" else [quote.text]
    fragments = tuple(f for f in (normalise(piece) for piece in pieces) if f)
    words = said.text if said is not None else quote.text.strip()
    speaker = quote.speaker.name if quote.speaker else None
    return _Item(
        article.id, quote, kind, fragments, words, speaker, _identified(quote), attribution(text, quote), said,
        statement_sentences(article, quote),
    )  # fmt: skip


def statement_sentences(article: Article, quote: Quote) -> Excerpt:
    """The sentences a statement stands in, whole: how reported speech is shown, word for word."""
    spans = sentence_spans(article.text)
    if not spans:
        return excerpt(article.id, article.text, [(quote.start, quote.end)])
    first, last = sentence_index(spans, quote.start), sentence_index(spans, max(quote.start, quote.end - 1))
    return excerpt(article.id, article.text, spans[first : last + 1])


def attribution(text: str, quote: Quote) -> float:
    """How firmly the article itself ties the quote to its speaker, from how it names them.

    A name in the quote's own sentence is firmest (0.9), a name in another sentence less (0.75),
    a description resolved to a name ("the spokesperson", 0.7) or a pronoun resolved by
    coreference (0.65) less again; an unresolved description 0.5, an anonymous source 0.35 and no
    speaker at all 0.2. Statements relayed through another medium or hedged ("reportedly") lose a
    further 10 and 15 per cent.
    """
    speaker = quote.speaker
    if speaker is None or not speaker.name:
        strength = 0.2
    elif speaker.kind == "anonymous" or quote.sourcing == "anonymous":
        strength = 0.35
    elif speaker.kind == "pronoun":
        strength = 0.65
    elif speaker.kind == "description":
        strength = 0.7 if speaker.name != speaker.mention else 0.5
    else:
        strength = 0.9 if _same_sentence(text, quote, speaker) else 0.75
    if quote.sourcing == "relayed":
        strength *= 0.9
    if quote.hedged:
        strength *= 0.85
    return strength


def _same_sentence(text: str, quote: Quote, speaker: Speaker) -> bool:
    """No sentence ends between the speaker's mention and the quoted words."""
    if speaker.start is None:
        return False
    spans = sentence_spans(text)
    if not spans:
        return True
    mention, words = sentence_index(spans, speaker.start), sentence_index(spans, quote.start)
    return mention == words or (quote.start < speaker.start and mention == sentence_index(spans, quote.end - 1))


def _identified(quote: Quote) -> str | None:
    """The speaker's name when it names someone; anonymous sources cannot contradict anyone."""
    speaker = quote.speaker
    if speaker is None or not speaker.name or speaker.kind == "anonymous" or quote.sourcing == "anonymous":
        return None
    return speaker.name


def _same_statement(a: _Item, b: _Item, cosine: float) -> bool:
    """Within an article only containment links (it quotes a statement and then part of it again);
    across articles a disputed speaker demands the same words, an agreeing one lowers the bar."""
    if a.article_id == b.article_id:
        return _contained(a, b)
    agree = _speakers_agree(a.identified, b.identified)
    if agree is False:
        return _shared_fragment(a, b) or _fuzzy_overlap(a, b) >= CONFLICT_WORDING
    if _contained(a, b):
        return True
    wording = _fuzzy_overlap(a, b)
    meaning = SAME_MEANING_SAME_SPEAKER if agree else SAME_MEANING
    return cosine >= meaning or wording >= FUZZY_CONTAINED or (cosine >= RELATED_MEANING and wording >= RELATED_WORDING)


def _speakers_agree(a: str | None, b: str | None) -> bool | None:
    """True for the same person (one name may be part of the other), False for two, None if unknown."""
    if a is None or b is None:
        return None
    words_a, words_b = set(normalise(a).split()) - {"the"}, set(normalise(b).split()) - {"the"}
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _shared_fragment(a: _Item, b: _Item) -> bool:
    """A whole quoted fragment both articles put in quotation marks, word for word."""
    shared = set(a.fragments) & set(b.fragments)
    return any(len(fragment.split()) >= SAME_FRAGMENT_WORDS for fragment in shared)


def _contained(a: _Item, b: _Item) -> bool:
    """The same fragment, or a fragment of one found verbatim inside the other's words."""
    if _shared_fragment(a, b):
        return True
    for inner, outer in ((a, b), (b, a)):
        text = f" {' '.join(outer.fragments)} "
        if any(len(f.split()) >= CONTAINED_WORDS and f" {f} " in text for f in inner.fragments):
            return True
    return False


def _fuzzy_overlap(a: _Item, b: _Item) -> float:
    """How well the shorter quote's words align inside the longer's (truncation, partial quotes)."""
    shorter, longer = sorted((" ".join(a.fragments), " ".join(b.fragments)), key=len)
    if len(shorter.split()) < FUZZY_WORDS or not set(shorter.split()) & set(longer.split()):
        return 0.0
    return fuzz.partial_ratio(shorter, longer) / 100


def _story_quote(members: list[_Item], cosines: np.ndarray, indices: list[int], order: Mapping[str, int]) -> StoryQuote:
    speaker = _majority_speaker(members)
    canonical = max(range(len(members)), key=lambda k: _completeness(members[k], speaker))
    similarities = [
        1.0
        if k == canonical
        else max(float(cosines[indices[k], indices[canonical]]), _overlap(members[k], members[canonical]))
        for k in range(len(members))
    ]
    variants = tuple(
        QuoteVariant(
            m.article_id, m.quote.text, m.kind, m.speaker, round(min(1.0, max(0.0, s)), 3), m.attribution,
            m.quote.spans, m.said, m.sentence,
        )
        for m, s in zip(members, similarities, strict=True)
    )  # fmt: skip
    article_ids = tuple(sorted({m.article_id for m in members}, key=order.__getitem__))
    others = _other_speakers(members, speaker)
    shown = members[canonical].said or members[canonical].sentence
    return StoryQuote(
        speaker=speaker,
        text=shown.text,
        variants=variants,
        articles=article_ids,
        confidence=_confidence(members, similarities, speaker),
        other_speakers=others,
        kind="indirect" if members[canonical].said is None else "direct",
        excerpt=shown,
    )


def _overlap(a: _Item, b: _Item) -> float:
    return 1.0 if _contained(a, b) else _fuzzy_overlap(a, b)


def _majority_speaker(members: list[_Item]) -> str | None:
    """The name most articles give (a surname counts for the full name); anonymous ones only when no one is named."""
    for attribute in ("identified", "speaker"):
        named = [(m.article_id, getattr(m, attribute)) for m in members if getattr(m, attribute)]
        if named:
            names = list(dict.fromkeys(name for _, name in named))
            support = {n: len({a for a, other in named if _speakers_agree(n, other)}) for n in names}
            return max(names, key=lambda n: (support[n], len(n), -names.index(n)))
    return None


def _completeness(item: _Item, speaker: str | None) -> tuple[bool, bool, int]:
    """The speaker's own words beat paraphrase, the majority speaker's version beats others, longer beats shorter."""
    same = speaker is not None and _speakers_agree(item.speaker, speaker) is True
    return item.said is not None, same, len(item.words)


def _other_speakers(members: list[_Item], speaker: str | None) -> tuple[str, ...]:
    names = [m.identified for m in members if m.identified and _speakers_agree(m.identified, speaker) is False]
    return tuple(dict.fromkeys(names))


def _confidence(members: list[_Item], similarities: list[float], speaker: str | None) -> float:
    """How sure the attribution is: each outlet's evidence for the speaker, combined, less any dispute.

    Each article naming the majority speaker contributes its `attribution` strength times how
    close its wording is to the canonical text; these combine as independent evidence (1 - the
    product of their doubts), so several outlets agreeing raise it. Articles naming someone else
    take their share away: the result is scaled by the agreeing strength over all naming
    strength. Anonymous and unattributed variants neither support nor dispute a named speaker.
    """
    agreeing: dict[str, float] = {}
    disputing: dict[str, float] = {}
    for member, similarity in zip(members, similarities, strict=True):
        if speaker is None or _speakers_agree(member.speaker, speaker):
            side = agreeing
        elif member.identified:
            side = disputing
        else:
            continue  # unnamed or anonymous: says nothing against the named speaker
        support = member.attribution * similarity
        side[member.article_id] = max(side.get(member.article_id, 0.0), support)
    if not agreeing:
        return 0.0
    combined = 1 - float(np.prod([1 - s for s in agreeing.values()]))
    share = sum(agreeing.values()) / (sum(agreeing.values()) + sum(disputing.values()))
    return round(min(0.99, combined * share), 3)
