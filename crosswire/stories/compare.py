"""What a story's outlets agree on, what one outlet alone reports, and where they disagree.

Everything here compares sentences across articles: two sentences say the same thing when their
embeddings are close (all-MiniLM-L6-v2 cosine) or when they carry the same aligned quote.
Disagreements are looked for where outlets talk about the same thing: the same event dated
differently, the same claim with different numbers, the same words given to different speakers,
and a page date far from everything the article and its story report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from crosswire.analysis.readable_dates import day_range, day_text, readable_value
from crosswire.analysis.sentences import sentence_spans
from crosswire.analysis.verbatim import excerpt
from crosswire.records import (
    Analysis,
    Article,
    Citation,
    Discrepancy,
    Excerpt,
    StoryQuote,
    TimelineEntry,
    UniqueDetail,
)
from crosswire.stories.quotes import complete, groups, source_name, vectors
from crosswire.stories.timeline import (
    DatedMention,
    dated_mentions,
    infer_dates,
    period,
    publication_day,
    shared_event,
)

MIN_CLAIM_WORDS = 6
SAME_CLAIM = 0.7  # sentence cosine at which two outlets report the same fact
QUOTED_CLAIM = 0.5  # ... when the two sentences also carry the same aligned quote
UNIQUE_BELOW = 0.55  # a sentence closer than this to any other article's is not unique
MIN_DETAIL_WORDS = 10
SAME_EVENT = 0.5  # window cosine for event mentions that share an event
SAME_EVENT_TEXT = 0.8  # window cosine that alone identifies the same event
FAR_DAYS = 60
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thousand": 1000,
}  # fmt: skip
CURRENCIES = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₩": "won"}
AT_LEAST = ("at least", "more than", "over")
AT_MOST = ("up to", "fewer than", "less than", "under")
ABOUT = ("some", "around", "about", "roughly", "nearly", "almost", "approximately", "an estimated")
APPROXIMATE = 0.1  # "about 300" agrees with numbers within 10 per cent
# A quantity and the word it counts, past capitalised modifiers: "some 20 Russian officials", "40%",
# "$2.5 billion"; with the hedge before it, which decides what other numbers it agrees with.
NUMBER = re.compile(
    r"(?:\b(?P<hedge>(?i:" + "|".join(AT_LEAST + AT_MOST + ABOUT) + r"))\s+)?"
    r"(?P<currency>[" + "".join(CURRENCIES) + r"])?"
    r"\b(?P<number>\d[\d,]*(?:\.\d+)?|(?i:" + "|".join(NUMBER_WORDS) + r"))\b"
    r"(?:\s+(?P<scale>million|billion|trillion))?"
    r"(?:\s*(?P<percent>%|percent|per cent)|(?:\s+[A-Z][\w-]*)*\s+(?P<unit>[a-z][a-z-]+))?"
)


@dataclass(frozen=True)
class _Quantity:
    """A number as a sentence states it: its value, hedge ("at least") and the words stating it."""

    value: float
    hedge: str | None
    phrase: Excerpt

    def agrees(self, other: _Quantity) -> bool:
        """Whether both can be true: "at least 20" agrees with 25, "about 300" with 310, not with 3,000."""
        low, high = self.bounds()
        other_low, other_high = other.bounds()
        return low <= other_high and other_low <= high

    def bounds(self) -> tuple[float, float]:
        if self.hedge in AT_LEAST:
            return self.value, math.inf
        if self.hedge in AT_MOST:
            return -math.inf, self.value
        if self.hedge in ABOUT:
            return self.value * (1 - APPROXIMATE), self.value * (1 + APPROXIMATE)
        return self.value, self.value


@dataclass(frozen=True)
class _Sentence:
    article_id: str
    outlet: str
    start: int
    end: int
    text: str

    def excerpt(self) -> Excerpt:
        return Excerpt(self.article_id, self.text, ((self.start, self.end),))


def consensus(
    articles: Sequence[Article], analyses: Mapping[str, Analysis], quotes: Sequence[StoryQuote]
) -> list[Citation]:
    """Facts carried by at least half the story's outlets (and two), each with its supporting articles."""
    analyses = complete(articles, analyses)
    outlets = {source_name(a) for a in articles}
    needed = max(2, math.ceil(len(outlets) / 2))
    sentences = _sentences(articles)
    if len(outlets) < 2 or not sentences:
        return []
    similarity = _similarity(sentences, analyses, quotes)
    order = {a.id: k for k, a in enumerate(articles)}
    found = []
    for members in _claims(sentences, similarity):
        if len({sentences[k].outlet for k in members}) >= needed:
            supporting = sorted({sentences[k].article_id for k in members}, key=order.__getitem__)
            centre, *others = members
            cited = [sentences[centre], *sorted((sentences[k] for k in others), key=lambda s: order[s.article_id])]
            citation = Citation(sentences[centre].text, tuple(supporting), tuple(s.excerpt() for s in cited))
            found.append((len(members), citation))
    found.sort(key=lambda pair: -pair[0])
    return [citation for _, citation in found]


def unique_details(articles: Sequence[Article], analyses: Mapping[str, Analysis]) -> list[UniqueDetail]:
    """Sentences no other article comes close to, informative ones (entities, numbers, quotes) first."""
    analyses = complete(articles, analyses)
    sentences = [s for s in _sentences(articles) if len(s.text.split()) >= MIN_DETAIL_WORDS]
    if len({a.id for a in articles}) < 2 or not sentences:
        return []
    embedded = vectors([s.text for s in sentences])
    owners = np.array([s.article_id for s in sentences])
    similarity = np.where(owners[:, None] == owners[None, :], -1.0, embedded @ embedded.T)
    outlets = {a.id: a.outlet.value for a in articles}
    found = []
    for k, sentence in enumerate(sentences):
        closest = float(similarity[k].max())
        richness = _richness(sentence, analyses[sentence.article_id])
        if closest < UNIQUE_BELOW and richness > 0:
            confidence = round((1 - max(0.0, closest)) * min(1.0, 0.4 + 0.2 * richness), 3)
            found.append(
                UniqueDetail(
                    sentence.text, sentence.article_id, outlets[sentence.article_id], confidence,
                    ((sentence.start, sentence.end),),
                )
            )  # fmt: skip
    return sorted(found, key=lambda d: -d.confidence)


def discrepancies(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    quotes: Sequence[StoryQuote],
    timeline: Sequence[TimelineEntry],
) -> list[Discrepancy]:
    """Where outlets disagree: dates of one event, numbers of one fact, speakers of one quote, page dates."""
    analyses = complete(articles, analyses)
    names = {a.id: source_name(a) for a in articles}
    found = _date_conflicts(articles, analyses, names)
    found += _number_conflicts(articles, analyses, quotes, names)
    found += _speaker_conflicts(quotes, names)
    found += _page_date_conflicts(articles, analyses, timeline, names)
    return sorted(found, key=lambda d: -d.confidence)


# ---- sentences and claims -------------------------------------------------------------------------
def _sentences(articles: Sequence[Article]) -> list[_Sentence]:
    return [
        _Sentence(article.id, source_name(article), start, end, article.text[start:end])
        for article in articles
        for start, end in sentence_spans(article.text)
        if len(article.text[start:end].split()) >= MIN_CLAIM_WORDS
    ]


def _similarity(
    sentences: list[_Sentence], analyses: Mapping[str, Analysis], quotes: Sequence[StoryQuote]
) -> np.ndarray:
    """Sentence cosine, raised where both sentences carry variants of one aligned quote."""
    embedded = vectors([s.text for s in sentences])
    similarity = embedded @ embedded.T
    statement = _statement_of(sentences, analyses, quotes)
    for i, j in zip(*np.nonzero(similarity >= QUOTED_CLAIM), strict=True):
        if statement[i] & statement[j]:
            similarity[i, j] = max(similarity[i, j], SAME_CLAIM)
    return similarity


def _statement_of(
    sentences: list[_Sentence], analyses: Mapping[str, Analysis], quotes: Sequence[StoryQuote]
) -> list[set[int]]:
    """For each sentence, the aligned statements (indices into `quotes`) whose variants it holds."""
    by_variant = {(v.article_id, v.text): k for k, q in enumerate(quotes) for v in q.variants}
    held: list[set[int]] = [set() for _ in sentences]
    for k, sentence in enumerate(sentences):
        for quote in analyses[sentence.article_id].quotes:
            key = (sentence.article_id, quote.text)
            if key in by_variant and quote.start < sentence.end and sentence.start < quote.end:
                held[k].add(by_variant[key])
    return held


def _claims(sentences: list[_Sentence], similarity: np.ndarray) -> list[list[int]]:
    """Greedy star clusters: the sentence matched in most other articles, with its match in each.

    A match is mutual: each sentence is the other's closest in its article, above `SAME_CLAIM`.
    Each cluster holds one sentence per article at most, its centre first; a sentence joins one
    cluster only.
    """
    closest = _closest_by_article(sentences, similarity)
    best = [
        {article_id: j for article_id, j in closest[k].items() if closest[j].get(sentences[k].article_id) == k}
        for k in range(len(sentences))
    ]
    strength = [sum(float(similarity[k, j]) for j in m.values()) for k, m in enumerate(best)]
    used: set[int] = set()
    clusters = []
    for k in sorted(range(len(sentences)), key=lambda c: (-len(best[c]), -strength[c], c)):
        if k in used or not best[k]:
            continue
        members = [k, *(j for j in best[k].values() if j not in used)]
        used.update(members)
        clusters.append(members)
    return clusters


def _closest_by_article(sentences: list[_Sentence], similarity: np.ndarray) -> list[dict[str, int]]:
    """For each sentence, its closest sentence in every other article, when close enough."""
    by_article: dict[str, list[int]] = {}
    for k, sentence in enumerate(sentences):
        by_article.setdefault(sentence.article_id, []).append(k)
    closest: list[dict[str, int]] = [{} for _ in sentences]
    for article_id, members in by_article.items():
        columns = np.array(members)
        nearest = columns[similarity[:, columns].argmax(axis=1)]
        for k, j in enumerate(nearest.tolist()):
            if sentences[k].article_id != article_id and similarity[k, j] >= SAME_CLAIM:
                closest[k][article_id] = j
    return closest


def _richness(sentence: _Sentence, analysis: Analysis) -> int:
    """How many kinds of hard detail a sentence carries: named entities, numbers, quotes."""
    has_entity = any(sentence.start <= m.start and m.end <= sentence.end for m in analysis.entities)
    has_quote = any(q.start < sentence.end and sentence.start < q.end for q in analysis.quotes)
    has_number = bool(re.search(r"\d", sentence.text))
    return int(has_entity) + int(has_quote) + int(has_number)


# ---- (a) dates of one event -----------------------------------------------------------------------
def _date_conflicts(
    articles: Sequence[Article], analyses: Mapping[str, Analysis], names: Mapping[str, str]
) -> list[Discrepancy]:
    """Mentions of one event (linked across articles, transitively) whose dates have no day in common."""
    mentions = dated_mentions(articles, analyses, infer_dates(articles, analyses))
    if len(mentions) < 2:
        return []
    embedded = vectors([m.window for m in mentions])
    similarity = embedded @ embedded.T
    links = {
        (i, j): float(similarity[i, j])
        for i in range(len(mentions))
        for j in range(i + 1, len(mentions))
        if mentions[i].article_id != mentions[j].article_id
        and _same_event(mentions[i], mentions[j], float(similarity[i, j]))
    }
    found = []
    for group in groups(len(mentions), links):
        if conflict := _date_conflict(mentions, group, links, names):
            found.append(conflict)
    return found


def _same_event(a: DatedMention, b: DatedMention, similarity: float) -> bool:
    """A shared event (not a mere statement) in similar words, or near-identical words about one subject."""
    if shared_event(a, b) and similarity >= SAME_EVENT:
        return True
    return similarity >= SAME_EVENT_TEXT and bool(a.entities & b.entities)


def _date_conflict(
    mentions: list[DatedMention], group: list[int], links: Mapping[tuple[int, int], float], names: Mapping[str, str]
) -> Discrepancy | None:
    """The event's most widely reported date against the dates directly linked to it that share no day.

    Only direct links count: a vague "this month" may link "this week" and "last week" without
    their disagreeing about one event.
    """
    by_value: dict[str, list[int]] = {}
    for k in group:
        by_value.setdefault(mentions[k].value, []).append(k)
    values = sorted(by_value, key=lambda v: -len({mentions[k].article_id for k in by_value[v]}))
    majority = by_value[values[0]]
    clashing: dict[str, list[float]] = {}
    for value in values[1:]:
        if mentions[by_value[value][0]].period.overlaps(mentions[majority[0]].period):
            continue
        direct = [
            links[min(i, j), max(i, j)] for i in by_value[value] for j in majority if (min(i, j), max(i, j)) in links
        ]
        if direct:
            clashing[value] = direct
    if not clashing:
        return None
    sides = [_side([mentions[k] for k in by_value[v]], names) for v in (values[0], *clashing)]
    told = max((mentions[k] for k in majority), key=lambda m: (m.happening, not m.quoted))  # what happened
    event = told.clause or told.sentence
    description = f"Dates differ for the same event (“{event.text}”): " + "; ".join(sides)
    involved = [mentions[k] for v in (values[0], *clashing) for k in by_value[v]]
    quoted = (event, *dict.fromkeys(m.said for m in involved))
    closeness = float(np.mean([score for scores in clashing.values() for score in scores]))
    firmness = min(m.weight for m in involved)
    articles = tuple(dict.fromkeys(m.article_id for m in involved))
    confidence = round(min(0.95, closeness * (0.5 + 0.5 * firmness)), 3)
    return Discrepancy("date", description, articles, confidence, quoted)


def _side(mentions: list[DatedMention], names: Mapping[str, str]) -> str:
    outlets = list(dict.fromkeys(names[m.article_id] for m in mentions))
    phrases = ", ".join(dict.fromkeys(f"“{m.said.text}”" for m in mentions))
    return f"{_join(outlets)} {'says' if len(outlets) == 1 else 'say'} {phrases} ({readable_value(mentions[0].value)})"


# ---- (b) numbers of one fact ----------------------------------------------------------------------
def _number_conflicts(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    quotes: Sequence[StoryQuote],
    names: Mapping[str, str],
) -> list[Discrepancy]:
    """Sentences of two outlets reporting one fact (close meaning) that count the same thing differently.

    The thing counted is the noun after the number (people, homes, percent, the currency of an
    amount); numbers that can both be true ("at least 20" and 25) agree. The confidence is the
    sentences' similarity, lowered when a hedge shows the outlet itself was unsure.
    """
    sentences = _sentences(articles)
    if not sentences:
        return []
    similarity = _similarity(sentences, analyses, quotes)
    texts = {a.id: a.text for a in articles}
    numbers = [_numbers(s, analyses[s.article_id], texts[s.article_id]) for s in sentences]
    found = []
    for i, j in zip(*np.nonzero(np.triu(similarity >= SAME_CLAIM, k=1)), strict=True):
        a, b = sentences[i], sentences[j]
        if a.article_id == b.article_id:
            continue
        for unit, ours in numbers[i].items():
            theirs = numbers[j].get(unit)
            if theirs is not None and not ours.agrees(theirs):
                description = (
                    f"Numbers differ for the same fact: {names[a.article_id]} says “{ours.phrase.text}” (“{a.text}”), "
                    f"{names[b.article_id]} says “{theirs.phrase.text}” (“{b.text}”)"
                )
                hedged = 0.8 if ours.hedge or theirs.hedge else 1.0
                confidence = round(float(similarity[i, j]) * hedged, 3)
                quoted = (ours.phrase, a.excerpt(), theirs.phrase, b.excerpt())
                found.append(Discrepancy("number", description, (a.article_id, b.article_id), confidence, quoted))
    return found


def _numbers(sentence: _Sentence, analysis: Analysis, text: str) -> dict[str, _Quantity]:
    """Quantities in a sentence of `text` by the thing they count ("20 officials" -> "official"), dates left out."""
    dates = [(t.start - sentence.start, t.end - sentence.start) for t in analysis.times]
    found: dict[str, _Quantity] = {}
    for match in NUMBER.finditer(sentence.text):
        if any(start < match.end("number") and match.start("number") < end for start, end in dates):
            continue
        amount = _amount(match.group("number"), match.group("scale"))
        unit = _unit(match)
        if amount is not None and unit and unit not in NUMBER_WORDS and unit not in STOP_WORDS:
            hedge = match.group("hedge").lower() if match.group("hedge") else None
            stated = match.end(("scale" if match.group("scale") else "number") if match.group("currency") else 0)
            phrase = [(sentence.start + match.start(), sentence.start + stated)]
            found.setdefault(unit, _Quantity(amount, hedge, excerpt(sentence.article_id, text, phrase)))
    return found


def _unit(match: re.Match[str]) -> str | None:
    if match.group("currency"):
        return CURRENCIES[match.group("currency")]
    if match.group("percent"):
        return "percent"
    return _singular(match.group("unit")) if match.group("unit") else None


def _amount(number: str, scale: str | None) -> float | None:
    word = number.lower()
    value = float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else _float(number.replace(",", ""))
    if value is None:
        return None
    return value * {"million": 1e6, "billion": 1e9, "trillion": 1e12}.get(scale or "", 1)


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _singular(words: str) -> str:
    return re.sub(r"(?<=[a-z])s$", "", words)


# ---- (c) speakers of one quote --------------------------------------------------------------------
def _speaker_conflicts(quotes: Sequence[StoryQuote], names: Mapping[str, str]) -> list[Discrepancy]:
    """Statements whose outlets name different speakers, each speaker with the outlets naming them.

    The confidence is how firmly the less firm side names its speaker (each side's best
    `QuoteVariant.attribution`): a name beside the words against a name beside the words is a
    real contradiction, against a pronoun resolved by coreference perhaps a resolution error.
    """
    found = []
    for quote in quotes:
        if not quote.other_speakers:
            continue
        speakers: dict[str, list[str]] = {}
        firmness: dict[str, float] = {}
        for variant in quote.variants:
            if variant.speaker and variant.speaker in (quote.speaker, *quote.other_speakers):
                speakers.setdefault(variant.speaker, []).append(names[variant.article_id])
                firmness[variant.speaker] = max(firmness.get(variant.speaker, 0.0), variant.attribution)
        sides = [f"{speaker} by {_join(list(dict.fromkeys(outlets)))}" for speaker, outlets in speakers.items()]
        said = [variant.words for variant in quote.variants if variant.words is not None]
        if said:
            shared = min(said, key=lambda words: len(words.text))  # the words every outlet carries
            description = f"The same words (“{shared.text}”) are attributed to " + "; to ".join(sides)
        else:
            description = "The same reported statement is attributed to " + "; to ".join(sides)
        quoted = (shared,) if said else ()
        found.append(Discrepancy("speaker", description, quote.articles, round(min(firmness.values()), 3), quoted))
    return found


# ---- (d) page dates far from the story ------------------------------------------------------------
def _page_date_conflicts(
    articles: Sequence[Article],
    analyses: Mapping[str, Analysis],
    timeline: Sequence[TimelineEntry],
    names: Mapping[str, str],
) -> list[Discrepancy]:
    """A date shown on the page (chrome or publication) far from the events and the other outlets' dates."""
    published = {a.id: publication_day(a, analyses[a.id]) for a in articles}
    found = []
    for article in articles:
        story = _story_days(article.id, published, timeline)
        if story is None:
            continue
        for shown, role, evidence in _page_dates(article, published[article.id]):
            gap = _gap(shown, story)
            if abs(gap) > FAR_DAYS:
                description = (
                    f"{names[article.id]} shows the {role} date {day_text(shown)} (on its page: {evidence}), "
                    f"{abs(gap)} days {'after' if gap > 0 else 'before'} the story's dates "
                    f"({day_range(story[0], story[1])})"
                )
                confidence = round(min(0.95, 0.5 + abs(gap) / 365), 3)
                found.append(Discrepancy("page_date", description, (article.id,), confidence))
    return found


def _page_dates(article: Article, published: date | None) -> list[tuple[date, str, str]]:
    shown = [(p.value, p.role, p.evidence) for p in article.page_dates if p.role == "chrome"]
    if published is not None:
        shown.append((published.isoformat(), "publication", article.published.evidence or published.isoformat()))
    found = []
    for value, role, evidence in shown:
        span = period(value[:10])
        if span is not None:
            found.append((span.first, role, evidence))
    return found


def _story_days(
    article_id: str, published: Mapping[str, date | None], timeline: Sequence[TimelineEntry]
) -> tuple[date, date] | None:
    """The days the rest of the story spans: other outlets' publication dates and the article's own events."""
    days = [day for other, day in published.items() if other != article_id and day is not None]
    for entry in timeline:
        span = period(entry.date)
        if span is not None and article_id in entry.articles and span.precision in ("day", "week"):
            days.append(span.first)
    return (min(days), max(days)) if days else None


def _gap(day: date, span: tuple[date, date]) -> int:
    if day > span[1]:
        return (day - span[1]).days
    if day < span[0]:
        return (day - span[0]).days
    return 0


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
