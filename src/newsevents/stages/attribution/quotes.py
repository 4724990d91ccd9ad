"""Find quotations in text: every quote style, nesting, and quotes that run over paragraphs.

Besides the typographic marks, straight quotes and the two-character marks of older newswire and
archive text (''a quote'' and ``a quote'') are read as double quotes.

A quotation is reported at its outermost level; quotes inside it are part of its content. A
paragraph that ends inside a quotation continues it when the next paragraph opens with a quote mark
(the newspaper convention for long quotes); otherwise the quotation ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that close it.
CLOSERS = {
    "“": "”",
    "„": "”“",
    "«": "»",
    "‹": "›",
    "‘": "’",
    '"': '"',
    "''": "''",
    "``": "''",
}
CLOSING = frozenset("”»›’")
# The characters the scanner looks at: quote marks (two apostrophes before one) and line breaks.
MARKS = re.compile("''|``|[\n“”„«»‹›‘’\x22]")
STRAIGHT = '"'
# Marks that look the same when they open and when they close.
UNDIRECTED = frozenset({STRAIGHT, "''"})


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the end of the paragraph when it never closes)
    closed: bool = True
    opening_width: int = 1
    closing_width: int = 1

    @property
    def inner_start(self) -> int:
        return self.start + self.opening_width

    @property
    def inner_end(self) -> int:
        return self.end - self.closing_width if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations in ``text``, in order."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    resumed = -1  # the opening mark that continues a quotation into a new paragraph
    for found in MARKS.finditer(text):
        i, mark = found.start(), found.group()
        if i <= resumed:
            continue
        if mark == "\n":
            if stack:
                resumed = _resumes_after(text, i, stack[0][0])
                if resumed < 0:
                    opener, start = stack[0]
                    end = _trim_right(text, i)
                    quotes.append(Quote(start, end, False, len(opener)))
                    stack.clear()
        elif _closes(text, i, mark, stack):
            opener, start = _pop_matching(stack, mark)
            if not stack:
                quotes.append(Quote(start, i + len(mark), True, len(opener), len(mark)))
        elif _opens(text, i, mark):
            stack.append((mark, i))
    if stack:
        opener, start = stack[0]
        quotes.append(Quote(start, _trim_right(text, len(text)), False, len(opener)))
    return quotes


def _pop_matching(stack: list[tuple[str, int]], closer: str) -> tuple[str, int]:
    """Pop the innermost opener that ``closer`` closes (and any unclosed ones inside it)."""
    while True:
        opener, start = stack.pop()
        if closer in CLOSERS[opener]:
            return opener, start


def _opens(text: str, i: int, mark: str) -> bool:
    if mark not in CLOSERS:
        return False
    if mark == "‘" or mark in UNDIRECTED:
        # An apostrophe or inch mark follows a letter or digit; an opening mark does not.
        return i == 0 or not text[i - 1].isalnum()
    return True


def _closes(text: str, i: int, mark: str, stack: list[tuple[str, int]]) -> bool:
    if not stack or (mark not in CLOSING and mark not in UNDIRECTED):
        return False
    if mark == "’":
        # "don’t" and "the ’90s" use the same mark as a closing single quote.
        after = text[i + 1 : i + 2]
        if after.isalpha() or not any(opener == "‘" for opener, _ in stack):
            return False
    if mark in UNDIRECTED:
        if not any(mark in CLOSERS[opener] for opener, _ in stack):
            return False
        before = text[i - 1] if i else " "
        closes_innermost = mark in CLOSERS[stack[-1][0]]
        return not before.isspace() or (closes_innermost and _looks_closing(text, i + len(mark)))
    return any(mark in CLOSERS[opener] for opener, _ in stack)


def _looks_closing(text: str, after_mark: int) -> bool:
    after = text[after_mark : after_mark + 1]
    return not after or after.isspace() or not after.isalnum()


def _resumes_after(text: str, newline: int, opener: str) -> int:
    """Where a quotation open at ``newline`` resumes: the next paragraph's opening mark, or -1."""
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    return j if text.startswith(opener, j) else -1


def _trim_right(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
