"""The learned detector and typer: features, training, the model file, and how
the models join the patterns."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from dyad.api import get_pipeline
from dyad.config import Options
from dyad.errors import DataFileError, DyadError
from dyad.learn.combine import LearnedCoder, load_models
from dyad.learn.embedding import EMBEDDING, embeddings_installed
from dyad.learn.features import sentence_features
from dyad.learn.linear import ModelBundle
from dyad.learn.train import train_models
from dyad.nlp import load_pipeline
from dyad.records import Article

from conftest import FIXTURES, run_dyad

pytestmark = pytest.mark.model
MINI_CORPUS = FIXTURES / "training-mini.jsonl"


def _features(text: str) -> list[str]:
    nlp = load_pipeline(Options().model)
    return sentence_features(nlp(text)[:])


def test_features_read_what_happened_not_who():
    features = _features("Kenyan police arrested 12 protesters in Nairobi on Tuesday.")
    assert "v:arrest" in features
    assert "vo:arrest>protester" in features
    assert "subj:police" in features
    assert not any("nairobi" in f.lower() or "kenya" in f.lower() for f in features)
    assert any("<GPE>" in f or "<NORP>" in f for f in features)


def test_features_mark_negation_future_and_questions():
    assert "neg:attack" in _features("The army did not attack the village.")
    assert "m:future" in _features("The ministers will meet in Geneva next week.")
    assert "m:question" in _features("Will Ghana send troops to Mali?")


def test_features_are_deterministic():
    text = "Rebels ambushed an army convoy near Goma, killing four soldiers."
    assert _features(text) == _features(text)


@pytest.fixture(scope="module")
def mini_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bundle, report = train_models([MINI_CORPUS], Options(), seed=0)
    assert "detector" in report and "root" in report
    path = tmp_path_factory.mktemp("models") / "mini.npz"
    bundle.save(path)
    return path


def test_training_is_reproducible(mini_models):
    again, _ = train_models([MINI_CORPUS], Options(), seed=0)
    first = ModelBundle.load(mini_models)
    assert first.vocabulary == again.vocabulary
    assert first.meta == again.meta
    for name, model in first.models.items():
        assert model.classes == again.models[name].classes
        assert np.allclose(model.weights, again.models[name].weights, atol=1e-2)
        assert model.temperature == again.models[name].temperature


def test_model_file_round_trip_gives_calibrated_probabilities(mini_models):
    bundle = ModelBundle.load(mini_models)
    # The embedding detector too where its extra is installed (as for `make test`).
    extra = {EMBEDDING} if embeddings_installed() else set()
    assert set(bundle.models) == {"detector", "root", "code"} | extra
    rows = bundle.rows(_features("Troops shelled rebel positions outside the town."))
    probabilities = bundle.models["root"].probabilities(rows)
    assert abs(sum(probabilities.values()) - 1.0) < 1e-6
    assert bundle.meta["sentences"] == sum(1 for line in MINI_CORPUS.open() if line.strip())


def test_cli_train_writes_a_usable_model_file(tmp_path):
    out = tmp_path / "models.npz"
    result = run_dyad("train", str(MINI_CORPUS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote models" in result.stdout
    coded = run_dyad("code", "-", "--models", str(out), stdin="Police arrested 20 protesters.")
    assert coded.returncode == 0, coded.stderr


def test_bad_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "broken.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(DataFileError, match=r"broken\.npz"):
        ModelBundle.load(bad)
    result = run_dyad("code", "-", "--models", str(bad), stdin="Police arrested 20 protesters.")
    assert result.returncode == 1 and "broken.npz" in result.stderr


def test_builtin_models_are_shipped_and_versioned():
    bundle = load_models()
    assert bundle.meta["sentences"] >= 4000
    pipeline = get_pipeline(Options())
    assert "learned/" in pipeline.coder_version


def _events(options: Options, text: str) -> list[tuple[str, str | None, str]]:
    article = Article(doc_id="t", text=text, date=None, origin="test")
    coded = next(get_pipeline(options).code_articles([article]))
    return [(e.source.code, e.target.code if e.target else None, e.cameo) for e in coded.events]


def test_combined_coder_finds_what_no_pattern_matches():
    text = "Ethiopian troops pounded rebel positions with artillery."
    assert _events(replace(Options(), coder="patterns"), text) == []
    events = _events(Options(), text)
    assert [(source, code[:2]) for source, _, code in events] == [("ETHMIL", "19")]


def test_combined_coder_vetoes_a_pattern_event_in_an_eventless_sentence():
    text = "Brazil's finance minister attacked the crossword in Sunday's paper."
    assert _events(replace(Options(), coder="patterns"), text)  # "attack" -> 19x
    assert _events(Options(), text) == []


def test_combined_coder_vetoes_a_pattern_event_both_models_doubt():
    # A visit to no one: "visit" makes it 042 for the patterns; the detector
    # half believes the sentence eventful, the typer gives 04 little.
    text = "Nigeria's vice president visited a cassava processing plant in Ogun state."
    off = replace(Options(), doubt_threshold=0.0)
    assert [code for _, _, code in _events(off, text)] == ["042"]
    doubting = replace(Options(), doubt_threshold=0.99, doubt_root_threshold=0.5)
    assert _events(doubting, text) == []
    # The typer's doubt is needed too: a visit to a country stays.
    visit = "The Kenyan president visited Uganda on Friday for talks on the border."
    assert [code for _, _, code in _events(doubting, visit)] == ["042"]
    assert _events(replace(doubting, doubt_root_threshold=0.0), text)


def test_combined_coder_keeps_negation_flagged():
    article = Article(doc_id="n", text="Kenya did not sign the trade agreement with Uganda.",
                      date=None, origin="test")  # fmt: skip
    (event,) = next(get_pipeline(Options()).code_articles([article])).events
    assert event.negated and event.cameo == "057"


def test_confidence_is_calibrated_per_kind():
    calibration = load_models().meta["calibration"]
    assert set(calibration) == {"pattern", "model"}
    for a, _ in calibration.values():
        assert a > 0  # more agreement from the models, more confidence


def test_unknown_coder_mode_is_refused():
    pipeline = get_pipeline(Options())
    with pytest.raises(DyadError, match="unknown coder mode"):
        LearnedCoder(load_models(), pipeline.coder, replace(Options(), coder="guess"))


def test_eval_ablation_prints_each_coder(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = [json.loads(line) for line in MINI_CORPUS.read_text(encoding="utf-8").splitlines()]
    gold.write_text("\n".join(json.dumps(line) for line in lines[:30]) + "\n", encoding="utf-8")
    result = run_dyad("eval", "events", "--gold", str(gold), "--ablation")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0] for line in result.stdout.splitlines()[1:-1]}
    assert rows == {"combined", "patterns", "models"}
    assert "false events x" in result.stdout.splitlines()[-1]
    # A pinned ceiling on the combined coder's false events, as a share of the
    # patterns', fails the run when exceeded (here one no ratio can meet).
    floors = tmp_path / "floors.toml"
    floors.write_text("[ablation]\nmax_false_event_ratio = -1\n", encoding="utf-8")
    result = run_dyad("eval", "events", "--gold", str(gold), "--ablation", "--floors", str(floors))
    assert result.returncode == 1
    assert "above the ceiling -1" in result.stderr


def test_eval_prints_reliability(tmp_path):
    result = run_dyad("eval", "events", "--gold", str(FIXTURES / "events-mini.jsonl"), "--json")
    report = json.loads(result.stdout)
    assert "calibration_error" in report and report["reliability"]
    for row in report["reliability"]:
        assert 0.0 <= row["mean_confidence"] <= 1.0 and 0.0 <= row["right"] <= 1.0


def test_patterns_mode_has_no_learned_part():
    options = replace(Options(), coder="patterns")
    assert "learned/" not in get_pipeline(options).coder_version
