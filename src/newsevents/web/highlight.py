"""Cut an article's text into runs that share the same annotations, for highlighting.

The page renders each run as escaped text inside one element whose classes name what covers it
(evidence, place, date, source, cue, content), so overlapping and nested spans need no nested
markup, and no markup from the article itself can ever reach the page.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Mark:
    """One annotated span of the text: ``kind`` is its class, ``ref`` the id it belongs to."""

    start: int
    end: int
    kind: str
    ref: str


@dataclass(frozen=True)
class Run:
    text: str
    kinds: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


def contract_marks(contract: dict[str, Any]) -> list[Mark]:
    """The marks of an article's events, places, dates and attributions."""
    mentions = contract.get("mentions", {})
    marks = [_mark(e["evidence"], "evidence", e["id"]) for e in contract.get("events", [])]
    marks += [_mark(p, "place", p["id"]) for p in mentions.get("places", [])]
    marks += [_mark(d, "date", d["id"]) for d in mentions.get("dates", [])]
    for attribution in mentions.get("attributions", []):
        for part in ("source", "cue", "content"):
            if attribution.get(part):
                marks.append(_mark(attribution[part], part, attribution["id"]))
    return marks


def _mark(span: dict[str, Any], kind: str, ref: str) -> Mark:
    return Mark(span["start"], span["end"], kind, ref)


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """``text`` cut at every mark boundary; each run lists the marks that cover it."""
    starts: dict[int, list[Mark]] = defaultdict(list)
    ends: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        start, end = max(0, mark.start), min(len(text), mark.end)
        if start < end:  # spans outside the text or empty (a stale offset) are skipped
            starts[start].append(mark)
            ends[end].append(mark)
    cuts = sorted({0, len(text), *starts, *ends})
    active: set[Mark] = set()
    out = []
    for left, right in itertools.pairwise(cuts):
        active.difference_update(ends.get(left, ()))
        active.update(starts.get(left, ()))
        out.append(_run(text[left:right], active))
    return out


def _run(text: str, active: set[Mark]) -> Run:
    if not active:
        return Run(text)
    kinds = tuple(sorted({m.kind for m in active}))
    refs = tuple(sorted({m.ref for m in active}))
    return Run(text, kinds, refs)
