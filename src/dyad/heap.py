"""Handing freed memory back to the system between batches.

The parser's buffers for one batch take hundreds of megabytes. glibc keeps
what a batch freed in the process's heap and, as fragments pile up, serves
the next batch partly from new pages: a long run's resident memory ratchets
up (a worker grew from 0.8 to 1.2 GB over 2,500 articles). Trimming the heap
after each batch keeps it at one batch's worth; measured, it costs no speed
(fixing the mmap threshold instead cost 12%).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None  # not glibc (macOS, musl): nothing to trim this way
    return trim


def release_free_memory() -> None:
    """Return the heap's free pages to the system (glibc only; else nothing)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
