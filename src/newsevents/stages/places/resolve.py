"""Choosing, for each place name in an article, the gazetteer entry it means.

Every candidate gets a score: a prior from its kind (a country name means the country) and its
population, then evidence from the article: the story's focus country, the other countries it
names, a first-level region it names ("Edmonton" near "Alberta"), towns it names nearby (for sure,
or among the few each other name may mean: "Springfield" and "Decatur"), and an
explicit hierarchy right after the name ("Gao, Mali", "Springfield, Illinois"). A first-level
region gains when it is listed with others of its country ("Ohio, Wyoming and Utah") or holds a
town the article names ("Washington" with "Spokane"); a small town loses to a country or region
of the same name unless its container follows it ("Wyoming, Ohio"). The weights are in
``rules.json``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from ...knowledge import countries
from .gazetteer import Place, fold, gazetteer

RULES = Path(__file__).parent / "rules.json"


@cache
def rules() -> dict:
    return json.loads(RULES.read_text(encoding="utf-8"))


@cache
def capitals() -> dict[str, tuple[str, float, float]]:
    """ISO3 -> (the capital's folded name, its lat, its lon)."""
    return {
        c.iso3: (fold(c.capital), c.capital_lat, c.capital_lon)
        for c in countries().values()
        if c.capital and fold(c.capital) and c.capital_lat is not None
    }


@dataclass
class Context:
    """What the article says that helps choose between candidates."""

    focus: str | None = None
    countries: Counter = field(default_factory=Counter)  # ISO3 -> weight of mentions
    names: frozenset[str] = frozenset()  # folded names of every place mentioned
    # (folded name, lat, lon) of the towns and regions the article names without doubt
    anchors: tuple[tuple[str, float, float], ...] = ()
    # folded name -> the countries its own mentions voted for: a name is no evidence for itself
    votes: dict[str, Counter] = field(default_factory=dict)
    # (folded name, ISO3, folded admin1) of the towns the article names without doubt
    towns_in: frozenset[tuple[str, str, str]] = frozenset()
    # grid cell -> (folded name, lat, lon) of the towns each name may mean, its likeliest few
    possible: dict[tuple[int, int], list[tuple[str, float, float]]] = field(default_factory=dict)

    def without_votes_of(self, key: str) -> Context:
        """The context less the countries that ``key``'s own mentions voted for: a name is no
        evidence for itself ("London" ten times does not make a story British)."""
        own = self.votes.get(key)
        if not own:
            return self
        others = Counter(self.countries)
        others.subtract(own)
        others = Counter({country: weight for country, weight in others.items() if weight > 1e-9})
        return replace(self, focus=focus_country(others), countries=others)


@dataclass(frozen=True)
class Choice:
    place: Place
    confidence: float


# Articles name the same few thousand places again and again.
@lru_cache(maxsize=1 << 13)
def candidates(name: str) -> tuple[tuple[Place, bool], ...]:
    """The gazetteer entries ``name`` may mean; a generic word may go ("Aleppo province",
    "the City of Toronto")."""
    found = gazetteer().lookup(name)
    if not found:
        bare = _without_generic_words(name)
        found = gazetteer().lookup(bare) if bare != name else []
    if not found:
        whole = _whole_of_part(name)
        found = gazetteer().lookup(whole) if whole else []
    return tuple(found)


def _whole_of_part(name: str) -> str | None:
    """The place that "Far North Queensland" or "Southern California" is a part of."""
    words = fold(name).split()
    part_words = rules()["part_words"]
    index = 0
    while index < len(words) - 1 and words[index] in part_words:
        index += 1
    return " ".join(words[index:]) if index else None


def _without_generic_words(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in rules()["generic_words"]:
        return " ".join(words[:-1])
    folded = fold(name)
    for prefix in rules()["generic_prefixes"]:
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1 :]
    return name


@dataclass(frozen=True)
class Clues:
    """What the text right around one mention says about it."""

    # the folded name written right after it as its container: "mali" in "Gao, Mali"
    parent: str | None = None
    # (ISO3, feature) of the names listed with it: "Montana, Wyoming and Utah" are all US states
    kin: frozenset[tuple[str, str]] = frozenset()


NO_CLUES = Clues()


def score(place: Place, alias: bool, context: Context, name: str, clues: Clues = NO_CLUES) -> float:
    """How likely ``place`` is the one meant by ``name``, given the article ``context``."""
    r = rules()
    value = r["feature_prior"].get(place.feature, 0.0)
    value += r["population_weight"] * math.log10(place.population + 1)
    if alias:
        value -= r["alias_penalty"]
    if _is_capital(place):
        value += r["capital_bonus"]
    value += _country_evidence(place, context)
    if clues.parent and clues.parent in _containers(place):
        value += r["hierarchy_bonus"]
    if place.feature == "admin1" and _region_evidence(place, fold(name), context, clues):
        value += r["region_evidence_bonus"]
    return value + _local_evidence(place, name, context)


def _country_evidence(place: Place, context: Context) -> float:
    """The story's focus country, or another country the article names."""
    if place.country is None:
        return 0.0
    if place.country == context.focus:
        return rules()["focus_bonus"]
    if context.countries.get(place.country):
        return rules()["co_mentioned_country_bonus"]
    return 0.0


def _local_evidence(place: Place, name: str, context: Context) -> float:
    """A town's region named elsewhere ("Edmonton" near "Alberta"), and a town named for sure
    nearby. The name itself does not count ("Quebec" does not make Quebec City more likely)."""
    if place.feature not in ("city", "locality", "admin2"):
        return 0.0
    r = rules()
    value = 0.0
    region = fold(place.admin1) if place.admin1 else None
    if region is not None and region != fold(name) and region in context.names:
        value += r["admin1_mentioned_bonus"]
    if _near_anchor(place, name, context):
        value += r["nearby_bonus"]
    elif _near_possible(place, fold(name), context):
        value += r["near_possible_bonus"]
    return value


def grid_cell(lat: float, lon: float) -> tuple[int, int]:
    """The cell of a coarse grid that holds a point: nearby towns are in the same or next cells."""
    size = rules()["grid_degrees"]
    return int(lat // size), int(lon // size)


def _near_possible(place: Place, key: str, context: Context) -> bool:
    """Whether a town another name may mean lies within ``nearby_km``: two ambiguous names
    that fit each other ("Paris" and "Bonham") explain each other."""
    if not context.possible:
        return False
    limit = rules()["nearby_km"]
    row, column = grid_cell(place.lat, place.lon)
    return any(
        other != key and _within(place, lat, lon, limit)
        for dr in (-1, 0, 1)
        for dc in (-1, 0, 1)
        for other, lat, lon in context.possible.get((row + dr, column + dc), ())
    )


def shortlist(name: str, context: Context, clues: Clues = NO_CLUES) -> list[Place]:
    """The few towns ``name`` most likely means."""
    found = candidates(name)
    towns = [
        place
        for _, place in _ranked(found, name, context.without_votes_of(fold(name)), clues)
        if place.feature in ("city", "locality", "admin2")
    ]
    return towns[: rules()["shortlist_size"]]


def _region_evidence(place: Place, key: str, context: Context, clues: Clues) -> bool:
    """Whether a first-level region is listed with others of its country ("Ohio, Wyoming and
    Utah") or holds a town the article names for sure ("Washington" with "Spokane")."""
    if (place.country, "admin1") in clues.kin:
        return True
    region = fold(place.name)
    return any(
        town != key and country == place.country and admin1 == region
        for town, country, admin1 in context.towns_in
    )


def _near_anchor(place: Place, name: str, context: Context) -> bool:
    """Whether another place the article names for sure lies within ``nearby_km``."""
    limit = rules()["nearby_km"]
    key = fold(name)
    return any(
        anchor != key and _within(place, lat, lon, limit) for anchor, lat, lon in context.anchors
    )


def _within(place: Place, lat: float, lon: float, limit_km: float) -> bool:
    # A degree of latitude is 111 km: most points fail this test before the trigonometry.
    if abs(place.lat - lat) * 111 > limit_km:
        return False
    return distance_km(place.lat, place.lon, lat, lon) <= limit_km


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _is_capital(place: Place) -> bool:
    """Whether ``place`` is its country's capital: same first word, within a degree of it.

    Names alone disagree too often ("Washington" and "Washington D.C.").
    """
    capital = capitals().get(place.country) if place.feature in ("city", "locality") else None
    if capital is None:
        return False
    name, lat, lon = capital
    near = abs(place.lat - lat) < 1 and abs(place.lon - lon) < 1
    return near and _same_start(fold(place.name), name)


def _same_start(one: str, other: str) -> bool:
    """Whether one folded name is the other's first words: "washington" and "washington d c",
    but not "san francisco" and "san jose"."""
    shorter, longer = sorted((one, other), key=len)
    return longer == shorter or longer.startswith(shorter + " ")


def _containers(place: Place) -> set[str]:
    """Folded names of the regions and country that hold ``place``."""
    names = set()
    if place.admin1 and place.feature != "admin1":
        names.add(fold(place.admin1))
    if place.country and place.feature != "country":
        country = countries().get(place.country)
        if country is not None:
            names.update(fold(n) for n in country.names)
    return names


def choose(name: str, context: Context, clues: Clues = NO_CLUES) -> Choice | None:
    """The best candidate for ``name`` and a confidence from its lead over the runner-up."""
    found = candidates(name)
    if not found:
        return None
    context = context.without_votes_of(fold(name))
    scored = _ranked(found, name, context, clues)
    best_score, best = scored[0]
    if len(scored) == 1:
        return Choice(best, 0.9)
    listed_or_holding = _region_evidence(best, fold(name), context, clues)
    city = None if listed_or_holding else _namesake_city(best, [place for _, place in scored])
    if city is not None:
        return Choice(city, 0.7)
    lead = best_score - scored[1][0]
    return Choice(best, round(0.5 + 0.45 * (1 - math.exp(-lead)), 3))


def _ranked(
    found: tuple[tuple[Place, bool], ...], name: str, context: Context, clues: Clues
) -> list[tuple[float, Place]]:
    """The candidates with their scores, best first."""
    big_namesake = _names_a_region(found, context)
    scored = [
        (
            score(place, alias, context, name, clues)
            - _small_town_penalty(place, big_namesake, clues),
            place,
        )
        for place, alias in found
    ]
    return sorted(scored, key=lambda pair: -pair[0])


def _names_a_region(found: tuple[tuple[Place, bool], ...], context: Context) -> bool:
    """Whether a country goes by exactly this name, or a first-level region of a country that
    the article is about or names elsewhere."""
    return any(
        not alias
        and (
            place.feature == "country"
            or (place.feature == "admin1" and _country_evidence(place, context) > 0)
        )
        for place, alias in found
    )


def _small_town_penalty(place: Place, big_namesake: bool, clues: Clues) -> float:
    """A bare "Wyoming" or "Queensland" means the state, not a small town of that name, unless
    the text right after names the town's container ("Wyoming, Ohio")."""
    if not big_namesake or place.feature not in ("city", "locality"):
        return 0.0
    if place.population >= rules()["strong_city_population"]:
        return 0.0
    if clues.parent and clues.parent in _containers(place):
        return 0.0
    return rules()["small_town_penalty"]


def _namesake_city(region: Place, others: list[Place]) -> Place | None:
    """The city that a first-level region is named after, when it holds a good share of the
    region's people: a bare "Istanbul" or "Kharkiv" means the city, "Quebec" the province."""
    if region.feature != "admin1" or not region.population:
        return None
    for place in others:
        if (
            place.feature == "city"
            and place.country == region.country
            and place.admin1 == region.name
            and place.population >= rules()["namesake_city_share"] * region.population
        ):
            return place
    return None


def focus_country(countries_mentioned: Counter) -> str | None:
    """The most-mentioned country; a tie goes to the one named first (Counter keeps order)."""
    if not countries_mentioned:
        return None
    return countries_mentioned.most_common(1)[0][0]
