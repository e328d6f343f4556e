"""Actor evaluation (gold/actors.jsonl): snippets of news with the actor mentions a careful
coder takes from them. Each snippet is coded sentence by sentence as in a real
run (so names, pronouns and "the minister" resolve as they would), and each
mention's head is resolved and compared with the gold codes. Two scores:
country accuracy (the set of countries or organisations) and full-code
accuracy (the set of codes, sectors included).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from dyad.dates import parse_date
from dyad.errors import DataFileError
from dyad.pipeline import Pipeline


@dataclass
class Score:
    total: int = 0
    country: int = 0
    code: int = 0

    def add(self, country_ok: bool, code_ok: bool) -> None:
        self.total += 1
        self.country += country_ok
        self.code += code_ok

    @property
    def country_accuracy(self) -> float:
        return self.country / self.total if self.total else 0.0

    @property
    def code_accuracy(self) -> float:
        return self.code / self.total if self.total else 0.0


@dataclass
class ActorReport:
    overall: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    errors: list[dict[str, Any]] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        return {
            "country": self.overall.country_accuracy,
            "code": self.overall.code_accuracy,
        }

    def table(self) -> str:
        lines = [f"{'kind':<14} {'mentions':>8} {'country':>8} {'code':>8}"]
        for kind, score in [*sorted(self.by_kind.items()), ("ALL", self.overall)]:
            country, code = score.country_accuracy, score.code_accuracy
            lines.append(f"{kind:<14} {score.total:>8} {country:>8.3f} {code:>8.3f}")
        return "\n".join(lines)


def evaluate_actors(pipeline: Pipeline, gold: list[dict[str, Any]]) -> ActorReport:
    report = ActorReport()
    resolver = pipeline.resolver
    for snippet in gold:
        published = parse_date(snippet.get("date") or "")
        context = resolver.new_context(snippet.get("dateline"), published)
        doc = pipeline.nlp(snippet["text"])
        spans = [_locate(snippet, m) for m in snippet["mentions"]]
        for sentence in doc.sents:
            pipeline.coder.code_sentence(sentence, context)
            for mention, (start, end) in zip(snippet["mentions"], spans, strict=True):
                if not (sentence.start_char <= start < sentence.end_char):
                    continue
                span = doc.char_span(start, end, alignment_mode="expand")
                actors = []
                if span is not None:
                    # As the coder does: each conjunct ("Russia and China") is an actor.
                    head = _mention_head(span)
                    for token in [head, *(c for c in head.conjuncts if c in span)]:
                        actors.extend(resolver.resolve(token, sentence, context))
                expected = set(mention["codes"])
                found = {a.code for a in actors}
                country_ok = {resolver.actor_from_code(c, None).country for c in expected} == {
                    a.country or a.code for a in actors
                }
                code_ok = found == expected
                report.overall.add(country_ok, code_ok)
                report.by_kind[mention.get("kind", "other")].add(country_ok, code_ok)
                if not code_ok:
                    report.errors.append(
                        {"id": snippet.get("id"), "mention": mention["mention"],
                         "expected": sorted(expected), "found": sorted(found)}
                    )  # fmt: skip
    return report


def _mention_head(span: Span) -> Token:
    """The head of a mention: of the words whose governor lies outside it, the
    last noun. (A misparse can hang a modifier outside the phrase, as in the
    headline 'Turkish, Israeli ministers pledge': 'Turkish' then also has an
    outside governor.)"""
    outside = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    nouns = [t for t in outside if t.pos_ in {"NOUN", "PROPN", "PRON"}]
    return (nouns or outside or [span.root])[-1]


def _locate(snippet: dict[str, Any], mention: dict[str, Any]) -> tuple[int, int]:
    text, needle = snippet["text"], mention["mention"]
    start = -1
    for _ in range(int(mention.get("occurrence", 1))):
        start = text.find(needle, start + 1)
        if start < 0:
            raise DataFileError(
                f"gold line {snippet['_line']}: mention {needle!r} not found in the text"
            )
    return start, start + len(needle)
