"""Inferring the publication date from the text when no one gave it.

A report is written after the last event it dates in full: the latest explicit day ("May
11-12, 2022") is the first guess, and a dateline's day ("YANGON, Feb. 12, 2023 -") is the day of
the report. Weekday and day words that come after it in the text move the
guess forward: a statement "on Monday evening" after a Thursday event puts the report on the
following Monday at the earliest, one made "yesterday" a day after that.
"""

from __future__ import annotations

import datetime as dt
import re

from .grammar import lexicon, weekday_number
from .resolve import Context, resolve
from .spans import Candidate

# A dateline around a date: a place in capitals and a comma before it on its line; an agency in
# brackets, then a dash or colon, after it.
_DATELINE_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z .'’-]{1,40}(?:, [A-Z][\w .'’-]{1,30})?,[ \t]*$"
)
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{1,30}\))?[ \t]*[-–—:]")


def in_dateline(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is a dateline's ("LAGOS, May 3 (Wire) - ...")."""
    return bool(
        _DATELINE_BEFORE.search(text, max(0, start - 80), start)
        and _DATELINE_AFTER.match(text, end)
    )


def infer_publication(
    candidates: list[Candidate], directions: list[str | None], require_past: bool = True
) -> dt.date | None:
    """The earliest date the report can have been written on, or ``None`` if nothing tells.

    Only expressions in past-tense clauses count when ``require_past`` (the text was parsed):
    a dated plan ("the strike set for Christmas 2016") says nothing about when it was reported.
    """
    reported = {"past"} if require_past else {"past", None}
    explicit = []
    for index, (candidate, direction) in enumerate(zip(candidates, directions, strict=True)):
        found = resolve(candidate.match, Context())
        if found and found.basis == "stated" and found.precision == "day" and direction in reported:
            explicit.append((found.end, index))
    if not explicit:
        return None
    base, base_index = max(explicit)
    latest = base
    later = zip(candidates[base_index + 1 :], directions[base_index + 1 :], strict=True)
    for candidate, direction in later:
        if direction in reported:
            latest = max(latest, _earliest_report(candidate, base))
    return latest


def _earliest_report(candidate: Candidate, base: dt.date) -> dt.date:
    groups, rule = candidate.match.groups, candidate.match.rule.name
    if rule == "weekday" and not groups.get("rel"):
        target = weekday_number(groups["weekday"])
        return base + dt.timedelta(days=(target - base.weekday()) % 7)
    if rule == "relative_day":
        return base - dt.timedelta(days=min(0, lexicon()["relative_days"][groups["word"].lower()]))
    return base
