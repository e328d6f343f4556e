"""The CAMEO codebook with Goldstein values, quad classes and PLOVER mapping.

Data: src/dyad/data/cameo-codes.csv (CAMEO 1.1b3 codes and Goldstein values
from the ICEWS/GDELT table via andybega/icews, MIT; PLOVER mapping from
openeventdata/PLOVER's CAMEO2PLOVER table, CC BY-SA 4.0).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dyad.errors import DataFileError
from dyad.records import Plover


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: Plover


@lru_cache(maxsize=1)
def load_codebook() -> dict[str, CameoCode]:
    text = resources.files("dyad.data").joinpath("cameo-codes.csv").read_text(encoding="utf-8")
    codebook: dict[str, CameoCode] = {}
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            codebook[row["code"]] = CameoCode(
                code=row["code"],
                root=row["root"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover=Plover(
                    type=row["plover_type"] or None,
                    mode=row["plover_mode"] or None,
                    # Some codes list two contexts ("crime; corruption"): the first leads.
                    context=(row["plover_context"].split(";")[0].strip() or None),
                ),
            )
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"cameo-codes.csv line {number}: {exc}") from exc
    return codebook
