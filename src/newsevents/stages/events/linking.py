"""Where, when and on whose word: an event's place, date and attribution.

Each is looked for in the event's clause first, then in its sentence, then (places and dates) in
the paragraph before it, then in what the whole story gives: the focus country, the publication
date.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from ...document import Attribution, DateMention, EventDate, EventPlace, PlaceMention, Published
from ...knowledge import countries

T = TypeVar("T")
# How many earlier-starting attributions to look back over for one that still holds a point:
# attribution contents rarely nest deeper, and the bound keeps long articles linear.
ATTRIBUTION_LOOKBACK = 16

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


class SpanIndex(Generic[T]):
    """Items with a character span, sorted by start, for range lookups by bisection."""

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[int, int]]) -> None:
        self.span = span
        self.items = sorted(items, key=lambda item: span(item)[0])
        self.starts = [span(item)[0] for item in self.items]

    def starting_in(self, start: int, end: int) -> list[T]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def mention_index(mentions: Sequence[T]) -> SpanIndex[T]:
    return SpanIndex(mentions, lambda m: (m.start, m.end))


def _nearest(mentions: SpanIndex, start: int, end: int, pivot: int) -> Any | None:
    inside = [m for m in mentions.starting_in(start, end) if m.end <= end]
    return min(inside, key=lambda m: abs(m.start - pivot), default=None)


def _previous(
    mentions: SpanIndex, start: int, pivot: int, keep: Callable[[Any], bool] = lambda m: True
) -> Any | None:
    before = [m for m in mentions.starting_in(start, pivot) if m.end <= pivot and keep(m)]
    return before[-1] if before else None


def _scopes(clause: tuple[int, int], sentence: tuple[int, int]) -> list[tuple[int, int]]:
    return [clause, sentence]


def place_of(
    places: SpanIndex[PlaceMention],
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
    dates: SpanIndex[DateMention],
    clause: tuple[int, int],
    sentence: tuple[int, int],
    paragraph_start: int,
    pivot: int,
    published: Published,
    looks_back: bool = False,
) -> EventDate | None:
    """The date in the event's clause, else its sentence, else the last one earlier in its
    paragraph, else the publication date. An event that ``looks_back`` (it happened) borrows no
    date after publication from an earlier sentence: "elections by the end of 2024. The union
    suspended Guinea after the coup" does not date the suspension in 2024."""
    for start, end in _scopes(clause, sentence):
        if (mention := _nearest(dates, start, end, pivot)) is not None:
            return _event_date(mention)
    day = published.date
    if looks_back and day is not None:
        mention = _previous(dates, paragraph_start, sentence[0], lambda m: m.start_date <= day)
    else:
        mention = _previous(dates, paragraph_start, sentence[0])
    if mention is not None:
        return _event_date(mention)
    return _publication_date(day)


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


def attribution_index(attributions: Sequence[Attribution]) -> SpanIndex[Attribution]:
    return SpanIndex(attributions, lambda a: (a.content.start, a.content.end))


def attribution_of(
    attributions: SpanIndex[Attribution] | Sequence[Attribution], pivot: int
) -> Attribution | None:
    """The innermost attribution whose content holds the character at ``pivot``."""
    if not isinstance(attributions, SpanIndex):
        attributions = attribution_index(attributions)
    end = bisect_left(attributions.starts, pivot + 1)
    candidates = attributions.items[max(0, end - ATTRIBUTION_LOOKBACK) : end]
    holding = [a for a in candidates if a.content.start <= pivot < a.content.end]
    return min(holding, key=lambda a: a.content.end - a.content.start, default=None)
