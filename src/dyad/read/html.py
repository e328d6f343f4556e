"""Saved web pages: main text and metadata extracted by trafilatura."""

from __future__ import annotations

import json

import trafilatura

from dyad.dates import parse_date
from dyad.errors import InputError
from dyad.read.common import content_id
from dyad.records import Article


def parse_html(html: str, origin: str) -> Article:
    extracted = trafilatura.extract(
        html,
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
        url=data.get("source") or data.get("url") or None,
        publisher=data.get("sitename") or data.get("hostname") or None,
        origin=origin,
    )
