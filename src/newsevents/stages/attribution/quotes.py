"""Find quotations in text: every quote style, nesting, and quotes that run over paragraphs.

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
}
CLOSING = frozenset("”»›’")
# The characters the scanner looks at: quote marks and line breaks.
MARKS = re.compile("[\n“”„«»‹›‘’\x22]")
STRAIGHT = '"'


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the end of the paragraph when it never closes)
    closed: bool = True

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations in ``text``, in order."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    resumed = -1  # the opening mark that continues a quotation into a new paragraph
    for mark in MARKS.finditer(text):
        i, char = mark.start(), mark.group()
        if i <= resumed:
            continue
        if char == "\n":
            if stack:
                resumed = _resumes_after(text, i, stack[0][0])
                if resumed < 0:
                    quotes.append(Quote(stack[0][1], _trim_right(text, i), closed=False))
                    stack.clear()
        elif _closes(text, i, stack):
            start = _pop_matching(stack, char)
            if not stack:
                quotes.append(Quote(start, i + 1))
        elif _opens(text, i):
            stack.append((char, i))
    if stack:
        quotes.append(Quote(stack[0][1], _trim_right(text, len(text)), closed=False))
    return quotes


def _pop_matching(stack: list[tuple[str, int]], closer: str) -> int:
    """Pop the innermost opener that ``closer`` closes (and any unclosed ones inside it)."""
    while True:
        opener, start = stack.pop()
        if closer in CLOSERS[opener]:
            return start


def _opens(text: str, i: int) -> bool:
    char = text[i]
    if char not in CLOSERS:
        return False
    if char in ("‘", STRAIGHT):
        # An apostrophe or inch mark follows a letter or digit; an opening mark does not.
        return i == 0 or not text[i - 1].isalnum()
    return True


def _closes(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    char = text[i]
    if not stack or (char not in CLOSING and char != STRAIGHT):
        return False
    if char == "’":
        # "don’t" and "the ’90s" use the same mark as a closing single quote.
        after = text[i + 1 : i + 2]
        if after.isalpha() or not any(opener == "‘" for opener, _ in stack):
            return False
    if char == STRAIGHT:
        if not any(opener == STRAIGHT for opener, _ in stack):
            return False
        before = text[i - 1] if i else " "
        return not before.isspace() or (stack[-1][0] == STRAIGHT and _looks_closing(text, i))
    return any(char in CLOSERS[opener] for opener, _ in stack)


def _looks_closing(text: str, i: int) -> bool:
    after = text[i + 1 : i + 2]
    return not after or after.isspace() or not after.isalnum()


def _resumes_after(text: str, newline: int, opener: str) -> int:
    """Where a quotation open at ``newline`` resumes: the next paragraph's opening mark, or -1."""
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    return j if j < len(text) and text[j] == opener else -1


def _trim_right(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
