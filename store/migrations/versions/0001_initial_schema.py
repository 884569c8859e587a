"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("department",
    sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("membership_opens", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column("membership_closes", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column("report_deadline", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column("cotisation_cents", sa.Integer(), nullable=False),
    sa.Column("assurance_cents", sa.Integer(), nullable=False),
    sa.Column("adult_rate_cents", sa.Integer(), nullable=True),
    sa.Column("chart", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.PrimaryKeyConstraint("code")
    )
    op.create_table("person",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("telegram_id", sa.BigInteger(), nullable=True),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("telegram_id")
    )
    op.create_table("coop",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("affiliation", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column("school_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("commune", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column("department_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(["department_code"], ["department.code"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("affiliation")
    )
    with op.batch_alter_table("coop", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coop_department_code"), ["department_code"], unique=False)

    op.create_table("ledger",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column("kind", sa.Enum("ecole", "classe", name="ledgerkind", native_enum=False, length=8), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_coop_id"), ["coop_id"], unique=False)
    # Ledger names are unique per coop whatever their case.
    op.create_index("uq_ledger_coop_name", "ledger", ["coop_id", sa.text("lower(name)")], unique=True)

    op.create_table("role",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.Enum("ad", "mandataire", "signataire", "enseignant", "verificateur", name="rolekind", native_enum=False, length=16), nullable=False),
    sa.Column("department_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column("coop_id", sa.Integer(), nullable=True),
    sa.Column("ledger_id", sa.Integer(), nullable=True),
    sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["department_code"], ["department.code"], ),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_coop_id"), ["coop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_role_person_id"), ["person_id"], unique=False)




def downgrade() -> None:
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_person_id"))
        batch_op.drop_index(batch_op.f("ix_role_coop_id"))

    op.drop_table("role")
    op.drop_index("uq_ledger_coop_name", table_name="ledger")
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_coop_id"))

    op.drop_table("ledger")
    with op.batch_alter_table("coop", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coop_department_code"))

    op.drop_table("coop")
    op.drop_table("person")
    op.drop_table("department")

