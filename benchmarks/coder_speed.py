"""Benchmark: sentences per second of spaCy's own parse, of dyad's coder alone
(on parsed text), and of the whole pipeline (clean + parse + code + date +
place), with the patterns alone and with the learned models combined, on the
same generated articles, in one run.

    python benchmarks/coder_speed.py --n 300
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import articles

from dyad.clean import clean_article
from dyad.config import Options
from dyad.pipeline import Pipeline
from dyad.records import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    inputs = [
        Article(r["id"], r["text"], r["title"], date.fromisoformat(r["date"]))
        for r in articles(args.n)
    ]
    pipeline = Pipeline(Options())
    list(pipeline.nlp.pipe(a.text for a in inputs[:20]))  # warm up
    # spaCy parses exactly what the pipeline parses: each headline and cleaned body.
    texts = []
    for article in inputs:
        texts += [article.title or "", clean_article(article).text]
    words = sum(len(t.split()) for t in texts)

    start = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=32))
    parse_seconds = time.perf_counter() - start
    sentences = sum(1 for doc in docs for _ in doc.sents)

    print(f"{args.n} articles, {words} words, {sentences} sentences after cleaning")
    print(
        f"spaCy parse only : {sentences / parse_seconds:6.0f} sentences/s ({parse_seconds:.1f} s)"
    )
    for mode in ("patterns", "combined"):
        coder = Pipeline(replace(Options(), coder=mode))
        start = time.perf_counter()
        events = 0
        for number, doc in enumerate(docs):
            triples = [(i, s, 0) for i, s in enumerate(doc.sents, start=1)]
            found = coder.document_coder.code_sentences(str(number), triples, None, None)
            events += len(found.events)
        coder_seconds = time.perf_counter() - start

        start = time.perf_counter()
        pipeline_events = sum(len(c.events) for c in coder.code_articles(inputs))
        pipeline_seconds = time.perf_counter() - start
        print(
            f"[{mode}] coder alone   : {sentences / coder_seconds:6.0f} sentences/s"
            f" ({coder_seconds:.1f} s, {events} events)"
        )
        print(
            f"[{mode}] whole pipeline: {sentences / pipeline_seconds:6.0f} sentences/s"
            f" ({pipeline_seconds:.1f} s, {pipeline_events} events)"
        )
        print(
            f"[{mode}] whole pipeline speed / spaCy parse speed:"
            f" {parse_seconds / pipeline_seconds:.2f}"
        )


if __name__ == "__main__":
    main()
