"""Lexical evidence for story clustering: the words of a headline and lead, and their IDF cosine.

Sentence embeddings place every story about one topic (a president, a war, a court) close
together; the rare words two reports share, a town, a surname, a number, are what tell two
such stories apart. An article's terms are the set of distinct lower-cased words of its
headline and lead without stop words (binary term frequency: in a text that short a repeat
says little), and two articles are compared by the cosine of their IDF-weighted term vectors.
The IDF is kept by the clusterer over the articles it stores, so it follows the collection.
Sums over a set are exactly rounded (`math.fsum`): a set's order changes with each process's
string hashing, and a plain sum's last bit with it, so a rebuilt store would differ from the saved one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import word_frequency

WORD = re.compile(r"\b\w\w+\b")
LEAD_WORDS = 70  # words in a headline and lead: a word of frequency f is in about f * 70 of them
RAREST = 1e-8  # the frequency given to a word wordfreq has never seen


def terms(text: str) -> frozenset[str]:
    """The distinct content words of `text`, lower-cased; possessive "'s" and stop words dropped."""
    words = WORD.findall(text.casefold().replace("’", "'"))
    return frozenset(word for word in words if word not in STOP_WORDS)


def idf_cosine(a: frozenset[str], b: frozenset[str], idf: Callable[[str], float], norms: tuple[float, float]) -> float:
    """Cosine of the binary TF-IDF vectors of two term sets (of the given `idf_norm`s): rare words weigh most."""
    shared = a & b
    if not shared:
        return 0.0
    return math.fsum(idf(term) ** 2 for term in shared) / (norms[0] * norms[1])


def idf_norm(words: frozenset[str], idf: Callable[[str], float]) -> float:
    """The length of a term set's binary TF-IDF vector."""
    return math.sqrt(math.fsum(idf(term) ** 2 for term in words))


@cache
def background_idf(term: str) -> float:
    """The IDF a term would have among headlines and leads in general, from its frequency in English."""
    share = LEAD_WORDS * max(word_frequency(term, "en"), RAREST)
    return max(0.0, -math.log(share)) + 1.0
