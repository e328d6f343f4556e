"""Cutting a stream into lists of a bounded size, read lazily: what keeps
memory flat however long the input."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of `size` items (the last may be shorter); a size below 1 counts as 1."""
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch
