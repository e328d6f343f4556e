"""Discard phrases: text that signals a sentence or a story is not political
news (sports results, markets, entertainment, distant history), so nothing
in it is coded. The format is PETRARCH's: one phrase a line, '+' in front for
a story-level discard, '#' comments; dyad adds '-' in front to take a phrase
of an earlier list back. dyad ships the Phoenix list
(data/phoenix-discards.txt, MIT) and its own (data/discards.txt).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

BUILTIN = ("phoenix-discards.txt", "discards.txt")


_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PhraseList:
    """Phrases matched as whole words, case-insensitively."""

    pattern: re.Pattern[str]
    # Each phrase's first word, or its first two where it has more: a text
    # with none of them as its words holds no phrase, found without running
    # the long pattern (most sentences). Two words, because phrases like
    # "at stumps" or "years ago" begin with words most texts have.
    openings: frozenset[tuple[str, ...]] | None

    def search(self, text: str) -> str | None:
        if self.openings is not None:
            words = _WORD.findall(text.lower())
            if self.openings.isdisjoint(zip(words, strict=True)) and self.openings.isdisjoint(
                pairwise(words)
            ):
                return None
        match = self.pattern.search(text)
        return match.group(0) if match else None


@dataclass(frozen=True, slots=True)
class Discards:
    sentence: PhraseList | None
    story: PhraseList | None

    def sentence_hit(self, text: str) -> str | None:
        return self.sentence.search(text) if self.sentence else None

    def story_hit(self, text: str) -> str | None:
        return self.story.search(text) if self.story else None


def parse_discards(texts: Iterable[str]) -> Discards:
    sentence: set[str] = set()
    story: set[str] = set()
    keep: set[str] = set()
    for text in texts:
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            target = story if line.startswith("+") else keep if line.startswith("-") else sentence
            phrase = " ".join(line.lstrip("+-").replace("_", " ").split())
            if phrase:
                target.add(phrase.lower())
    return Discards(_pattern(sentence - keep), _pattern(story - keep))


def _pattern(phrases: set[str]) -> PhraseList | None:
    if not phrases:
        return None
    # Longest first, so "champions trophy" wins over "champions"; whole words only.
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    # A phrase starting with a word character starts with a whole word of the
    # text (the pattern wants no word character before or after it), and its
    # words are the text's words there, in order.
    if not all(_WORD.match(p) for p in phrases):
        return PhraseList(pattern, None)
    return PhraseList(pattern, frozenset(tuple(_WORD.findall(p)[:2]) for p in phrases))


@lru_cache(maxsize=1)
def load_builtin_discards() -> Discards:
    files = resources.files("dyad.data")
    return parse_discards(
        files.joinpath(name).read_bytes().decode("utf-8", errors="replace") for name in BUILTIN
    )
