"""Wire copy: which articles reprint agency text, the agency credited, and what each reprint changed.

Outlets reprint agency copy with a credit ("By Yonhap", "(AP)" closing the text, "SEOUL (Yonhap) --"
opening it), or with none at all while a sibling reprint carries it; an outlet naming an agency
as a source ("told Yonhap News Agency") is not a credit. What a reprint cut and added against its
closest sibling is where outlets' own editing of shared text shows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from crosswire.analysis.sentences import sentence_spans
from crosswire.analysis.verbatim import excerpt
from crosswire.articles.outlets import agencies_named_in, by_name
from crosswire.records import Article, Excerpt, WireCopy
from crosswire.store.near_duplicates import normalised_words

SAME_SENTENCE_RATIO = 90  # rapidfuzz ratio at which two sentences are one, lightly edited
Link = tuple[str, float, str]  # (other article id, similarity, kind), as the store links them

_CLOSING_CREDIT = re.compile(r"(?:\((?P<paren>[^()]{2,40})\)|\s[—–-]{1,2}\s*(?P<dash>[A-Z][\w .&/-]{1,40}))\s*$")
_DATELINE = re.compile(r"^[A-Z][\w .,'’-]{0,60}?\((?P<credit>[^()]{2,40})\)\s*(?:--|[—–-])\s*")


def wire_copies(articles: Sequence[Article], links: Mapping[str, Sequence[Link]]) -> list[WireCopy]:
    """Every article that is an agency's reprint or has a reprint sibling among `articles`.

    Each is compared with its closest sibling: `cut` holds the sibling's sentences the article
    lacks, `added` the article's sentences the sibling lacks. An article credited to an agency
    with no sibling here still gets a WireCopy, with nothing to compare.
    """
    by_id = {article.id: article for article in articles}
    siblings = _siblings(links, by_id)
    credits = {article.id: agency_credit(article) for article in articles}
    copies = []
    for article in articles:
        family = siblings[article.id]
        agency = credits[article.id] or next((credits[other] for other in family if credits[other]), None)
        if (agency or family) and not _is_agency_itself(article):
            cut, added = _diff(article, by_id[family[0]]) if family else ((), ())
            copies.append(WireCopy(article.id, agency, tuple(family), cut, added))
    return copies


def agency_credit(article: Article) -> str | None:
    """The agency the article credits: in its byline, closing its text, or in its dateline."""
    byline = article.byline.value
    if byline and byline.agencies:
        return byline.agencies[0]
    paragraphs = [paragraph for paragraph in article.paragraphs if paragraph.strip()]
    if not paragraphs:
        return None
    credits = []
    if closing := _CLOSING_CREDIT.search(paragraphs[-1]):
        credits.append(closing.group("paren") or closing.group("dash"))
    if dateline := _DATELINE.match(paragraphs[0]):
        credits.append(dateline.group("credit"))
    agencies = [agency for credit in credits for agency in agencies_named_in(credit)]
    return agencies[0] if agencies else None


def _siblings(links: Mapping[str, Sequence[Link]], by_id: Mapping[str, Article]) -> dict[str, list[str]]:
    """Each article's linked siblings among the story's articles, most similar first; links read both ways."""
    similarity: dict[str, dict[str, float]] = defaultdict(dict)
    for article_id, article_links in links.items():
        for other_id, score, _kind in article_links:
            if article_id in by_id and other_id in by_id and other_id != article_id:
                for one, other in ((article_id, other_id), (other_id, article_id)):
                    similarity[one][other] = max(score, similarity[one].get(other, 0.0))
    return {
        article_id: sorted(similarity[article_id], key=lambda other: (-similarity[article_id][other], other))
        for article_id in by_id
    }


def _is_agency_itself(article: Article) -> bool:
    """The agency's own story is the original the reprints copy, not a copy."""
    entry = by_name(article.outlet.value) if article.outlet.value else None
    return bool(entry and entry.is_agency)


def _diff(reprint: Article, sibling: Article) -> tuple[tuple[Excerpt, ...], tuple[Excerpt, ...]]:
    """(the sibling's sentences missing from the reprint, the reprint's sentences the sibling lacks)."""
    mine, theirs = _comparable_sentences(reprint), _comparable_sentences(sibling)
    mine_keys, their_keys = [key for _, key in mine], [key for _, key in theirs]
    cut = tuple(sentence for sentence, key in theirs if not _found(key, mine_keys))
    added = tuple(sentence for sentence, key in mine if not _found(key, their_keys))
    return cut, added


def _comparable_sentences(article: Article) -> list[tuple[Excerpt, str]]:
    """Sentences with a key that ignores credits, datelines, case and punctuation; credit-only ones dropped."""
    pairs = []
    for start, end in sentence_spans(article.text):
        sentence = article.text[start:end]
        key = " ".join(normalised_words(_CLOSING_CREDIT.sub("", _DATELINE.sub("", sentence))))
        if key:
            pairs.append((excerpt(article.id, article.text, [(start, end)]), key))
    return pairs


def _found(key: str, keys: list[str]) -> bool:
    return key in keys or process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=SAME_SENTENCE_RATIO) is not None
