"""announcements of AD staff to the mandataires

Revision ID: 0015_followup
Revises: 0014_outbox
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0015_followup"
down_revision = "0014_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "announcement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_code", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("audience", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("commune", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["department_code"], ["department.code"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_announcement_department_code", "announcement", ["department_code"])


def downgrade() -> None:
    op.drop_index("ix_announcement_department_code", table_name="announcement")
    op.drop_table("announcement")
