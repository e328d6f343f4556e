"""Malformed inputs through the real CLI. Each kind gets its exact stderr
lines (one per bad document, naming the file and the problem) and exit status
from `dyad read FILE`, or from `dyad ingest FILE` where the coder decides (the
language, nothing left after cleaning) or dyad can still read the file (bad
UTF-8, UTF-16 without a BOM). Then every bad input is ingested, in one run,
into a store that already holds good data: it keeps every count it had,
gaining only a `rejected` row for each message.

The corpus is tests/fixtures/malformed/ (rebuilt by make_malformed.py, which
also makes, at test time, what git cannot hold: an empty directory, symbolic
links, a FIFO, and 2 GB gzip bombs).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, run_dyad

ROOT = FIXTURES.parents[1]
MALFORMED = FIXTURES / "malformed"
_spec = importlib.util.spec_from_file_location("make_malformed", MALFORMED / "make_malformed.py")
assert _spec and _spec.loader
make_malformed = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_malformed)

LIMIT = "(raise max_document_bytes to read it)"


@dataclass(frozen=True)
class Case:
    kind: str
    input: str  # a file in tests/fixtures/malformed, or "@key" of make_test_time()
    lines: tuple[str, ...]  # stderr after "dyad: skipped "; {f} is the input as given
    exit: int = 1
    added: int = 0  # articles it adds to the store (the kinds dyad can still read)
    max_bytes: int | None = None  # max_document_bytes, from a config file
    stdin: str | None = None
    ingest: bool = False  # checked with `dyad ingest` (else `dyad read`)


CASES = [
    # Plain text
    Case("empty file", "empty.txt", ("{f}: file is empty",)),
    Case("only white space", "whitespace.txt", ("{f}: file is empty",)),
    Case("only a UTF-8 BOM", "bom-only.txt",
         ("{f}: file is empty (only a byte-order mark and white space)",)),
    Case("only a UTF-16 BOM", "bom-only-utf16.txt",
         ("{f}: file is empty (only a byte-order mark and white space)",)),
    Case("PNG image named .txt", "png-named.txt", ("{f}: looks like a binary file, not text",)),
    Case("NUL bytes in text", "nul-bytes.txt", ("{f}: looks like a binary file, not text",)),
    Case("control characters", "control-characters.txt",
         ("{f}: looks like a binary file, not text",)),
    Case("invalid UTF-8 (read as cp1252)", "invalid-utf8.txt", (), exit=0, added=1, ingest=True),
    Case("UTF-16 without a BOM (read)", "utf16-without-bom.txt", (), exit=0, added=1, ingest=True),
    Case("only digits and punctuation", "digits-and-punctuation.txt",
         ("{f}: no text left after cleaning",), ingest=True),
    Case("not English", "not-english.txt", ("{f}: language is 'es', not English",), ingest=True),
    Case("only boilerplate", "boilerplate-only.txt", ("{f}: no text left after cleaning",),
         ingest=True),
    Case("document over the size limit", "over-size-limit.txt",
         (f"{{f}}: document is 6,150 bytes, over the 0.001 MB limit {LIMIT}",), max_bytes=1000,
         ingest=True),
    # HTML
    Case("HTML with no body text", "html-no-body-text.html",
         ("{f}: no article text found in the HTML page",)),
    Case("HTML of only script and style", "html-only-script-and-style.html",
         ("{f}: no article text found in the HTML page",)),
    Case("plain text named .html", "html-without-tags.html",
         ("{f}: not HTML: no tags in the first 2,000 characters",)),
    # JSON Lines
    Case("JSONL lines that are not objects", "jsonl-non-object-lines.jsonl", (
        "{f}:1: no 'text' field",
        "{f}:2: a JSON array, not an object with a 'text' field",
        "{f}:3: a JSON string, not an object with a 'text' field",
        "{f}:4: a JSON number, not an object with a 'text' field",
        "{f}:5: a JSON null, not an object with a 'text' field",
    )),
    Case("JSONL without text", "jsonl-missing-text.jsonl",
         ("{f}:1: no 'text' field", "{f}:2: no 'text' field")),
    Case("JSONL text of the wrong type", "jsonl-text-wrong-type.jsonl", (
        "{f}:1: 'text' is a JSON number, not a string",
        "{f}:2: 'text' is a JSON array, not a string",
        "{f}:3: 'text' is a JSON object, not a string",
        "{f}:4: 'text' is a JSON null, not a string",
        "{f}:5: 'text' is a JSON boolean, not a string",
    )),
    Case("JSONL with empty text", "jsonl-empty-text.jsonl",
         ("{f}:1: 'text' is empty", "{f}:2: 'text' is empty")),
    Case("JSONL with a bad date", "jsonl-bad-date.jsonl",
         ("{f}:1: 'date' 'next Tuesday' is not a date (use YYYY-MM-DD)",)),
    Case("JSONL lines that are not JSON", "jsonl-invalid-json.jsonl", (
        "{f}:1: not valid JSON: Unterminated string starting at (column 10)",
        "{f}:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        "{f}:3: not valid JSON: Expecting property name enclosed in double quotes (column 14)",
    )),
    Case("JSONL line over the size limit", "jsonl-huge-line.jsonl",
         (f"{{f}}:1: line is 30,262 bytes, over the 0.01 MB limit {LIMIT}",), max_bytes=10_000,
         ingest=True),
    Case("a JSON array, not JSON Lines", "json-array.jsonl",
         ("{f}: not JSON Lines: the first line is not a JSON object",)),
    Case("JSON nested 10,000 deep", "jsonl-nested-too-deep.jsonl",
         ("{f}:1: not valid JSON: nested too deeply",)),
    Case("JSON number of 5,000 digits", "jsonl-huge-number.jsonl",
         ("{f}:1: not valid JSON: a number has too many digits",)),
    Case("binary named .jsonl", "jsonl-binary.jsonl", ("{f}: looks like a binary file, not text",)),
    # gzip
    Case("truncated gzip", "truncated.txt.gz", (
        "{f}: truncated or corrupt gzip"
        " (Compressed file ended before the end-of-stream marker was reached)",
    )),
    Case("gzip of garbage", "corrupt.jsonl.gz",
         ("{f}: truncated or corrupt gzip (Error -3 while decompressing data: invalid distance"
          " too far back)",)),
    Case("not gzip, named .gz", "not-gzip.txt.gz", ("{f}: not gzip-compressed, though named .gz",)),
    Case("gzip bomb of 100 MB (.txt.gz)", "gzip-bomb.txt.gz",
         ("{f}: decompresses to more than the 20 MB limit"
          " (a gzip bomb? raise max_document_bytes)",)),
    Case("gzip bomb of 2 GB (.jsonl.gz)", "@jsonl-gzip-bomb",
         ("{f}: decompresses to more than 1000 MB, 50 times the 20 MB limit"
          " (a gzip bomb? raise max_document_bytes)",)),
    # Feeds
    Case("feed that is not XML", "feed-not-xml.rss",
         ("{f}: not an RSS or Atom feed (<unknown>:2:0: syntax error)",)),
    Case("feed with no entries", "feed-no-entries.rss",
         ("{f}: feed has no entries (no <item> or <entry>)",)),
    Case("feed with an entity bomb", "feed-entity-bomb.rss",
         ("{f}: feed declares XML entities (<!ENTITY>): refused, they can expand without bound",)),
    Case("feed with an external entity", "feed-external-entity.rss",
         ("{f}: feed declares XML entities (<!ENTITY>): refused, they can expand without bound",)),
    # Before the fix, feedparser opened the file named inside and read its 2 articles.
    Case("feed that is a file name", "feed-file-name.xml",
         ("{f}: not an RSS or Atom feed (<unknown>:2:5: not well-formed (invalid token))",)),
    Case("feed entry without text", "feed-entry-without-text.atom",
         ("{f}#entry1: feed entry has no content or summary",)),
    # WARC
    Case("WARC with no response records", "warc-no-response-records.warc",
         ("{f}: WARC has no HTML response records",)),
    Case("WARC with an image response only", "warc-image-only.warc.gz",
         ("{f}: WARC has no HTML response records",)),
    Case("WARC with an empty HTML record", "warc-empty-html-record.warc.gz",
         ("{f}#record1: HTML response record is empty",)),
    Case("truncated WARC", "truncated.warc",
         ("{f}#record1: damaged record: the archive is truncated (217 bytes missing)",)),
    Case("gzip that is not a WARC", "warc-not-a-warc.warc.gz",
         ("{f}: not a WARC file (no WARC/1.x record header)",)),
    Case("WARC with a bad Content-Length", "warc-bad-content-length.warc",
         ("{f}: not a WARC file, or a damaged one (Invalid WARC record, first line: <p>x</p>)",)),
    Case("gzip bomb of 2 GB (.warc.gz)", "@warc-gzip-bomb",
         ("{f}: not a WARC file, or a damaged one (a header line over 1,048,576 bytes)",)),
    # The file system (made at test time)
    Case("missing file", "@missing", ("{f}: no such file",)),
    Case("empty directory", "@empty-directory",
         ("{f}: directory has no news files (.txt, .html, .jsonl, ...)",)),
    Case("directory of no news files", "@no-news-directory",
         ("{f}: directory has no news files (.txt, .html, .jsonl, ...)",)),
    Case("broken symbolic link", "@broken-symlink",
         ("{f}: broken symbolic link (to 'nowhere.txt', not found)",)),
    Case("symbolic link loop", "@symlink-loop",
         ("{f}: symbolic link loop (the link leads back to itself)",)),
    Case("FIFO named .txt", "@fifo", ("{f}: not a regular file (a device, pipe or socket)",)),
    Case("/dev/zero linked as .txt", "@device",
         ("{f}: not a regular file (a device, pipe or socket)",)),
    Case("glob matching nothing", "@glob", ("{f}: no files match this pattern",)),
    Case("25 MB on standard input", "-",
         (f"<stdin>: standard input is over the 20 MB limit {LIMIT}",), stdin="news " * 5_000_000),
]  # fmt: skip
# Besides the 8 kinds of tests/fixtures/bad/ (empty, image, mixed JSONL, not a feed,
# not an archive, HTML named .jsonl, truncated .jsonl.gz and .warc.gz), read in test_read.py.

COUNTED = ("articles", "events", "event_mentions", "quotes", "actors", "duplicates")


@dataclass
class Outcome:
    args: tuple[str, ...]
    exit: int
    stdout: str
    stderr: str
    seconds: float
    counts: dict[str, int]
    rejected: set[tuple[str, str]]


def _counts(db: Path) -> tuple[dict[str, int], set[tuple[str, str]]]:
    from dyad.store import open_store

    with open_store(db, read_only=True) as store:
        counts = store.counts()
    with duckdb.connect(str(db), read_only=True) as connection:
        rejected = connection.execute("SELECT origin, problem FROM rejected").fetchall()
    counted = {table: counts[table] for table in COUNTED}
    return counted, {(str(origin), str(problem)) for origin, problem in rejected}


def _run(args: list[str], db: Path | None, stdin: str | None = None) -> Outcome:
    start = time.monotonic()
    result = run_dyad(*args, stdin=stdin, cwd=ROOT)
    seconds = time.monotonic() - start
    counts, rejected = _counts(db) if db else ({}, set())
    return Outcome(
        tuple(args), result.returncode, result.stdout, result.stderr, seconds, counts, rejected
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    where = tmp_path_factory.mktemp("made")
    paths: dict[str, Path] = make_malformed.make_test_time(where / "files")
    paths["glob"] = where / "files" / "*.nothing"
    return paths


@pytest.fixture(scope="module")
def good_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    db = tmp_path_factory.mktemp("good") / "good.duckdb"
    result = run_dyad("ingest", str(FIXTURES / "articles.jsonl"), "--db", str(db), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    counts, rejected = _counts(db)
    assert counts["articles"] == 2 and counts["events"] > 0 and not rejected
    return db, counts


@pytest.fixture(scope="module")
def outcomes(
    made: dict[str, Path],
    good_store: tuple[Path, dict[str, int]],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Outcome]:
    """Every case through the CLI, a few at a time: `dyad read FILE`, or `dyad
    ingest FILE` into its own copy of the good store."""
    work = tmp_path_factory.mktemp("stores")

    def run(number: int, case: Case) -> tuple[str, Outcome]:
        db = None
        args = ["read", _input(case, made)]
        if case.ingest:
            db = work / f"case{number}.duckdb"
            shutil.copy(good_store[0], db)
            args = ["ingest", _input(case, made), "--db", str(db), "--no-progress"]
        if case.max_bytes is not None:
            config = work / f"case{number}.toml"
            config.write_text(f"max_document_bytes = {case.max_bytes}\n", encoding="utf-8")
            args += ["--config", str(config)]
        return case.kind, _run(args, db, case.stdin)

    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        return dict(pool.map(lambda numbered: run(*numbered), enumerate(CASES)))


def _input(case: Case, made: dict[str, Path]) -> str:
    if case.input == "-":
        return "-"
    if case.input.startswith("@"):
        return str(made[case.input[1:]])
    return str((MALFORMED / case.input).relative_to(ROOT))


def test_the_corpus_has_at_least_25_kinds_and_every_file_is_used():
    assert len(CASES) >= 25
    used = {case.input for case in CASES}
    on_disk = {p.name for p in MALFORMED.iterdir() if p.name != "make_malformed.py"}
    on_disk -= {"__pycache__"}
    assert on_disk <= used, f"malformed files no case reads: {sorted(on_disk - used)}"


def test_the_committed_corpus_is_what_make_malformed_builds():
    # Not the gzip and WARC files: their bytes depend on the zlib and warcio versions.
    for name, data in make_malformed.corpus().items():
        if not name.endswith((".gz", ".warc")):
            assert (MALFORMED / name).read_bytes() == data, f"{name}: run make_malformed.py"


def _expected(case: Case, made: dict[str, Path]) -> list[str]:
    given = _input(case, made)
    return [f"dyad: skipped {line.format(f=given)}" for line in case.lines]


def _rows(lines: list[str]) -> set[tuple[str, str]]:
    """The `rejected` rows that stderr lines stand for."""
    rows = (line.removeprefix("dyad: skipped ").split(": ", 1) for line in lines)
    return {(where, problem) for where, problem in rows}


@pytest.mark.parametrize("case", CASES, ids=[case.kind for case in CASES])
def test_malformed_input(
    case: Case,
    outcomes: dict[str, Outcome],
    made: dict[str, Path],
    good_store: tuple[Path, dict[str, int]],
):
    outcome = outcomes[case.kind]
    expected = _expected(case, made)
    assert outcome.stderr.splitlines() == expected, outcome.args
    assert outcome.exit == case.exit, outcome.args
    assert outcome.seconds < 120, outcome.args  # bombs and FIFOs included: nothing hangs
    if not case.ingest:
        assert outcome.stdout == ""  # nothing read, nothing printed
        return
    # Its own copy of the good store keeps what it had, gains the articles dyad
    # could read, and a `rejected` row for each skipped document, in the same words.
    before = good_store[1]
    assert outcome.counts["articles"] == before["articles"] + case.added
    if not case.added:
        assert outcome.counts == before
    assert outcome.stdout.startswith(f"read {case.added} documents (0 already stored")
    assert outcome.rejected == _rows(expected)


def test_ingesting_every_bad_input_leaves_a_good_store_as_it_was(
    made: dict[str, Path], good_store: tuple[Path, dict[str, int]], tmp_path: Path
):
    """All the kinds `dyad read` refused, ingested in one run: the same lines, in
    order, one `rejected` row each, and the good data untouched."""
    db = tmp_path / "store.duckdb"
    shutil.copy(good_store[0], db)
    bad = [case for case in CASES if not case.ingest and case.input != "-"]
    inputs = [_input(case, made) for case in bad]
    outcome = _run(["ingest", *inputs, "--db", str(db), "--no-progress"], db)
    expected = [line for case in bad for line in _expected(case, made)]
    assert outcome.stderr.splitlines() == expected
    assert outcome.exit == 1  # nothing could be read
    assert outcome.stdout.startswith(
        f"read 0 documents (0 already stored, 0 near-duplicates), skipped {len(expected)} ("
    )
    assert outcome.counts == good_store[1]
    assert outcome.rejected == _rows(expected)
