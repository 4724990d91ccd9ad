"""PLOVER contexts from keywords in the event's sentence (or, when it has none, its paragraph)."""

from __future__ import annotations

import re
from functools import cache

from .lexicon import load_json


def _pattern(words: list[str]) -> re.Pattern[str]:
    parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        name: _pattern(words)
        for name, words in load_json("contexts.json").items()
        if not name.startswith("_")
    }


def contexts_in(text: str) -> list[str]:
    """The contexts whose keywords occur in ``text``, in the order of the table."""
    lower = text.lower()
    return [name for name, pattern in _patterns().items() if pattern.search(lower)]
