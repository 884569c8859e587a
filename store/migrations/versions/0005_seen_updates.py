"""seen updates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("seenupdate",
    sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column("seen_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("update_id")
    )
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seenupdate_seen_at"), ["seen_at"], unique=False)




def downgrade() -> None:
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seenupdate_seen_at"))

    op.drop_table("seenupdate")

