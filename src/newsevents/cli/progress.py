"""A progress display on stderr for long runs, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

T = TypeVar("T")


def progress(
    items: Iterable[T], *, label: str, total: int | None = None, enabled: bool = True
) -> Iterator[T]:
    """Yield ``items`` while showing a counter (a bar when ``total`` is known) on stderr."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    console = Console(stderr=True)
    columns = [
        SpinnerColumn(),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)
