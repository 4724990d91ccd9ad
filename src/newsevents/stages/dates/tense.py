"""Which way in time a clause points, read from the spaCy parse.

"He resigned on Monday" (past) names the Monday before the publication date; "talks will
resume on Monday" (future) the one after. The direction is that of the verb governing the date
expression: a future auxiliary or an infinitive ("is due to open in May") points forward, a
past-tense verb backward; anything else (present tense, no parse) says nothing.
"""

from __future__ import annotations

from functools import cache

from .grammar import lexicon

MAX_CLIMB = 4  # a date hangs off its verb through a preposition or two, rarely more


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


def direction_at(spacy_doc, start: int, end: int) -> str | None:
    """``past``, ``future`` or ``None`` for the clause around the characters ``start:end``."""
    if spacy_doc is None or not spacy_doc.has_annotation("DEP"):
        return None
    span = spacy_doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span.root)
    return verb_direction(verb) if verb is not None else None


def governing_verb(token):
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def verb_direction(verb, depth: int = 0) -> str | None:
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if {a.lower_ for a in auxiliaries} & _words("future_auxiliaries"):
        return "future"
    if verb.head.lower_ in _words("future_heads"):
        return "future"
    if any(a.tag_ == "TO" for a in auxiliaries):
        # An infinitive looks ahead of its governing verb: "agreed to sell in October" is past,
        # "has pledged to vote in May" and "plans to sign on Friday" point forward.
        head = verb.head
        governed = head is not verb and head.pos_ in ("VERB", "AUX") and depth < MAX_CLIMB
        return "past" if governed and verb_direction(head, depth + 1) == "past" else "future"
    # Simple past and past perfect look back. The present perfect reaches into the present
    # ("has postponed the vote until Saturday") and so says nothing.
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and verb.head.lower_ in _words("past_perfect_heads"):
        # "who had himself taken over in January": the parser can split a past perfect into a
        # verb "had" with a clause, leaving the participle no auxiliary of its own.
        return "past"
    return None
