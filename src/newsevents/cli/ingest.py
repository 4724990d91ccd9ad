"""``newsevents ingest``: analyse articles and keep them in the store."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..document import Document
from ..errors import InputError, StoreError
from ..pipeline import Pipeline
from ..runner import analyze_documents
from ..settings import Settings
from ..stages import ingest as reader
from ..store import SaveResult, Store
from .progress import progress

log = logging.getLogger(__name__)

E_NOTHING_FOUND = "no input files in this folder"


@dataclass
class IngestReport:
    """What one ``ingest`` run did."""

    stored: int = 0  # new articles
    replaced: int = 0  # known articles whose analysis changed
    duplicates: int = 0  # known articles with the same analysis: nothing written
    events: int = 0  # events in the articles stored or replaced
    failures: list[str] = field(default_factory=list)  # one line per input: "source: cause"
    stopped: str | None = None  # why the run ended before its last input, if it did

    def record(self, doc: Document, result: SaveResult) -> None:
        if result is SaveResult.UNCHANGED:
            self.duplicates += 1
            return
        self.events += len(doc.events)
        if result is SaveResult.REPLACED:
            self.replaced += 1
        else:
            self.stored += 1

    def summary(self) -> str:
        """E.g. ``3 articles stored (1 replaced), 9 events, 1 duplicate skipped, 0 failed``."""
        stored = self.stored + self.replaced
        replaced = f" ({self.replaced} replaced)" if self.replaced else ""
        return (
            f"{_plural(stored, 'article')} stored{replaced}, {_plural(self.events, 'event')}, "
            f"{_plural(self.duplicates, 'duplicate')} skipped, {len(self.failures)} failed"
        )


def ingest_paths(
    paths: Iterable[Path], store: Store, pipeline: Pipeline, *, show_progress: bool = True
) -> IngestReport:
    """Read every input under ``paths``, analyse it and save it.

    A bad input (or one the store refuses) is recorded in the report and the run goes on.
    """
    report = IngestReport()
    docs = analyze_documents(_read(paths, pipeline.settings), pipeline)
    for doc in progress(_until_crash(docs, report), label="ingesting", enabled=show_progress):
        if doc.error is not None:
            report.failures.append(doc.error)
            continue
        try:
            report.record(doc, store.save(doc, stages=pipeline.stage_names))
        except StoreError as exc:
            report.failures.append(str(exc))
    return report


def _until_crash(docs: Iterable[Document], report: IngestReport) -> Iterator[Document]:
    """``docs`` until a stage raises something other than ``InputError`` (a bug).

    The pipeline's stream cannot resume after that; the articles saved so far stay stored and
    the report says where the run stopped.
    """
    last = None
    try:
        for doc in docs:
            last = doc.source
            yield doc
    except Exception as exc:
        log.info("the pipeline failed after %s", last, exc_info=True)
        after = f"after {last}" if last else "on the first input"
        report.stopped = (
            f"ingest stopped early: the pipeline failed {after} ({type(exc).__name__}: {exc}); "
            "the articles stored until then are kept (run with -v for the traceback)"
        )


def _read(paths: Iterable[Path], settings: Settings) -> Iterator[Document | InputError]:
    for path in paths:
        found = False
        items = _read_stdin(settings) if str(path) == "-" else reader.read_path(path, settings)
        for item in items:
            found = True
            yield item
        if not found:  # a folder with nothing to read is most likely a wrong path
            yield InputError(str(path), E_NOTHING_FOUND)


def _read_stdin(settings: Settings) -> Iterator[Document | InputError]:
    try:
        yield reader.read_bytes(sys.stdin.buffer.read(), "<stdin>", settings)
    except InputError as exc:
        yield exc


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@click.command()
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, allow_dash=True),
    metavar="PATH...",
)
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=True,
    help="Show a progress bar (on a terminal only).",
)
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], show_progress: bool) -> None:
    """Analyse articles and store them with their events, mentions and flags.

    PATH is a .txt or .html file, a JSON Lines file (one {"id", "text"|"html"} object a line),
    a folder (read recursively), or - for one article on standard input. An article already in
    the store (same text) is replaced when its analysis changed and skipped when it did not. Bad
    inputs are listed on stderr at the end, one line each, while the rest goes in; the exit code
    is then 1.

    \b
    Examples:
        newsevents ingest articles/
        newsevents ingest feed.jsonl page.html
        curl -s https://example.org/story.html | newsevents ingest -
        newsevents --db postgresql+psycopg://user@host/news ingest articles/
    """
    store = open_store(settings.db)
    with store:
        report = ingest_paths(paths, store, Pipeline(settings), show_progress=show_progress)
    for failure in report.failures:
        click.echo(f"Error: {failure}", err=True)
    click.echo(report.summary(), err=True)
    if report.stopped:
        click.echo(f"Error: {report.stopped}", err=True)
    if report.failures or report.stopped:
        raise SystemExit(1)


def open_store(url: str) -> Store:
    """The store at ``url``; a ``StoreError`` becomes the command's error message (exit 1)."""
    try:
        return Store.open(url)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
