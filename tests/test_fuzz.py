"""Hostile input for every reader and the cleaner: random bytes, odd Unicode,
deep and broken HTML, XML entity bombs, gzip bombs, damaged archives and
enormous lines. The property throughout: read_inputs and clean_article never
raise and never hang; each item is an Article (which cleans) or an InputError
naming the file and the problem on one line; and what can be read is read.
Time and memory are bounded explicitly (hypothesis's deadline is off: the
machines that run this vary too much for it)."""

from __future__ import annotations

import contextlib
import gzip
import html
import io
import json
import os
import random
import signal
import string
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyad.clean import clean_article, split_paragraphs
from dyad.config import Options
from dyad.errors import InputError
from dyad.read import read_inputs
from dyad.records import Article, CleanArticle

from conftest import FIXTURES

# More examples for a deeper search: DYAD_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py
EXAMPLES = int(os.environ.get("DYAD_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SUFFIXES = [
    ".txt", ".html", ".jsonl", ".xml", ".rss", ".atom", ".warc",
    ".txt.gz", ".html.gz", ".jsonl.gz", ".rss.gz", ".warc.gz",
]  # fmt: skip
MB = 1_000_000
SENTENCE = "Turkey and Greece held talks on defence in Ankara on Monday, officials said."

# Characters that break naive text handling: direction marks and overrides,
# zero-width characters and the BOM, combining marks, emoji (with a joiner and a
# skin tone), line and paragraph separators, NEL, and markup and JSON punctuation.
TRICKY = [
    "\u200f", "\u202e", "\u202d", "\u200b", "\u200d", "\ufeff", "\u0301", "\u0327", "\u20dd",
    "😀", "👩\u200d👩\u200d👧", "👍🏽", "🇹🇷", "\u2028", "\u2029", "\x85", "\t", "\r", "\n", "\n\n",
    "<", ">", "&", "&amp;", "&#0;", '"', "'", "\\", "{", "}", "[", "]", "\x00", "\x1b", "\uffff",
    "ANKARA –", "By John Smith", "Photo: AFP", " ", "ا", "中", "ß", "İ",
]  # fmt: skip
words = st.sampled_from(["Turkey", "said", "the", "talks", "on", "Monday", "police", "Greece"])
tricky_text = st.lists(
    st.one_of(st.sampled_from(TRICKY), words, st.text(min_size=1, max_size=8)), max_size=60
).map("".join)
english = st.lists(words, min_size=6, max_size=40).map(lambda w: " ".join(w) + ".")


# --- checking what comes back -------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the run, if the block takes longer than `seconds`."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read(
    path: Path, options: Options | None = None, seconds: float = 20, peak: list[int] | None = None
) -> list[object]:
    """read_inputs on one path, checking the property on every item; the peak of
    Python's allocations while reading goes in `peak` when given."""
    with time_limit(seconds):
        if peak is not None:
            tracemalloc.start()
        try:
            items = list(read_inputs([str(path)], options))
        finally:
            if peak is not None:
                peak.append(tracemalloc.get_traced_memory()[1])
                tracemalloc.stop()
        for item in items:
            check(item, path)
    assert items, "every input gives at least one Article or InputError"
    return items


def check(item: object, path: Path) -> None:
    assert isinstance(item, Article | InputError), type(item)
    if isinstance(item, InputError):
        assert item.where.startswith(str(path)), item.where
        assert item.problem.strip() and "\n" not in item.problem, item.problem
        assert len(item.problem) < 300, item.problem  # one line a user can read
        return
    assert item.origin and item.origin.startswith(str(path)), item.origin
    assert isinstance(item.text, str)
    cleaned = clean_article(item)
    assert isinstance(cleaned, CleanArticle)
    assert len(cleaned.paragraphs) + len(cleaned.removed) == len(split_paragraphs(item.text))


def articles(items: list[object]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[object]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def write(directory: str, name: str, data: bytes) -> Path:
    path = Path(directory) / name
    if name.endswith(".gz") and not name.endswith(".warc.gz"):
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return path


# --- building documents -------------------------------------------------------------------


def page(body: str, title: str = "Talks") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


def rss(description: str, doctype: str = "", title: str = "Talks") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel>'
        f"<title>Wire</title><item><title>{title}</title><guid>g1</guid>"
        f"<description>{description}</description></item></channel></rss>"
    ).encode()


def warc(payloads: list[bytes], compress: bool, content_type: str = "text/html") -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for number, payload in enumerate(payloads):
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://wire.example/{number}",
            "response",
            payload=io.BytesIO(payload),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-06-17T10:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def document(suffix: str, text: str) -> bytes:
    """`text` as a document of the format `suffix` names (before any .gz)."""
    kind = suffix.removesuffix(".gz")
    if kind == ".html":
        return page(f"<article><p>{html.escape(text)}</p></article>").encode()
    if kind == ".jsonl":
        return (json.dumps({"id": "d1", "text": text}, ensure_ascii=False) + "\n").encode()
    if kind in (".xml", ".rss"):
        return rss(escape(text))
    if kind == ".atom":
        return (
            '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
            f"<entry><id>e1</id><title>T</title><summary>{escape(text)}</summary></entry></feed>"
        ).encode()
    if kind == ".warc":
        return warc([page(f"<p>{html.escape(text)}</p>").encode()], suffix.endswith(".gz"))
    return text.encode()


# --- random bytes and random Unicode --------------------------------------------------------


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=3000))
def test_random_bytes_in_every_format(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"random{suffix}"
        path.write_bytes(data)  # not compressed: random bytes named .gz as well
        read(path)


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), prefix=st.sampled_from([b"", b"\x1f\x8b\x08\x00"]),
       data=st.binary(max_size=2000))  # fmt: skip
def test_random_bytes_after_a_gzip_or_format_header(suffix: str, prefix: bytes, data: bytes):
    # A plausible start ("WARC/1.0", "<?xml", "{", gzip's magic) takes the readers past
    # their first check, into the parsers.
    starts = {".warc": b"WARC/1.0\r\n", ".jsonl": b'{"text": "', ".txt": b"", ".html": b"<html>"}
    start = starts.get(suffix.removesuffix(".gz"), b'<?xml version="1.0"?><rss version="2.0">')
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"headed{suffix}"
        path.write_bytes(prefix + start + data)
        read(path)


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), text=tricky_text)
def test_tricky_unicode_in_every_format(suffix: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        items = read(write(directory, f"tricky{suffix}", document(suffix, text)))
    if suffix.startswith(".jsonl") and text.strip():
        # JSON carries any text exactly: U+2028, NEL and the rest are not line ends.
        (article,) = items
        assert isinstance(article, Article) and article.text == text


@FUZZ
@given(
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    texts=st.lists(tricky_text.filter(str.strip), min_size=1, max_size=5),
    crlf=st.booleans(),
)
def test_jsonl_in_any_unicode_encoding_reads_every_line_exactly(encoding, texts, crlf):
    newline = "\r\n" if crlf else "\n"
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in texts]
    with tempfile.TemporaryDirectory() as directory:
        path = write(directory, "lines.jsonl", (newline.join(lines) + newline).encode(encoding))
        items = read(path)
    assert [a.text for a in articles(items)] == texts
    assert [a.origin for a in articles(items)] == [f"{path}:{n}" for n in range(1, len(texts) + 1)]


@FUZZ
@given(text=tricky_text, title=st.none() | tricky_text)
def test_clean_article_takes_any_text(text: str, title: str | None) -> None:
    with time_limit(10):
        cleaned = clean_article(Article(doc_id="x", text=text, title=title, origin="x"))
    assert len(cleaned.paragraphs) + len(cleaned.removed) == len(split_paragraphs(text))
    assert all(p.strip() for p in cleaned.paragraphs)
    assert isinstance(cleaned.language, str) and cleaned.language


# --- damaged good files ---------------------------------------------------------------------

GOOD = ["news.warc.gz", "articles.jsonl.gz", "articles.jsonl", "feed.rss", "feed.atom",
        "page.html", "utf16.txt", "cp1252.txt", "wire-story.txt"]  # fmt: skip


@FUZZ
@given(
    name=st.sampled_from(GOOD),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), max_size=4),
)
def test_damaged_copies_of_good_files(name: str, cut: float, flips: list[tuple[float, int]]):
    """Good fixtures cut short at any byte and with bytes changed anywhere."""
    data = bytearray((FIXTURES / name).read_bytes())
    for where, byte in flips:
        data[int(where * len(data))] = byte
    data = data[: max(1, int(cut * len(data)))] if cut < 1 else data
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(bytes(data))
        read(path)


def test_a_truncated_warc_reports_the_damage_and_keeps_the_records_before():
    payloads = [page(f"<p>{t} {SENTENCE} {SENTENCE}</p><p>{SENTENCE}</p>").encode() for t in "AB"]
    whole = warc(payloads, compress=False)
    with tempfile.TemporaryDirectory() as directory:
        path = write(directory, "cut.warc", whole[: len(whole) - 200])
        first, damaged = read(path)
    assert isinstance(first, Article) and first.text.startswith(f"A {SENTENCE}")
    assert isinstance(damaged, InputError) and damaged.where == f"{path}#record2"
    assert damaged.problem.startswith("damaged record: the archive is truncated")


# --- deep and broken HTML -------------------------------------------------------------------


@pytest.mark.parametrize("depth", [300, 2000, 5000])
def test_deeply_nested_html_page_is_read_or_refused_without_crashing(tmp_path: Path, depth: int):
    body = "<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth
    items = read(write(str(tmp_path), "deep.html", page(body).encode()))
    if depth <= 2000:  # libxml2 keeps 2,048 levels when asked (it stops at 256 by default)
        (article,) = items
        assert isinstance(article, Article) and SENTENCE in article.text
    else:
        (error,) = items
        assert isinstance(error, InputError)
        assert error.problem == "no article text found in the HTML page"


@pytest.mark.parametrize("depth", [300, 5000, 50_000])
def test_deeply_nested_feed_content_is_read(tmp_path: Path, depth: int):
    content = escape("<div>" * depth + f"<p>{SENTENCE}</p>" + "</div>" * depth)
    (article,) = read(write(str(tmp_path), "deep.rss", rss(content)))
    assert isinstance(article, Article) and article.text == SENTENCE


def test_unclosed_tags_everywhere(tmp_path: Path):
    body = "".join(f"<div><p><b><i><font><span>{SENTENCE} " for _ in range(3000))
    (article,) = read(write(str(tmp_path), "unclosed.html", page(body).encode()))
    assert isinstance(article, Article) and SENTENCE in article.text
    (entry,) = read(write(str(tmp_path), "unclosed.rss", rss(escape(body))))
    assert isinstance(entry, Article) and SENTENCE in entry.text


TAGS = ["div", "p", "span", "b", "table", "tr", "td", "li", "ul", "script", "style", "a",
        "br", "article", "h1", "font", "noscript", "template", "svg", "math", "iframe",
        "!--"]  # fmt: skip


@settings(FUZZ, max_examples=max(1, EXAMPLES * 3 // 5))
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
            st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
            tricky_text,
            english,
        ),
        max_size=400,
    ),
    nest=st.integers(0, 400),
)
def test_random_tag_soup_as_page_and_feed(parts: list[str], nest: int):
    soup = "<div>" * nest + "".join(parts)
    with tempfile.TemporaryDirectory() as directory:
        read(write(directory, "soup.html", page(soup).encode()))
        read(write(directory, "soup.rss", rss(escape(soup))))
        read(write(directory, "soup.warc.gz", warc([page(soup).encode()], compress=True)))


# --- XML entity bombs -----------------------------------------------------------------------


def billion_laughs(newlines: bool) -> str:
    """10**10 copies of "lol" from 10 entities of 10 references each."""
    join = "\n" if newlines else ""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 11)
    ]
    return f"<!DOCTYPE rss [{join}" + join.join(entities) + f"{join}]>"


BOMBS = {
    # On one line, feedparser's own stripping of entity declarations misses them.
    "billion laughs on one line": rss("&lol10;", billion_laughs(newlines=False)),
    "billion laughs on many lines": rss("&lol10;", billion_laughs(newlines=True)),
    "in the title": rss("x", billion_laughs(newlines=False), title="&lol10;"),
    # feedparser keeps a "safe" entity (no & in its value) and expat expands it 20,000 times.
    "quadratic blowup": rss(
        "&big;" * 20_000, '<!DOCTYPE rss [\n<!ENTITY big "' + "A" * 50_000 + '">\n]>'
    ),
    "billion laughs in UTF-16": rss("&lol10;", billion_laughs(newlines=False))
    .decode()
    .replace('encoding="utf-8"', 'encoding="utf-16"')
    .encode("utf-16"),
    "parameter entities": rss(
        "&x;", '<!DOCTYPE rss [<!ENTITY % a "&#60;!ENTITY x \'lol\'>"> %a;]>'
    ),
    "external entity": rss("&xxe;", '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    "atom": (
        '<?xml version="1.0"?>' + billion_laughs(newlines=False).replace("rss", "feed")
        + '<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><entry><id>e</id>'
        "<title>T</title><summary>&lol10;</summary></entry></feed>"
    ).encode(),
}  # fmt: skip


@pytest.mark.parametrize("bomb", BOMBS.values(), ids=BOMBS.keys())
@pytest.mark.parametrize("suffix", [".rss", ".xml.gz"])
def test_xml_entity_bombs_are_not_expanded(tmp_path: Path, bomb: bytes, suffix: str):
    path = write(str(tmp_path), f"bomb{suffix}", bomb)
    start = time.monotonic()
    peak: list[int] = []
    items = read(path, seconds=10, peak=peak)
    assert time.monotonic() - start < 2
    assert peak[0] < 20 * MB
    for article in articles(items):
        assert "lollol" not in article.text and "AAAAAAAAAA" not in article.text
        assert "root:" not in article.text
    (error,) = items
    assert isinstance(error, InputError) and error.where == str(path)
    assert error.problem.startswith("feed declares XML entities")


def test_a_feed_holding_a_file_name_is_not_read_as_that_file(tmp_path: Path):
    # feedparser.parse(bytes) tries the bytes as a file name first: this "feed"
    # used to come back as the two articles of tests/fixtures/feed.rss.
    path = write(str(tmp_path), "name.xml", str(FIXTURES / "feed.rss").encode())
    (error,) = read(path)
    assert isinstance(error, InputError) and error.problem.startswith("not an RSS or Atom feed")


@pytest.mark.parametrize(
    "published",
    ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "Mon, 01 Jan 0000 00:00:00 GMT"],
)
def test_feed_dates_out_of_range_are_dropped_not_raised(tmp_path: Path, published: str):
    feed = rss("Police arrested twelve protesters.").replace(
        b"</title><guid>", f"</title><pubDate>{published}</pubDate><guid>".encode()
    )
    (article,) = read(write(str(tmp_path), "dates.rss", feed))
    assert isinstance(article, Article)


# --- gzip bombs -----------------------------------------------------------------------------


def gzip_bomb(total: int, byte: bytes = b"\0", prefix: bytes = b"", member: int = 1 << 24) -> bytes:
    """`total` bytes of `byte` (after `prefix`) in about total/1000 bytes of gzip:
    the same member, concatenated."""
    body = gzip.compress(byte * member, mtime=0)
    first = gzip.compress(prefix + byte * member, mtime=0)
    return first + body * (total // member - 1)


def one_member(head: bytes, total: int, tail: bytes, byte: bytes = b"a") -> bytes:
    """One gzip member: `head`, `total` bytes of `byte`, `tail` (a WARC record is one)."""
    squeeze = zlib.compressobj(6, zlib.DEFLATED, 31)
    chunk = byte * (1 << 20)
    parts = [squeeze.compress(head)]
    parts += [squeeze.compress(chunk) for _ in range(total // len(chunk))]
    return b"".join(parts) + squeeze.compress(tail) + squeeze.flush()


@pytest.mark.parametrize(
    ("name", "bomb", "problem"),
    [
        ("bomb.txt.gz", lambda: gzip_bomb(2 << 30), "decompresses to more than the 20 MB limit"),
        ("bomb.html.gz", lambda: gzip_bomb(200 << 20, b"<"), "decompresses to more than the 20"),
        # One JSON line of 2 GB: read to the limit, then skipped to the stream's limit.
        ("bomb.jsonl.gz", lambda: gzip_bomb(2 << 30, b"a", b'{"text": "'),
         "decompresses to more than 1000 MB, 50 times the 20 MB limit"),
        # 2 GB of zeros: a binary file, found in its first bytes.
        ("zeros.jsonl.gz", lambda: gzip_bomb(2 << 30), "looks like a binary file"),
        # A WARC header line of 200 MB in one gzip member: warcio reads a line without
        # a bound, growing it by concatenation (it took hours).
        ("bomb.warc.gz", lambda: one_member(b"WARC/1.0\r\nWARC-Type: ", 200 << 20, b"\r\n", b"W"),
         "not a WARC file, or a damaged one (a header line over 1,048,576 bytes)"),
    ],
)  # fmt: skip
def test_gzip_bombs_stop_at_the_limit(tmp_path: Path, name: str, bomb, problem: str):
    path = tmp_path / name
    path.write_bytes(bomb())
    start = time.monotonic()
    peak: list[int] = []
    items = read(path, seconds=30, peak=peak)
    took = time.monotonic() - start
    assert took < 10, took
    assert peak[0] < 120 * MB, peak  # a few times the 20 MB limit, not gigabytes
    (error,) = items
    assert isinstance(error, InputError) and error.where == str(path)
    assert error.problem.startswith(problem), error.problem


def test_a_warc_record_over_the_limit_is_skipped_and_the_next_one_read(tmp_path: Path):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    size = len(http) + (300 << 20)
    header = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://wire.example/big\r\n"
        f"WARC-Date: 2024-06-17T10:00:00Z\r\nContent-Length: {size}\r\n\r\n"
    ).encode()
    big = one_member(header + http, 300 << 20, b"\r\n\r\n")
    small = warc([page(f"<p>{SENTENCE}</p>").encode()], compress=True)
    path = tmp_path / "big.warc.gz"
    path.write_bytes(big + small)
    start = time.monotonic()
    peak: list[int] = []
    error, article = read(path, Options(max_document_bytes=5 * MB), seconds=30, peak=peak)
    assert time.monotonic() - start < 10
    # warcio inflates 16 KB of gzip at a time (16 MB at most), not the 300 MB record.
    assert peak[0] < 80 * MB, peak
    assert isinstance(error, InputError) and error.where == f"{path}#record1"
    assert error.problem.startswith("record is over the 5 MB limit")
    assert isinstance(article, Article) and SENTENCE in article.text


def test_a_compressed_jsonl_reads_up_to_its_limit_then_says_why_it_stopped(tmp_path: Path):
    line = json.dumps({"text": SENTENCE}).encode() + b"\n"
    path = tmp_path / "many.jsonl.gz"
    path.write_bytes(gzip.compress(line * 10_000, mtime=0))  # 0.9 MB
    items = read(path, Options(max_document_bytes=10_000), seconds=30)  # at most 500 KB
    *read_before, error = items
    # Every line that came out whole before the stream reached 500 KB.
    assert 400_000 // len(line) < len(read_before) <= 500_000 // len(line)
    assert all(isinstance(article, Article) for article in read_before)
    assert isinstance(error, InputError) and error.where == str(path)
    assert error.problem.startswith("decompresses to more than 0.5 MB, 50 times the 0.01 MB limit")


# --- enormous lines and documents -----------------------------------------------------------

FIVE_MB = 5 * MB


def long_line(size: int) -> str:
    """English-looking words on one line, no newline at all."""
    sentence = SENTENCE + " "
    return (sentence * (size // len(sentence) + 1))[:size]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".rss", ".warc.gz", ".txt.gz"])
def test_a_5_mb_single_line_is_read_and_cleaned(tmp_path: Path, suffix: str):
    start = time.monotonic()
    items = read(write(str(tmp_path), f"line{suffix}", document(suffix, long_line(FIVE_MB))))
    assert time.monotonic() - start < 30
    (article,) = items
    assert isinstance(article, Article) and len(article.text) > 4 * MB


def test_a_5_mb_line_without_spaces_or_newlines(tmp_path: Path):
    for text in ("a" * FIVE_MB, "-" * FIVE_MB, "ANKARA " + "A-" * (FIVE_MB // 2)):
        start = time.monotonic()
        (article,) = read(write(str(tmp_path), "blob.txt", text.encode()))
        assert isinstance(article, Article)
        assert time.monotonic() - start < 20


def test_a_jsonl_line_over_the_limit_is_skipped_and_the_next_read(tmp_path: Path):
    lines = [json.dumps({"text": long_line(3 * MB)}), json.dumps({"text": SENTENCE})]
    path = write(str(tmp_path), "lines.jsonl", "\n".join(lines).encode())
    peak: list[int] = []
    error, article = read(path, Options(max_document_bytes=MB), peak=peak)
    assert peak[0] < 10 * MB, peak
    assert isinstance(error, InputError) and error.where == f"{path}:1"
    assert error.problem == (
        f"line is {len(lines[0]):,} bytes, over the 1 MB limit"
        " (raise max_document_bytes to read it)"
    )
    assert isinstance(article, Article) and article.text == SENTENCE


def test_many_short_paragraphs_clean_in_linear_time():
    """Repeated-paragraph detection compared every paragraph with every earlier one:
    this 3 MB document of 60,000 distinct paragraphs took about ten minutes."""
    rng = random.Random(7)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(5000)]
    paragraphs = [" ".join(rng.choices(vocabulary, k=8)) + "." for _ in range(60_000)]
    article = Article(doc_id="x", text="\n\n".join(paragraphs), origin="many.txt")
    start = time.monotonic()
    with time_limit(60):
        cleaned = clean_article(article)
    assert time.monotonic() - start < 15
    assert len(cleaned.paragraphs) == 60_000


def test_repeats_are_still_found_among_many_paragraphs():
    rng = random.Random(8)
    vocabulary = ["".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(5000)]
    paragraphs = [" ".join(rng.choices(vocabulary, k=10)) + "." for _ in range(3000)]
    resent = paragraphs[5].replace(".", ", officials told reporters.")
    article = Article(doc_id="x", text="\n\n".join([*paragraphs, resent]), origin="x")
    cleaned = clean_article(article)
    assert [r.reason for r in cleaned.removed] == ["repeated paragraph"]


@FUZZ
@given(nesting=st.integers(1, 60_000), kind=st.sampled_from(["[", '{"a":']))
def test_jsonl_nested_or_huge_values_are_reported(nesting: int, kind: str):
    closing = "]" if kind == "[" else "}"
    line = '{"text": "x", "v": ' + kind * nesting + "1" + closing * nesting + "}"
    with tempfile.TemporaryDirectory() as directory:
        (item,) = read(write(directory, "deep.jsonl", line.encode()))
    assert isinstance(item, Article) or item.problem == "not valid JSON: nested too deeply"


def test_jsonl_numbers_too_long_to_convert(tmp_path: Path):
    lines = ['{"text": "x", "n": ' + "9" * 5000 + "}", '{"text": "' + SENTENCE + '"}']
    error, article = read(write(str(tmp_path), "number.jsonl", "\n".join(lines).encode()))
    assert isinstance(error, InputError)
    assert error.problem == "not valid JSON: a number has too many digits"
    assert isinstance(article, Article)


@FUZZ
@given(value=st.text(max_size=200) | st.integers() | st.lists(st.integers(), max_size=3))
def test_jsonl_fields_of_any_type(value: object):
    record = {"text": SENTENCE, "date": value, "id": value, "title": value, "url": value}
    with tempfile.TemporaryDirectory() as directory:
        (item,) = read(write(directory, "fields.jsonl", json.dumps(record).encode()))
    if isinstance(item, InputError):
        assert "is not a date" in item.problem and len(item.problem) < 150
