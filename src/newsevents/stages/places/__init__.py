"""The places stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class PlacesStage(Stage):
    name = "places"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("places", requires=("nlp", "entities"), assigns=("places", "focus"))
def make_places(settings: Settings) -> PlacesStage:
    return PlacesStage()
