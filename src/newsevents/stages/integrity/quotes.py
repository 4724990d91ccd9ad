"""garbled_quote: broken quotation boundaries.

Three symptoms: a quote mark glued to the next or previous word (repaired by the clean stage, or
still in the text), a paragraph whose quote marks do not balance, and an orphan fragment: a short
quoted phrase standing alone between sentences, attached to nothing ("... in March. “grave
violations”Troops left."). Rewording tools and careless copying leave all three.
"""

from __future__ import annotations

import re

from ...document import Document, Flag
from .common import flag, paragraphs, quoted

# A quote mark with no space on either side, between a word (or its punctuation) and the next
# word: "2022,”The", "word“word", "said."We". A mark curled the wrong way ("Wins“ and") has a
# space on one side and is only sloppy typing.
_GLUED = re.compile(r"(?<=[\w.,;:!?])[”“](?=\w)|(?<=[\w.,;!?])\"(?=[A-Z])")
# Straight double quotes that are no quotation marks: an inch mark (6'3"), markup left in the
# text (<tweet id="1">).
_NOT_QUOTES = re.compile(r"\d'\d{1,2}\"|<[^<>\n]*>")
# A short quoted phrase that starts a sentence (or paragraph) in lower case and is followed by the
# end of the paragraph or straight by another capitalised sentence.
_ORPHAN = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?P<q>[“\"][a-z][^“”\"\n.!?]{0,60}[”\"])(?=\s*$|\s*[A-Z])", re.MULTILINE
)


def check_quotes(doc: Document) -> list[Flag]:
    flags = [_repair_flag(doc, repair) for repair in doc.repairs if repair.kind == "quote_spacing"]
    repaired = [(r.start, r.end) for r in doc.repairs if r.kind == "quote_spacing"]
    for match in _GLUED.finditer(doc.text):
        if not any(start <= match.start() <= end for start, end in repaired):
            flags.append(_glued_flag(doc, match.start()))
    orphans = [m.span("q") for m in _ORPHAN.finditer(doc.text)]
    flags.extend(_orphan_flag(doc, start, end) for start, end in orphans)
    flags.extend(_unbalanced(doc, orphans))
    return flags


def _repair_flag(doc: Document, repair) -> Flag:
    message = (
        f"a quotation mark was glued to the next word in the input (“{repair.original}”); a space "
        "was put back, but where the quotation ends is uncertain."
    )
    return flag(doc, "garbled_quote", "warning", message, repair.start, repair.end)


def _glued_flag(doc: Document, at: int) -> Flag:
    start, end = _word_around(doc.text, at)
    message = (
        f"a quotation mark is glued to the neighbouring word ({quoted(doc, start, end)}): the "
        "boundary between the quotation and the narrative is broken."
    )
    return flag(doc, "garbled_quote", "warning", message, start, end)


def _orphan_flag(doc: Document, start: int, end: int) -> Flag:
    message = (
        f"the quoted fragment {doc.text[start:end]} stands alone, attached to no sentence and "
        "no speaker: a piece of a quotation was probably lost or moved."
    )
    return flag(doc, "garbled_quote", "warning", message, start, end)


def _unbalanced(doc: Document, orphans: list[tuple[int, int]]) -> list[Flag]:
    flags = []
    spans = list(paragraphs(doc.text))
    for i, (start, end) in enumerate(spans):
        if any(start <= o_start < end for o_start, _ in orphans):
            continue  # already reported, more precisely
        text = _NOT_QUOTES.sub("", doc.text[start:end])
        opening, closing, straight = text.count("“"), text.count("”"), text.count('"')
        # Mixed marks (“...") are sloppy but close; only an odd number of marks leaves one open.
        if (opening + closing + straight) % 2 == 0:
            continue
        if _continued_quote(doc.text, spans, i):
            continue
        message = (
            f"the quotation marks of this paragraph do not balance ({opening} opening, {closing} "
            f"closing, {straight} straight): a quotation starts or ends in the wrong place."
        )
        flags.append(flag(doc, "garbled_quote", "warning", message, start, end))
    return flags


def _continued_quote(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """News style: a quotation running on into the next paragraph is left open, and the next
    paragraph opens again with a quote mark."""
    following = spans[i + 1][0] if i + 1 < len(spans) else None
    return following is not None and text[following] in '“"'


def _word_around(text: str, at: int) -> tuple[int, int]:
    """The span of the non-space run around ``at``, at most 40 characters each side."""
    start = at
    while start > 0 and at - start < 40 and not text[start - 1].isspace():
        start -= 1
    end = at + 1
    while end < len(text) and end - at < 40 and not text[end].isspace():
        end += 1
    return start, end
