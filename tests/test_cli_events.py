"""``newsevents events`` and ``newsevents show`` over a store filled by hand (no model)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.cli.events import CSV_COLUMNS
from newsevents.document import Coup, Document, Event, EventDate, EventPlace, Published
from newsevents.store import Store
from tests.test_store import make_document

PLOT_TEXT = "Colombian police said they had foiled a plot by army officers to kill the president."


def plot_document() -> Document:
    """A second article: an alleged coup plot in Colombia, dated by its publication."""
    doc = Document(source="plot.txt", raw=PLOT_TEXT, text=PLOT_TEXT, title=None)
    doc.published = Published(dt.date(2023, 8, 9), "inferred")
    doc.events = [
        Event(
            "ev1",
            "THREATEN",
            doc.span(0, len(PLOT_TEXT)),
            mode="violence",
            contexts=["coup", "military"],
            coup=Coup("alleged", "alleged"),
            status="planned",
            place=EventPlace(None, "Colombia", "COL", 4.6, -74.1, "country"),
            date=EventDate(dt.date(2023, 8, 9), dt.date(2023, 8, 9), "day", None, "publication"),
        )
    ]
    return doc


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    with Store.open(url) as store:
        store.save(make_document())
        store.save(plot_document())
    return url


@pytest.fixture
def run(db):
    def invoke(*args: str):
        return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)

    return invoke


def _ids(result) -> list[tuple[str, str]]:
    return [(e["article_id"][:4], e["id"]) for e in map(json.loads, result.stdout.splitlines())]


HAND, PLOT = make_document().id[:4], plot_document().id[:4]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], [(PLOT, "ev1"), (HAND, "ev2"), (HAND, "ev1"), (HAND, "ev3")]),
        (["--coup"], [(PLOT, "ev1"), (HAND, "ev1")]),
        (["--country", "col"], [(PLOT, "ev1")]),
        (["--type", "coerce"], [(HAND, "ev1"), (HAND, "ev3")]),
        (["--since", "2024-01-01"], [(HAND, "ev2"), (HAND, "ev1")]),
        (["--until", "2023-12-31"], [(PLOT, "ev1")]),
        (["--since", "2024-03-04", "--until", "2024-03-05"], [(HAND, "ev1")]),
        (["--source-type", "organization"], [(HAND, "ev3")]),
        (["--coup", "--country", "NER"], [(HAND, "ev1")]),
        (["--limit", "2"], [(PLOT, "ev1"), (HAND, "ev2")]),
        (["--status", "planned"], [(PLOT, "ev1")]),
        (["--status", "planned", "--status", "occurred", "--coup"], [(PLOT, "ev1"), (HAND, "ev1")]),
        (["--article", make_document().id], [(HAND, "ev2"), (HAND, "ev1"), (HAND, "ev3")]),
        (["--country", "FRA"], []),
    ],
)
def test_events_filters(run, options, expected):
    result = run("events", "--format", "json", *options)
    assert result.exit_code == 0
    assert _ids(result) == expected


def test_events_json_lines_carry_the_contract_event(run):
    first = json.loads(run("events", "--format", "json", "--coup", "--country", "NER").stdout)
    contract_event = make_document().to_contract()["events"][0]
    assert first == {
        "article_id": make_document().id,
        **contract_event,
        "source_type": "official",
        "title": make_document().title,
    }


def test_events_csv_has_a_header_and_flat_rows(run):
    result = run("events", "--format", "csv", "--coup")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert rows[0] == {
        "article_id": plot_document().id,
        "event_id": "ev1",
        "type": "THREATEN",
        "mode": "violence",
        "status": "planned",
        "coup": "alleged",
        "foreign_backing": "alleged",
        "actor": "",
        "actor_country": "",
        "recipient": "",
        "recipient_country": "",
        "place": "Colombia",
        "country": "COL",
        "date_start": "2023-08-09",
        "date_end": "2023-08-09",
        "date_precision": "day",
        "source_type": "",
        "confidence": "0.5",
        "evidence": PLOT_TEXT,
    }
    assert rows[1]["actor"] == "Niger military"


def test_events_table_names_articles_and_counts(run):
    result = run("events", "--coup")
    assert result.exit_code == 0
    assert plot_document().id in result.stdout
    assert make_document().id in result.stdout
    assert "successful" in result.stdout
    assert result.stdout.rstrip().endswith("2 events")


def test_events_on_an_empty_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = CliRunner().invoke(main, ["--db", url, "events", "--format", "csv"])
    assert (result.exit_code, result.stdout) == (0, ",".join(CSV_COLUMNS) + "\n")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--since", "March 2024"], "Invalid value for '--since': 'March 2024' is not a date"),
        (["--type", "COUP"], "Invalid value for '--type': 'COUP' is not one of"),
        (["--source-type", "rumour"], "Invalid value for '--source-type'"),
        (["--limit", "0"], "Invalid value for '--limit'"),
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--status", "rumoured"], "Invalid value for '--status'"),
    ],
)
def test_events_bad_options_are_usage_errors(run, options, message):
    result = CliRunner().invoke(main, ["events", *options])
    assert result.exit_code == 2
    assert message in result.stderr


def test_show_prints_article_events_and_flags(run):
    doc = make_document()
    result = run("show", doc.id)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Palace seized",
        f"id: {doc.id}",
        "published: 2024-03-05 (given)",
        "",
        doc.text,
    ]
    assert "Events (3)" in lines
    assert "  ev1: COERCE/seize [occurred] coup successful (foreign backing: none)" in lines
    assert "    according to: a rights group (organization)" in lines
    assert "    date: 2024-03-03 (day, stated)" in lines
    assert lines[-3:] == [
        "Flags (1)",
        "  info anonymous_source: rests on unnamed officials",
        '    evidence: "officials said"',
    ]


def test_show_without_title_or_events_details(run):
    result = run("show", plot_document().id)
    assert result.stdout.splitlines()[:3] == [
        "(no title)",
        f"id: {plot_document().id}",
        "published: 2023-08-09 (inferred)",
    ]
    assert (
        "  ev1: THREATEN/violence [planned] coup alleged (foreign backing: alleged)"
        in result.stdout
    )
    assert result.stdout.splitlines()[-1] == "Flags (0)"


def test_show_json_is_the_stored_contract(run):
    doc = make_document()
    result = run("show", doc.id, "--json")
    assert json.loads(result.stdout) == doc.to_contract()


def test_show_unknown_article(run, db):
    result = run("show", "feedfacefeedface")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: no article 'feedfacefeedface' in {db} (newsevents events lists article ids)\n"
    )


def test_store_url_password_is_hidden_in_errors():
    result = CliRunner().invoke(main, ["--db", "nosuchdb://ann:s3cret@host/news", "show", "x"])
    assert result.exit_code == 1
    assert "s3cret" not in result.stderr
    assert result.stderr.startswith("Error: cannot open the store nosuchdb://ann:***@host/news: ")


@pytest.mark.parametrize("command", ["ingest", "events", "show"])
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"newsevents {command}" in result.stdout.split("Examples:")[1]


def test_show_accepts_the_start_of_an_id(run):
    doc = make_document()
    result = run("show", doc.id[:6], "--json")
    assert json.loads(result.stdout)["article"]["id"] == doc.id


@pytest.mark.parametrize("pattern", ["%", "_"])
def test_show_id_is_not_a_pattern(run, pattern):
    result = run("show", pattern)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: no article '{pattern}' in ")


def test_show_ambiguous_id_lists_candidates(run):
    ids = sorted([make_document().id, plot_document().id])
    result = run("show", "")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: '' starts more than one article id: {ids[0]}, {ids[1]}\n",
    )


def test_events_distinct_lists_a_repeated_event_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'repeats.db'}"
    doc = make_document()
    doc.events[2].same_as = "ev1"  # the third event names the first again
    with Store.open(url) as store:
        store.save(doc)
    every = CliRunner().invoke(main, ["--db", url, "events", "--format", "json"])
    once = CliRunner().invoke(main, ["--db", url, "events", "--format", "json", "--distinct"])
    assert [json.loads(line)["id"] for line in every.stdout.splitlines()] == ["ev2", "ev1", "ev3"]
    assert [json.loads(line)["id"] for line in once.stdout.splitlines()] == ["ev2", "ev1"]
