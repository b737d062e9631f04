"""Language identification, and the stop words that the text cleaner's features depend on."""

from __future__ import annotations

from functools import cache

import justext
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

MIN_CHARS = 20
JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
    "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability; (None, 0.0) when there is too little text to tell."""
    if len(text.strip()) < MIN_CHARS:
        return None, 0.0
    code, probability = _identifier().classify(text)
    return code, float(probability)


@cache
def stop_words(language: str | None) -> frozenset[str]:
    """jusText's stop list for the language; English when the language has none."""
    name = JUSTEXT_NAMES.get(language or "en", "English")
    return frozenset(justext.get_stoplist(name))
