"""What the integrity checks share: the lexicon, sentences and paragraphs, and country lookups.

The lexicon (``lexicon.json``) and every pattern built from it load once per process.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ...document import Document, Flag, Span
from ...knowledge import Country, countries

HERE = Path(__file__).parent

# A sentence ends at . ! or ? (optionally followed by a closing quote) before a capital or a quote.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"A-Z])|\n+")
_LINE_BREAK = re.compile(r"\s*\n\s*")


@cache
def lexicon() -> dict[str, Any]:
    return json.loads((HERE / "lexicon.json").read_text(encoding="utf-8"))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that longer phrases win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def words_pattern(key: str) -> re.Pattern[str]:
    """Any phrase of the lexicon list ``key`` as a whole word, any case."""
    return re.compile(rf"(?<![\w-])(?:{alternation(lexicon()[key])})(?![\w-])", re.IGNORECASE)


def flag(doc: Document, kind: str, severity: str, message: str, start: int, end: int) -> Flag:
    return Flag(kind=kind, severity=severity, message=message, evidence=doc.span(start, end))


def sentences(doc: Document) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence: spaCy's where the nlp layer has them, else a plain split.

    A sentence never runs over a line break: a headline left above a paragraph is its own.
    Several checks ask for the same document's sentences, so the last few are kept.
    """
    spacy_doc = doc.nlp
    if spacy_doc is not None and (
        spacy_doc.has_annotation("SENT_START") or spacy_doc.has_annotation("DEP")
    ):
        return _spacy_sentences(spacy_doc)
    return _plain_sentences(doc.text)


@lru_cache(maxsize=4)
def _spacy_sentences(spacy_doc) -> tuple[tuple[int, int], ...]:
    return tuple(
        (s.start_char + start, s.start_char + end)
        for s in spacy_doc.sents
        for start, end in _split(s.text, _LINE_BREAK)
    )


@lru_cache(maxsize=4)
def _plain_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_split(text, _SENTENCE_BREAK))


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line, without surrounding spaces."""
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        stripped = match.group()
        start += len(stripped) - len(stripped.lstrip())
        end -= len(stripped) - len(stripped.rstrip())
        if end > start:
            yield start, end


def _split(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    start = 0
    for match in pattern.finditer(text):
        if text[start : match.start()].strip():
            yield start, match.start()
        start = match.end()
    if text[start:].strip():
        yield start, len(text.rstrip())


def sentence_index(bounds: Sequence[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding ``offset`` (the last one starting at or before it)."""
    return max(bisect_right(bounds, (offset, sys.maxsize)) - 1, 0)


def fold(text: str) -> str:
    """Lower case without diacritics ("Goïta" and "Goita" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _capital_index() -> dict[str, str]:
    index: dict[str, str] = {}
    by_population = sorted(countries().values(), key=lambda c: -(c.population or 0))
    for country in by_population:
        if country.capital:
            index.setdefault(fold(country.capital), country.iso3)
    return index


def country_of_capital(name: str) -> Country | None:
    iso3 = _capital_index().get(fold(name.strip()))
    return countries()[iso3] if iso3 else None


def join_words(words: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(words)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def quoted(doc: Document, start: int, end: int, limit: int = 80) -> str:
    """The text of a span for a message, shortened to ``limit`` characters."""
    text = " ".join(doc.text[start:end].split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


def number_word(token: str) -> int | None:
    """5, "five" -> 5; anything else -> None."""
    if token.isdigit():
        return int(token)
    return lexicon()["numbers"].get(token.casefold())


def spans_overlap(a: Span | tuple[int, int], b: Span | tuple[int, int]) -> bool:
    a_start, a_end = (a.start, a.end) if isinstance(a, Span) else a
    b_start, b_end = (b.start, b.end) if isinstance(b, Span) else b
    return a_start < b_end and b_start < a_end
