"""Build src/dyad/serve/static/world.json: country outlines as SVG paths for
the dashboard's map, from the world-atlas npm package's countries-110m.json
(TopoJSON of Natural Earth's 1:110m countries; world-atlas is ISC-licensed,
Natural Earth is public domain). Build-time only; the dashboard reads the
committed file, so nothing is fetched at run time.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-110m.json

Projection: equirectangular, x = longitude + 180, y = 90 - latitude, in a
360 x 180 box (the dashboard places events the same way).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "dyad" / "serve" / "static" / "world.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:  # type: ignore[type-arg]
    """TopoJSON's quantised, delta-encoded arcs as lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data; a ring that crosses the antimeridian (Russia, Fiji) or
    runs along the map's edge (Antarctica) is broken there, not drawn across."""
    parts = []
    for points in rings:
        pieces: list[list[str]] = [[]]
        for i, (lon, lat) in enumerate(points):
            if i and abs(lon - points[i - 1][0]) > 180:
                pieces.append([])
            pieces[-1].append(f"{lon + 180:.1f},{90 - lat:.1f}")
        closed = len(pieces) == 1
        for piece in pieces:
            if len(piece) > 1:
                parts.append("M" + "L".join(piece) + ("Z" if closed else ""))
    return "".join(parts)


def main() -> None:
    topology = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [ring(r, arcs) for polygon in polygons for r in polygon]
        countries.append({"name": geometry["properties"]["name"], "d": path(rings)})
    OUT.write_text(json.dumps({"source": "world-atlas 2.0.2 countries-110m (Natural Earth)",
                               "countries": countries}, separators=(",", ":")),
                   encoding="utf-8")  # fmt: skip
    print(f"wrote {len(countries)} countries to {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
