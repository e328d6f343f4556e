"""The training corpus: well formed, large and varied enough, and apart from the
evaluation gold."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = sorted((ROOT / "training" / "events").glob("*.jsonl"))
# Labelled like the corpus, never trained on: probes of what the models miss.
HELD_OUT = sorted((ROOT / "training" / "held-out").glob("*.jsonl"))


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def test_training_corpus_passes_its_checker():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_training.py"), *map(str, PARTS + HELD_OUT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.strip().endswith("0 problems")


def test_training_corpus_covers_every_root_with_enough_non_events():
    lines = [line for part in PARTS for line in _lines(part)]
    roots = Counter(e["cameo"][:2] for line in lines for e in line["events"])  # type: ignore[index, union-attr]
    assert len(lines) >= 4000
    assert all(roots[f"{r:02d}"] >= 100 for r in range(1, 21)), roots
    assert sum(1 for line in lines if not line["events"]) / len(lines) >= 0.25


def test_training_corpus_shares_no_sentence_with_the_gold_sets():
    training = {_key(str(line["text"])) for part in PARTS + HELD_OUT for line in _lines(part)}
    for gold in ("events.jsonl", "events-dev.jsonl"):
        overlap = training & {_key(str(line["text"])) for line in _lines(ROOT / "gold" / gold)}
        assert not overlap, f"{gold}: {len(overlap)} sentences also in the training corpus"
