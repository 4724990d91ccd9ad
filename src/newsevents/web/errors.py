"""The web app's errors: one JSON shape for the API, one page for the browser.

Every error answers ``{"error": {"status": 404, "code": "not_found", "message": "..."}}`` (plus
``"details"`` for invalid requests), whatever raised it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import InputError, StoreError

log = logging.getLogger(__name__)

# HTTP status -> the error code clients match on
CODES = {
    400: "invalid_parameter",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_request",
    503: "store_unavailable",
}


class WebError(Exception):
    """An error the app answers on purpose, with its status and code."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message


def error_body(status: int, code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(WebError, _web_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(StoreError, _store_error)


def _answer(request: Request, body: dict[str, Any]) -> Response:
    status = body["error"]["status"]
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(body, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", body, status_code=status)


async def _web_error(request: Request, exc: WebError) -> Response:
    return _answer(request, error_body(exc.status, exc.code, exc.message))


async def _http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}"
    code = CODES.get(exc.status_code, "error")
    return _answer(request, error_body(exc.status_code, code, message))


async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
    details = [
        {"field": ".".join(str(part) for part in e["loc"]), "message": e["msg"]}
        for e in exc.errors()
    ]
    message = "; ".join(f"{d['field']}: {d['message']}" for d in details)
    return _answer(request, error_body(422, "invalid_request", message, details))


async def _input_error(request: Request, exc: InputError) -> Response:
    return _answer(request, error_body(422, "bad_input", str(exc)))


async def _store_error(request: Request, exc: StoreError) -> Response:
    log.warning("store error: %s", exc)
    return _answer(request, error_body(503, "store_unavailable", str(exc)))
