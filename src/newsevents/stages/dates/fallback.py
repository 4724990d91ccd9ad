"""dateparser, behind the rules: for short date entities in layouts the grammar does not know.

Only spaCy DATE/TIME entities that the grammar cannot read reach here, and only those shaped
like a calendar date (a month or weekday name, or a four-digit year, and no unit words: a
duration such as "five years" must never be turned into a date). dateparser reads them with
the anchor as its base and past dates preferred; its ``period`` gives the precision.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from functools import cache, lru_cache

from .grammar import YEAR, lexicon

log = logging.getLogger(__name__)

MAX_WORDS = 5
PRECISION_OF_PERIOD = {
    "time": "day",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}
FOUR_DIGIT_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


@cache
def _shape() -> tuple[frozenset[str], frozenset[str]]:
    """Calendar names (months, weekdays) and unit words, lower case."""
    lex = lexicon()
    names = [*lex["months"], *lex["month_abbreviations"], *lex["weekdays"]]
    units = [*lex["units"], "hour", "minute", "second", "old", "ago"]
    return frozenset(n.lower() for n in names), frozenset(units)


def looks_like_a_date(text: str) -> bool:
    """A short text naming a month, weekday or year, with no unit words."""
    words = [w.rstrip(".").lower() for w in re.findall(r"[\w.]+", text)]
    names, units = _shape()
    if not words or len(words) > MAX_WORDS:
        return False
    if any(w in units or w.rstrip("s") in units for w in words):
        return False
    return bool(FOUR_DIGIT_YEAR.search(text)) or any(w in names for w in words)


@lru_cache(maxsize=32)
def _parser(anchor: dt.date | None):
    from dateparser.date import DateDataParser  # slow to import: only when first needed

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


def parse_with_dateparser(text: str, anchor: dt.date | None) -> tuple[dt.date, str] | None:
    """The day dateparser reads in ``text`` and its precision, or ``None``."""
    try:
        data = _parser(anchor).get_date_data(text)
    except (ValueError, OverflowError) as exc:  # dateparser's own errors on odd input
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    if data.date_obj is None or data.period not in PRECISION_OF_PERIOD:
        return None
    return data.date_obj.date(), PRECISION_OF_PERIOD[data.period]


def has_year(text: str) -> bool:
    return bool(FOUR_DIGIT_YEAR.search(text))
