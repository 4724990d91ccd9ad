"""The events stage: PLOVER events, one per trigger, each traced to its sentence.

For each sentence of the parse, ``triggers`` finds the words that name events and their type and
mode; ``status`` reads negation, modality and framing verbs; ``arguments`` fills actor and recipient
from the parse and the actors layer; ``linking`` finds place, date and attribution; ``contexts`` and
``coups`` add the why, and the coup extension. A trained sentence classifier (``classifier``) then
votes beside the rules on the same sentences (``combine``): it vetoes rule events in sentences it
is sure report none, adds types the rules missed, and grades every event's confidence. Last,
``repeats`` points each later mention of a coup at the mention that dates it best.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from ...document import Argument, DateMention, Document, Event, EventDate
from ...knowledge import countries
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .arguments import ActorIndex, actor_token, argument, recipient_token
from .classifier import SentenceClassifier, bundled_classifier, sentence_features
from .combine import (
    Thresholds,
    added_confidence,
    blended_confidence,
    missing_type,
    vetoed,
)
from .contexts import contexts_in
from .coups import (
    backing_accuse_types,
    backing_sentences,
    coup_date,
    coup_object,
    elapsed_since,
    is_backing_word,
    is_fighting,
    is_rumoured_plan,
    recalled,
    reports_no_coup,
    shifted_back,
)
from .framing import recode
from .lexicon import Entry
from .linking import (
    SpanIndex,
    attribution_index,
    attribution_of,
    date_of,
    mention_index,
    place_of,
)
from .repeats import mark_repeats
from .status import status_of
from .triggers import DEMAND, Trigger, find_triggers

log = logging.getLogger(__name__)

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
COUP_CONTEXTS = ("coup", "pro_autocracy")
BACKGROUND_COUP_CONTEXTS = ("pro_autocracy",)
# Statuses of events that took place, before the story was written.
HAPPENED = frozenset({"occurred", "attempted"})


@dataclass
class Draft:
    """An event under construction, with the parse objects the later passes need."""

    event: Event
    trigger: Trigger
    sentence_index: int


class Article:
    """One document's lookups, built once: sentences, paragraphs, sorted mention layers."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences = list(doc.nlp.sents)
        self.bounds = [_sentence_bounds(s) for s in self.sentences]
        self.paragraph_starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(doc.text)]
        self.actors = ActorIndex(doc.actors)
        self.actor_starts = frozenset(m.start for m in doc.actors)
        # A place inside a body's name ("Kentucky State Police") is not where anything happens.
        self.places = mention_index([place for place in doc.places if place.within is None])
        self.dates = mention_index([d for d in doc.dates if d.start_date is not None])
        self.attributions = attribution_index(doc.attributions)
        self.contexts: dict[int, list[str]] = {}
        self.foreign_starts = frozenset(
            m.start for m in doc.actors if m.actor.country and m.actor.country != doc.focus_country
        )

    def sentence_contexts(self, index: int, sentence: Any) -> list[str]:
        if index not in self.contexts:
            self.contexts[index] = contexts_in(sentence.text)
        return list(self.contexts[index])

    def argument_word(self, word: Any | None, trigger: Trigger) -> Any | None:
        """``word`` as the head of an argument of ``trigger``; not when it is part of the trigger
        phrase ("held talks", "went on strike"), nor across a paragraph break (a parse that runs
        over a heading into the body links words that have nothing to do with each other)."""
        if word is None or word.lower_ in trigger.entry.rest:
            return None
        if self.paragraph(word.idx) != self.paragraph(trigger.token.idx):
            return None
        return word

    def paragraph(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.paragraph_starts, offset) - 1
        end = (
            self.paragraph_starts[i + 1]
            if i + 1 < len(self.paragraph_starts)
            else len(self.doc.text)
        )
        return self.paragraph_starts[i], end


def _span_of(tokens: Any) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _sentence_bounds(sentence: Any) -> tuple[int, int]:
    """The sentence's characters without surrounding whitespace."""
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, sentence.start_char + len(text.rstrip())


def _confidence(trigger: Trigger, actor: Argument | None, recipient: Argument | None) -> float:
    score = 0.55 if trigger.entry.pos == "V" else 0.45
    score += 0.1 if trigger.entry.rest else 0.0
    score += 0.15 if actor is not None and actor.name else 0.0
    score += 0.1 if recipient is not None and recipient.name else 0.0
    return round(min(score, 0.95), 2)


def _grade(event: Event, probabilities: dict[str, float]) -> None:
    """A rule event's confidence with the classifier's say; not a coup's (the classifier knows
    few coups)."""
    if event.coup is None:
        event.confidence = blended_confidence(event.confidence, probabilities.get(event.type, 0.0))


class EventsStage(Stage):
    """The rules alone, or with ``classifier`` voting beside them (``make_events`` gives it the
    bundled model); ``thresholds`` default to the ones stored with the model."""

    name = "events"

    def __init__(
        self,
        classifier: SentenceClassifier | None = None,
        thresholds: Thresholds | None = None,
    ) -> None:
        self.classifier = classifier
        if thresholds is None and classifier is not None:
            thresholds = Thresholds.from_mapping(classifier.thresholds)
        self.thresholds = thresholds

    def __call__(self, doc: Document) -> Document:
        if doc.nlp is None:
            log.warning("%s: no parse, so no events", doc.source)
            doc.events = []
            return doc
        article = Article(doc)
        drafts = [
            self._draft(article, trigger, index)
            for index, sentence in enumerate(article.sentences)
            for trigger in find_triggers(sentence, article.actor_starts)
        ]
        self._add_coups(article, drafts)
        if self.classifier is not None and self.thresholds is not None:
            drafts = self._classified(article, drafts, self.classifier, self.thresholds)
        drafts.sort(key=lambda d: d.trigger.token.idx)
        doc.events = [d.event for d in drafts]
        for number, event in enumerate(doc.events, start=1):
            event.id = f"ev{number}"
        mark_repeats(d.event for d in drafts if d.trigger.coup)
        return doc

    def _classified(
        self,
        article: Article,
        drafts: list[Draft],
        classifier: SentenceClassifier,
        thresholds: Thresholds,
    ) -> list[Draft]:
        """The rule drafts the classifier lets stand, graded, plus the types it adds."""
        by_sentence: dict[int, list[Draft]] = {}
        for draft in drafts:
            by_sentence.setdefault(draft.sentence_index, []).append(draft)
        return [
            draft
            for index in range(len(article.sentences))
            for draft in self._judged(
                article, index, by_sentence.get(index, []), classifier, thresholds
            )
        ]

    def _judged(
        self,
        article: Article,
        index: int,
        proposed: list[Draft],
        classifier: SentenceClassifier,
        thresholds: Thresholds,
    ) -> list[Draft]:
        """One sentence: the rule drafts not vetoed, graded, and the one type the rules missed."""
        sentence = article.sentences[index]
        features = sentence_features(sentence)
        probabilities = classifier.predict_features(features)
        kept = []
        for draft in proposed:
            if vetoed(draft.event, probabilities, thresholds, bool(draft.trigger.entry.rest)):
                continue
            _grade(draft.event, probabilities)
            if draft.event.mode is None:
                draft.event.mode = classifier.mode_of(features, draft.event.type)
            kept.append(draft)
        label = missing_type([d.event.type for d in kept], probabilities, thresholds)
        if label is None:
            return kept
        taken = frozenset(d.trigger.token.i for d in proposed)
        anchor = classifier.strongest_word(sentence, label, taken)
        if anchor is not None:
            added = self._added(article, index, label, anchor)
            added.event.confidence = added_confidence(probabilities[label])
            added.event.mode = classifier.mode_of(features, added.event.type)
            kept.append(added)
        return kept

    def _added(self, article: Article, index: int, label: str, anchor: Any) -> Draft:
        """An event of ``label`` the rules missed, on the sentence's word that speaks most for it
        (never a rule's trigger: the rules' sense checks already typed that word); the rules'
        argument, status and linking functions read its frame."""
        pos = "V" if anchor.pos_ == "VERB" else "N"
        entry = Entry(anchor.lower_, pos, label, None, anchor.lower_, ())
        return self._draft(article, Trigger(anchor, entry, label, None), index)

    def _draft(self, article: Article, trigger: Trigger, index: int) -> Draft:
        doc, token = article.doc, trigger.token
        sentence = article.sentences[index]
        bounds = article.bounds[index]
        clause = _span_of([token.left_edge, token.right_edge]) if token.pos_ == "VERB" else bounds
        paragraph_start = article.paragraph(token.idx)[0]
        actor = argument(
            article.argument_word(actor_token(token), trigger), article.actors, doc.text
        )
        recipient = argument(
            article.argument_word(recipient_token(token, trigger.type), trigger),
            article.actors,
            doc.text,
        )
        attribution = attribution_of(article.attributions, token.idx)
        contexts = article.sentence_contexts(index, sentence)
        # A demand ("X must return it") was made: its modal does not make it hypothetical.
        status = "occurred" if trigger.entry is DEMAND else status_of(token)
        if trigger.coup and status == "planned":
            # "officers planned to seize power": a coup plot, which the coup extension codes,
            # not an announced threat.
            event_type, mode = trigger.type, trigger.mode
        else:
            event_type, mode, status = recode(trigger.type, trigger.mode, status, token)
        event = Event(
            id="",
            type=event_type,
            mode=mode,
            evidence=doc.span(*bounds),
            contexts=contexts,
            status=status,
            actor=actor,
            recipient=recipient,
            place=place_of(
                article.places, clause, bounds, paragraph_start, token.idx, doc.focus_country
            ),
            date=_date(article, token, index, article.dates, status in HAPPENED),
            attribution=attribution.id if attribution else None,
            confidence=_confidence(trigger, actor, recipient),
            trigger=doc.span(token.idx, token.idx + len(token)),
        )
        return Draft(event, trigger, index)

    def _add_coups(self, article: Article, drafts: list[Draft]) -> None:
        """Coup objects on coup triggers; claims that a foreign power backed one become ACCUSE."""
        backing_at: set[int] = set()
        coups = [
            d
            for d in drafts
            if d.trigger.coup
            and not reports_no_coup(d.event.status)
            and not is_rumoured_plan(d.trigger.token, d.event.status)
        ]
        for draft in coups:
            _free_of_other_coups(article, draft, coups)
            _dated_by_time_since(article, draft)
        date_texts = {mention.id: mention.text for mention in article.doc.dates}
        dates = [
            coup_date(d.event.date, date_texts.get(d.event.date.mention) if d.event.date else None)
            for d in coups
        ]
        history = recalled(dates, article.doc.published.date)
        last_dated: EventDate | None = None
        for draft, date, is_history in zip(coups, dates, history, strict=True):
            event, token = draft.event, draft.trigger.token
            if date is not None and date.basis != "publication":
                last_dated = date
            if is_history:
                # "the junta that seized power in 2020", in a story of 2023: history the
                # article recalls, not a coup it reports.
                event.contexts = [
                    *BACKGROUND_COUP_CONTEXTS,
                    *(c for c in event.contexts if c not in BACKGROUND_COUP_CONTEXTS),
                ]
                if last_dated is not None and (date is None or date.basis == "publication"):
                    # "... after the armed forces overthrew the president", following "the coup
                    # of September 1973": that coup again, and its date.
                    event.date = replace(last_dated)
                continue
            sentence = article.sentences[draft.sentence_index]
            attribution = attribution_of(article.attributions, token.idx)
            backing = backing_sentences(
                article.sentences,
                draft.sentence_index,
                article.paragraph(token.idx)[1],
                article.foreign_starts,
            )
            claimed = {
                s.start_char: attribution_of(article.attributions, s.start_char + 1)
                for s in backing
            }
            event.coup = coup_object(token, event.status, attribution, backing, claimed)
            event.contexts = [
                *COUP_CONTEXTS,
                *(c for c in event.contexts if c not in COUP_CONTEXTS),
            ]
            event.type, event.mode = (
                ("ASSAULT", None) if is_fighting(sentence) else ("COERCE", "seize")
            )
            if event.recipient is None:
                event.recipient = _unseated(article, draft)
            backing_at.update(s.start_char for s in backing)
        for draft in drafts:
            self._backing_claim(article, draft, backing_at)

    def _backing_claim(self, article: Article, draft: Draft, backing_at: set[int]) -> None:
        """ "The plotters were supported by a foreign state", said by an official: an accusation."""
        event, token = draft.event, draft.trigger.token
        sentence = article.sentences[draft.sentence_index]
        if event.type not in backing_accuse_types() or sentence.start_char not in backing_at:
            return
        attribution = attribution_of(article.attributions, token.idx)
        if attribution is None or not is_backing_word(token):
            return
        accuser = None
        if attribution.source is not None:
            accuser = argument_from_span(article, attribution.source.start, attribution.source.end)
        event.type, event.mode = "ACCUSE", "allege"
        event.actor, event.recipient = accuser, event.actor


def _date(
    article: Article,
    token: Any,
    index: int,
    dates: SpanIndex[DateMention],
    happened: bool = False,
) -> EventDate | None:
    """The date of the event ``token`` names in sentence ``index``, from the mentions ``dates``;
    an event that ``happened`` takes no date after publication from an earlier sentence."""
    bounds = article.bounds[index]
    clause = _span_of([token.left_edge, token.right_edge]) if token.pos_ == "VERB" else bounds
    paragraph_start = article.paragraph(token.idx)[0]
    published = article.doc.published
    return date_of(dates, clause, bounds, paragraph_start, token.idx, published, happened)


def _free_of_other_coups(article: Article, draft: Draft, coups: list[Draft]) -> None:
    """ "Two years after the 2022 coup, soldiers seized power on Tuesday": a date inside another
    coup's phrase dates that coup; this one takes the nearest other date."""
    date, token = draft.event.date, draft.trigger.token
    if date is None or date.mention is None:
        return
    taken = _mention(article.dates, date.mention)
    for other in (d.trigger.token for d in coups if d is not draft):
        phrase = _span_of([other.left_edge, other.right_edge])
        # A phrase that holds this coup too ("the 2020 coup as well as the May 2021 coup") shares
        # its dates with it.
        holds_this = phrase[0] <= token.idx < phrase[1]
        if holds_this or other.pos_ == "VERB":
            continue
        if phrase[0] <= taken.start and taken.end <= phrase[1]:
            rest = mention_index([m for m in article.dates.items if m is not taken])
            happened = draft.event.status in HAPPENED
            draft.event.date = _date(article, token, draft.sentence_index, rest, happened)
            return


def _dated_by_time_since(article: Article, draft: Draft) -> None:
    """ "marched on Sunday to mark two years since the army took power": the coup came that long
    before the date of the sentence around it, unless its own words carry a date."""
    token, date = draft.trigger.token, draft.event.date
    sentence_start = article.sentences[draft.sentence_index].start_char
    elapsed = elapsed_since(article.doc.text[sentence_start : token.idx])
    if elapsed is None or date is None:
        return
    count, unit, link_end = elapsed
    own_date = date.mention is not None and (
        _mention(article.dates, date.mention).start >= sentence_start + link_end
    )
    if own_date:
        return  # "two years after the army took power in May 2021"
    draft.event.date = shifted_back(date, count, unit)


def _unseated(article: Article, draft: Draft) -> Argument | None:
    """Whom a coup unseats when the text does not say ("his overthrow", "the takeover"): the
    government of the place the coup's own phrase names ("the failed coup attempt in Turkey", in a
    story about Syria), else of the story's country, else of the coup's place."""
    place = draft.event.place
    iso3 = _place_in_phrase(article, draft) or article.doc.focus_country
    iso3 = iso3 or (place.country if place else None)
    country = countries().get(iso3) if iso3 else None
    if country is None:
        return None
    name = f"Government of {country.name}"
    return Argument(name, name, country.iso3, "GOV")


def _place_in_phrase(article: Article, draft: Draft) -> str | None:
    """The country of the event's place when the trigger's own phrase names it ("the coup attempt
    in Turkey"); a place elsewhere in the sentence ("Speaking from Costa Rica, he called his
    overthrow a coup") may be anywhere."""
    place, token = draft.event.place, draft.trigger.token
    if place is None or place.mention is None:
        return None
    if token.dep_ == "compound":
        token = token.head  # "coup" in "the coup attempt in Turkey"
    start, end = _span_of([token.left_edge, token.right_edge])
    return place.country if start <= _mention(article.places, place.mention).start < end else None


def _mention(mentions: SpanIndex[Any], mention_id: str) -> Any:
    """The mention with id ``mention_id`` (an event's place or date names one of the layer's)."""
    return next(m for m in mentions.items if m.id == mention_id)


def argument_from_span(article: Article, start: int, end: int) -> Argument:
    """The Argument for a source span: the actor mention inside it, else its words."""
    inside = article.actors.inside(start, end)
    text = article.doc.text[start:end]
    if not inside:
        return Argument(text=text)
    mention = inside[0]
    return Argument(
        text, mention.actor.name, mention.actor.country, mention.actor.sector, mention.entity
    )


@register_stage(
    "events", requires=("nlp", "actors", "places", "dates", "attributions"), assigns=("events",)
)
def make_events(settings: Settings) -> EventsStage:
    classifier = bundled_classifier()
    if classifier is None:
        log.warning("no trained event classifier (run `make train`): the rules decide alone")
    return EventsStage(classifier)
