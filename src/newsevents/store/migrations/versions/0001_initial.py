"""The first schema: articles, events, mentions, flags.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen here on purpose: a migration must keep meaning what it meant when it was written,
# whatever tables.py says later.
JSONType = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("published_basis", sa.String(16), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("removed", JSONType, nullable=False),
        sa.Column("contract", JSONType, nullable=False),
        sa.Column("contract_hash", sa.String(64), nullable=False),
        sa.Column("stages", JSONType, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "events",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("coup_outcome", sa.String(16)),
        sa.Column("coup_foreign_backing", sa.String(16)),
        sa.Column("country", sa.String(8)),
        sa.Column("actor_country", sa.String(8)),
        sa.Column("recipient_country", sa.String(8)),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("source_type", sa.String(16)),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("data", JSONType, nullable=False),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_index("ix_events_coup_outcome", "events", ["coup_outcome"])
    op.create_index("ix_events_date", "events", ["date_start", "date_end"])
    op.create_index("ix_events_source_type", "events", ["source_type"])
    op.create_table(
        "mentions",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("mention_id", sa.String(64), nullable=False),
        sa.Column("data", JSONType, nullable=False),
    )
    op.create_index("ix_mentions_mention_id", "mentions", ["article_id", "mention_id"])
    op.create_table(
        "flags",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("evidence", JSONType, nullable=False),
    )
    op.create_index("ix_flags_kind", "flags", ["kind"])


def downgrade() -> None:
    for table in ("flags", "mentions", "events", "articles"):
        op.drop_table(table)
