"""The shared knowledge base: countries, seats, bodies, named actors, office holders."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from newsevents.knowledge import (
    countries,
    country_by_demonym,
    country_by_name,
    country_by_seat,
    fold,
    leader_by_name,
    leaders,
    named_actor_by_name,
    named_actors,
    organization_by_name,
    organizations,
)


def test_extra_names_and_demonyms():
    assert country_by_name("U.S.").iso3 == "USA"
    assert country_by_name("Britain").iso3 == "GBR"
    assert country_by_name("Ivory Coast").iso3 == "CIV"
    for word, iso3 in [("Burkinabe", "BFA"), ("Ivorian", "CIV"), ("Emirati", "ARE")]:
        assert country_by_demonym(word).iso3 == iso3


def test_seats_of_government():
    assert country_by_seat("Ouagadougou").iso3 == "BFA"
    assert country_by_seat("Abidjan").iso3 == "CIV"
    assert country_by_seat("the Kremlin").iso3 == "RUS"
    assert country_by_seat("Timbuktu") is None


def test_bodies_and_groups():
    assert organization_by_name("SADC").members
    assert organization_by_name("ICC").sector == "JUD"
    assert named_actor_by_name("al-Shabaab").country == "SOM"
    assert named_actor_by_name("RSF").sector == "PRM"


def test_every_code_is_known():
    non_state = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
    known = set(countries()) | non_state
    assert {a.country for a in named_actors()} <= known
    assert {leader.country for leader in leaders()} <= known
    assert {m for org in organizations() for m in org.members} <= set(countries())


def test_leader_terms():
    assert leader_by_name("Assimi Goïta").country == "MLI"
    first = leader_by_name("Shehbaz Sharif", dt.date(2022, 6, 1))
    assert first.end == dt.date(2023, 8, 14)
    assert leader_by_name("Nobody Inparticular") is None
    assert all(t.end is None or t.start <= t.end for t in leaders())


def test_the_knowledge_base_loads_fast():
    code = (
        "import time; t = time.perf_counter(); from newsevents import knowledge as k; "
        "k.countries(); k.organizations(); k.named_actors(); k.leaders(); k.country_by_seat('x'); "
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) < 1.0


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.sampled_from(["Goita", "Goïta", "GOÏTA", "the Goita"]))
def test_fold_ignores_case_diacritics_and_article(name):
    assert fold(name) == "goita"
