"""How the frame of a sentence changes an event's PLOVER type.

PLOVER codes what was done in the sentence's own time: announcing a conflictual act for the future
or on a condition ("will boycott", "would strike unless") is a THREATEN, promising a cooperative one
("will support", "would meet") an AGREE, refusing one ("will not accept") a REJECT, and saying that
someone "must" act a REQUEST.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .lexicon import load_json
from .triggers import threat_mode


@cache
def _table() -> dict[str, Any]:
    return {
        k: v if isinstance(v, str) else frozenset(v) for k, v in load_json("framing.json").items()
    }


def _conditional(token: Any, marks: frozenset[str]) -> bool:
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for c in token.children
    )


def recode(
    event_type: str, mode: str | None, status: str, token: Any
) -> tuple[str, str | None, str]:
    """(type, mode, status) after reading the frame: intent, condition, refusal.

    "unless" makes any announced act a threat; "if" only a conflictual one ("would release them
    if ..." is an offer)."""
    if token.dep_ == "acl":
        # "an effort to fight militants": the aim of a noun, not an announcement.
        return event_type, mode, status
    table = _table()
    threat = _conditional(token, table["threat_marks"])
    intended = status in table["intent_statuses"] or _conditional(token, table["condition_marks"])
    if intended and (event_type in table["conflict_types"] or threat):
        return "THREATEN", threat_mode(event_type, mode), "threatened"
    if intended and event_type in table["cooperation_types"]:
        return "AGREE", None, status
    if status == "negated" and event_type in table["refusable_types"] and _has_modal(token):
        return "REJECT", None, "occurred"
    return event_type, mode, status


def _has_modal(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "wo", "would") for c in token.children)
