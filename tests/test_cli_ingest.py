"""``newsevents ingest`` end to end: good and bad inputs, exit codes, idempotence."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.cli.ingest import ingest_paths
from newsevents.settings import Settings
from newsevents.store import Store

ARTICLE = """Troops take over state broadcaster in Ouagadougou

Soldiers seized the state broadcaster in Ouagadougou on Monday and announced that the
government had been dissolved, a military spokesman said on television.
"""
HTML = """<html><head><title>Dockers strike in Rotterdam</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Dockers strike in Rotterdam</h1>
<p>Thousands of dock workers walked off the job in Rotterdam on 4 June 2024, halting container
traffic for a second day, their union said.</p>
<p>The port authority said talks with the union would resume on Friday.</p></article>
</body></html>
"""
JSONL = [
    {"id": "w1", "text": "Police fired tear gas at students marching in Dhaka on Sunday."},
    {"id": "w2", "html": 42},
]
BIG_BYTES = 50 * 1024 * 1024


def use_session_pipeline(monkeypatch, pipeline) -> None:
    # The command modules, not the click commands of the same name that cli/__init__ exports.
    for name in ("newsevents.cli.ingest", "newsevents.cli.analyze"):
        monkeypatch.setattr(importlib.import_module(name), "Pipeline", lambda settings: pipeline)


@pytest.fixture
def run(pipeline, monkeypatch, tmp_path):
    """Invoke the CLI on a fresh SQLite store, reusing the session's pipeline."""
    use_session_pipeline(monkeypatch, pipeline)
    url = f"sqlite:///{tmp_path / 'store.db'}"

    def invoke(*args: str, db: str = url):
        return CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)

    invoke.url = url
    return invoke


@pytest.fixture
def inbox(tmp_path) -> Path:
    """A folder with two good articles, a JSON Lines batch, and every kind of bad input."""
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    (folder / "coup.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "strike.html").write_text(HTML, encoding="utf-8")
    (folder / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in JSONL) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "mojibake.txt").write_bytes(bytes(range(0x80, 0xA0)) * 4 + b"\xff\xfe")
    (folder / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav></body></html>"
    )
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(BIG_BYTES)  # sparse: 50 MB on paper, nothing on disk
    (folder / ".hidden.txt").write_text(ARTICLE)  # hidden files are not inputs
    return folder


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.model
def test_ingest_folder_stores_good_inputs_and_reports_bad_ones(run, inbox):
    result = run("ingest", str(inbox))
    assert result.exit_code == 1
    assert result.stdout == ""
    *errors, summary = _lines(result.stderr)
    assert errors == [
        f"Error: {inbox}/batch.jsonl:2: line 2 is not a valid input object: "
        'needs a string "text" or "html" field',
        f"Error: {inbox}/empty.txt: the input is empty",
        f"Error: {inbox}/huge.txt: is 52,428,800 bytes, over the limit of 5,000,000 "
        "(setting max_input_bytes)",
        f"Error: {inbox}/image.png: looks like a binary file, not text or HTML",
        f"Error: {inbox}/menu.html: the HTML holds no article text",
        f"Error: {inbox}/mojibake.txt: is not UTF-8 and could not be decoded as text",
    ]
    with Store.open(run.url) as store:
        assert store.count_articles() == 3
        events = store.count_events()
    assert summary == f"3 articles stored, {events} event{'' if events == 1 else 's'}, " + (
        "0 duplicates skipped, 6 failed"
    )


@pytest.mark.model
def test_ingest_twice_stores_each_article_once(run, inbox):
    run("ingest", str(inbox / "coup.txt"), str(inbox / "batch.jsonl"))
    again = run("ingest", str(inbox / "coup.txt"), str(inbox / "batch.jsonl"))
    assert _lines(again.stderr)[-1] == "0 articles stored, 0 events, 2 duplicates skipped, 1 failed"
    with Store.open(run.url) as store:
        assert store.count_articles() == 2


@pytest.mark.model
def test_ingest_same_text_twice_in_one_run_is_a_duplicate(run, tmp_path):
    for name in ("first.txt", "copy.txt"):
        (tmp_path / name).write_text(ARTICLE)
    result = run("ingest", str(tmp_path / "first.txt"), str(tmp_path / "copy.txt"))
    assert result.exit_code == 0
    assert re.fullmatch(
        r"1 article stored, \d+ events?, 1 duplicate skipped, 0 failed\n", result.stderr
    )


@pytest.mark.model
def test_ingest_stores_what_analyze_prints(run, inbox):
    path = str(inbox / "nested" / "strike.html")
    printed = json.loads(run("analyze", path).stdout)
    assert run("ingest", path).exit_code == 0
    shown = run("show", printed["article"]["id"], "--json")
    assert json.loads(shown.stdout) == printed


@pytest.mark.model
def test_ingest_keeps_the_batch_input_id(run, inbox):
    run("ingest", str(inbox / "batch.jsonl"))
    with Store.open(run.url) as store:
        (article_id,) = store.article_ids()
        assert store.get(article_id)["input_id"] == "w1"


def _dangling_link(path: Path) -> Path:
    path.symlink_to(path.with_name("deleted-long-ago.txt"))
    return path


@pytest.mark.model
@pytest.mark.parametrize(
    ("make", "cause"),
    [
        (lambda p: p, "cannot be read: No such file or directory"),
        (lambda p: p.mkdir() or p, "no input files in this folder"),
        (_dangling_link, "cannot be read: No such file or directory"),
    ],
    ids=["missing", "empty-folder-named-like-a-file", "dangling-symlink"],
)
@pytest.mark.model
def test_ingest_path_without_inputs_is_an_error(run, tmp_path, make, cause):
    path = make(tmp_path / "article.txt")
    result = run("ingest", str(path))
    assert (result.exit_code, _lines(result.stderr)) == (
        1,
        [f"Error: {path}: {cause}", "0 articles stored, 0 events, 0 duplicates skipped, 1 failed"],
    )


@pytest.mark.model
def test_ingest_store_that_cannot_open(run, inbox):
    result = run("ingest", str(inbox), db="sqlite:////no/such/folder/x.db")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot open the store sqlite:////no/such/folder/x.db: "
        "unable to open database file\n"
    )


@pytest.mark.model
def test_ingest_reads_the_store_url_from_the_environment(pipeline, monkeypatch, tmp_path, inbox):
    use_session_pipeline(monkeypatch, pipeline)
    url = f"sqlite:///{tmp_path / 'env.db'}"
    result = CliRunner().invoke(
        main, ["ingest", str(inbox / "coup.txt")], env={"NEWSEVENTS_DB": url}
    )
    assert result.exit_code == 0
    with Store.open(url) as store:
        assert store.count_articles() == 1


def test_ingest_needs_a_path():
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 2
    assert "Missing argument 'PATH...'" in result.stderr


class CrashingPipeline:
    """Analyses the first input, then fails the way a stage with a bug would."""

    settings = Settings()
    stage_names = ("broken@1",)

    def pipe(self, docs):
        for number, doc in enumerate(docs):
            if number == 1:
                raise IndexError("list index out of range")
            doc.text = doc.raw
            yield doc


def test_ingest_stops_cleanly_when_a_stage_crashes(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Article {name}: farmers blocked a road in Accra.")
    with Store.open(f"sqlite:///{tmp_path / 'crash.db'}") as store:
        report = ingest_paths([tmp_path], store, CrashingPipeline(), show_progress=False)
        assert store.count_articles() == 1
    assert (report.stored, report.failures) == (1, [])
    assert report.stopped == (
        f"ingest stopped early: the pipeline failed after {tmp_path}/a.txt "
        "(IndexError: list index out of range); the articles stored until then are kept "
        "(run with -v for the traceback)"
    )


@pytest.mark.model
def test_ingest_reads_one_article_from_standard_input(run):
    result = CliRunner().invoke(main, ["--db", run.url, "ingest", "-"], input=ARTICLE.encode())
    assert result.exit_code == 0
    assert result.stderr.startswith("1 article stored, ")
    with Store.open(run.url) as store:
        (article_id,) = store.article_ids()
        assert store.get(article_id)["article"]["title"] == ARTICLE.splitlines()[0]


@pytest.mark.model
def test_ingest_empty_standard_input(run):
    result = CliRunner().invoke(main, ["--db", run.url, "ingest", "-"], input=b"")
    assert result.exit_code == 1
    assert _lines(result.stderr)[0] == "Error: <stdin>: the input is empty"
