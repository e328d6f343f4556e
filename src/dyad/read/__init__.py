"""Readers: turn inputs (files, directories, `-` for stdin) into Article records.

`read_inputs` yields an Article for every document it can read and an
InputError for every one it cannot, so a batch goes on past bad items.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyad.errors import InputError
from dyad.read.decode import decode_bytes
from dyad.read.html import parse_html
from dyad.read.jsonl import parse_jsonl
from dyad.read.text import parse_text
from dyad.records import Article

TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

ReadResult = Article | InputError


def read_inputs(inputs: Iterable[str]) -> Iterator[ReadResult]:
    for name in inputs:
        if name == "-":
            yield from _read_document(sys.stdin.buffer.read(), "<stdin>", suffix=None)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in KNOWN_SUFFIXES)
            if not files:
                yield InputError(name, "directory has no .txt, .html or .jsonl files")
            for file in files:
                yield from read_file(file)
        else:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[ReadResult]:
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        yield InputError(where, "no such file")
        return
    except OSError as exc:
        yield InputError(where, f"cannot read ({exc.strerror})")
        return
    yield from _read_document(data, where, path.suffix.lower())


def _read_document(data: bytes, where: str, suffix: str | None) -> Iterator[ReadResult]:
    try:
        text = decode_bytes(data, where)
    except InputError as exc:
        yield exc
        return
    if suffix is None:
        suffix = _sniff_suffix(text)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from parse_jsonl(text, where)
        elif suffix in HTML_SUFFIXES:
            yield parse_html(text, where)
        else:
            yield parse_text(text, where)
    except InputError as exc:
        yield exc


def _sniff_suffix(text: str) -> str:
    """Guess the format of stdin from its first characters."""
    start = text.lstrip()[:200].lower()
    if start.startswith("{"):
        return ".jsonl"
    if start.startswith(("<!doctype html", "<html")):
        return ".html"
    return ".txt"
