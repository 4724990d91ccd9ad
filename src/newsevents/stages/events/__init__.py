"""The events stage."""

from __future__ import annotations

from ...document import Document
from ...pipeline import Stage, register_stage
from ...settings import Settings


class EventsStage(Stage):
    name = "events"

    def __call__(self, doc: Document) -> Document:
        return doc


@register_stage("events", requires=("nlp", "actors", "places", "dates", "attributions"), assigns=("events",))
def make_events(settings: Settings) -> EventsStage:
    return EventsStage()
