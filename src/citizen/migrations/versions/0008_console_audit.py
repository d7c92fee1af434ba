"""the operators' audit log (operator console)

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-26 14:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operator_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("operator", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("notices", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.ForeignKeyConstraint(["token_id"], ["api_token.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("operator_audit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_operator_audit_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index("ix_operator_audit_token_at", ["token_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("operator_audit", schema=None) as batch_op:
        batch_op.drop_index("ix_operator_audit_token_at")
        batch_op.drop_index(batch_op.f("ix_operator_audit_application_id"))
    op.drop_table("operator_audit")
