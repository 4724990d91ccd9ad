"""Where, when and on whose word: an event's place, date and attribution.

Each is looked for in the event's clause first, then in its sentence, then (places and dates) in
the paragraph before it, then in what the whole story gives: the focus country, the publication
date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...document import Attribution, DateMention, EventDate, EventPlace, PlaceMention, Published
from ...knowledge import countries

PRECISION_BY_FEATURE = {
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin1",
    "region": "region",
    "city": "city",
    "locality": "city",
    "landmark": "city",
    "other": "city",
}


def _nearest(mentions: list[Any], start: int, end: int, pivot: int) -> Any | None:
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    return min(inside, key=lambda m: abs(m.start - pivot), default=None)


def _previous(mentions: list[Any], start: int, pivot: int) -> Any | None:
    before = [m for m in mentions if start <= m.start and m.end <= pivot]
    return max(before, key=lambda m: m.start, default=None)


def _scopes(clause: tuple[int, int], sentence: tuple[int, int]) -> list[tuple[int, int]]:
    return [clause, sentence]


def place_of(
    places: list[PlaceMention],
    clause: tuple[int, int],
    sentence: tuple[int, int],
    paragraph_start: int,
    pivot: int,
    focus_country: str | None,
) -> EventPlace | None:
    for start, end in _scopes(clause, sentence):
        if (mention := _nearest(places, start, end, pivot)) is not None:
            return _event_place(mention)
    if (mention := _previous(places, paragraph_start, sentence[0])) is not None:
        return _event_place(mention)
    return _focus_place(focus_country)


def _event_place(mention: PlaceMention) -> EventPlace:
    return EventPlace(
        mention=mention.id,
        name=mention.name,
        country=mention.country,
        lat=mention.lat,
        lon=mention.lon,
        precision=PRECISION_BY_FEATURE.get(mention.feature, "city"),
    )


def _focus_place(iso3: str | None) -> EventPlace | None:
    country = countries().get(iso3) if iso3 else None
    if country is None:
        return None
    return EventPlace(None, country.name, country.iso3, country.lat, country.lon, "country")


def date_of(
    dates: list[DateMention],
    clause: tuple[int, int],
    sentence: tuple[int, int],
    paragraph_start: int,
    pivot: int,
    published: Published,
) -> EventDate | None:
    usable = [d for d in dates if d.start_date is not None]
    for start, end in _scopes(clause, sentence):
        if (mention := _nearest(usable, start, end, pivot)) is not None:
            return _event_date(mention)
    if (mention := _previous(usable, paragraph_start, sentence[0])) is not None:
        return _event_date(mention)
    return _publication_date(published.date)


def _event_date(mention: DateMention) -> EventDate:
    return EventDate(
        start=mention.start_date,
        end=mention.end_date or mention.start_date,
        precision=mention.precision,
        mention=mention.id,
        basis=mention.basis,
    )


def _publication_date(day: dt.date | None) -> EventDate | None:
    if day is None:
        return None
    return EventDate(start=day, end=day, precision="day", mention=None, basis="publication")


def attribution_of(attributions: list[Attribution], pivot: int) -> Attribution | None:
    """The innermost attribution whose content holds the character at ``pivot``."""
    holding = [a for a in attributions if a.content.start <= pivot < a.content.end]
    return min(holding, key=lambda a: a.content.end - a.content.start, default=None)
