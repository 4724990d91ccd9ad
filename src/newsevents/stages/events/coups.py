"""The coup extension: outcome, foreign backing, event type, and claims of foreign backing.

A coup trigger ("coup", "putsch", "seized power", "toppled the president" with soldiers about) is
successful unless the words around it say it was attempted ("a failed coup", "foiled", "tried to
seize power") or only plotted ("a coup plot", "plotting to overthrow"); a plot that only an official
claims is alleged. Soldiers detaining the sitting head of state or government are a coup too. A
coup that is rumoured, threatened, said not to happen, or only a name for something else is none;
one the text dates long before the story is recalled history, and so is an undated mention that
follows it before the story has reported a coup of its own ("two years since the army took power"
dates one that long before its sentence). A plan to seize power is a coup plot, unless it is told
among rumours. Backing ("supported by", "-backed", "with the assistance of") by a foreign power,
stated in the coup's sentence or right after it, is alleged when it rests on a claim.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from itertools import pairwise
from typing import Any

from ...document import Attribution, Coup, EventDate
from .lexicon import lemma_of, load_json

# How far after a coup's sentence a statement of its backing may come, in sentences.
BACKING_WINDOW = 2
# A coup whose date lies this long before the story's publication is history the story recalls.
BACKGROUND_DAYS = 180
# "two years since the army took power", "a year after the coup": the time that has passed since
# a coup named right after it.
ELAPSED = re.compile(
    r"\b(?P<count>\d{1,3}|[a-z]+)[ -](?P<unit>year|month)s? (?P<link>since|after)\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)


@cache
def coup_words(name: str) -> frozenset[str]:
    return frozenset(load_json("coups.json")[name])


def _surroundings(token: Any) -> set[str]:
    """Words that modify or frame the coup word: its modifiers, its head and the head's head."""
    words = {c.lower_ for c in token.children}
    words |= {g.lower_ for c in token.children if c.dep_ == "prep" for g in c.children}
    head = token.head
    words.add(head.lower_)
    if head.dep_ in ("prep", "pobj", "xcomp", "acl", "dobj", "compound") or head.pos_ == "ADP":
        words.add(head.head.lower_)
    words |= {c.lower_ for c in head.children if c.dep_ in ("amod", "compound", "neg", "auxpass")}
    if token.pos_ == "VERB":
        words |= {a.lower_ for a in token.ancestors}
    return words


def is_figurative(token: Any) -> bool:
    """A coup noun as a figure of speech: "a marketing coup", "a coup for the club", "the coup de
    grâce", a film's plot, or a business, sporting or party win that someone calls a coup."""
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
    if modifiers & coup_words("metaphor_modifiers"):
        return True
    following_words = coup_words("metaphor_following")
    if any(c.dep_ == "prep" and c.lower_ in following_words for c in token.children):
        return True
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    if token.lower_ == "coup" and following in coup_words("french_followers"):
        return True
    sentence = _sentence_words(token.sent)
    if sentence & coup_words("fiction"):
        return True
    if sentence & coup_words("military_words"):
        return False
    return bool(sentence & coup_words("other_domains")) or _is_labelled(token)


def is_unreal(token: Any) -> bool:
    """A coup noun that names no particular coup: a count or kind ("five coups since
    independence", "coups are contagious"), a hypothetical one ("a coup would be a disaster") or
    one only rumoured or feared ("rumours of a coup", "coup fears")."""
    holder = token.head.head if token.dep_ == "pobj" else token.head
    if holder is not token and holder.lower_ in coup_words("rumour_heads"):
        return True
    # The tagger calls "putsch" plural, so a plural must also differ from the dictionary form.
    plural = token.tag_ in ("NNS", "NNPS") and token.lower_ not in coup_words("nouns")
    if plural and not any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in token.children
    ):
        return True
    verb = token.head.head if token.dep_ == "pobj" else token.head
    return any(
        c.dep_ == "aux" and c.lower_ in coup_words("hypothetical_modals") for c in verb.children
    )


def is_rumoured_plan(token: Any, status: str) -> bool:
    """A plan to seize power told in a sentence about rumours ("dismissed rumours ... after
    messages claimed troops were preparing to take over"): the rumour, not a plot."""
    return status == "planned" and bool(_sentence_words(token.sent) & coup_words("rumour_heads"))


def _sentence_words(sentence: Any) -> set[str]:
    words = {t.lower_ for t in sentence}
    # Two-word entries ("leadership contest") match on adjacent words.
    words |= {f"{a.lower_} {b.lower_}" for a, b in pairwise(sentence)}
    return words


def _is_labelled(token: Any) -> bool:
    """ "what critics called a coup", "amounts to a coup", "this is a coup": a name given to
    something else."""
    if token.dep_ == "oprd":
        return True
    if token.dep_ == "attr":
        # "This is a coup", "the reshuffle was a coup": a verdict on something else.
        return True
    head = token.head.head if token.dep_ == "pobj" else token.head
    return token.dep_ in ("pobj", "dobj") and head.lower_ in coup_words("label_heads")


def is_background(date: EventDate | None, published: dt.date | None) -> bool:
    """Whether a coup the text dates is long past when the story appears ("the 2020 coup" in a
    story of 2022): the middle of its dated period lies ``BACKGROUND_DAYS`` before publication.
    A coup dated only by the publication itself is the story's own."""
    if date is None or published is None or date.basis == "publication":
        return False
    middle = date.start + (date.end - date.start) / 2
    return (published - middle).days > BACKGROUND_DAYS


def recalled(dates: list[EventDate | None], published: dt.date | None) -> list[bool]:
    """Which of an article's coup mentions, in text order, are history it recalls. A mention the
    text dates is recalled when it is background. One it does not date ("after the soldiers
    took power") is the story's own coup once the story has reported one (a lead reports its
    coup first; "the coup was condemned" speaks of it), and otherwise the past coup the last
    dated mention spoke of."""
    history = reported = False
    found = []
    for date in dates:
        if date is not None and date.basis != "publication":
            history = is_background(date, published)
        else:
            history = history and not reported
        found.append(history)
        reported = reported or not history
    return found


def coup_date(date: EventDate | None, mention_text: str | None) -> EventDate | None:
    """A coup's date as evidence of when it happened: none when the date is a present reference
    ("the officers, now in their seventies"), which dates a state, not an act."""
    if mention_text is not None and mention_text.lower() in coup_words("present_words"):
        return None
    return date


def elapsed_since(before: str) -> tuple[int, str, int] | None:
    """(count, "year" or "month", where "since" or "after" ends) when ``before``, the sentence up
    to a coup's word, ends in "two years since the army" or "a year after the"; else None."""
    match = ELAPSED.search(before)
    if match is None:
        return None
    count = match["count"].lower()
    number = int(count) if count.isdigit() else _number_words().get(count)
    if not number:
        return None
    return number, match["unit"].lower(), match.end("link")


@cache
def _number_words() -> dict[str, int]:
    return dict(load_json("coups.json")["number_words"])


def shifted_back(date: EventDate, count: int, unit: str) -> EventDate:
    """``date`` moved ``count`` years or months back, at that unit's precision: the date of a
    coup "two years since" which something happened on ``date``."""
    months = date.start.year * 12 + date.start.month - 1 - count * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    if unit == "year":
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    else:
        start = dt.date(year, month + 1, 1)
        end = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return EventDate(start, end, unit, None, "relative")


def reports_no_coup(status: str) -> bool:
    """A coup word whose status says no coup took place: said not to happen ("no question of the
    army taking power"), only threatened, or imagined."""
    return status in coup_words("no_coup_statuses")


def _military(words: Any) -> bool:
    return any(t.lower_ in coup_words("military_words") for t in words)


def _doer(verb: Any) -> Any | None:
    """The subject of ``verb``, or of the first verb of its conjunction ("stormed the house and
    detained him"), or the agent of a passive ("was detained by soldiers")."""
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _title_words(person: Any) -> list[Any]:
    """The words that name ``person``'s office: its modifiers but not a possessor ("President
    Ahmed Kone", "his prime minister", not "the president's son"), and what it heads "of"
    ("the head of state")."""
    words = [t for c in person.lefts if c.dep_ != "poss" for t in c.subtree]
    words.append(person)
    words += [t for c in person.rights if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    return sorted(words, key=lambda t: t.i)


def _heads_no_state(words: list[Any]) -> bool:
    """ "the president of the football federation": an office of a body, not of a state."""
    for word in words:
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"):
            for body in (g for g in prep.children if g.dep_ == "pobj"):
                if body.ent_type_ != "GPE" and body.lower_ not in coup_words("state_words"):
                    return True
    return False


def detains_sitting_head(verb: Any, person: Any | None) -> bool:
    """Soldiers detaining the sitting head of state or government ("troops arrested Prime
    Minister Ould Salem") unseat the executive: a coup. Not a former or deputy one, not the
    head of a body, and not when police or a court act."""
    if person is None:
        return False
    doer = _doer(verb)
    if doer is None or not _military(doer.subtree):
        return False
    words = _title_words(person)
    title = " " + " ".join(t.lower_ for t in words) + " "
    if any(f" {word} " in title for word in coup_words("not_sitting")) or _heads_no_state(words):
        return False
    return any(f" {head} " in title for head in coup_words("heads"))


def coup_outcome(token: Any, status: str, attribution: Attribution | None) -> str:
    """successful, attempted, plot or alleged, from the words around the coup trigger; a coup
    that is denied is at most alleged (one said not to happen is no coup: ``reports_no_coup``)."""
    words = _surroundings(token)
    claimed = attribution is not None and attribution.source_type in ("official", "named_person")
    # "a reported coup (attempt)": the coup word's own modifiers, or its compound head's.
    named = (token, token.head) if token.dep_ == "compound" else (token,)
    modifiers = {c.lower_ for t in named for c in t.children if c.dep_ in ("amod", "advmod")}
    hedged = modifiers & coup_words("alleged_modifiers")
    if words & coup_words("alleged") or hedged or status == "denied":
        return "alleged"
    if words & coup_words("plot") or status == "planned":
        return "alleged" if claimed else "plot"
    if words & coup_words("attempted") or status == "attempted":
        return "attempted"
    return "successful"


def is_fighting(sentence: Any) -> bool:
    words = {t.lower_ for t in sentence}
    return bool(words & coup_words("fighting"))


def _is_foreign(token: Any, foreign_starts: frozenset[int]) -> bool:
    return token.lower_ in coup_words("foreign") or token.idx in foreign_starts


def _backing_sentence(sentence: Any, foreign_starts: frozenset[int]) -> bool:
    """A backing word with a foreign backer in its own phrase: "backed by a foreign power",
    "Western-backed", "with the assistance of an outside state"."""
    for token in sentence:
        if is_backing_word(token):
            backer = [t for t in token.subtree if t is not token]
            if token.dep_ in ("amod", "compound"):
                backer += [t for t in token.head.children if t.i < token.i]
            if any(_is_foreign(t, foreign_starts) for t in backer):
                return True
    return False


def is_claimed(sentence: Any) -> bool:
    """The sentence reports what someone says: what it states rests on a claim."""
    return any(t.lower_ in coup_words("claim_words") for t in sentence)


def backing_sentences(
    sentences: list[Any], index: int, paragraph_end: int, foreign_starts: frozenset[int]
) -> list[Any]:
    """Sentences at and just after ``sentences[index]``, in its paragraph, that state foreign
    backing."""
    window = [
        s for s in sentences[index : index + BACKING_WINDOW + 1] if s.start_char < paragraph_end
    ]
    return [s for s in window if _backing_sentence(s, foreign_starts)]


def coup_object(
    token: Any,
    status: str,
    attribution: Attribution | None,
    backing: list[Any],
    claimed_at: dict[int, Attribution | None],
) -> Coup:
    """The Coup of a trigger; ``claimed_at`` maps a backing sentence's start to its attribution."""
    foreign = "none"
    if backing:
        hedged = attribution is not None or any(
            claimed_at.get(s.start_char) or is_claimed(s) for s in backing
        )
        foreign = "alleged" if hedged else "confirmed"
    return Coup(outcome=coup_outcome(token, status, attribution), foreign_backing=foreign)


def is_backing_word(token: Any) -> bool:
    return token.lower_ in coup_words("backing") or lemma_of(token) in coup_words("backing")


def backing_accuse_types() -> frozenset[str]:
    return coup_words("backing_accuse_types")
