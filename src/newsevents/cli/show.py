"""``newsevents show``: one stored article with its events and flags."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import click

from ..settings import Settings
from ..store import Store
from .ingest import open_store

MAX_CANDIDATES = 5  # ids listed when a prefix is ambiguous


def render_article(contract: dict[str, Any]) -> Iterator[str]:
    """The lines ``show`` prints for a stored contract object."""
    article = contract["article"]
    published = article.get("published") or {}
    yield click.style(article.get("title") or "(no title)", bold=True)
    yield f"id: {article['id']}"
    yield f"published: {published.get('date') or 'unknown'} ({published.get('basis', 'unknown')})"
    if article.get("url"):
        yield f"url: {article['url']}"
    yield ""
    yield article["text"]
    sources = {a["id"]: a for a in contract["mentions"]["attributions"]}
    yield from _section("Events", [_event_lines(e, sources) for e in contract["events"]])
    yield from _section("Flags", [_flag_lines(f) for f in contract["flags"]])


def _section(name: str, items: list[list[str]]) -> Iterator[str]:
    yield ""
    yield click.style(f"{name} ({len(items)})", bold=True)
    for lines in items:
        yield from lines


def _event_lines(event: dict, sources: dict[str, dict]) -> list[str]:
    coup = event.get("coup")
    head = " ".join(
        part
        for part in (
            f"{event['id']}:",
            event["type"] + (f"/{event['mode']}" if event.get("mode") else ""),
            f"[{event.get('status', 'occurred')}]",
            f"coup {coup['outcome']} (foreign backing: {coup['foreign_backing']})" if coup else "",
        )
        if part
    )
    lines = [f"  {head}"]
    for label, value in (
        ("actor", _argument(event.get("actor"))),
        ("recipient", _argument(event.get("recipient"))),
        ("place", _place(event.get("place"))),
        ("date", _date(event.get("date"))),
        ("according to", _source(sources.get(event.get("attribution")))),
    ):
        if value:
            lines.append(f"    {label}: {value}")
    lines.append(f'    evidence: "{event["evidence"]["text"]}"')
    return lines


def _argument(argument: dict | None) -> str:
    if not argument:
        return ""
    codes = "/".join(c for c in (argument.get("country"), argument.get("sector")) if c)
    name = argument.get("name") or argument["text"]
    return f"{name} ({codes})" if codes else name


def _place(place: dict | None) -> str:
    if not place:
        return ""
    return f"{place['name']}, {place['country']}" if place.get("country") else place["name"]


def _date(date: dict | None) -> str:
    if not date:
        return ""
    span = date["start"] if date["start"] == date["end"] else f"{date['start']} to {date['end']}"
    return f"{span} ({date['precision']}, {date['basis']})"


def _source(attribution: dict | None) -> str:
    if not attribution:
        return ""
    who = (attribution.get("source") or {}).get("text") or "unnamed source"
    return f"{who} ({attribution['source_type']})"


def _flag_lines(flag: dict) -> list[str]:
    return [
        f"  {flag['severity']} {flag['kind']}: {flag['message']}",
        f'    evidence: "{flag["evidence"]["text"]}"',
    ]


@click.command()
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print the stored contract object instead.")
@click.pass_obj
def show(settings: Settings, article_id: str, as_json: bool) -> None:
    """Print a stored article: title, date, text, then its events and flags.

    ARTICLE_ID is the article's id as `newsevents events` lists it, or enough of its start to
    name one article. With --json the output is the article's object from the output contract,
    exactly as `newsevents analyze` printed it.

    \b
    Examples:
        newsevents show 3f2a9c0d1e4b5a67
        newsevents show 3f2a9c --json | jq '.events[].type'
    """
    with open_store(settings.db) as store:
        contract = store.get(_resolve(store, article_id))
    if as_json:
        click.echo(json.dumps(contract, ensure_ascii=False, indent=2))
        return
    for line in render_article(contract):
        click.echo(line)


def _resolve(store: Store, article_id: str) -> str:
    """The one stored id that is ``article_id`` or starts with it; else a ClickException."""
    found = store.article_ids(prefix=article_id, limit=MAX_CANDIDATES + 1)
    if article_id in found or len(found) == 1:
        return article_id if article_id in found else found[0]
    if not found:
        raise click.ClickException(
            f"no article {article_id!r} in {store.url} (newsevents events lists article ids)"
        )
    shown = ", ".join(found[:MAX_CANDIDATES]) + (", ..." if len(found) > MAX_CANDIDATES else "")
    raise click.ClickException(f"{article_id!r} starts more than one article id: {shown}")
