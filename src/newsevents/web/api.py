"""The JSON API: events, articles, analysis, and batch jobs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from ..cli.events import CSV_COLUMNS, flatten
from ..document import Document
from ..store import SaveResult
from .access import check_write
from .errors import WebError
from .filters import DEFAULT_PAGE, event_query
from .inputs import batch_inputs, single_input
from .queries import EventQuery, count_events, find_events

router = APIRouter(prefix="/api", tags=["api"])
CSV_CHUNK = 500  # events per streamed piece of a CSV export


class ArticleInput(BaseModel):
    """One article: ``text`` (plain text) or ``html`` (a web page), with optional metadata."""

    text: str | None = Field(None, description="Plain text; the first line may be the title.")
    html: str | None = Field(None, description="An HTML page; its main text is analysed.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD.")


class BatchInput(BaseModel):
    jsonl: str = Field(description='JSON Lines: one {"id", "text"|"html", ...} object a line.')


@router.get("/events", summary="List events")
def list_events(
    request: Request,
    query: Annotated[EventQuery, Depends(event_query)],
    format: str = "json",
):
    """Stored events matching the filters (the CLI's `events` options), oldest first.

    JSON answers one page: `{"events": [...], "total": N, "next": URL or null}`, each event
    its contract object plus `article_id`, `source_type` and its article's `title`.
    `format=csv` exports every matching event (or one page, when `limit` is given) as CSV.
    """
    store = request.app.state.store
    if format == "csv":
        return StreamingResponse(
            _csv_chunks(find_events(store, query)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )
    if format != "json":
        raise WebError(400, f"format: {format!r} is not json or csv")
    page = query if query.limit else replace(query, limit=DEFAULT_PAGE)
    events = list(find_events(store, page))
    total = count_events(store, page)
    following = page.offset + len(events)
    next_url = None
    if following < total:
        next_url = str(request.url.include_query_params(offset=following, limit=page.limit))
    return {"events": events, "total": total, "next": next_url}


@router.get("/articles/{article_id}", summary="One article's analysis")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The stored article object of the output contract."""
    contract = request.app.state.store.get(article_id)
    if contract is None:
        raise WebError(404, f"no article {article_id!r} in the store")
    return contract


@router.post("/analyze", summary="Analyse an article without storing it")
def analyze(request: Request, article: ArticleInput) -> dict[str, Any]:
    """The article object of the output contract for the text or HTML sent."""
    doc = _analyze(request, article)
    return doc.to_contract()


@router.post("/articles", status_code=201, summary="Analyse and store an article")
def store_article(request: Request, article: ArticleInput) -> JSONResponse:
    """Analyse and store; answers `{"result": "stored|replaced|unchanged", "article": {...}}`.

    Needs the server's token (Authorization: Bearer TOKEN) when it has one.
    """
    check_write(request)
    doc = _analyze(request, article)
    analyzer = request.app.state.analyzer
    result = request.app.state.store.save(doc, stages=analyzer.stage_names)
    status = 200 if result is SaveResult.UNCHANGED else 201
    body = {"result": str(result), "article": doc.to_contract()}
    return JSONResponse(body, status_code=status, headers={"Location": f"/api/articles/{doc.id}"})


@router.post("/batches", status_code=202, summary="Analyse and store a JSON Lines batch")
def submit_batch(request: Request, batch: BatchInput) -> dict[str, Any]:
    """Queue a batch; poll `/api/jobs/{id}` for its progress. Needs the token when set."""
    check_write(request)
    items = batch_inputs(batch.jsonl, "batch", request.app.state.settings)
    if not items:
        raise WebError(422, "the batch holds no input lines", code="bad_input")
    job = request.app.state.jobs.submit(items)
    return job.as_dict()


@router.get("/jobs/{job_id}", summary="Progress of a batch")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise WebError(404, f"no batch job {job_id!r}")
    return job.as_dict()


def _analyze(request: Request, article: ArticleInput) -> Document:
    if (article.text is None) == (article.html is None):
        raise WebError(422, 'send exactly one of "text" and "html"', code="invalid_request")
    body, kind = (article.text, "text") if article.text is not None else (article.html, "html")
    item = single_input(
        body,
        "request",
        request.app.state.settings,
        kind=kind,
        title=article.title,
        url=article.url,
        published=article.published,
    )
    doc = request.app.state.analyzer.analyze(item)
    if doc.error is not None:
        raise WebError(422, doc.error, code="bad_input")
    return doc


def _csv_chunks(events: Iterable[dict]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, event in enumerate(events, start=1):
        writer.writerow(flatten(event))
        if n % CSV_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
