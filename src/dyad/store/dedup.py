"""Near-duplicate articles across a corpus: syndicated copies of one wire story.

Each article's cleaned text gets a MinHash signature over word 3-shingles;
a locality-sensitive hash index (datasketch) finds earlier articles whose
estimated Jaccard similarity reaches the threshold. Signatures are stored
with the articles, so a later ingest recognises copies of stories stored
before. Copies run within days of their story, so the index holds the latest
`window` articles only: its memory stays flat however large the store grows.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
# Stored signatures are only comparable when made the same way: fix the scheme.
SCHEME = "affine32"
_SHINGLE = 3
# Articles indexed at most (a few days of a large news feed; about 1.5 kB each).
WINDOW = 100_000


class DuplicateFinder:
    def __init__(self, threshold: float, window: int = WINDOW) -> None:
        self.threshold = threshold
        self.window = window
        self._index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        # Hash values only, oldest first: a MinHash object carries its own
        # copy of the permutations, several times the size of its values.
        self._signatures: OrderedDict[str, np.ndarray] = OrderedDict()

    def signature(self, text: str) -> MinHash:
        words = re.findall(r"\w+", text.lower())
        shingles = {" ".join(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}
        minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
        minhash.update_batch([s.encode("utf-8") for s in shingles or {text}])
        return minhash

    def load(self, stored: Iterable[tuple[str, bytes]]) -> None:
        """Index signatures saved by earlier runs, oldest first."""
        for doc_id, blob in stored:
            self.add(doc_id, from_bytes(blob))

    def original_of(self, signature: MinHash) -> str | None:
        """The earliest indexed article this one copies, if any."""
        values = signature.hashvalues
        candidates = [
            (doc_id, float(np.count_nonzero(self._signatures[doc_id] == values)) / NUM_PERM)
            for doc_id in self._index.query(signature)
        ]
        close = [c for c in candidates if c[1] >= self.threshold]
        return max(close, key=lambda c: c[1])[0] if close else None

    def add(self, doc_id: str, signature: MinHash) -> None:
        if doc_id in self._signatures:
            return
        self._index.insert(doc_id, signature)
        self._signatures[doc_id] = signature.hashvalues
        if len(self._signatures) > self.window:
            oldest, _ = self._signatures.popitem(last=False)
            self._index.remove(oldest)


def to_bytes(signature: MinHash) -> bytes:
    return bytes(signature.hashvalues.astype("<u8").tobytes())


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype="<u8"), scheme=SCHEME)
