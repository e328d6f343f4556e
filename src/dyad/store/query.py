"""Questions to the store: events by filter, timelines of a dyad, rankings of
actors and dyads, quotes. SQL is built from fixed fragments with `?`
parameters only; user values never enter the SQL text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

PERIODS = ("day", "week", "month")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query covers. Actor values are code prefixes ("TUR",
    "TURGOV", "IGOUNO"), so a country takes in all its actors."""

    actor: str | None = None  # on either side
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # either direction
    since: date | None = None
    until: date | None = None
    root: str | None = None  # CAMEO root, "19"
    code: str | None = None  # CAMEO code or its prefix, "0312"
    quad: int | None = None
    plover: str | None = None
    location_country: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    text: str | None = None  # words in the sentence
    negated: bool = False  # include negated events
    event_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(clause: str, *values: Any) -> None:
            clauses.append(clause)
            params.extend(values)

        if not self.negated:
            add("NOT e.negated")
        if self.event_id:
            add("e.event_id = ?", self.event_id)
        if self.actor:
            add("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))",
                self.actor.upper(), self.actor.upper())  # fmt: skip
        if self.source:
            add("starts_with(e.source_code, ?)", self.source.upper())
        if self.target:
            add("starts_with(e.target_code, ?)", self.target.upper())
        if self.dyad:
            a, b = (side.upper() for side in self.dyad)
            add("((starts_with(e.source_code, ?) AND starts_with(e.target_code, ?))"
                " OR (starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)))",
                a, b, b, a)  # fmt: skip
        if self.since:
            add("e.date >= ?", self.since)
        if self.until:
            add("e.date <= ?", self.until)
        if self.root:
            add("e.cameo_root = ?", self.root)
        if self.code:
            add("starts_with(e.cameo, ?)", self.code)
        if self.quad:
            add("e.quad_class = ?", self.quad)
        if self.plover:
            add("e.plover_type = ?", self.plover.upper())
        if self.location_country:
            add("e.location_country = ?", self.location_country.upper())
        if self.bbox:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            add(
                "e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?",
                min_lon,
                max_lon,
                min_lat,
                max_lat,
            )
        if self.text:
            add("e.sentence ILIKE ?", f"%{self.text}%")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


ALL_EVENTS = EventFilter()


def checked_filter(
    *,
    actor: str | None = None,
    source: str | None = None,
    target: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
    root: str | None = None,
    code: str | None = None,
    quad: int | None = None,
    plover: str | None = None,
    location_country: str | None = None,
    bbox: str | None = None,
    text: str | None = None,
    negated: bool = False,
) -> EventFilter:
    """An EventFilter from user input (the CLI's options, the API's query),
    checked: a ValueError says which value is wrong and what is allowed."""
    for name, value in (("actor", actor), ("source", source), ("target", target),
                        *(("dyad side", side) for side in (dyad or ()))):  # fmt: skip
        if value is not None and not _ACTOR_CODE.fullmatch(value):
            raise ValueError(f"{name} {value!r}: an actor code is letters only, e.g. TUR or TURGOV")
    if root is not None and not (root.isdigit() and 1 <= int(root) <= 20):
        raise ValueError(f"root {root!r}: a CAMEO root is 01 to 20")
    if code is not None and not (code.isdigit() and 2 <= len(code) <= 4):
        raise ValueError(f"code {code!r}: a CAMEO code is 2 to 4 digits, e.g. 0312")
    if quad is not None and quad not in (1, 2, 3, 4):
        raise ValueError(f"quad {quad!r}: a quad class is 1, 2, 3 or 4")
    if plover is not None and plover.upper() not in PLOVER_TYPES:
        raise ValueError(f"plover {plover!r}: one of {', '.join(PLOVER_TYPES)}")
    if location_country is not None and not _ACTOR_CODE.fullmatch(location_country):
        raise ValueError(f"location {location_country!r}: an ISO alpha-3 country code")
    if since and until and since > until:
        raise ValueError(f"since {since} is after until {until}")
    return EventFilter(
        actor=actor, source=source, target=target, dyad=dyad, since=since, until=until,
        root=root.zfill(2) if root else None, code=code, quad=quad,
        plover=plover.upper() if plover else None, location_country=location_country,
        bbox=_bbox(bbox) if bbox else None, text=text, negated=negated,
    )  # fmt: skip


_ACTOR_CODE = re.compile(r"[A-Za-z]{1,24}")


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in text.split(","))
    except ValueError as exc:
        raise ValueError(f"bbox {text!r}: four numbers, MIN_LON,MIN_LAT,MAX_LON,MAX_LAT") from exc
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError(f"bbox {text!r}: longitudes -180..180, latitudes -90..90, min <= max")
    return min_lon, min_lat, max_lon, max_lat


def count_events(connection: duckdb.DuckDBPyConnection, where: EventFilter) -> int:
    clause, params = where.where()
    ((total,),) = connection.execute(f"SELECT count(*) FROM events e{clause}", params).fetchall()
    return int(total)


def find_events(
    connection: duckdb.DuckDBPyConnection,
    where: EventFilter,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events as public records, newest first, with GDELT's counts: mentions
    (sentences reporting the event), articles, and sources (publishers)."""
    clause, params = where.where()
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    sql = f"""
        WITH picked AS (
            SELECT e.event_id, e.record, e.date, e.doc_id, e.sentence_index, e.added_at
            FROM events e{clause}
            ORDER BY e.date DESC NULLS LAST, e.doc_id, e.sentence_index, e.event_id{page})
        SELECT p.record, p.added_at, own.url, count(m.event_id), count(DISTINCT m.doc_id),
               count(DISTINCT coalesce(a.publisher, a.doc_id))
        FROM picked p
        LEFT JOIN articles own ON own.doc_id = p.doc_id
        LEFT JOIN event_mentions m USING (event_id)
        LEFT JOIN articles a ON a.doc_id = m.doc_id
        GROUP BY p.event_id, p.record, p.date, p.doc_id, p.sentence_index, p.added_at, own.url
        ORDER BY p.date DESC NULLS LAST, p.doc_id, p.sentence_index, p.event_id"""
    if limit is not None:
        params = [*params, limit, offset]
    records = []
    rows = connection.execute(sql, params).fetchall()
    for record, added, url, mentions, articles, sources in rows:
        data = json.loads(record)
        data.update(
            num_mentions=mentions,
            num_articles=articles,
            num_sources=sources,
            source_url=url,
            date_added=added.isoformat(timespec="seconds") if added else None,
        )
        records.append(data)
    return records


def event_detail(connection: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with the articles and sentences that report it, and the text
    of its own article with where its sentence sits in it (for marking)."""
    found = find_events(connection, EventFilter(negated=True, event_id=event_id), limit=1)
    if not found:
        return None
    record = found[0]
    mentions = _rows(connection.execute(
        """SELECT m.doc_id, m.sentence_index, a.title, a.url, a.date, a.publisher
           FROM event_mentions m LEFT JOIN articles a USING (doc_id)
           WHERE m.event_id = ? ORDER BY a.date NULLS LAST, m.doc_id, m.sentence_index""",
        [event_id],
    ))  # fmt: skip
    row = connection.execute(
        "SELECT title, url, date, publisher, text FROM articles WHERE doc_id = ?",
        [record["doc_id"]],
    ).fetchall()
    article = None
    if row:
        title, url, when, publisher, text = row[0]
        start = (text or "").find(record["sentence"])
        article = {
            "doc_id": record["doc_id"], "title": title, "url": url,
            "date": when.isoformat() if when else None, "publisher": publisher, "text": text,
            "sentence_span": [start, start + len(record["sentence"])] if start >= 0 else None,
        }  # fmt: skip
    for mention in mentions:
        mention["date"] = mention["date"].isoformat() if mention["date"] else None
    return {**record, "mention_list": mentions, "article": article}


def timeline(
    connection: duckdb.DuckDBPyConnection,
    a: str | None,
    b: str | None,
    by: str,
    where: EventFilter = ALL_EVENTS,
    directed: bool = False,
) -> list[dict[str, Any]]:
    """Events between `a` and `b` (or involving `a`, or all with neither) per
    period, with counts per quad class and the Goldstein sum and mean.
    `directed`: only a -> b."""
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    if a is None:
        scope = where
    elif b is None:
        scope = EventFilter(**{**_fields(where), "actor": a})
    elif directed:
        scope = EventFilter(**{**_fields(where), "source": a, "target": b})
    else:
        scope = EventFilter(**{**_fields(where), "dyad": (a, b)})
    clause, params = scope.where()
    clause += (" AND" if clause else " WHERE") + " e.date IS NOT NULL"
    sql = f"""
        SELECT date_trunc('{by}', e.date)::DATE AS period, count(*) AS events,
               count(*) FILTER (WHERE e.quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE e.quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
               round(sum(e.goldstein), 2) AS goldstein_sum,
               round(avg(e.goldstein), 3) AS goldstein_mean
        FROM events e{clause} GROUP BY period ORDER BY period"""  # `by` is checked above
    return _rows(connection.execute(sql, params))


def locations(
    connection: duckdb.DuckDBPyConnection, where: EventFilter = ALL_EVENTS, limit: int = 500
) -> list[dict[str, Any]]:
    """Where the events happened: each place with coordinates and its number
    of events (most first), for a map."""
    clause, params = where.where()
    clause += (" AND" if clause else " WHERE") + " e.lat IS NOT NULL AND e.lon IS NOT NULL"
    sql = f"""
        SELECT e.location_name AS name, e.location_country AS country,
               round(e.lat, 4) AS lat, round(e.lon, 4) AS lon, count(*) AS events,
               round(avg(e.goldstein), 2) AS goldstein_mean
        FROM events e{clause}
        GROUP BY ALL ORDER BY events DESC, name LIMIT ?"""
    return _rows(connection.execute(sql, [*params, limit]))


def actor_ranking(
    connection: duckdb.DuckDBPyConnection, where: EventFilter = ALL_EVENTS, limit: int = 20
) -> list[dict[str, Any]]:
    """Actors by the number of events they take part in, as source or target."""
    clause, params = where.where()
    sql = f"""
        WITH picked AS (SELECT * FROM events e{clause}),
        sides AS (
            SELECT source_code AS code, source_country AS country, source_name AS name,
                   1 AS as_source, 0 AS as_target, goldstein FROM picked
            UNION ALL
            SELECT target_code, target_country, target_name, 0, 1, goldstein
            FROM picked WHERE target_code IS NOT NULL)
        SELECT code, any_value(country) AS country, mode(name) AS name,
               count(*) AS events, sum(as_source) AS as_source, sum(as_target) AS as_target,
               round(avg(goldstein), 3) AS goldstein_mean
        FROM sides GROUP BY code ORDER BY events DESC, code LIMIT ?"""
    return _rows(connection.execute(sql, [*params, limit]))


def dyad_ranking(
    connection: duckdb.DuckDBPyConnection,
    where: EventFilter = ALL_EVENTS,
    limit: int = 20,
    by_code: bool = False,
) -> list[dict[str, Any]]:
    """Source-target pairs (countries, or full actor codes) by their number of
    events, with their cooperation/conflict mix and Goldstein mean."""
    clause, params = where.where()
    clause += (" AND" if clause else " WHERE") + " e.target_code IS NOT NULL"
    source, target = (
        ("source_code", "target_code") if by_code else ("source_country", "target_country")
    )
    sql = f"""
        SELECT e.{source} AS source, e.{target} AS target, count(*) AS events,
               count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation,
               count(*) FILTER (WHERE e.quad_class >= 3) AS conflict,
               round(avg(e.goldstein), 2) AS goldstein_mean
        FROM events e{clause}
        GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?"""  # columns are ours
    return _rows(connection.execute(sql, [*params, limit]))


def find_quotes(
    connection: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    text: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes with their speakers, newest first; `speaker` is a code prefix."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if speaker:
        clauses.append("starts_with(q.speaker_code, ?)")
        params.append(speaker.upper())
    if text:
        clauses.append("q.text ILIKE ?")
        params.append(f"%{text}%")
    if since:
        clauses.append("q.date >= ?")
        params.append(since)
    if until:
        clauses.append("q.date <= ?")
        params.append(until)
    sql = (
        "SELECT q.quote_id, q.doc_id, q.sentence_index, q.date, q.speaker_text, q.speaker_code,"
        " q.speaker_country, q.speaker_name, q.text FROM quotes q WHERE "
        + " AND ".join(clauses)
        + " ORDER BY q.date DESC NULLS LAST, q.doc_id, q.sentence_index, q.quote_id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return _rows(connection.execute(sql, params))


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _fields(where: EventFilter) -> dict[str, Any]:
    return {name: getattr(where, name) for name in where.__dataclass_fields__}
