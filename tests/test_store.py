"""The store: round trip, idempotence, one transaction per article, filters, errors."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from newsevents.document import (
    Argument,
    Attribution,
    Coup,
    DateMention,
    Document,
    Entity,
    Event,
    EventDate,
    EventPlace,
    Flag,
    PlaceMention,
    Published,
    Removed,
    Span,
)
from newsevents.errors import StoreError
from newsevents.store import EventFilter, SaveResult, Store, database, tables

TEXT = (
    "Soldiers seized the presidential palace in Niamey on Tuesday, officials said. "
    "Protesters marched in Quito on 3 March 2024. "
    "Police arrested two reporters in Lima, according to a rights group."
)


def _span(doc: Document, words: str) -> Span:
    start = doc.text.index(words)
    return doc.span(start, start + len(words))


def make_document(text: str = TEXT, title: str = "Palace seized") -> Document:
    """A finished document built by hand: three events in three countries, one of them a coup."""
    doc = Document(source="hand.txt", raw=text, text=text, title=title)
    doc.published = Published(dt.date(2024, 3, 5), "given")
    doc.removed = [Removed("Share this story", "share_prompt")]
    doc.stages = ["clean", "nlp", "events"]
    niamey = _span(doc, "Niamey")
    doc.entities = [Entity("e1", "Soldiers", 0, 8, "group", "NORP")]
    doc.places = [
        PlaceMention(
            "p1",
            "Niamey",
            niamey.start,
            niamey.end,
            "Niamey",
            "NER",
            None,
            13.5,
            2.1,
            2440485,
            "city",
            0.9,
        )
    ]
    date = _span(doc, "3 March 2024")
    doc.dates = [
        DateMention(
            "d1",
            date.text,
            date.start,
            date.end,
            dt.date(2024, 3, 3),
            dt.date(2024, 3, 3),
            "day",
            0.9,
        )
    ]
    doc.attributions = [
        Attribution(
            "a1", None, _span(doc, "said"), _span(doc, "Soldiers seized"), "official", False
        ),
        Attribution(
            "a2",
            _span(doc, "a rights group"),
            _span(doc, "according to"),
            _span(doc, "Police arrested"),
            "organization",
            False,
        ),
    ]
    doc.events = [
        Event(
            "ev1",
            "COERCE",
            _span(doc, "Soldiers seized the presidential palace in Niamey"),
            mode="seize",
            contexts=["coup"],
            coup=Coup("successful"),
            actor=Argument("Soldiers", "Niger military", "NER", "MIL", "e1"),
            place=EventPlace("p1", "Niamey", "NER", 13.5, 2.1, "city"),
            date=EventDate(dt.date(2024, 3, 5), dt.date(2024, 3, 5), "day", None, "relative"),
            attribution="a1",
            confidence=0.8,
        ),
        Event(
            "ev2",
            "PROTEST",
            _span(doc, "Protesters marched in Quito"),
            mode="demo",
            place=EventPlace(None, "Quito", "ECU", -0.2, -78.5, "city"),
            date=EventDate(dt.date(2024, 3, 3), dt.date(2024, 3, 3), "day", "d1", "stated"),
        ),
        Event(
            "ev3",
            "COERCE",
            _span(doc, "Police arrested two reporters in Lima"),
            mode="arrest",
            actor=Argument("Police", None, "PER", "COP"),
            attribution="a2",
        ),
    ]
    doc.flags = [
        Flag("anonymous_source", "info", "rests on unnamed officials", _span(doc, "officials said"))
    ]
    return doc


# Set to a PostgreSQL URL (e.g. postgresql+psycopg://user@host/scratch) to run the store tests
# there too; its tables are dropped after each test.
POSTGRES_URL = os.environ.get("NEWSEVENTS_TEST_POSTGRES")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Store:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    elif POSTGRES_URL:
        url = POSTGRES_URL
    else:
        pytest.skip("set NEWSEVENTS_TEST_POSTGRES to a scratch PostgreSQL database URL")
    with Store.open(url) as opened:
        yield opened
        if request.param == "postgresql":
            tables.metadata.drop_all(opened.engine)
            with opened.engine.begin() as conn:
                conn.exec_driver_sql("DROP TABLE alembic_version")


def test_store_round_trip_gives_back_the_contract(store):
    doc = make_document()
    assert store.save(doc) is SaveResult.STORED
    assert store.get(doc.id) == doc.to_contract()
    assert store.document(doc.id).to_contract() == doc.to_contract()


def test_store_keeps_queryable_columns(store):
    doc = make_document()
    store.save(doc, stages=["clean@1", "events@2"])
    with store.engine.connect() as conn:
        article = conn.execute(tables.articles.select()).one()
        events = conn.execute(tables.events.select().order_by("position")).all()
        kinds = sorted(
            conn.execute(
                tables.mentions.select().with_only_columns(tables.mentions.c.kind)
            ).scalars()
        )
    assert (article.published, article.published_basis, article.stages) == (
        dt.date(2024, 3, 5),
        "given",
        ["clean@1", "events@2"],
    )
    assert [(e.type, e.country, e.coup_outcome, e.source_type) for e in events] == [
        ("COERCE", "NER", "successful", "official"),
        ("PROTEST", "ECU", None, None),
        ("COERCE", "PER", None, "organization"),
    ]
    assert kinds == ["attribution", "attribution", "date", "entity", "place"]


def test_store_unknown_id_is_none(store):
    assert store.get("0" * 16) is None
    assert store.document("0" * 16) is None


def test_store_same_article_twice_is_stored_once(store):
    doc = make_document()
    assert store.save(doc) is SaveResult.STORED
    assert store.save(make_document()) is SaveResult.UNCHANGED
    assert store.count_articles() == 1
    assert store.count_events() == 3


def test_store_same_article_from_another_batch_is_a_duplicate(store):
    first, second = make_document(), make_document()
    first.input_id, second.input_id = "feed-a:17", "feed-b:3"
    store.save(first)
    assert store.save(second) is SaveResult.UNCHANGED
    assert store.get(first.id)["input_id"] == "feed-a:17"


def test_store_reingest_with_new_analysis_replaces_it(store):
    store.save(make_document())
    changed = make_document(title="Palace seized, officials say")
    changed.events = changed.events[:1]
    assert store.save(changed) is SaveResult.REPLACED
    assert store.count_articles() == 1
    assert [e["id"] for e in store.events()] == ["ev1"]
    assert store.get(changed.id)["article"]["title"] == "Palace seized, officials say"


def test_store_failure_mid_save_leaves_nothing_partial(store, monkeypatch):
    text = "Rebels shelled a base near Goma on Friday."
    kept = Document(source="other.txt", raw=text, text=text)
    store.save(kept)
    original = make_document()
    store.save(original)

    def crash(*_args):
        raise database.SQLAlchemyError("disk full")

    monkeypatch.setattr(database, "_flag_row", crash)  # after the article and its events went in
    replacement = make_document(title="A new title")
    with pytest.raises(StoreError, match=r"cannot store article .* \(hand.txt\): disk full"):
        store.save(replacement)
    with pytest.raises(StoreError):
        store.save(make_document(text="Troops entered Juba on Monday. " + TEXT))
    assert sorted(store.article_ids()) == sorted([kept.id, original.id])
    assert store.get(original.id) == original.to_contract()
    assert store.count_events() == 3


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EventFilter(), ["ev2", "ev1", "ev3"]),
        (EventFilter(country="ner"), ["ev1"]),
        (EventFilter(type="coerce"), ["ev1", "ev3"]),
        (EventFilter(coup=True), ["ev1"]),
        (EventFilter(since=dt.date(2024, 3, 4)), ["ev1"]),
        (EventFilter(until=dt.date(2024, 3, 4)), ["ev2"]),
        (EventFilter(since=dt.date(2024, 3, 3), until=dt.date(2024, 3, 3)), ["ev2"]),
        (EventFilter(source_type="organization"), ["ev3"]),
        (EventFilter(type="COERCE", country="PER"), ["ev3"]),
        (EventFilter(country="FRA"), []),
        (EventFilter(statuses=("occurred",)), ["ev2", "ev1", "ev3"]),
        (EventFilter(statuses=("negated", "denied")), []),
    ],
)
def test_store_event_filters(store, where, expected):
    doc = make_document()
    store.save(doc)
    found = list(store.events(where))
    assert [e["id"] for e in found] == expected
    assert all(e["article_id"] == doc.id for e in found)
    assert store.count_events(where) == len(expected)


def test_store_distinct_leaves_out_repeated_mentions(store):
    doc = make_document()
    doc.events[2].same_as = "ev1"  # as if the arrest were the coup named again
    store.save(doc)
    assert [e["id"] for e in store.events(EventFilter(distinct=True))] == ["ev2", "ev1"]
    assert store.count_events(EventFilter(coup=True, distinct=True)) == 1
    assert store.get(doc.id)["events"][2]["same_as"] == "ev1"


def test_store_events_limit(store):
    store.save(make_document())
    assert [e["id"] for e in store.events(limit=2)] == ["ev2", "ev1"]


def test_store_delete_removes_everything(store):
    doc = make_document()
    store.save(doc)
    assert store.delete(doc.id)
    assert not store.delete(doc.id)
    with store.engine.connect() as conn:
        for table in tables.metadata.sorted_tables:
            assert conn.execute(table.select()).first() is None


def test_store_sqlite_uses_wal(store):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_store_migrations_match_the_tables(store):
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), tables.metadata) == []


def test_store_opens_twice_without_migrating_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    with Store.open(url) as first:
        first.save(make_document())
    with Store.open(url) as second:
        assert second.count_articles() == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "nosuchdb://x",
            "cannot open the store nosuchdb://x: Can't load plugin: sqlalchemy.dialects:nosuchdb",
        ),
        (
            "not a url",
            "cannot open the store 'not a url': "
            "Could not parse SQLAlchemy URL from given URL string",
        ),
        (
            "sqlite:////nonexistent/dir/x.db",
            "cannot open the store sqlite:////nonexistent/dir/x.db: unable to open database file",
        ),
    ],
)
def test_store_open_errors_are_clear(url, message):
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert str(info.value) == message


def test_store_open_on_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db: file is not a database"):
        Store.open(f"sqlite:///{path}")


def test_store_article_ids_by_prefix(store):
    doc = make_document()
    store.save(doc)
    assert store.article_ids(prefix=doc.id[:5]) == [doc.id]
    assert store.article_ids(prefix="%") == []
    assert store.article_ids(limit=0) == []


def test_store_another_writer_storing_the_same_article_first(store, monkeypatch):
    doc = make_document()
    real_insert = database._insert_article
    other = Store(store.engine)

    def race(conn, *args):
        # The other writer commits the same article after our look-up, before our insert.
        monkeypatch.setattr(database, "_insert_article", real_insert)
        assert other.save(make_document()) is SaveResult.STORED
        real_insert(conn, *args)

    monkeypatch.setattr(database, "_insert_article", race)
    assert store.save(doc) is SaveResult.UNCHANGED
    assert store.count_articles() == 1
    assert store.get(doc.id) == doc.to_contract()


def test_store_made_by_a_newer_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    with Store.open(url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError) as info:
        Store.open(url)
    assert str(info.value) == (
        f"cannot open the store {url}: Can't locate revision identified by '9999' "
        "(was it made by a newer newsevents?)"
    )


def test_store_migrations_go_down_and_up_again(store):
    with store.engine.begin() as conn:
        command.downgrade(database.migration_config(conn), "base")
    with store.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
    with store.engine.begin() as conn:
        command.upgrade(database.migration_config(conn), "head")
    assert store.save(make_document()) is SaveResult.STORED
