"""Helpers shared by the readers."""

from __future__ import annotations

import hashlib
import io
from typing import BinaryIO

from dyad.errors import InputError


def content_id(text: str) -> str:
    """A document id from its content, so the same text always gets the same id."""
    normalised = " ".join(text.split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


def unreadable(where: str, exc: OSError) -> InputError:
    """The error for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(where, "no such file")
    return InputError(where, f"cannot read ({exc.strerror or exc})")


def too_large(what: str, size: int | None, limit: int) -> str:
    """The problem of a document (`what`: "document", "line", ...) over the size
    limit; `size` is None where reading stopped at the limit."""
    known = f" {size:,} bytes," if size is not None else ""
    return (
        f"{what} is{known} over the {limit / 1e6:g} MB limit (raise max_document_bytes to read it)"
    )


def rejoined(head: bytes, rest: BinaryIO) -> io.BufferedReader:
    """A buffered stream of `head` (bytes already read from a stream) then the rest of it."""
    return io.BufferedReader(_Rejoined(head, rest))


class _Rejoined(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
