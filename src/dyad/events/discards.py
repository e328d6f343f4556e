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

BUILTIN = ("phoenix-discards.txt", "discards.txt")


@dataclass(frozen=True, slots=True)
class Discards:
    sentence: re.Pattern[str] | None
    story: re.Pattern[str] | None

    def sentence_hit(self, text: str) -> str | None:
        match = self.sentence.search(text) if self.sentence else None
        return match.group(0) if match else None

    def story_hit(self, text: str) -> str | None:
        match = self.story.search(text) if self.story else None
        return match.group(0) if match else None


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


def _pattern(phrases: set[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    # Longest first, so "champions trophy" wins over "champions"; whole words only.
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_builtin_discards() -> Discards:
    files = resources.files("dyad.data")
    return parse_discards(
        files.joinpath(name).read_bytes().decode("utf-8", errors="replace") for name in BUILTIN
    )
