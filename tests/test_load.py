"""A bounded load test on loopback, the reduced form of benchmarks/load_test.py
(the full form, 5,000 requests at 32 connections, is in BENCHMARKS.md)."""

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

from load_test import load

pytestmark = pytest.mark.model


def test_load_reads_under_concurrency_without_errors(demo_server):
    result = asyncio.run(load(demo_server.url, requests=600, concurrency=16))
    print(result.summary())
    assert result.errors == 0
    assert len(result.latencies_ms) == 600
    assert result.percentile(0.99) < 10_000  # bounded: no request waits forever
