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
MIN_HEADLINE_WORDS = 8
MAX_HEADLINE_WORDS = 18
MAX_HEADLINE_CHARS = 120
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
# "NAIROBI, Kenya (AP) -", "TORRINGTON — Mayor ...", "Washington (CNN)".
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,| [-–—])|\([A-Z][\w .]{0,20}\)$")


@cache
def function_words() -> frozenset[str]:
    """Words a headline or a paragraph cannot end with (``function_words.txt``)."""
    return frozenset(_data_lines("function_words.txt"))


def ends_mid_sentence(line: str) -> bool:
    """Whether ``line`` ends with a word that needs more after it ("of", "the", "was")."""
    last = line.rsplit(maxsplit=1)[-1] if line.strip() else ""
    return last.casefold() in function_words()


@cache
def debris_pattern() -> re.Pattern[str]:
    """All patterns of ``debris.tsv`` in one, compiled once per process.

    Each pattern is a named group ``<reason>_<line>``, so one match says which reason fits.
    """
    groups = []
    for number, line in enumerate(_data_lines("debris.tsv")):
        reason, regex = line.split("\t", 1)
        groups.append(f"(?P<{reason}_{number}>{regex.strip()})")
    return re.compile("|".join(groups), re.IGNORECASE)


def _data_lines(name: str) -> list[str]:
    """The lines of a data file beside this module, without comments and blank lines."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def debris_reason(paragraph: str) -> str | None:
    """The reason ``paragraph`` is a known piece of page debris, or None."""
    if len(paragraph) > MAX_DEBRIS_CHARS:
        return None
    core = paragraph.strip(_EDGE_JUNK)
    if not core:
        return "boilerplate"
    match = debris_pattern().fullmatch(core)
    if match is None or match.lastgroup is None:
        return None
    return match.lastgroup.rsplit("_", 1)[0]


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
        and len(paragraph) <= MAX_HEADLINE_CHARS
        and paragraph[0].isupper()
        and not ends_sentence(paragraph)
        and not _CONTINUES.search(paragraph)
        and not _DATELINE.search(paragraph)
        and not ends_mid_sentence(paragraph)
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
