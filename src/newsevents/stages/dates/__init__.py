"""The dates stage: every date and time expression, resolved to a calendar period.

Expressions are found by the grammar's patterns and spaCy's DATE/TIME entities (``spans``), read
by rules (``grammar``, ``resolve``) against the publication date, and, when the publication date
is missing, the stage infers it from the text first (``published``). Expressions that need an
anchor keep no dates when there is none; explicit dates always resolve.
"""

from __future__ import annotations

from ...document import DateMention, Document, Published
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .grammar import Grammar, grammar
from .published import in_dateline, infer_publication
from .resolve import Context, Resolved, resolve
from .spans import Candidate, find_candidates
from .tense import direction_at

__all__ = ["DatesStage", "make_dates", "resolve_mentions"]

# How much to trust a resolved date, by what it rests on.
CONFIDENCE_STATED = 0.95  # the text gives it in full
CONFIDENCE_GIVEN_ANCHOR = 0.85  # read against a publication date we were given
CONFIDENCE_INFERRED_ANCHOR = 0.7  # read against a publication date inferred from the text
CONFIDENCE_PREVIOUS = 0.6  # "the same day": read against an earlier mention
CONFIDENCE_PRESENT = 0.5  # "now", "currently": the present, loosely
CONFIDENCE_FALLBACK = 0.5  # read by dateparser, not by the rules
CONFIDENCE_UNRESOLVED = 0.3  # a date expression with nothing to resolve it against


class DatesStage(Stage):
    name = "dates"

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar

    def __call__(self, doc: Document) -> Document:
        candidates = find_candidates(doc.text, doc.nlp, self.grammar)
        directions = [direction_at(doc.nlp, c.start, c.end) for c in candidates]
        if doc.published.date is None:
            parsed = doc.nlp is not None and doc.nlp.has_annotation("DEP")
            # A dateline's date is when the report was filed, whatever the tense around it.
            reported = [
                "past" if in_dateline(doc.text, c.start, c.end) else direction
                for c, direction in zip(candidates, directions, strict=True)
            ]
            inferred = infer_publication(candidates, reported, require_past=parsed)
            if inferred is not None:
                doc.published = Published(inferred, "inferred")
        doc.dates = resolve_mentions(doc.text, candidates, directions, doc.published)
        return doc


def resolve_mentions(
    text: str, candidates: list[Candidate], directions: list[str | None], published: Published
) -> list[DateMention]:
    """Resolve the candidates in text order against the publication date; ids d1, d2, ..."""
    mentions: list[DateMention] = []
    previous: Resolved | None = None
    for candidate, direction in zip(candidates, directions, strict=True):
        found = resolve(candidate.match, Context(published.date, direction, previous))
        if found is None:
            continue
        mentions.append(
            DateMention(
                id=f"d{len(mentions) + 1}",
                text=text[candidate.start : candidate.end],
                start=candidate.start,
                end=candidate.end,
                start_date=found.start,
                end_date=found.end,
                precision=found.precision,
                confidence=_confidence(candidate, found, published),
                basis=found.basis,
            )
        )
        if found.start is not None and candidate.match.rule.name != "present":
            previous = found
    return mentions


def _confidence(candidate: Candidate, found: Resolved, published: Published) -> float:
    rule = candidate.match.rule.name
    if found.start is None:
        return CONFIDENCE_UNRESOLVED
    if rule == "dateparser":
        return CONFIDENCE_FALLBACK
    if rule == "present":
        return CONFIDENCE_PRESENT
    if found.basis == "stated":
        return CONFIDENCE_STATED
    if rule in ("reference", "shift"):
        return CONFIDENCE_PREVIOUS
    if published.basis == "inferred":
        return CONFIDENCE_INFERRED_ANCHOR
    return CONFIDENCE_GIVEN_ANCHOR


@register_stage("dates", requires=("text", "nlp"), assigns=("dates", "published"))
def make_dates(settings: Settings) -> DatesStage:
    return DatesStage(grammar())
