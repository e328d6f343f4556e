"""Exports of stored events: JSONL, CSV, Parquet partitioned by month, and
GDELT 2.0's event table (store/gdelt.py). Every format takes the same
filters as `dyad events`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import DyadError
from dyad.store.gdelt import gdelt_row
from dyad.store.query import EventFilter, find_events

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
CSV_FIELDS = [
    "event_id", "doc_id", "sentence_index", "date", "date_precision",
    "source_code", "source_country", "source_name", "cameo", "quad_class", "goldstein",
    "plover_type", "target_code", "target_country", "target_name", "negated",
    "location_name", "location_country", "lat", "lon", "confidence", "sentence", "coder",
    "date_inherited", "location_admin1", "location_geonames_id", "location_precision", "tone",
]  # fmt: skip
COUNT_FIELDS = ["num_mentions", "num_sources", "num_articles"]
_PAGE = 20000


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """A record's nested fields as flat CSV columns."""
    source, target = record["source"], record.get("target") or {}
    location = record.get("location") or {}
    return {
        **{k: record.get(k) for k in CSV_FIELDS if k in record},
        "source_code": source["code"], "source_country": source["country"],
        "source_name": source["name"], "target_code": target.get("code"),
        "target_country": target.get("country"), "target_name": target.get("name"),
        "plover_type": record["plover"]["type"], "location_name": location.get("name"),
        "location_country": location.get("country"), "lat": location.get("lat"),
        "lon": location.get("lon"), "location_admin1": location.get("admin1"),
        "location_geonames_id": location.get("geonames_id"),
        "location_precision": location.get("precision"),
        **{k: record[k] for k in COUNT_FIELDS if k in record},
    }  # fmt: skip


def all_events(
    connection: duckdb.DuckDBPyConnection, where: EventFilter
) -> Iterator[dict[str, Any]]:
    """Every matching event, a page at a time (memory stays flat)."""
    offset = 0
    while True:
        page = find_events(connection, where, limit=_PAGE, offset=offset)
        yield from page
        if len(page) < _PAGE:
            return
        offset += _PAGE


def export_events(
    connection: duckdb.DuckDBPyConnection, where: EventFilter, fmt: str, out: str | Path
) -> int:
    """Write the matching events to `out` in format `fmt`; return how many."""
    if fmt not in FORMATS:
        raise DyadError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _parquet(connection, where, Path(out))
    count = 0
    try:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            if fmt == "csv":
                writer = csv.DictWriter(handle, [*CSV_FIELDS, *COUNT_FIELDS])
                writer.writeheader()
            tsv = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                             escapechar="\\")  # fmt: skip
            for record in all_events(connection, where):
                if fmt == "jsonl":
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                elif fmt == "csv":
                    writer.writerow(flatten(record))
                else:
                    tsv.writerow(gdelt_row(record))
                count += 1
    except OSError as exc:
        raise DyadError(f"{out}: cannot write the export ({exc.strerror})") from exc
    return count


def _parquet(connection: duckdb.DuckDBPyConnection, where: EventFilter, out: Path) -> int:
    """One Parquet dataset, partitioned by the events' month (month=YYYY-MM/)."""
    clause, params = where.where()
    sql = f"""
        SELECT e.event_id, e.doc_id, e.sentence_index, e.date, e.date_precision,
               e.date_inherited, e.source_code, e.source_country, e.source_name,
               e.target_code, e.target_country, e.target_name, e.cameo, e.cameo_root,
               e.quad_class, e.goldstein, e.plover_type, e.negated, e.location_name,
               e.location_country, e.location_admin1, e.location_geonames_id,
               e.location_precision, e.lat, e.lon, e.confidence, e.tone, e.sentence, e.coder,
               (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.event_id)
                   AS num_mentions,
               (SELECT count(DISTINCT m.doc_id) FROM event_mentions m
                WHERE m.event_id = e.event_id) AS num_articles,
               coalesce(strftime(e.date, '%Y-%m'), 'undated') AS month
        FROM events e{clause}"""
    ((count,),) = connection.execute(f"SELECT count(*) FROM events e{clause}", params).fetchall()
    relation = connection.sql(sql, params=params)
    try:
        relation.write_parquet(str(out), partition_by=["month"], overwrite=True)
    except duckdb.Error as exc:
        raise DyadError(f"{out}: cannot write the Parquet export ({exc})") from exc
    return int(count)
