"""Stages, their registry, and the pipeline that runs them in order.

A stage is registered by name with the layers it ``requires`` and ``assigns``. Building a pipeline
checks that each requirement is assigned by an earlier stage (or is an input layer), so a missing or
misordered stage fails at build time, not in the middle of a batch. Stages are built once per
process: models, gazetteers and compiled patterns load when the stage is made, not per article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module

from .document import Document
from .errors import InputError, PipelineError
from .settings import Settings
from .stages import BUILTIN

logger = logging.getLogger(__name__)

# Layers present on every document before any stage runs.
INPUT_LAYERS = frozenset({"raw", "published", "title", "url"})

# The built-in stages, in the order the default pipeline runs them.
DEFAULT_STAGES = BUILTIN


class Stage:
    """A pipeline stage: reads the document, adds its layer, returns the same object."""

    name: str = ""

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process a stream of documents; stages that batch (spaCy) override this.

        A document that already failed passes through untouched. A stage that finds a document
        unusable raises ``InputError``; the document then carries the error and the stream goes on.
        """
        for doc in docs:
            if doc.error is None:
                with stage_errors(self.name, doc):
                    self(doc)
            yield doc


@contextmanager
def stage_errors(stage: str, doc: Document) -> Iterator[None]:
    """Turn a failure inside ``stage`` into the document's error, so the rest of a batch goes on.

    An ``InputError`` is the input's fault; anything else is a bug in the stage, logged with its
    traceback and reported on the document as an internal error naming the stage.
    """
    try:
        yield
    except InputError as exc:
        doc.error = str(exc)
    except Exception as exc:
        logger.exception("stage %s failed on %s", stage, doc.source)
        doc.error = f"{doc.source}: internal error in stage {stage!r}: {exc!r} (please report it)"


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[[Settings], Stage]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    version: str


_REGISTRY: dict[str, StageInfo] = {}


def register_stage(
    name: str, *, requires: tuple[str, ...], assigns: tuple[str, ...], version: str = "1"
) -> Callable[[Callable[[Settings], Stage]], Callable[[Settings], Stage]]:
    """Register a stage factory under ``name``; the factory takes the settings."""

    def decorate(factory: Callable[[Settings], Stage]) -> Callable[[Settings], Stage]:
        _REGISTRY[name] = StageInfo(name, factory, requires, assigns, version)
        return factory

    return decorate


def registered_stages() -> dict[str, StageInfo]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the stage packages runs their @register_stage decorators.
    for name in BUILTIN:
        import_module(f".stages.{name}", __package__)


def check_order(names: Iterable[str]) -> list[StageInfo]:
    """The stage infos for ``names``, after checking every requirement is met in order."""
    registry = registered_stages()
    available = set(INPUT_LAYERS)
    infos = []
    for name in names:
        if name not in registry:
            known = ", ".join(sorted(registry))
            raise PipelineError(f"unknown stage {name!r}; known stages: {known}")
        info = registry[name]
        missing = [layer for layer in info.requires if layer not in available]
        if missing:
            raise PipelineError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns"
            )
        available.update(info.assigns)
        infos.append(info)
    return infos


class Pipeline:
    """The stages, built once, applied in order to each document."""

    def __init__(
        self, settings: Settings | None = None, stages: Iterable[str] = DEFAULT_STAGES
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.infos = check_order(stages)
        self.stages: list[Stage] = [info.factory(self.settings) for info in self.infos]

    @property
    def stage_names(self) -> list[str]:
        return [f"{info.name}@{info.version}" for info in self.infos]

    def __call__(self, doc: Document) -> Document:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run every stage over a stream of documents, lazily, keeping their order."""
        stream: Iterable[Document] = docs
        for info, stage in zip(self.infos, self.stages, strict=True):
            stream = _checked(stage.pipe(stream), info.name)
        return iter(stream)


def _checked(docs: Iterable[Document], name: str) -> Iterator[Document]:
    for doc in docs:
        if not isinstance(doc, Document):
            raise PipelineError(
                f"stage {name!r} returned {type(doc).__name__}, not the Document it was given"
            )
        if doc.error is None:
            doc.stages.append(name)
        yield doc
