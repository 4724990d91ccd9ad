"""location_outlier: a local action placed far outside the story's geography.

The story's geography is its focus country, the countries bordering it, and every country the
article discusses by name, demonym or actor. A city or region of another, distant country is an
outlier when something local happens there in the article (an arrest, checkpoints, a curfew): the
classic symptom of a place name swapped by a rewording tool or a copy error. Only a place that
stands after a preposition of place counts, so that a misread name ("Bush", "Unity") does not.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from ...document import Document, Flag
from ...knowledge import Country, countries, country_by_demonym, country_by_name
from .common import (
    country_of_capital,
    flag,
    sentence_index,
    sentences,
    words_pattern,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_GOES_ON = re.compile(rf" [{_UPPER}]")
# "Paris, Texas": a name followed by the larger place it lies in.
_QUALIFIED_NAME = re.compile(rf"([{_UPPER}][\w'’-]+(?: [{_UPPER}][\w'’-]+)*), ([{_UPPER}][\w.]*)")
# A preposition of place, then at most two lower-case words ("in central", "in parts of").
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|across|around|outside|inside|into|throughout|of)\s+(?:[a-z]+\s+){0,2}$"
)
SUBNATIONAL = frozenset({"city", "locality", "admin1", "admin2", "landmark"})
# Farther than this from the focus country's capital and centre, a place is outside the story.
FAR_KM = 2000.0


@dataclass(frozen=True)
class Place:
    text: str
    start: int
    end: int
    country: str
    feature: str
    lat: float | None = None
    lon: float | None = None


def check_location_outliers(doc: Document) -> list[Flag]:
    places = mentioned_places(doc)
    focus_iso3 = doc.focus_country or _most_mentioned(doc, places)
    focus = countries().get(focus_iso3 or "")
    if focus is None:
        return []
    local = [p for p in places if p.feature in SUBNATIONAL]
    home = {focus.iso3, *focus.borders, *discussed_countries(doc, places, local)}
    bounds = sentences(doc)
    flags = []
    for place in local:
        if place.country in home or not _far(place, focus) or _named_elsewhere(doc.text, place):
            continue
        start, end = bounds[sentence_index(bounds, place.start)] if bounds else (0, len(doc.text))
        cue = _local_action(doc, place, start, end)
        if cue:
            flags.append(_outlier_flag(doc, place, focus, cue))
    return flags


def mentioned_places(doc: Document) -> list[Place]:
    """The places stage's mentions (less those inside a body's name, "London School of
    Economics"); without them, countries and capitals named by entities."""
    if doc.places:
        return [
            Place(p.text, p.start, p.end, p.country, p.feature, p.lat, p.lon)
            for p in doc.places
            if p.country and p.within is None
        ]
    found = []
    for entity in doc.entities:
        if entity.label not in ("GPE", "LOC"):
            continue
        if country := country_by_name(entity.text):
            found.append(Place(entity.text, entity.start, entity.end, country.iso3, "country"))
        elif capital := country_of_capital(entity.text):
            found.append(
                Place(
                    entity.text,
                    entity.start,
                    entity.end,
                    capital.iso3,
                    "city",
                    capital.capital_lat,
                    capital.capital_lon,
                )
            )
    return found


def discussed_countries(doc: Document, places: list[Place], local: list[Place]) -> set[str]:
    """Countries named, referred to by demonym, or acting in the article, outside ``local``."""
    found = {p.country for p in places if p.feature == "country"}
    outside_local = _outside(local)
    for entity in doc.entities:
        if not outside_local(entity.start, entity.end):
            continue
        if entity.actor and entity.actor.country:
            found.add(entity.actor.country)
        named = country_by_name(entity.text) or country_by_demonym(entity.text)
        if named:
            found.add(named.iso3)
    for mention in doc.actors:
        if mention.actor.country and outside_local(mention.start, mention.end):
            found.add(mention.actor.country)
    return found


def _outside(spans: list[Place]) -> Callable[[int, int], bool]:
    """A test whether ``(start, end)`` overlaps none of ``spans``, in log time (an article
    names hundreds of entities and tens of places)."""
    ordered = sorted((p.start, p.end) for p in spans)
    starts = [start for start, _ in ordered]
    furthest = list(accumulate((end for _, end in ordered), max))

    def outside(start: int, end: int) -> bool:
        before = bisect_left(starts, end)  # the spans that start before ``end``
        return before == 0 or furthest[before - 1] <= start

    return outside


def _most_mentioned(doc: Document, places: list[Place]) -> str | None:
    counts = Counter(p.country for p in places)
    for entity in doc.entities:
        if entity.label == "NORP" and (country := country_by_demonym(entity.text)):
            counts[country.iso3] += 1
    return counts.most_common(1)[0][0] if counts else None


def _named_elsewhere(text: str, place: Place) -> bool:
    """The name is part of a longer one here ("Victoria Park"), or the article qualifies it with
    another place somewhere ("London, Ky."): then it names a different, nearer place.
    """
    if _NAME_GOES_ON.match(text, place.end):
        return True
    names = countries()[place.country].names
    name = place.text.casefold()
    return any(
        match.group(1).casefold() == name and not any(n.startswith(match.group(2)) for n in names)
        for match in _QUALIFIED_NAME.finditer(text)
    )


def _far(place: Place, focus: Country) -> bool:
    country = countries().get(place.country)
    if place.lat is not None and place.lon is not None:
        point = (place.lat, place.lon)
    elif country and country.capital_lat is not None and country.capital_lon is not None:
        point = (country.capital_lat, country.capital_lon)
    else:
        return False
    anchors = [
        (lat, lon)
        for lat, lon in ((focus.capital_lat, focus.capital_lon), (focus.lat, focus.lon))
        if lat is not None and lon is not None
    ]
    return bool(anchors) and min(_km(point, anchor) for anchor in anchors) > FAR_KM


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _local_action(doc: Document, place: Place, start: int, end: int) -> str | None:
    """What local thing happens at ``place``: the place stands after a locative preposition
    ("in central X", "on the outskirts of X") in a sentence that names a local action."""
    if not _LOCATIVE.search(doc.text, max(start, place.start - 40), place.start):
        return None
    if match := words_pattern("local_actions").search(doc.text, start, end):
        return f"“{match.group()}”"
    return None


def _outlier_flag(doc: Document, place: Place, focus: Country, cue: str) -> Flag:
    country = countries()[place.country]
    message = (
        f"“{place.text}” ({country.name}) is far outside the story's geography: the article is "
        f"about {focus.name}, does not otherwise discuss {country.name}, and yet places a local "
        f"action there ({cue}). The place name is probably wrong or swapped."
    )
    return flag(doc, "location_outlier", "warning", message, place.start, place.end)
