"""injected_text: a headline or link text dropped into the body.

The clean stage removes injected headlines and records them; each is reported (info), placed where
it was cut out. A headline-like line still in the body (a short capitalised line with no final
punctuation between paragraphs) is reported too: it reads as a link to another story.
"""

from __future__ import annotations

import re

from ...document import Document, Flag, Span
from .common import paragraphs

_END_PUNCTUATION = (*".!?:;,”’)…", '"', "'")
_MIN_WORDS, _MAX_WORDS = 5, 20


def check_injected(doc: Document) -> list[Flag]:
    flags = [
        _removed_flag(doc, removed.text)
        for removed in doc.removed
        if removed.reason == "injected_headline"
    ]
    flags.extend(_headline_flag(doc, start, end) for start, end in headline_lines(doc.text))
    return flags


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines of the body (not the first) that look like a headline, not a sentence."""
    spans = list(paragraphs(text))
    return [(start, end) for start, end in spans[1:-1] if _looks_like_headline(text[start:end])]


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        _MIN_WORDS <= len(words) <= _MAX_WORDS
        and line[0].isupper()
        and not line.endswith(_END_PUNCTUATION)
        and not re.search(r"[“\"]|''", line)
    )


def _removed_flag(doc: Document, text: str) -> Flag:
    at = _cut_point(doc, text)
    message = (
        f"a headline of another story was found in the body and removed: “{text.strip()}”. "
        "Text near it may come from that story too."
    )
    return Flag("injected_text", "info", message, Span(text.strip(), at, at))


def _headline_flag(doc: Document, start: int, end: int) -> Flag:
    message = (
        f"“{doc.text[start:end]}” reads as a headline or link to another story, not a sentence "
        "of this one (a short capitalised line with no final punctuation inside the body)."
    )
    return Flag("injected_text", "info", message, doc.span(start, end))


def _cut_point(doc: Document, removed: str) -> int:
    """Where in the cleaned text ``removed`` sat in the raw input: the end of the line before it."""
    at = doc.raw.find(removed.strip())
    if at <= 0:
        return 0
    before = doc.raw[:at].rstrip().rsplit("\n", 1)[-1].strip()
    found = doc.text.find(before) if before else -1
    return found + len(before) if found >= 0 else 0
