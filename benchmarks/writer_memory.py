"""The writer's memory on its own: coded articles stored again and again.

`ingest` reads, deduplicates and writes in one process while workers code;
this replays articles coded once through the same writing path (duplicate
index, store batches, DuckDB checkpoints) and prints the process's RSS and
DuckDB's own memory as the store grows, without the cost of coding.

    # once: code a corpus with 2 workers, keeping what they return
    python benchmarks/writer_memory.py --code corpus.jsonl --coded coded.jsonl
    # then: 7 rounds of it into a new store
    python benchmarks/writer_memory.py --coded coded.jsonl --rounds 7 --db /tmp/w.duckdb

Each round gives every article new ids, dates 400 days later and words of its
own (each word suffixed with the round), so no round is a near-duplicate of
another and no event another round's report of it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from dyad import api
from dyad.config import Options
from dyad.pipeline import CodedArticle
from dyad.read import read_inputs
from dyad.records import Article
from dyad.scale.serial import from_json, to_json
from dyad.store import open_store


def code(corpus: str, coded: Path) -> None:
    options = Options(workers=2)
    from dyad.scale.workers import code_in_processes

    articles = (a for a in read_inputs([corpus], options) if isinstance(a, Article))
    with coded.open("w", encoding="utf-8") as out:
        for article in code_in_processes(articles, options, options.workers):
            out.write(to_json(article) + "\n")


def replay(coded: Path, rounds: int, db: str, every: int) -> None:
    lines = [json.loads(line) for line in coded.open(encoding="utf-8")]
    by_id: dict[str, CodedArticle] = {}  # coded, not yet stored

    def articles() -> Iterator[Article]:
        started, count = time.perf_counter(), 0
        for number in range(rounds):
            for data in lines:
                article = from_json(json.dumps(_variant(data, number)))
                by_id[article.article.article.doc_id] = article
                yield article.article.article
                count += 1
                if count % every == 0:
                    print(f"{count:>7,} articles  {_report(store)}"
                          f"  {time.perf_counter() - started:,.0f} s", flush=True)  # fmt: skip

    def stored_output(pending: Iterable[Article], *_: Any) -> Iterator[CodedArticle]:
        for article in pending:
            yield by_id.pop(article.doc_id)

    with open_store(db) as store, mock.patch.object(api, "code_stream", stored_output):
        report = api.ingest_articles(articles(), store, Options())
        print(report.summary(db), _report(store))


def _report(store: Any) -> str:
    status = Path("/proc/self/status").read_text()
    rss, peak = (int(status.split(f"{k}:")[1].split()[0]) // 1024 for k in ("VmRSS", "VmHWM"))
    duckdb = store.connection.execute(
        "SELECT tag, memory_usage_bytes // 1048576 FROM duckdb_memory()"
        " WHERE memory_usage_bytes >= 1048576"
    ).fetchall()
    return f"RSS {rss:,} MB (peak {peak:,})  DuckDB " + ", ".join(f"{t} {m}" for t, m in duckdb)


def _variant(data: dict[str, Any], number: int) -> dict[str, Any]:
    """The article as round `number` stores it."""
    if number == 0:
        return data

    def words(text: str) -> str:
        return re.sub(r"\w+", lambda m: m.group(0) + str(number), text)

    def later(day: str | None) -> str | None:
        return (date.fromisoformat(day) + timedelta(days=400 * number)).isoformat() if day else day

    def new_id(old: str) -> str:
        return hashlib.sha1(f"{old}/{number}".encode()).hexdigest()[: len(old)]

    clean = data["article"]
    source = clean["article"]
    doc_id = f"{source['doc_id']}-{number}"
    source = {**source, "doc_id": doc_id, "date": later(source["date"]),
              "text": words(source["text"])}  # fmt: skip
    clean = {**clean, "article": source, "date": later(clean["date"]),
             "paragraphs": [words(p) for p in clean["paragraphs"]]}  # fmt: skip
    events = [{**e, "doc_id": doc_id, "event_id": new_id(e["event_id"]), "date": later(e["date"])}
              for e in data["events"]]  # fmt: skip
    quotes = [{**q, "doc_id": doc_id, "quote_id": new_id(q["quote_id"])} for q in data["quotes"]]
    return {**data, "article": clean, "events": events, "quotes": quotes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", help="JSONL corpus to code first (2 workers)")
    parser.add_argument("--coded", type=Path, required=True, help="coded articles, one per line")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--db", default="writer-memory.duckdb", help="a new DuckDB file")
    parser.add_argument("--every", type=int, default=1000, help="articles between reports")
    args = parser.parse_args()
    if args.code:
        code(args.code, args.coded)
    elif Path(args.db).exists():
        parser.error(f"{args.db} exists: the replay needs a new store")
    else:
        replay(args.coded, args.rounds, args.db, args.every)


if __name__ == "__main__":
    main()
