"""The date grammar: word lists and patterns from the data files beside this module, compiled once.

``patterns.json`` holds one regular expression per kind of date expression, written with
placeholders (``{MONTH:month}`` becomes a named group matching any month name of
``lexicon.json``). The same compiled patterns find expressions in running text
(``Grammar.find``) and recognise a span as a whole (``Grammar.match``); the first pattern that
matches a span as a whole decides how it is resolved.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

# A date expression never starts or ends inside a word or inside a number written with
# separators ("1,999", "2010.5", "11.05.2022", "2022/05/11"), nor after a currency sign or
# before a percent sign.
BEFORE = r"(?<![\w$€£])(?<!\d[/.])"
AFTER = r"(?![\w%]|[.,:/]\d)"

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    context: str | None  # lexicon list of words a bare use ("March", "fall") must follow
    heads: tuple[str, ...]  # head classes, one of whose words every match contains


@dataclass(frozen=True)
class Match:
    rule: Rule
    groups: dict[str, str | None]

    @property
    def is_bare(self) -> bool:
        """True when nothing but the head word matched (no modifier, relative word, day or year)."""
        return not any(self.groups.get(k) for k in ("mod", "rel", "year", "day"))


@cache
def lexicon() -> dict[str, Any]:
    return json.loads((HERE / "lexicon.json").read_text(encoding="utf-8"))


def month_number(word: str) -> int:
    """1-12 for a month name, abbreviation ("Sept.") or number."""
    if word.isdigit():
        return int(word)
    name = word.rstrip(".").capitalize()
    lex = lexicon()
    return lex["months"].get(name, lex["month_abbreviations"].get(name))


def weekday_number(word: str) -> int:
    """0 (Monday) to 6 for a weekday name or abbreviation."""
    name = word.rstrip(".").capitalize()
    lex = lexicon()
    return lex["weekdays"].get(name, lex["weekday_abbreviations"].get(name))


def _case_sensitive(patterns: list[str]) -> str:
    return "(?-i:" + "|".join(sorted(patterns, key=len, reverse=True)) + ")"


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    # Longest first, so "Sept" wins over "Sep" and "this coming" over "this".
    body = "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(words, key=len, reverse=True))
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


@cache
def _word_classes() -> dict[str, str]:
    lex = lexicon()
    # An abbreviation may carry a full stop ("Sept."); a weekday one must ("Sun" is also a word).
    months = [*lex["months"], *(a + r"\.?" for a in lex["month_abbreviations"])]
    weekdays = [*lex["weekdays"], *(a + r"\." for a in lex["weekday_abbreviations"])]
    return {
        "MONTH": _case_sensitive(months),
        "WEEKDAY": _case_sensitive(weekdays),
        "DAY": DAY,
        "YEAR": YEAR,
        "PART": _alternation(lex["parts_of_day"]),
        "SEASON": _alternation(list(lex["seasons"])),
        "MOD": _alternation(list(lex["modifiers"])),
        "REL": _alternation(list(lex["relatives"])),
        "ORD": _alternation(list(lex["ordinals"])),
        "NUMBER": _alternation(list(lex["numbers"])),
        "REF": _alternation(list(lex["references"])),
        "RELDAY": _alternation(list(lex["relative_days"])),
        "PRESENT": _alternation(lex["present"]),
        "HOLIDAY": _case_sensitive([re.escape(h).replace("'", "['’]") for h in lex["holidays"]]),
    }


def _expand(template: str) -> str:
    classes = _word_classes()

    def replace(m: re.Match[str]) -> str:
        body = classes[m.group(1)]
        return f"(?P<{m.group(2)}>{body})" if m.group(2) else body

    return PLACEHOLDER.sub(replace, template)


# Every match holds one of its rule's head words (a month name, a digit, "week", ...) and
# reaches at most this many characters beyond it: a rule runs only in windows this wide around
# its head words, which keeps finding cheap on long articles.
WINDOW = 48
WORD = re.compile(r"\w+")


class Grammar:
    """The compiled patterns, in the order they are tried."""

    def __init__(self, rules: list[Rule], heads: dict[str, tuple[str, ...]]) -> None:
        self.rules = rules
        self.heads = heads  # lower-case word -> its head classes; "digits" is any number

    def match(self, text: str) -> Match | None:
        """The first rule that matches ``text`` as a whole, with its groups."""
        for rule in self.rules:
            m = rule.pattern.fullmatch(text)
            if m:
                return Match(rule, m.groupdict())
        return None

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of ``text`` that some rule matches (overlapping spans included)."""
        positions = self._head_positions(text)
        for rule in self.rules:
            spots = sorted(p for head in rule.heads for p in positions.get(head, ()))
            for low, high in _windows(spots, len(text)):
                for m in rule.pattern.finditer(text, low, high):
                    yield m.start(), m.end()

    def _head_positions(self, text: str) -> dict[str, list[tuple[int, int]]]:
        positions: dict[str, list[tuple[int, int]]] = {}
        for m in WORD.finditer(text):
            word = m.group().lower()
            if word[0].isdigit():
                positions.setdefault("digits", []).append(m.span())
                continue
            heads = self.heads.get(word) or self.heads.get(word[:-1], ())  # "years" -> "year"
            for head in heads:
                positions.setdefault(head, []).append(m.span())
        return positions


def _windows(spots: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """Merged ranges ``WINDOW`` characters around each (start, end) spot."""
    low = high = -1
    for start, end in spots:
        if start - WINDOW > high:
            if high > low:
                yield low, high
            low = max(0, start - WINDOW)
        high = min(length, max(high, end + WINDOW))
    if high > low:
        yield low, high


@cache
def grammar() -> Grammar:
    """The grammar of ``patterns.json``; built once per process."""
    specs = json.loads((HERE / "patterns.json").read_text(encoding="utf-8"))
    rules = [
        Rule(
            spec["name"],
            re.compile(BEFORE + _expand(spec["pattern"]) + AFTER, re.IGNORECASE),
            spec.get("context"),
            tuple(spec["heads"]),
        )
        for spec in specs
    ]
    return Grammar(rules, _head_words())


def _head_words() -> dict[str, tuple[str, ...]]:
    """Each head word (lower case) and its classes; a phrase counts by its last word."""
    lex = lexicon()
    classes = {
        "months": [*lex["months"], *lex["month_abbreviations"]],
        "weekdays": [*lex["weekdays"], *lex["weekday_abbreviations"]],
        "seasons": list(lex["seasons"]),
        "units": lex["units"],
        "parts_of_day": lex["parts_of_day"],
        "relative_days": list(lex["relative_days"]),
        "present": lex["present"],
        "holidays": list(lex["holidays"]),
    }
    heads: dict[str, tuple[str, ...]] = {}
    for name, phrases in classes.items():
        for phrase in phrases:
            word = phrase.split()[-1].lower()
            heads[word] = (*heads.get(word, ()), name)
    return heads


# What a date entity the rules cannot read is matched as: ``resolve`` hands it to dateparser.
FALLBACK = Rule("dateparser", re.compile(r"(?!)"), None, ())


def fallback_match(text: str) -> Match:
    return Match(FALLBACK, {"text": text})


# The second year of a range written "1957-58": TimeML marks it as a date of its own.
SHORT_RANGE_END = re.compile(BEFORE + rf"(?P<first>{YEAR})\s?[-–]\s?(?P<second>\d\d)" + AFTER)
