"""Helpers shared by the readers."""

from __future__ import annotations

import hashlib

from dyad.errors import InputError


def content_id(text: str) -> str:
    """A document id from its content, so the same text always gets the same id."""
    normalised = " ".join(text.split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


def unreadable(where: str, exc: OSError) -> InputError:
    """The error for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(where, "no such file")
    return InputError(where, f"cannot read ({exc.strerror})")
