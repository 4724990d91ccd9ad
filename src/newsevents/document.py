"""The document model: one object that travels through every stage.

Each stage reads the layers that earlier stages wrote and adds its own. ``Document.to_contract``
turns the finished document into the JSON object described in the output contract
(``newsevents/article/v1``); ``Document.from_contract`` rebuilds one from it (the store uses that).
All ``start``/``end`` offsets are indices into ``Document.text`` (the cleaned text), end exclusive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

SCHEMA_ID = "newsevents/article/v1"


@dataclass
class Span:
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(text[start:end], start, end)


@dataclass
class Removed:
    """A piece of the input that cleaning left out of ``Document.text``."""

    text: str
    reason: str  # boilerplate | share_prompt | navigation | injected_headline | related_links


@dataclass
class Repair:
    """A change cleaning made inside the text (e.g. a space put back after a glued quote)."""

    kind: str  # quote_spacing | ...
    start: int  # span in ``Document.text`` around the repaired place
    end: int
    original: str  # what the input had there


@dataclass
class Published:
    date: dt.date | None = None
    basis: str = "unknown"  # given | metadata | inferred | unknown


@dataclass
class Actor:
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass
class Entity:
    id: str
    text: str
    start: int
    end: int
    kind: str  # person | organization | country | group | other
    label: str = ""  # the NER label that found it (GPE, ORG, PERSON, NORP, ...)
    actor: Actor | None = None


@dataclass
class ActorMention:
    """A phrase that names an actor ("Malian officers", "the junta", "Bamako"), resolved.

    The actors stage finds these (entities and role phrases alike); the events stage picks the
    one that fills an event's actor or recipient slot. Not part of the contract's mentions.
    """

    text: str
    start: int
    end: int
    actor: Actor
    entity: str | None = None  # the Entity id when the phrase is (or contains) a named entity


@dataclass
class PlaceMention:
    id: str
    text: str
    start: int
    end: int
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # country | admin1 | admin2 | city | locality | region | landmark | other
    confidence: float
    # The organisation or facility whose name holds this place name ("Kentucky State Police"):
    # a toponym, but not where anything in the story happens.
    within: str | None = None


@dataclass
class DateMention:
    id: str
    text: str
    start: int
    end: int
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str  # day | week | month | quarter | year | decade
    confidence: float
    # stated (explicit in the text) | relative (resolved against another date)
    basis: str = "stated"


@dataclass
class Attribution:
    id: str
    source: Span | None
    cue: Span
    content: Span
    # official | named_person | anonymous | media | organization | document | unnamed
    source_type: str
    direct: bool
    via: list[str] = field(default_factory=list)


@dataclass
class Argument:
    """An event's actor or recipient."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    entity: str | None = None


@dataclass
class EventPlace:
    mention: str | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # city | admin1 | country | region


@dataclass
class EventDate:
    start: dt.date
    end: dt.date
    precision: str
    mention: str | None
    basis: str  # stated | relative | publication


@dataclass
class Coup:
    outcome: str  # successful | attempted | plot | alleged
    foreign_backing: str = "none"  # none | alleged | confirmed


@dataclass
class Event:
    id: str
    type: str
    evidence: Span
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    coup: Coup | None = None
    status: str = "occurred"
    actor: Argument | None = None
    recipient: Argument | None = None
    place: EventPlace | None = None
    date: EventDate | None = None
    attribution: str | None = None
    confidence: float = 0.5
    trigger: Span | None = None  # the word(s) that name the event; an addition to the contract
    # The id of the event this one mentions again (a coup named three times is one coup); an
    # addition to the contract.
    same_as: str | None = None


@dataclass
class Flag:
    kind: str
    severity: str  # info | warning | error
    message: str
    evidence: Span


@dataclass
class Document:
    """An article and every layer the stages have added to it."""

    source: str  # what the input was called (a path, "<stdin>", a JSON Lines id): used in errors
    raw: str  # the input as read: plain text or HTML
    is_html: bool = False
    input_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: Published = field(default_factory=Published)
    language: str = "en"
    # clean
    text: str = ""
    removed: list[Removed] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # clean: runs (text_start, raw_start, raw_length) tracing ``text`` back to ``raw``
    raw_offsets: list[tuple[int, int, int]] = field(default_factory=list)
    # nlp: the spaCy Doc over ``text`` (not serialised)
    nlp: Any = None
    # the mention layers
    entities: list[Entity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)  # actors stage
    places: list[PlaceMention] = field(default_factory=list)
    focus_country: str | None = None  # places: the country the story is about (ISO3)
    dates: list[DateMention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    # which stages have run, in order (the runner fills it)
    stages: list[str] = field(default_factory=list)
    # set when a stage found the input unusable: one line naming the input and the cause
    error: str | None = None

    @property
    def id(self) -> str:
        """A stable id derived from the cleaned text: same text, same id."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def to_contract(self) -> dict[str, Any]:
        """The article object of the output contract."""
        out: dict[str, Any] = {"schema": SCHEMA_ID}
        if self.input_id is not None:
            out["input_id"] = self.input_id
        out["article"] = {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": _plain(self.published),
            "language": self.language,
            "text": self.text,
            "removed": _plain(self.removed),
        }
        out["mentions"] = {
            "entities": _plain(self.entities),
            "places": _plain(self.places),
            "dates": _plain(self.dates),
            "attributions": _plain(self.attributions),
        }
        out["events"] = _plain(self.events)
        out["flags"] = _plain(self.flags)
        return out

    @classmethod
    def from_contract(cls, data: dict[str, Any], source: str = "<store>") -> Document:
        """Rebuild a finished document from its contract object (no spaCy layer)."""
        art = data["article"]
        ments = data.get("mentions", {})
        pub = art.get("published") or {}
        return cls(
            source=source,
            raw=art["text"],
            input_id=data.get("input_id"),
            url=art.get("url"),
            title=art.get("title"),
            published=Published(_date(pub.get("date")), pub.get("basis", "unknown")),
            language=art.get("language", "en"),
            text=art["text"],
            removed=[Removed(**r) for r in art.get("removed", [])],
            entities=[_entity(e) for e in ments.get("entities", [])],
            places=[PlaceMention(**p) for p in ments.get("places", [])],
            dates=[_date_mention(d) for d in ments.get("dates", [])],
            attributions=[_attribution(a) for a in ments.get("attributions", [])],
            events=[_event(e) for e in data.get("events", [])],
            flags=[Flag(**{**f, "evidence": Span(**f["evidence"])}) for f in data.get("flags", [])],
        )


def _plain(value: Any) -> Any:
    """JSON-ready ``value``: dataclasses become dicts (fields in order), dates ISO strings.

    What ``dataclasses.asdict`` gives, without its deep copy of every leaf: the layers hold only
    strings, numbers, lists and other dataclasses, and this runs for every article of a batch.
    """
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    names = _field_names(kind)
    if names:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_LEAVES = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The field names of a dataclass, in order; none for any other type."""
    return tuple(f.name for f in fields(kind)) if is_dataclass(kind) else ()


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _span(value: dict | None) -> Span | None:
    return Span(**value) if value else None


def _entity(data: dict) -> Entity:
    actor = data.get("actor")
    return Entity(**{**data, "actor": Actor(**actor) if actor else None})


def _date_mention(data: dict) -> DateMention:
    return DateMention(
        **{**data, "start_date": _date(data["start_date"]), "end_date": _date(data["end_date"])}
    )


def _attribution(data: dict) -> Attribution:
    return Attribution(
        **{
            **data,
            "source": _span(data.get("source")),
            "cue": Span(**data["cue"]),
            "content": Span(**data["content"]),
        }
    )


def _event(data: dict) -> Event:
    def argument(value: dict | None) -> Argument | None:
        return Argument(**value) if value else None

    date = data.get("date")
    return Event(
        **{
            **data,
            "evidence": Span(**data["evidence"]),
            "coup": Coup(**data["coup"]) if data.get("coup") else None,
            "actor": argument(data.get("actor")),
            "recipient": argument(data.get("recipient")),
            "place": EventPlace(**data["place"]) if data.get("place") else None,
            "date": EventDate(**{**date, "start": _date(date["start"]), "end": _date(date["end"])})
            if date
            else None,
            "trigger": _span(data.get("trigger")),
        }
    )
