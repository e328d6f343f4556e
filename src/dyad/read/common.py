"""Helpers shared by the readers."""

from __future__ import annotations

import hashlib


def content_id(text: str) -> str:
    """A document id from its content, so the same text always gets the same id."""
    normalised = " ".join(text.split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]
