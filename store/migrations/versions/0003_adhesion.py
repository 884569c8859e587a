"""adhesion

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("adhesion",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("submitted_by", sa.Integer(), nullable=True),
    sa.Column("validated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("validated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["submitted_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["validated_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("coop_id", "year", name="uq_adhesion_coop_year")
    )
    op.create_table("adhesionrow",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("adhesion_id", sa.Integer(), nullable=False),
    sa.Column("class_name", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column("pupils", sa.Integer(), nullable=False),
    sa.Column("other_adults", sa.Integer(), nullable=False),
    sa.Column("ledger_id", sa.Integer(), nullable=True),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["adhesion_id"], ["adhesion.id"], ),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("ledger_id")
    )
    with op.batch_alter_table("adhesionrow", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adhesionrow_adhesion_id"), ["adhesion_id"], unique=False)

    op.create_table("adhesionteacher",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("row_id", sa.Integer(), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.ForeignKeyConstraint(["row_id"], ["adhesionrow.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("adhesionteacher", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adhesionteacher_row_id"), ["row_id"], unique=False)




def downgrade() -> None:
    with op.batch_alter_table("adhesionteacher", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adhesionteacher_row_id"))

    op.drop_table("adhesionteacher")
    with op.batch_alter_table("adhesionrow", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adhesionrow_adhesion_id"))

    op.drop_table("adhesionrow")
    op.drop_table("adhesion")

