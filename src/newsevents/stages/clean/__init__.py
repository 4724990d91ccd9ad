"""The clean stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class CleanStage(Stage):
    name = "clean"

    def __call__(self, doc: Document) -> Document:
        doc.text = doc.raw
        return doc


@register_stage("clean", requires=("raw",), assigns=("text", "removed"))
def make_clean(settings: Settings) -> CleanStage:
    return CleanStage()
