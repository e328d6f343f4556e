"""The store's commands: events, timeline, actors, dyads, quotes, export.
They share one set of event filters (`EventFilter`), checked here so that a
wrong value gets a message saying what is allowed."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from typing import Any

from dyad.config import Options
from dyad.dates import parse_date
from dyad.errors import DyadError
from dyad.store import EventFilter, open_store
from dyad.store.export import COUNT_FIELDS, CSV_FIELDS, FORMATS, export_events, flatten
from dyad.store.query import PERIODS, checked_filter

OUTPUTS = ("table", "jsonl", "csv")


def add_store_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument("--db", default=None, help="DuckDB file (default dyad.duckdb)")
    filters = argparse.ArgumentParser(add_help=False)
    group = filters.add_argument_group("event filters")
    group.add_argument("--actor", help="actor code prefix on either side: TUR, TURGOV, IGOUNO")
    group.add_argument("--country", help="ISO alpha-3 country on either side (as --actor)")
    group.add_argument("--source", help="source actor code prefix")
    group.add_argument("--target", help="target actor code prefix")
    group.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="A and B, either direction")
    group.add_argument("--since", type=_date_arg, help="first date, YYYY-MM-DD")
    group.add_argument("--until", type=_date_arg, help="last date, YYYY-MM-DD")
    group.add_argument("--root", help="CAMEO root code, 01-20")
    group.add_argument("--code", help="CAMEO code or its prefix, e.g. 0312")
    group.add_argument("--quad", type=int, choices=[1, 2, 3, 4], help="quad class")
    group.add_argument("--plover", help="PLOVER type, e.g. ASSAULT")
    group.add_argument("--location", help="ISO alpha-3 country where events happened")
    group.add_argument(
        "--bbox", help="events located in MIN_LON,MIN_LAT,MAX_LON,MAX_LAT", metavar="BOX"
    )
    group.add_argument("--text", help="words in the event's sentence")
    group.add_argument("--negated", action="store_true", help="include negated events")
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--format", choices=OUTPUTS, default="table")
    output.add_argument("--limit", type=int, default=None, help="at most this many rows")

    p = commands.add_parser(
        "events",
        parents=[common, store, filters, output],
        help="query stored events",
        description="Query the store's events, newest first, with GDELT's counts "
        "(mentions, sources, articles).",
    )
    p.add_argument("--offset", type=int, default=0, help="skip this many rows first")
    p.set_defaults(run=run_events)

    p = commands.add_parser(
        "timeline",
        parents=[common, store, filters, output],
        help="events between two actors (or of one) per day, week or month",
        description="Events between A and B (either direction, or A to B with --directed), "
        "or of A alone, per period: counts per quad class, Goldstein sum and mean.",
    )
    p.add_argument("a", help="actor code prefix or country, e.g. TUR")
    p.add_argument("b", nargs="?", help="the other side, e.g. ISR")
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--directed", action="store_true", help="only events from A to B")
    p.set_defaults(run=run_timeline)

    p = commands.add_parser(
        "actors",
        parents=[common, store, filters, output],
        help="rank actors by their number of events",
        description="Actors by the events they take part in, as source or target.",
    )
    p.set_defaults(run=run_actors)

    p = commands.add_parser(
        "dyads",
        parents=[common, store, filters, output],
        help="rank the busiest source-target pairs",
        description="The busiest dyads (countries, or full actor codes with --codes), with "
        "their cooperation/conflict mix and Goldstein mean.",
    )
    p.add_argument("--codes", action="store_true", help="pairs of actor codes, not countries")
    p.set_defaults(run=run_dyads)

    p = commands.add_parser(
        "quotes",
        parents=[common, store, output],
        help="who said what: stored direct quotes",
        description="Direct quotes with their speakers, newest first.",
    )
    p.add_argument("--speaker", help="speaker actor code prefix, e.g. ISRGOV")
    p.add_argument("--text", help="words in the quote")
    p.add_argument("--since", type=_date_arg, help="first date, YYYY-MM-DD")
    p.add_argument("--until", type=_date_arg, help="last date, YYYY-MM-DD")
    p.set_defaults(run=run_quotes)

    p = commands.add_parser(
        "export",
        parents=[common, store, filters],
        help="export events as JSONL, CSV, Parquet or GDELT 2.0 TSV",
        description="Export the events the filters select. parquet writes a directory "
        "partitioned by month (month=YYYY-MM/); gdelt writes GDELT 2.0's 61-column event "
        "table (tab-separated, no header).",
    )
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("out", help="the file (or, for parquet, directory) to write")
    p.set_defaults(run=run_export)


def _date_arg(text: str) -> date:
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return value


def event_filter(args: argparse.Namespace) -> EventFilter:
    """The filters given on the command line, checked."""
    try:
        return checked_filter(
            actor=args.actor or args.country,
            source=args.source,
            target=args.target,
            dyad=(args.dyad[0], args.dyad[1]) if args.dyad else None,
            since=args.since,
            until=args.until,
            root=args.root,
            code=args.code,
            quad=args.quad,
            plover=args.plover,
            location_country=args.location,
            bbox=args.bbox,
            text=args.text,
            negated=args.negated,
        )
    except ValueError as exc:
        raise DyadError(f"--{exc}") from exc


def run_events(args: argparse.Namespace, options: Options) -> int:
    with open_store(args.db or options.db, read_only=True) as store:
        records = store.events(event_filter(args), limit=args.limit, offset=args.offset)
    if args.format == "jsonl":
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, [*CSV_FIELDS, *COUNT_FIELDS])
        writer.writeheader()
        for record in records:
            writer.writerow(flatten(record))
    else:
        if not records:
            print("no events match")
        for record in records:
            target = (record["target"] or {}).get("code") or "-"
            print(f"{record['date'] or '?':10}  {record['source']['code']:>12} "
                  f"--{record['cameo']:>4}--> {target:<12} x{record['num_mentions']:<3} "
                  f"{record['sentence']}")  # fmt: skip
    return 0


def run_timeline(args: argparse.Namespace, options: Options) -> int:
    with open_store(args.db or options.db, read_only=True) as store:
        rows = store.timeline(args.a, args.b, args.by, event_filter(args), args.directed)
    return _print_rows(rows[: args.limit] if args.limit else rows, args.format, "no events")


def run_actors(args: argparse.Namespace, options: Options) -> int:
    with open_store(args.db or options.db, read_only=True) as store:
        rows = store.actors(event_filter(args), limit=args.limit or 20)
    return _print_rows(rows, args.format, "no actors yet: ingest some documents first")


def run_dyads(args: argparse.Namespace, options: Options) -> int:
    with open_store(args.db or options.db, read_only=True) as store:
        rows = store.dyads(event_filter(args), limit=args.limit or 20, by_code=args.codes)
    return _print_rows(rows, args.format, "no dyads yet: ingest some documents first")


def run_quotes(args: argparse.Namespace, options: Options) -> int:
    with open_store(args.db or options.db, read_only=True) as store:
        rows = store.quotes(
            speaker=args.speaker, text=args.text, since=args.since, until=args.until,
            limit=args.limit,
        )  # fmt: skip
    return _print_rows(rows, args.format, "no quotes match")


def run_export(args: argparse.Namespace, options: Options) -> int:
    with open_store(args.db or options.db, read_only=True) as store:
        count = export_events(store.connection, event_filter(args), args.format, args.out)
    print(f"exported {count} events to {args.out} ({args.format})")
    return 0


def _print_rows(rows: list[dict[str, Any]], fmt: str, empty: str) -> int:
    if fmt == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    elif not rows:
        print(empty)
    else:
        names = list(rows[0])
        cells = [[_cell(row[n]) for n in names] for row in rows]
        widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
        print("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip())
        for line in cells:
            print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    return 0


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ",".join(map(str, value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
