"""The actors stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class ActorsStage(Stage):
    name = "actors"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("actors", requires=("entities", "focus"), assigns=("actors",))
def make_actors(settings: Settings) -> ActorsStage:
    return ActorsStage()
