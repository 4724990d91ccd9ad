"""count_mismatch: a stated number against the list that spells it out.

"The five-member group consisted of A, B and C" lists three, not five; "three journalists, A and B,"
lists two. A list is only counted when the text presents it as the whole set: right after the
number phrase (apposition, a colon or a dash), after a membership verb ("consisted of", "made up
of", "were"), or as the next sentence ("They were A, B and C."). "Including" lists are partial and
never counted. "Also consisted of" counts one more member, named before. Where an international
body with a known membership is named nearby, the message says which members the list leaves out.
The stated size alone is not checked against the knowledge base: memberships change over time
(the EU had 28 members until 2020) and the knowledge base has no dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...document import Document, Flag
from ...knowledge import (
    Organization,
    countries,
    country_by_demonym,
    country_by_name,
    organizations,
)
from .common import (
    alternation,
    flag,
    join_words,
    lexicon,
    number_word,
    sentence_index,
    sentences,
    words_pattern,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised word; a dot only inside a name ("St. Kitts"), never the sentence's full stop.
_WORD = rf"[{_UPPER}][\w’'-]*(?:\.(?=\s+[{_UPPER}]))?"


@dataclass(frozen=True)
class StatedCount:
    number: int
    start: int
    end: int
    is_size: bool  # "five-member", "15-nation": the size of a body, not a plural noun


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    number = rf"(?i:\d{{1,3}}|{alternation(lex['numbers'])})"
    joiners = alternation(lex["name_joiners"])
    name = rf"{_WORD}(?:\s+(?:(?:{joiners})\s+)*{_WORD})*"
    also = alternation(lex["also_words"])
    cues = alternation(lex["membership_cues"])
    # Up to five lower-case words between the number phrase and the list ("most hit by the
    # floods"). Before an apposition, a relative clause ("who led big states: A and B") has
    # its own object, not the list; before a membership verb it is fine ("that comprised").
    words = rf"\s+(?!(?:{also}|{cues})\b)[a-z][\w’'-]*"
    gap = rf"(?:{words}){{0,5}}?"
    clause_free_gap = rf"(?:(?!\s+(?:who|whom|whose|which|that)\b){words}){{0,5}}?"
    item = rf"(?:the\s+)?{name}"
    return {
        "size": re.compile(
            rf"(?<![\w-])(?P<n>{number})[- ](?i:{alternation(lex['size_words'])})(?![\w-])"
            rf"(?:\s+(?!(?:{also}|{cues})\b)[a-z][\w-]*)?"
        ),
        "plural": re.compile(
            rf"(?<![\w-])(?P<n>{number})\s+(?:[\w-]+\s+){{0,2}}?"
            rf"(?!(?i:{alternation(lex['uncounted_nouns'])})\b)[a-z]+s\b"
        ),
        "list": re.compile(rf"{item}(?:\s*,\s*{item})*\s*,?\s+(?:and|or)\s+{item}"),
        "name": re.compile(name),
        "apposition": re.compile(
            rf"{clause_free_gap}\s*(?P<open>,|:|—|–|\s-\s|\()\s*(?:namely\s+)?"
        ),
        "cue": re.compile(
            rf"{gap}\s+(?:(?:{also})\s+)?(?:(?:is|are|was|were)\s+)?(?:{cues})\s*:?\s+"
        ),
        "follower": re.compile(rf"\s*(?:{alternation(lex['list_followers'])})\s*:?\s+"),
        "also": words_pattern("also_words"),
        "partial": words_pattern("partial_cues"),
    }


@cache
def _names_with_and() -> tuple[str, ...]:
    """Country names that contain " and " ("Trinidad and Tobago"): one list item, not two."""
    names = {n for c in countries().values() for n in c.names if " and " in n}
    return tuple(sorted(names, key=len, reverse=True))


def check_counts(doc: Document) -> list[Flag]:
    bounds = sentences(doc)
    flags = []
    for stated in stated_counts(doc.text, 0, len(doc.text)):
        i = sentence_index(bounds, stated.start)
        start, end = bounds[i]
        if stated.end > end:
            continue
        following = bounds[i + 1] if i + 1 < len(bounds) else None
        # What came just before: where "also" finds its member and a body may be named.
        before = (bounds[max(i - 2, 0)][0], start)
        if found := _enumeration_flag(doc, stated, (start, end), following, before):
            flags.append(found)
    return flags


def stated_counts(text: str, start: int, end: int) -> list[StatedCount]:
    """Number phrases in ``text[start:end]``: "the five-member group", "three countries"."""
    found = []
    patterns = _patterns()
    for kind in ("size", "plural"):
        for match in patterns[kind].finditer(text, start, end):
            if any(s.start <= match.start() < s.end for s in found):
                continue
            number = number_word(match.group("n"))
            if number and number > 1:
                found.append(StatedCount(number, match.start(), match.end(), kind == "size"))
    return found


def list_items(text: str) -> list[str]:
    """The items of an enumeration "A, B and C" (names with "and" inside stay whole)."""
    protected = text
    for name in _names_with_and():
        protected = protected.replace(name, name.replace(" and ", " \0 "))
    items = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", protected)
    return [item.replace(" \0 ", " and ").strip() for item in items if item.strip()]


def _enumeration_flag(
    doc: Document,
    stated: StatedCount,
    sentence: tuple[int, int],
    following: tuple[int, int] | None,
    before: tuple[int, int],
) -> Flag | None:
    found = _enumeration_after(doc.text, stated, sentence, following)
    if found is None:
        return None
    items, list_start, list_end, also = found
    listed = len(items)
    if listed == stated.number or (also and listed + 1 == stated.number):
        return None
    phrase = doc.text[stated.start : stated.end]
    message = (
        f"“{phrase}” states {stated.number}, but the list that spells it out names {listed} "
        f"({join_words(items)})"
    )
    message += f", {listed + 1} with the one named before." if also else "."
    org = _organization_near(doc.text, sentence) or _organization_near(doc.text, before)
    if org and org.members:
        named_before = _countries_named(doc.text, *before) if also else set()
        message += _membership_note(org, items, named_before)
    start = min(stated.start, list_start)
    return flag(doc, "count_mismatch", "warning", message, start, max(stated.end, list_end))


def _enumeration_after(
    text: str, stated: StatedCount, sentence: tuple[int, int], following: tuple[int, int] | None
) -> tuple[list[str], int, int, bool] | None:
    """The list presented as the whole counted set, its span, and whether "also" precedes it."""
    patterns = _patterns()
    enumeration = None
    if lead := patterns["apposition"].match(text, stated.end, sentence[1]):
        enumeration = patterns["list"].match(text, lead.end(), sentence[1])
        if enumeration and not _apposition_closes(text, enumeration.end(), sentence[1]):
            enumeration = None
    if enumeration is None and (lead := patterns["cue"].match(text, stated.end, sentence[1])):
        enumeration = patterns["list"].match(text, lead.end(), sentence[1])
    between = text[stated.end : lead.end()] if enumeration and lead else ""
    if enumeration is None and following:
        lead = patterns["follower"].match(text, following[0], following[1])
        enumeration = lead and patterns["list"].match(text, lead.end(), following[1])
    if not enumeration or patterns["partial"].search(between):
        return None
    items = list_items(enumeration.group())
    if any(country_by_demonym(item) for item in items):
        return None
    also = bool(patterns["also"].search(between))
    return items, enumeration.start(), enumeration.end(), also


def _apposition_closes(text: str, end: int, sentence_end: int) -> bool:
    """An apposition ends where the sentence does or at a closing comma, dash or bracket.

    "For three years, Mali and Niger have fought" is no apposition: the list runs on into a verb.
    """
    rest = text[end:sentence_end].lstrip()
    return not rest or rest[0] in ",;:)—–.!?" or rest.startswith("- ")


@cache
def _organization_pattern() -> re.Pattern[str]:
    names = [name for org in organizations() for name in org.names if len(name) > 2]
    return re.compile(rf"(?<![\w-])(?:{alternation(names)})(?![\w-])")


def _organization_near(text: str, window: tuple[int, int]) -> Organization | None:
    """The international body named in ``text[start:end]``."""
    if match := _organization_pattern().search(text, *window):
        return next(o for o in organizations() if match.group() in o.names)
    return None


def _countries_named(text: str, start: int, end: int) -> set[str]:
    names = _patterns()["name"].finditer(text, start, end)
    return {country.iso3 for match in names if (country := country_by_name(match.group()))}


def _membership_note(org: Organization, items: list[str], named_before: set[str]) -> str:
    listed = {country.iso3 for item in items if (country := country_by_name(item))}
    missing = [countries()[m].name for m in org.members if m not in listed | named_before]
    note = f" {org.name} has {len(org.members)} members"
    return f"{note}; missing: {join_words(missing)}." if missing else f"{note}."
