"""Language identification, offline, with py3langid's bundled model.

dyad codes English. Short texts are hard to identify (a one-line English
sentence full of names can score as anything), so an article is called
non-English only when the model is confident."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import py3langid.langid as langid

_SURE = 0.9  # probability that decides on any text
_LIKELY = 0.5  # enough on texts of at least _LONG characters
_LONG = 200
_SAMPLE = 1000  # characters: plenty to tell a language, a third of the cost of 3,000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    return langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language, or `default` when unsure."""
    sample = text[:_SAMPLE]
    if not sample.strip():
        return default
    language, probability = _identifier().classify(sample)
    if probability >= _SURE or (len(sample) >= _LONG and probability >= _LIKELY):
        return str(language)
    return default
