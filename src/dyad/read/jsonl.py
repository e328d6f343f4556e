"""JSON Lines corpora: one document per line with `text` and optional `id`,
`date`, `url`, `title` and `source` (the publisher)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from dyad.dates import parse_date
from dyad.errors import InputError
from dyad.read.common import content_id
from dyad.records import Article


def parse_jsonl(text: str, origin: str) -> Iterator[Article | InputError]:
    """Yield one Article per good line and one InputError (naming the line) per bad one."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            yield parse_record(json.loads(line), where)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield exc


def parse_record(record: object, where: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, "expected a JSON object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no 'text' field, or it is empty")
    published = None
    if record.get("date"):
        published = parse_date(str(record["date"]))
        if published is None:
            raise InputError(where, f"'date' {record['date']!r} is not a date (use YYYY-MM-DD)")
    doc_id = record.get("id")
    return Article(
        doc_id=str(doc_id) if doc_id not in (None, "") else content_id(text),
        text=text,
        title=_optional(record.get("title")),
        date=published,
        url=_optional(record.get("url")),
        publisher=_optional(record.get("source")),
        origin=where,
    )


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
