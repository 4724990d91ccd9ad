"""The actors stage: entity resolution, role phrases, pronouns, and accuracy on our own gold set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsevents.document import Actor, Document, Entity, Published
from newsevents.stages.actors import ActorsStage, link_surnames
from newsevents.stages.actors.entities import clean_name
from newsevents.stages.actors.lexicon import actor_name, role_of, singular

GOLD = Path(__file__).parents[1] / "data" / "actors_gold.jsonl"
# The set: 209 mentions written with the stage, then 104 written before the stage saw them
# (country 0.923, sector 0.865 on those at first sight). Floors sit under the measured accuracy
# over all 313 (country 0.981, sector 0.978).
COUNTRY_FLOOR = 0.95
SECTOR_FLOOR = 0.95


def entity(eid: str, text: str, start: int, label: str, kind: str = "other") -> Entity:
    return Entity(eid, text, start, start + len(text), kind, label)


def resolve(*entities: Entity, published: dt.date | None = None) -> Document:
    doc = Document(source="test", raw="", entities=list(entities))
    doc.published = Published(published, "given")
    return ActorsStage()(doc)


def test_known_names_resolve_without_a_parse():
    doc = resolve(
        entity("e1", "JNIM", 0, "ORG"),
        entity("e2", "Al-Jazeera", 10, "ORG"),
        entity("e3", "ECOWAS", 30, "ORG"),
        entity("e4", "Burkinabe", 40, "NORP"),
        entity("e5", "Paul Kagame", 60, "PERSON"),
    )
    got = [(e.actor.country, e.actor.sector, e.kind) for e in doc.entities]
    assert got == [
        ("MLI", "REB", "group"),
        ("QAT", "JRN", "organization"),
        ("IGO", None, "organization"),
        ("BFA", None, "group"),
        ("RWA", "GOV", "person"),
    ]
    assert [m.entity for m in doc.actors] == ["e1", "e2", "e3", "e4", "e5"]


def test_office_holder_depends_on_the_date():
    early = resolve(entity("e1", "Donald Trump", 0, "PERSON"), published=dt.date(2019, 3, 1))
    assert early.entities[0].actor.country == "USA"
    assert early.entities[0].actor.sector == "GOV"


def test_a_surname_takes_the_full_names_actor():
    entities = [
        Entity("e1", "Mamady Doumbouya", 0, 16, "person", "PERSON"),
        Entity("e2", "Doumbouya", 40, 49, "person", "PERSON"),
    ]
    resolve(*entities)
    link_surnames(entities)
    assert entities[1].actor.name == "Mamady Doumbouya"
    assert entities[1].actor.country == "GIN"


def test_a_bare_surname_is_the_story_countrys_office_holder():
    doc = Document(source="test", raw="", entities=[entity("e1", "Tinubu", 0, "PERSON")])
    doc.focus_country = "NGA"
    ActorsStage()(doc)
    assert doc.entities[0].actor.name == "Bola Tinubu"


def test_an_unknown_organisation_is_read_from_its_words():
    doc = Document(source="test", raw="", entities=[entity("e1", "Ministry of Justice", 0, "ORG")])
    doc.focus_country = "KEN"
    ActorsStage()(doc)
    assert (doc.entities[0].actor.country, doc.entities[0].actor.sector) == ("KEN", "GOV")
    senate = resolve(entity("e1", "Nigerian Senate", 0, "ORG")).entities[0].actor
    assert (senate.country, senate.sector) == ("NGA", "LEG")


def test_unknown_person_keeps_its_name_without_country():
    doc = resolve(entity("e1", "Jane Quillfeather", 0, "PERSON"))
    assert doc.entities[0].actor.name == "Jane Quillfeather"
    assert doc.entities[0].actor.country is None


@pytest.mark.parametrize(
    ("word", "table_form"),
    [("soldiers", "soldier"), ("militias", "militia"), ("Police", "police"), ("gunmen", "gunmen")],
)
def test_role_words_are_found_in_plural(word, table_form):
    assert singular(word) == table_form
    assert role_of(word) is not None


def test_actor_names_read_well():
    assert actor_name("GOV", "Togo") == "Government of Togo"
    assert actor_name("MIL", None) == "Military"
    assert actor_name(None, "Peru") == "Peru"


@pytest.mark.parametrize(
    ("text", "name"), [("the Taliban", "Taliban"), ("Ghana's", "Ghana"), ("Paris\u2019", "Paris")]
)
def test_clean_name(text, name):
    assert clean_name(text) == name


def analyse(parsed, text: str, focus: str | None) -> Document:
    doc = parsed(text)
    doc.focus_country = focus
    return ActorsStage()(doc)


def mention(doc: Document, text: str):
    return next(m for m in doc.actors if m.text == text)


@pytest.mark.model
def test_role_phrases_and_seats(parsed):
    doc = analyse(
        parsed,
        "According to the Conakry government, a small group of Guinean officers tried to seize "
        "power with help from a Western state. The junta in Conakry said relations with Paris "
        "had worsened, and Guinean state television showed the arrests.",
        "GIN",
    )
    assert mention(doc, "Conakry").actor.name == "Government of Guinea"
    group = mention(doc, "a small group of Guinean officers").actor
    assert (group.country, group.sector) == ("GIN", "MIL")
    assert mention(doc, "a Western state").actor.country is None
    assert (mention(doc, "The junta").actor.country, mention(doc, "The junta").actor.sector) == (
        "GIN",
        "GOV",
    )
    assert mention(doc, "Paris").actor.country == "FRA"
    assert mention(doc, "Guinean state television").actor.sector == "JRN"


@pytest.mark.model
def test_a_dateline_dash_is_not_part_of_the_phrase_but_a_hyphen_is(parsed):
    doc = analyse(
        parsed,
        "ACCRA, May 3 - Ghana's foreign minister met the prime minister of Togo, Jean-Marc Abalo.",
        "GHA",
    )
    texts = [m.text for m in doc.actors]
    assert "Ghana's foreign minister" in texts
    assert not any(text.startswith("-") for text in texts)
    assert "Jean-Marc Abalo" in texts


@pytest.mark.model
def test_pronoun_points_back_to_the_person(parsed):
    doc = analyse(parsed, "Paul Biya addressed the nation. He said the army was loyal.", "CMR")
    he = mention(doc, "He")
    assert he.actor.name == "Paul Biya"
    assert he.entity == mention(doc, "Paul Biya").entity


@pytest.mark.model
def test_a_person_takes_the_country_and_sector_of_an_apposition(parsed):
    doc = analyse(parsed, "Amara Kollie-Sesay, Liberia's defence minister, visited the base.", None)
    person = doc.entities[0].actor
    assert (person.country, person.sector) == ("LBR", "GOV")


@pytest.mark.model
def test_decisive_modifiers_and_joined_actors(parsed):
    doc = analyse(parsed, "The Peruvian government and opposition lawmakers met in Lima.", "PER")
    assert mention(doc, "The Peruvian government").actor.sector == "GOV"
    assert mention(doc, "opposition lawmakers").actor.sector == "OPP"


@pytest.mark.model
def test_a_country_acts_as_its_government_and_lies_as_a_place(parsed):
    doc = analyse(
        parsed,
        "Fighting spread across the country. Later, Egypt and Chad closed their borders.",
        "SDN",
    )
    assert mention(doc, "the country").actor == Actor("Sudan", "SDN", None)
    assert mention(doc, "Chad").actor.sector == "GOV"


@pytest.mark.model
def test_a_capital_in_a_place_phrase_names_no_actor(parsed):
    doc = analyse(parsed, "Fighting broke out in Nairobi on Sunday.", "KEN")
    assert all(m.text != "Nairobi" for m in doc.actors)


def best_match(doc: Document, start: int, end: int):
    """The predicted mention with the same span, else the one sharing most characters."""
    overlapping = [m for m in doc.actors if m.start < end and start < m.end]
    if not overlapping:
        return None
    return max(
        overlapping,
        key=lambda m: (m.start == start and m.end == end, min(m.end, end) - max(m.start, start)),
    )


def gold_accuracy(parsed) -> tuple[float, float, int]:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    country = sector = total = 0
    for record in records:
        doc = analyse(parsed, record["text"], record["focus"])
        for gold in record["mentions"]:
            total += 1
            found = best_match(doc, gold["start"], gold["end"])
            if found is not None:
                country += found.actor.country == gold["country"]
                sector += found.actor.sector == gold["sector"]
    return country / total, sector / total, total


@pytest.mark.model
def test_accuracy_on_the_gold_set(parsed):
    country, sector, total = gold_accuracy(parsed)
    assert total >= 200
    assert country >= COUNTRY_FLOOR, f"country accuracy {country:.3f}"
    assert sector >= SECTOR_FLOOR, f"sector accuracy {sector:.3f}"
