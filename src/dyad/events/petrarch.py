"""Import the PETRARCH verb dictionary (CAMEO.2.0.txt, MIT, Open Event Data
Alliance) into dyad's pattern format, so existing dictionary work is usable.

The PETRARCH format: synonym sets (`&NAME` then `+WORD` lines), and verb
blocks (`---  NAME   [code]  ---`, then the verbs, then pattern lines such as
`- * {HUMANITARIAN AID} (TO +)  [0333]  # PLEDGE`). In a pattern `*` is the
verb, `{...}` a multi-word phrase, `(...)` a prepositional phrase, `&SET` any
word of a synonym set, `$` and `+` the source and target.

The import keeps what dyad's format can say: the block's verbs become
`lemmas`, the words after the verb become `objects` (synonym sets expanded),
the first word of each prepositional phrase becomes `preps`. Patterns that
constrain words before the verb, and codes with no dyad equivalent, are
skipped and counted; codes finer than the codebook (0331) fall back to their
parent (033); "source:target" codes keep the source's.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass, field

from dyad.errors import DataFileError
from dyad.events.codebook import load_codebook

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#.*)?$")


@dataclass
class Imported:
    patterns: list[dict[str, object]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def to_toml(self, source: str) -> str:
        lines = [
            f"# Imported from {source} (PETRARCH verb dictionary, MIT, Open Event Data",
            "# Alliance) by `dyad patterns import-petrarch`. Format: see patterns.toml.",
            "version = 1",
        ]
        for pattern in self.patterns:
            lines.append("\n[[verb]]")
            for key, value in pattern.items():
                lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        return "\n".join(lines) + "\n"


def import_petrarch(text: str, source: str) -> Imported:
    codebook = load_codebook()
    synsets = _synsets(text)
    result = Imported()
    block: _Block | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            if block:
                block.close(result, synsets, codebook)
            block = _Block(default=_code(header.group(2), codebook))
            continue
        line = raw.split("#", 1)[0].rstrip()
        if block is None or not line.strip() or line.startswith("&"):
            continue
        if raw.startswith("- "):
            match = _PATTERN.match(raw.rstrip())
            if not match:
                raise DataFileError(f"{source}:{number}: cannot read pattern {raw.strip()!r}")
            block.lines.append((match.group(1), match.group(2)))
        elif not line.startswith("- "):
            word = line.strip().lstrip("+").split("{")[0].split()
            if word:
                block.verbs.append(word[0])
    if block:
        block.close(result, synsets, codebook)
    return result


@dataclass
class _Block:
    """One verb block: its verbs, its default code and its pattern lines."""

    default: str | None
    verbs: list[str] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)

    def close(
        self, result: Imported, synsets: dict[str, list[str]], codebook: Container[str]
    ) -> None:
        if not self.verbs:
            result.skipped["no verbs in block"] += 1 + len(self.lines)
            return
        lemmas = sorted({_lemma(v) for v in self.verbs})
        if self.default:
            result.patterns.append({"code": self.default, "lemmas": lemmas})
        for body, code_text in self.lines:
            converted = _convert(body, code_text, lemmas, synsets, codebook)
            if isinstance(converted, str):
                result.skipped[converted] += 1
            else:
                result.patterns.append(converted)


def _synsets(text: str) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = sets.setdefault(line[1:].upper(), [])
        elif line.startswith("+") and current is not None:
            current.append(_words(line[1:]))
        elif not line:
            current = None
    return sets


def _convert(
    body: str,
    code_text: str,
    lemmas: list[str],
    synsets: dict[str, list[str]],
    codebook: Container[str],
) -> dict[str, object] | str:
    code = _code(code_text, codebook)
    if code is None:
        return "no dyad code"
    if "*" not in body:
        return "no verb position"
    before, after = body.split("*", 1)
    if before.strip():
        return "words before the verb"
    objects: list[str] = []
    preps: list[str] = []
    for prep_phrase in re.findall(r"\(([^)]*)\)", after):
        words = prep_phrase.split()
        if words and not words[0].startswith(("&", "{", "+", "$")):
            preps.append(words[0].lower())
            objects.extend(_expand(" ".join(words[1:]), synsets))
    objects.extend(_expand(re.sub(r"\([^)]*\)", " ", after), synsets))
    pattern: dict[str, object] = {"code": code, "lemmas": lemmas}
    if objects:
        pattern["objects"] = sorted(set(objects))
    if preps:
        pattern["preps"] = sorted(set(preps))
    return pattern


def _expand(text: str, synsets: dict[str, list[str]]) -> list[str]:
    """Object words and phrases: {A B} -> 'a b'; &SET -> each member."""
    found: list[str] = []
    for phrase in re.findall(r"\{([^}]*)\}", text):
        words = phrase.split()
        if words and not any(w.startswith("&") for w in words):
            found.append(_words(" ".join(words)))
        elif words:
            found.extend(_words(w) for w in words if not w.startswith("&"))
    rest = re.sub(r"\{[^}]*\}", " ", text)
    for token in rest.split():
        if token.startswith("&"):
            found.extend(synsets.get(token[1:].upper(), []))
        elif token not in {"$", "+", "%"} and token[:1].isalpha():
            found.append(_words(token))
    return [w for w in found if w]


def _words(raw: str) -> str:
    return " ".join(raw.replace("_", " ").lower().split())


def _lemma(verb: str) -> str:
    return verb.replace("_", " ").lower().split()[0]


def _code(text: str, codebook: Container[str]) -> str | None:
    code = text.split(":")[0].strip()
    while code and code not in codebook:
        code = code[:-1] if len(code) > 2 else ""
    return code if code and code != "---" else None
