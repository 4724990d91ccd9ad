"""From raw text to paragraphs of words, each word keeping its offset in the raw text.

Offsets survive because every change before the words are cut out keeps the length of the text:
line breaks of every kind become "\\n" and invisible characters become spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .debris import ends_sentence

# Hard-wrapped text is at least this wide; blocks of shorter lines are lists, one item a line.
WRAP_MIN_WIDTH = 40

_CRLF = re.compile(r"\r(?=\n)")
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", "\n"))
# Control characters and invisible separators: spaces, so that word boundaries stay.
_INVISIBLE = str.maketrans(
    dict.fromkeys(
        [chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F, *range(0x80, 0xA0))]
        + ["\u200b", "\u2060", "\ufeff", "\ufffe"],
        " ",
    )
)
# Invisible characters inside words (soft hyphen, joiners): dropped from the word.
_INSIDE_WORDS = str.maketrans(dict.fromkeys("\u00ad\u200c\u200d", None))
_WORD_OR_BREAK = re.compile(r"[^\s]+|\n")


@dataclass(frozen=True)
class Word:
    text: str  # as it will appear in the cleaned text (NFC, invisible characters dropped)
    raw_start: int
    raw_length: int


Line = list[Word]


def visible(raw: str) -> str:
    """``raw`` with the same length, one kind of line break, and invisible characters as spaces."""
    return _CRLF.sub(" ", raw).translate(_LINE_BREAKS).translate(_INVISIBLE)


def blocks(shown: str) -> list[list[Line]]:
    """The blocks of ``shown`` (split at blank lines), each a list of non-empty lines of words.

    ``shown`` is a raw text passed through ``visible``.
    """
    found: list[list[Line]] = [[]]
    line: Line = []
    breaks = 0
    for match in _WORD_OR_BREAK.finditer(shown):
        if match.group() == "\n":
            breaks += 1
            continue
        if breaks:
            _close_line(found, line, new_block=breaks > 1)
            line = []
            breaks = 0
        word = _word(match.group(), match.start())
        if word is not None:
            line.append(word)
    _close_line(found, line, new_block=False)
    return [block for block in found if block]


def paragraphs(shown: str, one_per_line: bool) -> list[Line]:
    """The paragraphs of ``shown`` (a raw text passed through ``visible``), as words.

    With ``one_per_line`` (text extracted from HTML) every line is a paragraph. Otherwise lines
    of a block join when the text was hard-wrapped, and split where a line ends a sentence or is
    too short to have been wrapped.
    """
    found: list[Line] = []
    for block in blocks(shown):
        if one_per_line:
            found.extend(block)
        else:
            found.extend(_reflow(block))
    return found


def line_text(words: Line) -> str:
    return " ".join(word.text for word in words)


def _close_line(found: list[list[Line]], line: Line, new_block: bool) -> None:
    if line:
        found[-1].append(line)
    if new_block and found[-1]:
        found.append([])


def _word(text: str, start: int) -> Word | None:
    if text.isascii():
        return Word(text, start, len(text))
    cleaned = unicodedata.normalize("NFC", text.translate(_INSIDE_WORDS))
    return Word(cleaned, start, len(text)) if cleaned.strip() else None


def _reflow(block: list[Line]) -> list[Line]:
    texts = [line_text(line) for line in block]
    width = max(len(text) for text in texts)
    joined: list[Line] = [list(block[0])]
    for previous, line in zip(texts, block[1:], strict=False):
        if _wrapped(previous, line[0].text, width):
            joined[-1].extend(line)
        else:
            joined.append(list(line))
    return joined


def _wrapped(previous: str, next_word: str, width: int) -> bool:
    """Whether a line break was made by wrapping: the next word would not have fit the line."""
    return (
        width >= WRAP_MIN_WIDTH
        and len(previous) + 1 + len(next_word) > width
        and not ends_sentence(previous)
    )
