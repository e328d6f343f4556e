"""Saved web pages: main text and metadata extracted by trafilatura."""

from __future__ import annotations

import html
import json

import lxml.etree
import lxml.html
import trafilatura

from dyad.dates import parse_date
from dyad.errors import InputError
from dyad.read.common import content_id
from dyad.records import Article


def parse_html(page: str, origin: str, url: str | None = None) -> Article:
    """The main text, title, date, url and site of a web page. `url` is where the
    page came from when the caller knows it (a WARC record)."""
    if "<" not in page[:2000]:
        raise InputError(origin, "not HTML: no tags in the first 2,000 characters")
    extracted = trafilatura.extract(
        page,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if not extracted:
        raise InputError(origin, "no article text found in the HTML page")
    data = json.loads(extracted)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(origin, "no article text found in the HTML page")
    # trafilatura puts one paragraph per line; the rest of dyad separates them by blank lines.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = data.get("title") or None
    if title and lines and lines[0] == title.strip():
        lines = lines[1:]  # the page's <h1>: kept as the title, not as body text
    if not lines:
        raise InputError(origin, "no article text found in the HTML page")
    body = "\n\n".join(lines)
    return Article(
        doc_id=content_id(body),
        text=body,
        title=title,
        date=parse_date(data["date"]) if data.get("date") else None,
        url=data.get("source") or data.get("url") or url,
        publisher=data.get("sitename") or data.get("hostname") or None,
        origin=origin,
    )


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "br", "tr", "section", "article"}


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block.
    Scripts and styles are dropped; entities are decoded."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return html.unescape(fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start" and element.text:
            current.append(element.text)
        if event == "end":
            if element.tag in _BLOCKS and current:
                paragraphs.append(" ".join("".join(current).split()))
                current = []
            if element.tail:
                current.append(element.tail)
    if current:
        paragraphs.append(" ".join("".join(current).split()))
    return "\n\n".join(p for p in paragraphs if p)
