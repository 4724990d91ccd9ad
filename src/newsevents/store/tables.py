"""The store's tables, in SQLAlchemy Core.

Each table keeps the JSON of its object (so everything ``analyze`` prints can be rebuilt) beside the
columns the filters need, which are indexed. Migrations in ``migrations/versions`` create and change
these tables; this module is what the code queries against and must match the latest migration.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

# JSONB on PostgreSQL (indexable, compact); plain JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("published_basis", String(16), nullable=False),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("removed", JSONType, nullable=False),
    Column("contract", JSONType, nullable=False),
    Column("contract_hash", String(64), nullable=False),
    Column("stages", JSONType, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_published", "published"),
)

events = Table(
    "events",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("position", Integer, primary_key=True),  # order in the article; ids need not be unique
    Column("event_id", String(64), nullable=False),
    Column("type", String(32), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("coup_outcome", String(16)),
    Column("coup_foreign_backing", String(16)),
    Column("country", String(8)),
    Column("actor_country", String(8)),
    Column("recipient_country", String(8)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("source_type", String(16)),
    Column("confidence", Float, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("data", JSONType, nullable=False),
    # The event of the same article this one mentions again (a coup named three times).
    Column("same_as", String(64)),
    Index("ix_events_type", "type"),
    Index("ix_events_country", "country"),
    Index("ix_events_coup_outcome", "coup_outcome"),
    Index("ix_events_date", "date_start", "date_end"),
    Index("ix_events_source_type", "source_type"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("kind", String(16), primary_key=True),  # entity | place | date | attribution
    Column("position", Integer, primary_key=True),
    Column("mention_id", String(64), nullable=False),
    Column("data", JSONType, nullable=False),
    Index("ix_mentions_mention_id", "article_id", "mention_id"),
)

flags = Table(
    "flags",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("evidence", JSONType, nullable=False),
    Index("ix_flags_kind", "kind"),
)
