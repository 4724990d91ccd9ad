"""The HTML pages: overview, events, map, coups, article, analyse, batch progress, API docs."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import InputError
from ..store import SaveResult
from . import charts, queries
from .access import check_write
from .errors import WebError
from .filters import DEFAULT_PAGE, event_query
from .highlight import contract_marks, runs
from .inputs import KINDS, batch_inputs, looks_like_jsonl, single_input
from .queries import EventQuery

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Filters = Annotated[EventQuery, Depends(event_query)]


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    templates = request.app.state.templates
    context.setdefault("needs_token", bool(request.app.state.token))
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _page_url(request: Request, offset: int) -> str:
    url = request.url.include_query_params(offset=offset)
    return f"{url.path}?{url.query}"


@router.get("/")
def overview(request: Request) -> Response:
    store = request.app.state.store
    return _render(
        request,
        "overview.html",
        counts=queries.overview(store),
        timeline=charts.timeline(queries.dated_type_counts(store)),
        coups=charts.coup_timeline(queries.coup_events(store)),
        recent=queries.recent_articles(store),
    )


@router.get("/events")
def events(request: Request, query: Filters) -> Response:
    store = request.app.state.store
    page = query if query.limit else replace(query, limit=DEFAULT_PAGE)
    rows = list(queries.find_events(store, page))
    total = queries.count_events(store, page)
    following = page.offset + len(rows)
    csv_url = request.url.remove_query_params(["offset", "limit"]).include_query_params(
        format="csv"
    )
    return _render(
        request,
        "events.html",
        query=page,
        events=rows,
        total=total,
        choices=queries.choices(store),
        previous=_page_url(request, max(0, page.offset - page.limit)) if page.offset else None,
        next=_page_url(request, following) if following < total else None,
        csv_url=f"/api/events?{csv_url.query}",
    )


@router.get("/map")
def world_map(request: Request, query: Filters) -> Response:
    store = request.app.state.store
    events = queries.event_places(store, replace(query, limit=None))
    return _render(
        request,
        "map.html",
        query=query,
        choices=queries.choices(store),
        shapes=charts.world_shapes(),
        points=charts.map_points(events),
        active={e["country"] for e in events},
        shown=len(events),
    )


@router.get("/coups")
def coups(request: Request) -> Response:
    events = queries.coup_events(request.app.state.store)
    return _render(request, "coups.html", coups=charts.coup_timeline(events), events=events)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Response:
    store = request.app.state.store
    contract = store.get(article_id)
    if contract is None:
        raise WebError(404, f"no article {article_id!r} in the store")
    text = contract["article"]["text"]
    return _render(
        request,
        "article.html",
        contract=contract,
        article=contract["article"],
        runs=runs(text, contract_marks(contract)),
        sources={a["id"]: a for a in contract["mentions"].get("attributions", [])},
    )


@router.get("/analyze")
def analyze_form(request: Request) -> Response:
    return _render(request, "analyze.html", kinds=KINDS, form={})


@router.post("/analyze")
async def analyze_submit(
    request: Request,
    text: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "auto",
    title: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Analyse and store pasted text or an uploaded file; a JSON Lines batch becomes a job."""
    check_write(request, token or None)
    settings = request.app.state.settings
    filename = upload.filename if upload and upload.filename else None
    if filename:
        raw = await upload.read(settings.max_input_bytes + 1)
        text = raw.decode("utf-8", errors="replace")
    form = {"text": text, "kind": kind, "title": title, "published": published}
    try:
        if kind == "jsonl" or (kind == "auto" and looks_like_jsonl(text, filename)):
            job = request.app.state.jobs.submit(batch_inputs(text, filename or "batch", settings))
            return RedirectResponse(f"/jobs/{job.id}", status_code=303)
        item = single_input(
            text, filename or "pasted text", settings, kind=kind, title=title, published=published
        )
        return _store_one(request, item)
    except InputError as exc:
        return _render(
            request, "analyze.html", status_code=422, kinds=KINDS, form=form, error=str(exc)
        )


def _store_one(request: Request, item) -> Response:
    doc = request.app.state.analyzer.analyze(item)
    if doc.error is not None:
        raise InputError(doc.source, doc.error.removeprefix(f"{doc.source}: "))
    result = request.app.state.store.save(doc, stages=request.app.state.analyzer.stage_names)
    note = "unchanged" if result is SaveResult.UNCHANGED else "stored"
    return RedirectResponse(f"/articles/{doc.id}?{note}=1", status_code=303)


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: str) -> Response:
    found = request.app.state.jobs.get(job_id)
    if found is None:
        raise WebError(404, f"no batch job {job_id!r}")
    return _render(request, "job.html", job=found)


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, drawn from the OpenAPI schema (FastAPI's own page needs a CDN)."""
    schema = request.app.openapi()
    return _render(request, "docs.html", schema=schema, paths=schema["paths"])
