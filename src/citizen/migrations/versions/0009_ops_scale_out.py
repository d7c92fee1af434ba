"""ops: shared send budget, bot dialogue state, one-time subscription links

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "send_budget",
        sa.Column("bot_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("next_free_at", sa.Float(), nullable=False),
        sa.Column("paused_until", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("bot_key"),
    )
    op.create_table(
        "bot_dialogue_state",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("data", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index(
        op.f("ix_bot_dialogue_state_updated_at"), "bot_dialogue_state", ["updated_at"]
    )
    op.create_table(
        "subscription_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("used_by_chat", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    op.create_index(
        op.f("ix_subscription_link_application_id"), "subscription_link", ["application_id"]
    )
    # Retention deletes final notifications by age: without this it scans the outbox.
    op.create_index(
        "ix_notification_finished_at", "notification", ["finished_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_notification_finished_at", table_name="notification")
    op.drop_index(op.f("ix_subscription_link_application_id"), table_name="subscription_link")
    op.drop_table("subscription_link")
    op.drop_index(op.f("ix_bot_dialogue_state_updated_at"), table_name="bot_dialogue_state")
    op.drop_table("bot_dialogue_state")
    op.drop_table("send_budget")
