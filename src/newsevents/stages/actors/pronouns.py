"""Light coreference: "he" and "she" point back to the last person named shortly before."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from ...document import ActorMention, Entity

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
# How far back, in sentences, a pronoun may reach for its person.
MAX_SENTENCES_BACK = 2


def pronoun_mentions(
    spacy_doc: Doc, mentions: list[ActorMention], entities: list[Entity]
) -> list[ActorMention]:
    """A mention for each personal pronoun, with the actor of the person it points back to."""
    people_ids = {e.id for e in entities if e.kind == "person"}
    people = sorted((m for m in mentions if m.entity in people_ids), key=lambda m: m.end)
    if not people:
        return []
    ends = [m.end for m in people]
    sentence_starts = [s.start_char for s in spacy_doc.sents]
    found = []
    for token in _pronoun_tokens(spacy_doc):
        before = bisect_right(ends, token.idx)
        if before == 0:
            continue
        person = people[before - 1]
        here = bisect_right(sentence_starts, token.idx)
        if here - bisect_right(sentence_starts, person.start) <= MAX_SENTENCES_BACK:
            end = token.idx + len(token)
            found.append(ActorMention(token.text, token.idx, end, person.actor, person.entity))
    return found


def _pronoun_tokens(spacy_doc: Doc) -> Iterator[Token]:
    """The personal pronouns, found in the doc's array of lower-case forms: no ``Token`` object
    is made for the other words."""
    wanted = {spacy_doc.vocab.strings[word] for word in PERSONAL_PRONOUNS}
    for i, lower in enumerate(spacy_doc.to_array(LOWER).tolist()):
        if lower in wanted and (token := spacy_doc[i]).pos_ == "PRON":
            yield token
