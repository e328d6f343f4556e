"""Near-duplicates across a corpus: syndicated copies of one wire story, and
one event reported by several articles.

Each article's cleaned text gets a MinHash signature over word 3-shingles;
a locality-sensitive hash index (datasketch) finds earlier articles whose
estimated Jaccard similarity reaches the threshold. Signatures are stored
with the articles, so a later ingest recognises copies of stories stored
before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from dyad.records import Event

NUM_PERM = 64
# Stored signatures are only comparable when made the same way: fix the scheme.
SCHEME = "affine32"
_SHINGLE = 3


class DuplicateFinder:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def signature(self, text: str) -> MinHash:
        words = re.findall(r"\w+", text.lower())
        shingles = {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}
        minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
        minhash.update_batch([s.encode("utf-8") for s in shingles or {text}])
        return minhash

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        """Index signatures saved by earlier runs."""
        for doc_id, blob in stored:
            self.add(doc_id, from_bytes(blob))

    def original_of(self, signature: MinHash) -> str | None:
        """The earliest indexed article this one copies, if any."""
        candidates = [
            (doc_id, self._signatures[doc_id].jaccard(signature))
            for doc_id in self._index.query(signature)
        ]
        close = [c for c in candidates if c[1] >= self.threshold]
        return max(close, key=lambda c: c[1])[0] if close else None

    def add(self, doc_id: str, signature: MinHash) -> None:
        if doc_id not in self._signatures:
            self._index.insert(doc_id, signature)
            self._signatures[doc_id] = signature


def to_bytes(signature: MinHash) -> bytes:
    return bytes(signature.hashvalues.astype("<u8").tobytes())


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype="<u8"), scheme=SCHEME)


# Two reports of one event tell it in sentences sharing this share of words.
SENTENCE_JACCARD = 0.5
_PRECISIONS = ["day", "week", "month", "year"]


def same_event(cursor: Any, event: Event) -> str | None:
    """An event another article stored that this one reports again: the same
    source, target and code, the same date at the coarser of the two
    precisions, and a near-duplicate sentence."""
    sql = (
        "SELECT event_id, sentence, date, date_precision FROM events"
        " WHERE source_code = ? AND cameo = ? AND target_code IS NOT DISTINCT FROM ?"
        " AND doc_id <> ?"
    )
    params: list[Any] = [
        event.source.code, event.cameo, event.target.code if event.target else None, event.doc_id
    ]  # fmt: skip
    if event.date is None:
        sql += " AND date IS NULL"
    else:
        sql += " AND date BETWEEN ? AND ?"
        params += [event.date - timedelta(days=366), event.date + timedelta(days=366)]
    words = _words(event.sentence)
    for event_id, sentence, when, precision in cursor.execute(sql, params).fetchall():
        if event.date is not None and not _same_period(
            event.date, event.date_precision, when, precision
        ):
            continue
        other = _words(sentence)
        if words and len(words & other) / len(words | other) >= SENTENCE_JACCARD:
            return str(event_id)
    return None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _same_period(a: date, a_precision: str | None, b: date, b_precision: str | None) -> bool:
    coarser = max(_PRECISIONS.index(a_precision or "day"), _PRECISIONS.index(b_precision or "day"))
    if coarser == 3:
        return a.year == b.year
    if coarser == 2:
        return (a.year, a.month) == (b.year, b.month)
    if coarser == 1:
        return a - timedelta(days=a.weekday()) == b - timedelta(days=b.weekday())
    return a == b
