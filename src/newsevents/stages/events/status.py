"""An event's status: occurred, attempted, planned, threatened, denied, negated or hypothetical.

Read from the trigger's own clause (negation, modal auxiliaries, an "if" clause) and from the verbs
that govern it ("plans to withdraw", "tried to seize", "denied arresting"). Negation wins: a negated
event never counts as one that happened.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .lexicon import lemma_of, load_json

# Dependencies that lead from an event to the verb or noun that frames it.
FRAME_DEPS = {"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "nsubjpass", "compound", "acl"}


@cache
def _words() -> dict[str, Any]:
    return load_json("status.json")


def _frame_chain(token: Any) -> list[Any]:
    """The trigger and the words that frame it, innermost first."""
    chain = [token]
    current = token
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass"):
        # "fighting has not resumed": an event noun is framed by the verb it is subject of.
        current = token.head
        chain.append(current)
    while current.dep_ in FRAME_DEPS and current.head is not current:
        current = current.head
        chain.append(current)
    return chain


def _negated(token: Any) -> bool:
    negations = _words()["negations"]
    if any(c.dep_ in ("neg", "det", "preconj") and c.lower_ in negations for c in token.children):
        return True
    # "offered no concessions": a verb whose object is negated did not happen.
    return any(
        c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in negations for d in c.children)
        for c in token.children
    )


def _purpose(token: Any) -> bool:
    """ "an effort to fight", "the decision to expel": an infinitive that names an aim."""
    return token.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _modal(token: Any) -> str | None:
    modals = _words()["modals"]
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in modals:
            return modals[child.lower_]
    return None


def _be_to(verb: Any) -> bool:
    """ "troops are to withdraw", "talks were to continue": "be" with a to-infinitive plans
    ("who is to blame" does not)."""
    words = _words()
    return verb.lower_ in words["be_forms"] and any(
        c.dep_ == "xcomp"
        and c.lower_ not in words["be_to_idioms"]
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in verb.children
    )


def _conditional(token: Any) -> bool:
    """Inside a clause introduced by "if" or "unless", at any depth."""
    marks = _words()["conditional_marks"]
    for ancestor in (token, *token.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in ancestor.children):
            return True
    return False


def status_of(token: Any) -> str:
    """The status of the event whose trigger is ``token``."""
    chain = _frame_chain(token)
    if any(_negated(t) for t in chain):
        return "negated"
    governors = _words()["governors"]
    for framer in (*chain[1:], *_first_conjunct_frame(token)):
        status = governors.get(lemma_of(framer))
        if status is not None and status != "occurred":
            return status
    for child in token.children:
        if child.dep_ == "amod" and (status := governors.get(lemma_of(child))) is not None:
            return status
    for framer in (*chain, *_conjunct_heads(chain[-1])):
        if (modal := _modal(framer)) is not None:
            return modal
    if _conditional(token):
        return "hypothetical"
    if any(_be_to(framer) for framer in chain[1:]):
        return "planned"
    if _purpose(token):
        return "planned"
    return "occurred"


def _first_conjunct_frame(token: Any) -> list[Any]:
    """ "planned to attack the palace and seize power": a conjunct shares the words that frame
    the first verb of its conjunction (not its negation: "did not attack but retreated")."""
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return _frame_chain(first)[1:] if first is not token else []


def _conjunct_heads(token: Any) -> list[Any]:
    """ "will meet and sign": the modal of the first verb covers its conjuncts."""
    heads = []
    while token.dep_ == "conj":
        token = token.head
        heads.append(token)
    return heads
