"""anonymous_source and unattributed_claim: claims and who stands behind them.

- anonymous_source: an attribution to an anonymous source ("a source who asked not to be named")
  whose claim no named source in the article confirms (no event of the same type rests on one).
- unattributed_claim: a strong claim, a coup's foreign backing, stated in the article's own voice:
  no attribution covers it, it is not a quotation and no reporting verb frames it.
"""

from __future__ import annotations

import re
from functools import cache

from ...document import Attribution, Document, Event, Flag
from .common import (
    alternation,
    flag,
    lexicon,
    quoted,
    sentence_index,
    sentences,
    spans_overlap,
    words_pattern,
)

_QUOTATION = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
NAMED_SOURCES = frozenset({"official", "named_person", "organization", "document", "media"})


def check_anonymous_sources(doc: Document) -> list[Flag]:
    by_id = {a.id: a for a in doc.attributions}
    flags = []
    for attribution in doc.attributions:
        if attribution.source_type != "anonymous":
            continue
        if _confirmed_by_named_source(doc.events, attribution, by_id):
            continue
        flags.append(_anonymous_flag(doc, attribution))
    return flags


def _confirmed_by_named_source(
    events: list[Event], attribution: Attribution, by_id: dict[str, Attribution]
) -> bool:
    """A named source reports the same happening: same type and mode, done to the same party."""
    claimed = {_happening(e) for e in events if e.attribution == attribution.id}
    return any(
        _happening(e) in claimed
        and e.attribution in by_id
        and by_id[e.attribution].source_type in NAMED_SOURCES
        for e in events
        if _happening(e) is not None
    )


def _happening(event: Event) -> tuple[str, str, str] | None:
    """What identifies a happening across reports, or None when the event says too little."""
    recipient = event.recipient and (event.recipient.name or event.recipient.text)
    if not event.mode or not recipient:
        return None
    return event.type, event.mode, recipient.casefold()


def _anonymous_flag(doc: Document, attribution: Attribution) -> Flag:
    parts = [attribution.cue, attribution.content] + (
        [attribution.source] if attribution.source else []
    )
    start, end = min(p.start for p in parts), max(p.end for p in parts)
    content = attribution.content
    source = (
        quoted(doc, attribution.source.start, attribution.source.end)
        if attribution.source
        else "unnamed"
    )
    message = (
        f"the claim {quoted(doc, content.start, content.end)} rests only on an anonymous source "
        f"({source}); no named source in the article confirms it."
    )
    return flag(doc, "anonymous_source", "warning", message, start, end)


@cache
def _backing_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon()["backing_suffixes"])
    cues = words_pattern("backing_cues").pattern
    return re.compile(rf"{cues}|(?<=\w)-(?:{suffixes})\b", re.IGNORECASE)


def check_unattributed_claims(doc: Document) -> list[Flag]:
    claims = _backing_claims(doc)
    if not claims:
        return []
    quotes = [m.span() for m in _QUOTATION.finditer(doc.text)]
    covered = [
        *((a.content.start, a.content.end) for a in doc.attributions),
        *((a.cue.start, a.cue.end) for a in doc.attributions),
        *quotes,
    ]
    flags = []
    for start, end in claims:
        if any(spans_overlap((start, end), span) for span in covered):
            continue
        if words_pattern("reporting_cues").search(doc.text, start, end):
            continue
        message = (
            f"{quoted(doc, start, end)} asserts foreign backing of a coup in the article's own "
            "voice: no source is given for this strong claim."
        )
        flags.append(flag(doc, "unattributed_claim", "warning", message, start, end))
    return flags


def _backing_claims(doc: Document) -> list[tuple[int, int]]:
    """Sentences that claim a coup had foreign backing: by the events, or by their words."""
    bounds = sentences(doc)
    claims = set()
    for event in doc.events:
        if event.coup and event.coup.foreign_backing != "none" and event.attribution is None:
            claims.update(s for s in bounds if spans_overlap(s, event.evidence))
    for cue in _backing_pattern().finditer(doc.text):
        start, end = bounds[sentence_index(bounds, cue.start())]
        if words_pattern("coup_words").search(doc.text, start, end):
            claims.add((start, end))
    return sorted(claims)
