import json
from dataclasses import replace
from datetime import date

import duckdb
import pytest

from dyad.errors import StoreError
from dyad.records import Article, CleanArticle
from dyad.store import ArticleWrite, EventFilter, Store, open_store
from dyad.store.schema import MIGRATIONS, migrate

from test_records import make_event


def article(doc_id: str = "doc-1") -> CleanArticle:
    source = Article(doc_id=doc_id, text="Turkey hosted Israel.", title="T", date=date(2022, 8, 1))
    return CleanArticle(source, ("Turkey hosted Israel.",), date(2022, 8, 1), "Ankara")


def test_store_add_is_idempotent(tmp_path):
    db = tmp_path / "s.duckdb"
    event = make_event(doc_id="doc-1")
    with open_store(db) as store:
        assert store.add_article(article(), [event], "coder") == 1
        assert store.add_article(article(), [event], "coder") == 0
        assert store.has_article("doc-1") and not store.has_article("doc-2")
        assert store.counts() == {
            "articles": 1,
            "events": 1,
            "event_mentions": 1,
            "rejected": 0,
            "duplicates": 0,
            "quotes": 0,
            "actors": 2,
        }


def test_store_events_round_trip_the_public_record(tmp_path):
    db = tmp_path / "s.duckdb"
    event = make_event(doc_id="doc-1")
    with open_store(db) as store:
        store.add_article(article(), [event], "coder")
    with open_store(db, read_only=True) as store:
        (record,) = store.events()
    expected = json.loads(json.dumps(event.to_dict()))
    assert {k: v for k, v in record.items() if k in expected} == expected
    assert (record["num_mentions"], record["num_articles"]) == (1, 1)


def test_store_filters_by_country_and_dates(tmp_path):
    db = tmp_path / "s.duckdb"
    early = make_event(event_id="a", doc_id="doc-1", date=date(2022, 1, 5), date_precision="day")
    late = make_event(event_id="b", doc_id="doc-1", date=date(2022, 9, 5), date_precision="day")
    french = replace(make_event().source, code="FRA", country="FRA")
    other = make_event(event_id="c", doc_id="doc-1", source=french, target=None)
    with open_store(db) as store:
        store.add_article(article(), [early, late, other], "coder")
        assert {r["event_id"] for r in store.events(EventFilter(actor="isr"))} == {"a", "b"}
        assert ids(store, EventFilter(since=date(2022, 6, 1))) == ["b", "c"]
        assert ids(store, EventFilter(until=date(2022, 6, 1))) == ["a"]
        assert len(store.events(limit=1)) == 1
        assert store.dyads()[0]["source"] == "TUR"


def ids(store: Store, where: EventFilter) -> list[str]:
    return [r["event_id"] for r in store.events(where)]


def test_store_failed_write_leaves_store_unchanged(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.add_article(article("doc-1"), [make_event(doc_id="doc-1")], "coder")
        bad = make_event(event_id="x", doc_id="doc-2", sentence_index="not a number")  # type: ignore[arg-type]
        with pytest.raises(StoreError, match="could not store"):
            store.add_article(article("doc-2"), [bad], "coder")
        assert store.counts()["articles"] == 1 and not store.has_article("doc-2")


def test_store_rejected_documents_are_recorded_once(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.reject("a.txt", "file is empty")
        store.reject("a.txt", "file is empty")
        assert store.counts()["rejected"] == 1


def test_store_migrations_apply_once(tmp_path):
    connection = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert migrate(connection) == len(MIGRATIONS)
    assert migrate(connection) == len(MIGRATIONS)
    (count,) = connection.execute("SELECT count(*) FROM schema_version").fetchone()  # type: ignore[misc]
    assert count == len(MIGRATIONS)


def test_store_read_only_needs_an_existing_file(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_store_duplicate_adds_mentions_not_events(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_article(article("doc-1"), [make_event(event_id="e1", doc_id="doc-1")], "c")
        same = make_event(event_id="e2", doc_id="doc-2", sentence_index=3)
        extra = make_event(event_id="e3", doc_id="doc-2", cameo="042")
        added = store.add_article(article("doc-2"), [same, extra], "c", duplicate_of="doc-1")
        assert added == 1  # only the event the original did not report
        (record,) = [r for r in store.events() if r["event_id"] == "e1"]
        assert (record["num_mentions"], record["num_articles"]) == (2, 2)
        assert store.counts()["duplicates"] == 1


def test_store_batch_refused_skips_only_the_article_the_store_refuses(tmp_path):
    from dyad.api import IngestReport, store_batch

    good = ArticleWrite(article("doc-1"), [make_event(event_id="e1", doc_id="doc-1")], "c")
    # A sentence number no INTEGER column holds: DuckDB refuses the row.
    refused = make_event(event_id="e2", doc_id="doc-2", sentence_index=2**40)
    bad = ArticleWrite(replace(article("doc-2"), article=Article("doc-2", "x", origin="b.txt")),
                       [refused], "c")  # fmt: skip
    other = make_event(event_id="e3", doc_id="doc-3", cameo="042")
    later = ArticleWrite(article("doc-3"), [other], "c")
    report = IngestReport()
    with open_store(tmp_path / "s.duckdb") as store:
        store_batch(store, [good, bad, later], report)
        assert store.stored_articles(["doc-1", "doc-2", "doc-3"]) == {"doc-1", "doc-3"}
        assert (report.read, report.events_added) == (2, 2)
        assert [problem.where for problem in report.skipped] == ["b.txt"]
        assert "could not store b.txt (Conversion Error" in report.skipped[0].problem
        assert store.counts()["rejected"] == 1 and store.counts()["events"] == 2


@pytest.mark.parametrize(
    ("stored", "reported", "same"),
    [
        ((date(2022, 8, 1), "month"), (date(2022, 8, 14), "day"), True),
        ((date(2022, 8, 14), "day"), (date(2022, 8, 14), "day"), True),
        ((date(2022, 8, 14), "day"), (date(2022, 8, 15), "day"), False),
        ((date(2022, 8, 8), "week"), (date(2022, 8, 12), "day"), True),
        ((date(2022, 1, 1), "year"), (date(2022, 11, 30), "week"), True),
        ((date(2022, 7, 31), "day"), (date(2022, 8, 1), "month"), False),
        ((None, None), (None, None), True),
        ((None, None), (date(2022, 8, 14), "day"), False),
    ],
)
def test_store_another_article_reporting_an_event_adds_a_mention_within_its_period(
    tmp_path, stored, reported, same
):
    """A report in another article (not a copy) is the stored event when it is
    dated in the same period at the coarser precision and told in like words."""
    with open_store(tmp_path / "s.duckdb") as store:
        first = make_event(event_id="e1", doc_id="doc-1", date=stored[0], date_precision=stored[1])
        store.add_article(article("doc-1"), [first], "c")
        again = make_event(event_id="e2", doc_id="doc-2", date=reported[0],
                           date_precision=reported[1])  # fmt: skip
        assert store.add_article(article("doc-2"), [again], "c") == (0 if same else 1)


def test_store_writes_row_groups_of_its_own_size(tmp_path, monkeypatch):
    """A checkpoint rewrites each table's last row group, so the store keeps
    them small; cursors (one per transaction or server request) use the store."""
    import dyad.store.store as module

    monkeypatch.setattr(module, "ROW_GROUP_ROWS", 2048)
    with open_store(tmp_path / "s.duckdb") as store:
        cursor = store.cursor()
        cursor.execute("INSERT INTO event_mentions SELECT 'e' || i, 'd', 0 FROM range(5000) r(i)")
        cursor.execute("CHECKPOINT")
        (groups,) = cursor.execute(
            "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('event_mentions')"
        ).fetchone()
        cursor.close()
    assert groups == 3  # 2048 + 2048 + 904 rows (DuckDB's default would make one)
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.counts()["event_mentions"] == 5000


def test_store_writing_drops_duckdbs_cache_of_written_blocks(tmp_path, monkeypatch):
    """A long ingest's memory must not grow with the store: written table blocks
    leave DuckDB's cache every so often, and its memory limit stays as it was."""
    import random

    import dyad.store.store as module

    words = random.Random(3).choices(
        ["Turkey", "hosted", "Israel", "talks", "on", "trade"], k=400_000
    )

    def cached(store: Store) -> int:
        (size,) = store.connection.execute(
            "SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag = 'BASE_TABLE'"
        ).fetchone()
        return int(size)

    def write(store: Store, doc_id: str) -> None:
        start = int(doc_id.split("-")[1]) * 10_000  # 60 kB of text each
        clean = replace(article(doc_id), paragraphs=(" ".join(words[start : start + 10_000]),))
        store.add_articles([ArticleWrite(clean, [make_event(event_id=doc_id, doc_id=doc_id)], "c")])

    with open_store(tmp_path / "kept.duckdb") as store:
        store.connection.execute("SET wal_autocheckpoint = '256KB'")  # (the default is 16 MB)
        for number in range(40):
            write(store, f"doc-{number}")
        kept = cached(store)
    monkeypatch.setattr(module, "RELEASE_CACHE_EVERY", 8)
    with open_store(tmp_path / "released.duckdb") as store:
        store.connection.execute("SET wal_autocheckpoint = '256KB'")
        limit = store.connection.execute("SELECT current_setting('memory_limit')").fetchone()
        for number in range(40):
            write(store, f"doc-{number}")
        assert cached(store) < kept / 2
        assert (
            store.connection.execute("SELECT current_setting('memory_limit')").fetchone() == limit
        )
        assert store.counts()["articles"] == 40
