"""Saved web pages: main text and metadata extracted by trafilatura."""

from __future__ import annotations

import html
import json
import unicodedata
from html.parser import HTMLParser
from typing import Any

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
    extracted = _extract(page)
    if not extracted:
        # libxml2 stops at 256 nested elements, dropping everything deeper (a page
        # of 300 unclosed <div> or <font> tags): try again with its limit raised to 2,048.
        extracted = _extract(_deep_tree(page))
    if not extracted:
        raise InputError(origin, "no article text found in the HTML page")
    data = _load_json(extracted, origin)
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


def _load_json(extracted: str, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(extracted)
    except json.JSONDecodeError:
        # trafilatura NFC-normalizes its JSON after writing it, which fuses an
        # escape with a combining mark after it ("\\n" + U+0301 becomes "\\" + "ń"):
        # invalid JSON, raised out of read_inputs. Decomposing undoes the fusion.
        try:
            data = json.loads(unicodedata.normalize("NFD", extracted))
        except json.JSONDecodeError as exc:
            raise InputError(origin, f"the extracted text is not readable ({exc.msg})") from exc
        data = {
            key: unicodedata.normalize("NFC", value) if isinstance(value, str) else value
            for key, value in data.items()
        }
    return data if isinstance(data, dict) else {}


def _extract(page: str | lxml.html.HtmlElement | None) -> str | None:
    if page is None:
        return None
    extracted = trafilatura.extract(
        page,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    return str(extracted) if extracted else None


def _deep_parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False
    )


def _deep_tree(page: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(page, parser=_deep_parser())
    except (lxml.etree.ParserError, ValueError):
        return None


_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "br", "tr", "section", "article"}


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one paragraph per block.
    Scripts and styles are dropped; entities are decoded."""
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    parser = _deep_parser()  # 2,048 nested elements rather than 256 (see parse_html)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return _flat_text(fragment)  # NUL bytes, say: the tags must still go
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # Nested deeper still: libxml2 dropped what was below. The flat reading has no tree.
        return _flat_text(fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start" and element.tag in _BLOCKS and current:
            # A block opens a paragraph: "<div>intro<p>body</p>" is not "introbody".
            paragraphs.append(" ".join("".join(current).split()))
            current = []
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


def _flat_text(fragment: str) -> str:
    """Text of an HTML fragment read as a flat run of tags (no tree, so no limit on
    nesting), one paragraph per block, scripts and styles dropped."""
    reader = _FlatText()
    reader.feed(fragment)
    reader.close()
    reader.end_paragraph()
    return "\n\n".join(reader.paragraphs)


class _FlatText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def end_paragraph(self) -> None:
        paragraph = " ".join("".join(self.current).split())
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BLOCKS:
            self.end_paragraph()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)
