"""Dictionaries of named actors with dated codes: people whose role changes
over time ("Recep Tayyip Erdogan" is TURELI before 2002-11-18 and TURGOV
after), organisations and armed groups.

Three formats are read, each with errors that name the file and line:
- the Phoenix/PETRARCH actor format (`NAME_` lines, `+SYNONYM` lines, and
  `[CODE YYMMDD-YYMMDD]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`, `[CODE]` codes);
- dyad's built-in conversion of the Phoenix files (data/phoenix-actors.tsv:
  tokenised names, then codes as `CODE@start..end` separated by `;`);
- a user CSV with the header `name,code,from,until,aliases` (dates ISO or
  empty; aliases separated by `|`; several rows may give one name several
  dated codes).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from dyad.config import Options
from dyad.errors import DataFileError

log = logging.getLogger(__name__)
Tokenize = Callable[[str], list[str]]
_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_PHOENIX_CODE = re.compile(r"\[([A-Z]{3,})(?:\s+([<>]?)(\d{6}|\d{8})(?:-(\d{6}|\d{8}))?)?\s*\]")


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str
    start: date | None = None  # valid from (inclusive)
    end: date | None = None  # valid until (exclusive)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    codes: tuple[DatedCode, ...]

    def code_on(self, when: date | None) -> str:
        """The code valid on `when`: a dated one covering it, else the undated
        default, else (no date known) the most recent dated code."""
        if when is not None:
            for code in self.codes:
                if code.dated and code.covers(when):
                    return code.code
        undated = [c for c in self.codes if not c.dated]
        if undated:
            return undated[0].code
        return max(self.codes, key=lambda c: c.start or date.min).code


class ActorDictionary:
    """Phrases (tuples of lower-cased tokens) -> entries; later additions win."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], Entry] = {}
        # First word -> the longest phrase beginning with it (most words begin none).
        self.longest: dict[str, int] = {}

    def add(self, phrases: Iterable[tuple[str, ...]], entry: Entry) -> None:
        for phrase in phrases:
            if phrase:
                self.entries[phrase] = entry
                self.longest[phrase[0]] = max(self.longest.get(phrase[0], 0), len(phrase))

    def match(self, words: list[str], start: int) -> tuple[int, Entry] | None:
        longest = self.longest.get(words[start], 0)
        for size in range(min(longest, len(words) - start), 0, -1):
            entry = self.entries.get(tuple(words[start : start + size]))
            if entry:
                return size, entry
        return None

    def __len__(self) -> int:
        return len(self.entries)


def parse_phoenix(
    text: str, source: str, on_error: Callable[[DataFileError], None] | None = None
) -> list[tuple[list[str], list[DatedCode]]]:
    """(names, codes) for each entry of a Phoenix actor file, with underscores
    turned into spaces. An entry without any code is skipped with a warning (the
    Phoenix files have a few). A malformed line is an error; with `on_error`,
    it is reported there and the line skipped instead."""
    entries: list[tuple[list[str], list[DatedCode]]] = []
    names: list[str] = []
    codes: list[DatedCode] = []
    start = 0

    def close() -> None:
        if names and codes:
            entries.append((list(names), list(codes)))
        elif names:
            log.warning("%s:%d: actor %r has no code; skipped", source, start, names[0])

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        where = f"{source}:{number}"
        stripped = line.strip()
        try:
            if raw[0] in " \t" and stripped.startswith("["):
                codes.extend(_phoenix_codes(stripped, where))
                continue
            if stripped.startswith("+"):
                if not names:
                    raise DataFileError(f"{where}: synonym line before any actor name")
                names.append(_phoenix_name(stripped[1:]))
                continue
            if raw[0] in " \t":
                raise DataFileError(
                    f"{where}: indented line is not a [CODE ...] line: {stripped!r}"
                )
            close()
            name, _, rest = stripped.partition("[")
            names, codes, start = [_phoenix_name(name)], [], number
            if rest:
                codes.extend(_phoenix_codes("[" + rest, where))
        except DataFileError as exc:
            if on_error is None:
                raise
            on_error(exc)
    close()
    return entries


def _phoenix_name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _phoenix_codes(text: str, where: str) -> list[DatedCode]:
    found = list(_PHOENIX_CODE.finditer(text))
    leftover = _PHOENIX_CODE.sub("", text).strip()
    if not found or leftover:
        raise DataFileError(
            f"{where}: cannot read code {text!r}"
            " (expected [CODE], [CODE >YYMMDD] or [CODE YYMMDD-YYMMDD])"
        )
    codes = []
    for match in found:
        code, direction, first, second = match.groups()
        start = end = None
        try:
            if direction == ">":
                start = _phoenix_date(first)
            elif direction == "<":
                end = _phoenix_date(first)
            elif first:
                start = _phoenix_date(first)
                end = _phoenix_date(second) if second else None
        except ValueError as exc:
            raise DataFileError(f"{where}: bad date in {match.group(0)!r} ({exc})") from exc
        codes.append(DatedCode(code, start, end))
    return codes


def _phoenix_date(digits: str) -> date:
    """YYMMDD (72-99 are 19xx, 00-71 are 20xx, as in the Phoenix files) or YYYYMMDD."""
    if len(digits) == 8:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    year = int(digits[:2])
    return date(1900 + year if year >= 72 else 2000 + year, int(digits[2:4]), int(digits[4:]))


def load_dictionaries(options: Options, tokenize: Tokenize) -> ActorDictionary:
    """The built-in dictionary, then the user's (Options.actors), which win."""
    dictionary = ActorDictionary()
    load_builtin(dictionary)
    for name in options.actor_files():
        load_user_file(Path(name), dictionary, tokenize)
    return dictionary


def load_builtin(dictionary: ActorDictionary) -> None:
    """The Phoenix dictionaries as converted for dyad (scripts/convert_phoenix.py)."""
    text = resources.files("dyad.data").joinpath("phoenix-actors.tsv").read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        names, _, codes = line.partition("\t")
        where = f"phoenix-actors.tsv:{number}"
        parsed = [_builtin_code(c, where) for c in codes.split(";") if c]
        if not parsed:
            raise DataFileError(f"{where}: no codes")
        phrases = [tuple(n.split(" ")) for n in names.split("|")]
        dictionary.add(phrases, Entry(" ".join(phrases[0]), tuple(parsed)))


def _builtin_code(text: str, where: str) -> DatedCode:
    code, _, span = text.partition("@")
    if not span:
        return DatedCode(code)
    start, _, end = span.partition("..")
    try:
        return DatedCode(
            code,
            date.fromisoformat(start) if start else None,
            date.fromisoformat(end) if end else None,
        )
    except ValueError as exc:
        raise DataFileError(f"{where}: bad date in {text!r}") from exc


def load_user_file(path: Path, dictionary: ActorDictionary, tokenize: Tokenize) -> int:
    """Add a user dictionary (CSV, or a Phoenix .txt file); return its entry count."""
    try:
        text = decode_lines(path.read_bytes())
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the actor dictionary ({exc.strerror})") from exc

    def phrase(name: str) -> tuple[str, ...]:
        return tuple(t.lower() for t in tokenize(name))

    if path.suffix.lower() == ".csv":
        grouped = _read_csv(text, str(path))
        for name, (aliases, codes) in grouped.items():
            dictionary.add([phrase(n) for n in [name, *aliases]], Entry(name, tuple(codes)))
        return len(grouped)
    entries = parse_phoenix(text, str(path))
    for names, codes in entries:
        dictionary.add([phrase(n) for n in names], Entry(names[0], tuple(codes)))
    return len(entries)


def decode_lines(raw: bytes) -> str:
    """UTF-8, line by line falling back to Latin-1: the Phoenix files mix both."""
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("latin-1"))
    return "\n".join(lines)


def _read_csv(text: str, source: str) -> dict[str, tuple[list[str], list[DatedCode]]]:
    reader = csv.DictReader(io.StringIO(text))
    expected = {"name", "code", "from", "until", "aliases"}
    if set(reader.fieldnames or []) != expected:
        raise DataFileError(f"{source}:1: the header must be name,code,from,until,aliases")
    grouped: dict[str, tuple[list[str], list[DatedCode]]] = {}
    for number, row in enumerate(reader, start=2):
        where = f"{source}:{number}"
        name, code = (row["name"] or "").strip(), (row["code"] or "").strip().upper()
        if not name:
            raise DataFileError(f"{where}: empty name")
        if not _CODE.match(code):
            raise DataFileError(f"{where}: code {code!r} is not a CAMEO actor code like TURGOV")
        try:
            start = date.fromisoformat(row["from"]) if row["from"] else None
            end = date.fromisoformat(row["until"]) if row["until"] else None
        except ValueError as exc:
            raise DataFileError(f"{where}: dates must be YYYY-MM-DD ({exc})") from exc
        aliases, codes = grouped.setdefault(name, ([], []))
        aliases.extend(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
        codes.append(DatedCode(code, start, end))
    return grouped
