"""Readers: turn inputs into Article records.

Inputs are files (.txt, .html/.htm, .jsonl/.ndjson, RSS/Atom feeds as
.xml/.rss/.atom, WARC as .warc/.warc.gz; any of them gzip-compressed as
.gz), directories (searched recursively), glob patterns, and `-` for stdin.
`read_inputs` yields an Article for every document it can read and an
InputError (naming the file, and line or record) for every one it cannot,
so a batch goes on past bad items.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyad.config import Options
from dyad.errors import InputError
from dyad.read.common import unreadable
from dyad.read.decode import decode_bytes
from dyad.read.feeds import parse_feed
from dyad.read.html import parse_html
from dyad.read.jsonl import parse_jsonl
from dyad.read.text import parse_text
from dyad.read.warc import read_warc
from dyad.records import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
# Containers hold many documents: the size limit applies to each, not to the file.
_CONTAINERS = JSONL_SUFFIXES | WARC_SUFFIXES
_CONTAINER_FACTOR = 50  # a compressed JSONL may inflate to 50 documents' worth at most
_GLOB_CHARACTERS = set("*?[")

ReadResult = Article | InputError


def read_inputs(inputs: Iterable[str], options: Options | None = None) -> Iterator[ReadResult]:
    options = options or Options()
    for name in inputs:
        if name == "-":
            data = sys.stdin.buffer.read()
            yield from _read_document(data, "<stdin>", None, options)
        elif not Path(name).exists() and _GLOB_CHARACTERS & set(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield InputError(name, "no files match this pattern")
            for match in matches:
                yield from _read_path(Path(match), options)
        else:
            yield from _read_path(Path(name), options)


def document_suffix(path: Path) -> str:
    """The format suffix, looking through compression: 'a.warc.gz' -> '.warc'."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _read_path(path: Path, options: Options) -> Iterator[ReadResult]:
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and document_suffix(p) in KNOWN_SUFFIXES
        )
        if not files:
            yield InputError(str(path), "directory has no news files (.txt, .html, .jsonl, ...)")
        for file in files:
            yield from read_file(file, options)
    else:
        yield from read_file(path, options)


def read_file(path: Path, options: Options | None = None) -> Iterator[ReadResult]:
    options = options or Options()
    where = str(path)
    suffix = document_suffix(path)
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, options)  # warcio reads its own compression
        return
    try:
        size = path.stat().st_size
        if suffix not in _CONTAINERS and size > options.max_document_bytes:
            yield InputError(where, _too_large(size, options))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield unreadable(where, exc)
        return
    if path.suffix.lower() == ".gz":
        limit = options.max_document_bytes * (_CONTAINER_FACTOR if suffix in _CONTAINERS else 1)
        try:
            data = _gunzip(data, limit)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(where, f"truncated or corrupt gzip ({exc})")
            return
    yield from _read_document(data, where, suffix, options)


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress, refusing to inflate past `limit` bytes (a gzip bomb)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        out = stream.read(limit + 1)
    if len(out) > limit:
        raise OSError(f"decompresses to more than {limit:,} bytes")
    return out


def _read_document(
    data: bytes, where: str, suffix: str | None, options: Options
) -> Iterator[ReadResult]:
    if suffix is None:
        suffix = _sniff_suffix(data)
    if suffix not in _CONTAINERS and len(data) > options.max_document_bytes:
        yield InputError(where, _too_large(len(data), options))
        return
    if suffix in FEED_SUFFIXES:
        yield from parse_feed(data, where, options)
        return
    try:
        text = decode_bytes(data, where)
    except InputError as exc:
        yield exc
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from parse_jsonl(text, where, options)
        elif suffix in HTML_SUFFIXES:
            yield parse_html(text, where)
        else:
            yield parse_text(text, where)
    except InputError as exc:
        yield exc


def _too_large(size: int, options: Options) -> str:
    return (
        f"document is {size / 1e6:.1f} MB, over the {options.max_document_bytes / 1e6:g} MB limit"
        " (raise max_document_bytes to read it)"
    )


def _sniff_suffix(data: bytes) -> str:
    """Guess the format of stdin from its first bytes."""
    start = data.lstrip()[:300].lower()
    if start.startswith(b"{"):
        return ".jsonl"
    if start.startswith((b"<!doctype html", b"<html")):
        return ".html"
    if start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start:
        return ".xml"
    return ".txt"
