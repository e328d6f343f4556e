"""The event pattern format (src/dyad/data/patterns.toml): loading and matching.

The file's header documents the format for analysts. Patterns are checked
against the codebook when loaded, so a typo in a code is an error at start-up,
not a silently missing event.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dyad.errors import DataFileError
from dyad.events.codebook import load_codebook


@dataclass(frozen=True, slots=True)
class VerbPattern:
    code: str
    lemmas: frozenset[str]
    to: frozenset[str] = frozenset()
    objects: tuple[str, ...] = ()
    preps: frozenset[str] = frozenset()
    particle: str | None = None
    reverse: bool = False
    order: int = 0  # position in the file, to break ties

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.to, self.objects, self.preps, self.particle))


@dataclass(frozen=True, slots=True)
class NounPattern:
    code: str
    lemmas: frozenset[str]
    modifiers: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return int(bool(self.modifiers))


@dataclass(frozen=True, slots=True)
class PatternSet:
    version: str
    verbs: dict[str, tuple[VerbPattern, ...]]  # by lemma
    nouns: dict[str, tuple[NounPattern, ...]]  # by lemma
    future: dict[str, str]  # CAMEO root -> intent code
    object_control: frozenset[str]  # "urged X to go": X goes
    light_verbs: frozenset[str]  # "held talks": the subject of these acts the noun's event
    symmetric_roots: frozenset[str]  # "A and B met": each acts on the other
    allegation_verbs: frozenset[str]  # "accused X of firing": the firing is alleged
    unrealised_verbs: frozenset[str]  # "urged X to seek help": the help has not happened
    self_acting_roots: frozenset[str]  # "troops were deployed": the troops are the actor
    government_target_roots: frozenset[str]  # "nurses went on strike": against their government
    implied_agents: dict[str, str]  # "was arrested": by the police (verb lemma -> sector)
    host_target_roots: frozenset[str]  # "arrived in Havana": a visit to Cuba


def _words(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: {key!r} must be a list of strings")
    return [v.lower() for v in value]


def _implied_agents(data: dict[str, Any], where: str) -> dict[str, str]:
    table = data.get("implied_agents", {})
    if not isinstance(table, dict) or not all(
        isinstance(v, str) and v.isalpha() and v.isupper() for v in table.values()
    ):
        raise DataFileError(f"{where}: [implied_agents] must map verbs to sector codes like COP")
    return {str(k).lower(): str(v) for k, v in table.items()}


def parse_patterns(text: str, source: str = "patterns.toml") -> PatternSet:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{source}: not valid TOML ({exc})") from exc
    codebook = load_codebook()

    def code_of(entry: dict[str, Any], where: str) -> str:
        code = str(entry.get("code", ""))
        if code not in codebook:
            raise DataFileError(f"{where}: unknown CAMEO code {code!r}")
        return code

    verbs: dict[str, list[VerbPattern]] = defaultdict(list)
    for order, entry in enumerate(data.get("verb", [])):
        where = f"{source}: verb pattern {order + 1}"
        lemmas = _words(entry, "lemmas", where)
        if not lemmas:
            raise DataFileError(f"{where}: needs at least one lemma")
        pattern = VerbPattern(
            code=code_of(entry, where),
            lemmas=frozenset(lemmas),
            to=frozenset(_words(entry, "to", where)),
            objects=tuple(_words(entry, "objects", where)),
            preps=frozenset(_words(entry, "preps", where)),
            particle=entry.get("particle"),
            reverse=bool(entry.get("reverse", False)),
            order=order,
        )
        for lemma in lemmas:
            verbs[lemma].append(pattern)

    nouns: dict[str, list[NounPattern]] = defaultdict(list)
    for number, entry in enumerate(data.get("noun", []), start=1):
        where = f"{source}: noun pattern {number}"
        noun = NounPattern(
            code=code_of(entry, where),
            lemmas=frozenset(_words(entry, "lemmas", where)),
            modifiers=frozenset(_words(entry, "modifiers", where)),
        )
        for lemma in noun.lemmas:
            nouns[lemma].append(noun)

    future = {str(k): str(v) for k, v in data.get("future", {}).items()}
    for root, code in future.items():
        if code not in codebook:
            raise DataFileError(f"{source}: [future] {root} -> unknown CAMEO code {code!r}")
    return PatternSet(
        version=str(data.get("version", "0")),
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        future=future,
        object_control=frozenset(_words(data, "object_control", source)),
        light_verbs=frozenset(_words(data, "light_verbs", source)),
        symmetric_roots=frozenset(_words(data, "symmetric_roots", source)),
        allegation_verbs=frozenset(_words(data, "allegation_verbs", source)),
        unrealised_verbs=frozenset(_words(data, "unrealised_verbs", source)),
        self_acting_roots=frozenset(_words(data, "self_acting_roots", source)),
        government_target_roots=frozenset(_words(data, "government_target_roots", source)),
        implied_agents=_implied_agents(data, source),
        host_target_roots=frozenset(_words(data, "host_target_roots", source)),
    )


@lru_cache(maxsize=4)
def load_patterns(extra: tuple[str, ...] = ()) -> PatternSet:
    """dyad's patterns, plus the user's pattern files (same format, or imported
    from PETRARCH). The user's come after dyad's: on a tie in specificity, dyad's
    pattern wins; a more specific user pattern wins."""
    text = resources.files("dyad.data").joinpath("patterns.toml").read_text(encoding="utf-8")
    merged = parse_patterns(text)
    for name in extra:
        try:
            more = parse_patterns(Path(name).read_text(encoding="utf-8"), name)
        except OSError as exc:
            raise DataFileError(f"{name}: cannot read the pattern file ({exc.strerror})") from exc
        merged = _merge(merged, more)
    return merged


def _merge(first: PatternSet, second: PatternSet) -> PatternSet:
    offset = 1 + max((p.order for group in first.verbs.values() for p in group), default=0)
    verbs = {k: list(v) for k, v in first.verbs.items()}
    for lemma, group in second.verbs.items():
        verbs.setdefault(lemma, []).extend(replace(p, order=p.order + offset) for p in group)
    nouns = {k: list(v) for k, v in first.nouns.items()}
    for lemma, noun_group in second.nouns.items():
        nouns.setdefault(lemma, []).extend(noun_group)
    return PatternSet(
        version=f"{first.version}+{second.version}",
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        future={**second.future, **first.future},
        object_control=first.object_control | second.object_control,
        light_verbs=first.light_verbs | second.light_verbs,
        symmetric_roots=first.symmetric_roots | second.symmetric_roots,
        allegation_verbs=first.allegation_verbs | second.allegation_verbs,
        unrealised_verbs=first.unrealised_verbs | second.unrealised_verbs,
        self_acting_roots=first.self_acting_roots | second.self_acting_roots,
        government_target_roots=first.government_target_roots | second.government_target_roots,
        implied_agents={**second.implied_agents, **first.implied_agents},
        host_target_roots=first.host_target_roots | second.host_target_roots,
    )


def contains_phrase(haystack: str, phrases: tuple[str, ...]) -> bool:
    """True if any phrase occurs as whole words in a space-padded haystack."""
    return any(f" {phrase} " in haystack for phrase in phrases)
