"""Linear models over sparse sentence features (and, for the optional
embedding detector, over sentence embeddings), stored as plain arrays.

Training uses scikit-learn (`dyad train`); running needs only numpy: a
model is a vocabulary of feature strings, a weight matrix, a bias and a
temperature (fitted on held-out predictions so that probabilities are
calibrated). All models of one training run share a vocabulary and live in
one compressed .npz file inside the package.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from dyad.errors import DataFileError

PRUNE_BELOW = 0.01


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[str, ...]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    temperature: float = 1.0

    def scores(self, rows: Sequence[int]) -> np.ndarray:
        total: np.ndarray = self.bias + self.weights[list(rows)].sum(axis=0, dtype=np.float64)
        return total / self.temperature

    def probabilities(self, rows: Sequence[int]) -> dict[str, float]:
        return dict(zip(self.classes, self._softmax(rows).tolist(), strict=True))

    def probability(self, rows: Sequence[int], name: str) -> float:
        """One class's probability (a dict of all of them costs more than the sums)."""
        return float(self._softmax(rows)[self._index[name]])

    def dense_probabilities(self, vectors: np.ndarray, name: str) -> np.ndarray:
        """One class's probability for each row of dense inputs (sentence
        embeddings), for a model whose weights have a row per dimension."""
        scores = (vectors.astype(np.float64) @ self.weights + self.bias) / self.temperature
        exp = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities: np.ndarray = exp[:, self._index[name]] / exp.sum(axis=1)
        return probabilities

    @cached_property
    def _index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.classes)}

    def _softmax(self, rows: Sequence[int]) -> np.ndarray:
        scores = self.scores(rows)
        exp = np.exp(scores - scores.max())
        probs: np.ndarray = exp / exp.sum()
        return probs


@dataclass(frozen=True)
class ModelBundle:
    """The models of one training run with their shared vocabulary."""

    vocabulary: dict[str, int]
    models: dict[str, LinearModel]
    meta: dict[str, Any]

    def rows(self, features: Sequence[str]) -> list[int]:
        return [self.vocabulary[f] for f in features if f in self.vocabulary]

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "vocabulary": np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__)),
            "meta": np.array(json.dumps(self.meta, sort_keys=True)),
        }
        for name, model in self.models.items():
            arrays[f"{name}.classes"] = np.array(model.classes)
            # Weights this small change no prediction; zeros make the file a tenth the size.
            weights = np.where(np.abs(model.weights) < PRUNE_BELOW, 0.0, model.weights)
            arrays[f"{name}.weights"] = weights.astype(np.float16)
            arrays[f"{name}.bias"] = model.bias.astype(np.float32)
            arrays[f"{name}.temperature"] = np.array(model.temperature)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> ModelBundle:
        try:
            with np.load(path, allow_pickle=False) as data:
                vocabulary = {str(f): i for i, f in enumerate(data["vocabulary"])}
                names = sorted({key.split(".")[0] for key in data.files if "." in key})
                models = {
                    name: LinearModel(
                        classes=tuple(str(c) for c in data[f"{name}.classes"]),
                        weights=data[f"{name}.weights"].astype(np.float32),
                        bias=data[f"{name}.bias"].astype(np.float64),
                        temperature=float(data[f"{name}.temperature"]),
                    )
                    for name in names
                }
                meta = json.loads(str(data["meta"]))
        except (OSError, KeyError, ValueError) as exc:
            raise DataFileError(f"{path}: not a dyad model file ({exc})") from exc
        return cls(vocabulary, models, meta)
