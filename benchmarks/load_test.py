"""Load test of `dyad serve`: N requests at C concurrent connections against
/events and /timeline (alternating, with varied filters), on loopback.
Prints errors and latency percentiles; exits 1 on any error.

    python benchmarks/load_test.py --requests 5000 --concurrency 32 --db dyad.duckdb

Without --url it starts `dyad serve` itself on a free loopback port. The CI
tests run a reduced form (tests/test_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

import httpx

QUERIES = [
    ("/events", {"limit": 50}),
    ("/timeline", {"a": "TUR", "b": "ISR", "by": "month"}),
    ("/events", {"actor": "IND", "limit": 20}),
    ("/timeline", {"by": "week"}),
    ("/events", {"root": "14", "since": "2024-01-01", "limit": 100}),
    ("/timeline", {"a": "KEN", "by": "day"}),
]


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> str:
        return (
            f"{self.requests} requests, {self.errors} errors, {self.seconds:.1f} s "
            f"({self.requests / self.seconds:.0f} requests/s); latency ms: "
            f"p50 {self.percentile(0.50):.1f}, p95 {self.percentile(0.95):.1f}, "
            f"p99 {self.percentile(0.99):.1f}, mean {statistics.fmean(self.latencies_ms):.1f}"
        )


async def load(url: str, requests: int, concurrency: int) -> LoadResult:
    latencies: list[float] = []
    errors = 0
    counter = iter(range(requests))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for number in counter:
            path, params = QUERIES[number % len(QUERIES)]
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return LoadResult(requests, errors, time.perf_counter() - started, latencies)


def start_server(db: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "dyad", "serve", "--db", db, "--port", str(port)]
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/openapi.json", timeout=1)
            return server, url
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("dyad serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--db", default="dyad.duckdb")
    parser.add_argument("--url", help="a running server instead of starting one")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        server, url = start_server(args.db)
    try:
        result = asyncio.run(load(url, args.requests, args.concurrency))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    print(f"{args.concurrency} concurrent connections against /events and /timeline at {url}")
    print(result.summary())
    sys.exit(1 if result.errors else 0)


if __name__ == "__main__":
    main()
