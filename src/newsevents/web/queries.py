"""Read-only queries the web app needs beyond ``Store``'s: paging, flag filters, aggregates.

SQLAlchemy Core over the store's tables; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import distinct, exists, func, select

from ..store import Store
from ..store import tables as t


@dataclass(frozen=True, kw_only=True)
class EventQuery:
    """The filters of the CLI's ``events`` command, plus a flag kind and a page."""

    country: str | None = None
    type: str | None = None
    coup: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    source_type: str | None = None
    statuses: tuple[str, ...] = ()
    article_id: str | None = None
    flag: str | None = None  # a flag kind; "any" for events of any flagged article
    offset: int = 0
    limit: int | None = 50


def _conditions(query: EventQuery) -> list:
    ev = t.events
    conditions = []
    if query.country:
        conditions.append(ev.c.country == query.country.upper())
    if query.type:
        conditions.append(ev.c.type == query.type.upper())
    if query.coup:
        conditions.append(ev.c.coup_outcome.is_not(None))
    if query.since:
        conditions.append(ev.c.date_end >= query.since)
    if query.until:
        conditions.append(ev.c.date_start <= query.until)
    if query.source_type:
        conditions.append(ev.c.source_type == query.source_type)
    if query.statuses:
        conditions.append(ev.c.status.in_(query.statuses))
    if query.article_id:
        conditions.append(ev.c.article_id == query.article_id)
    if query.flag:
        flagged = t.flags.c.article_id == ev.c.article_id
        if query.flag != "any":
            flagged = flagged & (t.flags.c.kind == query.flag)
        conditions.append(exists().where(flagged))
    return conditions


def find_events(store: Store, query: EventQuery) -> Iterator[dict[str, Any]]:
    """One page of matching events, in the CLI's order, each with ``article_id`` and
    ``source_type`` and the title of its article."""
    ev, ar = t.events, t.articles
    statement = (
        select(ev.c.article_id, ev.c.source_type, ev.c.data, ar.c.title)
        .join(ar, ar.c.id == ev.c.article_id)
        .where(*_conditions(query))
        .order_by(ev.c.date_start.asc().nulls_last(), ev.c.article_id, ev.c.position)
        .offset(query.offset)
        .limit(query.limit)
    )
    with store.engine.connect() as conn:
        for article_id, source_type, data, title in conn.execute(statement):
            yield {"article_id": article_id, **data, "source_type": source_type, "title": title}


def count_events(store: Store, query: EventQuery) -> int:
    statement = select(func.count()).select_from(t.events).where(*_conditions(query))
    with store.engine.connect() as conn:
        return conn.execute(statement).scalar_one()


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
            coups=count(select(func.count()).where(ev.c.coup_outcome.is_not(None))),
            flags=count(select(func.count()).select_from(t.flags)),
            countries=count(select(func.count(distinct(ev.c.country)))),
        )


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
    """Every coup event with its country, date, outcome and article, oldest first."""
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
        .where(ev.c.coup_outcome.is_not(None))
        .order_by(ev.c.date_start.asc().nulls_last(), ev.c.article_id, ev.c.position)
    )
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(statement)]


def event_places(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    """Matching events with what the map needs: type, country, coordinates when known."""
    ev = t.events
    statement = select(ev.c.article_id, ev.c.type, ev.c.country, ev.c.data).where(
        *_conditions(query)
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
