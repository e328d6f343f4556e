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
from warcio.bufferedreaders import DecompressingBufferedReader
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
# The longest header line read (WARC and HTTP headers are a few kilobytes at most).
_MAX_LINE = 1 << 20


class _LineTooLong(Exception):
    pass


class _BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, with two faults of its own mended: its readline() has no
    bound (a header "line" of 200 MB without a newline, a few hundred kilobytes
    of gzip, was read whole, grown by concatenation: time quadratic in its length
    and memory three times it), and a decompression error half-way through a
    file is printed to stderr and taken for the end of the file, not raised."""

    def readline(self, length: int | None = None) -> bytes:
        bounded = length is not None and 0 <= length <= _MAX_LINE
        line: bytes = super().readline(length if bounded else _MAX_LINE + 1)
        if not bounded and len(line) > _MAX_LINE:
            raise _LineTooLong
        return line

    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor and data and self.num_block_read:
            return self.decompressor.decompress(data)  # type: ignore[no-any-return]
        return super()._decompress(data)  # type: ignore[no-any-return]


class _Archive(ArchiveIterator):  # type: ignore[misc]
    # warcio prints this warning (with the offending line) to stderr when a record
    # is not followed by a blank line; the next record then fails to load, and
    # that error, naming the file, is the one reported.
    INC_RECORD = ""


def _archive(stream: object) -> ArchiveIterator:
    archive = _Archive(stream)
    # Nothing has been read yet: the iterator's reader can still be swapped.
    archive.reader = _BoundedReader(archive.fh, block_size=archive.reader.block_size)
    return archive


def read_warc(path: Path, options: Options) -> Iterator[Article | InputError]:
    where = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield unreadable(where, exc)
        return
    html_records = records = 0
    with stream:
        archive = iter(_archive(stream))
        while True:
            try:
                record = next(archive, None)
            except ArchiveLoadFailed as exc:
                yield InputError(where, f"not a WARC file, or a damaged one ({_first_line(exc)})")
                return
            except _LineTooLong:
                problem = (
                    f"not a WARC file, or a damaged one (a header line over {_MAX_LINE:,} bytes)"
                )
                yield InputError(where, problem)
                return
            except (OSError, EOFError, zlib.error) as exc:
                yield InputError(where, f"truncated or corrupt WARC ({_first_line(exc)})")
                return
            except Exception:
                # warcio's parser fails in ways of its own on damaged headers (a cut-off
                # record without WARC-Target-URI raised AttributeError out of read_inputs).
                yield InputError(
                    f"{where}#record{records + 1}", "damaged record: its headers cannot be parsed"
                )
                return
            if record is None:
                break
            records += 1
            if record.format != "warc":
                # warcio falls back to the old ARC format for anything else.
                yield InputError(where, "not a WARC file (no WARC/1.x record header)")
                return
            if record.rec_type not in _RECORD_TYPES:
                # warcio hands back what it could read of a cut-off record.
                yield InputError(
                    f"{where}#record{records}", "damaged record: the archive is truncated"
                )
                return
            result = _read_record(record, f"{where}#record{records}", options)
            if result is not None:
                html_records += 1
                yield result
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
    try:
        payload = record.content_stream().read(options.max_document_bytes + 1)  # type: ignore[attr-defined]
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        # A damaged chunked or compressed (Content-Encoding) body.
        return InputError(where, f"damaged record: its content cannot be read ({_first_line(exc)})")
    if len(payload) > options.max_document_bytes:
        limit = options.max_document_bytes / 1e6
        problem = f"record is over the {limit:g} MB limit (raise max_document_bytes to read it)"
        return InputError(where, problem)
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if isinstance(missing, int) and missing > 0:
        # The archive ended inside the record: the page would be coded half read.
        return InputError(
            where, f"damaged record: the archive is truncated ({missing:,} bytes missing)"
        )
    if not payload.strip():
        return InputError(where, "HTML response record is empty")
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
    """The first line of an error, cut to 200 characters (warcio quotes the bad line)."""
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
