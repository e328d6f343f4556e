"""Coded articles to JSON and back, so they can cross processes and be kept
in Parquet parts that any engine reads (no pickles on disk)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from dyad.pipeline import CodedArticle
from dyad.records import (
    Actor,
    Article,
    CleanArticle,
    Event,
    Location,
    Plover,
    Quote,
    Removed,
)  # fmt: skip


def to_json(coded: CodedArticle) -> str:
    return json.dumps(asdict(coded), default=_encode, ensure_ascii=False)


def from_json(text: str) -> CodedArticle:
    data = json.loads(text)
    return CodedArticle(
        article=_clean(data["article"]),
        events=[_event(e) for e in data["events"]],
        skipped=data["skipped"],
        quotes=[_quote(q) for q in data["quotes"]],
        tone=data["tone"],
    )


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _clean(data: dict[str, Any]) -> CleanArticle:
    source = data["article"]
    article = Article(**{**source, "date": _date(source["date"])})
    return CleanArticle(
        article=article,
        paragraphs=tuple(data["paragraphs"]),
        date=_date(data["date"]),
        dateline=data["dateline"],
        removed=tuple(Removed(**r) for r in data["removed"]),
        date_source=data["date_source"],
        language=data["language"],
    )


def _actor(data: dict[str, Any] | None) -> Actor | None:
    if data is None:
        return None
    return Actor(**{**data, "sectors": tuple(data["sectors"]), "span": tuple(data["span"])})


def _event(data: dict[str, Any]) -> Event:
    source = _actor(data["source"])
    assert source is not None
    return Event(**{
        **data,
        "source": source,
        "target": _actor(data["target"]),
        "plover": Plover(**data["plover"]),
        "trigger_span": tuple(data["trigger_span"]),
        "date": _date(data["date"]),
        "location": Location(**data["location"]) if data["location"] else None,
        "mentions": tuple(data["mentions"]),
    })  # fmt: skip


def _quote(data: dict[str, Any]) -> Quote:
    return Quote(**{**data, "speaker": _actor(data["speaker"])})
