"""Build src/dyad/data/subdivisions.tsv: the first-level divisions (states,
provinces, regions, ...) of every country, from ISO 3166-2 as packaged in
pycountry (LGPL; data from Debian's iso-codes). Build-time only: dyad reads
the TSV and does not import pycountry.

    python3 -m venv /tmp/cvenv && /tmp/cvenv/bin/pip install pycountry
    /tmp/cvenv/bin/python scripts/build_subdivisions.py
"""

from __future__ import annotations

from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "subdivisions.tsv"


def main() -> None:
    rows = set()
    for division in pycountry.subdivisions:
        if getattr(division, "parent_code", None):
            continue  # second-level units: too many names that are also common words
        country = pycountry.countries.get(alpha_2=division.country_code)
        if country is None:
            continue
        name = division.name.split("[")[0].strip()
        rows.add((country.alpha_3, name, division.type))
    lines = ["# iso3\tname\ttype  (ISO 3166-2 first-level divisions via pycountry; see SOURCES.md)"]
    lines += [f"{iso3}\t{name}\t{kind}" for iso3, name, kind in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} divisions to {OUT}")


if __name__ == "__main__":
    main()
