"""The nlp stage's entity ruler."""

from __future__ import annotations

from collections import Counter

import pytest

from newsevents.stages.nlp import ruler_patterns


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


@pytest.mark.model
def test_ruler_tags_names_the_model_misses(parsed):
    doc = parsed("Fighters loyal to JNIM attacked Ouagadougou, Al-Shabaab said in Mogadishu.")
    found = {(e.text, e.label) for e in doc.entities}
    assert {("JNIM", "ORG"), ("Ouagadougou", "GPE"), ("Al-Shabaab", "ORG")} <= found
