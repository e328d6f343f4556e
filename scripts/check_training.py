"""Check labelled training files: format, codes, counts, and no overlap with
the evaluation gold (without ever showing its sentences).

    python scripts/check_training.py training/events/part-1.jsonl [...]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "src" / "dyad" / "data" / "cameo-codes.csv"
EVALUATION_GOLD = ROOT / "gold" / "events.jsonl"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ACTOR = re.compile(r"^[A-Z]{3}[A-Z]*$")


def normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def plover_types() -> dict[str, str]:
    with CODEBOOK.open(encoding="utf-8") as handle:
        return {row["code"]: row["plover_type"] for row in csv.DictReader(handle)}


def check(path: Path, plover: dict[str, str], reserved: set[str]) -> list[str]:
    problems: list[str] = []
    roots: Counter[str] = Counter()
    seen: set[str] = set()
    sentences = no_event = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc})")
            continue
        sentences += 1
        for key in ("id", "date", "text", "events", "tags"):
            if key not in item:
                problems.append(f"{where}: missing {key!r}")
        if not DATE.match(str(item.get("date", ""))):
            problems.append(f"{where}: date must be YYYY-MM-DD")
        text = str(item.get("text", ""))
        key = normalised(text)
        if key in seen:
            problems.append(f"{where}: repeats an earlier sentence")
        if key in reserved:
            problems.append(
                f"{where}: the same as a sentence of the evaluation gold; write another"
            )
        seen.add(key)
        words = len(text.split())
        if not 5 <= words <= 70:
            problems.append(f"{where}: {words} words; one sentence of 5-70 words")
        events = item.get("events", [])
        if not events:
            no_event += 1
        for event in events:
            code = str(event.get("cameo", ""))
            if code not in plover:
                problems.append(f"{where}: unknown CAMEO code {code!r}")
                continue
            roots[code[:2]] += 1
            if (event.get("plover") or "") != plover[code]:
                problems.append(
                    f"{where}: CAMEO {code} is PLOVER {plover[code] or 'null'}, "
                    f"not {event.get('plover')!r}"
                )
            if not ACTOR.match(str(event.get("source", ""))):
                problems.append(f"{where}: source must be an actor code like USAGOV")
            target = event.get("target")
            if target is not None and not ACTOR.match(str(target)):
                problems.append(f"{where}: target must be an actor code or null")
    share = no_event / sentences if sentences else 0.0
    print(f"{path}: {sentences} sentences, {no_event} without events ({share:.0%})")
    print(
        "  events per root: " + " ".join(f"{r}:{roots[r]}" for r in sorted(plover) if len(r) == 2)
    )
    return problems


def main(paths: list[str]) -> int:
    plover = plover_types()
    reserved = set()
    if EVALUATION_GOLD.exists():
        for line in EVALUATION_GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                reserved.add(normalised(json.loads(line)["text"]))
    problems = [p for path in paths for p in check(Path(path), plover, reserved)]
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
