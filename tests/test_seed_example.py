"""The worked example in ../shared/examples (not shipped with dyad: skipped
where the shared folder is absent, as in users' clones)."""

import json

import pytest

from conftest import SHARED, run_dyad

SEED = SHARED / "examples" / "seed-article.txt"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/examples is not present"),
]


def test_seed_example_vow_is_0312_both_ways_and_no_link_events():
    result = run_dyad("code", str(SEED), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    vowed = [e for e in events if "vowed to enhance bilateral security" in e["sentence"]]
    ways = {(e["source"]["country"], e["target"]["country"]) for e in vowed if e["cameo"] == "0312"}
    assert ways == {("TUR", "ISR"), ("ISR", "TUR")}
    assert {e["source"]["code"] for e in vowed} == {"TURGOVMIL", "ISRGOVMIL"}
    for fragment in ("releases jailed", "Lapid to visit", "want to improve ties"):
        assert not any(fragment in e["sentence"] for e in events)
    meeting = [e for e in events if "will meet with Turkish President" in e["sentence"]]
    assert [(e["cameo"], e["target"]["code"]) for e in meeting] == [("036", "TURGOV")]
    ambassadors = [
        e for e in events if "reappoint ambassadors" in e["sentence"] and e["cameo_root"] == "05"
    ]
    assert ambassadors and all(e["date"] == "2022-08" for e in ambassadors)
    assert all(e["date_precision"] == "month" for e in ambassadors)
