"""The actors stage's word lists, loaded once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent

# Readable names of actors built from a sector and a country: "Government of Mali".
SECTOR_NAMES = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police",
    "JUD": "Judiciary",
    "LEG": "Legislature",
    "SPY": "Intelligence services",
    "PRM": "Paramilitary forces",
    "REB": "Rebels",
    "UAF": "Armed men",
    "CRM": "Criminals",
    "CVL": "Civilians",
    "OPP": "Opposition",
    "PTY": "Party",
    "JRN": "Media",
    "EDU": "Education",
    "LAB": "Labour",
    "MED": "Medical workers",
    "REF": "Refugees",
    "REL": "Religious leaders",
    "BUS": "Business",
    "AGR": "Farmers",
    "ELI": "Elites",
}


@dataclass(frozen=True)
class Role:
    sector: str
    weak: bool = False  # a modifier with a sector overrides it ("police officers")
    state: bool = False  # a state body: unmarked, it belongs to the story's country
    decisive: bool = False  # as a modifier it decides over any head ("opposition lawmakers")


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


def _words(name: str) -> frozenset[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def role_words() -> dict[str, Role]:
    return {
        r["word"]: Role(r["sector"], r["weak"] == "1", r["state"] == "1", r["decisive"] == "1")
        for r in _rows("role_words.tsv")
    }


@cache
def role_phrases() -> dict[str, Role]:
    rows = _rows("role_phrases.tsv")
    return {r["phrase"]: Role(r["sector"], False, r["state"] == "1") for r in rows}


@cache
def outside_modifiers() -> frozenset[str]:
    return _words("modifiers.txt")


@cache
def locative_prepositions() -> frozenset[str]:
    return _words("locative_prepositions.txt")


def singular(word: str) -> str:
    """A role word's table form: lower case, a regular plural ending stripped when that is known."""
    word = word.lower()
    table = role_words()
    if word in table:
        return word
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in table:
            return word[: -len(suffix)] + replacement
    return word


def role_of(word: str) -> Role | None:
    return role_words().get(singular(word))


def actor_name(sector: str | None, country_name: str | None) -> str:
    """ "Government of Mali", "Military", "Mali"."""
    label = SECTOR_NAMES.get(sector or "")
    if label and country_name:
        return f"{label} of {country_name}"
    return label or country_name or "Unknown"
