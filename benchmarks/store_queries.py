"""Benchmark: a store of N synthetic events (default 1,000,000) and the time
of the queries an analyst runs most: a dyad's timeline and a filtered page of
events, in process and through the CLI (which adds Python's start-up).

    python benchmarks/store_queries.py --events 1000000 --db /tmp/bench.duckdb

The events are generated inside DuckDB (seed fixed): 60 countries with
skewed activity, sectors, CAMEO codes and Goldstein values from dyad's
codebook, dates over 2015-2024, 4 events per article, one mention each.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from dyad.events.codebook import load_codebook
from dyad.store import EventFilter, open_store
from dyad.store.schema import migrate

COUNTRIES = [
    "USA",
    "RUS",
    "CHN",
    "UKR",
    "ISR",
    "PSE",
    "IRN",
    "TUR",
    "IND",
    "PAK",
    "GBR",
    "FRA",
    "DEU",
    "SYR",
    "IRQ",
    "AFG",
    "SAU",
    "EGY",
    "LBN",
    "YEM",
    "NGA",
    "KEN",
    "ETH",
    "SDN",
    "SOM",
    "ZAF",
    "BRA",
    "MEX",
    "COL",
    "VEN",
    "ARG",
    "CHL",
    "PER",
    "JPN",
    "KOR",
    "PRK",
    "TWN",
    "PHL",
    "IDN",
    "MMR",
    "THA",
    "VNM",
    "BGD",
    "LKA",
    "NPL",
    "POL",
    "HUN",
    "SRB",
    "GRC",
    "ITA",
    "ESP",
    "CAN",
    "AUS",
    "QAT",
    "ARE",
    "JOR",
    "LBY",
    "MLI",
    "COD",
]
SECTORS = ["", "GOV", "MIL", "COP", "REB", "OPP", "CVL", "JUD", "MED", "BUS"]


def build(db: Path, n: int) -> float:
    """Fill a fresh store with n events; return the seconds it took."""
    started = time.perf_counter()
    connection = duckdb.connect(str(db))
    migrate(connection)
    codes = [(c.code, c.root, c.quad_class, c.goldstein, c.plover.type or "")
             for c in load_codebook().values()]  # fmt: skip
    connection.execute("CREATE TEMP TABLE codes (i INT, code VARCHAR, root VARCHAR, quad INT,"
                       " goldstein DOUBLE, plover VARCHAR)")  # fmt: skip
    connection.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?, ?)",
                           [(i, *c) for i, c in enumerate(codes)])  # fmt: skip
    connection.execute("SELECT setseed(0.42)")
    connection.execute(
        f"""CREATE TEMP TABLE raw AS
        SELECT i,
               list_extract(?, 1 + floor(pow(random(), 2) * {len(COUNTRIES)})::INT) AS src,
               list_extract(?, 1 + floor(pow(random(), 2) * {len(COUNTRIES)})::INT) AS tgt,
               list_extract(?, 1 + floor(random() * {len(SECTORS)})::INT) AS src_sector,
               list_extract(?, 1 + floor(random() * {len(SECTORS)})::INT) AS tgt_sector,
               floor(random() * {len(codes)})::INT AS c,
               DATE '2015-01-01' + floor(random() * 3650)::INT AS day,
               random() < 0.15 AS no_target
        FROM range({n}) t(i)""",
        [COUNTRIES, COUNTRIES, SECTORS, SECTORS],
    )
    connection.execute("""
        INSERT INTO events BY NAME
        SELECT printf('%016x', hash(r.i)) AS event_id, printf('doc%09d', r.i // 4) AS doc_id,
               (r.i % 4)::INT + 1 AS sentence_index,
               'Officials of ' || r.src || ' and ' || r.tgt || ' met in the capital.' AS sentence,
               r.day AS date, 'day' AS date_precision, r.src || r.src_sector AS source_code,
               r.src AS source_country, NULL AS source_name,
               CASE WHEN r.no_target THEN NULL ELSE r.tgt || r.tgt_sector END AS target_code,
               CASE WHEN r.no_target THEN NULL ELSE r.tgt END AS target_country,
               NULL AS target_name, k.code AS cameo, k.root AS cameo_root, k.quad AS quad_class,
               k.goldstein AS goldstein, k.plover AS plover_type, false AS negated,
               r.src AS location_name, r.src AS location_country,
               (hash(r.src) % 120)::DOUBLE - 60 AS lat, (hash(r.src) % 340)::DOUBLE - 170 AS lon,
               0.8 AS confidence, 'bench' AS coder,
               json_object('event_id', printf('%016x', hash(r.i)), 'date', r.day::VARCHAR,
                           'source', json_object('code', r.src || r.src_sector,
                                                 'country', r.src),
                           'target', CASE WHEN r.no_target THEN NULL
                                     ELSE json_object('code', r.tgt || r.tgt_sector,
                                                      'country', r.tgt) END,
                           'cameo', k.code, 'cameo_root', k.root, 'quad_class', k.quad,
                           'plover', json_object('type', k.plover),
                           'spans', json_object('source', [13, 16], 'trigger', [25, 28],
                                                'target', NULL),
                           'sentence', 'Officials of ' || r.src || ' and '
                           || r.tgt || ' met in the capital.') AS record,
               false AS date_inherited, now()::TIMESTAMP AS added_at
        FROM raw r JOIN codes k ON k.i = r.c""")
    connection.execute("""
        INSERT INTO event_mentions SELECT event_id, doc_id, sentence_index FROM events""")
    connection.execute("""
        INSERT INTO articles (doc_id, date, publisher, text)
        SELECT DISTINCT doc_id, date, 'Wire ' || (hash(doc_id) % 40)::VARCHAR, '' FROM events
        ON CONFLICT DO NOTHING""")
    connection.execute("CHECKPOINT")
    connection.close()
    return time.perf_counter() - started


def timed(label: str, action) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    rows = action()
    print(f"  {label}: {time.perf_counter() - started:.3f} s, {len(rows)} rows")


def cli(args: list[str]) -> None:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "dyad", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    lines = len(result.stdout.splitlines())
    print(f"  dyad {' '.join(args)}: {seconds:.3f} s wall (with start-up), {lines} lines")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/dyad-bench.duckdb")
    args = parser.parse_args()
    db = Path(args.db)
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    print(f"building a store of {args.events:,} events in {db}")
    print(f"  built in {build(db, args.events):.1f} s, {db.stat().st_size / 1e6:.0f} MB")
    since = date(2023, 1, 1)
    with open_store(db, read_only=True) as store:
        print(f"stored: {store.counts()}")
        print("in process (Store methods):")
        timed("timeline('TUR', 'ISR', by='month')", lambda: store.timeline("TUR", "ISR", "month"))
        timed("timeline('USA', 'CHN', by='week', directed)",
              lambda: store.timeline("USA", "CHN", "week", directed=True))  # fmt: skip
        where = EventFilter(actor="IND", root="19", since=since)
        timed("events(actor=IND, root=19, since=2023-01-01), first 50",
              lambda: store.events(where, limit=50))  # fmt: skip
        where = EventFilter(dyad=("ISR", "PSE"), quad=4, text="capital")
        timed("events(dyad=ISR-PSE, quad=4, text='capital'), first 50",
              lambda: store.events(where, limit=50))  # fmt: skip
        timed("actors(), top 20", lambda: store.actors(limit=20))
        timed("dyads(), top 20", lambda: store.dyads(limit=20))
    print("through the CLI:")
    cli(["timeline", "TUR", "ISR", "--by", "month", "--db", str(db)])
    cli(["events", "--actor", "IND", "--root", "19", "--since", "2023-01-01", "--limit", "50",
         "--db", str(db)])  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
