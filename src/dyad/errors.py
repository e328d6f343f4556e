"""dyad's exceptions. Every error dyad raises on purpose is a DyadError.

DyadError
├── InputError          a document or file that cannot be read (names the file)
├── ModelNotInstalled   a model is missing: the spaCy pipeline, or MiniLM for
│                       --embeddings (names the package to install)
├── DataFileError       a dictionary, pattern or codebook file is malformed
└── StoreError          the DuckDB store cannot be opened or written
"""

from __future__ import annotations


class DyadError(Exception):
    """Base class: the message is one line a user can act on."""


class InputError(DyadError):
    """A bad input document. `where` is the file (and line) it came from."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class ModelNotInstalled(DyadError):
    pass


class DataFileError(DyadError):
    pass


class StoreError(DyadError):
    pass
