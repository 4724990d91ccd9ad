"""PLOVER contexts from keywords in the event's sentence.

Keywords are looked up word by word (and for two- and three-word phrases, n-gram by n-gram) in
dictionaries, so a sentence costs a few hundred lookups however long the keyword table grows.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import load_json

WORD = re.compile(r"\w[\w'-]*")
LONGEST_PHRASE = 3


class Keywords:
    """The keyword table as dictionaries: exact keywords and prefixes (``war*``) with their
    contexts, the first words of phrases, and the prefix lengths worth trying."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.exact: dict[str, set[str]] = {}
        self.prefixes: dict[str, set[str]] = {}
        self.order = {name: i for i, name in enumerate(table)}
        for name, words in table.items():
            for word in words:
                target = self.prefixes if word.endswith("*") else self.exact
                target.setdefault(word.rstrip("*"), set()).add(name)
        self.phrase_starts = {key.split()[0] for key in (*self.exact, *self.prefixes) if " " in key}
        self.prefix_lengths = sorted({len(key) for key in self.prefixes})

    def match(self, gram: str) -> set[str]:
        found = set(self.exact.get(gram, ()))
        for k in self.prefix_lengths:
            if k > len(gram):
                break
            found |= self.prefixes.get(gram[:k], set())
        return found


@cache
def _keywords() -> Keywords:
    table = load_json("contexts.json")
    return Keywords({name: words for name, words in table.items() if name[0] != "_"})


def contexts_in(text: str) -> list[str]:
    """The contexts whose keywords occur in ``text``, in the order of the table."""
    keywords = _keywords()
    words = WORD.findall(text.lower())
    found: set[str] = set()
    for i, word in enumerate(words):
        found |= keywords.match(word)
        if word in keywords.phrase_starts:
            for n in range(2, LONGEST_PHRASE + 1):
                found |= keywords.match(" ".join(words[i : i + n]))
    return sorted(found, key=keywords.order.__getitem__)
