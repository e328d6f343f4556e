"""Web archives (WARC, as in Common Crawl's news crawl): each HTML response
record is one article, read with warcio (which also reads .warc.gz).

A damaged record is skipped with its number; a truncated or corrupt archive
ends the file with an error after the records that could be read."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyad.config import Options
from dyad.dates import parse_date
from dyad.errors import InputError
from dyad.read.common import unreadable
from dyad.read.decode import decode_bytes
from dyad.read.html import parse_html
from dyad.records import Article

_RECORD_TYPES = {
    "warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
    "continuation",
}  # fmt: skip


def read_warc(path: Path, options: Options) -> Iterator[Article | InputError]:
    where = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield unreadable(where, exc)
        return
    html_records = records = 0
    with stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                records = number
                if record.format != "warc":
                    # warcio falls back to the old ARC format for anything else.
                    yield InputError(where, "not a WARC file (no WARC/1.x record header)")
                    return
                if record.rec_type not in _RECORD_TYPES:
                    # warcio hands back what it could read of a cut-off record.
                    yield InputError(
                        f"{where}#record{number}", "damaged record: the archive is truncated"
                    )
                    return
                result = _read_record(record, f"{where}#record{number}", options)
                if result is not None:
                    html_records += 1
                    yield result
        except ArchiveLoadFailed as exc:
            yield InputError(where, f"not a WARC file, or a damaged one ({_first_line(exc)})")
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(where, f"truncated or corrupt WARC ({_first_line(exc)})")
            return
    if records == 0:
        yield InputError(where, "not a WARC file: no records found")
    elif html_records == 0:
        yield InputError(where, "WARC has no HTML response records")


def _read_record(record: object, where: str, options: Options) -> Article | InputError | None:
    """An Article for an HTML response, an error for a bad one, None for other records."""
    if getattr(record, "rec_type", None) != "response":
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    content_type = (http.get_header("Content-Type") or "") if http else ""
    if "html" not in content_type.lower():
        return None
    payload = record.content_stream().read(options.max_document_bytes + 1)  # type: ignore[attr-defined]
    if len(payload) > options.max_document_bytes:
        return InputError(where, "record is over the max_document_bytes limit")
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    crawled = parse_date(headers.get_header("WARC-Date") or "")
    try:
        text = decode_bytes(payload, where)
        article = parse_html(text, where, url=url)
    except InputError as exc:
        return exc
    if article.date is None and crawled is not None:
        # No date in the page: the crawl date is the best evidence there is.
        article = replace(article, date=crawled, date_source="crawl")
    return article


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
