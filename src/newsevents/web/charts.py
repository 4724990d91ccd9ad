"""Geometry of the SVG charts, computed here so the templates only draw.

A timeline of events by type (stacked bars by month, or by year over long spans), a per-country
coup timeline, and map points in an equirectangular frame (x = longitude, y = -latitude) merged
into grid clusters when there are many.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..knowledge import countries

HERE = Path(__file__).parent
MONTHLY_UP_TO = 36  # months: longer spans get one bar a year
CLUSTER_ABOVE = 60  # points: more than this and nearby points merge into grid cells
CLUSTER_CELL = 6.0  # degrees


@cache
def palette() -> dict[str, Any]:
    return json.loads((HERE / "palette.json").read_text(encoding="utf-8"))


def type_colour(kind: str) -> str:
    return palette()["types"].get(kind, palette()["fallback"])


def outcome_colour(outcome: str) -> str:
    return palette()["coup_outcomes"].get(outcome, palette()["fallback"])


@cache
def world_shapes() -> dict[str, str]:
    """Country outlines as SVG paths by ISO3 (built by scripts/build_world_geometry.py)."""
    return json.loads((HERE / "world.json").read_text(encoding="utf-8"))


# timeline of events by type


@dataclass
class Segment:
    type: str
    count: int
    y: float
    height: float
    colour: str


@dataclass
class Bar:
    label: str
    x: float
    width: float
    total: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Timeline:
    bars: list[Bar]
    types: list[str]  # the legend, in palette order
    max_total: int
    width: int
    height: int


def timeline(
    counts: list[tuple[dt.date, str, int]], width: int = 900, height: int = 220
) -> Timeline:
    """Stacked bars of events by type, one bar per month (or per year over long spans)."""
    if not counts:
        return Timeline([], [], 0, width, height)
    first = min(day for day, _, _ in counts)
    last = max(day for day, _, _ in counts)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    key = _month if months <= MONTHLY_UP_TO else _year
    bins = _bins(first, last, months <= MONTHLY_UP_TO)
    per_bin: dict[str, Counter] = {label: Counter() for label in bins}
    for day, kind, n in counts:
        per_bin[key(day)][kind] += n
    order = [t for t in palette()["types"] if any(c[t] for c in per_bin.values())]
    max_total = max(sum(c.values()) for c in per_bin.values())
    slot = width / len(bins)
    bars = []
    for i, label in enumerate(bins):
        bar = Bar(label, i * slot + slot * 0.1, slot * 0.8, sum(per_bin[label].values()))
        top = float(height)
        for kind in order:
            n = per_bin[label][kind]
            if n:
                h = height * n / max_total
                top -= h
                bar.segments.append(Segment(kind, n, top, h, type_colour(kind)))
        bars.append(bar)
    return Timeline(bars, order, max_total, width, height)


def _month(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def _year(day: dt.date) -> str:
    return str(day.year)


def _bins(first: dt.date, last: dt.date, monthly: bool) -> list[str]:
    if not monthly:
        return [str(year) for year in range(first.year, last.year + 1)]
    labels = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        labels.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels


# per-country coup timeline


@dataclass
class CoupMark:
    x: float
    colour: str
    event: dict[str, Any]


@dataclass
class CoupRow:
    country: str
    name: str
    marks: list[CoupMark]


@dataclass
class CoupTimeline:
    rows: list[CoupRow]
    undated: list[dict[str, Any]]
    start: str
    end: str
    width: int


def coup_timeline(events: list[dict[str, Any]], width: int = 700) -> CoupTimeline:
    """One row per country, a mark per dated coup event placed along the shared date range."""
    dated = [e for e in events if e["date_start"] is not None]
    undated = [e for e in events if e["date_start"] is None]
    if not dated:
        return CoupTimeline([], undated, "", "", width)
    first = min(e["date_start"] for e in dated)
    last = max(e["date_start"] for e in dated)
    span = max((last - first).days, 1)
    by_country: dict[str, list[CoupMark]] = defaultdict(list)
    for e in dated:
        x = 10 + (width - 20) * (e["date_start"] - first).days / span
        by_country[e["country"] or "?"].append(CoupMark(x, outcome_colour(e["coup_outcome"]), e))
    rows = [CoupRow(code, country_name(code), marks) for code, marks in by_country.items()]
    rows.sort(key=lambda row: row.marks[0].event["date_start"])
    return CoupTimeline(rows, undated, first.isoformat(), last.isoformat(), width)


def country_name(code: str | None) -> str:
    country = countries().get(code or "")
    return country.name if country else (code or "unknown")


# map


@dataclass
class MapPoint:
    x: float
    y: float
    r: float
    count: int
    colour: str
    label: str
    href: str


def map_points(events: list[dict[str, Any]]) -> list[MapPoint]:
    """Events placed by their coordinates (else their country's centre), clustered when many."""
    placed = [(where, e) for e in events if (where := _position(e)) is not None]
    cell = CLUSTER_CELL if len(placed) > CLUSTER_ABOVE else 0.0
    groups: dict[tuple[float, float], list[tuple[tuple[float, float], dict]]] = defaultdict(list)
    for where, e in placed:
        groups[_cell(where, cell)].append((where, e))
    return [_point(members) for members in groups.values()]


def _position(event: dict[str, Any]) -> tuple[float, float] | None:
    if event.get("lat") is not None and event.get("lon") is not None:
        return float(event["lon"]), -float(event["lat"])
    country = countries().get(event.get("country") or "")
    if country and country.lat is not None and country.lon is not None:
        return float(country.lon), -float(country.lat)
    return None


def _cell(where: tuple[float, float], size: float) -> tuple[float, float]:
    if not size:
        return round(where[0], 2), round(where[1], 2)
    return math.floor(where[0] / size), math.floor(where[1] / size)


def _point(members: list[tuple[tuple[float, float], dict]]) -> MapPoint:
    x = sum(w[0] for w, _ in members) / len(members)
    y = sum(w[1] for w, _ in members) / len(members)
    types = Counter(e["type"] for _, e in members)
    names = sorted({e.get("name") or country_name(e.get("country")) for _, e in members})
    label = f"{len(members)} event{'s' if len(members) > 1 else ''} ({', '.join(names[:3])}): " + (
        ", ".join(f"{t} {n}" for t, n in types.most_common())
    )
    first = members[0][1]
    if len(members) == 1:
        href = f"/articles/{first['article_id']}#{first['id']}"
    else:
        href = f"/events?country={first.get('country') or ''}"
    radius = 1.2 + 0.8 * math.sqrt(len(members))
    return MapPoint(
        x, y, radius, len(members), type_colour(types.most_common(1)[0][0]), label, href
    )
