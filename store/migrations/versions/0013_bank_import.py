"""the coop's bank account number, recorded from its first imported statement

Revision ID: 0013_bank_import
Revises: 0011_reports
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0013_bank_import"
down_revision = "0011_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("coop", sa.Column("bank_account", sqlmodel.sql.sqltypes.AutoString(length=34), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coop", schema=None) as batch_op:
        batch_op.drop_column("bank_account")
