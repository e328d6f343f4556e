"""One event reported by several articles: a later report becomes a mention
of the stored event (GDELT's NumMentions), not an event of its own.
(Syndicated copies of whole articles are found apart, in dedup.py.)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from dyad.dates import coarser, period_start
from dyad.records import Event

# Two reports of one event tell it in sentences sharing this share of words.
SENTENCE_JACCARD = 0.5


Stored = tuple[str, str, date | None, str | None]  # event id, sentence, date, precision
Key = tuple[str, str | None, str]  # source, target, code


def stored_reports(cursor: Any, events: list[Event]) -> dict[Key, list[Stored]]:
    """The stored events of other articles that an article's events may
    repeat (same source, target and code), in one query."""
    if not events:
        return {}
    keys = sorted({f"{e.source.code}|{e.target.code if e.target else ''}|{e.cameo}"
                   for e in events})  # fmt: skip
    rows = cursor.execute(
        "SELECT source_code, target_code, cameo, event_id, sentence, date, date_precision"
        " FROM events WHERE source_code || '|' || coalesce(target_code, '') || '|' || cameo"
        " IN (SELECT unnest(?::VARCHAR[])) AND doc_id <> ?",
        [keys, events[0].doc_id],
    ).fetchall()
    found: dict[Key, list[Stored]] = {}
    for source, target, cameo, *stored in rows:
        found.setdefault((source, target, cameo), []).append(tuple(stored))
    return found


def same_event(event: Event, stored: dict[Key, list[Stored]]) -> str | None:
    """An event another article stored that this one reports again: the same
    source, target and code, the same date at the coarser of the two
    precisions, and a near-duplicate sentence."""
    key = (event.source.code, event.target.code if event.target else None, event.cameo)
    words = _words(event.sentence)
    for event_id, sentence, when, precision in stored.get(key, []):
        if (event.date is None) != (when is None):
            continue
        if (
            event.date is not None
            and when is not None
            and not _same_period(event.date, event.date_precision, when, precision)
        ):
            continue
        other = _words(sentence)
        if words and len(words & other) / len(words | other) >= SENTENCE_JACCARD:
            return event_id
    return None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _same_period(a: date, a_precision: str | None, b: date, b_precision: str | None) -> bool:
    precision = coarser(a_precision, b_precision)
    return period_start(a, precision) == period_start(b, precision)
