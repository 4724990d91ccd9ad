"""Find event triggers in a sentence: lexicon lookup, phrase checks, sense checks, absorption.

A trigger is a verb or an event noun whose lexicon entry matches, together with the words that
must hang off it in the parse ("pulled ... out", "took ... into custody"). Sense rules from
``senses.json`` drop or retype ambiguous readings by looking at the object ("attacked the plan" is
criticism, "released a report" is no event). A trigger that sits inside the complement of another
("agreed to withdraw", "condemned the attack") is absorbed: the sentence codes the outer event.
An aim clause that describes a name ("the Gulf Guard, a force to fight piracy") and the words
inside it are no triggers: they say what a body is for, not what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .coups import coup_words, detains_sitting_head, is_figurative, is_unreal
from .lexicon import Entry, entries_by_form, lemma_of, load_json, noun_forms, word_set

DEMAND = Entry("must", "V", "REQUEST", None, "must", ())

VERB_TAGS = {"VERB"}
NAME_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
NOUN_TAGS = {"NOUN", "PROPN"}
# Dependencies through which a word is part of the complement of its head.
COMPLEMENT_DEPS = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "acl",
    "attr",
    "oprd",
    "nsubjpass",
}
# Dependencies that lead from an aim clause up to the noun it describes: "a force to fight",
# "a force set up to fight", "a force with a mandate to fight".
DESCRIPTION_DEPS = {"acl", "relcl", "advcl", "xcomp", "prep", "pobj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl"}
# Types whose complement names what is agreed, asked, refused, threatened, blamed or backed.
ABSORBING_TYPES = {
    "AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE", "PROTEST",
}  # fmt: skip
CONDITION_MARKS = ("if", "unless", "until")
# Verbs that are events alone ("denied the request") but only frame an event they govern
# ("denied arresting him": the arrest, with status denied).
FRAMING_HEADS = {"deny"}
# What a threat threatens, from the type and mode of the threatened act.
THREAT_MODES = {
    ("ASSAULT", None): "violence",
    ("COERCE", "arrest"): "arrest",
    ("COERCE", "deport"): "expel",
    ("SANCTION", "expel"): "expel",
    ("COERCE", "restrict"): "restrict",
    ("SANCTION", "discontinue"): "relations",
    ("SANCTION", "withdraw"): "relations",
    ("COERCE", "seize"): "territory",
}


@cache
def _framing() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in load_json("framing.json").items() if k != "_doc"}


@dataclass(frozen=True)
class Trigger:
    token: Any  # the spaCy token that heads the trigger
    entry: Entry
    type: str
    mode: str | None

    @property
    def coup(self) -> bool:
        return self.entry.coup


def find_triggers(sent: Any, actor_starts: frozenset[int] = frozenset()) -> list[Trigger]:
    """The triggers of one spaCy sentence, after sense checks and absorption, in text order."""
    found = [t for token in sent if (t := _trigger_at(token, actor_starts)) is not None]
    return _absorb([t for t in found if not _in_description(t.token)])


def _trigger_at(token: Any, actor_starts: frozenset[int]) -> Trigger | None:
    if (demand := demand_at(token)) is not None:
        return demand
    pos = "V" if token.pos_ in VERB_TAGS else "N" if token.pos_ in NOUN_TAGS else None
    if token.pos_ == "X" and token.lower_ in coup_nouns():
        # The tagger calls "coup" in "coup d'etat" a foreign word.
        pos = "N"
    if pos is None or (pos == "V" and token.dep_ == "amod"):
        # "the alleged culprit", "the wanted man": a participle used as an adjective.
        return None
    if token.ent_type_ in NAME_LABELS:
        # "the Economic Cooperation Forum", "Rally for Democracy": a word inside a name.
        return None
    coup_word = token.lower_ in coup_nouns()
    if pos == "N" and token.dep_ == "compound" and not coup_word:
        # "riot police", "attack helicopters": an event noun describing another noun.
        return None
    for entry in entries_by_form().get((token.lower_, pos), ()):
        if not _phrase_matches(token, entry):
            continue
        if entry.coup and not _coup_reading(token, entry):
            continue
        trigger = _apply_senses(Trigger(token, entry, entry.type, entry.mode), actor_starts)
        if trigger is not None:
            return trigger
    return None


@cache
def coup_nouns() -> frozenset[str]:
    return frozenset(w for noun in load_json("coups.json")["nouns"] for w in noun_forms(noun))


def _near_words(token: Any, depth: int = 2) -> set[str]:
    """Lower-case forms and lemmas of the words hanging off ``token``, ``depth`` levels down."""
    words: set[str] = set()
    frontier = [token]
    for _ in range(depth):
        frontier = [
            c for t in frontier for c in t.children if c.dep_ not in ("conj", "punct", "cc")
        ]
        words.update(c.lower_ for c in frontier)
        words.update(lemma_of(c) for c in frontier)
    return words


def _phrase_matches(token: Any, entry: Entry) -> bool:
    if not entry.rest:
        return True
    if entry.pos == "N":
        modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        return set(entry.rest) <= modifiers
    return set(entry.rest) <= _near_words(token)


def _coup_reading(token: Any, entry: Entry) -> bool:
    """A coup word in its literal sense: not "a diplomatic coup", and seizing power, not a town."""
    sentence_words = {t.lower_ for t in token.sent}
    military = not entry.needs_military or bool(sentence_words & coup_words("military_words"))
    if entry.pos == "N":
        return military and not is_figurative(token) and not is_unreal(token)
    if entry.mode == "arrest":
        return detains_sitting_head(token, object_of(token))
    target = _seized(token, entry)
    # A person seized is an arrest unless the detention test above made it a coup.
    unseats_person = entry.phrase not in coup_words("detention_verbs")
    seizes_power = target is not None and (
        target.lower_ in coup_words("power_objects")
        or (unseats_person and target.ent_type_ == "PERSON")
    )
    if not entry.needs_military:
        # "seize power" names what is seized; "overthrow" needs a ruler, not "the status quo".
        return target is None or seizes_power
    return military and seizes_power


def _seized(token: Any, entry: Entry) -> Any | None:
    """What a seizing verb takes: its object, or what the object is "of" when the object is a
    word of the phrase ("took control of the capital") or stands for it ("the seat of
    government")."""
    obj = object_of(token) or _pobj_of(token, "over")
    if obj is not None and (obj.lower_ in entry.rest or obj.lower_ in coup_words("holders")):
        return _pobj_of(obj, "of")
    return obj


def _pobj_of(token: Any, preposition: str) -> Any | None:
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ == preposition:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


@cache
def _sense_rules() -> dict[str, list[dict]]:
    return load_json("senses.json")["rules"]


def object_of(token: Any) -> Any | None:
    """A verb's direct object or a passive's subject; for a noun, its "of"/"on" object."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "against"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _object_kind(obj: Any, kind: str, actor_starts: frozenset[int]) -> bool:
    if kind == "people":
        return obj.lower_ in word_set("people") or obj.ent_type_ in ("PERSON", "NORP")
    if kind == "place":
        return obj.ent_type_ in ("GPE", "LOC", "FAC")
    # "actor": a named entity or a phrase the actors stage resolved.
    return obj.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or obj.idx in actor_starts


def _rule_fires(rule: dict, token: Any, obj: Any | None, actor_starts: frozenset[int]) -> bool:
    obj_word = obj.lower_ if obj is not None else None
    if "sentence_set" in rule:
        return any(t.lower_ in word_set(rule["sentence_set"]) for t in token.sent)
    if "sentence_words" in rule:
        return any(t.lower_ in rule["sentence_words"] for t in token.sent)
    if "object_set" in rule:
        return obj_word in word_set(rule["object_set"])
    if "object_words" in rule:
        return obj_word in rule["object_words"]
    if "object_kind" in rule:
        return obj is not None and _object_kind(obj, rule["object_kind"], actor_starts)
    if "from_set" in rule:
        return any(
            g.lower_ in word_set(rule["from_set"])
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children
        )
    if "head_words" in rule:
        return token.head.lower_ in rule["head_words"]
    if "has_clause" in rule:
        return any(c.dep_ == "ccomp" for c in token.children) == rule["has_clause"]
    if "prep_words" in rule:
        return any(c.dep_ == "prep" and c.lower_ in rule["prep_words"] for c in token.children)
    if "has_object" in rule:
        return (obj is not None) == rule["has_object"]
    return True  # a rule without a condition is the default


def _apply_senses(trigger: Trigger, actor_starts: frozenset[int]) -> Trigger | None:
    rules = _sense_rules().get(trigger.entry.phrase, ())
    obj = object_of(trigger.token)
    for rule in rules:
        if not _rule_fires(rule, trigger.token, obj, actor_starts):
            continue
        if rule.get("drop"):
            return None
        if "type" in rule:
            return replace(trigger, type=rule["type"], mode=rule.get("mode"))
        return trigger
    return trigger


def _has_child(token: Any, dep: str, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == dep and c.lower_ in words for c in token.children)


def _is_aim(token: Any) -> bool:
    """A clause that gives the aim, reason or condition of its head: "to demand reforms",
    "(arrested) for spying", "(will withdraw) unless talks resume"."""
    if token.dep_ == "advcl":
        return _has_child(token, "aux", ("to",)) or _has_child(token, "mark", CONDITION_MARKS)
    if token.dep_ == "acl":
        # "talks to reduce arms", "an effort to fight": the aim of a noun.
        return _has_child(token, "aux", ("to",))
    return token.dep_ == "pcomp" and token.head.lower_ in ("for", "over")


def _in_complement(token: Any) -> bool:
    if token.dep_ in COMPLEMENT_DEPS or _is_aim(token):
        return True
    return token.dep_ in ("compound", "amod") and token.pos_ == "NOUN"


def _in_description(token: Any) -> bool:
    return any(_describes_a_name(t) for t in (token, *token.ancestors))


def _describes_a_name(token: Any) -> bool:
    """An infinitive in an appositive that describes a name: "the Gulf Guard, a force set up to
    fight piracy," or "the Lagos Pact (an effort to curb smuggling)". It states what the body is
    for, which is no event. Kept: "Kenya, the first country to leave" (a fact) and "Operation
    Red Dune, an offensive to capture the oasis" (the aim of one act)."""
    if not _has_child(token, "aux", ("to",)):
        return False
    current = token
    while current.dep_ in DESCRIPTION_DEPS and not _has_subject(current):
        current = current.head
    if current.dep_ != "appos" or not _is_name(current.head):
        return False
    return not (_is_ranked(current) or _names_an_act(current))


def _has_subject(token: Any) -> bool:
    # "a deal for Mali to withdraw": an infinitive with its own subject names whose act it is.
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _is_name(token: Any) -> bool:
    return token.pos_ == "PROPN" or bool(token.ent_type_)


def _names_an_act(noun: Any) -> bool:
    # "Operation Red Dune, an offensive to capture the oasis": the aim of one act is planned.
    return noun.lower_ in word_set("act_nouns") or (noun.lower_, "N") in entries_by_form()


def _is_ranked(noun: Any) -> bool:
    """ "the first / last / only / largest country to ...": the infinitive tells what it did."""
    return any(
        c.ent_type_ == "ORDINAL" or c.tag_ == "JJS" or c.lower_ in word_set("ranking")
        for c in noun.children
        if c.dep_ in ("amod", "advmod", "nummod")
    )


def _governing(token: Any, by_index: dict[int, Trigger]) -> tuple[Trigger | None, bool]:
    """The nearest trigger whose complement holds ``token`` (through objects, clauses, preps),
    and whether the way up passed an aim clause."""
    current, via_aim = token, False
    while _in_complement(current):
        via_aim = via_aim or _is_aim(current)
        current = current.head
        outer = by_index.get(current.i)
        if outer is None and via_aim:
            # "staged protests to demand reforms": the light verb's object is the event.
            outer = next(
                (by_index[c.i] for c in current.children if c.dep_ == "dobj" and c.i in by_index),
                None,
            )
        if outer is not None:
            return outer, via_aim
        if current.head is current:
            break
    return None, via_aim


def _absorb(found: list[Trigger]) -> list[Trigger]:
    by_index = {t.token.i: t for t in found}
    kept, framing = [], set()
    for trigger in found:
        outer, via_aim = _governing(trigger.token, by_index)
        if trigger.coup or outer is None:
            kept.append(trigger)
            continue
        if outer.entry.head in FRAMING_HEADS:
            framing.add(outer.token.i)
            kept.append(trigger)
            continue
        is_noun = trigger.entry.pos == "N"
        if not (is_noun or via_aim or outer.type in ABSORBING_TYPES):
            kept.append(trigger)
            continue
        if outer.type == "THREATEN" and outer.mode is None:
            by_index[outer.token.i] = replace(outer, mode=threat_mode(trigger.type, trigger.mode))
    return [by_index[t.token.i] for t in kept if t.token.i not in framing]


def threat_mode(event_type: str, mode: str | None) -> str | None:
    """The THREATEN mode for a threatened act of ``event_type`` and ``mode``."""
    return THREAT_MODES.get((event_type, mode), THREAT_MODES.get((event_type, None)))


def demand_at(token: Any) -> Trigger | None:
    """ "X said Y must return the aircraft": a REQUEST, triggered by the demanded act's verb."""
    table = _framing()
    if token.pos_ != "VERB" or token.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "aux" and c.lower_ in table["demand_modals"] for c in token.children):
        return None
    if token.head.lower_ not in table["reporting_verbs"]:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in table["first_person"]:
        return None
    return Trigger(token, DEMAND, "REQUEST", None)
