"""Ingest: files, folders, JSON Lines and bytes into documents, and every bad input as an error."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.document import Document, Published
from newsevents.errors import (
    E_BINARY,
    E_EMPTY,
    E_ENCODING,
    E_NO_ARTICLE,
    InputError,
)
from newsevents.settings import Settings
from newsevents.stages.ingest import (
    document_from_html,
    document_from_text,
    looks_like_title,
    parse_published,
    read_bytes,
    read_jsonl,
    read_path,
    read_stream,
    sniff_kind,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"
SETTINGS = Settings()


def only(items) -> Document | InputError:
    [item] = list(items)
    return item


# document_from_text


def test_title_is_taken_from_a_headline_first_line():
    doc = document_from_text(
        "Floods hit northern Kenya\n\nHeavy rain flooded villages on Monday.", "t"
    )
    assert doc.title == "Floods hit northern Kenya"
    assert "Floods hit" not in doc.raw
    assert "Heavy rain" in doc.raw


@pytest.mark.parametrize(
    "first_line",
    [
        "Heavy rain flooded villages in Kenya on Monday.",  # a sentence
        "NAIROBI, March 3 (Reuters) -",  # a dateline
        "In a statement on Monday, the ministry said:",
        "Floods",  # one word
        "Lima (AP)",  # a dateline with an agency
        'Residents called it "the worst flood in memory."',
    ],
)
def test_a_first_line_that_is_not_a_title_stays_in_the_body(first_line):
    doc = document_from_text(f"{first_line}\n\nThe rain went on for days.", "t")
    assert doc.title is None
    assert doc.raw.startswith(first_line)


def test_a_hard_wrapped_first_line_is_not_a_title():
    text = (
        "Rescue teams in the north of Kenya reached three villages cut off by the\n"
        "floods on Monday, the Red Cross said.\n"
    )
    assert document_from_text(text, "t").title is None


def test_page_debris_above_the_title_is_passed_over_and_kept_for_cleaning():
    text = "Skip to content\nHome > World > Africa\n\nFloods hit northern Kenya\n\nRain fell."
    doc = document_from_text(text, "t")
    assert doc.title == "Floods hit northern Kenya"
    assert doc.raw == "Skip to content\nHome > World > Africa\n\n\nRain fell."


def test_a_markdown_heading_is_a_title():
    doc = document_from_text("# Floods hit northern Kenya\n\nHeavy rain fell on Monday.", "t.md")
    assert doc.title == "Floods hit northern Kenya"


def test_a_short_title_may_sit_right_above_the_body():
    doc = document_from_text("Floods hit northern Kenya\nHeavy rain fell on Monday.", "t")
    assert doc.title == "Floods hit northern Kenya"


def test_a_single_line_text_is_all_body():
    doc = document_from_text("Parliament met in Oslo", "t")
    assert doc.title is None
    assert doc.raw == "Parliament met in Oslo"


def test_given_title_and_date_are_kept():
    doc = document_from_text(
        "Short headline here\nBody text.",
        "t",
        title="Given",
        url="https://example.org/x",
        published=dt.date(2020, 1, 2),
        input_id="9",
    )
    assert doc.title == "Given"
    assert doc.raw.startswith("Short headline here")
    assert doc.published == Published(dt.date(2020, 1, 2), "given")
    assert (doc.url, doc.input_id) == ("https://example.org/x", "9")


@given(st.text(max_size=300))
def test_title_split_never_loses_body_text(text):
    if not text.strip():
        return
    doc = document_from_text(text, "t")
    if doc.title is None:
        assert doc.raw == text
    else:
        assert looks_like_title(doc.title)
        assert doc.raw.strip()


# document_from_html


def test_html_gives_main_text_title_and_metadata_date():
    html = (FIXTURES / "article.html").read_text()
    doc = document_from_html(html, "page.html")
    assert doc.is_html
    assert doc.title == "Opposition leader arrested in Ruritania"
    assert doc.published == Published(dt.date(2021, 9, 14), "metadata")
    assert doc.raw.startswith("Police in Ruritania arrested")
    assert "<p>" not in doc.raw
    assert "Home" not in doc.raw


def test_html_given_date_wins_over_metadata():
    html = (FIXTURES / "article.html").read_text()
    doc = document_from_html(html, "page.html", published=dt.date(2021, 9, 15))
    assert doc.published == Published(dt.date(2021, 9, 15), "given")


def test_html_date_may_come_from_json_ld_or_the_url_but_not_the_body():
    body = "<p>The parliament of Estonia approved the budget on Tuesday, officials said.</p>"
    json_ld = '{"@type": "NewsArticle", "datePublished": "2022-03-08T10:00:00Z"}'
    page = f'<html><head><script type="application/ld+json">{json_ld}</script></head>'
    doc = document_from_html(f"{page}<body><article>{body}</article></body></html>", "a")
    assert doc.published == Published(dt.date(2022, 3, 8), "metadata")
    doc = document_from_html(body, "b", url="https://example.org/2020/07/14/estonia-budget")
    assert doc.published == Published(dt.date(2020, 7, 14), "metadata")
    dated_body = f"<html><body><p>Posted 4 May 2021</p>{body}</body></html>"
    assert document_from_html(dated_body, "c").published == Published()


def test_html_fragment_is_read():
    doc = document_from_html("<p>Voters in Chile went to the polls on Sunday.</p>", "frag")
    assert doc.raw == "Voters in Chile went to the polls on Sunday."


@pytest.mark.parametrize("html", ["", "<html></html>", (FIXTURES / "no_article.html").read_text()])
def test_html_without_article_is_an_input_error(html):
    with pytest.raises(InputError) as caught:
        document_from_html(html, "nav.html")
    assert caught.value.cause == E_NO_ARTICLE
    assert str(caught.value).startswith("nav.html: ")


# read_bytes


@pytest.mark.parametrize(
    "data",
    [
        "Chômage en hausse à Genève, said the café owner.".encode("cp1252"),
        "Weather in Córdoba — “mild”, said officials.".encode("cp1252"),
    ],
)
def test_single_byte_text_is_decoded(data):
    doc = read_bytes(data, "b", SETTINGS)
    assert doc.raw == data.decode("cp1252")


def test_utf8_bom_and_utf16_are_decoded():
    text = "Talks resumed in Doha on Tuesday."
    assert read_bytes(b"\xef\xbb\xbf" + text.encode(), "b", SETTINGS).raw == text
    assert read_bytes(text.encode("utf-16"), "b", SETTINGS).raw == text


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", E_EMPTY),
        (b" \n\t\r\n", E_EMPTY),
        (b"\xef\xbb\xbf  \n", E_EMPTY),
        (b"text\x00with a NUL", E_BINARY),
        (b"\x01\x02\x03 mostly control \x04\x05", E_BINARY),
        (bytes(range(256)) * 4, E_BINARY),
        (bytes(range(0x80, 0x100)) * 4, E_ENCODING),
        (b"abc \x81\x8d\x90 abc", E_ENCODING),
    ],
)
def test_bad_bytes_are_input_errors(data, cause):
    with pytest.raises(InputError) as caught:
        read_bytes(data, "<stdin>", SETTINGS)
    assert caught.value.cause == cause
    assert caught.value.source == "<stdin>"


def test_too_big_input_is_rejected():
    with pytest.raises(InputError, match="over the limit of 10"):
        read_bytes(b"x" * 11, "b", Settings(max_input_bytes=10))


def test_kind_is_sniffed_or_given():
    html = b"<html><body><p>Strikes closed ports in Chittagong on Monday.</p></body></html>"
    assert read_bytes(html, "b", SETTINGS).is_html
    assert not read_bytes(html, "b", SETTINGS, kind="text").is_html
    assert sniff_kind("Plain words, and a <b>bold</b> word later.") == "text"
    assert sniff_kind("  <!DOCTYPE html><title>x</title>") == "html"


def test_meta_is_passed_through():
    doc = read_bytes(b"Rallies in Seoul.", "b", SETTINGS, input_id="x1", url="https://e.org")
    assert (doc.input_id, doc.url) == ("x1", "https://e.org")


@given(st.binary(max_size=400))
def test_read_bytes_never_raises_anything_but_input_error(data):
    try:
        doc = read_bytes(data, "b", SETTINGS)
    except InputError:
        return
    assert doc.raw.strip()


def test_read_stream_stops_at_the_limit():
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    with pytest.raises(InputError, match="over the limit of 100 bytes"):
        read_stream(io.BufferedReader(Endless()), "<stdin>", Settings(max_input_bytes=100))
    doc = read_stream(io.BytesIO(b"Talks in Bogota."), "<stdin>", SETTINGS)
    assert doc.raw == "Talks in Bogota." and doc.source == "<stdin>"


# read_jsonl


def test_jsonl_yields_documents_and_errors_in_order():
    lines = (FIXTURES / "batch.jsonl").read_text().splitlines()
    items = list(read_jsonl(lines, "batch.jsonl", SETTINGS))
    assert [type(item).__name__ for item in items] == [
        "Document",
        "Document",
        "InputError",
        "InputError",
        "Document",
        "InputError",
    ]
    text_doc, html_doc, not_json, no_body, bad_date, empty = items
    assert text_doc.input_id == "ok-text"
    assert text_doc.published == Published(dt.date(2020, 10, 20), "given")
    assert html_doc.input_id == "7" and html_doc.is_html
    assert html_doc.url == "https://example.org/a"
    assert not_json.source == "batch.jsonl:4"
    assert "not a valid input object" in str(not_json)
    assert no_body.input_id == "no-body"
    # A date in another form is dropped, not fatal: the article is still worth reading.
    assert bad_date.input_id == "bad-date" and bad_date.published == Published()
    assert empty.cause == E_EMPTY


def test_jsonl_published_may_be_a_timestamp():
    line = '{"id": "t", "text": "Vote count began.", "published": "2019-03-04T08:00:00Z"}'
    assert only(read_jsonl([line], "in", SETTINGS)).published.date == dt.date(2019, 3, 4)


def test_parse_published_is_strict():
    assert parse_published("2020-02-29", "x") == dt.date(2020, 2, 29)
    assert parse_published(None, "x") is None
    for bad in ("2021-02-29", "29/02/2020", 20200229):
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            parse_published(bad, "x")


def test_jsonl_record_over_the_size_limit_fails_alone():
    lines = ['{"id": "a", "text": "' + "x" * 50 + '"}', '{"id": "b", "text": "Short."}']
    first, second = read_jsonl(lines, "in", Settings(max_input_bytes=20))
    assert isinstance(first, InputError) and "over the limit" in str(first)
    assert isinstance(second, Document)


# read_path


def test_read_path_text_html_and_latin1_files():
    text_doc = only(read_path(FIXTURES / "article.txt", SETTINGS))
    assert text_doc.title == "Troops seize state broadcaster in Freedonia"
    assert text_doc.source == str(FIXTURES / "article.txt")
    assert only(read_path(FIXTURES / "article.html", SETTINGS)).is_html
    assert "Montréal" in only(read_path(FIXTURES / "latin1.txt", SETTINGS)).raw


@pytest.mark.parametrize(
    ("name", "cause"),
    [
        ("empty.txt", E_EMPTY),
        ("blank.txt", E_EMPTY),
        ("binary.dat", E_BINARY),
        ("image.png", E_BINARY),
        ("no_article.html", E_NO_ARTICLE),
    ],
)
def test_read_path_bad_files_yield_errors(name, cause):
    error = only(read_path(FIXTURES / name, SETTINGS))
    assert isinstance(error, InputError)
    assert error.cause == cause
    assert error.source == str(FIXTURES / name)


def test_read_path_missing_file_yields_error():
    error = only(read_path(FIXTURES / "nowhere.txt", SETTINGS))
    assert isinstance(error, InputError)
    assert "cannot be read" in str(error)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_read_path_unreadable_file_yields_error(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("Secret text.")
    path.chmod(0)
    error = only(read_path(path, SETTINGS))
    assert isinstance(error, InputError) and "cannot be read" in str(error)


def test_read_path_big_file_is_rejected_from_its_size(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        out.truncate(50_000_000)  # sparse: 50 MB that was never written
    error = only(read_path(path, SETTINGS))
    assert isinstance(error, InputError) and "over the limit" in str(error)


def test_read_path_folder_is_recursive_sorted_and_skips_hidden():
    items = list(read_path(FIXTURES / "folder", SETTINGS))
    assert [item.source for item in items] == [
        str(FIXTURES / "folder" / "b.txt"),
        str(FIXTURES / "folder" / "sub" / "a.html"),
    ]


def test_read_path_jsonl_file():
    items = list(read_path(FIXTURES / "batch.jsonl", SETTINGS))
    assert len(items) == 6
    assert items[0].source == f"{FIXTURES / 'batch.jsonl'}:1"


def test_read_path_jsonl_line_not_utf8_fails_alone(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "Fine."}\n')
    first, second = read_path(path, SETTINGS)
    assert isinstance(first, InputError) and first.cause == E_ENCODING
    assert isinstance(second, Document)
