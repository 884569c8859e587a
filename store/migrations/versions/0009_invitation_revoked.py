"""invitation revoked

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invitation", sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a nullable column with its REFERENCES in place; a batch copy of the table would
        # reflect the ledger table and warn about its expression index at every fresh start.
        op.execute("ALTER TABLE invitation ADD COLUMN revoked_by INTEGER REFERENCES person (id)")
    else:
        op.add_column("invitation", sa.Column("revoked_by", sa.Integer(), sa.ForeignKey("person.id"), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_column("revoked_by")
        batch_op.drop_column("revoked_at")
