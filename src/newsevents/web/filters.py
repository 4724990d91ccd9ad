"""The event filters of ``/events`` and ``/api/events``, read from the query string.

The same names as the CLI's ``events`` options. Empty values (what an HTML form sends for an
untouched field) mean "no filter", so the page and the API share one reader.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query

from ..cli.events import EVENT_TYPES, SOURCE_TYPES, STATUSES
from .errors import WebError
from .queries import EventQuery

MAX_PAGE = 1000
DEFAULT_PAGE = 50


def event_query(
    country: Annotated[
        str | None, Query(description="ISO3 code of where the event happened (else its actor's).")
    ] = None,
    type: Annotated[str | None, Query(description="PLOVER event type.")] = None,
    coup: Annotated[bool, Query(description="Only coups, coup attempts and plots.")] = False,
    since: Annotated[str | None, Query(description="Events dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Events dated on or before YYYY-MM-DD.")] = None,
    source_type: Annotated[
        str | None, Query(description=f"Who the claim rests on: {', '.join(SOURCE_TYPES)}.")
    ] = None,
    status: Annotated[
        list[str] | None, Query(description=f"Any of these statuses: {', '.join(STATUSES)}.")
    ] = None,
    article: Annotated[str | None, Query(description="Only this article's events.")] = None,
    flag: Annotated[
        str | None, Query(description='Events of articles with this flag kind ("any": any flag).')
    ] = None,
    distinct: Annotated[
        bool, Query(description="Each event once: leave out an article's repeated mentions.")
    ] = False,
    offset: Annotated[int, Query(ge=0, description="Events to skip (paging).")] = 0,
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_PAGE, description="Events per page (default 50).")
    ] = None,
) -> EventQuery:
    """The filters of one request; a value the CLI would refuse is a 400 error."""
    event_type = _choice("type", type, EVENT_TYPES, upper=True)
    return EventQuery(
        country=_blank(country),
        type=event_type,
        coup=coup,
        since=_date("since", since),
        until=_date("until", until),
        source_type=_choice("source_type", source_type, SOURCE_TYPES),
        statuses=tuple(_choice("status", s, STATUSES) for s in status or () if s),
        article_id=_blank(article),
        flag=_blank(flag),
        distinct=distinct,
        offset=offset,
        limit=limit,
    )


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(name: str, value: str | None) -> dt.date | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WebError(400, f"{name}: {value!r} is not a date in the form YYYY-MM-DD") from None


def _choice(
    name: str, value: str | None, allowed: tuple[str, ...], upper: bool = False
) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    value = value.upper() if upper else value
    if value not in allowed:
        raise WebError(400, f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return value
