"""Reading gold files and the floors pinned in gold/floors.toml."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, Protocol

from dyad.errors import DataFileError


class Scored(Protocol):
    def scores(self) -> dict[str, float]: ...


def load_gold(path: Path, required: tuple[str, ...] = ("text", "mentions")) -> list[dict[str, Any]]:
    """The gold file's lines as dicts; a bad line is an error naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the gold file ({exc.strerror})") from exc
    snippets = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            snippet = json.loads(line)
            missing = [key for key in required if key not in snippet]
            if missing:
                raise KeyError(", ".join(missing))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise DataFileError(f"{path}:{number}: not a gold line ({exc})") from exc
        snippet["_line"] = number
        snippets.append(snippet)
    return snippets


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read the floors ({exc})") from exc


def below_floors(report: Scored, floors: dict[str, float], task: str) -> list[str]:
    """The scores that fall under their pinned floor, as messages. A floor of a
    maximum (false events) is written with the prefix `max_`."""
    failures = []
    scores = report.scores()
    for name, floor in floors.items():
        if name.startswith("max_"):
            value = scores[name[4:]]
            if value > floor:
                failures.append(f"{task} {name[4:]} {value:.3f} is above its ceiling {floor}")
        elif scores[name] < floor:
            failures.append(f"{task} {name} {scores[name]:.3f} is below its floor {floor}")
    return failures
