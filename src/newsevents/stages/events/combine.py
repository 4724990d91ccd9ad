"""How the sentence classifier and the trigger rules decide together.

The rules know the syntax (trigger, arguments, status); the classifier knows the sentence as a
whole. Per sentence, the classifier can:

- veto: when it is confident the sentence reports no event and gives the rule's type little
  chance, the rule event goes (a sports "attack", a "boardroom coup", an opinion). Coups found by
  the rules are never vetoed (the training set holds few coup sentences), nor events whose status
  the rules already marked as not having happened (the veto would only lose that status), nor
  events named by a phrase ("took ... into custody", "pulled ... out"): a phrase has one reading,
  and a sentence classifier trained on short sentences is least sure of long ones;
- add: the most probable type it is confident of that no rule event in the sentence has (one at
  most: a sentence the rules missed something in usually reports one more event, not several),
  anchored on the word that speaks most for it;
- grade: an event's confidence blends the rule's own confidence with the type's probability.

The thresholds are chosen by ``scripts/train_events.py`` on out-of-fold predictions over the team's
sentences and are stored in the model file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...document import Event
from .classifier import NONE

# Statuses that already say the event did not (or not yet) happen.
NOT_OCCURRED = frozenset({"negated", "hypothetical", "denied"})
DEFAULT_THRESHOLDS = {"veto": 0.8, "keep": 0.2, "add": 0.75}


@dataclass(frozen=True)
class Thresholds:
    veto: float  # P(none) at or above which a rule event can be vetoed ...
    keep: float  # ... unless its own type's probability reaches this
    add: float  # P(type) at or above which a missing type is added

    @classmethod
    def from_mapping(cls, values: dict[str, float]) -> Thresholds:
        merged = {**DEFAULT_THRESHOLDS, **values}
        return cls(merged["veto"], merged["keep"], merged["add"])


def vetoed(
    event: Event, probabilities: dict[str, float], thresholds: Thresholds, phrase: bool = False
) -> bool:
    """Whether the classifier removes this rule event (``phrase``: its trigger is a phrase)."""
    if phrase or event.coup is not None or event.status in NOT_OCCURRED:
        return False
    return (
        probabilities.get(NONE, 0.0) >= thresholds.veto
        and probabilities.get(event.type, 0.0) < thresholds.keep
    )


def missing_type(
    found: Iterable[str], probabilities: dict[str, float], thresholds: Thresholds
) -> str | None:
    """The most probable type the classifier is confident of that the rules did not find; none
    in a sentence it would veto events in."""
    if probabilities.get(NONE, 0.0) >= thresholds.veto:
        return None
    have = set(found)
    extra = [
        (p, label)
        for label, p in probabilities.items()
        if label != NONE and label not in have and p >= thresholds.add
    ]
    return max(extra)[1] if extra else None


def blended_confidence(rule_confidence: float, probability: float) -> float:
    """A rule event's confidence with the classifier's opinion of its type: equal parts."""
    return round((rule_confidence + probability) / 2, 2)


def added_confidence(probability: float) -> float:
    """An event only the classifier saw: no syntax vouches for it, so it stays below a rule's."""
    return round(0.8 * probability, 2)
