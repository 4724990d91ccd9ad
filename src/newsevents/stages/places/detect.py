"""Finding the place names in an article.

The entity layer's GPE, LOC and FAC spans are the main source; names of people's origin
("Malian") are not places and go, as do words like "the West". A span is trimmed to the name
itself: "the Sahel" becomes "Sahel", "Mali's" becomes "Mali".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...document import Document
from ...knowledge import country_by_demonym, country_by_name
from .gazetteer import fold, gazetteer
from .resolve import rules

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])?[\s.,;:!?)\"”’-]*$")


@dataclass(frozen=True)
class NameSpan:
    """A stretch of ``Document.text`` that names a place."""

    text: str
    start: int
    end: int
    label: str


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``, ``end`` without a leading "the" or a trailing possessive and punctuation."""
    piece = text[start:end]
    lead = _LEADING_ARTICLE.match(piece)
    if lead:
        start += lead.end()
        piece = piece[lead.end() :]
    tail = _TRAILING.search(piece)
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def is_place_name(text: str, label: str) -> bool:
    """Whether a trimmed span of ``label`` should be read as a place name at all."""
    if not text[:1].isupper() or fold(text) in rules()["not_places"]:
        return False
    if country_by_demonym(text) is not None and country_by_name(text) is None:
        return False
    # Facilities (roads, buildings, airports) count only when the gazetteer knows them.
    return label != "FAC" or text in gazetteer()


def place_spans(doc: Document) -> list[NameSpan]:
    """The place names among ``doc.entities``, in text order."""
    labels = set(rules()["labels"])
    spans = []
    for entity in doc.entities:
        if entity.label not in labels:
            continue
        start, end = trimmed(doc.text, entity.start, entity.end)
        text = doc.text[start:end]
        if end > start and is_place_name(text, entity.label):
            spans.append(NameSpan(text, start, end, entity.label))
    return spans
