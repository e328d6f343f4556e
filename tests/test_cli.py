"""The CLI end to end, in subprocesses, with the real model and a real DuckDB file."""

import csv
import io
import json

import pytest

from dyad.store import EventFilter, open_store
from test_query import check_gdelt_row, read_gdelt

from conftest import FIXTURES, run_dyad

pytestmark = pytest.mark.model

COMMANDS = ["read", "code", "ingest", "events", "timeline", "actors", "dyads", "quotes", "export"]


def test_cli_help_for_every_command():
    top = run_dyad("--help")
    assert top.returncode == 0
    for command in COMMANDS:
        assert command in top.stdout
        result = run_dyad(command, "--help")
        assert result.returncode == 0 and "usage: dyad " + command in result.stdout


def test_cli_code_jsonl_emits_the_event_record():
    result = run_dyad("code", str(FIXTURES / "wire-story.txt"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    vowed = [e for e in events if "vowed to strengthen" in e["sentence"]]
    pairs = {(e["source"]["country"], e["target"]["country"], e["cameo"]) for e in vowed}
    assert {("KEN", "ETH", "0312"), ("ETH", "KEN", "0312")} <= pairs
    assert {e["source"]["code"] for e in vowed} == {"KENGOVMIL", "ETHGOVMIL"}
    names = {(e["source"]["name"], e["target"]["text"]) for e in vowed}
    assert ("Amina Wanjiru", "her visiting Ethiopian counterpart Tesfaye Gebre") in names
    assert all(e["date"] == "2024-03-14" and e["location"]["name"] == "Nairobi" for e in vowed)
    assert not any("Somalia recalls" in e["sentence"] or "road corridor" in e["sentence"]
                   for e in events)  # fmt: skip
    assert not any("Floods" in e["sentence"] for e in events)


def test_cli_code_csv_and_output_file(tmp_path):
    out = tmp_path / "events.csv"
    result = run_dyad("code", str(FIXTURES / "articles.jsonl"), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {(r["source_code"], r["cameo"], r["target_code"]) for r in rows} >= {
        ("PAK", "112", "IND"),
        ("IGOEUREEC", "163", "IRNGOV"),
    }


def test_cli_code_reads_stdin():
    result = run_dyad("code", "-", stdin="Police in Lagos arrested 12 protesters on Monday.\n")
    assert result.returncode == 0
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["source"]["code"] == "NGACOP" and event["cameo"] == "173"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.txt", "missing.txt: no such file"),
        ("bad/empty.txt", "empty.txt: file is empty"),
        ("bad/image.txt", "image.txt: looks like a binary file"),
    ],
)
def test_cli_bad_input_is_one_line_naming_the_file(name, message):
    result = run_dyad("code", str(FIXTURES / name))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_cli_ingest_skips_bad_input_and_stores_the_rest(tmp_path):
    db = tmp_path / "t.duckdb"
    bad = FIXTURES / "bad"
    inputs = [
        *(str(bad / name) for name in ("empty.txt", "image.txt", "mixed.jsonl")),
        str(FIXTURES / "missing.txt"),
        str(FIXTURES / "wire-story.txt"),
    ]
    result = run_dyad("ingest", *inputs, "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "mixed.jsonl:2: not valid JSON" in result.stderr
    assert (
        "empty.txt: file is empty" in result.stderr and "missing.txt: no such file" in result.stderr
    )
    assert "image.txt: looks like a binary file" in result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("read 3 documents (0 already stored, 0 near-duplicates), skipped 4")
    events = run_dyad("events", "--db", str(db), "--format", "jsonl")
    records = [json.loads(line) for line in events.stdout.splitlines()]
    assert {r["doc_id"] for r in records} >= {"ok-1", "ok-2"}
    assert all(r["num_mentions"] >= 1 for r in records)

    again = run_dyad("ingest", *inputs, "--db", str(db))
    assert "read 0 documents (3 already stored, 0 near-duplicates)" in again.stdout
    assert "stored 0 new events" in again.stdout


def test_cli_ingest_fails_when_nothing_could_be_read(tmp_path):
    result = run_dyad(
        "ingest", str(FIXTURES / "bad" / "empty.txt"), "--db", str(tmp_path / "t.duckdb")
    )
    assert result.returncode == 1
    assert "skipped 1 (1 file is empty)" in result.stdout


def test_cli_events_filters_and_formats(tmp_path):
    db = str(tmp_path / "t.duckdb")
    run_dyad(
        "ingest", str(FIXTURES / "articles.jsonl"), str(FIXTURES / "wire-story.txt"), "--db", db
    )
    result = run_dyad("events", "--db", db, "--country", "PAK", "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all("PAK" in (r["source"]["country"], (r["target"] or {}).get("country"))
                           for r in records)  # fmt: skip
    dated = run_dyad("events", "--db", db, "--since", "2024-05-07", "--format", "jsonl")
    assert {json.loads(line)["date"] for line in dated.stdout.splitlines()} == {"2024-05-07"}
    table = run_dyad("events", "--db", db, "--limit", "2")
    assert len(table.stdout.strip().splitlines()) == 2
    bad_date = run_dyad("events", "--db", db, "--since", "yesterday-ish")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
    dyads = run_dyad("dyads", "--db", db, "--format", "jsonl")
    pairs = [(row["source"], row["target"]) for row in map(json.loads, dyads.stdout.splitlines())]
    assert ("KEN", "ETH") in pairs and ("ETH", "KEN") in pairs
    wrong = run_dyad("events", "--db", db, "--plover", "FIGHT")
    assert wrong.returncode == 1 and "--plover 'FIGHT': one of AGREE" in wrong.stderr
    timeline = run_dyad("timeline", "KEN", "ETH", "--db", db, "--by", "week", "--format", "jsonl")
    (week,) = [json.loads(line) for line in timeline.stdout.splitlines()]
    assert week["period"] == "2024-03-11" and week["events"] >= 2 and week["goldstein_mean"] > 0
    actors = run_dyad("actors", "--db", db, "--format", "jsonl", "--limit", "3")
    assert len(actors.stdout.splitlines()) == 3


def test_cli_exports_every_format(tmp_path):
    db = str(tmp_path / "t.duckdb")
    run_dyad("ingest", str(FIXTURES / "articles.jsonl"), "--db", db)
    (tmp_path / "out").mkdir()
    counts = {}
    for fmt in ("jsonl", "csv", "gdelt", "parquet"):
        out = str(tmp_path / "out" / f"events.{fmt}")
        result = run_dyad("export", "--db", db, "--format", fmt, "--country", "PAK", out)
        assert result.returncode == 0, result.stderr
        counts[fmt] = int(result.stdout.split()[1])
    assert len(set(counts.values())) == 1 and counts["jsonl"] > 0
    lines = (tmp_path / "out" / "events.gdelt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == counts["gdelt"] and all(line.count("\t") == 60 for line in lines)
    assert any(p.name.startswith("month=") for p in (tmp_path / "out" / "events.parquet").iterdir())


def test_cli_read_shows_what_the_coder_sees():
    result = run_dyad("read", str(FIXTURES / "wire-story.txt"))
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["dateline"] == "Nairobi" and article["date"] == "2024-03-14"
    assert "ALSO READ" not in article["text"]
    assert {r["reason"] for r in article["removed"]} >= {
        "photo caption or credit",
        "repeated paragraph",
    }


def test_cli_missing_model_says_what_to_install():
    result = run_dyad("code", "--model", "en_core_web_md", str(FIXTURES / "wire-story.txt"))
    assert result.returncode == 1
    assert "spaCy pipeline 'en_core_web_md' is not installed" in result.stderr
    assert "spacy download en_core_web_md" in result.stderr


def test_cli_ingest_skips_non_english_and_links_syndicated_copies(tmp_path):
    story = (FIXTURES / "wire-story.txt").read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(
        story.replace("Kenyan, Ethiopian ministers pledge", "Kenya and Ethiopia vow").replace(
            "told reporters", "told a news conference"
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "t.duckdb")
    first = run_dyad("ingest", str(FIXTURES / "wire-story.txt"), "--db", db)
    second = run_dyad("ingest", str(copy), str(FIXTURES / "french.txt"), "--db", db, "--strict")
    assert "language is 'fr', not English" in second.stderr
    assert "(0 already stored, 1 near-duplicates), skipped 1" in second.stdout
    assert second.returncode == 3  # --strict: something was skipped
    assert first.returncode == 0
    records = [
        json.loads(x)
        for x in run_dyad("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    vowed = [r for r in records if "vowed to strengthen" in r["sentence"]]
    assert len(vowed) == 2 and all(r["num_articles"] == 2 for r in vowed)


def test_cli_ingest_twice_changes_nothing_and_reports_count_once(tmp_path):
    db = str(tmp_path / "t.duckdb")
    inputs = [str(FIXTURES / "syndicated.jsonl"), str(FIXTURES / "wire-story.txt")]
    first = run_dyad("ingest", *inputs, "--db", db)
    assert first.returncode == 0, first.stderr
    with open_store(db, read_only=True) as store:
        counts = store.counts()
        records = store.events(EventFilter(dyad=("KEN", "TZA"), root="05"))
    assert run_dyad("ingest", *inputs, "--db", db).returncode == 0
    with open_store(db, read_only=True) as store:
        assert store.counts() == counts
    # One wire story (headline and lead), a syndicated copy and a retelling:
    # one signing each way, reported four times in three articles by three sources.
    assert counts["events"] < counts["event_mentions"]
    signed = {(r["source"]["code"], r["target"]["code"]): r for r in records if r["target"]}
    assert set(signed) == {("KEN", "TZA"), ("TZA", "KEN")}
    for record in signed.values():
        assert (record["num_mentions"], record["num_articles"], record["num_sources"]) == (4, 3, 3)


def test_cli_ingest_demo_corpus_twice_leaves_counts_identical(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    demo = str(FIXTURES.parents[1] / "corpus" / "demo")
    assert run_dyad("ingest", demo, "--db", db).returncode == 0
    with open_store(db, read_only=True) as store:
        counts = store.counts()
    assert run_dyad("ingest", demo, "--db", db).returncode == 0
    with open_store(db, read_only=True) as store:
        assert store.counts() == counts
    assert counts["events"] > 100 and counts["quotes"] > 0 and counts["actors"] > 0
    # The demo corpus in GDELT's format, read back by a reader that knows only
    # GDELT's published column list, agrees with the JSONL export row by row.
    gdelt, jsonl = tmp_path / "demo.gdelt.tsv", tmp_path / "demo.jsonl"
    assert run_dyad("export", "--db", db, "--format", "gdelt", str(gdelt)).returncode == 0
    assert run_dyad("export", "--db", db, "--format", "jsonl", str(jsonl)).returncode == 0
    rows = read_gdelt(gdelt)
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(records) > 100
    for row, record in zip(rows, records, strict=True):
        check_gdelt_row(row, record)
