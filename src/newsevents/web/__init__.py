"""The web app and HTTP API over the store: ``create_app(store)``; ``newsevents serve`` runs it."""

from .app import create_app

__all__ = ["create_app"]
