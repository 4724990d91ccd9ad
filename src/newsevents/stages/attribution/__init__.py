"""The attribution stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class AttributionStage(Stage):
    name = "attribution"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("attribution", requires=("nlp", "entities"), assigns=("attributions",))
def make_attribution(settings: Settings) -> AttributionStage:
    return AttributionStage()
