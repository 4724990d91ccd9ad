"""The places stage: place names, resolved to gazetteer entries, and the story's country.

Two passes over the names the detector finds. The first resolves each name on its own (priors
and any "Town, Country" hierarchy) and counts the countries they fall in, with the article's
demonyms ("Malian troops") as weaker votes and a dateline ("NIAMEY, July 27 -") as a stronger
one: the most-counted country is the focus. The second resolves every name again with that
evidence and with what the text says around it (the container after "Gao," and the names listed
with it). Facilities ("Victoria Park") are placed last, in the town their name holds or the town
the story names most. Assigns ``doc.places`` (``PlaceMention`` p1, p2, ..., each with its
country, so later stages read geography from the document) and ``doc.focus_country`` (ISO3).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from itertools import pairwise

from ...document import Document, PlaceMention
from ...knowledge import country_by_demonym
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .detect import LANDMARK, NameSpan, place_spans
from .gazetteer import Place, fold, load_gazetteer
from .resolve import Choice, Clues, Context, choose, focus_country, grid_cell, rules, shortlist

__all__ = ["PlacesStage", "is_dateline", "make_places"]

# A demonym says less about where a story happens than a place name does.
DEMONYM_WEIGHT = 0.5
# A dateline says where the reporter files from: the story's place, more than a name in passing.
DATELINE_WEIGHT = 3.0
# A headline names the story's place: a place of the body the title names too votes again.
TITLE_WEIGHT = 2.0
# What may follow a dateline's place: a region or country, a date, the agency, then a dash.
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.'’ -]{1,30}?)?(?:,?\s+[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([^()\n]{1,30}\))?\s*[-–—:]"
)
# Only the container is known, not the place itself.
LOCATED_BY_CONTAINER_CONFIDENCE = 0.3
# A facility placed in the town the story is about, not by its own name.
LANDMARK_IN_MAIN_TOWN_CONFIDENCE = 0.4
# What may stand between two names of one list.
LIST_SEPARATORS = frozenset({", ", " and ", ", and ", " or ", ", or ", "/", " / "})


class PlacesStage(Stage):
    name = "places"

    def __call__(self, doc: Document) -> Document:
        spans = place_spans(doc)
        parents = _parents(doc.text, spans)
        names = frozenset(fold(span.lookup) for span in spans)
        first_choice = _chooser(Context(names=names))
        # A facility's name says where it is only once the story's places are known.
        first = {
            span: first_choice(span.lookup, Clues(parent=parents.get(span)))
            for span in spans
            if span.label != LANDMARK
        }
        context = _context(doc, first, names)
        second_choice = _chooser(context)
        neighbours = _listed_with(doc.text, spans)
        resolved = []
        for span in spans:
            if span.label == LANDMARK:
                continue
            clues = Clues(parents.get(span), _kin(neighbours.get(span, ()), first))
            choice = second_choice(span.lookup, clues)
            if choice is None and span in parents:
                choice = _inside(span.text, parents[span], context)
            # A name no gazetteer entry matches and nothing locates is more often a
            # mislabelled person or firm than a place: it is left out.
            if choice is not None:
                resolved.append((span, choice))
        town = _main_town(resolved)
        for span in spans:
            if span.label == LANDMARK:
                choice = _landmark(span, context, town)
                if choice is not None:
                    resolved.append((span, choice))
        resolved.sort(key=lambda pair: pair[0].start)
        doc.places = [
            _mention(f"p{number}", span, choice)
            for number, (span, choice) in enumerate(resolved, start=1)
        ]
        doc.focus_country = context.focus
        return doc


def _chooser(context: Context) -> Callable[[str, Clues], Choice | None]:
    """``choose`` in one context, once per name and clues: a story repeats its places."""

    @cache
    def chosen(name: str, clues: Clues) -> Choice | None:
        return choose(name, context, clues)

    return chosen


def _inside(name: str, parent: str, context: Context) -> Choice | None:
    """A place the gazetteer lacks, written with its container ("Kafr Nabl, Syria"): it gets
    the container's country, region and point, with a low confidence."""
    container = choose(parent, context)
    if container is None:
        return None
    place = container.place
    admin1 = place.admin1 if place.feature != "country" else None
    located = Place(name, "locality", place.country, admin1, place.lat, place.lon, 0, None)
    return Choice(located, LOCATED_BY_CONTAINER_CONFIDENCE)


def _main_town(resolved: list[tuple[NameSpan, Choice]]) -> Place | None:
    """The town the article names most often."""
    towns = Counter(
        choice.place for _, choice in resolved if choice.place.feature in ("city", "locality")
    )
    return towns.most_common(1)[0][0] if towns else None


def _landmark(span: NameSpan, context: Context, town: Place | None) -> Choice | None:
    """Where a facility is: in the town of the story's country that its name holds ("University
    of Toronto"), else in the town the story is about, else wherever the name alone leads. A
    name written before the facility's kind ("Victoria Park") is as often a person's: there the
    story's own town is tried first."""
    named = choose(span.lookup, context)
    in_named_town = named is not None and _is_town_of(named.place, context.focus)
    if town is not None and not (in_named_town and _names_its_town(span)):
        return _located(span.text, town, LANDMARK_IN_MAIN_TOWN_CONFIDENCE)
    if in_named_town:
        # A town the model called a facility is the town.
        if fold(span.text) == fold(named.place.name):
            return named
        return _located(span.text, named.place, named.confidence)
    return named


def _names_its_town(span: NameSpan) -> bool:
    """Whether the place name ends the facility's name ("Church of Alexandria") or is all of
    it, rather than standing before its kind ("Victoria Park")."""
    return not span.text.startswith(span.lookup + " ")


def _is_town_of(place: Place, country: str | None) -> bool:
    return place.feature in ("city", "locality") and place.country == country


def _located(name: str, town: Place, confidence: float) -> Choice:
    landmark = Place(name, "landmark", town.country, town.admin1, town.lat, town.lon, 0, None)
    return Choice(landmark, confidence)


def _parents(text: str, spans: list[NameSpan]) -> dict[NameSpan, str]:
    """For "Gao, Mali": Gao's parent is "mali" (folded). Only a comma may sit between them."""
    parents = {}
    for span, following in pairwise(spans):
        if text[span.end : following.start].strip() == ",":
            parents[span] = fold(following.lookup)
    return parents


def _listed_with(text: str, spans: list[NameSpan]) -> dict[NameSpan, list[NameSpan]]:
    """The names each name is listed with: "Montana, Wyoming and Utah"."""
    neighbours: dict[NameSpan, list[NameSpan]] = {}
    for span, following in pairwise(spans):
        if text[span.end : following.start] in LIST_SEPARATORS:
            neighbours.setdefault(span, []).append(following)
            neighbours.setdefault(following, []).append(span)
    return neighbours


def _kin(neighbours: list[NameSpan], first: dict[NameSpan, Choice | None]) -> frozenset:
    """(ISO3, feature) of the listed names as the first pass resolved them."""
    return frozenset(
        (choice.place.country, choice.place.feature)
        for choice in (first.get(span) for span in neighbours)
        if choice is not None and choice.place.country
    )


def _context(doc: Document, first: dict[NameSpan, Choice | None], names: frozenset[str]) -> Context:
    """The article's geography as the first pass sees it."""
    counts: Counter = Counter()
    votes: dict[str, Counter] = {}
    anchors = []
    towns_in = set()
    for span, choice in first.items():
        if choice is None or not choice.place.country:
            continue
        key = fold(span.lookup)
        place = choice.place
        # An ambiguous name ("London") is a weaker vote than a clear one; a dateline, where the
        # reporter files from, a stronger one.
        weight = choice.confidence * (DATELINE_WEIGHT if is_dateline(doc.text, span) else 1.0)
        counts[place.country] += weight
        votes.setdefault(key, Counter())[place.country] += weight
        if _is_anchor(choice):
            anchors.append((key, place.lat, place.lon))
            if place.feature != "admin1" and place.admin1:
                towns_in.add((key, place.country, fold(place.admin1)))
    for entity in doc.entities:
        if entity.label == "NORP":
            country = country_by_demonym(entity.text)
            if country is not None:
                counts[country.iso3] += DEMONYM_WEIGHT
    title = f" {fold(doc.title)} " if doc.title else ""
    for key, by_country in votes.items():
        if f" {key} " in title:
            counts[by_country.most_common(1)[0][0]] += TITLE_WEIGHT
    return Context(
        focus=focus_country(counts),
        countries=counts,
        names=names,
        anchors=tuple(dict.fromkeys(anchors)),
        votes=votes,
        towns_in=frozenset(towns_in),
        possible=_possible_towns(first, names),
    )


def is_dateline(text: str, span: NameSpan) -> bool:
    """Whether ``span`` opens one of the first paragraphs as a dateline: "TEGUCIGALPA, March 3
    (Wire) -", "Lagos, Nigeria -", "KABUL:"."""
    line_start = text.rfind("\n", 0, span.start) + 1
    if text[line_start : span.start].strip() or text.count("\n\n", 0, span.start) > 3:
        return False
    return _DATELINE_TAIL.match(text, span.end) is not None


def _possible_towns(first: dict[NameSpan, Choice | None], names: frozenset[str]) -> dict:
    """The likeliest towns of every name, by grid cell."""
    cells: dict = {}
    bare = Context(names=names)
    for key, lookup in {fold(span.lookup): span.lookup for span in first}.items():
        for place in shortlist(lookup, bare):
            cells.setdefault(grid_cell(place.lat, place.lon), []).append(
                (key, place.lat, place.lon)
            )
    return cells


def _is_anchor(choice: Choice) -> bool:
    """A town or region resolved without doubt: its neighbours are likelier than namesakes."""
    local = choice.place.feature in ("city", "locality", "admin1", "admin2")
    return local and choice.confidence >= rules()["anchor_confidence"]


def _mention(mention_id: str, span: NameSpan, choice: Choice) -> PlaceMention:
    place = choice.place
    return PlaceMention(
        id=mention_id,
        text=span.text,
        start=span.start,
        end=span.end,
        name=place.name,
        country=place.country,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        feature=place.feature,
        confidence=choice.confidence,
        within=span.within,
    )


@register_stage("places", requires=("nlp", "entities"), assigns=("places", "focus"))
def make_places(settings: Settings) -> PlacesStage:
    load_gazetteer()  # the tables load now, not on the first article
    return PlacesStage()
