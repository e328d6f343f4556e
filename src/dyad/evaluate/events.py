"""Event evaluation (gold/events.jsonl): one sentence per line with the events
a careful coder takes from it.

Each sentence is coded as an article of one sentence. Events are compared as
sets of keys per sentence, at several levels: the CAMEO root, the full code,
the PLOVER type, the dyad (source and target countries), and dyad with root.
Precision, recall and F1 are micro-averaged over sentences; "detection" is
per sentence (any event or none). False events are counted on the sentences
whose gold has none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dyad.dates import parse_date
from dyad.pipeline import Pipeline
from dyad.records import Article, Event

Key = tuple[Any, ...]
RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8)
LEVELS: dict[str, Callable[[dict[str, Any]], Key]] = {
    "root": lambda e: (e["cameo"][:2],),
    "code": lambda e: (e["cameo"],),
    "plover": lambda e: (e.get("plover"),),
    "dyad": lambda e: (e["source_country"], e["target_country"]),
    "dyad_root": lambda e: (e["source_country"], e["target_country"], e["cameo"][:2]),
}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventReport:
    sentences: int = 0
    no_event_sentences: int = 0
    false_events: int = 0  # events coded on sentences whose gold has none
    levels: dict[str, Counts] = field(
        default_factory=lambda: {k: Counts() for k in ["detection", *LEVELS]}
    )
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # (confidence, whether the sentence's gold holds an event of that root) per coded event.
    judged: list[tuple[float, bool]] = field(default_factory=list)

    def reliability(self) -> list[tuple[str, int, float, float]]:
        """Per confidence bin: its range, events, mean confidence, share right."""
        rows = []
        for low in RELIABILITY_BINS:
            high = round(low + 0.2, 1)
            inside = [(c, ok) for c, ok in self.judged if low <= c < high or (high == 1.0 == c)]
            if inside:
                mean = sum(c for c, _ in inside) / len(inside)
                right = sum(ok for _, ok in inside) / len(inside)
                rows.append((f"{low:.1f}-{high:.1f}", len(inside), mean, right))
        return rows

    @property
    def calibration_error(self) -> float:
        """Expected calibration error: the events-weighted gap between mean
        confidence and the share right, over the bins."""
        total = len(self.judged)
        return (
            sum(n * abs(mean - right) for _, n, mean, right in self.reliability()) / total
            if total
            else 0.0
        )

    @property
    def false_event_rate(self) -> float:
        return self.false_events / self.no_event_sentences if self.no_event_sentences else 0.0

    def scores(self) -> dict[str, float]:
        scores = {f"{name}_f1": counts.f1 for name, counts in self.levels.items()}
        scores["false_event_rate"] = self.false_event_rate
        scores["calibration_error"] = self.calibration_error
        return scores

    def as_json(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "no_event_sentences": self.no_event_sentences,
            "false_events_per_no_event_sentence": round(self.false_event_rate, 4),
            "levels": {
                name: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                }
                for name, c in self.levels.items()
            },
            "calibration_error": round(self.calibration_error, 4),
            "reliability": [
                {"confidence": b, "events": n, "mean_confidence": round(m, 4), "right": round(r, 4)}
                for b, n, m, r in self.reliability()
            ],
            "root_confusion": [
                {"gold": g, "coded": c, "count": n} for (g, c), n in sorted(self.confusion.items())
            ],
        }

    def table(self) -> str:
        lines = [f"{'level':<10} {'precision':>9} {'recall':>7} {'f1':>7}"]
        for name, counts in self.levels.items():
            lines.append(
                f"{name:<10} {counts.precision:>9.3f} {counts.recall:>7.3f} {counts.f1:>7.3f}"
            )
        lines.append(
            f"false events per no-event sentence: {self.false_event_rate:.3f}"
            f" ({self.false_events} on {self.no_event_sentences} sentences)"
        )
        lines.append(
            f"reliability (events by confidence; right = the root is in the gold),"
            f" calibration error {self.calibration_error:.3f}:"
        )
        for bin_, n, mean, right in self.reliability():
            lines.append(f"  {bin_}  {n:>5} events  mean confidence {mean:.2f}  right {right:.2f}")
        lines.append("root confusion (gold -> coded, off-diagonal):")
        for (gold, coded), count in self.confusion.most_common():
            if gold != coded:
                lines.append(f"  {gold:>4} -> {coded:<4} {count}")
        return "\n".join(lines)


def evaluate_events(pipeline: Pipeline, gold: list[dict[str, Any]]) -> EventReport:
    report = EventReport()
    articles = [
        Article(
            doc_id=str(line.get("id") or line["_line"]),
            text=line["text"],
            date=parse_date(line.get("date") or ""),
            origin=f"gold:{line['_line']}",
        )
        for line in gold
    ]
    for line, coded in zip(gold, pipeline.code_articles(articles), strict=True):
        expected = line["events"]
        found = [_as_gold(e) for e in coded.events if not e.negated]
        roots = {e["cameo"][:2] for e in expected}
        report.judged.extend(
            (e.confidence, e.cameo_root in roots) for e in coded.events if not e.negated
        )
        scored = _with_countries(expected, pipeline), _with_countries(found, pipeline)
        _score(report, *scored)
        if _keys(scored[0], "dyad_root") != _keys(scored[1], "dyad_root"):
            report.errors.append({"id": line.get("id"), "text": line["text"],
                                  "expected": expected, "found": found})  # fmt: skip
    return report


def _as_gold(event: Event) -> dict[str, Any]:
    return {
        "source": event.source.code,
        "target": event.target.code if event.target else None,
        "cameo": event.cameo,
        "plover": event.plover.type,
    }


def _with_countries(events: list[dict[str, Any]], pipeline: Pipeline) -> list[dict[str, Any]]:
    """Events with the country part of each actor code, as the resolver reads
    codes (organisations keep their whole code), for the dyad levels."""

    def country(code: str | None) -> str | None:
        return pipeline.resolver.actor_from_code(code, None).country if code else None

    return [
        {**e, "source_country": country(e["source"]), "target_country": country(e.get("target"))}
        for e in events
    ]


def _keys(events: list[dict[str, Any]], level: str) -> set[Key]:
    return {LEVELS[level](e) for e in events}


def _score(
    report: EventReport, expected: list[dict[str, Any]], found: list[dict[str, Any]]
) -> None:
    report.sentences += 1
    detection = report.levels["detection"]
    if expected and found:
        detection.tp += 1
    elif found:
        detection.fp += 1
    elif expected:
        detection.fn += 1
    if not expected:
        report.no_event_sentences += 1
        report.false_events += len(found)
    for level in LEVELS:
        gold_keys, coded_keys = _keys(expected, level), _keys(found, level)
        counts = report.levels[level]
        counts.tp += len(gold_keys & coded_keys)
        counts.fp += len(coded_keys - gold_keys)
        counts.fn += len(gold_keys - coded_keys)
    # Root confusion: pair each gold event with a coded one of the same dyad.
    unmatched = list(found)
    for event in expected:
        dyad = LEVELS["dyad"](event)
        match = next((f for f in unmatched if LEVELS["dyad"](f) == dyad), None)
        if match is not None:
            unmatched.remove(match)
        report.confusion[(event["cameo"][:2], match["cameo"][:2] if match else "none")] += 1
    for event in unmatched:
        report.confusion[("none", event["cameo"][:2])] += 1
