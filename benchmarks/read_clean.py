"""Benchmark: documents per second for reading + cleaning HTML pages and a
WARC, on a generated corpus. Prints one line per format.

    python benchmarks/read_clean.py --n 10000
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import write

from dyad.clean import clean_article
from dyad.read import read_inputs
from dyad.records import Article


def measure(path: Path) -> tuple[int, int, float]:
    start = time.perf_counter()
    documents = errors = 0
    for item in read_inputs([str(path)]):
        if isinstance(item, Article):
            clean_article(item)
            documents += 1
        else:
            errors += 1
    return documents, errors, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("html", "warc"):
            path = write(args.n, fmt, Path(tmp) / fmt)
            documents, errors, seconds = measure(path)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{fmt:5} {documents} documents ({errors} errors) in {seconds:.1f} s: "
                f"{documents / seconds:.0f} documents/s, peak RSS so far {peak:.0f} MB"
            )


if __name__ == "__main__":
    main()
