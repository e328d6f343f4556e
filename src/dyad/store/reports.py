"""One event reported by several articles: a later report becomes a mention
of the stored event (GDELT's NumMentions), not an event of its own.
(Syndicated copies of whole articles are found apart, in dedup.py.)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from dyad.dates import PRECISIONS, EventDate, coarser, period_end, period_start
from dyad.records import Event

# Two reports of one event tell it in sentences sharing this share of words.
SENTENCE_JACCARD = 0.5


# event id, article, sentence, date, precision
Stored = tuple[str, str, str, date | None, str | None]
Key = tuple[str, str | None, str]  # source, target, code


def report_key(event: Event) -> Key:
    return (event.source.code, event.target.code if event.target else None, event.cameo)


def stored_reports(cursor: Any, events: list[Event]) -> dict[Key, list[Stored]]:
    """The stored events that these events may repeat, in one query: the same
    source, target and code, dated in the same period (see `same_event`).
    Only those: a key like USAGOV-RUSGOV-036 recurs all through a big store."""
    if not events:
        return {}
    wanted = {window for event in events for window in _date_windows(event)}
    columns = list(zip(*wanted, strict=True))
    rows = cursor.execute(
        """
        WITH wanted AS (
            SELECT unnest(?::VARCHAR[]) AS source, unnest(?::VARCHAR[]) AS target,
                   unnest(?::VARCHAR[]) AS cameo, unnest(?::VARCHAR[]) AS precision,
                   unnest(?::DATE[]) AS first, unnest(?::DATE[]) AS last
        )
        SELECT DISTINCT e.source_code, e.target_code, e.cameo, e.event_id, e.doc_id,
               e.sentence, e.date, e.date_precision
        FROM events e JOIN wanted w
          ON e.source_code = w.source AND e.target_code IS NOT DISTINCT FROM w.target
         AND e.cameo = w.cameo
         AND (CASE WHEN w.first IS NULL THEN e.date IS NULL
                   ELSE coalesce(e.date_precision, 'day') = w.precision
                        AND e.date BETWEEN w.first AND w.last END)
        ORDER BY e.event_id
        """,
        [list(column) for column in columns],
    ).fetchall()
    found: dict[Key, list[Stored]] = {}
    for source, target, cameo, *stored in rows:
        found.setdefault((source, target, cameo), []).append(tuple(stored))
    return found


Window = tuple[str, str | None, str, str, date | None, date | None]


def _date_windows(event: Event) -> list[Window]:
    """For each precision a stored event may have, the dates it may have to
    be dated in the same period as `event` (at the coarser precision of the two)."""
    source, target, cameo = report_key(event)
    if event.date is None:
        return [(source, target, cameo, "", None, None)]
    windows: list[Window] = []
    for precision in PRECISIONS:
        shared = coarser(event.date_precision, precision)
        first = period_start(event.date, shared)
        last = period_end(EventDate(first, shared, inherited=False))
        windows.append((source, target, cameo, precision, first, last))
    return windows


def remember(stored: dict[Key, list[Stored]], event: Event) -> None:
    """A newly stored event, for the reports that follow it."""
    row = (event.event_id, event.doc_id, event.sentence, event.date, event.date_precision)
    stored.setdefault(report_key(event), []).append(row)


def same_event(event: Event, stored: dict[Key, list[Stored]]) -> str | None:
    """An event another article stored that this one reports again: the same
    source, target and code, the same date at the coarser of the two
    precisions, and a near-duplicate sentence."""
    words = _words(event.sentence)
    for event_id, doc_id, sentence, when, precision in stored.get(report_key(event), []):
        if doc_id == event.doc_id:
            continue  # an article's own events (_merge_reports joined its repeats)
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
