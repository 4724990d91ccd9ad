"""The store: finished articles, their events, mentions and flags, in any SQLAlchemy database.

SQLite (in WAL mode) is the embedded default; the same portable SQL runs on PostgreSQL. Each
article is written in one transaction: re-ingesting an article (same id) replaces it whole, and a
failure part-way leaves the store as it was before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    select,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from ..document import Document
from ..errors import StoreError
from . import tables

log = logging.getLogger(__name__)

# contract mentions layer -> the ``kind`` stored in the mentions table
MENTION_KINDS = {
    "entities": "entity",
    "places": "place",
    "dates": "date",
    "attributions": "attribution",
}
EVENTS_BATCH = 500  # rows fetched at a time when listing events


class SaveResult(StrEnum):
    """What ``Store.save`` did with an article."""

    STORED = "stored"  # new id
    REPLACED = "replaced"  # known id, different analysis: the old rows were replaced
    UNCHANGED = "unchanged"  # known id, identical analysis: nothing written (a duplicate)


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Which events to list. ``since``/``until`` keep events whose date range overlaps them."""

    country: str | None = None
    type: str | None = None
    coup: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    source_type: str | None = None
    statuses: tuple[str, ...] = ()  # any of these (occurred, negated, ...); empty: all
    article_id: str | None = None
    flag: str | None = None  # a flag kind its article carries; "any" for any flag
    distinct: bool = False  # leave out events that mention again one of their article


class Store:
    """A connection to the store. Build it with ``Store.open(url)``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect to ``url`` and bring its schema up to date; ``StoreError`` when that fails."""
        shown = _display_url(url)
        try:
            engine = _create_engine(url)
            with engine.begin() as conn:
                _upgrade(conn)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the store {shown}: {_reason(exc)}") from exc
        except CommandError as exc:  # a revision this version does not know
            raise StoreError(
                f"cannot open the store {shown}: {exc} (was it made by a newer newsevents?)"
            ) from exc
        return cls(engine)

    @property
    def url(self) -> str:
        """The store's URL, password hidden: safe in messages."""
        return _display_url(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # writing

    def save(self, doc: Document, stages: Sequence[str] | None = None) -> SaveResult:
        """Store a finished document, replacing any earlier version of the same article.

        ``stages`` names the stage versions that produced it (``Pipeline.stage_names``); by
        default the stages the document records.
        """
        contract = doc.to_contract()
        digest = analysis_hash(contract)
        stages = list(stages or doc.stages)
        try:
            try:
                result = self._write(doc, contract, digest, stages)
            except IntegrityError:
                # Another writer stored the same article between our look-up and our insert;
                # a second try sees its row and replaces or skips it.
                result = self._write(doc, contract, digest, stages)
        except SQLAlchemyError as exc:
            reason = _reason(exc)
            raise StoreError(f"cannot store article {doc.id} ({doc.source}): {reason}") from exc
        log.debug("%s article %s from %s", result, doc.id, doc.source)
        return result

    def _write(self, doc: Document, contract: dict, digest: str, stages: list[str]) -> SaveResult:
        """One transaction: look the article up, then skip it or (re)write all its rows."""
        with self.engine.begin() as conn:
            known = conn.execute(
                select(tables.articles.c.contract_hash).where(tables.articles.c.id == doc.id)
            ).scalar_one_or_none()
            if known == digest:
                return SaveResult.UNCHANGED
            if known is not None:
                _delete_article(conn, doc.id)
            _insert_article(conn, doc, contract, digest, stages)
            _insert_children(conn, doc.id, contract)
        return SaveResult.STORED if known is None else SaveResult.REPLACED

    def delete(self, article_id: str) -> bool:
        """Remove an article and everything stored with it; False when it was not there."""
        with self.engine.begin() as conn:
            return _delete_article(conn, article_id)

    # reading

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored contract object of an article, or None."""
        query = select(tables.articles.c.contract).where(tables.articles.c.id == article_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one_or_none()

    def document(self, article_id: str) -> Document | None:
        """The stored article rebuilt as a ``Document`` (no spaCy layer), or None."""
        contract = self.get(article_id)
        return None if contract is None else Document.from_contract(contract)

    def article_ids(self, prefix: str = "", limit: int | None = None) -> list[str]:
        """The stored article ids in order; with ``prefix``, those that start with it."""
        ids = tables.articles.c.id
        query = (
            select(ids).where(ids.startswith(prefix, autoescape=True)).order_by(ids).limit(limit)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(tables.articles)).scalar_one()

    def events(
        self, where: EventFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict]:
        """Events matching ``where``: each its contract object plus ``article_id``, the
        ``source_type`` of its attribution (null when the article reports it in its own voice)
        and the ``title`` of its article.

        Ordered by event date (undated last), then article and position in the article.
        """
        ev, ar = tables.events, tables.articles
        query = (
            select(ev.c.article_id, ev.c.source_type, ev.c.data, ar.c.title)
            .join(ar, ar.c.id == ev.c.article_id)
            .where(*event_conditions(where or EventFilter()))
            .order_by(ev.c.date_start.asc().nulls_last(), ev.c.article_id, ev.c.position)
            .offset(offset)
            .limit(limit)
            # Stream in batches (a server-side cursor on PostgreSQL): exports can be large.
            .execution_options(yield_per=EVENTS_BATCH)
        )
        with self.engine.connect() as conn:
            for article_id, source_type, data, title in conn.execute(query):
                yield {"article_id": article_id, **data, "source_type": source_type, "title": title}

    def count_events(self, where: EventFilter | None = None) -> int:
        query = select(func.count()).select_from(tables.events)
        with self.engine.connect() as conn:
            return conn.execute(query.where(*event_conditions(where or EventFilter()))).scalar_one()


def analysis_hash(contract: dict[str, Any]) -> str:
    """A digest of what the pipeline made of an article: equal analyses, equal digests.

    ``input_id`` names where the article came from, not what it says, so it is left out: the
    same article in two batches is one article.
    """
    analysis = {key: value for key, value in contract.items() if key != "input_id"}
    canonical = json.dumps(analysis, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _create_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection, _record) -> None:
    # WAL lets readers (events, show, the web app) work while ingest writes; NORMAL sync is
    # safe in WAL mode and much faster than FULL. In-memory databases answer "memory".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migration_config(conn: Connection) -> Config:
    """An Alembic config that runs the package's migrations on ``conn`` (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(files("newsevents.store") / "migrations"))
    config.attributes["connection"] = conn
    return config


def _upgrade(conn: Connection) -> None:
    command.upgrade(migration_config(conn), "head")


def _insert_article(
    conn: Connection, doc: Document, contract: dict, digest: str, stages: list[str]
) -> None:
    article = contract["article"]
    row = {
        "id": article["id"],
        "url": doc.url,
        "title": doc.title,
        "published": doc.published.date,
        "published_basis": doc.published.basis,
        "language": doc.language,
        "text": doc.text,
        "removed": article["removed"],
        "contract": contract,
        "contract_hash": digest,
        "stages": stages,
        "ingested_at": dt.datetime.now(dt.UTC),
    }
    # Parameters apart from the statement: SQLAlchemy compiles the INSERT once per process.
    conn.execute(insert(tables.articles), row)


def _insert_children(conn: Connection, article_id: str, contract: dict) -> None:
    sources = {a["id"]: a["source_type"] for a in contract["mentions"]["attributions"]}
    rows = [_event_row(article_id, i, e, sources) for i, e in enumerate(contract["events"])]
    _insert_rows(conn, tables.events, rows)
    _insert_rows(conn, tables.mentions, list(_mention_rows(article_id, contract["mentions"])))
    flag_rows = [_flag_row(article_id, i, f) for i, f in enumerate(contract["flags"])]
    _insert_rows(conn, tables.flags, flag_rows)


def _insert_rows(conn: Connection, table, rows: list[dict]) -> None:
    if rows:  # executemany with no rows is an error on some drivers
        conn.execute(insert(table), rows)


def _event_row(article_id: str, position: int, data: dict, sources: dict[str, str]) -> dict:
    coup = data.get("coup") or {}
    place = data.get("place") or {}
    actor = data.get("actor") or {}
    recipient = data.get("recipient") or {}
    date = data.get("date") or {}
    return {
        "article_id": article_id,
        "position": position,
        "event_id": data["id"],
        "type": data["type"],
        "mode": data.get("mode"),
        "status": data.get("status", "occurred"),
        "coup_outcome": coup.get("outcome"),
        "coup_foreign_backing": coup.get("foreign_backing"),
        # Where it happened when known; otherwise whose event it is.
        "country": place.get("country") or actor.get("country"),
        "actor_country": actor.get("country"),
        "recipient_country": recipient.get("country"),
        "date_start": _date(date.get("start")),
        "date_end": _date(date.get("end")),
        "source_type": sources.get(data.get("attribution")),
        "confidence": data.get("confidence", 0.0),
        "evidence": data["evidence"]["text"],
        "data": data,
        "same_as": data.get("same_as"),
    }


def _mention_rows(article_id: str, mentions: dict) -> Iterator[dict]:
    for layer, kind in MENTION_KINDS.items():
        for position, data in enumerate(mentions.get(layer, [])):
            yield {
                "article_id": article_id,
                "kind": kind,
                "position": position,
                "mention_id": data["id"],
                "data": data,
            }


def _flag_row(article_id: str, position: int, data: dict) -> dict:
    return {
        "article_id": article_id,
        "position": position,
        "kind": data["kind"],
        "severity": data["severity"],
        "message": data["message"],
        "evidence": data["evidence"],
    }


def _delete_article(conn: Connection, article_id: str) -> bool:
    # Children first, explicitly: portable, and independent of ON DELETE support.
    for table in (tables.flags, tables.mentions, tables.events):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    result = conn.execute(delete(tables.articles).where(tables.articles.c.id == article_id))
    return result.rowcount > 0


def event_conditions(where: EventFilter) -> list:
    """SQL conditions on the events table (and its flags) for ``where``."""
    ev = tables.events
    conditions = []
    if where.country:
        conditions.append(ev.c.country == where.country.upper())
    if where.type:
        conditions.append(ev.c.type == where.type.upper())
    if where.coup:
        conditions.append(ev.c.coup_outcome.is_not(None))
    if where.since:
        conditions.append(ev.c.date_end >= where.since)
    if where.until:
        conditions.append(ev.c.date_start <= where.until)
    if where.source_type:
        conditions.append(ev.c.source_type == where.source_type)
    if where.statuses:
        conditions.append(ev.c.status.in_(where.statuses))
    if where.article_id:
        conditions.append(ev.c.article_id == where.article_id)
    if where.distinct:
        conditions.append(ev.c.same_as.is_(None))
    if where.flag:
        flagged = tables.flags.c.article_id == ev.c.article_id
        if where.flag != "any":
            flagged = flagged & (tables.flags.c.kind == where.flag)
        conditions.append(exists().where(flagged))
    return conditions


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _display_url(url: str | URL) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # not a URL at all: show it as given
        return repr(url)


def _reason(exc: BaseException) -> str:
    # SQLAlchemy's own message carries SQL and a doc link; the driver's first line is the cause.
    original = getattr(exc, "orig", None) or exc
    return str(original).splitlines()[0] if str(original) else type(original).__name__
