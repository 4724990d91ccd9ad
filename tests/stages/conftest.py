"""Fixtures shared by the events and coups tests."""

from __future__ import annotations

import pytest

from newsevents.stages.events import EventsStage


@pytest.fixture(scope="module")
def stage() -> EventsStage:
    """The events stage, rules only (no classifier): what the rules decide alone."""
    return EventsStage()


@pytest.fixture
def events(parsed, stage):
    """Parse ``text``, add the given layers, run the events stage, return its events."""

    def run(text: str, **layers):
        doc = parsed(text)
        for name, value in layers.items():
            setattr(doc, name, value(doc) if callable(value) else value)
        return stage(doc).events

    return run
