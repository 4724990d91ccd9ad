"""Which paragraphs are page debris, not article text, and why.

Two kinds of evidence: a paragraph that is all of a known debris phrase (``debris.tsv``), and an
injected headline, a teaser for another article dropped between two paragraphs of this one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

# Debris is short; a paragraph longer than this is article text whatever it starts with.
MAX_DEBRIS_CHARS = 240
# The lines of a related-links list after its heading: short, and not sentences.
MAX_LINK_WORDS = 20
# An injected headline has the length of a headline: crossheads ("Election timeline") are
# shorter, and body paragraphs end like sentences.
MIN_HEADLINE_WORDS = 7
MAX_HEADLINE_WORDS = 25
# A body paragraph around an injected headline: a sentence or more.
MIN_BODY_WORDS = 6

# Stripped from both ends before matching; sentence-final punctuation is kept, so that
# "More from the minister was expected." stays a sentence.
_EDGE_JUNK = " \t:;|»>›<‹-–—•·*#"
# Ends as a sentence ends: final punctuation, possibly inside closing quotes or brackets, or a
# closing quote itself.
_SENTENCE_END = re.compile(r"""(?:[.!?…]['"’”»)\]]*|['"’”»])$""")
# Ends as a line that continues: a lead-in (":"), a list (","), or a dateline ("LAGOS, May 3 -").
_CONTINUES = re.compile(r"[:;,\-–—(\[]$")
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,")


@cache
def debris_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(reason, pattern) from ``debris.tsv``, compiled once per process."""
    patterns = []
    text = files(__package__).joinpath("debris.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            reason, regex = line.split("\t", 1)
            patterns.append((reason, re.compile(regex.strip(), re.IGNORECASE)))
    return tuple(patterns)


def debris_reason(paragraph: str) -> str | None:
    """The reason ``paragraph`` is a known piece of page debris, or None."""
    if len(paragraph) > MAX_DEBRIS_CHARS:
        return None
    core = paragraph.strip(_EDGE_JUNK)
    if not core:
        return "boilerplate"
    for reason, pattern in debris_patterns():
        if pattern.fullmatch(core):
            return reason
    return None


def ends_sentence(paragraph: str) -> bool:
    return bool(_SENTENCE_END.search(paragraph))


def is_link_line(paragraph: str) -> bool:
    """A line of a related-links list: a short title, not a sentence."""
    return len(paragraph.split()) <= MAX_LINK_WORDS and not ends_sentence(paragraph)


def is_body(paragraph: str) -> bool:
    return len(paragraph.split()) >= MIN_BODY_WORDS and ends_sentence(paragraph)


def looks_like_headline(paragraph: str) -> bool:
    """Headline-shaped: several words, starts with a capital, ends without punctuation."""
    words = paragraph.split()
    return (
        MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS
        and paragraph[0].isupper()
        and not ends_sentence(paragraph)
        and not _CONTINUES.search(paragraph)
        and not _DATELINE.match(paragraph)
    )


def classify(paragraphs: Sequence[str], title: str | None) -> list[str | None]:
    """The removal reason of each paragraph, None for article text."""
    reasons = _known_debris(paragraphs)
    title_key = (title or "").casefold().strip()
    kept = [i for i, reason in enumerate(reasons) if reason is None]
    for before, here, after in zip(kept, kept[1:], kept[2:], strict=False):
        text = paragraphs[here]
        if (
            looks_like_headline(text)
            and text.casefold() != title_key
            and is_body(paragraphs[before])
            and is_body(paragraphs[after])
        ):
            reasons[here] = "injected_headline"
    return reasons


def _known_debris(paragraphs: Sequence[str]) -> list[str | None]:
    reasons: list[str | None] = []
    in_links = False
    for paragraph in paragraphs:
        reason = debris_reason(paragraph)
        if reason is None and in_links and is_link_line(paragraph):
            reason = "related_links"
        # A list of links runs from its heading to the first line that is not a link.
        in_links = reason == "related_links"
        reasons.append(reason)
    return reasons
