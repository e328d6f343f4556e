"""Training the event detector and typers from the labelled corpus (`dyad train`).

Three multinomial logistic regressions over the same sentence features:
- detector: does the sentence report a political event ("event" / "none");
- root: the CAMEO root of an event sentence (one sample per root it holds);
- code: the full CAMEO code (codes with at least MIN_CODE_SAMPLES samples);
and, where the embeddings extra is installed, the detector's question again
over MiniLM sentence embeddings (embedding.py).
Regularisation is picked by cross-validation from a small grid, and each
model's temperature is fitted on its out-of-fold scores so that its
probabilities are calibrated; the combined coder's event confidence is then
calibrated on the same out-of-fold predictions (calibrate.py). Fixed seeds
and a deterministic solver make the same corpus give the same file.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from dyad.config import Options
from dyad.evaluate.common import load_gold
from dyad.learn.calibrate import fit_calibration
from dyad.learn.combine import LearnedCoder, Prediction
from dyad.learn.embedding import EMBEDDING, EMBEDDING_MODEL, EXTRA, embed, embeddings_installed
from dyad.learn.features import FEATURES_VERSION, sentence_features
from dyad.learn.linear import LinearModel, ModelBundle
from dyad.nlp import load_pipeline, model_label
from dyad.pipeline import DocumentCoder

log = logging.getLogger(__name__)

MIN_FEATURE_COUNT = 2
MIN_CODE_SAMPLES = 4
C_GRID = (0.5, 2.0, 8.0)
FIXED_C = 4.0
FOLDS = 5
EMBEDDING_C = 2.0


@dataclass(frozen=True)
class Sample:
    features: list[str]
    label: str
    sentence: int  # index of the corpus line it comes from


def corpus_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def train_models(paths: Sequence[Path], options: Options, seed: int = 0) -> tuple[ModelBundle, str]:
    """Train the three models on the labelled files and calibrate the
    combined coder's confidence; returns the models and a report."""
    files = corpus_files(paths)
    lines = [line for f in files for line in load_gold(f, required=("text", "events"))]
    nlp = load_pipeline(options.model)
    docs = list(nlp.pipe((line["text"] for line in lines), batch_size=64))
    features = [sentence_features(doc[:]) for doc in docs]
    counts = Counter(f for fs in features for f in fs)
    kept = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    vocabulary = {f: i for i, f in enumerate(kept)}

    detector = [
        Sample(fs, "event" if line["events"] else "none", i)
        for i, (fs, line) in enumerate(zip(features, lines, strict=True))
    ]
    roots = [
        Sample(fs, root, i)
        for i, (fs, line) in enumerate(zip(features, lines, strict=True))
        for root in sorted({e["cameo"][:2] for e in line["events"]})
    ]
    code_counts = Counter(e["cameo"] for line in lines for e in line["events"])
    codes = [
        Sample(fs, code, i)
        for i, (fs, line) in enumerate(zip(features, lines, strict=True))
        for code in sorted({e["cameo"] for e in line["events"]})
        if code_counts[code] >= MIN_CODE_SAMPLES
    ]
    report = [
        f"{len(lines)} sentences from {len(files)} files, {len(vocabulary)} features",
    ]
    models: dict[str, LinearModel] = {}
    held_out: dict[str, np.ndarray | None] = {}
    for name, samples in (("detector", detector), ("root", roots), ("code", codes)):
        models[name], held_out[name], line = _fit(
            name, samples, vocabulary, seed, cross_validate=name != "code"
        )
        report.append(line)
    if embeddings_installed():
        texts = [line["text"] for line in lines]
        models[EMBEDDING], line = _fit_embedding_detector(texts, detector, seed)
    else:
        line = f"{EMBEDDING}: not trained (for --embeddings: {EXTRA})"
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
        "embedded_with": EMBEDDING_MODEL if EMBEDDING in models else None,
        "seed": seed,
    }
    bundle = ModelBundle(vocabulary, models, meta)
    predictions = _held_out_predictions(bundle, features, detector, roots, held_out)
    document_coder = DocumentCoder(nlp, replace(options, coder="patterns"))
    learned = LearnedCoder(
        bundle, document_coder.coder, replace(options, coder="combined"), calibration={}
    )
    calibration, line = fit_calibration(docs, lines, predictions, document_coder, learned)
    report.append(line)
    meta["calibration"] = {kind: list(ab) for kind, ab in calibration.items()}
    return bundle, "\n".join(report)


def _held_out_predictions(
    bundle: ModelBundle,
    features: list[list[str]],
    detector: Sequence[Sample],
    roots: Sequence[Sample],
    held_out: dict[str, np.ndarray | None],
) -> list[Prediction]:
    """Each sentence's prediction by models that did not see it: out-of-fold
    detector and root probabilities (no-event sentences were never root samples,
    so the root model has not seen them either); the code model only ranks codes."""
    detector_probs, root_probs = held_out["detector"], held_out["root"]
    assert detector_probs is not None and root_probs is not None
    event_column = bundle.models["detector"].classes.index("event")
    first_root_sample: dict[int, int] = {}
    for index, sample in enumerate(roots):
        first_root_sample.setdefault(sample.sentence, index)
    root_classes = bundle.models["root"].classes
    predictions = []
    for i, fs in enumerate(features):
        rows = bundle.rows(fs)
        if i in first_root_sample:
            row = root_probs[first_root_sample[i]]
            root = {name: float(p) for name, p in zip(root_classes, row, strict=True)}
        else:
            root = bundle.models["root"].probabilities(rows)
        predictions.append(
            Prediction(
                float(detector_probs[detector[i].sentence, event_column]),
                partial(dict, root),
                partial(bundle.models["code"].probabilities, rows),
            )
        )
    return predictions


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
) -> tuple[LinearModel, np.ndarray | None, str]:
    """Fit one model, and give its calibrated out-of-fold probabilities. With
    cross-validation, C is picked from the grid and the temperature fitted on
    out-of-fold scores; without (the code model, whose
    probabilities only rank codes inside a root), C is fixed and T is 1."""
    x = _matrix(samples, vocabulary)
    classes = sorted({s.label for s in samples})
    y = np.array([classes.index(s.label) for s in samples])
    summary = f"{name}: {len(samples)} samples, {len(classes)} classes"
    c, temperature = FIXED_C, 1.0
    probabilities: np.ndarray | None = None
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
        scaled = held_out / temperature
        exp = np.exp(scaled - scaled.max(axis=1, keepdims=True))
        probabilities = exp / exp.sum(axis=1, keepdims=True)
        summary += (
            f", C={c}, cross-validated accuracy {accuracy:.3f}, temperature {temperature:.2f}"
            f" (held-out log loss {nll:.3f})"
        )
    else:
        summary += f", C={c}"
    weights, bias = _full_weights(_logistic(c, seed).fit(x, y), len(classes))
    log.info(summary)
    return LinearModel(tuple(classes), weights, bias, temperature), probabilities, summary


def _fit_embedding_detector(
    texts: Sequence[str], samples: Sequence[Sample], seed: int
) -> tuple[LinearModel, str]:
    """The detector over sentence embeddings: a logistic regression at a fixed
    C (chosen on the development set and the held-out probes), uncalibrated:
    its veto threshold was chosen on these probabilities."""
    vectors = embed(texts)
    classes = sorted({s.label for s in samples})
    y = np.array([classes.index(s.label) for s in samples])
    held_out = _held_out_scores(vectors, y, len(classes), EMBEDDING_C, seed)
    accuracy = float((held_out.argmax(axis=1) == y).mean())
    weights, bias = _full_weights(_logistic(EMBEDDING_C, seed).fit(vectors, y), len(classes))
    summary = (
        f"{EMBEDDING}: {len(samples)} samples, {EMBEDDING_MODEL}, C={EMBEDDING_C}, "
        f"cross-validated accuracy {accuracy:.3f}"
    )
    log.info(summary)
    return LinearModel(tuple(classes), weights, bias), summary


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
