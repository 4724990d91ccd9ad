"""``newsevents serve``: the web app and HTTP API over the store."""

from __future__ import annotations

import ipaddress

import click

from ..settings import Settings
from .ingest import open_store

E_TOKEN_NEEDED = (
    "listening on {host} opens the server beyond this machine: give a token "
    "(--token or NEWSEVENTS_TOKEN) that writing will need"
)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.x, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: assume it is reachable from elsewhere
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="NEWSEVENTS_TOKEN",
    metavar="TOKEN",
    help="Secret that analysing and storing need (required beyond localhost); "
    "env NEWSEVENTS_TOKEN.",
)
@click.pass_obj
def serve(settings: Settings, host: str, port: int, token: str | None) -> None:
    """Serve the web app (timeline, map, events, articles) and the JSON API.

    Pages at /, /events, /map, /coups, /articles/ID and /analyze; the API under /api with its
    reference at /docs. Everything is served locally: it works offline.

    \b
    Examples:
        newsevents serve
        newsevents --db sqlite:///news.db serve --port 8080
        NEWSEVENTS_TOKEN=secret newsevents serve --host 0.0.0.0
    """
    if not token and not is_loopback(host):
        raise click.UsageError(E_TOKEN_NEEDED.format(host=host))
    import uvicorn  # the server is needed only here: other commands start faster without it

    from ..web import create_app

    store = open_store(settings.db)
    app = create_app(store, settings=settings, token=token)
    click.echo(f"newsevents: serving {store.url} at http://{host}:{port}/", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
