"""Ingest: turn files, folders, JSON Lines and standard input into ``Document`` objects.

Ingest is not a pipeline stage: it runs before the pipeline and decides what an input *is* (plain
text or HTML, which encoding, which title and publication date). HTML is reduced to its main text
here (trafilatura), so every document reaches the ``clean`` stage as plain text in ``raw``.

Nothing here raises for one bad input when reading many: ``read_path`` and ``read_jsonl`` yield an
``InputError`` in the input's place and go on.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ...document import Document, Published
from ...errors import (
    E_BAD_DATE,
    E_BAD_JSONL,
    E_EMPTY,
    E_ENCODING,
    E_NO_ARTICLE,
    E_STREAM_TOO_BIG,
    E_TOO_BIG,
    E_UNREADABLE,
    InputError,
)
from ...settings import Settings
from .decode import decode_bytes
from .html import extract_article
from .title import looks_like_title, split_title

__all__ = [
    "document_from_html",
    "document_from_text",
    "looks_like_title",
    "parse_published",
    "read_bytes",
    "read_jsonl",
    "read_path",
    "read_stream",
    "sniff_kind",
    "split_title",
]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

_HTML_SNIFF = re.compile(
    r"\A\s*(?:<\?xml|<!doctype\s+html|<html)|<(?:html|head|body|article|p|div|br|span)\b[^>]*>",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def document_from_text(
    text: str,
    source: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    input_id: str | None = None,
) -> Document:
    """A document for plain ``text``; without a ``title``, a title-like first line becomes it."""
    if not text.strip():
        raise InputError(source, E_EMPTY, input_id)
    body = text
    if title is None:
        title, body = split_title(text)
    return Document(
        source=source,
        raw=body,
        input_id=input_id,
        url=url,
        title=title,
        published=_given(published),
    )


def document_from_html(
    html: str,
    source: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    input_id: str | None = None,
) -> Document:
    """A document for an HTML page: its main text, and title, URL and date from its metadata."""
    article = extract_article(html, url)
    if article is None:
        raise InputError(source, E_NO_ARTICLE, input_id)
    if published is not None:
        when = Published(published, "given")
    elif article.date is not None:
        when = Published(article.date, "metadata")
    else:
        when = Published()
    return Document(
        source=source,
        raw=article.text,
        is_html=True,
        input_id=input_id,
        url=url or article.url,
        title=title or article.title,
        published=when,
    )


def read_bytes(
    data: bytes, source: str, settings: Settings, *, kind: str | None = None, **meta: Any
) -> Document:
    """A document for the bytes of one input: checked, decoded, and read as ``kind``.

    ``kind`` is "text" or "html"; without it the content decides. ``meta`` holds the keyword
    arguments of ``document_from_text`` (title, url, published, input_id).
    """
    input_id = meta.get("input_id")
    if len(data) > settings.max_input_bytes:
        cause = E_TOO_BIG.format(size=len(data), limit=settings.max_input_bytes)
        raise InputError(source, cause, input_id)
    text = decode_bytes(data, source, input_id)
    return _document(text, source, kind, meta)


def read_stream(
    stream: BinaryIO, source: str, settings: Settings, *, kind: str | None = None, **meta: Any
) -> Document:
    """A document for a binary stream (standard input), read no further than the size limit."""
    data = stream.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        raise InputError(source, E_STREAM_TOO_BIG.format(limit=settings.max_input_bytes))
    return read_bytes(data, source, settings, kind=kind, **meta)


def read_jsonl(
    lines: Iterable[str], source: str, settings: Settings
) -> Iterator[Document | InputError]:
    """One document (or the error that replaces it) per non-blank line of a JSON Lines input."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, lineno, f"{source}:{lineno}", settings)
        except InputError as exc:
            yield exc


def read_path(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    """Every input under ``path`` (a file, or a folder read recursively in name order)."""
    path = Path(path)
    if path.is_dir():
        for child in _files_under(path):
            yield from _read_file(child, settings)
    else:
        yield from _read_file(path, settings)


def sniff_kind(text: str) -> str:
    """ "html" when the start of ``text`` holds HTML markup, else "text"."""
    return "html" if _HTML_SNIFF.search(text[:4096]) else "text"


def parse_published(value: Any, source: str, input_id: str | None = None) -> dt.date | None:
    """A YYYY-MM-DD string as a date (None stays None); anything else is an ``InputError``."""
    if value is None:
        return None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(source, E_BAD_DATE.format(value=value), input_id)


def _lenient_date(value: Any, source: str) -> dt.date | None:
    """A record's publication date; one that is not YYYY-MM-DD is left out, not fatal.

    Batch inputs carry dates in many forms ("7:58 AM ET"); losing the date costs less than
    losing the article, and the dates stage can infer one.
    """
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    if value not in (None, ""):
        log.warning("%s: ignoring published %r (not YYYY-MM-DD)", source, value)
    return None


def _document(text: str, source: str, kind: str | None, meta: dict[str, Any]) -> Document:
    kind = kind or sniff_kind(text)
    if kind == "html":
        return document_from_html(text, source, **meta)
    if kind == "text":
        return document_from_text(text, source, **meta)
    raise ValueError(f"kind must be 'text' or 'html', not {kind!r}")


def _given(published: dt.date | None) -> Published:
    return Published(published, "given") if published is not None else Published()


def _jsonl_record(line: str, lineno: int, source: str, settings: Settings) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, E_BAD_JSONL.format(line=lineno, reason=exc.msg)) from None
    if not isinstance(record, dict):
        reason = f"expected an object, got {type(record).__name__}"
        raise InputError(source, E_BAD_JSONL.format(line=lineno, reason=reason))
    input_id = str(record["id"]) if record.get("id") is not None else None
    kind, body = _record_body(record, lineno, source, input_id)
    try:
        size = len(body.encode("utf-8"))
    except UnicodeEncodeError:
        # Bytes that were not UTF-8 (read with surrogateescape) or a lone "\ud800" escape.
        raise InputError(source, E_ENCODING, input_id) from None
    if size > settings.max_input_bytes:
        cause = E_TOO_BIG.format(size=size, limit=settings.max_input_bytes)
        raise InputError(source, cause, input_id)
    meta = {
        "title": _optional_str(record, "title"),
        "url": _optional_str(record, "url"),
        "published": _lenient_date(record.get("published"), source),
        "input_id": input_id,
    }
    return _document(body, source, kind, meta)


def _record_body(
    record: dict[str, Any], lineno: int, source: str, input_id: str | None
) -> tuple[str, str]:
    for kind, key in (("text", "text"), ("html", "html")):
        value = record.get(key)
        if isinstance(value, str):
            return kind, value
    reason = 'needs a string "text" or "html" field'
    raise InputError(source, E_BAD_JSONL.format(line=lineno, reason=reason), input_id)


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _files_under(folder: Path) -> list[Path]:
    files = []
    for path in folder.rglob("*"):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if not hidden and path.is_file():
            files.append(path)
    return sorted(files)


def _read_file(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, settings)
            return
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            cause = E_TOO_BIG.format(size=size, limit=settings.max_input_bytes)
            yield InputError(source, cause)
            return
        with path.open("rb") as stream:
            # Bounded: a pipe or device ("/dev/stdin") has no size to check beforehand.
            data = stream.read(settings.max_input_bytes + 1)
    except OSError as exc:
        yield InputError(source, E_UNREADABLE.format(reason=exc.strerror or exc))
        return
    kind = "text" if suffix in TEXT_SUFFIXES else "html" if suffix in HTML_SUFFIXES else None
    if len(data) > settings.max_input_bytes:
        yield InputError(source, E_STREAM_TOO_BIG.format(limit=settings.max_input_bytes))
        return
    try:
        yield read_bytes(data, source, settings, kind=kind)
    except InputError as exc:
        yield exc


def _read_jsonl_file(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    # Opened lazily so a batch file of any size streams; a line that is not UTF-8 fails alone.
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="\n") as lines:
        yield from read_jsonl(lines, str(path), settings)
