"""security: token scopes, IIN key state, seen Telegram updates, throttle pruning index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("regions", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("services", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("grants", sa.JSON(), nullable=True))
    # Tokens made before scopes existed keep working where they worked: everywhere.
    op.execute(
        "UPDATE api_token SET regions = '[\"*\"]' WHERE role = 'provider' AND regions IS NULL"
    )
    with op.batch_alter_table("lookup_throttle", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lookup_throttle_window_started_at", ["window_started_at"], unique=False
        )
    op.create_table(
        "iin_key_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("rotated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "telegram_update_seen",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("telegram_update_seen", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_telegram_update_seen_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("telegram_update_seen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telegram_update_seen_expires_at"))
    op.drop_table("telegram_update_seen")
    op.drop_table("iin_key_state")
    with op.batch_alter_table("lookup_throttle", schema=None) as batch_op:
        batch_op.drop_index("ix_lookup_throttle_window_started_at")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("grants")
        batch_op.drop_column("services")
        batch_op.drop_column("regions")
