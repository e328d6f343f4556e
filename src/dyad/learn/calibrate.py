"""Calibrating event confidence: from the models' raw agreement to the chance
that the event's type is right.

An event's raw score is the detector's probability times the typer's
probability for the event's root. How often events with a given raw score
are right differs for events the patterns found (the rules are precise, so
they are right more often than the models alone would say) and events the
models typed alone. `dyad train` measures both on the training corpus, with
the models' out-of-fold predictions (so the models have not seen the
sentences they are judged on), and fits a Platt scaling per kind:
confidence = sigmoid(a * logit(raw) + b).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dyad.learn.combine import LearnedCoder, Prediction
    from dyad.pipeline import DocumentCoder

Calibration = dict[str, tuple[float, float]]
KINDS = ("pattern", "model")


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def calibrated(calibration: Calibration, kind: str, raw: float) -> float:
    """The calibrated confidence of an event of `kind` with raw score `raw`
    (the raw score itself where no calibration was fitted)."""
    if kind not in calibration:
        return round(raw, 2)
    a, b = calibration[kind]
    return round(1 / (1 + math.exp(-(a * logit(raw) + b))), 2)


def fit_calibration(
    docs: Sequence[Doc],
    lines: Sequence[dict[str, Any]],
    held_out: Sequence[Prediction],
    document_coder: DocumentCoder,
    learned: LearnedCoder,
) -> tuple[Calibration, str]:
    """Platt scaling per kind of event, from coding the training sentences with
    the patterns and the out-of-fold predictions. `learned` must have no
    calibration of its own, so that its confidences are the raw scores."""
    from sklearn.linear_model import LogisticRegression

    judged: dict[str, list[tuple[float, bool]]] = {kind: [] for kind in KINDS}
    for doc, line, prediction in zip(docs, lines, held_out, strict=True):
        sentence = doc[:]
        context = document_coder.resolver.new_context(None, None)
        found = document_coder.coder.code_sentence(sentence, context)
        roots = {e["cameo"][:2] for e in line["events"]}
        for coded in learned.combine(sentence, found, context, prediction):
            if not coded.negated:
                judged[coded.origin].append((coded.confidence, coded.code.root in roots))
    calibration: Calibration = {}
    report = []
    for kind, pairs in judged.items():
        outcomes = [right for _, right in pairs]
        if len(pairs) < 20 or all(outcomes) or not any(outcomes):
            continue  # too few, or nothing to tell apart
        x = np.array([[logit(raw)] for raw, _ in pairs])
        fitted = LogisticRegression(C=100.0).fit(x, np.array(outcomes))
        calibration[kind] = (
            round(float(fitted.coef_[0][0]), 4),
            round(float(fitted.intercept_[0]), 4),
        )
        share = sum(outcomes) / len(outcomes)
        report.append(f"calibration of {kind} events: {len(pairs)} events, {share:.2f} right, "
                      f"a={calibration[kind][0]} b={calibration[kind][1]}")  # fmt: skip
    return calibration, "\n".join(report)
