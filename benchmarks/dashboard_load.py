"""Benchmark: the dashboard over a store of 1 million events, in Debian's
Chromium: time from navigation to the first rendered timeline, for all
events and for a dyad, with `dyad serve` on loopback.

    python benchmarks/dashboard_load.py --events 1000000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from load_test import start_server
from playwright.sync_api import sync_playwright
from store_queries import build

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/dyad-dashboard.duckdb")
    args = parser.parse_args()
    db = Path(args.db)
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    print(f"store of {args.events:,} events built in {build(db, args.events):.1f} s")
    server, url = start_server(str(db))
    url += "/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page()
            for attempt in range(3):
                started = time.perf_counter()
                page.goto(url)
                page.wait_for_selector("#timeline-svg g.bar")
                first = time.perf_counter() - started
                page.wait_for_selector("#events tbody tr")
                rows = time.perf_counter() - started
                print(f"load {attempt + 1}, all events: timeline rendered {first:.3f} s, "
                      f"table rows {rows:.3f} s")  # fmt: skip
            page.fill("#a", "TUR")
            page.fill("#b", "ISR")
            started = time.perf_counter()
            page.click("#show")
            page.wait_for_function(
                "document.querySelector('#timeline-title').textContent.includes('TUR and ISR')"
            )
            page.wait_for_selector("#timeline-svg g.bar")
            print(f"dyad TUR-ISR: timeline rendered {time.perf_counter() - started:.3f} s")
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
