"""Scale-out: the same ingest in several processes and on a real Dask
LocalCluster (2 workers on loopback, started here) stores exactly the events
of the single-process run; parts left by an interrupted run are loaded, not
coded again."""

from pathlib import Path

import duckdb
import pytest

from conftest import run_dyad

pytestmark = pytest.mark.model

DEMO = Path(__file__).parents[1] / "corpus" / "demo"


def contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return {
            table: sorted(connection.execute(sql).fetchall(), key=repr)
            for table, sql in {
                "articles": "SELECT doc_id, n_events, duplicate_of, tone FROM articles",
                "events": "SELECT event_id, record FROM events",
                "mentions": "SELECT * FROM event_mentions",
                "quotes": "SELECT * FROM quotes",
            }.items()
        }
    finally:
        connection.close()


@pytest.fixture(scope="module")
def single(tmp_path_factory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("single") / "one.duckdb"
    assert run_dyad("ingest", str(DEMO), "--db", str(db)).returncode == 0
    return contents(db)


def test_scale_processes_store_what_one_process_stores(single, tmp_path):
    db = tmp_path / "two.duckdb"
    result = run_dyad("ingest", str(DEMO), "--db", str(db), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert contents(db) == single


def test_scale_dask_local_cluster_stores_what_one_process_stores(single, tmp_path):
    from distributed import LocalCluster

    from dyad.batches import batched
    from dyad.config import Options
    from dyad.read import read_inputs
    from dyad.scale.cluster import part_name, write_part
    from dyad.scale.workers import BATCH

    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    parts.mkdir()
    # A part an interrupted run left behind: loaded as it is, not coded again.
    readable = (a for a in read_inputs([str(DEMO)], Options()) if hasattr(a, "doc_id"))
    first = next(batched(readable, BATCH))
    write_part(first, Options(), str(parts / part_name(first)))  # type: ignore[arg-type]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:  # fmt: skip
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        result = run_dyad(
            "ingest", str(DEMO), "--db", str(db), "--scheduler", address, "--parts", str(parts)
        )
    assert result.returncode == 0, result.stderr
    assert contents(db) == single
    assert not parts.exists()  # every part was loaded, then removed
    again = run_dyad("ingest", str(DEMO), "--db", str(db), "--workers", "2", "--dask")
    assert again.returncode == 0 and "stored 0 new events" in again.stdout
    assert contents(db) == single
