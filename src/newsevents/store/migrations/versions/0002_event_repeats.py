"""Events remember the event of their article they mention again (``same_as``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows stored before this revision get NULL: each counts as an event of its own until its
    # article is analysed again.
    op.add_column("events", sa.Column("same_as", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("same_as")
