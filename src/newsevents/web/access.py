"""Who may write: a token when the server has one, and never a form posted from another site."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import Request

from .errors import WebError


def check_write(request: Request, supplied: str | None = None) -> None:
    """Refuse a write without the server's token, or one posted from another site."""
    expected = request.app.state.token
    if expected:
        supplied = supplied or _header_token(request)
        if not supplied or not hmac.compare_digest(supplied.encode(), expected.encode()):
            raise WebError(401, "this server needs a token to analyse and store articles")
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise WebError(403, "writes are accepted only from this site's own pages")


def _header_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-newsevents-token")
