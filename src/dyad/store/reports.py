"""One event reported by several articles: a later report becomes a mention
of the stored event (GDELT's NumMentions), not an event of its own.
(Syndicated copies of whole articles are found apart, in dedup.py.)
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from dyad.records import Event

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
