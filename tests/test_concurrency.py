"""`dyad ingest` while `dyad serve` holds the store: no lock error, nothing
corrupted, reads answered throughout, and the new events appear in the API."""

import subprocess
import sys
import threading
import time

import httpx
import pytest

from conftest import FIXTURES, Server, run_dyad

pytestmark = pytest.mark.model


def test_concurrency_ingest_while_serving(tmp_path):
    db = tmp_path / "shared.duckdb"
    server = Server(db)
    seen: list[tuple[int, int]] = []
    orphans: list[str] = []
    done = threading.Event()

    def read_all_the_time() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            while not done.is_set():
                response = client.get("/events", params={"limit": 200})
                page = response.json()
                seen.append((response.status_code, page.get("total", -1)))
                for event in page.get("events", [])[:5]:
                    detail = client.get(f"/events/{event['event_id']}").json()
                    if not detail.get("article"):  # an event without its article
                        orphans.append(event["event_id"])
                time.sleep(0.05)

    reader = threading.Thread(target=read_all_the_time)
    try:
        reader.start()
        inputs = [
            str(FIXTURES / n) for n in ("articles.jsonl", "syndicated.jsonl", "wire-story.txt")
        ]
        result = run_dyad("ingest", *inputs, str(FIXTURES / "bad" / "empty.txt"), "--db", str(db))
        done.set()
        reader.join()
        assert result.returncode == 0, result.stderr
        assert "lock" not in result.stderr.lower()
        assert "skipped 1 (1 file is empty)" in result.stdout
        added = int(result.stdout.split("stored ")[1].split()[0])
        assert added > 0
        with httpx.Client(base_url=server.url, timeout=30) as client:
            assert client.get("/events", params={"limit": 1}).json()["total"] > 0
            again = run_dyad("ingest", *inputs, "--db", str(db))
            assert "stored 0 new events" in again.stdout  # idempotent through the server too
        statuses = {status for status, _ in seen}
        totals = [total for _, total in seen]
        assert len(seen) > 3 and statuses == {200}
        assert totals == sorted(totals)  # never a half-written state
        assert orphans == []
        # The CLI's queries say where to go while the server holds the store.
        busy = run_dyad("events", "--db", str(db))
        assert busy.returncode == 1 and "dyad serve holds this store" in busy.stderr
    finally:
        done.set()
        server.stop()
    # With the server gone, the store is a plain file again, with everything in it.
    after = run_dyad("events", "--db", str(db), "--format", "jsonl", "--limit", "1000")
    assert after.returncode == 0 and len(after.stdout.splitlines()) >= 1
    assert not (tmp_path / "shared.duckdb.serve.json").exists()


def test_concurrency_stale_announcement_is_ignored(tmp_path):
    """A server that died without cleaning up must not block ingest."""
    db = tmp_path / "s.duckdb"
    (tmp_path / "s.duckdb.serve.json").write_text(
        '{"url": "http://127.0.0.1:9", "pid": 999999, "token": "x"}', encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "dyad", "ingest", str(FIXTURES / "articles.jsonl"), "--db", str(db)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
