"""An article's tone on GDELT's AvgTone scale (-100..100): the share of
positive minus the share of negative wording, in percent.

The lexicon is VADER's (the vaderSentiment package ships it, MIT): each
paragraph gets VADER's positive and negative proportions, and the article
their average weighted by paragraph length. Wire copy lands, as in GDELT,
mostly between -10 and +10.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# VADER's rules are written for sentences and short texts; very long
# paragraphs are cut, so a pathological document cannot stall a batch.
MAX_PARAGRAPH_CHARS = 5000


@lru_cache(maxsize=1)
def _analyser() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def article_tone(paragraphs: Sequence[str]) -> float | None:
    """The tone of an article's paragraphs, or None for an empty one."""
    analyser = _analyser()
    total = weighted = 0.0
    for paragraph in paragraphs:
        text = paragraph[:MAX_PARAGRAPH_CHARS]
        words = len(text.split())
        if not words:
            continue
        scores = analyser.polarity_scores(text)
        weighted += words * (scores["pos"] - scores["neg"])
        total += words
    return round(100 * weighted / total, 3) if total else None
