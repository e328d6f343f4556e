"""JSON Lines corpora: one document per line with `text` and optional `id`,
`date`, `url`, `title` and `source` (the publisher). Other field names are
mapped with Options.field_map ("text=body,date=published_at").

Files are read a line at a time (read_jsonl), so memory holds one line of at
most max_document_bytes however large the file is, or its gzip expansion."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from dyad.config import Options
from dyad.dates import parse_date
from dyad.errors import InputError
from dyad.read.common import content_id, rejoined, too_large
from dyad.read.decode import SNIFF_BYTES, decode_fallback, sniff_encoding
from dyad.records import Article

FIELDS = ("id", "text", "date", "url", "title", "source")
_SKIP_CHUNK = 1 << 20  # the rest of an over-long line is read past in pieces this big

# (line number, its text, its size in bytes when over the limit (the text is then a prefix)).
_Line = tuple[int, str, int | None]


def parse_jsonl(
    text: str, origin: str, options: Options | None = None
) -> Iterator[Article | InputError]:
    """Yield one Article per good line and one InputError (naming the line) per bad one."""
    options = options or Options()
    # Lines end at "\n" only: str.splitlines() would also split at U+2028, U+0085
    # and other characters that JSON strings may hold unescaped.
    lines = text.split("\n")
    limit = options.max_document_bytes

    def sized() -> Iterator[_Line]:
        for number, line in enumerate(lines, start=1):
            size = len(line.encode("utf-8", errors="replace"))
            yield number, line.removesuffix("\r"), size if size > limit else None

    return _parse_lines(sized(), origin, options)


def read_jsonl(
    stream: BinaryIO, origin: str, options: Options | None = None
) -> Iterator[Article | InputError]:
    """parse_jsonl over a byte stream (a file, a gzip stream, stdin), a line at a time.
    The stream's own errors (a truncated gzip) propagate to the caller."""
    options = options or Options()
    head = stream.read(SNIFF_BYTES)
    try:
        encoding = sniff_encoding(head, origin) if head.strip() else None
    except InputError as exc:
        yield exc
        return
    joined = rejoined(head, stream)
    lines: Iterator[_Line]
    if encoding in (None, "utf-8-sig"):
        if encoding:
            joined.read(len(codecs.BOM_UTF8))
        lines = _byte_lines(joined, options.max_document_bytes)
    else:
        text = io.TextIOWrapper(joined, encoding=encoding, errors="replace", newline="\n")
        lines = _text_lines(text, options.max_document_bytes)
    yield from _parse_lines(lines, origin, options)


def _parse_lines(
    lines: Iterable[_Line], origin: str, options: Options
) -> Iterator[Article | InputError]:
    names = {field: field for field in FIELDS} | options.fields()
    started = False
    for number, line, over in lines:
        if not line.strip() and over is None:
            continue
        where = f"{origin}:{number}"
        if not started:
            started = True
            if not line.lstrip().startswith("{"):
                yield InputError(origin, "not JSON Lines: the first line is not a JSON object")
                return
        if over is not None:
            yield InputError(where, too_large("line", over, options.max_document_bytes))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            # json's C decoder recurses once per level: `[[[[...` 100,000 deep overflows.
            yield InputError(where, "not valid JSON: nested too deeply")
            continue
        except ValueError as exc:
            # Python refuses to convert integers of more than 4,300 digits.
            problem = "a number has too many digits" if "digits" in str(exc) else _short(exc)
            yield InputError(where, f"not valid JSON: {problem}")
            continue
        try:
            yield parse_record(record, where, names)
        except InputError as exc:
            yield exc
    if not started:
        yield InputError(origin, "file is empty")


def _byte_lines(stream: io.BufferedReader, limit: int) -> Iterator[_Line]:
    """Lines of UTF-8 (or cp1252) text, each read to at most `limit` bytes."""
    for number, line, over in _bounded_lines(stream, limit, b"\n"):
        yield number, decode_fallback(line.rstrip(b"\r\n")), over


def _text_lines(stream: io.TextIOWrapper, limit: int) -> Iterator[_Line]:
    """Lines of UTF-16 or UTF-32 text, each read to at most `limit` characters."""
    for number, line, over in _bounded_lines(stream, limit, "\n"):
        yield number, line.rstrip("\r\n"), over


def _bounded_lines(stream: Any, limit: int, newline: Any) -> Iterator[tuple[int, Any, int | None]]:
    """(number, line, size if over the limit) for each line of a byte or text
    stream, never reading more than `limit` (plus a line end) at once."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        over = None
        if len(line) > limit and not (len(line) == limit + 1 and line.endswith(newline)):
            over = _skip_line(line, stream, newline)
        yield number, line, over


def _skip_line(start: Any, stream: Any, newline: Any) -> int:
    """Read past the rest of a line that began with `start`: the line's whole size,
    not counting its line end."""
    size = len(start)
    piece = start
    while piece and not piece.endswith(newline):
        piece = stream.readline(_SKIP_CHUNK)
        size += len(piece)
    return size - len(newline) if piece.endswith(newline) else size


def parse_record(record: object, where: str, names: dict[str, str] | None = None) -> Article:
    names = names or {field: field for field in FIELDS}
    field = names["text"]
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON {_kind(record)}, not an object with a {field!r} field")
    if field not in record:
        raise InputError(where, f"no {field!r} field")
    text = record[field]
    if not isinstance(text, str):
        raise InputError(where, f"{field!r} is a JSON {_kind(text)}, not a string")
    if not text.strip():
        raise InputError(where, f"{field!r} is empty")
    published = None
    raw_date = record.get(names["date"])
    if raw_date:
        published = parse_date(str(raw_date))
        if published is None:
            raise InputError(
                where, f"{names['date']!r} {_short(raw_date)} is not a date (use YYYY-MM-DD)"
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


def _kind(value: object) -> str:
    """The JSON name of a decoded value's type."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "string" if isinstance(value, str) else type(value).__name__


def _short(value: object, width: int = 60) -> str:
    """A value for a one-line message: its repr, cut to `width` characters."""
    text = repr(value) if not isinstance(value, BaseException) else str(value)
    return text if len(text) <= width else text[: width - 3] + "..."
