"""The contract's JSON Schema: valid, accepts what the pipeline prints, refuses broken objects."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib.resources import files

import jsonschema
import pytest
from jsonschema import Draft202012Validator, FormatChecker

from newsevents.document import Document
from tests.test_store import make_document

ARTICLES = [
    "Rebels attacked an army base near Goma on Friday, killing four soldiers, the army said.",
    "Thousands of teachers went on strike in Santiago on 2 May 2023 to demand higher pay. "
    "The education minister said talks would resume next week.",
    "Officers detained the president of Gabon in Libreville on Wednesday and said they had "
    "taken power, state television reported. France condemned the coup.",
]


@cache
def validator() -> Draft202012Validator:
    text = (files("newsevents") / "schema" / "article.schema.json").read_text(encoding="utf-8")
    return Draft202012Validator(json.loads(text), format_checker=FormatChecker())


def errors(instance: dict) -> list[str]:
    return [error.message for error in validator().iter_errors(instance)]


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(validator().schema)


def test_schema_accepts_a_hand_built_document():
    assert errors(make_document().to_contract()) == []


def test_schema_accepts_an_empty_analysis():
    text = "Nothing of note happened in the town council meeting."
    assert errors(Document(source="t", raw=text, text=text).to_contract()) == []


@pytest.mark.model
@pytest.mark.parametrize("text", ARTICLES)
def test_schema_accepts_what_the_pipeline_prints(pipeline, text):
    doc = pipeline(Document(source="test", raw=text))
    assert doc.error is None
    contract = json.loads(json.dumps(doc.to_contract()))  # exactly what analyze prints
    assert errors(contract) == []


def test_schema_allows_added_fields():
    contract = make_document().to_contract()
    contract["article"]["source_name"] = "a wire service"
    contract["events"][0]["severity_score"] = 3
    assert errors(contract) == []


def _broken(path: str, value: object) -> dict:
    """The hand-built contract with the field at ``path`` (dotted) set to ``value`` or deleted."""
    contract = copy.deepcopy(make_document().to_contract())
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = contract
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return contract


DELETE = object()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("schema", "newsevents/article/v2"),
        ("article.id", DELETE),
        ("article.text", ""),
        ("article.published.basis", "guessed"),
        ("article.published.date", "5 March 2024"),
        ("article.removed.0.reason", "advert"),
        ("mentions.entities.0.kind", "animal"),
        ("mentions.places.0.country", "Niger"),
        ("mentions.places.0.feature", "village"),
        ("mentions.dates.0.precision", "hour"),
        ("mentions.attributions.0.source_type", "rumour"),
        ("events.0.type", "COUP"),
        ("events.0.mode", "fly"),
        ("events.0.status", "maybe"),
        ("events.0.coup.outcome", "failed"),
        ("events.0.contexts", []),  # a coup must carry the coup context
        ("events.0.actor.sector", "ARMY"),
        ("events.0.date.basis", "guess"),
        ("events.0.evidence", DELETE),
        ("events.0.evidence.start", -1),
        ("events.0.confidence", 1.5),
        ("flags.0.severity", "fatal"),
        ("flags.0.message", ""),
        ("events", DELETE),
    ],
)
def test_schema_refuses_a_broken_object(path, value):
    assert errors(_broken(path, value)), f"{path} = {value!r} should not validate"


def test_schema_error_names_the_field():
    with pytest.raises(jsonschema.ValidationError) as info:
        validator().validate(_broken("events.0.type", "COUP"))
    assert list(info.value.absolute_path) == ["events", 0, "type"]
