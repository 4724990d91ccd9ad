"""contradiction: statements at odds with themselves or with the rest of the article.

- People or media of a country "expelled from" that same country, while the story has another
  country doing the expelling ("French media ... expelled from France" in a story about Mali).
- One person given two different offices ("President X" and "Prime Minister X").
- A date stated two incompatible ways ("Monday, May 17, 2022" fell on a Tuesday).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ...document import Document, Flag
from ...knowledge import country_by_demonym, country_by_name
from .common import alternation, flag, fold, lexicon, sentence_index, sentences, words_pattern

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME = rf"[{_UPPER}][\w’'-]+(?:\s+[{_UPPER}][\w’'-]+){{0,2}}"
_PLACE_AFTER = re.compile(rf"\s*(?:the\s+)?({_NAME})")


def check_contradictions(doc: Document) -> list[Flag]:
    return [*_own_country_expulsions(doc), *_two_offices(doc), *_weekday_mismatches(doc)]


# -- expelled from their own country -------------------------------------------------------------


@cache
def _nationality_pattern() -> re.Pattern[str]:
    """A demonym, or a country name in the possessive ("Mali's"), as a whole word."""
    return re.compile(rf"(?<![\w-])[{_UPPER}][\w-]+(?:’s|'s)?(?![\w-])")


def _own_country_expulsions(doc: Document) -> list[Flag]:
    bounds = sentences(doc)
    flags = []
    for cue in words_pattern("expulsion_cues").finditer(doc.text):
        start, end = bounds[sentence_index(bounds, cue.start())]
        place = _PLACE_AFTER.match(doc.text, cue.end(), end)
        country = place and country_by_name(place.group(1))
        if not country:
            continue
        people = _nationality_before(doc.text, start, cue.start())
        if people is None or people[1] != country.iso3:
            continue
        if _someone_else_expels(doc, start, end, country.iso3):
            flags.append(_expulsion_flag(doc, people[0], country.name, people[2], place.end(1)))
    return flags


def _nationality_before(text: str, start: int, end: int) -> tuple[str, str, int] | None:
    """The nearest nationality word before ``end`` (a demonym or "X's"): word, country, offset."""
    for match in reversed(list(_nationality_pattern().finditer(text, start, end))):
        word = match.group()
        if word.endswith(("’s", "'s")):
            country = country_by_name(word[:-2])
        else:
            country = country_by_demonym(word)
        if country:
            return word, country.iso3, match.start()
    return None


def _someone_else_expels(doc: Document, start: int, end: int, iso3: str) -> bool:
    """The story is about another country, or another country is named in the sentence."""
    if doc.focus_country and doc.focus_country != iso3:
        return True
    for match in re.finditer(_NAME, doc.text[start:end]):
        other = country_by_name(match.group())
        if other and other.iso3 != iso3:
            return True
    return False


def _expulsion_flag(doc: Document, people: str, country: str, start: int, end: int) -> Flag:
    message = (
        f"“{people}” people or media are said to be expelled from {country}, their own country; "
        "the story has another country doing the expelling, so the place (or the nationality) is "
        "probably wrong."
    )
    return flag(doc, "contradiction", "warning", message, start, end)


# -- one person, two offices ----------------------------------------------------------------------


@cache
def _office_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """A title before a name ("Prime Minister Ana Duarte"), what may disclaim it ("former"), and
    the office each title names."""
    offices = lexicon()["offices"]
    office_of = {fold(title): office for office, titles in offices.items() for title in titles}
    titles = alternation(title for titles in offices.values() for title in titles)
    disclaimers = alternation(lexicon()["office_disclaimers"])
    return (
        re.compile(rf"\b(?P<title>(?i:{titles}))\s+(?P<name>{_NAME})"),
        re.compile(rf"\b(?i:{disclaimers})[\s-]+$"),
        office_of,
    )


def _two_offices(doc: Document) -> list[Flag]:
    titled, disclaimed, office_of = _office_patterns()
    seen: dict[str, tuple[str, re.Match[str]]] = {}
    flags = []
    for match in titled.finditer(doc.text):
        if disclaimed.search(doc.text, max(match.start() - 20, 0), match.start()):
            continue
        if country_by_name(match.group("name")):
            continue
        office = office_of[fold(match.group("title"))]
        name = match.group("name").split()
        first = seen.setdefault(fold(name[-1]), (office, match))
        first_office, first_match = first
        first_given, given = first_match.group("name").split()[:-1], name[:-1]
        same_person = not first_given or not given or first_given == given
        if office != first_office and same_person:
            flags.append(_office_flag(doc, first_match, match))
    return flags


def _office_flag(doc: Document, first: re.Match[str], second: re.Match[str]) -> Flag:
    message = (
        f"the same person is given two different offices: “{first.group().strip()}” and "
        f"“{second.group().strip()}”."
    )
    return flag(doc, "contradiction", "warning", message, second.start("title"), second.end())


# -- a weekday that does not fit the date ---------------------------------------------------------


@cache
def _weekday_pattern() -> re.Pattern[str]:
    lex = lexicon()
    days = alternation(lex["weekdays"])
    months = alternation(lex["months"])
    return re.compile(
        rf"\b(?P<weekday>{days}),?\s+(?:the\s+)?"
        rf"(?:(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"\s+(?:of\s+)?(?P<month2>{months})\.?)(?:,?\s+(?P<year>\d{{4}}))?\b",
        re.IGNORECASE,
    )


def _weekday_mismatches(doc: Document) -> list[Flag]:
    flags = []
    for match in _weekday_pattern().finditer(doc.text):
        if not (match.group("month") or match.group("month2"))[0].isupper():
            continue  # "Monday may ..." is a verb, not a month
        date = _date_of(match, doc.published.date)
        if date is None:
            continue
        stated = match.group("weekday").casefold()
        actual = lexicon()["weekdays"][date.weekday()]
        if stated != actual:
            message = (
                f"“{match.group()}” states a date two incompatible ways: {date:%B} {date.day}, "
                f"{date.year} was a {actual.capitalize()}, not a {stated.capitalize()}."
            )
            flags.append(flag(doc, "contradiction", "warning", message, *match.span()))
    return flags


def _date_of(match: re.Match[str], published: dt.date | None) -> dt.date | None:
    months = lexicon()["months"]
    month = months[(match.group("month") or match.group("month2")).casefold()]
    day = int(match.group("day") or match.group("day2"))
    if match.group("year"):
        years = [int(match.group("year"))]
    elif published:
        years = [published.year - 1, published.year, published.year + 1]
    else:
        return None
    candidates = []
    for year in years:
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    anchor = published or candidates[0]
    return min(candidates, key=lambda d: abs((d - anchor).days))
