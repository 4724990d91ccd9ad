"""The nlp stage: spaCy over the cleaned text, with an entity ruler that knows the world's actors.

The small English model tags "Mali" as a person and "Bamako" as an organisation; an entity ruler
placed before ``ner`` and fed the names of countries, capitals, seats of government, international
bodies, demonyms, armed groups, news outlets and office holders (``knowledge``) fixes that.
A paragraph break always ends a sentence (``paragraphs``). The model's name is the
``spacy_model`` setting. Assigns ``doc.nlp`` (the spaCy Doc) and ``doc.entities`` (named entities
with their kind; the actors stage resolves them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice

import spacy
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from ...document import Document, Entity
from ...errors import InputError
from ...knowledge import (
    countries,
    country_by_name,
    leaders,
    named_actors,
    organizations,
    seats_of_government,
)
from ...pipeline import Stage, register_stage, stage_errors
from ...settings import Settings
from .attributes import index_attribute_ruler
from .paragraphs import add_paragraph_breaks

# spaCy labels kept as entities, and the contract's kind for each.
KIND_BY_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",
    "GPE": "other",  # "country" when the name is a country (see entity_kind)
    "LOC": "other",
    "FAC": "other",
}


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: countries, capitals and seats (GPE), bodies, groups, outlets and
    government buildings (ORG), demonyms (NORP), office holders (PERSON).

    A name gets one label: the first table that claims it wins ("US" is a country before it is a
    demonym), so the ruler never holds two patterns for the same words.
    """
    patterns: list[dict] = []
    seen: set[str] = set()

    def add(label: str, names: Iterable[str]) -> None:
        for name in names:
            variants = [name]
            # Datelines write places in capitals ("LA PAZ -"): a place's name in capitals is
            # that place; other capitalised phrases are as often headings.
            single = " " not in name or label == "GPE"
            if name[:1].islower() is False and single and name.upper() != name:
                variants.append(name.upper())
            for variant in variants:
                if variant not in seen:
                    seen.add(variant)
                    patterns.append({"label": label, "pattern": variant})

    for country in countries().values():
        add("GPE", country.names)
        if country.capital:
            add("GPE", [country.capital])
    seats = seats_of_government()
    add("GPE", seats["seat"])
    add("ORG", seats["office"])
    for org in organizations():
        add("ORG", org.names)
    for actor in named_actors():
        add("ORG", actor.names)
    for country in countries().values():
        add("NORP", country.demonyms)
    for leader in leaders():
        add("PERSON", leader.names)
    return patterns


@cache
def load_pipeline(model: str) -> Language:
    """The spaCy pipeline ``model`` with the entity ruler added; loaded once per process.

    The model's layers multiply matrices through numpy's BLAS (OpenBLAS) rather than thinc's
    bundled BLIS, whose wheel falls back to its slow generic kernel on many CPUs (a third of
    spaCy's time on the 2-core machine). BLAS runs one thread: several cores are used by the
    runner's worker processes, and BLAS threads competing with them cost more than they gain.
    """
    threadpool_limits(1, user_api="blas")
    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(model, exclude=["lemmatizer", "senter"])
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed ({exc}); run `make install`, or set "
            "NEWSEVENTS_SPACY_MODEL to an installed pipeline"
        ) from exc
    index_attribute_ruler(nlp)
    add_paragraph_breaks(nlp)
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", before=before, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(ruler_patterns())
    return nlp


def entity_kind(label: str, text: str) -> str:
    if label == "GPE" and country_by_name(text) is not None:
        return "country"
    return KIND_BY_LABEL[label]


def entities_of(spacy_doc) -> list[Entity]:
    """The spaCy entities worth keeping, as ``Entity`` objects with ids e1, e2, ..."""
    found = []
    for ent in spacy_doc.ents:
        if ent.label_ not in KIND_BY_LABEL or not ent.text[:1].isalnum():
            continue
        found.append(
            Entity(
                id=f"e{len(found) + 1}",
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                kind=entity_kind(ent.label_, ent.text),
                label=ent.label_,
            )
        )
    return found


class NlpStage(Stage):
    name = "nlp"

    def __init__(self, nlp: Language, batch_size: int = 16) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        return self._annotate(doc, self.nlp(doc.text))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        # Batches keep spaCy's throughput while the stream stays lazy and in order; documents
        # that failed earlier pass through without being parsed. Several cores are used by the
        # runner's worker processes, each running the whole pipeline, not by spaCy's n_process.
        docs = iter(docs)
        while batch := list(islice(docs, self.batch_size)):
            todo = [d for d in batch if d.error is None]
            parsed = self.nlp.pipe((d.text for d in todo), batch_size=self.batch_size)
            for doc, spacy_doc in zip(todo, parsed, strict=True):
                with stage_errors(self.name, doc):
                    self._annotate(doc, spacy_doc)
            yield from batch

    @staticmethod
    def _annotate(doc: Document, spacy_doc) -> Document:
        if not doc.text.strip():
            raise InputError(doc.source, "no text to analyse")
        doc.nlp = spacy_doc
        doc.entities = entities_of(spacy_doc)
        return doc


@register_stage("nlp", requires=("text",), assigns=("nlp", "entities"))
def make_nlp(settings: Settings) -> NlpStage:
    return NlpStage(load_pipeline(settings.spacy_model), settings.batch_size)
