"""forgotten accounts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("forgottenaccount",
    sa.Column("telegram_id", sa.BigInteger(), nullable=False),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("forgotten_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("telegram_id")
    )


def downgrade() -> None:
    op.drop_table("forgottenaccount")
