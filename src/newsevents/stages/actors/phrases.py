"""Role phrases: noun phrases that name an actor by what it is ("Malian officers", "the junta",
"French state media"), read from the parse.

A phrase's sector comes from its words (``role_phrases.tsv``, then ``role_words.tsv``); its country
from a demonym, country or seat inside it ("Malian officers", "Mali's army", "the Bamako
government"), from an "of"/"in" phrase after it ("the army of Niger"), from the phrase it is
coordinated with, and otherwise, for an unmarked body ("the government", "soldiers"), from the
story's focus country. "A Western state" or "foreign troops" name an outsider: no country.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ...document import Actor, Entity
from ...knowledge import countries
from .entities import is_locative
from .lexicon import Role, actor_name, outside_modifiers, role_of, role_phrases

# Prepositions whose object gives the phrase its country: "the army of Niger", "protesters in Togo".
COUNTRY_PREPOSITIONS = frozenset({"of", "in", "from"})
INDEFINITE = frozenset({"a", "an", "another", "one"})
# Possessives that point to some other actor: "its troops" may be anyone's.
OTHERS_POSSESSIVES = frozenset({"its", "their", "his", "her"})
# Words that, after "a", mean some other state ("a state", "a foreign government").
STATE_WORDS = frozenset({"state", "country", "nation", "government", "regime", "power"})
# Words for a country that name its government when it acts ("the country said") and the land
# itself after a place preposition ("troops left the country").
COUNTRY_WORDS = frozenset({"country", "nation"})


@cache
def collectives() -> frozenset[str]:
    path = Path(__file__).parent / "collectives.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass
class PhraseMention:
    span: Span
    actor: Actor
    entity: str | None = None


@dataclass
class Context:
    """What phrase reading needs from the rest of the document."""

    entity_at: dict[int, Entity]  # token index -> the entity covering it
    actors: dict[str, Actor | None]  # entity id -> its resolved actor
    focus: str | None  # ISO3 of the story's country
    by_root: dict[int, PhraseMention] = field(default_factory=dict)  # chunk root -> its mention


def country_label(code: str) -> str:
    country = countries().get(code)
    return country.name if country else code


def phrase_role(words: list[Token], titles: bool = False) -> Role | None:
    """The role the phrase's words name; ``words`` run up to and including the head.

    A modifier decides only when the head is a weak role word ("military source"), never for a
    head that names no actor ("military coup"); ``titles`` reads words before a name, where
    every word may carry the role ("Defence Minister").
    """
    if not words:
        return None
    lowered = [w.lower_ for w in words]
    for size in (4, 3, 2):
        if len(lowered) >= size and (role := role_phrases().get(" ".join(lowered[-size:]))):
            return role
    head = role_of(words[-1].text)
    if head is None and not titles:
        return None
    modifiers = [m for m in (role_of(w.text) for w in reversed(words[:-1])) if m and m.sector]
    decisive = [m for m in modifiers if m.decisive]
    if decisive:
        return Role(decisive[0].sector, False, decisive[0].state)
    if head is not None and head.sector and not head.weak:
        return head
    if modifiers:
        return Role(modifiers[0].sector, False, modifiers[0].state)
    return head


def marked_country(chunk: Span, ctx: Context, skip: Entity | None) -> str | None:
    """A country named inside the phrase or in an "of/in/from" phrase after its head."""
    tokens = list(chunk)
    for prep in chunk.root.children:
        if prep.dep_ == "prep" and prep.lower_ in COUNTRY_PREPOSITIONS:
            tokens.extend(prep.children)
    for token in tokens:
        entity = ctx.entity_at.get(token.i)
        if entity is None or entity is skip:
            continue
        actor = ctx.actors.get(entity.id)
        if actor is not None and actor.country:
            return actor.country
    return None


def is_outsider(chunk: Span) -> bool:
    words = {t.lower_ for t in chunk}
    if words & outside_modifiers() or words & OTHERS_POSSESSIVES:
        return True
    first = chunk[0].lower_
    return first in INDEFINITE and chunk.root.lower_ in STATE_WORDS


def phrase_words(chunk: Span) -> list[Token]:
    return [t for t in chunk if t.i <= chunk.root.i and t.dep_ != "det" and not t.is_punct]


def chunk_actor(chunk: Span, ctx: Context) -> tuple[Actor, str | None] | None:
    """The actor a noun chunk names and the entity it rests on, or None."""
    head_entity = ctx.entity_at.get(chunk.root.i)
    if head_entity is not None:
        return entity_chunk_actor(chunk, head_entity, ctx)
    words = [t for t in phrase_words(chunk) if t.i == chunk.root.i or t.i not in ctx.entity_at]
    role = phrase_role(words)
    if role is None:
        return None
    if (named := named_modifier(chunk, ctx, role)) is not None:
        return named
    country = marked_country(chunk, ctx, None) or coordinated_country(chunk, ctx)
    if country is None and ctx.focus and not is_outsider(chunk) and role.sector:
        country = ctx.focus
    if not role.sector and country is None:
        return None
    sector = role.sector or None
    if chunk.root.lower_ in COUNTRY_WORDS and is_locative(chunk):
        sector = None
    entity = next((ctx.entity_at[t.i].id for t in chunk if t.i in ctx.entity_at), None)
    return Actor(actor_name(sector, country and country_label(country)), country, sector), entity


def named_modifier(chunk: Span, ctx: Context, role: Role) -> tuple[Actor, str] | None:
    """ "Wagner fighters", "African Union forces": a weak head takes the named group's actor."""
    if role.sector and not role.weak:
        return None
    for token in chunk:
        entity = ctx.entity_at.get(token.i)
        actor = ctx.actors.get(entity.id) if entity is not None else None
        if actor and actor.country and entity.label == "ORG" and token.i != chunk.root.i:
            return Actor(actor.name, actor.country, actor.sector or role.sector or None), entity.id
    return None


def entity_chunk_actor(
    chunk: Span, entity: Entity, ctx: Context
) -> tuple[Actor, str | None] | None:
    """A phrase built on a named entity: "interim President X", "the paramilitary RSF"."""
    base = ctx.actors.get(entity.id)
    if base is None:
        return None
    titles = title_words(chunk, entity)
    if not titles:
        return None
    role = phrase_role(titles, titles=True)
    # A non-state title in the text ("opposition leader X") says more about this article than
    # the table of office holders; a rank ("Captain X") does not.
    overrides = role is not None and bool(role.sector) and not role.state
    if base.country and base.sector and not overrides:
        return base, entity.id
    sector = role.sector if role and role.sector and (overrides or not base.sector) else base.sector
    country = base.country or marked_country(chunk, ctx, entity)
    if country is None and role is not None and role.state and ctx.focus:
        country = ctx.focus
    return Actor(base.name, country, sector), entity.id


def title_words(chunk: Span, entity: Entity) -> list[Token]:
    """The words just before a name inside its phrase ("interim President"), up to punctuation."""
    words: list[Token] = []
    for token in reversed([t for t in chunk if t.idx < entity.start]):
        if token.is_punct or token.is_quote:
            break
        words.insert(0, token)
    return [t for t in words if t.dep_ != "det"]


def coordinated_country(chunk: Span, ctx: Context) -> str | None:
    """ "Malian officers and non-commissioned officers": the second shares the first's country."""
    root = chunk.root
    if root.dep_ != "conj":
        return None
    first = ctx.by_root.get(root.head.i)
    return first.actor.country if first else None


def collective_span(chunk: Span, spacy_doc: Doc, ctx: Context) -> PhraseMention | None:
    """ "a small group of Malian officers" -> the whole phrase, with the officers' actor."""
    root = chunk.root
    if root.lower_ not in collectives():
        return None
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                inner = ctx.by_root.get(obj.i)
                if obj.dep_ == "pobj" and inner is not None:
                    span = spacy_doc[chunk.start : inner.span.end]
                    return PhraseMention(span, inner.actor, inner.entity)
    return None


def pieces(chunk: Span) -> list[Span]:
    """The chunk from after the last punctuation before its head: a glued quote or a dash
    ("stability” Mali") must not pull the previous clause into the phrase. A chunk the
    parser built over two actors ("the government and rebels") is split in two."""
    found = []
    start = chunk.start
    root = chunk.root.i  # a span works its root out anew on each access
    for token in chunk:
        if token.i >= root:
            break
        if (token.is_punct or token.is_quote) and not _joins_words(token):
            start = token.i + 1
        elif token.dep_ == "cc" and token.i > start and names_actor(chunk.doc[token.i - 1]):
            found.append(chunk.doc[start : token.i])
            start = token.i + 1
    return [*found, chunk.doc[start : chunk.end]]


def _joins_words(token: Token) -> bool:
    """A hyphen inside a word ("Paul-Henri", "vice-president"), not a dash between phrases."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    return (
        token.text == "-"
        and not token.whitespace_
        and before is not None
        and not before.whitespace_
    )


def names_actor(token: Token) -> bool:
    role = role_of(token.text)
    return token.pos_ in ("NOUN", "PROPN") and role is not None and bool(role.sector)


def role_mentions(spacy_doc: Doc, ctx: Context) -> Iterator[PhraseMention]:
    """Every noun chunk that names an actor, and collective phrases built on them."""
    chunks = [piece for chunk in spacy_doc.noun_chunks for piece in pieces(chunk)]
    for chunk in chunks:
        found = chunk_actor(chunk, ctx)
        if found is not None:
            mention = PhraseMention(chunk, *found)
            ctx.by_root[chunk.root.i] = mention
            yield mention
    for chunk in chunks:
        if (mention := collective_span(chunk, spacy_doc, ctx)) is not None:
            yield mention
