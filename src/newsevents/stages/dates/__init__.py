"""The dates stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class DatesStage(Stage):
    name = "dates"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("dates", requires=("text", "nlp"), assigns=("dates", "published"))
def make_dates(settings: Settings) -> DatesStage:
    return DatesStage()
