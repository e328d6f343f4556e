"""Bytes to text: byte-order marks, UTF-8, and the cp1252/Latin-1 fallback.

Binary files (images, archives, executables) are refused with a clear error
rather than decoded into noise that would reach the coder.
"""

from __future__ import annotations

import codecs

from dyad.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, form feed and carriage return.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))
# How much of a document's start decides its encoding, and whether it is binary.
SNIFF_BYTES = 8192


def decode_bytes(data: bytes, where: str) -> str:
    """Decode a document's bytes; raise InputError naming `where` if it is not text."""
    if not data.strip():
        raise InputError(where, "file is empty")
    encoding = sniff_encoding(data, where)
    if encoding in ("utf-16-le", "utf-16-be"):
        text = data.decode(encoding, errors="replace")
    elif encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(where, f"bad {encoding} text ({exc.reason})") from exc
    else:
        text = decode_fallback(data)
    if not text.strip():
        raise InputError(where, "file is empty (only a byte-order mark and white space)")
    return text


def sniff_encoding(data: bytes, where: str) -> str | None:
    """The encoding a document's first bytes show: a byte-order mark's, or UTF-16
    without one ("utf-16-le"/"utf-16-be"); None for UTF-8 or cp1252 (see
    decode_fallback). Raise InputError naming `where` for a binary file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    utf16 = _sniff_utf16(data)
    if utf16:
        return utf16
    if _looks_binary(data):
        raise InputError(where, "looks like a binary file, not text")
    return None


def decode_fallback(data: bytes) -> str:
    """UTF-8, else cp1252, else Latin-1: never fails."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 is what "Latin-1" text from Windows and the web almost always is;
        # it leaves five bytes undefined, which latin-1 then maps one-to-one.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text leaves every other byte NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls / len(sample) > 0.05
