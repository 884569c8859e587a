"""class ledgers across years: a ledger is held by one row per year's membership, not one row ever

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from alembic import op


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# 0003 left the unique constraint on adhesionrow.ledger_id unnamed: name it the way each database did.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _old_name() -> str:
    return "uq_adhesionrow_ledger_id" if op.get_bind().dialect.name == "sqlite" else "adhesionrow_ledger_id_key"


def upgrade() -> None:
    sqlite, old = op.get_bind().dialect.name == "sqlite", _old_name()
    # resolve_fks=False: reflecting the ledger table too would warn about its expression index.
    with op.batch_alter_table("adhesionrow", naming_convention=SQLITE_NAMES if sqlite else None,
                              reflect_kwargs={"resolve_fks": False}) as batch_op:
        batch_op.drop_constraint(old, type_="unique")
        batch_op.create_unique_constraint("uq_adhesionrow_adhesion_ledger", ["adhesion_id", "ledger_id"])
        batch_op.create_index(batch_op.f("ix_adhesionrow_ledger_id"), ["ledger_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("adhesionrow", reflect_kwargs={"resolve_fks": False}) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adhesionrow_ledger_id"))
        batch_op.drop_constraint("uq_adhesionrow_adhesion_ledger", type_="unique")
        batch_op.create_unique_constraint(_old_name(), ["ledger_id"])
