"""Generate a synthetic news corpus for benchmarks: wire-style articles of
about 400 words from templates and vocabularies, as HTML pages, one WARC, or
JSONL. Deterministic for a given seed.

    python benchmarks/generate.py --n 10000 --format html --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    ("Turkey", "Turkish", "ANKARA"), ("Greece", "Greek", "ATHENS"), ("Kenya", "Kenyan", "NAIROBI"),
    ("Ethiopia", "Ethiopian", "ADDIS ABABA"), ("India", "Indian", "NEW DELHI"),
    ("Pakistan", "Pakistani", "ISLAMABAD"), ("Nigeria", "Nigerian", "ABUJA"),
    ("Brazil", "Brazilian", "BRASILIA"), ("Colombia", "Colombian", "BOGOTA"),
    ("Mexico", "Mexican", "MEXICO CITY"), ("Germany", "German", "BERLIN"),
    ("France", "French", "PARIS"), ("Japan", "Japanese", "TOKYO"),
    ("Indonesia", "Indonesian", "JAKARTA"), ("Egypt", "Egyptian", "CAIRO"),
    ("Peru", "Peruvian", "LIMA"), ("Bangladesh", "Bangladeshi", "DHAKA"),
    ("Philippines", "Philippine", "MANILA"), ("South Africa", "South African", "PRETORIA"),
    ("Vietnam", "Vietnamese", "HANOI"),
]  # fmt: skip
ROLES = ["Foreign Minister", "Defence Minister", "Interior Minister", "President", "Prime Minister",
         "Trade Minister", "army chief", "police chief"]  # fmt: skip
FIRST = ["Amina", "Kemal", "Ravi", "Lucia", "Tomas", "Grace", "Hiro", "Nadia", "Pedro", "Sara",
         "Omar", "Ivana", "Kwame", "Mei", "Jonas", "Farah"]  # fmt: skip
LAST = ["Okafor", "Demir", "Sharma", "Moreno", "Novak", "Achieng", "Sato", "Haddad", "Silva",
        "Lindqvist", "Rahman", "Petrova", "Mensah", "Chen", "Weber", "Karimi"]  # fmt: skip
ACTIONS = [
    "met {their} {adj2} counterpart {name2} in {city} on {day}",
    "accused {country2} of violating a border agreement on {day}",
    "pledged to expand trade and security cooperation with {country2}",
    "signed an agreement with {country2} on energy and transport links",
    "criticised {country2} over the detention of two journalists",
    "urged {country2} to release detained opposition activists",
    "announced {amount} million dollars in humanitarian aid for {country2}",
    "warned {country2} against deploying troops near the border",
    "hosted talks with a delegation from {country2} on {day}",
    "rejected a proposal from {country2} to resume negotiations",
]  # fmt: skip
LOCAL = [
    "Police in {city} arrested {n} protesters on {day} after a march against rising fuel prices.",
    "Thousands of workers went on strike in {city}, demanding higher wages and safer conditions.",
    "Gunmen attacked a police post outside {city} overnight, killing {n} officers, officials said.",
    "Floods in the north of {country} killed {n} people and destroyed hundreds of homes this week.",
    "The central bank kept its main interest rate unchanged, citing slowing inflation.",
    "Opposition lawmakers walked out of parliament in protest at the new security law.",
]  # fmt: skip
FILLER = [
    "The two countries have had close ties for decades, though trade disputes have flared.",
    "Analysts said the move reflected growing concern over regional security.",
    "Officials did not give further details, and the ministry declined to comment.",
    "The talks come ahead of a regional summit scheduled for next month.",
    "Both sides said they would continue consultations at the technical level.",
    "Diplomats said the issue was likely to dominate the agenda in the coming weeks.",
    "Human rights groups have called for an independent investigation into the incident.",
    "The government has faced mounting pressure over the cost of living.",
]  # fmt: skip
BOILERPLATE = [
    "ALSO READ: {country} and {country2} hold first talks in years",
    "Click here to subscribe to our morning briefing.",
    "Share this article",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(rng: random.Random, number: int) -> dict[str, str]:
    (country, adj, city), (country2, adj2, _) = rng.sample(COUNTRIES, 2)
    name, name2 = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2))
    role = rng.choice(ROLES)
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
    fill = {
        "country": country, "country2": country2, "adj2": adj2, "name2": name2,
        "city": city.title(), "day": published.strftime("%A"), "their": rng.choice(["his", "her"]),
        "amount": str(rng.randrange(5, 500)), "n": str(rng.randrange(2, 60)),
    }  # fmt: skip
    action = rng.choice(ACTIONS).format(**fill)
    paragraphs = [f"{city} – {adj} {role} {name} {action}."]
    while sum(len(p.split()) for p in paragraphs) < 400:
        pool = rng.sample(FILLER, 3) + rng.sample(LOCAL, 2)
        sentences = [s.format(**fill) for s in rng.sample(pool, rng.randrange(2, 5))]
        if rng.random() < 0.3:
            sentences.insert(0, f'"We expect progress," {name.split()[1]} said.')
        paragraphs.append(" ".join(sentences))
        if rng.random() < 0.1:
            paragraphs.append(rng.choice(BOILERPLATE).format(**fill))
    title = f"{adj} {role.lower()} {action.split(' on ')[0]}"
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
