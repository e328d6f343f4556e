"""Generate a synthetic news corpus for benchmarks: wire-style articles of
about 400 words from templates and vocabularies, as HTML pages, one WARC, or
JSONL. Deterministic for a given seed.

    python benchmarks/generate.py --n 10000 --format html --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import calendar
import html
import io
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

VOCABULARY: dict[str, Any] = json.loads(
    Path(__file__).with_name("news_vocabulary.json").read_text(encoding="utf-8")
)
# Body sentence kinds and their weights: mostly events and quotes, a few non-events.
BODY = {"events": 50, "quotes": 25, "background": 15, "non_events": 10}
TARGET_WORDS = 380
MONTHS = list(calendar.month_name)[1:]


def person(rng: random.Random) -> tuple[str, str]:
    last = rng.choice(VOCABULARY["last_names"])
    return f"{rng.choice(VOCABULARY['first_names'])} {last}", last


def article(rng: random.Random, number: int) -> dict[str, str]:
    home, away = rng.sample(VOCABULARY["countries"], 2)
    name, surname = person(rng)
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
    fill = {
        "country": home["name"], "adj": home["adjective"], "capital": home["capital"],
        "country2": away["name"], "adj2": away["adjective"], "capital2": away["capital"],
        "name": name, "surname": surname, "role": rng.choice(VOCABULARY["roles"]),
        "day": published.strftime("%A"),
    }  # fmt: skip
    used: set[str] = set()

    def say(kind: str, **extra: str) -> str:
        """A template of this kind not yet used in the article (the pools are far
        larger than what one article draws), filled in with a fresh second person,
        organisation and numbers; the main actors stay, cities change by paragraph."""
        while (template := rng.choice(VOCABULARY[kind])) in used:
            pass
        used.add(template)
        fill["name2"], fill["surname2"] = person(rng)
        fill["role2"], fill["org"] = (rng.choice(VOCABULARY[k]) for k in ("roles", "organisations"))
        fill.update(n=str(rng.randrange(2, 40)), n2=str(rng.randrange(100, 1000, 10)),
                    amount=str(rng.randrange(5, 500)), month=MONTHS[rng.randrange(12)])  # fmt: skip
        text: str = template.format(**{**fill, **extra})
        return text[:1].upper() + text[1:]

    fill["city"], fill["city2"] = rng.sample(home["cities"], 2)
    title = say("headlines")
    paragraphs = [f"{home['capital'].upper()} – {say('leads')}"]
    closer = say("closers")
    words = len(paragraphs[0].split()) + len(closer.split())
    while words < TARGET_WORDS:
        fill["city"], fill["city2"] = rng.sample(home["cities"], 2)
        kinds = rng.choices(list(BODY), weights=list(BODY.values()), k=rng.choice((1, 2, 2, 3)))
        paragraphs.append(" ".join(say(kind) for kind in kinds))
        words += len(paragraphs[-1].split())
        if rng.random() < 0.1:
            paragraphs.append(say("boilerplate", name=person(rng)[0]))
    paragraphs.append(closer)
    return {
        "id": f"bench-{number:06d}", "date": published.isoformat(), "title": title,
        "url": f"https://bench-news.example/{number}", "source": "Bench Wire",
        "text": "\n\n".join(paragraphs),
    }  # fmt: skip


def articles(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for number in range(n):
        yield article(rng, number)


def to_html(record: dict[str, str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n\n"))
    title = html.escape(record["title"])
    return (
        f'<!doctype html><html lang="en"><head><title>{title} - Bench Wire</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{record["date"]}T08:00:00Z">'
        f'<link rel="canonical" href="{record["url"]}"></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Subscribe to our newsletter. All rights reserved.</footer></body></html>"
    )


def write(n: int, fmt: str, out: Path, seed: int = 7) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        path = out / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for record in articles(n, seed):
                f.write(json.dumps(record) + "\n")
        return path
    if fmt == "html":
        for record in articles(n, seed):
            (out / f"{record['id']}.html").write_text(to_html(record), encoding="utf-8")
        return out
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = out / "corpus.warc.gz"
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for record in articles(n, seed):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(to_html(record).encode("utf-8"))
            warc = writer.create_warc_record(record["url"], "response", payload=payload,
                                             http_headers=headers)  # fmt: skip
            writer.write_record(warc)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--format", choices=["html", "warc", "jsonl"], default="jsonl")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(write(args.n, args.format, args.out, args.seed))


if __name__ == "__main__":
    main()
