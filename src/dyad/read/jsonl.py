"""JSON Lines corpora: one document per line with `text` and optional `id`,
`date`, `url`, `title` and `source` (the publisher). Other field names are
mapped with Options.field_map ("text=body,date=published_at")."""

from __future__ import annotations

import json
from collections.abc import Iterator

from dyad.config import Options
from dyad.dates import parse_date
from dyad.errors import InputError
from dyad.read.common import content_id
from dyad.records import Article

FIELDS = ("id", "text", "date", "url", "title", "source")


def parse_jsonl(
    text: str, origin: str, options: Options | None = None
) -> Iterator[Article | InputError]:
    """Yield one Article per good line and one InputError (naming the line) per bad one."""
    options = options or Options()
    names = {field: field for field in FIELDS} | options.fields()
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first.lstrip().startswith("{"):
        yield InputError(origin, "not JSON Lines: the first line is not a JSON object")
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        if len(line.encode("utf-8")) > options.max_document_bytes:
            yield InputError(where, "line is over the max_document_bytes limit")
            continue
        try:
            yield parse_record(json.loads(line), where, names)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno})")
        except InputError as exc:
            yield exc


def parse_record(record: object, where: str, names: dict[str, str] | None = None) -> Article:
    names = names or {field: field for field in FIELDS}
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object with a {names['text']!r} field")
    text = record.get(names["text"])
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, f"no {names['text']!r} field, or it is empty")
    published = None
    raw_date = record.get(names["date"])
    if raw_date:
        published = parse_date(str(raw_date))
        if published is None:
            raise InputError(
                where, f"{names['date']!r} {raw_date!r} is not a date (use YYYY-MM-DD)"
            )
    doc_id = record.get(names["id"])
    return Article(
        doc_id=str(doc_id) if doc_id not in (None, "") else content_id(text),
        text=text,
        title=_optional(record.get(names["title"])),
        date=published,
        url=_optional(record.get(names["url"])),
        publisher=_optional(record.get(names["source"])),
        origin=where,
    )


def _optional(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
