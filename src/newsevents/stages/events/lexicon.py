"""The trigger lexicon and the word lists beside it, loaded once per process.

spaCy's lemmatizer is not part of the pipeline (the nlp stage leaves it out for speed), so the
lexicon knows the inflected forms of its own words: regular endings are generated, irregular
verbs come from ``irregular_verbs.tsv``. A token's lemma is spaCy's when it has one, else ours.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
VOWELS = set("aeiou")


@dataclass(frozen=True)
class Entry:
    """One lexicon row: ``phrase`` is the head lemma and the words that must hang off it."""

    phrase: str
    pos: str  # V or N
    type: str
    mode: str | None
    head: str
    rest: tuple[str, ...]
    coup: bool = False
    needs_military: bool = False


def _rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        return list(csv.DictReader(lines, delimiter="\t"))


@cache
def load_json(name: str) -> dict[str, Any]:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@cache
def irregular_forms() -> dict[str, tuple[str, ...]]:
    return {row["lemma"]: (row["past"], row["participle"]) for row in _rows("irregular_verbs.tsv")}


def _with_suffix(word: str, suffix: str) -> set[str]:
    """``word`` + a vowel suffix, with the spelling variants English uses (a few are harmless
    non-words: a form that never occurs costs nothing)."""
    forms = {word + suffix}
    if word.endswith("e") and suffix in ("ed", "ing"):
        forms.add(word[:-1] + suffix)
    if word.endswith("y") and word[-2:-1] not in VOWELS and suffix == "ed":
        forms.add(word[:-1] + "ied")
    if len(word) >= 3 and word[-1] not in VOWELS | set("wxy") and word[-2] in VOWELS:
        forms.add(word + word[-1] + suffix)
    return forms


def verb_forms(lemma: str) -> set[str]:
    forms = {lemma, *noun_forms(lemma), *_with_suffix(lemma, "ed"), *_with_suffix(lemma, "ing")}
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    forms.update(irregular_forms().get(lemma, ()))
    return forms


def noun_forms(lemma: str) -> set[str]:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return {lemma, lemma + "es"}
    if lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        return {lemma, lemma[:-1] + "ies"}
    return {lemma, lemma + "s"}


def _entry(phrase: str, pos: str, type_: str, mode: str | None, **extra: Any) -> Entry:
    words = tuple(phrase.split())
    # A verb phrase hangs off its first word ("pull out"), a noun compound off its last
    # ("air strike").
    head, rest = (words[0], words[1:]) if pos == "V" else (words[-1], words[:-1])
    return Entry(phrase, pos, type_, mode, head, rest, **extra)


def _coup_entries() -> list[Entry]:
    coups = load_json("coups.json")
    entries = [
        _entry(
            noun,
            "N",
            "COERCE",
            "seize",
            coup=True,
            needs_military=noun in coups["nouns_need_military"],
        )
        for noun in coups["nouns"]
        if " " not in noun or noun.split()[-1].isalpha()
    ]
    entries += [
        _entry(phrase, "V", "COERCE", "seize", coup=True, needs_military=needs)
        for phrase, needs in coups["verbs"].items()
    ]
    entries += [
        _entry(verb, "V", "COERCE", "arrest", coup=True, needs_military=True)
        for verb in coups["detention_verbs"]
    ]
    return entries


@cache
def entries_by_form() -> dict[tuple[str, str], list[Entry]]:
    """(inflected head form, pos) -> lexicon entries, longest phrase first."""
    entries = [
        _entry(row["phrase"], row["pos"], row["type"], None if row["mode"] == "-" else row["mode"])
        for row in _rows("triggers.tsv")
    ] + _coup_entries()
    index: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        forms = verb_forms(entry.head) if entry.pos == "V" else noun_forms(entry.head)
        for form in forms:
            index.setdefault((form, entry.pos), []).append(entry)
    for found in index.values():
        # Coup readings and longer phrases first: "seize power" before "seize".
        found.sort(key=lambda e: (not e.coup, -len(e.rest)))
    return index


@cache
def lemma_index() -> dict[str, str]:
    """Inflected form -> lemma, for every word the lexicon and the status words know."""
    index: dict[str, str] = {}
    words = {e.head for found in entries_by_form().values() for e in found}
    words |= set(load_json("status.json")["governors"])
    for lemma in sorted(words):
        for form in verb_forms(lemma):
            index.setdefault(form, lemma)
    for lemma in words:
        index[lemma] = lemma
    return index


def lemma_of(token: Any) -> str:
    """spaCy's lemma when the pipeline has a lemmatizer, else the lexicon's, else the word."""
    if token.lemma_:
        return token.lemma_.lower()
    lower = token.lower_
    return lemma_index().get(lower, lower)


def word_set(name: str) -> frozenset[str]:
    """A named word list from ``senses.json``."""
    return _sense_sets()[name]


@cache
def _sense_sets() -> dict[str, frozenset[str]]:
    return {name: frozenset(words) for name, words in load_json("senses.json")["sets"].items()}
