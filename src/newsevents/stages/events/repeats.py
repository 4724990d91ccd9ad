"""Mentions of one coup: a story names its coup again and again ("soldiers attempted a coup on
the night of 3 May", "the coup attempt failed", "after the coup was announced"), and a count of
coups must count it once.

Each later mention gets ``same_as``: the id of the mention that dates the coup best. Two mentions
are of one coup when they unseat the same country within a week of each other. A country rarely
sees two coups in a week, while a story's dates for one coup often differ by days (the night it
happened, the day it was announced, the day the article fell back on). Only coups are joined:
two arrests in one country on one day are as often two arrests as one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ...document import Event

# How far apart two dates of one coup may be.
SAME_COUP_SLACK = dt.timedelta(days=7)
# A mention reports a coup only with one of these statuses ("denied a coup" reports none).
REPORTING_STATUSES = frozenset({"occurred", "attempted", "planned"})
# Which date speaks best for a coup: one the text states, then one resolved from it, then the
# publication date it fell back on.
BASIS_RANK = {"stated": 0, "relative": 1, "publication": 2}


def mark_repeats(coups: Iterable[Event]) -> None:
    """Set ``same_as`` on every coup mention that repeats a better-dated mention of its coup."""
    representatives: list[Event] = []
    for event in sorted(_comparable(coups), key=_date_rank):
        first = next((rep for rep in representatives if _same_coup(rep, event)), None)
        if first is None:
            representatives.append(event)
        else:
            event.same_as = first.id


def _comparable(events: Iterable[Event]) -> list[Event]:
    return [
        event
        for event in events
        if event.status in REPORTING_STATUSES and event.date is not None and _country(event)
    ]


def _date_rank(event: Event) -> tuple[int, int, int]:
    assert event.date is not None
    width = (event.date.end - event.date.start).days
    return BASIS_RANK.get(event.date.basis, len(BASIS_RANK)), width, event.evidence.start


def _same_coup(first: Event, other: Event) -> bool:
    assert first.date is not None and other.date is not None
    return (
        _country(first) == _country(other)
        and first.date.start <= other.date.end + SAME_COUP_SLACK
        and other.date.start <= first.date.end + SAME_COUP_SLACK
    )


def _country(event: Event) -> str | None:
    """The country whose rulers the coup targets: the unseated side's, else the place's."""
    for argument in (event.recipient, event.place):
        if argument is not None and argument.country:
            return argument.country
    return None
