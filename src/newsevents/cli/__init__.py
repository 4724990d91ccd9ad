"""The ``newsevents`` command line: one group, one module per command."""

from __future__ import annotations

import logging

import click

from ..settings import SETTINGS, Settings
from .analyze import analyze
from .events import events
from .ingest import ingest
from .serve import serve
from .show import show


def _print_settings(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    for setting in SETTINGS:
        click.echo(f"NEWSEVENTS_{setting.name.upper():<20} {setting.default!s:<28} {setting.help}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsevents")
@click.option(
    "--db",
    envvar="NEWSEVENTS_DB",
    default=None,
    metavar="URL",
    help="SQLAlchemy URL of the store (default: sqlite:///newsevents.db in the working folder).",
)
@click.option(
    "--help-settings",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_settings,
    help="List every setting with its default, then exit.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does to stderr.")
@click.pass_context
def main(ctx: click.Context, db: str | None, verbose: bool) -> None:
    """newsevents: political event data from news articles.

    Who did what to whom, where, when, and according to whom, with every event traced back to the
    sentence that supports it, and warnings where an article cannot be trusted.
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    settings = Settings.from_env()
    if db:
        settings = settings.replace(db=db)
    ctx.obj = settings


main.add_command(analyze)
main.add_command(ingest)
main.add_command(events)
main.add_command(show)
main.add_command(serve)
