"""Quote spacing: put back the space lost between a quotation mark and the word beside it.

Rewording tools and careless copy-paste glue quotes to words: ``2022,”The statement`` or
``said“We``. Curly quotes say which side they open; straight quotes do not, so their roles come
from their order in the paragraph (first opens, second closes, ...), and only when they pair up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

STRAIGHT = '"'
# A closing quote with a word glued after it; an opening quote glued after a word or punctuation.
# A single closing quote is told from an apostrophe by the punctuation before it (",’The").
_GLUED_CLOSING = re.compile(r"(?<=\S)[”»](?=[^\W_])|(?<=[,.!?])’(?=[A-Z])")
_GLUED_OPENING = re.compile(r"(?<=[^\W_]|[.,;:!?)\]”»])[“«„](?=\S)")
_ANY_QUOTE = re.compile(r"[\"“”«»„’]")


@dataclass(frozen=True)
class Glue:
    """A token with quotes glued to words: where it is, and where spaces go back in."""

    start: int  # the token's bounds in its piece of text
    end: int
    cuts: tuple[int, ...]  # offsets in the piece of text where a space is inserted


def glued_tokens(pieces: Sequence[str]) -> list[list[Glue]]:
    """For each piece of one paragraph (in order), its tokens that need a space put back."""
    straight_ok = sum(piece.count(STRAIGHT) for piece in pieces) % 2 == 0
    seen_straight = 0
    found: list[list[Glue]] = []
    for piece in pieces:
        cuts: list[int] = []
        if _ANY_QUOTE.search(piece):
            cuts.extend(m.end() for m in _GLUED_CLOSING.finditer(piece))
            cuts.extend(m.start() for m in _GLUED_OPENING.finditer(piece))
            if straight_ok:
                cuts.extend(_straight_cuts(piece, seen_straight))
            seen_straight += piece.count(STRAIGHT)
        found.append(_by_token(piece, sorted(set(cuts))))
    return found


def _straight_cuts(piece: str, seen_before: int) -> list[int]:
    # Straight quotes alternate: the paragraph's 1st, 3rd, ... open, the others close.
    cuts = []
    k = piece.find(STRAIGHT)
    number = seen_before
    while k >= 0:
        opens = number % 2 == 0
        before = piece[k - 1] if k else " "
        after = piece[k + 1] if k + 1 < len(piece) else " "
        if opens and not before.isspace() and not after.isspace() and _word_or_stop(before):
            cuts.append(k)
        elif not opens and not before.isspace() and (after.isalnum()):
            cuts.append(k + 1)
        number += 1
        k = piece.find(STRAIGHT, k + 1)
    return cuts


def _word_or_stop(char: str) -> bool:
    return char.isalnum() or char in ".,;:!?)]”»"


def _by_token(piece: str, cuts: list[int]) -> list[Glue]:
    """The cuts grouped by the space-separated token they fall in."""
    glues: list[Glue] = []
    for cut in cuts:
        start = piece.rfind(" ", 0, cut) + 1
        end = piece.find(" ", cut)
        end = len(piece) if end < 0 else end
        if glues and glues[-1].start == start:
            glues[-1] = Glue(start, end, (*glues[-1].cuts, cut))
        else:
            glues.append(Glue(start, end, (cut,)))
    return glues
