"""The gazetteer: every known place, looked up by its folded name.

Two files beside this module feed it: ``gazetteer.tsv.gz`` (countries, continents, first- and
second-level regions and cities from GeoNames; built by ``scripts/build_gazetteer.py``) and the
hand-kept ``regions.tsv`` (world regions such as "the Sahel" that no GeoNames table names). Both
are read once per process. Names are matched after ``fold``: no diacritics, no case, "St." read as
"Saint", punctuation as spaces.
"""

from __future__ import annotations

import csv
import gc
import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

HERE = Path(__file__).parent
GAZETTEER = HERE / "gazetteer.tsv.gz"
REGIONS = HERE / "regions.tsv"

# Abbreviations that name the same places as their long forms.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    feature: str  # country | admin1 | admin2 | city | locality | region
    country: str | None  # ISO3; None for regions that span several countries
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The lookup key of a name: "St. Étienne" and "saint-etienne" both give "saint etienne"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("'", ""))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NON_WORD.sub(" ", plain).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


class Gazetteer:
    """Places and an index from folded names (and aliases) to them.

    Entries stay as their tab-separated lines until a lookup asks for them: parsing 190,000 rows
    up front would double the load time for places no article names.
    """

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._index: dict[str, list[int]] = {}
        for number, line in enumerate(lines):
            for key in line[line.rindex("\t") + 1 :].split("|"):
                self._index.setdefault(key, []).append(number)

    def lookup(self, name: str) -> list[tuple[Place, bool]]:
        """Every place called ``name``, each with whether it matched only by an alias."""
        key = fold(name)
        found = []
        for number in self._index.get(key, ()):
            place, primary_key = _parse(self._lines[number])
            found.append((place, key != primary_key))
        return found

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._index

    def __len__(self) -> int:
        return len(self._lines)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    # The load makes a few hundred thousand small objects and none of them cycles: pausing the
    # cyclic garbage collector meanwhile halves the time.
    gc.disable()
    try:
        with gzip.open(GAZETTEER, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")[1:]
        return Gazetteer([line for line in lines if line] + list(_region_lines()))
    finally:
        gc.enable()


def _parse(line: str) -> tuple[Place, str]:
    gid, name, feature, country, admin1, lat, lon, population, keys = line.split("\t")
    place = Place(
        name,
        feature,
        country or None,
        admin1 or None,
        float(lat),
        float(lon),
        int(population or 0),
        int(gid) if gid else None,
    )
    return place, keys.split("|", 1)[0]


def _region_lines() -> list[str]:
    """``regions.tsv`` in the gazetteer's line format."""
    with REGIONS.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        lines = []
        for row in rows:
            names = [row["name"], *filter(None, row["aliases"].split("|"))]
            keys = "|".join(dict.fromkeys(fold(name) for name in names))
            fields = ("", row["name"], "region", row["country"], "", row["lat"], row["lon"])
            lines.append("\t".join((*fields, row["population"], keys)))
        return lines


# The name the package uses: ``places.gazetteer`` stays this module, not the function.
load_gazetteer = gazetteer
