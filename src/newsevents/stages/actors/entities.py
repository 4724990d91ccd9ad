"""Named entities -> actors: knowledge-base look-ups; the sentence decides what a name stands for.

"Mali offered no details" is the government of Mali; "troops left Mali" names the country.
"Bamako said" and "relations with Paris" name governments by their seats; "fighting in Bamako" names
a place, so it gets no actor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span

from ...document import Actor, Entity
from ...knowledge import (
    Country,
    country_by_demonym,
    country_by_name,
    country_by_seat,
    leader_by_name,
    leader_by_surname,
    named_actor_by_name,
    organization_by_name,
)
from .lexicon import actor_name, locative_prepositions, role_of

# Dependency relations in which a country or a seat acts: the subject, the agent of a passive
# ("accused by Mali") and the possessor ("Bamako's relations").
ACTING_DEPS = frozenset({"nsubj", "poss"})


@dataclass(frozen=True)
class Resolved:
    actor: Actor | None
    kind: str


def clean_name(text: str) -> str:
    """The name without a leading "the" or a trailing possessive."""
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if text[:4].lower() == "the ":
        text = text[4:]
    return text.strip()


def country_actor(country: Country, acting: bool) -> Actor:
    if acting:
        return Actor(actor_name("GOV", country.name), country.iso3, "GOV")
    return Actor(country.name, country.iso3)


def is_acting(span: Span) -> bool:
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head  # "France and Mali signed": both act
    if root.dep_ in ACTING_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def is_locative(span: Span) -> bool:
    """ "in Bamako", "to the country": the phrase is a place the sentence puts something in."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in locative_prepositions()


def resolve_known(name: str, span: Span | None, on: dt.date | None) -> Resolved | None:
    """An entity the knowledge base knows by name, or None."""
    if found := named_actor_by_name(name):
        return Resolved(Actor(found.name, found.country, found.sector), found.kind)
    if org := organization_by_name(name):
        return Resolved(Actor(org.name, org.code, org.sector), "organization")
    if leader := leader_by_name(name, on):
        return Resolved(Actor(leader.name, leader.country, leader.sector), "person")
    if country := country_by_name(name):
        return Resolved(country_actor(country, span is not None and is_acting(span)), "country")
    if country := country_by_seat(name):
        if span is not None and is_locative(span):
            return Resolved(None, "other")
        return Resolved(Actor(actor_name("GOV", country.name), country.iso3, "GOV"), "organization")
    if country := country_by_demonym(name):
        return Resolved(Actor(country.name, country.iso3), "group")
    return None


def resolve_entity(
    entity: Entity, span: Span | None, on: dt.date | None, focus: str | None = None
) -> Resolved:
    """The actor a named entity names, and its refined kind; ``actor`` None when it names none."""
    name = clean_name(entity.text)
    known = resolve_known(name, span, on)
    if known is not None:
        return known
    if entity.label == "PERSON":
        return resolve_person(name, on, focus)
    if entity.label == "ORG":
        return Resolved(organization_actor(name, span, focus), "organization")
    return Resolved(None, entity.kind)


def resolve_person(name: str, on: dt.date | None, focus: str | None) -> Resolved:
    """A surname alone ("Tinubu") is the office holder of the story's country, or the only one."""
    if " " not in name:
        leader = leader_by_surname(name, focus, on) or leader_by_surname(name, None, on)
        if leader is not None:
            return Resolved(Actor(leader.name, leader.country, leader.sector), "person")
    return Resolved(Actor(name), "person")


def organization_actor(name: str, span: Span | None, focus: str | None) -> Actor:
    """An organisation the tables lack, read from its words: "Nigerian Senate" (NGA LEG),
    "Ministry of Defence" (the story's country, GOV)."""
    words = name.replace("-", " ").split()
    country = next(filter(None, (word_country(w) for w in words)), None)
    roles = [role for role in (role_of(w) for w in words) if role and role.sector]
    role = roles[0] if roles else None
    if country is None and role is not None and role.state:
        country = focus
    sector = role.sector if role else None
    return Actor(name, country.iso3 if isinstance(country, Country) else country, sector)


def word_country(word: str) -> Country | None:
    return country_by_demonym(word) or country_by_name(word)
