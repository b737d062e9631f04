"""Settings shared by the stages; one place to change a limit or a model."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DB = "crosswire.db"


@dataclass(frozen=True)
class Settings:
    """Limits that protect a batch from pathological input."""

    max_input_bytes: int = 20 * 1024 * 1024
    min_article_chars: int = 80


DEFAULT_SETTINGS = Settings()
