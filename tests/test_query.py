"""Store queries, cross-article dedup and the GDELT export, on stores built
from hand-made events (test_store.py covers writing)."""

import csv
from dataclasses import replace
from datetime import date

import pytest

from dyad.records import Actor, Article, CleanArticle, Location, Quote
from dyad.store import EventFilter, open_store
from dyad.store.export import export_events
from dyad.store.gdelt import COLUMNS

from test_records import make_event

ISRAEL_GOV = Actor("Israel's government", "ISRGOV", "ISR", ("GOV",), None, (0, 5))


def article(doc_id: str, publisher: str = "Daily", when: date = date(2022, 8, 3)) -> CleanArticle:
    source = Article(doc_id=doc_id, text="x", title="T", date=when, publisher=publisher,
                     url=f"https://news.example/{doc_id}")  # fmt: skip
    return CleanArticle(source, ("x",), when, "Ankara")


def test_query_one_event_in_several_articles_is_one_event_with_gdelt_counts(tmp_path):
    said = "Turkey hosted Israeli officials in Ankara on Tuesday for talks on trade."
    retold = "Turkey hosted Israeli officials in Ankara on Tuesday for trade talks, officials said."
    other = "Turkey hosted a delegation from Israel to discuss gas exports and tourism links."
    with open_store(tmp_path / "s.duckdb") as store:
        first = make_event(event_id="e1", doc_id="d1", sentence=said, mentions=(1, 6))
        store.add_article(article("d1", "Daily"), [first], "c")
        again = make_event(event_id="e2", doc_id="d2", sentence=retold, sentence_index=2)
        assert store.add_article(article("d2", "Herald"), [again], "c") == 0
        # Same actors and code, but another sentence: another report, kept apart.
        unlike = make_event(event_id="e3", doc_id="d3", sentence=other)
        assert store.add_article(article("d3", "Herald"), [unlike], "c") == 1
        # Same sentence a year later: another event.
        later = make_event(event_id="e4", doc_id="d4", sentence=said, date=date(2023, 8, 1))
        assert store.add_article(article("d4"), [later], "c") == 1
        (record,) = [r for r in store.events() if r["event_id"] == "e1"]
    assert (record["num_mentions"], record["num_articles"], record["num_sources"]) == (3, 2, 2)


def test_query_filters_each_field(tmp_path):
    events = [
        make_event(event_id="a", doc_id="d1", cameo="190", cameo_root="19", quad_class=4,
                   goldstein=-10.0, plover=replace(make_event().plover, type="ASSAULT"),
                   sentence="Turkish troops shelled positions near the border."),
        make_event(event_id="b", doc_id="d1", source=ISRAEL_GOV, target=make_event().source,
                   location=Location("Jerusalem", "ISR", 31.77, 35.21), date=date(2022, 8, 20),
                   date_precision="day"),
        make_event(event_id="c", doc_id="d1", negated=True),
    ]  # fmt: skip
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_article(article("d1"), events, "c")

        def found(**filters: object) -> set[str]:
            return {r["event_id"] for r in store.events(EventFilter(**filters))}  # type: ignore[arg-type]

        assert found() == {"a", "b"}  # negated events only when asked for
        assert found(negated=True) == {"a", "b", "c"}
        assert found(actor="ISRGOV") == {"b"} and found(actor="ISR") == {"a", "b"}
        assert found(source="ISR") == {"b"} and found(target="ISR") == {"a"}
        assert found(dyad=("ISR", "TUR")) == {"a", "b"}
        assert found(root="19") == {"a"} and found(code="19") == {"a"} and found(quad=4) == {"a"}
        assert found(plover="assault") == {"a"}
        assert found(location_country="ISR") == {"b"}
        assert found(bbox=(34.0, 31.0, 36.0, 32.5)) == {"b"}
        assert found(text="shelled") == {"a"} and found(text="'; DROP TABLE events; --") == set()
        assert found(since=date(2022, 8, 10)) == {"b"}
        assert store.counts()["events"] == 3  # the injection attempt was only a string


def test_query_timeline_counts_quad_classes_and_goldstein(tmp_path):
    day = {"date_precision": "day"}
    events = [
        make_event(event_id="a", doc_id="d1", date=date(2022, 8, 1), **day),
        make_event(event_id="b", doc_id="d1", date=date(2022, 8, 3), cameo="190", cameo_root="19",
                   quad_class=4, goldstein=-10.0, **day),
        make_event(event_id="c", doc_id="d1", date=date(2022, 9, 9), **day),
        make_event(event_id="d", doc_id="d1", date=date(2022, 9, 9), source=ISRAEL_GOV,
                   target=make_event().source, **day),
    ]  # fmt: skip
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_article(article("d1"), events, "c")
        months = store.timeline("TUR", "ISR", "month")
        directed = store.timeline("TUR", "ISR", "month", directed=True)
        weeks = store.timeline("TUR", "ISR", "week")
    assert [(str(r["period"]), r["events"]) for r in months] == [
        ("2022-08-01", 2),
        ("2022-09-01", 2),
    ]
    august = months[0]
    assert (august["verbal_cooperation"], august["material_conflict"]) == (1, 1)
    assert august["goldstein_sum"] == pytest.approx(-7.2)
    assert august["goldstein_mean"] == pytest.approx(-3.6)
    assert [r["events"] for r in directed] == [2, 1]
    assert str(weeks[0]["period"]) == "2022-08-01"  # weeks start on Monday
    with pytest.raises(ValueError, match="period must be one of"):
        open_store(tmp_path / "s.duckdb", read_only=True).timeline("TUR", "ISR", "decade")


def test_query_quotes_by_speaker(tmp_path):
    quote = Quote("q1", "d1", 2, "We will not back down", "Akar", make_event().source)
    anonymous = Quote("q2", "d1", 3, "It was a long night for everyone", None, None)
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_article(article("d1"), [], "c", quotes=[quote, anonymous])
        assert [q["quote_id"] for q in store.quotes(speaker="TUR")] == ["q1"]
        assert [q["quote_id"] for q in store.quotes(text="long night")] == ["q2"]
        assert len(store.quotes()) == 2


# GDELT 2.0's event table, as its codebook lists the columns, with the type
# a reader gives each (written here independently of dyad.store.gdelt).
GDELT_COLUMNS = """GLOBALEVENTID:int SQLDATE:int MonthYear:int Year:int FractionDate:float
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name
Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code
Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent:int EventCode EventBaseCode
EventRootCode QuadClass:int GoldsteinScale:float NumMentions:int NumSources:int NumArticles:int
AvgTone:float Actor1Geo_Type:int Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code
Actor1Geo_ADM2Code Actor1Geo_Lat:float Actor1Geo_Long:float Actor1Geo_FeatureID Actor2Geo_Type:int
Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat:float
Actor2Geo_Long:float Actor2Geo_FeatureID ActionGeo_Type:int ActionGeo_FullName
ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat:float
ActionGeo_Long:float ActionGeo_FeatureID DATEADDED:int SOURCEURL""".split()  # noqa: SIM905


def read_gdelt(path) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """A GDELT reader: tab-separated, no header, typed by the column list."""
    names = [c.split(":")[0] for c in GDELT_COLUMNS]
    kinds = dict(c.split(":") if ":" in c else (c, "str") for c in GDELT_COLUMNS)
    cast = {"int": int, "float": float, "str": str}
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            assert len(fields) == len(names) == 61
            rows.append(
                {n: cast[kinds[n]](v) if v else None for n, v in zip(names, fields, strict=True)}
            )
    return rows


def test_query_gdelt_export_follows_gdelt_columns(tmp_path):
    assert [c.split(":")[0] for c in GDELT_COLUMNS] == COLUMNS
    gov = replace(make_event().source, code="TURGOVMIL", sectors=("GOV", "MIL"), name="Hulusi Akar")
    ankara = Location("Ankara", "TUR", 39.92, 32.85, "Ankara", 323786, "city", "68")
    event = make_event(event_id="00ab12cd34ef5678", doc_id="d1", source=gov, cameo="0312",
                       cameo_root="03", date=date(2022, 10, 27), date_precision="day",
                       location=ankara, tone=-2.5, sentence_index=0)  # fmt: skip
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_article(article("d1"), [event], "c")
        assert export_events(store.connection, EventFilter(), "gdelt", tmp_path / "g.tsv") == 1
    (row,) = read_gdelt(tmp_path / "g.tsv")
    assert row["GLOBALEVENTID"] == int("00ab12cd34ef567", 16)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20221027, 202210, 2022)
    assert row["FractionDate"] == pytest.approx(2022.8192, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "TURGOVMIL",
        "HULUSI AKAR",
        "TUR",
    )
    assert (row["Actor1Type1Code"], row["Actor1Type2Code"], row["Actor1Type3Code"]) == (
        "GOV",
        "MIL",
        None,
    )
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("ISR", "ISR")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0312", "031", "03")
    assert (row["IsRootEvent"], row["QuadClass"], row["GoldsteinScale"]) == (1, 1, 2.8)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (1, 1, 1)
    assert row["AvgTone"] == -2.5
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == (
        4,
        "TU",
        "TU68",
    )
    assert row["ActionGeo_FullName"] == "Ankara, Turkey"
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (39.92, 32.85)
    assert row["ActionGeo_FeatureID"] == "323786"
    assert row["Actor1Geo_Type"] == 0 and row["Actor1Geo_FullName"] is None
    assert len(str(row["DATEADDED"])) == 14
    assert row["SOURCEURL"] == "https://news.example/d1"


def check_gdelt_row(row: dict[str, object], record: dict[str, object]) -> None:
    """Every column of a GDELT row read back agrees with dyad's record of the event."""
    source, target = record["source"], record["target"] or {}  # type: ignore[index]
    location = record["location"] or {}  # type: ignore[index]
    when = str(record["date"] or "")
    assert row["GLOBALEVENTID"] == int(str(record["event_id"])[:15], 16)
    if when:
        assert str(row["SQLDATE"]).startswith(when.replace("-", ""))
        assert row["Year"] == int(when[:4]) and str(row["MonthYear"]) == str(row["SQLDATE"])[:6]
        assert int(row["FractionDate"]) == row["Year"]  # type: ignore[call-overload]
    assert row["Actor1Code"] == source["code"]  # type: ignore[index]
    assert row["Actor2Code"] == target.get("code")  # type: ignore[union-attr]
    for side, actor in (("Actor1", source), ("Actor2", target)):
        sectors = [*actor.get("sectors", []), None, None, None][:3]  # type: ignore[union-attr]
        assert [row[f"{side}Type{i}Code"] for i in (1, 2, 3)] == sectors
        for blank in ("EthnicCode", "Religion1Code", "Religion2Code"):
            assert row[f"{side}{blank}"] is None
        assert row[f"{side}Geo_Type"] == 0
    assert row["EventCode"] == record["cameo"] and row["EventRootCode"] == record["cameo_root"]
    assert row["EventBaseCode"] == str(record["cameo"])[:3]
    assert row["QuadClass"] == record["quad_class"] and row["GoldsteinScale"] == record["goldstein"]
    assert row["IsRootEvent"] == int(record["sentence_index"] <= 1)  # type: ignore[operator]
    for column, key in (("NumMentions", "num_mentions"), ("NumSources", "num_sources"),
                        ("NumArticles", "num_articles"), ("AvgTone", "tone")):  # fmt: skip
        assert row[column] == record[key], column
    if location.get("country"):  # type: ignore[union-attr]
        assert row["ActionGeo_Type"] in {1, 2, 3, 4, 5}
        assert row["ActionGeo_Lat"] == location.get("lat")  # type: ignore[union-attr]
        assert len(str(row["ActionGeo_CountryCode"])) == 2
        assert str(row["ActionGeo_ADM1Code"]).startswith(str(row["ActionGeo_CountryCode"]))
    else:
        assert row["ActionGeo_Type"] == 0
    assert row["ActionGeo_ADM2Code"] is None
    assert len(str(row["DATEADDED"])) == 14
    assert row["SOURCEURL"] == (record["source_url"] or None)
