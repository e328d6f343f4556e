"""Convert the open Phoenix/PETRARCH actor dictionaries (MIT, Open Event Data
Alliance) into dyad's built-in dictionary, src/dyad/data/phoenix-actors.tsv.

Kept: from Phoenix.Countries.actors.txt, the entries with dated codes (people
and regimes; the country names themselves are in countries.tsv); from
Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt, every
entry. Names are tokenised with spaCy's English tokenizer, as dyad tokenises
text, and lower-cased. The licence is copied to data/PHOENIX-LICENSE.

    .venv/bin/python scripts/convert_phoenix.py ../shared/data/phoenix
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy

from dyad.actors.dictionary import DatedCode, decode_lines, parse_phoenix
from dyad.errors import DataFileError

DATA = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data"
FILES = {
    "Phoenix.Countries.actors.txt": "dated",
    "Phoenix.International.actors.txt": "all",
    "Phoenix.MilNonState.actors.txt": "all",
}


def encode(code: DatedCode) -> str:
    if not code.dated:
        return code.code
    start = code.start.isoformat() if code.start else ""
    end = code.end.isoformat() if code.end else ""
    return f"{code.code}@{start}..{end}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the Phoenix .actors.txt files")
    args = parser.parse_args()
    tokenizer = spacy.blank("en").tokenizer
    lines = [
        "# Converted from the Phoenix/PETRARCH actor dictionaries (MIT, Open Event Data",
        "# Alliance; see PHOENIX-LICENSE) by scripts/convert_phoenix.py. Do not edit by hand.",
        "# tokenised lower-case names separated by |, TAB, codes CODE@from..until separated by ;",
    ]
    seen: set[str] = set()
    problems: list[DataFileError] = []
    for name, keep in FILES.items():
        text = decode_lines((args.source / name).read_bytes())
        for names, codes in parse_phoenix(text, name, on_error=problems.append):
            if keep == "dated" and not any(c.dated for c in codes):
                continue
            phrases = []
            for raw in names:
                phrase = " ".join(t.text.lower() for t in tokenizer(raw))
                usable = len(phrase) > 1 and not {"\t", "|"} & set(phrase)
                if usable and phrase not in seen:
                    seen.add(phrase)
                    phrases.append(phrase)
            if phrases:
                lines.append("|".join(phrases) + "\t" + ";".join(encode(c) for c in codes))
    (DATA / "phoenix-actors.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(args.source / "LICENSE", DATA / "PHOENIX-LICENSE")
    print(f"wrote {len(lines) - 3} entries to {DATA / 'phoenix-actors.tsv'}")
    print(f"skipped {len(problems)} malformed lines in the source files:")
    for problem in problems:
        print(f"  {problem}")


if __name__ == "__main__":
    main()
