"""cheque deposits (remises de chèques)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("chequedeposit",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["created_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("coop_id", "number", name="uq_chequedeposit_number")
    )
    with op.batch_alter_table("chequedeposit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chequedeposit_coop_id"), ["coop_id"], unique=False)

    op.create_table("depositedcheque",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("deposit_id", sa.Integer(), nullable=False),
    sa.Column("entry_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["deposit_id"], ["chequedeposit.id"], ),
    sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("entry_id")
    )
    with op.batch_alter_table("depositedcheque", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_depositedcheque_deposit_id"), ["deposit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("depositedcheque", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_depositedcheque_deposit_id"))
    op.drop_table("depositedcheque")
    with op.batch_alter_table("chequedeposit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chequedeposit_coop_id"))
    op.drop_table("chequedeposit")
