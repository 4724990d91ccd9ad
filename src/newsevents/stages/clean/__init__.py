"""The clean stage: the article text without page debris, with normal spacing.

``doc.raw`` is plain text (ingest has already extracted the text of HTML pages). Cleaning:

- normalises whitespace and Unicode (NFC): one space between words, paragraphs separated by one
  blank line;
- removes paragraphs that are page debris (share prompts, navigation, related links, boilerplate,
  headlines of other articles dropped into the body) and records each in ``doc.removed``;
- puts back spaces lost next to quotation marks, recording each change in ``doc.repairs``;
- records in ``doc.raw_offsets`` where each run of the text came from, so ``to_raw_offset`` can
  trace any offset of ``doc.text`` back to ``doc.raw``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ...document import Document, Removed, Repair
from ...errors import E_EMPTY_AFTER_CLEAN, E_TOO_LONG, InputError
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .debris import classify
from .layout import Line, Segment, line_text, paragraphs, visible
from .quotes import Glue, glued_tokens

__all__ = ["CleanStage", "Cleaned", "clean_text", "make_clean", "to_raw_offset", "to_text_offset"]

PARAGRAPH_BREAK = "\n\n"


class _TextBuilder:
    """Writes the cleaned text piece by piece, keeping the offset runs back to the raw text."""

    def __init__(self, shown: str) -> None:
        self.shown = shown  # the raw text as ``layout.visible`` shows it: same offsets
        self.parts: list[str] = []
        self.length = 0
        self.gap = ""  # what was written since the last copied piece
        self.runs: list[tuple[int, int, int]] = []
        self.repairs: list[Repair] = []

    def paragraph(self, line: Line) -> None:
        if self.length:
            self._write(PARAGRAPH_BREAK)
        glues = glued_tokens([segment.text for segment in line])
        for index, (segment, glued) in enumerate(zip(line, glues, strict=True)):
            if index:
                self._write(" ")
            self._segment(segment, glued)

    def _segment(self, segment: Segment, glued: list[Glue]) -> None:
        """Copy a segment, putting a space back at each glued quote and recording the repair."""
        text = segment.text
        done = 0
        for glue in glued:
            self._copy(text[done : glue.start], segment, done)
            repair_start = self.length
            done = glue.start
            for cut in glue.cuts:
                self._copy(text[done:cut], segment, done)
                self._write(" ")
                done = cut
            self._copy(text[done : glue.end], segment, done)
            done = glue.end
            original = text[glue.start : glue.end]
            self.repairs.append(Repair("quote_spacing", repair_start, self.length, original))
        self._copy(text[done:], segment, done)

    def text(self) -> str:
        return "".join(self.parts)

    def _write(self, separator: str) -> None:
        self.parts.append(separator)
        self.length += len(separator)
        self.gap += separator

    def _copy(self, piece: str, segment: Segment, offset: int) -> None:
        """Write ``piece``, found at ``offset`` in ``segment``, and record where it came from."""
        if not piece:
            return
        raw_start = segment.raw_start + min(offset, segment.raw_length)
        raw_length = min(len(piece), segment.raw_start + segment.raw_length - raw_start)
        if not self._extend_run(piece, raw_start, raw_length):
            self.runs.append((self.length, raw_start, raw_length))
        self.parts.append(piece)
        self.length += len(piece)
        self.gap = ""

    def _extend_run(self, piece: str, raw_start: int, raw_length: int) -> bool:
        # One run covers text copied unchanged, separators included, so runs stay few.
        if not self.runs or len(piece) != raw_length:
            return False
        text_start, run_raw, run_length = self.runs[-1]
        run_end = run_raw + run_length
        if text_start + run_length + len(self.gap) != self.length:
            return False  # the last run was shortened (Unicode normalisation)
        if self.shown[run_end:raw_start] != self.gap:
            return False
        self.runs[-1] = (text_start, run_raw, run_length + len(self.gap) + raw_length)
        return True


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: list[Removed]
    repairs: list[Repair]
    raw_offsets: list[tuple[int, int, int]]


def clean_text(raw: str, *, one_per_line: bool = False, title: str | None = None) -> Cleaned:
    """The work of the stage on ``raw``, without a document."""
    shown = visible(raw)
    found = paragraphs(shown, one_per_line)
    texts = [line_text(line) for line in found]
    builder = _TextBuilder(shown)
    removed: list[Removed] = []
    for line, text, reason in zip(found, texts, classify(texts, title), strict=True):
        if reason is None:
            builder.paragraph(line)
        else:
            removed.append(Removed(text, reason))
    return Cleaned(builder.text(), removed, builder.repairs, builder.runs)


def to_raw_offset(doc: Document, index: int) -> int:
    """The offset in ``doc.raw`` of offset ``index`` of ``doc.text`` (end offsets too).

    A document that was not cleaned here (rebuilt from the store) has no runs: its text is its
    raw text, so the offset stays.
    """
    runs = doc.raw_offsets
    if not runs:
        return index
    at = bisect_right(runs, index, key=lambda run: run[0]) - 1
    if at < 0:
        return runs[0][1]
    text_start, raw_start, raw_length = runs[at]
    return raw_start + min(index - text_start, raw_length)


def to_text_offset(doc: Document, raw_index: int) -> int:
    """The offset in ``doc.text`` of offset ``raw_index`` of ``doc.raw``.

    An offset inside something cleaning removed (a debris line, extra spaces) maps to the end of
    the text kept before it: where the removed piece would have been.
    """
    runs = doc.raw_offsets
    if not runs:
        return raw_index
    at = bisect_right(runs, raw_index, key=lambda run: run[1]) - 1
    if at < 0:
        return 0
    text_start, raw_start, raw_length = runs[at]
    return min(text_start + min(raw_index - raw_start, raw_length), len(doc.text))


class CleanStage(Stage):
    name = "clean"

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars

    def __call__(self, doc: Document) -> Document:
        cleaned = clean_text(doc.raw, one_per_line=doc.is_html, title=doc.title)
        size = len(cleaned.text)
        if not size:
            raise InputError(doc.source, E_EMPTY_AFTER_CLEAN)
        if size > self.max_chars:
            raise InputError(doc.source, E_TOO_LONG.format(size=size, limit=self.max_chars))
        doc.text, doc.removed = cleaned.text, cleaned.removed
        doc.repairs, doc.raw_offsets = cleaned.repairs, cleaned.raw_offsets
        return doc


@register_stage("clean", requires=("raw",), assigns=("text", "removed"))
def make_clean(settings: Settings) -> CleanStage:
    return CleanStage(settings.max_article_chars)
