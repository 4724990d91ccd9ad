"""The actors stage: who does what to whom, named and resolved.

Fills ``Entity.actor`` (name, country or PLOVER non-state code, sector) and refines ``Entity.kind``;
fills ``doc.actors`` with every phrase that names an actor: named entities, role phrases read from
the parse ("a small group of Malian officers", "the junta", "French state media") and pronouns that
clearly point back to a person ("he"). Phrases nest: "Malian officers" and "Malian" are both kept,
sorted by start, the longer first; for a slot, the longest phrase that fits wins.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from ...document import Actor, ActorMention, Document, Entity
from ...pipeline import Stage, register_stage
from ...settings import Settings
from .entities import Resolved, resolve_entity
from .lexicon import role_words
from .phrases import Context, PhraseMention, role_mentions
from .pronouns import pronoun_mentions

# Entities whose actor a title or an apposition may complete.
DESCRIBED_KINDS = frozenset({"person", "organization"})


class ActorsStage(Stage):
    name = "actors"

    def __call__(self, doc: Document) -> Document:
        spacy_doc: Doc | None = doc.nlp
        resolved = resolve_all(doc.entities, spacy_doc, doc.published.date, doc.focus_country)
        for entity in doc.entities:
            entity.actor = resolved[entity.id].actor
            entity.kind = resolved[entity.id].kind
        link_surnames(doc.entities)
        phrases: list[PhraseMention] = []
        if spacy_doc is not None:
            at = token_entities(doc.entities, spacy_doc)
            ctx = Context(at, actors_of(doc), doc.focus_country)
            phrases = list(role_mentions(spacy_doc, ctx))
            describe_people(doc.entities, phrases, ctx, spacy_doc)
        doc.actors = entity_mentions(doc.entities) + [as_mention(m) for m in phrases]
        if spacy_doc is not None:
            doc.actors += pronoun_mentions(spacy_doc, doc.actors, doc.entities)
        doc.actors = deduplicated(doc.actors)
        return doc


def resolve_all(
    entities: list[Entity], spacy_doc: Doc | None, on: dt.date | None, focus: str | None
) -> dict[str, Resolved]:
    resolved = {}
    for entity in entities:
        span = None
        if spacy_doc is not None:
            span = spacy_doc.char_span(entity.start, entity.end, alignment_mode="expand")
        resolved[entity.id] = resolve_entity(entity, span, on, focus)
    return resolved


def link_surnames(entities: list[Entity]) -> None:
    """ "Goita" after "Assimi Goita" is the same person: it takes the full name's actor."""
    by_surname: dict[str, Actor] = {}
    for entity in entities:
        if entity.kind != "person" or entity.actor is None:
            continue
        words = entity.actor.name.split()
        if len(words) > 1 and entity.actor.country:
            by_surname.setdefault(words[-1].casefold(), entity.actor)
        elif len(words) == 1 and (full := by_surname.get(words[0].casefold())):
            entity.actor = full


def describe_people(
    entities: list[Entity], phrases: list[PhraseMention], ctx: Context, spacy_doc: Doc
) -> None:
    """A person (or a name the model took for a firm) the tables lack takes the country and
    sector of the phrase that describes them: a title ("Colonel X") or an apposition
    ("X, Mali's foreign minister")."""
    titled = {p.entity: p.actor for p in phrases if p.entity}
    for entity in entities:
        actor = entity.actor
        if entity.kind not in DESCRIBED_KINDS or actor is None or (actor.country and actor.sector):
            continue
        described = titled.get(entity.id) or apposition(entity, ctx, spacy_doc)
        if described is not None:
            entity.actor = Actor(
                actor.name, actor.country or described.country, actor.sector or described.sector
            )


def apposition(entity: Entity, ctx: Context, spacy_doc: Doc) -> Actor | None:
    span = spacy_doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    linked = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos":
        linked.append(root.head)
    for token in linked:
        mention = ctx.by_root.get(token.i)
        if mention is not None and mention.entity != entity.id and mention.actor.sector:
            return mention.actor
    return None


def entity_mentions(entities: list[Entity]) -> list[ActorMention]:
    return [
        ActorMention(e.text, e.start, e.end, e.actor, e.id) for e in entities if e.actor is not None
    ]


def token_entities(entities: list[Entity], spacy_doc: Doc) -> dict[int, Entity]:
    at: dict[int, Entity] = {}
    for entity in entities:
        span = spacy_doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is not None:
            at.update((i, entity) for i in range(span.start, span.end))
    return at


def actors_of(doc: Document) -> dict[str, Actor | None]:
    return {e.id: e.actor for e in doc.entities}


def as_mention(phrase: PhraseMention) -> ActorMention:
    span = phrase.span
    return ActorMention(span.text, span.start_char, span.end_char, phrase.actor, phrase.entity)


def deduplicated(mentions: list[ActorMention]) -> list[ActorMention]:
    """One mention per span (the role phrase, read in context, wins over the bare entity)."""
    by_span: dict[tuple[int, int], ActorMention] = {}
    for mention in mentions:
        by_span[(mention.start, mention.end)] = mention
    return sorted(by_span.values(), key=lambda m: (m.start, -m.end))


@register_stage("actors", requires=("entities", "focus"), assigns=("actors",))
def make_actors(settings: Settings) -> ActorsStage:
    role_words()  # load the tables once, when the pipeline is built
    return ActorsStage()
