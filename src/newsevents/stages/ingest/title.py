"""Which first line of a plain text is its title."""

from __future__ import annotations

import re

from ..clean.debris import debris_reason

# A title is a short line; a longer first line is the article's opening paragraph.
TITLE_MAX_CHARS = 160
TITLE_MAX_WORDS = 25
# Lines of page debris ("Skip to content", "Home > World") looked past to find the title.
MAX_DEBRIS_LINES_ABOVE_TITLE = 8
# Without a blank line after it, a title is at most this long.
SHORT_TITLE_WORDS = 12
OPENING_QUOTES = "\"“‘'«"
# How sentences ("... said."), lead-ins (":") and datelines ("BAMAKO, May 3 (Reuters) -",
# "Washington (CNN)") end; titles end otherwise.
_NOT_TITLE_END = re.compile(r"""(?:[.…]['"’”»)\]]*|[:;,\-–—]|\([A-Z][\w .]{0,20}\))$""")


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first non-empty line is the title when it looks like one.

    A title line is followed by a blank line, or it is short and the body starts a new sentence
    on the next line; otherwise it is the first line of a hard-wrapped paragraph. Page debris
    above the title ("Skip to content") is passed over and left in the body for cleaning.
    """
    before, first, rest = _first_content_line(text)
    body_start = rest.lstrip()
    if not body_start or not looks_like_title(first):
        return None, text
    blank_after = not rest.partition("\n")[0].strip()
    short = len(first.split()) <= SHORT_TITLE_WORDS
    if blank_after or (short and _starts_sentence(body_start)):
        return first, before + rest
    return None, text


def _first_content_line(text: str) -> tuple[str, str, str]:
    """(text before, the first line that is not blank or page debris, text after)."""
    start = 0
    debris_lines = 0
    while debris_lines <= MAX_DEBRIS_LINES_ABOVE_TITLE:
        end = text.find("\n", start)
        # A Markdown heading ("# Title") is a title without its marks.
        line = (text[start:] if end < 0 else text[start:end]).strip().lstrip("#").strip()
        if line:
            if debris_reason(line) is None:
                return text[:start], line, "" if end < 0 else text[end + 1 :]
            debris_lines += 1
        if end < 0:
            break
        start = end + 1
    return "", "", text


def looks_like_title(line: str) -> bool:
    """Short, several words, and not ending like a sentence or a dateline."""
    words = line.split()
    return (
        2 <= len(words) <= TITLE_MAX_WORDS
        and len(line) <= TITLE_MAX_CHARS
        and (line[0].isalnum() or line[0] in OPENING_QUOTES)
        and not _NOT_TITLE_END.search(line)
    )


def _starts_sentence(text: str) -> bool:
    return text[0].isupper() or text[0].isdigit() or text[0] in OPENING_QUOTES
