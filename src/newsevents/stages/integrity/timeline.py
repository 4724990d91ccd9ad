"""date_conflict: an event dated after the article that reports it as having happened.

Only explicit day dates count ("3 December 2010"): a bare "18" or a weekday resolved against
the publication date says more about date resolution than about the article, and a year or a
month ("the 2016 election") is as often ahead of the story as behind it.
"""

from __future__ import annotations

import re

from ...document import DateMention, Document, Flag
from .common import flag, lexicon

# Statuses of events that have happened: only these cannot lie after the publication date.
PAST_STATUSES = frozenset({"occurred", "attempted"})
# Publication dates good enough to judge by (an inferred one comes from the text itself).
TRUSTED_PUBLICATION = frozenset({"given", "metadata"})

_WORD = re.compile(r"[A-Za-z]+")


def check_dates(doc: Document) -> list[Flag]:
    published = doc.published
    if published.date is None or published.basis not in TRUSTED_PUBLICATION:
        return []
    mentions = {d.id: d for d in doc.dates}
    flags = []
    for event in doc.events:
        if event.date is None or event.date.basis != "stated" or event.status not in PAST_STATUSES:
            continue
        mention = mentions.get(event.date.mention or "")
        if event.date.start <= published.date or mention is None or not _explicit(mention):
            continue
        message = (
            f"a {event.type} event reported as {event.status} is dated "
            f"{event.date.start:%Y-%m-%d} (“{mention.text}”), after the article's publication on "
            f"{published.date:%Y-%m-%d}."
        )
        flags.append(flag(doc, "date_conflict", "warning", message, mention.start, mention.end))
    return flags


def _explicit(mention: DateMention) -> bool:
    """A day with its month named: a date the writer stated, not one worked out."""
    months = lexicon()["months"]
    return mention.precision == "day" and any(
        word.casefold() in months for word in _WORD.findall(mention.text)
    )
