"""date_conflict: an event dated after the article that reports it as having happened."""

from __future__ import annotations

from ...document import Document, Event, Flag
from .common import flag

# Statuses of events that have happened: only these cannot lie after the publication date.
PAST_STATUSES = frozenset({"occurred", "attempted"})
# Publication dates good enough to judge by (an inferred one comes from the text itself).
TRUSTED_PUBLICATION = frozenset({"given", "metadata"})


def check_dates(doc: Document) -> list[Flag]:
    published = doc.published
    if published.date is None or published.basis not in TRUSTED_PUBLICATION:
        return []
    mentions = {d.id: d for d in doc.dates}
    flags = []
    for event in doc.events:
        if not _dated_in_text(event) or event.status not in PAST_STATUSES:
            continue
        if event.date.start <= published.date:
            continue
        mention = mentions.get(event.date.mention or "")
        start, end = (
            (mention.start, mention.end) if mention else (event.evidence.start, event.evidence.end)
        )
        message = (
            f"a {event.type} event reported as {event.status} is dated "
            f"{event.date.start:%Y-%m-%d}, after the article's publication on "
            f"{published.date:%Y-%m-%d}."
        )
        flags.append(flag(doc, "date_conflict", "warning", message, start, end))
    return flags


def _dated_in_text(event: Event) -> bool:
    return event.date is not None and event.date.basis in ("stated", "relative")
