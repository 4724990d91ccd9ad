"""The nlp stage's entity ruler and paragraph breaks."""

from __future__ import annotations

from collections import Counter

import pytest
import spacy

from newsevents.stages.nlp import paragraphs, ruler_patterns


def test_each_name_has_one_pattern():
    counts = Counter(p["pattern"] for p in ruler_patterns())
    assert [name for name, n in counts.items() if n > 1] == []


def test_patterns_cover_every_table():
    labels = {p["pattern"]: p["label"] for p in ruler_patterns()}
    assert labels["Burkina Faso"] == "GPE"
    assert labels["Abidjan"] == "GPE"
    assert labels["Kremlin"] == "ORG"
    assert labels["ECOWAS"] == "ORG"
    assert labels["Boko Haram"] == "ORG"
    assert labels["Burkinabe"] == "NORP"
    assert labels["Paul Kagame"] == "PERSON"
    assert labels["US"] == "GPE"


def test_place_names_in_capitals_are_places_for_datelines():
    labels = {p["pattern"]: p["label"] for p in ruler_patterns()}
    assert labels["BUENOS AIRES"] == "GPE"  # "BUENOS AIRES - ..."
    assert labels["ABIDJAN"] == "GPE"
    assert "AFRICAN UNION" not in labels  # a heading in capitals is as often not the body


@pytest.mark.model
def test_ruler_tags_names_the_model_misses(parsed):
    doc = parsed("Fighters loyal to JNIM attacked Ouagadougou, Al-Shabaab said in Mogadishu.")
    found = {(e.text, e.label) for e in doc.entities}
    assert {("JNIM", "ORG"), ("Ouagadougou", "GPE"), ("Al-Shabaab", "ORG")} <= found


def test_a_paragraph_break_starts_a_sentence():
    nlp = spacy.blank("en")
    nlp.add_pipe(paragraphs.COMPONENT)
    doc = nlp("Troops seize power\n\nSoldiers spoke on radio.\nThey closed the borders.")
    starts = [token.text for token in doc if token.is_sent_start]
    assert starts == ["Troops", "Soldiers", "They"]
    assert doc[1].is_sent_start is None  # inside a paragraph the parser decides


def test_paragraph_breaks_sit_before_the_parser():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", name="parser")  # stands in for the model's parser
    paragraphs.add_paragraph_breaks(nlp)
    assert nlp.pipe_names == [paragraphs.COMPONENT, "parser"]
