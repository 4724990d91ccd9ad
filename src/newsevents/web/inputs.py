"""Turn what a user sent (pasted text, an uploaded file, an API body) into pipeline inputs."""

from __future__ import annotations

import datetime as dt
import io

from ..document import Document
from ..errors import E_TOO_BIG, InputError
from ..settings import Settings
from ..stages import ingest

KINDS = ("auto", "text", "html", "jsonl")


def single_input(
    body: str,
    source: str,
    settings: Settings,
    *,
    kind: str = "auto",
    title: str | None = None,
    url: str | None = None,
    published: str | dt.date | None = None,
) -> Document:
    """A document for one article; ``InputError`` when it cannot be one."""
    day = (
        published
        if isinstance(published, dt.date)
        else ingest.parse_published(published or None, source)
    )
    meta = {"title": title or None, "url": url or None, "published": day}
    return ingest.read_bytes(
        body.encode("utf-8"),
        source,
        settings,
        kind=None if kind == "auto" else kind,
        **meta,
    )


def batch_inputs(body: str, source: str, settings: Settings) -> list[Document | InputError]:
    """One input (or the error in its place) per line of a JSON Lines batch."""
    size = len(body.encode("utf-8"))
    if size > settings.max_input_bytes:
        raise InputError(source, E_TOO_BIG.format(size=size, limit=settings.max_input_bytes))
    return list(ingest.read_jsonl(io.StringIO(body), source, settings))


def looks_like_jsonl(body: str, filename: str | None) -> bool:
    """A ``.jsonl`` upload, or text whose first line is a JSON object."""
    if filename and filename.lower().endswith((".jsonl", ".ndjson")):
        return True
    first = body.lstrip().split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}")
