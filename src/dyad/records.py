"""The records that flow between pipeline stages: frozen, slotted dataclasses.

`Event.to_dict()` produces the public event record of DESIGN.md (the output
contract of `dyad code --format jsonl`); its field names must not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Article:
    """One document as read from a source, before cleaning."""

    doc_id: str
    text: str
    title: str | None = None
    date: date | None = None
    url: str | None = None
    publisher: str | None = None
    origin: str = ""  # where it came from: path, path:line, path#record3, or "<stdin>"
    date_source: str | None = None  # how `date` was found, when not from metadata: "crawl"


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of text the cleaner dropped, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article as the coder sees it: body paragraphs only, plus what was learnt."""

    article: Article
    paragraphs: tuple[str, ...]
    date: date | None
    dateline: str | None
    removed: tuple[Removed, ...] = ()
    # How the publication date was found: metadata, crawl, dateline, caption; None if not.
    date_source: str | None = None
    language: str = "en"

    @property
    def skip_reason(self) -> str | None:
        """Why the coder should not code this article, if it should not."""
        if self.language != "en":
            return f"language is {self.language!r}, not English"
        if not self.paragraphs:
            return "no text left after cleaning"
        return None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded actor: country (ISO alpha-3 or IGO code) plus sectors, e.g. TURGOVMIL."""

    text: str
    code: str
    country: str | None
    sectors: tuple[str, ...] = ()
    name: str | None = None
    span: tuple[int, int] = (0, 0)  # character offsets within the sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "sectors": list(self.sectors),
        }


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    precision: str | None = None  # city, admin1 or country
    admin1_code: str | None = None  # GeoNames' (FIPS-based for most countries)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "admin1_code": self.admin1_code,
            "geonames_id": self.geonames_id,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Plover:
    type: str | None
    mode: str | None = None
    context: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: Plover
    trigger_span: tuple[int, int]
    confidence: float
    coder: str
    date: date | None = None
    date_precision: str | None = None
    date_inherited: bool = False
    location: Location | None = None
    negated: bool = False
    # The article's sentences that report it: its own, and repeats of it in the
    # same article (a repeated paragraph adds mentions, not events).
    mentions: tuple[int, ...] = ()
    tone: float | None = None  # the article's tone, GDELT's AvgTone scale

    def to_dict(self) -> dict[str, Any]:
        """The public event record (DESIGN.md)."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": _format_date(self.date, self.date_precision),
            "date_precision": self.date_precision,
            "date_inherited": self.date_inherited,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {
                "type": self.plover.type,
                "mode": self.plover.mode,
                "context": self.plover.context,
            },
            "negated": self.negated,
            "location": self.location.to_dict() if self.location else None,
            "spans": {
                "source": list(self.source.span),
                "trigger": list(self.trigger_span),
                "target": list(self.target.span) if self.target else None,
            },
            "confidence": self.confidence,
            "coder": self.coder,
            "mentions": list(self.mentions or (self.sentence_index,)),
            "tone": self.tone,
        }


def _format_date(value: date | None, precision: str | None) -> str | None:
    """Dates print only to their precision: 2022-08 for a month, 2022 for a year."""
    if value is None:
        return None
    if precision == "month":
        return value.strftime("%Y-%m")
    if precision == "year":
        return value.strftime("%Y")
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it ("who said what")."""

    quote_id: str
    doc_id: str
    sentence_index: int
    text: str
    speaker_text: str | None
    speaker: Actor | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "text": self.text,
            "speaker_text": self.speaker_text,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }
