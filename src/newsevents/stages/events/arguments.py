"""An event's actor and recipient, read from the dependency parse and filled from the actors layer.

The actor is the subject (or the "by" agent of a passive; a noun's possessor or agent); the
recipient is the object (or a passive's subject, or the object of "against", "on", "from", ...).
Subjects are inherited through coordination ("were accused by X and expelled") and control
("X tried to seize"), relative pronouns resolve to the noun they modify. The ActorMention inside the
argument's phrase gives the name, country and sector, the one containing the head word first.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import Any

from ...document import ActorMention, Argument
from .lexicon import load_json, verb_forms

# Prepositions that introduce a recipient, by preference; "from" and "of" for a withdrawal.
RECIPIENT_PREPS = ("against", "on", "with", "to", "at", "into", "from", "of")
# A dateline: names, numbers and commas, then a dash.
DATELINE_DASHES = frozenset({"-", "–", "—", "--"})
DATELINE_POS = frozenset({"PROPN", "NUM", "PUNCT", "SPACE"})
# "marched on Monday", "fired from noon": a time is never an event's party.
TIME_LABELS = frozenset({"DATE", "TIME"})
WITHDRAW_PREPS = ("from", "of", "out")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Parts of a noun phrase that do not belong to the argument's text.
CLAUSE_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep", "appos"}
MAX_ARGUMENT_TOKENS = 12


@cache
def light_verb_forms() -> frozenset[str]:
    """Forms of the verbs that only carry an event noun ("staged a coup", "launched an attack")."""
    return frozenset(
        f for verb in load_json("framing.json")["light_verbs"] for f in verb_forms(verb)
    )


class ActorIndex:
    """The document's actor mentions, sorted for lookup by character span."""

    def __init__(self, mentions: list[ActorMention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]

    def inside(self, start: int, end: int) -> list[ActorMention]:
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                found.append(self.mentions[i])
            i += 1
        return found

    def covering(self, start: int, end: int) -> ActorMention | None:
        """The shortest mention that contains ``start..end``."""
        i = bisect_left(self.starts, start + 1)
        best = None
        for mention in reversed(self.mentions[max(0, i - 8) : i]):
            contains = mention.start <= start and mention.end >= end
            if contains and (best is None or mention.end - mention.start < best.end - best.start):
                best = mention
        return best


def _child(token: Any, *deps: str) -> Any | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _nearest_subject(verb: Any) -> Any | None:
    """The verb's subject; the nearest one when a parse that runs over a dateline hangs a second
    one on it ("CONAKRY, June 7 - The minister met ...")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return min(subjects, key=lambda c: abs(c.i - verb.i), default=None)


def _pobj(token: Any, preps: tuple[str, ...]) -> Any | None:
    """The object of the first of ``preps`` hanging off ``token`` (or off its particle)."""
    candidates = {}
    for prep in token.children:
        if prep.dep_ not in ("prep", "prt", "agent"):
            continue
        for child in prep.children:
            if child.dep_ == "pobj" and child.ent_type_ not in TIME_LABELS:
                candidates.setdefault(prep.lower_, child)
            elif child.dep_ == "prep":
                obj = _child(child, "pobj")
                if obj is not None and obj.ent_type_ not in TIME_LABELS:
                    candidates.setdefault(child.lower_, obj)
    return next((candidates[p] for p in preps if p in candidates), None)


def _resolve_relative(token: Any | None) -> Any | None:
    if token is not None and token.lower_ in RELATIVE_PRONOUNS:
        clause = token.head
        if clause.dep_ == "relcl":
            return clause.head
    return token


def _is_passive(verb: Any) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    # "were accused ... and expelled": a bare participle shares its head's passive voice.
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and _is_passive(verb.head)


def _passive_subject(verb: Any) -> Any | None:
    while verb is not None:
        if (found := _child(verb, "nsubjpass")) is not None:
            return found
        verb = verb.head if verb.dep_ == "conj" else None
    return None


def _is_participle_modifier(verb: Any) -> bool:
    """ "the men arrested by police": a past participle modifying the noun it acts on."""
    return verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and _child(verb, "nsubj") is None


def actor_token(trigger: Any) -> Any | None:
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _noun_actor(trigger)
    verb = trigger
    while True:
        if _is_passive(verb) or _is_participle_modifier(verb):
            found = _pobj(verb, ("by",))
        else:
            found = _nearest_subject(verb)
        if found is not None:
            return _resolve_relative(found)
        if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
            verb = verb.head
            continue
        if verb.dep_ == "relcl":
            return verb.head
        return None


def _noun_actor(noun: Any) -> Any | None:
    return _resolve_relative(_noun_actor_token(noun))


def _noun_actor_token(noun: Any) -> Any | None:
    found = _child(noun, "poss") or _pobj(noun, ("by",))
    if found is not None:
        return found
    modifier = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")
        ),
        None,
    )
    if modifier is not None:
        return modifier
    if noun.dep_ == "dobj" and noun.head.lower_ in light_verb_forms():
        # "officers staged a coup": the doer of a light verb does the noun's event; the
        # subject of "condemned the coup" does not.
        return _child(noun.head, "nsubj")
    return None


def recipient_token(trigger: Any, event_type: str) -> Any | None:
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _pobj(trigger, ("against", "on", "of", "with", "to", "from"))
    if event_type in ("RETREAT", "MOBILIZE"):
        found = _pobj(trigger, (*WITHDRAW_PREPS, "to", "into"))
        if found is not None:
            return found
    if _is_passive(trigger):
        return _resolve_relative(_passive_subject(trigger))
    if (found := _child(trigger, "dobj")) is not None:
        return found
    if (embedded := _child(trigger, "xcomp")) is not None and embedded.pos_ == "VERB":
        # "threatened to expel the ambassador": the threatened act's object.
        return recipient_token(embedded, event_type)
    if _is_participle_modifier(trigger):
        return trigger.head
    return _pobj(trigger, RECIPIENT_PREPS)


def _phrase_bounds(head: Any) -> tuple[int, int]:
    """Character span of the argument's phrase: its subtree without clauses and prepositions."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in CLAUSE_DEPS]
    while stack and len(tokens) < MAX_ARGUMENT_TOKENS:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = head.doc
    first = _after_dateline(doc, first, head.i)
    while first < head.i and doc[first].is_punct and not doc[first].is_quote:
        first += 1  # "- Senegal's minister", after a dateline's dash
    return doc[first].idx, doc[last].idx + len(doc[last])


def _after_dateline(doc: Any, first: int, head: int) -> int:
    """Where a phrase starts once a dateline the parse hung on it is cut off: "LA PAZ -
    Bolivia's government" is "Bolivia's government"."""
    if not doc[first].is_sent_start:
        return first
    for token in doc[first:head]:
        if token.text in DATELINE_DASHES:
            return token.i + 1
        if token.pos_ not in DATELINE_POS:
            return first
    return first


def _mention_for(head: Any, actors: ActorIndex, start: int, end: int) -> ActorMention | None:
    """The mention of the head word; else one in the phrase ("X's forces"); else in its "of"
    object ("the forces of X")."""
    mention = actors.covering(head.idx, head.idx + len(head))
    if mention is not None:
        return mention
    inside = actors.inside(start, end)
    if inside:
        return inside[0]
    of_object = _pobj(head, ("of",))
    if of_object is None:
        return None
    return _mention_for(of_object, actors, *_phrase_bounds(of_object))


def _within_paragraph(text: str, pivot: int, start: int, end: int) -> tuple[int, int]:
    """``start..end`` clipped to the paragraph around ``pivot`` (a parse can run over a break)."""
    before = text.rfind("\n\n", start, pivot)
    after = text.find("\n\n", pivot, end)
    return (before + 2 if before >= 0 else start), (after if after >= 0 else end)


def argument(head: Any | None, actors: ActorIndex, text: str) -> Argument | None:
    """The Argument for the phrase headed by ``head``, named by the actor mention inside it."""
    if head is None:
        return None
    start, end = _within_paragraph(text, head.idx, *_phrase_bounds(head))
    mention = _mention_for(head, actors, start, end)
    if mention is None:
        return Argument(text=text[start:end])
    phrase = text[
        slice(*_within_paragraph(text, head.idx, min(start, mention.start), max(end, mention.end)))
    ]
    return Argument(
        text=phrase,
        name=mention.actor.name,
        country=mention.actor.country,
        sector=mention.actor.sector,
        entity=mention.entity,
    )
