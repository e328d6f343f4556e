"""Crash safety: `dyad ingest` killed with SIGKILL at random points, then run
again. After every kill the store is consistent (no article without its
events, no event without a mention, no duplicate), and the final store equals
an uninterrupted run's."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import run_dyad

pytestmark = pytest.mark.model

DEMO = str(Path(__file__).parents[1] / "corpus" / "demo")


def snapshot(db: Path) -> dict[str, object]:
    connection = duckdb.connect(str(db), read_only=True)
    try:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(connection.execute(sql).fetchall(), key=repr)

        return {
            "articles": rows("SELECT doc_id, n_events, duplicate_of FROM articles"),
            "events": rows("SELECT event_id, cameo, source_code, target_code FROM events"),
            "mentions": rows("SELECT * FROM event_mentions"),
            "quotes": rows("SELECT quote_id FROM quotes"),
            "rejected": rows("SELECT origin, problem FROM rejected"),
        }
    finally:
        connection.close()


def assert_consistent(db: Path) -> None:
    connection = duckdb.connect(str(db), read_only=True)
    try:

        def one(sql: str) -> int:
            return int(connection.execute(sql).fetchone()[0])  # type: ignore[index]

        # Every event has a mention, and every mention an article that is stored.
        assert (
            one(
                "SELECT count(*) FROM events e WHERE NOT EXISTS"
                " (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id)"
            )
            == 0
        )
        assert (
            one(
                "SELECT count(*) FROM event_mentions m WHERE NOT EXISTS"
                " (SELECT 1 FROM articles a WHERE a.doc_id = m.doc_id)"
            )
            == 0
        )
        # An article is stored with all its events or not at all: each article
        # that reports events has mentions from its own sentences.
        assert (
            one(
                "SELECT count(*) FROM articles a WHERE a.n_events > 0 AND NOT EXISTS"
                " (SELECT 1 FROM event_mentions m WHERE m.doc_id = a.doc_id)"
            )
            == 0
        )
        assert one("SELECT count(*) - count(DISTINCT event_id) FROM events") == 0
    finally:
        connection.close()  # fmt: skip


def test_crash_sigkill_then_resume_equals_an_uninterrupted_run(tmp_path):
    reference = tmp_path / "reference.duckdb"
    assert run_dyad("ingest", DEMO, "--db", str(reference)).returncode == 0
    expected = snapshot(reference)

    db = tmp_path / "killed.duckdb"
    chance = random.Random(20261125)
    kills = 0
    partial = []  # articles stored when a kill left the run half done
    # Parsed four texts and stored two articles at a time, so kills land between.
    small_batches = {**os.environ, "DYAD_BATCH_SIZE": "4", "DYAD_STORE_BATCH": "2"}
    for _ in range(4):
        process = subprocess.Popen(
            [sys.executable, "-m", "dyad", "ingest", DEMO, "--db", str(db), "-v"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=small_batches,
        )  # fmt: skip
        # Kill inside the run: after a random number of articles were stored
        # (`-v` logs each after its transaction), however long model loading
        # takes on a busy machine.
        wanted = chance.randint(1, 30)
        for line in process.stderr:  # type: ignore[union-attr]
            wanted -= "stored " in line
            if wanted <= 0:
                break
        time.sleep(chance.uniform(0.0, 0.3))  # and somewhere inside the next article
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        if db.exists():
            assert_consistent(db)
            stored = len(snapshot(db)["articles"])  # type: ignore[arg-type]
            if 0 < stored < len(expected["articles"]):  # type: ignore[arg-type]
                partial.append(stored)
    assert kills >= 2, "the runs ended before they could be killed"
    assert partial, "no kill landed in the middle of a run"
    final = run_dyad("ingest", DEMO, "--db", str(db))
    assert final.returncode == 0, final.stderr
    assert_consistent(db)
    assert snapshot(db) == expected
