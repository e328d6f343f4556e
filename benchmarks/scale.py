"""Benchmark: ingest throughput with 1 and 2 worker processes, against
spaCy's own nlp.pipe on the same texts, and peak memory at two corpus sizes.

    python benchmarks/scale.py --sizes 5000 20000

It generates the largest size's articles (about 400 words each,
benchmarks/generate.py, seed 7) as JSONL; each smaller size is its first N
lines. At the comparison size (default: the smallest), in fresh processes:
spaCy's nlp.pipe over exactly the texts dyad parses (pipeline.texts_to_parse:
headline, cleaned body and its repeated paragraphs) with the same pipeline
and batch size; `dyad ingest --workers 1`; `dyad ingest --workers 2`. At every
other size: `dyad ingest --workers 2`, for its speed and peak memory. With
--patterns-too, also `dyad ingest --workers 1 --coder patterns` at the
comparison size: what the learned models cost. Wall
times include start-up and model loading. Peak RSS is the sum over the run's
processes (the parent and its workers, sampled from /proc).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import articles

SPACY_ONLY = """
import sys, time, json
from dyad.clean import clean_article
from dyad.config import Options
from dyad.nlp import load_pipeline, parse_texts
from dyad.pipeline import texts_to_parse
from dyad.records import Article
records = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
nlp = load_pipeline(Options().model)
texts = []
for r in records:
    title, body = texts_to_parse(clean_article(Article(r["id"], r["text"], r["title"])))
    texts += [(title, None), (body, None)]
started = time.perf_counter()
for _ in parse_texts(nlp, iter(texts), Options().batch_size):
    pass
print(time.perf_counter() - started)
"""


def peak_rss_mb(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the summed peak RSS (MB) of a command and its children,
    sampled from /proc every 0.2 s."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    if process.returncode != 0:
        raise RuntimeError(process.stderr.read().decode())  # type: ignore[union-attr]
    return time.perf_counter() - started, peak / 1024


def _tree_rss(pid: int) -> int:
    """kB resident in `pid` and every process below it."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
        this = int(fields["Pid"])
        parents[this] = int(fields["PPid"])
        resident[this] = int(fields.get("VmRSS", "0 kB").split()[0])
    total = 0
    for this, kb in resident.items():
        node = this
        while node > 1 and node != pid:
            node = parents.get(node, 0)
        total += kb if node == pid else 0
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--compare-at", type=int, help="size compared with spaCy and 1 worker")
    parser.add_argument(
        "--patterns-too",
        action="store_true",
        help="at the compared size, also time 1 worker with the patterns alone (--coder patterns)",
    )
    args = parser.parse_args()
    compare_at = args.compare_at or min(args.sizes)
    with tempfile.TemporaryDirectory() as scratch:
        corpora = _write_corpora(sorted({*args.sizes, compare_at}), Path(scratch))
        peaks = {}
        for size, (corpus, words) in corpora.items():
            print(f"{size:,} articles, {words:,} words", flush=True)
            rates = {}
            if size == compare_at:
                result = subprocess.run([sys.executable, "-c", SPACY_ONLY, str(corpus)],
                                        capture_output=True, text=True, check=True)  # fmt: skip
                spacy_rate = words / float(result.stdout.strip().splitlines()[-1])
                print(f"  spaCy nlp.pipe: {spacy_rate:,.0f} words/s", flush=True)
            for workers in (1, 2) if size == compare_at else (2,):
                db = Path(scratch) / f"w{workers}-{size}.duckdb"
                seconds, peak = _ingest(corpus, db, "--workers", str(workers))
                rates[workers] = words / seconds
                peaks[size, workers] = peak
                against = f", {rates[workers] / spacy_rate:.2f} of spaCy's rate" if (
                    size == compare_at) else ""  # fmt: skip
                print(f"  ingest --workers {workers}: {seconds:,.0f} s, "
                      f"{size / seconds:.1f} articles/s, {rates[workers]:,.0f} words/s, "
                      f"peak RSS {peak:,.0f} MB{against}", flush=True)  # fmt: skip
            if len(rates) == 2:
                print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x", flush=True)
            if size == compare_at and args.patterns_too:
                db = Path(scratch) / f"patterns-{size}.duckdb"
                seconds, _ = _ingest(corpus, db, "--workers", "1", "--coder", "patterns")
                rate = words / seconds
                print(f"  ingest --workers 1 --coder patterns: {seconds:,.0f} s, "
                      f"{rate:,.0f} words/s, {rate / spacy_rate:.2f} of spaCy's rate "
                      f"(with the models: {rates[1] / rate:.2f} of this speed)",
                      flush=True)  # fmt: skip
        two = sorted((size, peak) for (size, workers), peak in peaks.items() if workers == 2)
        if len(two) > 1:
            (small, low), (large, high) = two[0], two[-1]
            print(f"peak RSS, 2 workers: {large:,} articles / {small:,}: {high / low:.3f}")


def _ingest(corpus: Path, db: Path, *flags: str) -> tuple[float, float]:
    """Wall seconds and summed peak RSS (MB) of `dyad ingest` in a fresh process."""
    command = [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db), *flags]
    return peak_rss_mb([*command, "--no-progress"])


def _write_corpora(sizes: list[int], scratch: Path) -> dict[int, tuple[Path, int]]:
    """JSONL files of the first N generated articles for each size, with their words."""
    corpora, words = {}, 0
    files = {size: (scratch / f"corpus-{size}.jsonl").open("w", encoding="utf-8") for size in sizes}
    for number, record in enumerate(articles(max(sizes)), start=1):
        words += len(record["text"].split()) + len(record["title"].split())
        line = json.dumps(record) + "\n"
        for size, out in files.items():
            if number <= size:
                out.write(line)
            if number == size:
                out.close()
                corpora[size] = (Path(out.name), words)
    return corpora


if __name__ == "__main__":
    main()
