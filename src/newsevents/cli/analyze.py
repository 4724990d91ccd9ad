"""``newsevents analyze``: print the contract object of each input."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..document import Document, Published
from ..errors import InputError
from ..pipeline import Pipeline
from ..runner import analyze_documents, result_object
from ..settings import Settings
from ..stages import ingest
from .options import iso_date
from .progress import progress


@click.command()
@click.argument("files", nargs=-1, metavar="FILE...")
@click.option(
    "--jsonl",
    "jsonl",
    type=click.Path(dir_okay=False, allow_dash=True),
    help='Batch input: one {"id", "text"|"html"} object a line; prints one result a line.',
)
@click.option("--published", callback=iso_date, help="Publication date, YYYY-MM-DD.")
@click.option("--url", help="The article's address.")
@click.option("--title", help="The article's title (else taken from the text).")
@click.pass_obj
def analyze(
    settings: Settings,
    files: tuple[str, ...],
    jsonl: str | None,
    published: dt.date | None,
    url: str | None,
    title: str | None,
) -> None:
    """Analyse articles and print their events as JSON (see the output contract).

    FILE is a .txt, .html or .jsonl file, or - for standard input. One FILE prints one JSON
    object; several FILEs, a JSON Lines file or --jsonl print one object a line. A bad input prints
    an error naming it on stderr (in batch mode also an {"input_id", "error"} line) and the exit
    code is 1.

    \b
    Examples:
        newsevents analyze examples/mali-coup-claim.txt
        newsevents analyze --published 2022-05-17 article.html
        newsevents analyze --jsonl batch.jsonl > results.jsonl
        cat article.txt | newsevents analyze -
    """
    if not files and not jsonl:
        raise click.UsageError("give at least one FILE, - for standard input, or --jsonl FILE")
    meta = {"published": published, "url": url, "title": title}
    sources = [*files, *([jsonl] if jsonl else [])]
    batch = len(sources) > 1 or bool(jsonl) or any(s.endswith((".jsonl", ".ndjson")) for s in files)
    items = _read(sources, settings, meta)
    pipeline = Pipeline(settings)
    failed = 0
    for doc in progress(analyze_documents(items, pipeline), label="analysing", enabled=batch):
        if doc.error is not None:
            failed += 1
            click.echo(f"Error: {doc.error}", err=True)
            if not batch:
                continue
        click.echo(json.dumps(result_object(doc), ensure_ascii=False, indent=None if batch else 2))
    if failed:
        sys.exit(1)


def _read(sources: list[str], settings: Settings, meta: dict) -> Iterator[Document | InputError]:
    for source in sources:
        if source == "-":
            items = _read_stdin(settings, meta)
        else:
            items = ingest.read_path(Path(source), settings)
        for item in items:
            yield _with_meta(item, meta) if isinstance(item, Document) else item


def _read_stdin(settings: Settings, meta: dict) -> Iterator[Document | InputError]:
    try:
        yield ingest.read_stream(sys.stdin.buffer, "<stdin>", settings)
    except InputError as exc:
        yield exc


def _with_meta(doc: Document, meta: dict) -> Document:
    """Apply the command line's --published/--url/--title to a document that lacks them."""
    if meta["published"] is not None and doc.published.basis != "given":
        doc.published = Published(meta["published"], "given")
    if meta["url"] and not doc.url:
        doc.url = meta["url"]
    if meta["title"]:
        doc.title = meta["title"]
    return doc
