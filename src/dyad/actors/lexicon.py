"""The actor dictionaries as one lookup structure.

Three data files (src/dyad/data, provenance in SOURCES.md):
- countries.tsv: ISO alpha-3 code, name, aliases, adjectives and demonyms,
  capitals, and metonyms for the government ("the Kremlin");
- organisations.tsv: international organisations and armed groups with
  CAMEO/Phoenix codes;
- agents.tsv: role nouns and titles -> sectors.

Phrases are stored as tuples of lower-cased tokens, produced by the same
tokenizer that parses the text, so "U.S." or "Côte d'Ivoire" match as spaCy
splits them.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from importlib import resources

from dyad.errors import DataFileError

Tokenize = Callable[[str], list[str]]
Phrase = tuple[str, ...]


class CountryMention(Enum):
    NAME = "name"  # "Turkey": the country (as actor: its government)
    ADJECTIVE = "adjective"  # "Turkish", "Turks": the country's people or modifier
    CAPITAL = "capital"  # "Ankara said": the government, when acting
    METONYM = "metonym"  # "the Kremlin": the government


@dataclass(frozen=True, slots=True)
class CountryEntry:
    iso3: str
    kind: CountryMention


@dataclass(frozen=True, slots=True)
class OrganisationEntry:
    code: str
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    countries: dict[Phrase, CountryEntry]
    country_names: dict[str, str]  # iso3 -> common name
    organisations: dict[Phrase, OrganisationEntry]
    agents: dict[Phrase, tuple[str, ...]]
    version: str  # short hash of the dictionary files, recorded on every event
    # The longest name (country or organisation) and role phrase beginning
    # with each word: most words begin none, and need no lookup at all.
    name_starts: dict[str, int]
    agent_starts: dict[str, int]

    @property
    def longest_name(self) -> int:
        return max(self.name_starts.values(), default=0)

    def match_names(self, words: list[str], start: int) -> tuple[int, object] | None:
        """The longest organisation or country phrase starting at words[start]."""
        longest = self.name_starts.get(words[start], 0)
        for size in range(min(longest, len(words) - start), 0, -1):
            phrase = tuple(words[start : start + size])
            found = self.organisations.get(phrase) or self.countries.get(phrase)
            if found:
                return size, found
        return None

    def match_agent(self, words: list[str], start: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest role phrase starting at words[start], with its sectors."""
        longest = self.agent_starts.get(words[start], 0)
        for size in range(min(longest, len(words) - start), 0, -1):
            sectors = self.agents.get(tuple(words[start : start + size]))
            if sectors:
                return size, sectors
        return None


def _rows(name: str) -> Iterator[tuple[int, list[str]]]:
    text = resources.files("dyad.data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    yield from enumerate(csv.reader(lines, delimiter="\t"), start=1)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def build_lexicon(tokenize: Tokenize) -> ActorLexicon:
    def phrase(text: str) -> Phrase:
        return tuple(token.lower() for token in tokenize(text))

    countries: dict[Phrase, CountryEntry] = {}
    names: dict[str, str] = {}
    for number, row in _rows("countries.tsv"):
        if number == 1 and row[0] == "iso3":
            continue
        if len(row) < 6:
            raise DataFileError(f"countries.tsv row {number}: expected 6 tab-separated columns")
        iso3, name, aliases, adjectives, capitals, metonyms = row[:6]
        names[iso3] = name
        kinds = (
            (CountryMention.METONYM, _split(metonyms)),
            (CountryMention.CAPITAL, _split(capitals)),
            (CountryMention.ADJECTIVE, _split(adjectives)),
            (CountryMention.NAME, [name, *_split(aliases)]),
        )
        for kind, values in kinds:
            for value in values:
                countries[phrase(value)] = CountryEntry(iso3, kind)

    organisations: dict[Phrase, OrganisationEntry] = {}
    for number, row in _rows("organisations.tsv"):
        if number == 1 and row[0] == "code":
            continue
        if len(row) < 3:
            raise DataFileError(f"organisations.tsv row {number}: expected 4 tab-separated columns")
        code, name, aliases = row[:3]
        country = row[3].strip() if len(row) > 3 and row[3].strip() else None
        for value in [name, *_split(aliases)]:
            organisations[phrase(value)] = OrganisationEntry(code, name, country)

    agents: dict[Phrase, tuple[str, ...]] = {}
    for number, row in _rows("agents.tsv"):
        if len(row) != 2:
            raise DataFileError(f"agents.tsv line {number}: expected 'phrase<TAB>sectors'")
        agents[phrase(row[0])] = tuple(row[1].split())

    return ActorLexicon(
        countries,
        names,
        organisations,
        agents,
        dictionary_version(),
        _longest_from(countries, organisations),
        _longest_from(agents),
    )


def _longest_from(*tables: Iterable[Phrase]) -> dict[str, int]:
    """First word -> the length of the longest phrase beginning with it."""
    longest: dict[str, int] = {}
    for table in tables:
        for phrase in table:
            if phrase:
                longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    return longest


def dictionary_version() -> str:
    digest = hashlib.sha1()
    for name in ("countries.tsv", "organisations.tsv", "agents.tsv"):
        digest.update(resources.files("dyad.data").joinpath(name).read_bytes())
    return digest.hexdigest()[:8]
