"""Readers: turn inputs into Article records.

Inputs are files (.txt, .html/.htm, .jsonl/.ndjson, RSS/Atom feeds as
.xml/.rss/.atom, WARC as .warc/.warc.gz; any of them gzip-compressed as
.gz), directories (searched recursively), glob patterns, and `-` for stdin.
`read_inputs` yields an Article for every document it can read and an
InputError (naming the file, and line or record) for every one it cannot,
so a batch goes on past bad items.
"""

from __future__ import annotations

import errno
import glob
import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from dyad.config import Options
from dyad.errors import InputError
from dyad.read.common import rejoined, too_large, unreadable
from dyad.read.decode import SNIFF_BYTES, decode_bytes
from dyad.read.feeds import parse_feed
from dyad.read.html import parse_html
from dyad.read.jsonl import read_jsonl
from dyad.read.text import parse_text
from dyad.read.warc import read_warc
from dyad.records import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
# JSON Lines and WARC files hold many documents: the size limit applies to each
# line or record, not to the file. They are read a line or record at a time.
_CONTAINER_FACTOR = 50  # a compressed JSONL may inflate to 50 documents' worth at most
_GLOB_CHARACTERS = set("*?[")

ReadResult = Article | InputError


def read_inputs(inputs: Iterable[str], options: Options | None = None) -> Iterator[ReadResult]:
    options = options or Options()
    for name in inputs:
        if name == "-":
            yield from _read_stdin(options)
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
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            yield InputError(where, f"broken symbolic link (to {os.readlink(path)!r}, not found)")
        else:
            yield InputError(where, "no such file")
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield InputError(where, "symbolic link loop (the link leads back to itself)")
        else:
            yield unreadable(where, exc)
        return
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the read for ever, /dev/zero would never end.
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        yield InputError(where, f"not a regular file ({kind})")
        return
    if suffix in WARC_SUFFIXES:
        yield from read_warc(path, options)  # warcio reads its own compression
        return
    compressed = path.suffix.lower() == ".gz"
    limit = options.max_document_bytes
    if suffix not in JSONL_SUFFIXES and not compressed and info.st_size > limit:
        yield InputError(where, too_large("document", info.st_size, limit))
        return
    try:
        with path.open("rb") as file:
            if compressed:
                yield from _read_gzip(file, where, suffix, options)
            elif suffix in JSONL_SUFFIXES:
                yield from read_jsonl(file, where, options)
            else:
                # Never more than the limit, even if the file grew since stat.
                data = file.read(min(info.st_size, limit) + 1)
                if len(data) > info.st_size:
                    data += file.read(limit + 1 - len(data))
                if len(data) > limit:
                    yield InputError(where, too_large("document", None, limit))
                    return
                yield from _read_document(data, where, suffix, options)
    except OSError as exc:
        yield unreadable(where, exc)


def _read_gzip(file: BinaryIO, where: str, suffix: str, options: Options) -> Iterator[ReadResult]:
    """A gzip-compressed document or JSON Lines file, inflated no further than the
    limit: a few kilobytes of gzip can inflate to gigabytes (a "gzip bomb")."""
    magic = file.read(2)
    if magic != b"\x1f\x8b":
        yield InputError(
            where, "not gzip-compressed, though named .gz" if magic else "file is empty"
        )
        return
    file.seek(0)
    container = suffix in JSONL_SUFFIXES
    limit = options.max_document_bytes * (_CONTAINER_FACTOR if container else 1)
    stream = _Inflated(gzip.GzipFile(fileobj=file), limit)
    try:
        if container:
            yield from read_jsonl(stream, where, options)  # type: ignore[arg-type]
            return
        data = _read_all(stream)
    except _TooMuch:
        size = f"{limit / 1e6:g} MB"
        if container:
            size += f", {_CONTAINER_FACTOR} times the {options.max_document_bytes / 1e6:g} MB limit"
        else:
            size = f"the {size} limit"
        problem = f"decompresses to more than {size} (a gzip bomb? raise max_document_bytes)"
        yield InputError(where, problem)
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(where, f"truncated or corrupt gzip ({exc})")
        return
    yield from _read_document(data, where, suffix, options)


def _read_all(stream: Any) -> bytes:
    """Everything, read in pieces: read(limit + 1) would set aside the whole limit
    (20 MB) for each small file."""
    pieces = []
    while piece := stream.read(1 << 20):
        pieces.append(piece)
    return b"".join(pieces)


class _TooMuch(Exception):
    """A stream inflated past its limit."""


class _Inflated(io.RawIOBase):
    """A decompressing stream that raises _TooMuch past `limit` bytes."""

    def __init__(self, stream: gzip.GzipFile, limit: int) -> None:
        self._stream = stream
        self._left = limit

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        data = self._stream.read(want)
        self._left -= len(data)
        if self._left < 0:
            raise _TooMuch
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_stdin(options: Options) -> Iterator[ReadResult]:
    """Standard input, its format guessed from its first bytes. JSON Lines is read a
    line at a time; anything else up to the size limit (`yes | dyad read -` ends)."""
    stream = sys.stdin.buffer
    head = stream.read(SNIFF_BYTES)
    suffix = _sniff_suffix(head)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(rejoined(head, stream), "<stdin>", options)
        return
    limit = options.max_document_bytes
    data = head + stream.read(max(limit + 1 - len(head), 0))
    if len(data) > limit:
        yield InputError("<stdin>", too_large("standard input", None, limit))
        return
    yield from _read_document(data, "<stdin>", suffix, options)


def _read_document(
    data: bytes, where: str, suffix: str | None, options: Options
) -> Iterator[ReadResult]:
    if suffix is None:
        suffix = _sniff_suffix(data)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(io.BytesIO(data), where, options)
        return
    if len(data) > options.max_document_bytes:
        yield InputError(where, too_large("document", len(data), options.max_document_bytes))
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
        if suffix in HTML_SUFFIXES:
            yield parse_html(text, where)
        else:
            yield parse_text(text, where)
    except InputError as exc:
        yield exc


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
