"""the year's end: grant givers on entries, class ledgers closed

Revision ID: 0010_crf
Revises: 0009
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0010_crf"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain nullable column: SQLite adds it in place (no batch copy of the entry table).
    op.add_column("entry", sa.Column("giver", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))
    op.create_table("ledgerclosing",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("ledger_id", sa.Integer(), nullable=False),
    sa.Column("fiscal_year", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("banque", sa.Integer(), nullable=False),
    sa.Column("caisse", sa.Integer(), nullable=False),
    sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("closed_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.ForeignKeyConstraint(["closed_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("ledger_id", "fiscal_year", name="uq_ledger_closing")
    )
    with op.batch_alter_table("ledgerclosing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledgerclosing_ledger_id"), ["ledger_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ledgerclosing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledgerclosing_ledger_id"))
    op.drop_table("ledgerclosing")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_column("giver")
