"""The integrity stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class IntegrityStage(Stage):
    name = "integrity"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("integrity", requires=("events", "places", "attributions"), assigns=("flags",))
def make_integrity(settings: Settings) -> IntegrityStage:
    return IntegrityStage()
