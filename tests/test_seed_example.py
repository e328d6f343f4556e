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
    # Events 2 and 3 (the vow and the meeting) happened on publication day in
    # Ankara, the dateline; the ambassadors' event too is placed there.
    for event in [*vowed, *meeting, *ambassadors]:
        assert (event["date"], event["date_precision"]) in {
            ("2022-10-27", "day"),
            ("2022-08", "month"),
        }
        location = event["location"]
        assert (location["name"], location["country"], location["precision"]) == (
            "Ankara",
            "TUR",
            "city",
        )
        assert abs(location["lat"] - 39.92) < 0.05 and abs(location["lon"] - 32.85) < 0.05
    assert all(e["date"] == "2022-10-27" for e in [*vowed, *meeting])
    # The repeated quote paragraph adds mentions, not events.
    keys = [(e["source"]["code"], (e["target"] or {}).get("code"), e["cameo"], e["date"])
            for e in events]  # fmt: skip
    assert len(keys) == len(set(keys))
    assert any(len(e["mentions"]) > 1 for e in events if "exchanged" in e["sentence"])


def test_seed_example_actor_table(pipeline):
    """The actor table of seed-article.expected.md, mention by mention."""
    from dyad.clean import clean_article
    from dyad.evaluate import evaluate_actors
    from dyad.read import read_inputs

    (article,) = read_inputs([str(SEED)])
    cleaned = clean_article(article)  # type: ignore[arg-type]
    text = cleaned.text

    def mention(words: str, codes: list[str], occurrence: int = 1) -> dict[str, object]:
        return {"mention": words, "codes": codes, "occurrence": occurrence, "kind": words}

    snippet = {
        "id": "seed", "date": "2022-10-27", "dateline": cleaned.dateline, "text": text, "_line": 1,
        "mentions": [
            mention("Turkish Defense Minister Hulusi Akar", ["TURGOVMIL"]),
            mention("his visiting Israeli counterpart Benny Gantz", ["ISRGOVMIL"]),
            mention("Akar", ["TURGOVMIL"], 2),
            mention("his", ["TURGOVMIL"], 2),
            mention("Gantz", ["ISRGOVMIL"], 2),
            mention("The two defense chiefs", ["TURGOVMIL", "ISRGOVMIL"]),
            mention("the two countries", ["TUR", "ISR"]),
            mention("Turkish President Recep Tayyip Erdogan", ["TURGOV"]),
        ],
    }  # fmt: skip
    report = evaluate_actors(pipeline, [snippet])
    assert report.overall.country_accuracy == 1.0, report.errors
    assert report.overall.code_accuracy == 1.0, report.errors

    headline = evaluate_actors(pipeline, [{
        "id": "headline", "date": "2022-10-27", "text": article.title, "_line": 1,  # type: ignore[union-attr]
        "mentions": [mention("Turkish, Israeli ministers", ["TURGOV", "ISRGOV"])],
    }])  # fmt: skip
    assert headline.overall.code_accuracy == 1.0, headline.errors
