"""What kind of source a source phrase names (official, media, anonymous, ...)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...document import Entity
from .lexicon import person_pronouns, source_words

WORD = re.compile(r"[\w.'’-]+")
# Entity labels that make a source a state actor ("Kenya said", "Moscow denied").
STATE_LABELS = frozenset({"GPE"})
# A group of people ("Democrats", "Malians"), not one person, whatever its capital letter.
GROUP_LABELS = frozenset({"NORP"})


def source_type(text: str | None, entities: Sequence[Entity] = ()) -> str:
    """The source_type of the source phrase ``text``; ``entities`` are the entities inside it.

    A personal pronoun as the whole phrase is a named person. Then word lists decide, in their
    data file's order, and the entities: a country or capital speaks for its government, an ORG
    is an organization, a PERSON a named person, a group of people (NORP) no one in particular.
    """
    if not text:
        return "unnamed"
    lowered = text.lower()
    if lowered.strip() in person_pronouns():
        return "named_person"
    words = set(WORD.findall(lowered))
    labels = {entity.label for entity in entities}
    for kind, marks in source_words().items():
        if kind == "named_person" and "PERSON" in labels:
            return kind
        if kind == "organization" and labels & STATE_LABELS:
            return "official"
        if kind == "organization" and "ORG" in labels:
            return kind
        if words & marks.words or any(phrase in lowered for phrase in marks.phrases):
            return kind
    # A capitalised last word the tagger did not name ("Warsame said") is most often a person.
    if text.split()[-1][:1].isupper() and not labels & GROUP_LABELS:
        return "named_person"
    return "unnamed"
