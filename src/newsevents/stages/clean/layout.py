"""From raw text to paragraphs of text segments, each keeping its offset in the raw text.

Offsets survive because every change before the segments are cut out keeps the length of the
text: line breaks of every kind become "\\n" and invisible characters become spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .debris import ends_mid_sentence, ends_sentence

# Hard-wrapped text is at least this wide; blocks of shorter lines are lists, one item a line.
WRAP_MIN_WIDTH = 50
# A line at least this share of its block's width was cut because it was full. The width is a
# high percentile of the line lengths, so that one overlong line does not set it.
WRAP_SHARE = 0.6
WIDTH_PERCENTILE = 0.9
# Characters that start a line continuing the one before: lower case, "(225 km)", "-- and".
_CONTINUATION_START = "([{-–—,;"

# Every kind of line break becomes "\n" ("\r\n" becomes " \n"), and control characters and
# invisible separators become spaces, so that word boundaries stay. One character for one.
_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
_LINE_BREAK = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\ufffe]")
# Invisible characters inside words (soft hyphen, joiners): dropped from the word.
_INSIDE_WORDS = str.maketrans(dict.fromkeys("\u00ad\u200c\u200d", None))
# A line's text from its first to its last visible character.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_WORD = re.compile(r"\S+")
# Words joined by single plain spaces: copied as they are.
_SPACED_RUN = re.compile(r"\S+(?: \S+)*")
_INSIDE_WORD_CHARS = re.compile("[\u00ad\u200c\u200d]")


@dataclass(frozen=True)
class Segment:
    """A piece of a line, as it will appear in the cleaned text, and where it came from."""

    text: str  # NFC, single spaces, invisible characters dropped
    raw_start: int
    raw_length: int


Line = list[Segment]


def visible(raw: str) -> str:
    """``raw`` with the same length, one kind of line break, and invisible characters as spaces."""
    return _INVISIBLE.sub(" ", _LINE_BREAK.sub("\n", _CR_BEFORE_LF.sub(" ", raw)))


def blocks(shown: str) -> list[list[Line]]:
    """The blocks of ``shown`` (split at blank lines), each a list of non-empty lines.

    ``shown`` is a raw text passed through ``visible``.
    """
    found: list[list[Line]] = [[]]
    previous_end = 0
    for match in _LINE.finditer(shown):
        if found[-1] and shown.count("\n", previous_end, match.start()) > 1:
            found.append([])
        previous_end = match.end()
        line = _segments(match.group(), match.start())
        if line:
            found[-1].append(line)
    return [block for block in found if block]


def paragraphs(shown: str, one_per_line: bool) -> list[Line]:
    """The paragraphs of ``shown`` (a raw text passed through ``visible``), as segments.

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


def line_text(line: Line) -> str:
    return " ".join(segment.text for segment in line)


def _segments(text: str, start: int) -> Line:
    """A line as segments: runs of words with single spaces, each as it is when it can be."""
    if text.isascii() and "  " not in text and "\t" not in text:
        return [Segment(text, start, len(text))]  # the common case, in one piece
    line = []
    for run in _SPACED_RUN.finditer(text):
        piece = run.group()
        if _INSIDE_WORD_CHARS.search(piece) or not unicodedata.is_normalized("NFC", piece):
            line.extend(_words(piece, start + run.start()))
        else:
            line.append(Segment(piece, start + run.start(), len(piece)))
    return line


def _words(text: str, start: int) -> Line:
    """Word by word, each normalised: its length may change, so each keeps its own offset."""
    line = []
    for match in _WORD.finditer(text):
        word = match.group()
        cleaned = unicodedata.normalize("NFC", word.translate(_INSIDE_WORDS))
        if cleaned.strip():
            line.append(Segment(cleaned, start + match.start(), len(word)))
    return line


def _reflow(block: list[Line]) -> list[Line]:
    texts = [line_text(line) for line in block]
    full = WRAP_SHARE * _width(texts)
    joined: list[Line] = [list(block[0])]
    for previous, line in zip(texts, block[1:], strict=False):
        if _continues(previous, line[0].text.split(" ", 1)[0], full):
            joined[-1].extend(line)
        else:
            joined.append(list(line))
    return joined


def _width(texts: list[str]) -> int:
    """The width a block was wrapped to; 0 when its lines are too short to have been wrapped."""
    lengths = sorted(len(text) for text in texts)
    width = lengths[int(WIDTH_PERCENTILE * (len(lengths) - 1))]
    return width if width >= WRAP_MIN_WIDTH else 0


def _continues(previous: str, next_word: str, full: float) -> bool:
    """Whether the line after ``previous`` goes on with the same paragraph.

    It does when ``previous`` stops mid-sentence: it ends with a word that needs more ("... the
    judge said he"), or it was cut because it was full, or the next line plainly continues
    (lower case, an opening bracket).
    """
    if ends_sentence(previous):
        return False
    return (
        (full > 0 and len(previous) >= full)
        or ends_mid_sentence(previous)
        or next_word[:1].islower()
        or next_word[:1] in _CONTINUATION_START
    )
