"""Build src/newsevents/knowledge/countries.json from the countryinfo package's data (MIT licence).

Run once by a developer (``python scripts/build_countries.py``) with countryinfo installed; the
output is committed, so newsevents itself does not depend on countryinfo. Hand-kept additions (more
demonyms and short names) live in knowledge/country_names.tsv and are merged at load time.
"""

from __future__ import annotations

import json
from pathlib import Path

import countryinfo

DATA = Path(countryinfo.__file__).parent / "data"
OUT = Path(__file__).resolve().parents[1] / "src/newsevents/knowledge/countries.json"


def country_record(raw: dict) -> dict:
    iso = raw["ISO"]
    codes = {iso["alpha2"], iso["alpha3"]}
    aliases = [a for a in raw.get("altSpellings", []) if a not in codes and len(a) > 3]
    lat, lon = (raw.get("latlng") or [None, None])[:2]
    cap_lat, cap_lon = (raw.get("capital_latlng") or [None, None])[:2]
    return {
        "iso3": iso["alpha3"],
        "iso2": iso["alpha2"],
        "name": raw["name"],
        "aliases": aliases,
        "demonyms": [raw["demonym"]] if raw.get("demonym") else [],
        "capital": raw.get("capital") or None,
        "capital_lat": cap_lat,
        "capital_lon": cap_lon,
        "lat": lat,
        "lon": lon,
        "area": raw.get("area"),
        "population": raw.get("population"),
        "borders": raw.get("borders", []),
        "region": raw.get("region") or None,
        "subregion": raw.get("subregion") or None,
        "provinces": raw.get("provinces", []),
    }


def main() -> None:
    records = []
    for path in sorted(DATA.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if "ISO" in raw:
            records.append(country_record(raw))
    records.sort(key=lambda r: r["iso3"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(records, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(records)} countries to {OUT}")


if __name__ == "__main__":
    main()
