"""``Document.to_contract``: the same object ``dataclasses.asdict`` would give, without sharing."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from newsevents.document import Actor, Document, Entity
from tests.test_store import make_document


def reference_contract(doc: Document) -> dict:
    """The contract built the slow, obvious way: ``asdict`` and dates as ISO strings."""

    def jsonable(value):
        if isinstance(value, dict):
            return {k: jsonable(v) for k, v in value.items()}
        if isinstance(value, list):
            return [jsonable(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return {
        "schema": "newsevents/article/v1",
        "article": {
            "id": doc.id,
            "url": doc.url,
            "title": doc.title,
            "published": jsonable(asdict(doc.published)),
            "language": doc.language,
            "text": doc.text,
            "removed": [asdict(r) for r in doc.removed],
        },
        "mentions": {
            "entities": [jsonable(asdict(e)) for e in doc.entities],
            "places": [asdict(p) for p in doc.places],
            "dates": [jsonable(asdict(d)) for d in doc.dates],
            "attributions": [asdict(a) for a in doc.attributions],
        },
        "events": [jsonable(asdict(e)) for e in doc.events],
        "flags": [asdict(f) for f in doc.flags],
    }


def test_contract_matches_asdict_field_for_field():
    doc = make_document()
    doc.entities.append(Entity("e2", "Niamey", 0, 6, "other", "GPE", Actor("Niger", "NER")))
    contract = doc.to_contract()
    assert contract == reference_contract(doc)
    assert list(contract["events"][0]) == list(reference_contract(doc)["events"][0])


def test_contract_shares_no_list_with_the_document():
    doc = make_document()
    contract = doc.to_contract()
    contract["events"][0]["contexts"].append("changed")
    assert "changed" not in doc.events[0].contexts


def test_contract_round_trips():
    contract = make_document().to_contract()
    assert Document.from_contract(contract).to_contract() == contract
