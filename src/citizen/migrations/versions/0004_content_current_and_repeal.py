"""content: what applies today, repeal in two parts, act citations, step flags

Adds the columns of the content work (issue 9): the `current` record of each service, the
repeal of an act split into "repealed by act X of date D" and "lost force on E / rule", the
legal citation of each act, the failure-branch and automated flags of steps, the unstated
terms and the collection limit of a regulation, and the regions of a document list.
`legal_act.repealed_on` is kept: it now holds the day the act lost force when a source gives
it (it used to hold the repealing decree's own date), and is empty otherwise.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString

def _columns() -> dict[str, list[sa.Column[object]]]:
    """The new columns per table (fresh objects on each call: a Column belongs to one table)."""
    return {
        "legal_act": [
            sa.Column("title_official", sa.JSON(), nullable=True),
            sa.Column("citation_kk", _TEXT(), nullable=True),
            sa.Column("citation_ru", _TEXT(), nullable=True),
            sa.Column("citation_by_kk", _TEXT(), nullable=True),
            sa.Column("citation_by_ru", _TEXT(), nullable=True),
            sa.Column("repealed_by_id", _TEXT(length=64), nullable=True),
            sa.Column("repealed_by_date", sa.Date(), nullable=True),
            sa.Column("lost_force_on", sa.Date(), nullable=True),
            sa.Column("lost_force_rule_kk", _TEXT(), nullable=True),
            sa.Column("lost_force_rule_ru", _TEXT(), nullable=True),
            sa.Column("repeal_source", sa.JSON(), nullable=True),
        ],
        "service": [sa.Column("current", sa.JSON(), nullable=True)],
        "document_list": [sa.Column("regions", sa.JSON(), nullable=True)],
        "regulation": [
            sa.Column("unstated_terms", sa.JSON(), nullable=True),
            sa.Column("collection_limit_value", sa.Float(), nullable=True),
            sa.Column("collection_limit_unit", _TEXT(length=16), nullable=True),
            sa.Column("collection_limit_channels", sa.JSON(), nullable=True),
            sa.Column("collection_limit_source", sa.JSON(), nullable=True),
        ],
        "step": [
            sa.Column("conditional", sa.Boolean(), server_default=sa.false(), nullable=False),
            sa.Column("automated", sa.Boolean(), server_default=sa.false(), nullable=False),
        ],
    }


def upgrade() -> None:
    # Plain ALTER TABLE ADD/DROP COLUMN (SQLite has both since 3.35): a batch "move and copy"
    # would drop and recreate parent tables, which foreign keys refuse once rows exist.
    for table, columns in _columns().items():
        for column in columns:
            op.add_column(table, column)
    # The old value was the repealing decree's own date, shown as the day the act lost force:
    # wrong, so it is cleared; the next catalogue load writes the real day where one is known.
    op.execute(sa.text("UPDATE legal_act SET repealed_on = NULL"))
    # The new columns are filled from the data files: forget the loaded version so that the next
    # start (or `citizen catalogue load`) writes the catalogue again instead of "nothing changed".
    op.execute(sa.text("UPDATE catalogue_meta SET version = ''"))


def downgrade() -> None:
    for table, columns in reversed(_columns().items()):
        for column in reversed(columns):
            op.drop_column(table, column.name)
