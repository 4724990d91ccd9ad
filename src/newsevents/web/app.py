"""The web app: ``create_app(store)`` builds it; ``newsevents serve`` runs it with Uvicorn.

Pages are rendered on the server from Jinja2 templates (autoescaped: article text is untrusted) and
every asset is served from this package, so the app works offline. A Content-Security-Policy that
allows only this origin's scripts backs the escaping up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..cli.events import EVENT_TYPES, SOURCE_TYPES
from ..pipeline import Pipeline
from ..settings import Settings
from ..store import Store
from . import api, pages
from .charts import country_name, outcome_colour, type_colour
from .errors import install_error_handlers
from .jobs import Analyzer, Jobs

HERE = Path(__file__).parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(
    store: Store,
    *,
    settings: Settings | None = None,
    token: str | None = None,
    pipeline: Pipeline | Callable[[], Pipeline] | None = None,
) -> FastAPI:
    """The app over ``store``. With ``token``, writing (analyse and store) needs it.

    ``pipeline`` is a built pipeline or a function that builds one; by default the full
    pipeline is built from ``settings`` the first time an article is analysed.
    """
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="newsevents",
        summary="Political event data from news articles.",
        version=_version(),
        docs_url=None,  # FastAPI's pages load Swagger/ReDoc from a CDN; ours is local
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.token = token or None
    app.state.analyzer = Analyzer(_pipeline_builder(pipeline, settings))
    app.state.jobs = Jobs(app.state.analyzer, store)
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.middleware("http")(_security_headers)
    install_error_handlers(app)
    app.router.add_event_handler("shutdown", app.state.jobs.shutdown)
    return app


def _pipeline_builder(
    pipeline: Pipeline | Callable[[], Pipeline] | None, settings: Settings
) -> Callable[[], Pipeline]:
    if pipeline is None:
        return lambda: Pipeline(settings)
    if isinstance(pipeline, Pipeline):
        return lambda: pipeline
    return pipeline


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        type_colour=type_colour,
        outcome_colour=outcome_colour,
        country_name=country_name,
        event_types=EVENT_TYPES,
        source_types=SOURCE_TYPES,
    )
    env.tests["web_url"] = _is_web_url
    return Jinja2Templates(env=env)


async def _security_headers(request: Request, call_next):
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _is_web_url(value: str) -> bool:
    # An article's URL is untrusted: only http(s) becomes a link (never javascript: or data:).
    return urlsplit(value).scheme in ("http", "https")


def _version() -> str:
    try:
        return version("newsevents")
    except PackageNotFoundError:
        return "0"
