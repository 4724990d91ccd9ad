"""Build src/newsevents/web/world.json, the web map's country outlines, from countryinfo (MIT).

Run once by a developer (``python scripts/build_world_geometry.py``) with countryinfo installed; the
output is committed, so the web app needs no geometry package and nothing from the network.

Each country becomes one SVG path in an equirectangular frame (x = longitude, y = -latitude),
simplified with Douglas-Peucker and rounded to a tenth of a degree: plenty for a world map, and
small enough to inline in a page.
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import countryinfo

DATA = Path(countryinfo.__file__).parent / "data"
OUT = Path(__file__).resolve().parents[1] / "src/newsevents/web/world.json"
TOLERANCE = 0.15  # degrees: detail finer than this is invisible on a world map
MIN_RING_AREA = 0.3  # square degrees: smaller islands are dropped

Point = tuple[float, float]


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings can be long)."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if distance > tolerance:
            keep.add(index)
            stack.extend([(first, index), (index, last)])
    return [points[i] for i in sorted(keep)]


def _farthest(points: list[Point], first: int, last: int) -> tuple[int, float]:
    (x1, y1), (x2, y2) = points[first], points[last]
    length = math.hypot(x2 - x1, y2 - y1)
    best, best_distance = first, 0.0
    for i in range(first + 1, last):
        x, y = points[i]
        if length == 0:
            distance = math.hypot(x - x1, y - y1)
        else:
            distance = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length
        if distance > best_distance:
            best, best_distance = i, distance
    return best, best_distance


def ring_area(points: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(points))) / 2


def ring_path(ring: list[list[float]]) -> str:
    points = simplify([(lon, -lat) for lon, lat in ring], TOLERANCE)
    if len(points) < 4 or ring_area(points) < MIN_RING_AREA:
        return ""
    coords = " ".join(f"{_number(x)} {_number(y)}" for x, y in points)
    return f"M{coords}Z"


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def country_path(geometry: dict) -> str:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    # The outer ring of each polygon only: holes (lakes, enclaves) do not show at this scale.
    return "".join(ring_path(polygon[0]) for polygon in polygons)


def main() -> None:
    world = {}
    for path in sorted(DATA.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        features = (raw.get("geoJSON") or {}).get("features") or []
        iso3 = (raw.get("ISO") or {}).get("alpha3")
        shape = "".join(country_path(f["geometry"]) for f in features if f.get("geometry"))
        if iso3 and shape:
            world[iso3] = shape
    OUT.write_text(json.dumps(world, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(f"{len(world)} countries, {OUT.stat().st_size:,} bytes -> {OUT}")


if __name__ == "__main__":
    main()
