"""a mass message that never reached Telegram is tried again at the next runs: how many runs tried it

Revision ID: 0017_retry
Revises: 0016_yearend
Create Date: 2026-12-01
"""

from alembic import op
import sqlalchemy as sa


revision = "0017_retry"
down_revision = "0016_yearend"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outboxmessage") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("outboxmessage") as batch:
        batch.drop_column("attempts")
