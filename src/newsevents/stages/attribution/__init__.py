"""The attribution stage: who said what, and through whom.

Finds quotations and reported speech in the parsed text (see ``speech``), then names each
source's kind (see ``sources``). Assigns ``doc.attributions``: ``Attribution`` objects with ids
a1, a2, ... in text order. Cue verbs, cue nouns and source words are data files beside this module.
"""

from __future__ import annotations

from ...document import Attribution, Document, Entity
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .lexicon import (
    cue_nouns,
    cue_prepositions,
    cue_verbs,
    headline_labels,
    person_pronouns,
    seeming_verbs,
    source_words,
)
from .sources import source_type
from .speech import Claim, find_claims

# Quotation marks, opening and closing: a source never holds the end of a quotation.
QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("``", "''"))

__all__ = [
    "AttributionStage",
    "attributions_of",
    "make_attribution",
    "source_type",
    "without_quoted_words",
]


def attributions_of(doc: Document) -> list[Attribution]:
    """The attributions in a document that has been through the nlp stage."""
    return [_attribution(doc, claim, f"a{n}") for n, claim in enumerate(find_claims(doc.nlp), 1)]


def _attribution(doc: Document, claim: Claim, id_: str) -> Attribution:
    bounds = without_quoted_words(doc.text, claim.source) if claim.source else None
    source = doc.span(*bounds) if bounds else None
    inside = _entities_within(doc.entities, bounds) if bounds else []
    return Attribution(
        id=id_,
        source=source,
        cue=doc.span(*claim.cue),
        content=doc.span(*claim.content),
        source_type=source_type(source.text if source else None, inside),
        direct=claim.direct,
        via=_relays(doc, claim),
    )


def without_quoted_words(text: str, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """A source's bounds less the end of a quotation the parse swept into it: in a garbled text
    ("... and stability”Mali offered") the speaker starts after the closing mark. A quotation
    wholly inside the source ("the so-called “experts”") stays."""
    start, end = bounds
    for opening, closing in QUOTE_PAIRS:
        at = text.rfind(closing, start, end)
        if at >= 0 and text.rfind(opening, start, at) < 0:
            start = max(start, at + len(closing))
    while start < end and text[start].isspace():
        start += 1
    return (start, end) if start < end else None


def _relays(doc: Document, claim: Claim) -> list[str]:
    """Who relays the claim; a generic listener ("told reporters") relays nothing."""
    relays = []
    for bounds in claim.via:
        text = doc.text[bounds[0] : bounds[1]]
        if source_type(text, _entities_within(doc.entities, bounds)) != "unnamed":
            relays.append(text)
    return relays


def _entities_within(entities: list[Entity], bounds: tuple[int, int]) -> list[Entity]:
    return [e for e in entities if bounds[0] <= e.start and e.end <= bounds[1]]


class AttributionStage(Stage):
    name = "attribution"

    def __call__(self, doc: Document) -> Document:
        doc.attributions = attributions_of(doc)
        return doc


@register_stage("attribution", requires=("nlp", "entities"), assigns=("attributions",))
def make_attribution(settings: Settings) -> AttributionStage:
    # Read the word lists now, so that no article pays for it.
    cue_verbs(), cue_prepositions(), cue_nouns(), headline_labels(), source_words()
    seeming_verbs(), person_pronouns()
    return AttributionStage()
