"""When-and-where evaluation (gold/when-where.jsonl): short articles with a
publication date, a dateline and one event sentence, with the date and place
a careful coder gives that event.

Each item is coded as a real article (the dateline written in front of the
text, so the cleaner takes it off as it would). The event coded from the gold
sentence is compared with the gold date and location:

- date exact: the same date at the same precision;
- date within precision: the coded date falls inside the gold period (its
  day, Monday-based week, month or year);
- location country: the same ISO country (or both none);
- location within 161 km: great-circle distance to the gold coordinates, as
  Mordecai reports it (items whose gold location has coordinates).

Items where the coder finds no event in the sentence are counted apart
(coverage), so that the accuracies measure dating and placing only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dyad.dates import parse_date, parse_printed, period_start
from dyad.pipeline import Pipeline
from dyad.records import Article, Event

MAX_KM = 161.0
EARTH_RADIUS_KM = 6371.0


@dataclass
class Tally:
    items: int = 0
    covered: int = 0
    date_exact: int = 0
    date_within: int = 0
    country: int = 0
    located: int = 0  # covered items whose gold location has coordinates
    near: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def ratios(self) -> dict[str, float]:
        def share(part: int, whole: int) -> float:
            return part / whole if whole else 0.0

        return {
            "coverage": share(self.covered, self.items),
            "date_exact": share(self.date_exact, self.covered),
            "date_within": share(self.date_within, self.covered),
            "location_country": share(self.country, self.covered),
            "location_161km": share(self.near, self.located),
        }


@dataclass
class WhenWhereReport:
    overall: Tally = field(default_factory=Tally)
    by_tag: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        return self.overall.ratios()

    def table(self) -> str:
        lines = [f"{'tag':<18} {'items':>5} {'coded':>5} {'date':>6} {'within':>6} "
                 f"{'country':>7} {'161km':>6}"]  # fmt: skip
        for tag, tally in [*sorted(self.by_tag.items()), ("ALL", self.overall)]:
            r = tally.ratios()
            lines.append(
                f"{tag:<18} {tally.items:>5} {tally.covered:>5} {r['date_exact']:>6.3f} "
                f"{r['date_within']:>6.3f} {r['location_country']:>7.3f} "
                + (f"{r['location_161km']:>6.3f}" if tally.located else f"{'-':>6}")
            )
        return "\n".join(lines)


def evaluate_when_where(pipeline: Pipeline, gold: list[dict[str, Any]]) -> WhenWhereReport:
    report = WhenWhereReport()
    articles = [
        Article(
            doc_id=str(line.get("id") or line["_line"]),
            text=f"{line['dateline']} — {line['text']}" if line.get("dateline") else line["text"],
            date=parse_date(line.get("published") or ""),
            origin=f"gold:{line['_line']}",
        )
        for line in gold
    ]
    for line, coded in zip(gold, pipeline.code_articles(articles), strict=True):
        event = _event_of(coded.events, line["sentence"])
        tally = _judge(line, event)
        report.overall.add(tally)
        for tag in line.get("tags", []):
            report.by_tag[tag].add(tally)
        wrong = not (tally.date_exact and tally.country) or tally.near < tally.located
        if event is None or wrong:
            report.errors.append(_error(line, event))
    return report


def _event_of(events: list[Event], sentence: str) -> Event | None:
    wanted = " ".join(sentence.split())
    for event in events:
        found = " ".join(event.sentence.split())
        if found == wanted or found in wanted or wanted in found:
            return event
    return None


def _judge(line: dict[str, Any], event: Event | None) -> Tally:
    tally = Tally(items=1)
    if event is None:
        return tally
    tally.covered = 1
    record = event.to_dict()
    gold_date, precision = line.get("date"), line.get("date_precision")
    same_precision = gold_date is None or record["date_precision"] == precision
    tally.date_exact = int(record["date"] == gold_date and same_precision)
    tally.date_within = int(_within(event.date, gold_date, precision))
    expected = line.get("location")
    found = event.location
    tally.country = int((expected or {}).get("country") == (found.country if found else None))
    if expected and expected.get("lat") is not None:
        tally.located = 1
        if found is not None and found.lat is not None and found.lon is not None:
            distance = distance_km(found.lat, found.lon, expected["lat"], expected["lon"])
            tally.near = int(distance <= MAX_KM)
    return tally


def _within(found: date | None, gold: str | None, precision: str | None) -> bool:
    """Whether the coded date lies in the gold date's period."""
    expected = parse_printed(gold)
    if expected is None or found is None:
        return expected is None and found is None
    return period_start(found, precision) == period_start(expected, precision)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _error(line: dict[str, Any], event: Event | None) -> dict[str, Any]:
    record = event.to_dict() if event else None
    return {
        "id": line.get("id"),
        "sentence": line["sentence"],
        "published": line.get("published"),
        "dateline": line.get("dateline"),
        "expected": {"date": line.get("date"), "precision": line.get("date_precision"),
                     "location": line.get("location")},
        "found": None if record is None else {"date": record["date"],
                                              "precision": record["date_precision"],
                                              "location": record["location"]},
    }  # fmt: skip
