"""Read-only queries the web app needs beyond ``Store``'s: paging, flag filters, aggregates.

SQLAlchemy Core over the store's tables; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import distinct, func, select

from ..store import EventFilter, Store, event_conditions
from ..store import tables as t


@dataclass(frozen=True, kw_only=True)
class EventQuery(EventFilter):
    """The filters of the CLI's ``events`` command (and a flag kind), plus a page."""

    offset: int = 0
    limit: int | None = 50


def find_events(store: Store, query: EventQuery) -> Iterator[dict[str, Any]]:
    """One page of matching events, in the CLI's order, each with ``article_id``,
    ``source_type`` and the title of its article."""
    return store.events(query, limit=query.limit, offset=query.offset)


def count_events(store: Store, query: EventQuery) -> int:
    return store.count_events(query)


@dataclass(frozen=True)
class Overview:
    articles: int
    events: int
    coups: int
    flags: int
    countries: int


def overview(store: Store) -> Overview:
    ev = t.events
    with store.engine.connect() as conn:

        def count(statement) -> int:
            return conn.execute(statement).scalar_one()

        return Overview(
            articles=count(select(func.count()).select_from(t.articles)),
            events=count(select(func.count()).select_from(ev)),
            coups=count(select(func.count()).where(*_distinct_coups())),
            flags=count(select(func.count()).select_from(t.flags)),
            countries=count(select(func.count(distinct(ev.c.country)))),
        )


def _distinct_coups() -> tuple:
    ev = t.events
    return ev.c.coup_outcome.is_not(None), ev.c.same_as.is_(None)


def dated_type_counts(store: Store) -> list[tuple[dt.date, str, int]]:
    """(start date, type, number of events) for every dated event start."""
    ev = t.events
    statement = (
        select(ev.c.date_start, ev.c.type, func.count())
        .where(ev.c.date_start.is_not(None))
        .group_by(ev.c.date_start, ev.c.type)
    )
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(statement)]


def coup_events(store: Store) -> list[dict[str, Any]]:
    """Every coup event with its country, date, outcome and article, oldest first; a coup an
    article names again is there once."""
    ev, ar = t.events, t.articles
    statement = (
        select(
            ev.c.article_id,
            ev.c.event_id,
            ev.c.country,
            ev.c.date_start,
            ev.c.coup_outcome,
            ev.c.coup_foreign_backing,
            ev.c.status,
            ev.c.evidence,
            ar.c.title,
        )
        .join(ar, ar.c.id == ev.c.article_id)
        .where(*_distinct_coups())
        .order_by(ev.c.date_start.asc().nulls_last(), ev.c.article_id, ev.c.position)
    )
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(statement)]


def event_places(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    """Matching events with what the map needs: type, country, coordinates when known."""
    ev = t.events
    statement = select(ev.c.article_id, ev.c.type, ev.c.country, ev.c.data).where(
        *event_conditions(query)
    )
    rows = []
    with store.engine.connect() as conn:
        for article_id, kind, country, data in conn.execute(statement):
            place = data.get("place") or {}
            rows.append(
                {
                    "article_id": article_id,
                    "id": data["id"],
                    "type": kind,
                    "country": country,
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "name": place.get("name"),
                }
            )
    return rows


def choices(store: Store) -> dict[str, list[str]]:
    """The values present in the store for the filter menus: countries and flag kinds."""
    with store.engine.connect() as conn:
        countries = conn.execute(
            select(t.events.c.country)
            .distinct()
            .where(t.events.c.country.is_not(None))
            .order_by(t.events.c.country)
        ).scalars()
        flag_kinds = conn.execute(
            select(t.flags.c.kind).distinct().order_by(t.flags.c.kind)
        ).scalars()
        return {"countries": list(countries), "flags": list(flag_kinds)}


def recent_articles(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    ar = t.articles
    statement = (
        select(ar.c.id, ar.c.title, ar.c.published, ar.c.ingested_at)
        .order_by(ar.c.ingested_at.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(statement)]
