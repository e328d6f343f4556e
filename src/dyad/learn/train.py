"""Training the event detector and typers from the labelled corpus (`dyad train`).

Three multinomial logistic regressions over the same sentence features:
- detector: does the sentence report a political event ("event" / "none");
- root: the CAMEO root of an event sentence (one sample per root it holds);
- code: the full CAMEO code (codes with at least MIN_CODE_SAMPLES samples).
Regularisation is picked by cross-validation from a small grid, and each
model's temperature is fitted on its out-of-fold scores so that its
probabilities are calibrated. Fixed seeds and a deterministic solver make
the same corpus give the same file.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dyad.evaluate.common import load_gold
from dyad.learn.features import FEATURES_VERSION, sentence_features
from dyad.learn.linear import LinearModel, ModelBundle
from dyad.nlp import load_pipeline, model_label

log = logging.getLogger(__name__)

MIN_FEATURE_COUNT = 2
MIN_CODE_SAMPLES = 4
C_GRID = (0.5, 2.0, 8.0)
FIXED_C = 4.0
FOLDS = 5


@dataclass(frozen=True)
class Sample:
    features: list[str]
    label: str


def corpus_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def train_models(paths: Sequence[Path], model: str, seed: int = 0) -> tuple[ModelBundle, str]:
    """Train the three models on the labelled files; returns them and a report."""
    files = corpus_files(paths)
    lines = [line for f in files for line in load_gold(f, required=("text", "events"))]
    nlp = load_pipeline(model)
    features = [
        sentence_features(doc[:])
        for doc in nlp.pipe((line["text"] for line in lines), batch_size=64)
    ]
    counts = Counter(f for fs in features for f in fs)
    kept = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    vocabulary = {f: i for i, f in enumerate(kept)}

    detector = [
        Sample(fs, "event" if line["events"] else "none")
        for fs, line in zip(features, lines, strict=True)
    ]
    roots = [
        Sample(fs, root)
        for fs, line in zip(features, lines, strict=True)
        for root in sorted({e["cameo"][:2] for e in line["events"]})
    ]
    code_counts = Counter(e["cameo"] for line in lines for e in line["events"])
    codes = [
        Sample(fs, code)
        for fs, line in zip(features, lines, strict=True)
        for code in sorted({e["cameo"] for e in line["events"]})
        if code_counts[code] >= MIN_CODE_SAMPLES
    ]
    report = [
        f"{len(lines)} sentences from {len(files)} files, {len(vocabulary)} features",
    ]
    models: dict[str, LinearModel] = {}
    for name, samples in (("detector", detector), ("root", roots), ("code", codes)):
        models[name], line = _fit(name, samples, vocabulary, seed, cross_validate=name != "code")
        report.append(line)
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.read_bytes())
    meta: dict[str, Any] = {
        "version": f"{FEATURES_VERSION}-{digest.hexdigest()[:10]}",
        "files": [f.name for f in files],
        "sentences": len(lines),
        "event_sentences": sum(1 for line in lines if line["events"]),
        "parsed_with": model_label(nlp),
        "seed": seed,
    }
    return ModelBundle(vocabulary, models, meta), "\n".join(report)


def _matrix(samples: Sequence[Sample], vocabulary: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, sample in enumerate(samples):
        for f in sample.features:
            j = vocabulary.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(len(samples), len(vocabulary)))


def _fit(
    name: str,
    samples: Sequence[Sample],
    vocabulary: dict[str, int],
    seed: int,
    cross_validate: bool = True,
) -> tuple[LinearModel, str]:
    """Fit one model. With cross-validation, C is picked from the grid and the
    temperature fitted on out-of-fold scores; without (the code model, whose
    probabilities only rank codes inside a root), C is fixed and T is 1."""
    x = _matrix(samples, vocabulary)
    classes = sorted({s.label for s in samples})
    y = np.array([classes.index(s.label) for s in samples])
    summary = f"{name}: {len(samples)} samples, {len(classes)} classes"
    c, temperature = FIXED_C, 1.0
    if cross_validate:
        best: tuple[float, float, np.ndarray] | None = None
        for candidate in C_GRID:
            scores = _held_out_scores(x, y, len(classes), candidate, seed)
            accuracy = float((scores.argmax(axis=1) == y).mean())
            if best is None or accuracy > best[0]:
                best = (accuracy, candidate, scores)
        assert best is not None
        accuracy, c, held_out = best
        temperature, nll = _temperature(held_out, y)
        summary += (
            f", C={c}, cross-validated accuracy {accuracy:.3f}, temperature {temperature:.2f}"
            f" (held-out log loss {nll:.3f})"
        )
    else:
        summary += f", C={c}"
    weights, bias = _full_weights(_logistic(c, seed).fit(x, y), len(classes))
    log.info(summary)
    return LinearModel(tuple(classes), weights, bias, temperature), summary


def _held_out_scores(x: Any, y: np.ndarray, n_classes: int, c: float, seed: int) -> np.ndarray:
    scores = np.zeros((len(y), n_classes))
    for held in _folds(len(y), seed):
        train = np.setdiff1d(np.arange(len(y)), held)
        fitted = _logistic(c, seed).fit(x[train], y[train])
        scores[held] = _full_scores(fitted, x[held], n_classes)
    return scores


def _logistic(c: float, seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=2000, random_state=seed)


def _folds(size: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(size)
    return [order[k::FOLDS] for k in range(FOLDS)]


def _full_weights(fitted: Any, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Weights as (features, classes) even when the classes are two (sklearn keeps one row)."""
    coef, intercept = fitted.coef_, fitted.intercept_
    if n_classes == 2:
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    return coef.T.astype(np.float32), intercept.astype(np.float64)


def _full_scores(fitted: Any, x: Any, n_classes: int) -> np.ndarray:
    """Held-out scores as (samples, classes); a class missing from a training
    fold (a rare code) gets no say in that fold."""
    raw = np.asarray(fitted.decision_function(x))
    if n_classes == 2:
        return np.column_stack([np.zeros_like(raw), raw])
    full = np.full((x.shape[0], n_classes), -30.0)
    full[:, fitted.classes_] = raw
    return full


def _temperature(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The temperature that minimises the held-out log loss, and that loss."""
    best = (1.0, float("inf"))
    for t in np.arange(0.3, 4.01, 0.05):
        scaled = scores / t
        scaled -= scaled.max(axis=1, keepdims=True)
        log_probs = scaled - np.log(np.exp(scaled).sum(axis=1, keepdims=True))
        nll = float(-log_probs[np.arange(len(y)), y].mean())
        if nll < best[1]:
            best = (round(float(t), 2), nll)
    return best
