"""The attribution stage: who said what, and through whom.

Finds quotations and reported speech in the parsed text (see ``speech``), then names each
source's kind (see ``sources``). Assigns ``doc.attributions``: ``Attribution`` objects with ids
a1, a2, ... in text order. Cue verbs, cue nouns and source words are data files beside this module.
"""

from __future__ import annotations

from ...document import Attribution, Document, Entity
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .lexicon import cue_nouns, cue_prepositions, cue_verbs, headline_labels, source_words
from .sources import source_type
from .speech import Claim, find_claims

__all__ = ["AttributionStage", "attributions_of", "make_attribution", "source_type"]


def attributions_of(doc: Document) -> list[Attribution]:
    """The attributions in a document that has been through the nlp stage."""
    return [_attribution(doc, claim, f"a{n}") for n, claim in enumerate(find_claims(doc.nlp), 1)]


def _attribution(doc: Document, claim: Claim, id_: str) -> Attribution:
    source = doc.span(*claim.source) if claim.source else None
    inside = _entities_within(doc.entities, claim.source) if claim.source else []
    return Attribution(
        id=id_,
        source=source,
        cue=doc.span(*claim.cue),
        content=doc.span(*claim.content),
        source_type=source_type(source.text if source else None, inside),
        direct=claim.direct,
        via=_relays(doc, claim),
    )


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
    return AttributionStage()
