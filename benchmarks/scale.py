"""Benchmark: ingest throughput with 1 and 2 worker processes, against
spaCy's own nlp.pipe on the same texts, and peak memory at two corpus sizes.

    python benchmarks/scale.py --sizes 5000 20000

For each size N it writes N generated articles (about 400 words each,
benchmarks/generate.py, seed 7) as JSONL, then, in fresh processes:
spaCy's nlp.pipe over exactly the texts dyad parses (pipeline.texts_to_parse:
headline, cleaned body and its repeated paragraphs) with the same pipeline;
`dyad ingest --workers 1`; `dyad ingest --workers 2`. Peak RSS is the sum
over the run's processes (the parent and its workers, sampled from /proc).
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
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            corpus = Path(scratch) / f"corpus-{size}.jsonl"
            words = 0
            with corpus.open("w", encoding="utf-8") as out:
                for record in articles(size):
                    words += len(record["text"].split()) + len(record["title"].split())
                    out.write(json.dumps(record) + "\n")
            result = subprocess.run([python, "-c", SPACY_ONLY, str(corpus)], capture_output=True,
                                    text=True, check=True)  # fmt: skip
            parse_s = float(result.stdout.strip().splitlines()[-1])
            spacy_rate = words / parse_s
            print(f"{size} articles, {words:,} words; spaCy nlp.pipe: {parse_s:.1f} s, "
                  f"{spacy_rate:,.0f} words/s")  # fmt: skip
            rates = {}
            for workers in (1, 2):
                db = Path(scratch) / f"w{workers}-{size}.duckdb"
                command = [python, "-m", "dyad", "ingest", str(corpus), "--db", str(db),
                           "--workers", str(workers), "--no-progress"]  # fmt: skip
                seconds, peak = peak_rss_mb(command)
                rates[workers] = size / seconds
                print(f"  ingest --workers {workers}: {seconds:.1f} s, "
                      f"{size / seconds:.1f} articles/s, {words / seconds:,.0f} words/s, "
                      f"peak RSS {peak:,.0f} MB, "
                      f"{words / seconds / spacy_rate:.2f} of spaCy's rate")  # fmt: skip
            print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
