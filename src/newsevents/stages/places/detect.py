"""Finding the place names in an article.

Three sources, in order of trust:

1. the entity layer's GPE, LOC and FAC spans (facilities only when the gazetteer knows them);
2. person, organisation and group entities whose whole text is a well-known place: the small
   model often calls "Edmonton" an organisation or "Cairns" a person;
3. capitalised words no entity covers that name a well-known place, and state or province
   abbreviations written after a comma ("Louisville, Ky.").

"Well-known" means a country, a first-level region, a world region or a city of at least
``strong_city_population`` people (``rules.json``). A well-known name inside an organisation's
or facility's name ("Kentucky State Police", "CBC Toronto") is a toponym too, marked ``within``
that name: it says where the body is from, not where anything happens. A code before a name
("G5 Sahel") makes it a body's name, not a place. Names of people's origin
("Malian") and words like "the West" are not places either. A span is trimmed to the name itself:
"the Sahel" becomes "Sahel", "Mali's" becomes "Mali"; and it takes in the words the model leaves
out: a capitalised word before it that makes a longer known name ("British Columbia") and the kind
of division after it ("Plymouth County", "Polk Co."). A place name that is part of a facility's
name ("Victoria Park", "University of Toronto", "St. Mark's") makes a ``LANDMARK`` span: the stage
places it once it knows the story's towns.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path

from ...document import Document
from ...knowledge import country_by_demonym, country_by_name, organization_by_name
from .gazetteer import fold, gazetteer
from .resolve import rules

ABBREVIATIONS = Path(__file__).parent / "abbreviations.tsv"

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:-[a-z][a-z-]*)?(?:['’]s|['’])?[\s.,;:!?)\"”’-]*$")
# Tokens in a capitalised run looked up as one name ("Red Deer", "New South Wales").
_LONGEST_RUN = 3
# A capitalised word, an initialism ("U.S."), and no lowercase compound tail ("Calgary-based").
_CAPITALISED_WORD = re.compile(
    r"(?<![\w'’.])(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)*)"
)
_WORD_BEFORE = re.compile(r"([A-Z][A-Za-z'-]+) $")
_WORD_AFTER = re.compile(r" ([A-Z][A-Za-z]*)(\.?)")
_LANDMARK_BEFORE = re.compile(r"\b([A-Z]\w+) (?:of|of the|de|de la|du|del|des) $")
_COMMA_BEFORE = re.compile(r",\s*$")
_POSTAL_CODE = re.compile(r"[A-Z]{2}")
_CAPITALS_AFTER = re.compile(r"\w| +[A-Z]+\b")
_POSSESSIVE = re.compile(r"['’]s\b")
# The label of a span that names a facility, not the place in its name.
LANDMARK = "LANDMARK"
_CODE_BEFORE = re.compile(r"\b[A-Z]+[0-9]+[A-Za-z0-9]*[ -]$")  # "G5 Sahel", "G20 Africa"


@dataclass(frozen=True)
class NameSpan:
    """A stretch of ``Document.text`` that names a place, and the name to look it up by."""

    text: str
    start: int
    end: int
    label: str
    lookup: str
    # the name of the organisation or facility the place name is part of, if any
    within: str | None = None


@cache
def landmark_words() -> frozenset[str]:
    """Words that make a place name part of a facility's name: "Park", "Stadium", "Stade"."""
    return frozenset(rules()["landmark_words"])


@cache
def abbreviations() -> dict[str, str]:
    """``abbreviations.tsv``: "Ky." -> "Kentucky" (exact spelling, period included)."""
    with ABBREVIATIONS.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["abbreviation"]: row["name"] for row in rows}


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


def is_place_name(text: str) -> bool:
    """Whether a trimmed span may be read as a place name at all."""
    if not text[:1].isupper() or fold(text) in rules()["not_places"]:
        return False
    return country_by_demonym(text) is None or country_by_name(text) is not None


def is_well_known(name: str) -> bool:
    """Whether ``name`` is, by its own name, a country, region or large city."""
    r = rules()
    for place, alias in gazetteer().lookup(name):
        if alias:
            continue
        if place.feature in r["strong_features"]:
            return True
        if place.feature == "city" and place.population >= r["strong_city_population"]:
            return True
    return False


def _abbreviation(text: str, start: int, end: int, after_comma: bool = True) -> NameSpan | None:
    """The abbreviation at ``start``: "Ky." (by default only right after a comma) or a postal
    code such as "TX" (only right after a comma: "Austin, TX")."""
    comma_before = _COMMA_BEFORE.search(text, max(0, start - 8), start) is not None
    word = text[start:end].rstrip(".")
    stop = start + len(word)
    if text[stop : stop + 1] == ".":
        full = abbreviations().get(word + ".")
        if full is None or (after_comma and not comma_before):
            return None
        return NameSpan(word + ".", start, stop + 1, "ABBR", full)
    full = abbreviations().get(word) if _POSTAL_CODE.fullmatch(word) else None
    # In capitals, "SAID, IN A STATEMENT" is words, not "Gary, IN".
    if full is None or not comma_before or _CAPITALS_AFTER.match(text, stop):
        return None
    return NameSpan(word, start, stop, "ABBR", full)


def _from_entity(text: str, entity, person_words: frozenset[str]) -> NameSpan | None:
    # The model calling it a place is evidence enough for an abbreviation without a comma.
    is_place_label = entity.label in rules()["labels"]
    abbreviation = _abbreviation(text, entity.start, entity.end, after_comma=not is_place_label)
    if abbreviation is not None:
        return abbreviation
    start, end = trimmed(text, entity.start, entity.end)
    start = _extended_back(text, start, end)
    name = text[start:end]
    if end <= start or not is_place_name(name) or _after_code(text, start):
        return None
    if entity.label == "FAC":
        return _facility(name, start, end)
    if not is_place_label and not _may_be_mislabelled_place(name, entity.label, person_words):
        return None
    if _is_saints_building(text, start, end):
        return NameSpan(name, start, end, LANDMARK, name)
    return _widened(text, NameSpan(name, start, end, entity.label, name))


def _facility(name: str, start: int, end: int) -> NameSpan | None:
    """A facility the model found: a place when the gazetteer has a division by that name
    ("Black Hawk County"), a landmark when it has a town by that name (a facility and a Florida
    town share "Heathrow"), and nothing when it does not know the name (roads, buildings)."""
    features = {place.feature for place, _ in gazetteer().lookup(name)}
    if not features:
        return None
    label = "FAC" if features & {"country", "admin1", "admin2", "region"} else LANDMARK
    return NameSpan(name, start, end, label, name)


def _widened(text: str, span: NameSpan) -> NameSpan:
    """``span`` with what the model leaves out around a name: the kind of division after it
    ("Plymouth County"), or the facility it is part of ("Calgary Airport", "Stade de France")."""
    return _kind_after(text, span.start, span.end) or _landmark_around(text, span) or span


def _landmark_around(text: str, span: NameSpan) -> NameSpan | None:
    """The facility named with the place: "Victoria Park", "University of Toronto"."""
    after = _WORD_AFTER.match(text, span.end)
    if after is not None and after.group(1) in landmark_words():
        return NameSpan(
            text[span.start : after.end(1)], span.start, after.end(1), LANDMARK, span.lookup
        )
    before = _LANDMARK_BEFORE.search(text, max(0, span.start - 30), span.start)
    if before is not None and before.group(1) in landmark_words():
        return NameSpan(
            text[before.start() : span.end], before.start(), span.end, LANDMARK, span.lookup
        )
    return None


def _is_saints_building(text: str, start: int, end: int) -> bool:
    """Whether "St. Mark's" names a church or school: a saint's possessive that is not itself
    a place name, as "St. John's" is."""
    if not fold(text[start:end]).startswith("saint ") or not _POSSESSIVE.match(text, end):
        return False
    return f"{text[start:end]}s" not in gazetteer()


def _after_code(text: str, start: int) -> bool:
    """Whether a code with digits comes right before: "G5 Sahel" names a body, not a region."""
    return _CODE_BEFORE.search(text, max(0, start - 12), start) is not None


def _extended_back(text: str, start: int, end: int) -> int:
    """``start``, moved back over a capitalised word that belongs to the name: the model splits
    "British Columbia" or "Western Australia" into a demonym or adjective and a place."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return start
    longer = f"{before.group(1)} {text[start:end]}"
    # "The Gambia" folds to "gambia": only a word that changes the name counts.
    if fold(longer) != fold(text[start:end]) and longer in gazetteer():
        return before.start()
    return start


def _kind_after(text: str, start: int, end: int) -> NameSpan | None:
    """The name with the kind of division written after it: "Plymouth County", "Polk Co.",
    "Helmand Province". The model often leaves the kind word out of the entity."""
    after = _WORD_AFTER.match(text, end)
    if after is None:
        return None
    kinds = rules()["kind_words"]
    word, period = after.group(1).casefold(), after.group(2)
    # The period ends an abbreviation ("Co.") or the sentence ("in Polk County.").
    for written, stop in ((word + period, after.end()), (word, after.end(1))):
        if written in kinds:
            name = text[start:stop]
            return NameSpan(name, start, stop, "GPE", f"{text[start:end]} {kinds[written]}")
    return None


def _may_be_mislabelled_place(name: str, label: str, person_words: frozenset[str]) -> bool:
    if label not in rules()["other_labels"] or organization_by_name(name):
        return False
    return name not in person_words and is_well_known(name)


def _person_words(doc: Document) -> frozenset[str]:
    """Words of the multi-word person names in ``doc``: "Bush" is not a town after "George Bush"."""
    return frozenset(
        word
        for entity in doc.entities
        if entity.label == "PERSON" and " " in entity.text
        for word in entity.text.split()
    )


def _from_words(text: str, covered: list[bool], person_words: frozenset[str]) -> list[NameSpan]:
    """Capitalised words outside every entity that name well-known places or abbreviations.

    A regular expression finds the words: building spaCy tokens for every word of a long
    article costs more than the lookups.
    """
    words = [(m.start(), m.end()) for m in _CAPITALISED_WORD.finditer(text)]
    found = []
    index = 0
    while index < len(words):
        span = _place_at(text, words, index, covered)
        if span is None or span.text in person_words:
            index += 1
            continue
        found.append(span)
        while index < len(words) and words[index][0] < span.end:
            index += 1
    return found


def _place_at(
    text: str, words: list[tuple[int, int]], index: int, covered: list[bool]
) -> NameSpan | None:
    """The place name that starts with ``words[index]``, trying the longest run first."""
    start, end = words[index]
    if covered[start]:
        return None
    abbreviation = _abbreviation(text, start, end)
    if abbreviation is not None:
        return abbreviation
    if not _capitalised(text[start:end]) or _after_code(text, start):
        return None
    for length in range(_LONGEST_RUN, 0, -1):
        run = words[index : index + length]
        if len(run) < length or not _is_run(text, run):
            continue
        run_start, run_end = run[0][0], run[-1][1]
        if any(covered[run_start:run_end]):
            continue
        run_start = _extended_back(text, run_start, run_end)
        name = text[run_start:run_end]
        if is_place_name(name) and is_well_known(name):
            return _widened(text, NameSpan(name, run_start, run_end, "GAZETTEER", name))
    return None


def _is_run(text: str, run: list[tuple[int, int]]) -> bool:
    """Whether the words are capitalised and separated by single spaces."""
    if not all(_capitalised(text[start:end]) for start, end in run):
        return False
    return all(text[left[1] : right[0]] == " " for left, right in pairwise(run))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (word.istitle() or (word.isupper() and len(word) > 3))


def place_spans(doc: Document) -> list[NameSpan]:
    """The place names in ``doc``, in text order."""
    covered = [False] * (len(doc.text) + 1)
    person_words = _person_words(doc)
    spans = []
    hosts = []
    for entity in doc.entities:
        span = _from_entity(doc.text, entity, person_words)
        if span is not None:
            spans.append(span)
        elif entity.label in rules()["host_labels"]:
            hosts.append(entity)
            continue
        covered[entity.start : entity.end] = [True] * (entity.end - entity.start)
    spans.extend(_within_hosts(_from_words(doc.text, covered, person_words), hosts))
    return _without_first_names(doc, _without_overlaps(spans))


def _within_hosts(spans: list[NameSpan], hosts: list) -> list[NameSpan]:
    """``spans``, each marked with the organisation or facility whose name holds it. Inside a
    body's name, a region called by a common noun is the noun ("Trillium Health Centre")."""
    common_nouns = frozenset(rules()["common_nouns_in_names"])
    marked = []
    for span in spans:
        host = next((h for h in hosts if h.start <= span.start and span.end <= h.end), None)
        if host is None:
            marked.append(span)
        elif fold(span.text) not in common_nouns:
            marked.append(replace(span, within=host.text))
    return marked


def _without_first_names(doc: Document, spans: list[NameSpan]) -> list[NameSpan]:
    """``spans`` less the names that the article uses as a person's first name: "Georgia" in
    "Georgia Stevens", and then every other "Georgia" in it. Capitals are a dateline
    ("WASHINGTON Barack Obama said"), not a first name."""
    person_starts = {e.start for e in doc.entities if e.label == "PERSON"}
    first_names = {
        span.text
        for span in spans
        if not span.text.isupper()
        and doc.text[span.end : span.end + 1] == " "
        and span.end + 1 in person_starts
    }
    return [span for span in spans if span.text not in first_names]


def _without_overlaps(spans: list[NameSpan]) -> list[NameSpan]:
    """``spans`` in text order; where two overlap, the longer stays."""
    kept: list[NameSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
