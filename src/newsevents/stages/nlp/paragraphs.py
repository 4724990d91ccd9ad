"""Paragraph breaks as sentence boundaries, set before the parser runs.

The parser sometimes runs a sentence over a paragraph break (a title into the first paragraph, a
quotation into the next one), and then hangs one paragraph's clause on the other's verb. A
paragraph never continues a sentence, so the first word after a line break starts one; the
parser keeps boundaries set before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "paragraph_breaks"


@Language.component(COMPONENT)
def paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and "\n" in before.text + before.whitespace_:
            token.is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> None:
    """Put the component before the parser (the model's only sentence splitter)."""
    if "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
