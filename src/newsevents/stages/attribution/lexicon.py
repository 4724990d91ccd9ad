"""The attribution stage's word lists, read once per process from the data files beside it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    takes_object: bool  # "denied the charges": a direct object can carry the claim


@dataclass(frozen=True)
class SourceWords:
    words: frozenset[str]
    phrases: tuple[str, ...]


def _data_lines(name: str) -> list[str]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def cue_verbs() -> dict[str, CueVerb]:
    """Every listed form of a cue verb ("said", "tells") -> the verb."""
    forms: dict[str, CueVerb] = {}
    for line in _data_lines("cue_verbs.tsv"):
        frame, lemma, *inflected = line.split("\t")
        verb = CueVerb(lemma, frame == "object")
        for form in (lemma, *inflected):
            forms[form] = verb
    return forms


@cache
def cue_prepositions() -> dict[str, frozenset[str]]:
    """A cue verb's lemma -> the prepositions, beyond the common ones, that carry its claim."""
    rows = (line.split("\t") for line in _data_lines("cue_prepositions.tsv"))
    return {lemma: frozenset(prepositions) for lemma, *prepositions in rows}


@cache
def cue_nouns() -> frozenset[str]:
    """Nouns that name a claim ("announcement", "statement"), singular and plural."""
    nouns = {line.strip() for line in _data_lines("cue_nouns.txt")}
    return frozenset(nouns | {noun + "s" for noun in nouns})


@cache
def seeming_verbs() -> frozenset[str]:
    """Forms of the verbs of seeming ("appears", "seemed")."""
    return frozenset(line.strip() for line in _data_lines("seeming_verbs.txt"))


@cache
def cue_triggers() -> frozenset[str]:
    """Every word that can start a cue: the forms of cue verbs, cue nouns and verbs of seeming,
    and "according"."""
    return frozenset(cue_verbs()) | cue_nouns() | seeming_verbs() | {"according"}


@cache
def headline_labels() -> frozenset[str]:
    """First words of "Label: text" lines that name no speaker ("Update", "Watch")."""
    return frozenset(line.strip() for line in _data_lines("headline_labels.txt"))


@cache
def _source_data() -> dict:
    return json.loads((HERE / "source_words.json").read_text(encoding="utf-8"))


@cache
def person_pronouns() -> frozenset[str]:
    """Pronouns that, as a whole source ("he said"), stand for a named person."""
    return frozenset(_source_data()["person_pronouns"])


@cache
def source_words() -> dict[str, SourceWords]:
    """source_type -> the words and phrases that mark it, in the order they are tried."""
    data = _source_data()
    return {
        kind: SourceWords(frozenset(data[kind]["words"]), tuple(data[kind]["phrases"]))
        for kind in data["order"]
    }
