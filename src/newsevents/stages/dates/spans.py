"""Finding date expressions in the text, with TimeML-style boundaries.

Candidates come from two sources: the grammar's patterns run over the text, and spaCy's DATE and
TIME entities with their leading preposition ("on", "in", "since") and trailing possessive cut
off, as TimeML does. A candidate is kept only if the grammar recognises it as a whole, so
durations ("three years") and sets ("every week") fall away; of overlapping candidates the
longest wins.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import cache

from .fallback import looks_like_a_date
from .grammar import FALLBACK, SHORT_RANGE_END, Grammar, Match, fallback_match, lexicon

# Entity labels a date word inside of is not a date ("Theresa May", "the 1,999 soldiers").
NOT_DATE_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "NORP",
        "FAC",
        "GPE",
        "LOC",
        "PRODUCT",
        "WORK_OF_ART",
        "CARDINAL",
        "MONEY",
        "QUANTITY",
        "PERCENT",
        "ORDINAL",
    }
)
DATE_LABELS = frozenset({"DATE", "TIME"})
POSSESSIVE = re.compile(r"(?:['’]s?|[\s,.;:!?\"“”])+$")
LAST_WORD = re.compile(r"([\w’']+)(\W*)$")
# Heads that are names anyway; other date words are lower case unless they start a sentence.
NAME_HEADS = frozenset({"months", "weekdays", "holidays", "digits"})


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    match: Match
    parse_text: str  # what the grammar read: the span's text, or a completed form of it ("1958")


@cache
def _word_set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in lexicon()[key])  # a list, or a table's keys


@cache
def _leading_words() -> re.Pattern[str]:
    words = sorted(lexicon()["leading_words"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(map(re.escape, words)) + r")\s+)+", re.IGNORECASE)


def previous_word(text: str, start: int) -> tuple[str, str]:
    """The word before ``start`` and what separates it from ``start``."""
    m = LAST_WORD.search(text, max(0, start - 40), start)
    return (m.group(1), m.group(2)) if m else ("", "")


def find_candidates(text: str, spacy_doc, grammar: Grammar) -> list[Candidate]:
    """The date expressions of ``text``, in text order, none overlapping."""
    ents = list(spacy_doc.ents) if spacy_doc is not None else []
    found = [*_from_patterns(text, grammar), *_from_entities(text, ents, grammar)]
    blocked = [(e.start_char, e.end_char) for e in ents if e.label_ in NOT_DATE_LABELS]
    kept = [c for c in found if _acceptable(c, text, blocked)]
    ruled = [c for c in kept if c.match.rule is not FALLBACK]
    # dateparser only gets entities where the rules found nothing at all
    unread = [c for c in kept if c.match.rule is FALLBACK and not _overlaps_any(c, ruled)]
    return _longest_first(ruled + unread)


def _from_patterns(text: str, grammar: Grammar) -> list[Candidate]:
    found = []
    for start, end in grammar.find(text):
        match = grammar.match(text[start:end])
        if match is not None:
            found.append(Candidate(start, end, match, text[start:end]))
    for m in SHORT_RANGE_END.finditer(text):
        completed = m.group("first")[:2] + m.group("second")
        match = grammar.match(completed)
        if match is not None and completed > m.group("first"):
            found.append(Candidate(m.start("second"), m.end("second"), match, completed))
    return found


def _from_entities(text: str, ents: list, grammar: Grammar) -> list[Candidate]:
    found = []
    for ent in ents:
        if ent.label_ not in DATE_LABELS:
            continue
        start, end = ent.start_char, ent.end_char
        lead = _leading_words().match(text, start, end)
        if lead:
            start = lead.end()
        tail = POSSESSIVE.search(text, start, end)
        if tail:
            end = tail.start()
        if start < end:
            match = grammar.match(text[start:end])
            if match is None and looks_like_a_date(text[start:end]):
                match = fallback_match(text[start:end])
            if match is not None:
                found.append(Candidate(start, end, match, text[start:end]))
    return found


def _acceptable(c: Candidate, text: str, blocked: list[tuple[int, int]]) -> bool:
    word, gap = previous_word(text, c.start)
    before = word.lower()
    # "every Monday", "each spring", "the fourth Thursday in November" are not one date
    if before in _word_set("set_words") or before in _word_set("ordinals"):
        return False
    if _inside_name(c, text, word, gap):
        return False
    context = c.match.rule.context
    if context and c.match.is_bare and before not in _word_set(context):
        return False
    return not _inside(c, blocked)


def _inside_name(c: Candidate, text: str, word: str, gap: str) -> bool:
    """A capitalised common date word right after a capitalised word: "USA Today"."""
    capitalised = text[c.start].isupper() and not NAME_HEADS.intersection(c.match.rule.heads)
    return capitalised and word[:1].isupper() and gap == " "


def _inside(c: Candidate, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``c`` lies within one of ``ranges`` (sorted, not overlapping: spaCy's entities)."""
    index = bisect.bisect_right(ranges, (c.start, math.inf)) - 1  # the last one starting by c
    return index >= 0 and ranges[index][1] >= c.end


def _overlaps_any(c: Candidate, others: list[Candidate]) -> bool:
    return any(c.start < o.end and o.start < c.end for o in others)


def _longest_first(candidates: list[Candidate]) -> list[Candidate]:
    taken: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
