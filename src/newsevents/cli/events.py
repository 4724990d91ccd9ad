"""``newsevents events``: list stored events, filtered, as a table, JSON Lines or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

import click
from rich import box
from rich.console import Console
from rich.table import Table

from ..settings import Settings
from ..store import EventFilter
from .ingest import open_store
from .options import iso_date

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES = (
    "occurred", "attempted", "planned", "threatened", "denied", "negated", "hypothetical",
)  # fmt: skip
SOURCE_TYPES = (
    "official", "named_person", "anonymous", "media", "organization", "document", "unnamed",
)  # fmt: skip

# The flat view of an event that the table and CSV show; JSON keeps the whole object.
CSV_COLUMNS = (
    "article_id", "event_id", "type", "mode", "status", "coup", "foreign_backing", "actor",
    "actor_country", "recipient", "recipient_country", "place", "country", "date_start",
    "date_end", "date_precision", "source_type", "confidence", "evidence",
)  # fmt: skip
PIPED_TABLE_WIDTH = 160
TABLE_COLUMNS = (
    "article_id",
    "event_id",
    "type",
    "mode",
    "status",
    "coup",
    "country",
    "date_start",
    "source_type",
    "evidence",
)


def flatten(event: dict[str, Any]) -> dict[str, Any]:
    """One event (as ``Store.events`` yields it) as a flat row of ``CSV_COLUMNS``."""
    coup = event.get("coup") or {}
    actor = event.get("actor") or {}
    recipient = event.get("recipient") or {}
    place = event.get("place") or {}
    date = event.get("date") or {}
    return {
        "article_id": event["article_id"],
        "event_id": event["id"],
        "type": event["type"],
        "mode": event.get("mode"),
        "status": event.get("status"),
        "coup": coup.get("outcome"),
        "foreign_backing": coup.get("foreign_backing"),
        "actor": actor.get("name") or actor.get("text"),
        "actor_country": actor.get("country"),
        "recipient": recipient.get("name") or recipient.get("text"),
        "recipient_country": recipient.get("country"),
        "place": place.get("name"),
        "country": place.get("country") or actor.get("country"),
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "date_precision": date.get("precision"),
        "source_type": event.get("source_type"),
        "confidence": event.get("confidence"),
        "evidence": event["evidence"]["text"],
    }


def write_json_lines(events: Iterable[dict], out: TextIO) -> None:
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")


def write_csv(events: Iterable[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flatten(event) for event in events)


def write_table(events: Iterable[dict], out: TextIO) -> None:
    table = Table(box=box.SIMPLE_HEAD)
    for column in TABLE_COLUMNS:
        # Ids, codes and dates must stay whole; the evidence wraps.
        table.add_column(
            column, no_wrap=column != "evidence", min_width=20 if column == "evidence" else None
        )
    for event in events:
        row = flatten(event)
        table.add_row(*("" if row[c] is None else str(row[c]) for c in TABLE_COLUMNS))
    table.caption = f"{table.row_count} event{'' if table.row_count == 1 else 's'}"
    # On a terminal the table fits the window; piped, it is not squeezed to 80 columns.
    width = None if out.isatty() else PIPED_TABLE_WIDTH
    Console(file=out, width=width).print(table)


WRITERS = {"table": write_table, "json": write_json_lines, "csv": write_csv}


@click.command()
@click.option(
    "--country", metavar="ISO3", help="Where the event happened (else its actor's country)."
)
@click.option(
    "--type",
    "event_type",
    type=click.Choice(EVENT_TYPES, case_sensitive=False),
    metavar="TYPE",
    help=f"PLOVER event type: {', '.join(EVENT_TYPES)}.",
)
@click.option("--coup", is_flag=True, help="Only coups, coup attempts and plots.")
@click.option(
    "--since",
    callback=iso_date,
    metavar="YYYY-MM-DD",
    help="Events dated on or after this day.",
)
@click.option(
    "--until",
    callback=iso_date,
    metavar="YYYY-MM-DD",
    help="Events dated on or before this day.",
)
@click.option(
    "--source-type", type=click.Choice(SOURCE_TYPES), help="Who the event's claim rests on."
)
@click.option(
    "--status",
    "statuses",
    type=click.Choice(STATUSES),
    multiple=True,
    help="Only events with this status (repeat for several); e.g. --status occurred leaves out "
    "negated, denied and hypothetical events.",
)
@click.option("--article", "article_id", metavar="ARTICLE_ID", help="Only this article's events.")
@click.option(
    "--distinct",
    is_flag=True,
    help="Each event once: leave out mentions that repeat an event of the same article (a coup "
    "the story names three times is listed once, by its best-dated mention).",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(WRITERS)),
    default="table",
    show_default=True,
    help="table to read; json prints JSON Lines (one event object a line); csv has a header.",
)
@click.pass_obj
def events(
    settings: Settings,
    country: str | None,
    event_type: str | None,
    coup: bool,
    since: dt.date | None,
    until: dt.date | None,
    source_type: str | None,
    statuses: tuple[str, ...],
    article_id: str | None,
    distinct: bool,
    limit: int | None,
    output_format: str,
) -> None:
    """List the stored events, oldest first (undated last).

    Each event carries the article_id it came from (see `newsevents show ARTICLE_ID`). With
    --format json each line is the event's object from the output contract plus "article_id"
    and "source_type". A date filter keeps events whose date range overlaps it and drops
    undated events.

    \b
    Examples:
        newsevents events --country MLI --coup --distinct
        newsevents events --type ASSAULT --since 2024-01-01 --format csv > assaults.csv
        newsevents events --source-type anonymous --format json --limit 100
        newsevents events --status occurred --status attempted --country SDN
    """
    where = EventFilter(
        country=country,
        type=event_type,
        coup=coup,
        since=since,
        until=until,
        source_type=source_type,
        statuses=statuses,
        article_id=article_id,
        distinct=distinct,
    )
    with open_store(settings.db) as store:
        write = WRITERS[output_format]
        write(store.events(where, limit=limit), sys.stdout)
