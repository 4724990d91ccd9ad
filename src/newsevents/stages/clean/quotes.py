"""Quote spacing: put back the space lost between a quotation mark and the word beside it.

Rewording tools and careless copy-paste glue quotes to words: ``2022,”The statement`` or
``said“We``. Curly quotes say which side they open; straight quotes do not, so their roles come
from their order in the paragraph (first opens, second closes, ...), and only when they pair up.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import cycle, pairwise, repeat

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
# What may stand right before an opening quote that is glued to it: a word or punctuation.
_GLUE_BEFORE_OPENING = frozenset(".,;:!?)]" + CLOSING)


def split_points(tokens: Sequence[str]) -> list[list[int]]:
    """For each token (a run of non-space text), where a space must go back in.

    ``tokens`` are the words of one paragraph in order; the result holds, per token, the sorted
    indices at which the token is split in two.
    """
    straight_roles = _straight_quote_roles(tokens)
    points: list[list[int]] = []
    for token in tokens:
        here: list[int] = []
        for k, char in enumerate(token):
            role = next(straight_roles) if char == STRAIGHT else _curly_role(char)
            if role == "open" and _glued_before(token, k):
                here.append(k)
            elif role == "close" and _glued_after(token, k):
                here.append(k + 1)
        points.append(here)
    return points


def split_token(token: str, points: Sequence[int]) -> list[str]:
    """``token`` cut at ``points``."""
    bounds = [0, *points, len(token)]
    return [token[a:b] for a, b in pairwise(bounds) if a < b]


def _glued_before(token: str, k: int) -> bool:
    # An opening quote in the middle of a token, with its quoted words after it.
    if k == 0 or k == len(token) - 1:
        return False
    before = token[k - 1]
    return before.isalnum() or before in _GLUE_BEFORE_OPENING


def _glued_after(token: str, k: int) -> bool:
    # A closing quote with a word right after it.
    return 0 < k < len(token) - 1 and token[k + 1].isalnum()


def _curly_role(char: str) -> str | None:
    if char in OPENING:
        return "open"
    if char in CLOSING:
        return "close"
    return None


def _straight_quote_roles(tokens: Sequence[str]) -> Iterator[str | None]:
    """ "open" or "close" for each straight quote of the paragraph, in order.

    With an odd number of straight quotes the pairing is unknown: every one is then left alone.
    """
    count = sum(token.count(STRAIGHT) for token in tokens)
    if count % 2:
        return repeat(None)
    return cycle(("open", "close"))
