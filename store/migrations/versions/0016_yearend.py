"""a grant proof names the grant (entry) it proves

Revision ID: 0016_yearend
Revises: 0015_followup
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa


revision = "0016_yearend"
down_revision = "0015_followup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reportattachment") as batch:
        batch.add_column(sa.Column("entry_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_reportattachment_entry_id", "entry", ["entry_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("reportattachment") as batch:
        batch.drop_constraint("fk_reportattachment_entry_id", type_="foreignkey")
        batch.drop_column("entry_id")
