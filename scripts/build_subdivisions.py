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
# ISO 3166-2 gives local names; news uses English ones. Extra names, by ISO name.
ENGLISH = {
    "Catalunya": "Catalonia", "Nord-Kivu": "North Kivu", "Sud-Kivu": "South Kivu",
    "Tigrai": "Tigray", "Xizang Zizhiqu": "Tibet", "Andalucía": "Andalusia",
    "Bayern": "Bavaria", "País Vasco": "Basque Country", "Euskadi": "Basque Country",
    "Galicia [Galiza]": "Galicia", "Sjælland": "Zealand", "Kurdistan Region": "Kurdistan",
    "Al Anbār": "Anbar", "Nīnawá": "Nineveh", "Ninawa": "Nineveh",
}  # fmt: skip
# Chinese divisions: "Xinjiang Uygur Zizhiqu", "Sichuan Sheng" are "Xinjiang", "Sichuan".
SUFFIXES = (" Uygur Zizhiqu", " Zhuangzu Zizhiqu", " Huizu Zizhiqu", " Zizhiqu", " Sheng", " Shi")
# Division names that are ordinary English words mislead more than they help
# ("maritime security in the Gulf" is not Papua New Guinea's Gulf Province).
COMMON_WORDS = {
    "Gulf", "Central", "Northern", "Southern", "Eastern", "Western", "North", "South", "East",
    "West", "Capital", "Coast", "Lakes", "Upper", "Lower", "Islands", "Centre", "Center",
    "Interior", "Federal", "Littoral", "Maritime", "Plateau", "Highlands", "Valley", "Sea",
    "Mountain", "Border", "Island", "River", "Delta", "Lake",
}  # fmt: skip


def main() -> None:
    rows = set()
    for division in pycountry.subdivisions:
        if getattr(division, "parent_code", None):
            continue  # second-level units: too many names that are also common words
        country = pycountry.countries.get(alpha_2=division.country_code)
        if country is None:
            continue
        name = division.name.split("[")[0].strip()
        if name in COMMON_WORDS:
            continue
        rows.add((country.alpha_3, name, division.type))
        short = next((name[: -len(s)] for s in SUFFIXES if name.endswith(s)), None)
        for extra in (ENGLISH.get(division.name), ENGLISH.get(name), short):
            if extra:
                rows.add((country.alpha_3, extra, division.type))
    lines = ["# iso3\tname\ttype  (ISO 3166-2 first-level divisions via pycountry; see SOURCES.md)"]
    lines += [f"{iso3}\t{name}\t{kind}" for iso3, name, kind in sorted(rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} divisions to {OUT}")


if __name__ == "__main__":
    main()
