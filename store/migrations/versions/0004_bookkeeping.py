"""bookkeeping

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("auditevent",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=True),
    sa.Column("coop_id", sa.Integer(), nullable=True),
    sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column("entity_id", sa.Integer(), nullable=False),
    sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column("before", sa.Text(), nullable=True),
    sa.Column("after", sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_auditevent_coop_id"), ["coop_id"], unique=False)
        batch_op.create_index("ix_auditevent_entity", ["entity", "entity_id"], unique=False)

    op.create_table("movement",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.Enum("depot", "retrait", "avance", "remboursement", name="movementkind", native_enum=False, length=16), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["created_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("movement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_movement_coop_id"), ["coop_id"], unique=False)

    op.create_table("statement",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("balance", sa.Integer(), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["created_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("coop_id", "day", name="uq_statement_coop_day")
    )
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_coop_id"), ["coop_id"], unique=False)

    op.create_table("yearclosing",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("fiscal_year", sa.Integer(), nullable=False),
    sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("closed_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["closed_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("coop_id", "fiscal_year", name="uq_year_closing")
    )
    op.create_table("cashcount",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("ledger_id", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("counted", sa.Integer(), nullable=False),
    sa.Column("book", sa.Integer(), nullable=False),
    sa.Column("denominations", sa.Text(), nullable=True),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.CheckConstraint("counted >= 0", name="ck_cash_count_counted"),
    sa.ForeignKeyConstraint(["created_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("cashcount", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cashcount_ledger_id"), ["ledger_id"], unique=False)

    op.create_table("entry",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("ledger_id", sa.Integer(), nullable=False),
    sa.Column("fiscal_year", sa.Integer(), nullable=False),
    sa.Column("piece_prefix", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=False),
    sa.Column("piece_number", sa.Integer(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("direction", sa.Enum("recette", "depense", name="direction", native_enum=False, length=8), nullable=False),
    sa.Column("treasury", sa.Enum("banque", "caisse", name="treasury", native_enum=False, length=8), nullable=False),
    sa.Column("means", sa.Enum("especes", "cheque", "carte", "virement", "prelevement", name="means", native_enum=False, length=12), nullable=False),
    sa.Column("cheque_number", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column("amount", sa.Integer(), nullable=False),
    sa.Column("project", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column("movement_id", sa.Integer(), nullable=True),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("cancelled_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("cancelled_by", sa.Integer(), nullable=True),
    sa.CheckConstraint("means <> 'cheque' OR cheque_number IS NOT NULL", name="ck_entry_cheque_number"),
    sa.CheckConstraint("treasury <> 'caisse' OR means = 'especes'", name="ck_entry_caisse_especes"),
    sa.CheckConstraint("amount > 0 AND amount <= 10000000", name="ck_entry_amount"),
    sa.CheckConstraint("piece_number > 0", name="ck_entry_piece_number"),
    sa.ForeignKeyConstraint(["cancelled_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["created_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.ForeignKeyConstraint(["movement_id"], ["movement.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("ledger_id", "fiscal_year", "piece_prefix", "piece_number", name="uq_entry_piece")
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_ledger_id"), ["ledger_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entry_movement_id"), ["movement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entry_project"), ["project"], unique=False)

    op.create_table("openingbalance",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("ledger_id", sa.Integer(), nullable=False),
    sa.Column("fiscal_year", sa.Integer(), nullable=False),
    sa.Column("banque", sa.Integer(), nullable=False),
    sa.Column("caisse", sa.Integer(), nullable=False),
    sa.Column("set_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("set_by", sa.Integer(), nullable=True),
    sa.CheckConstraint("caisse >= 0", name="ck_opening_caisse"),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.ForeignKeyConstraint(["set_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("ledger_id", "fiscal_year", name="uq_opening_ledger_year")
    )
    op.create_table("receipt",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("entry_id", sa.Integer(), nullable=False),
    sa.Column("file_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column("file_unique_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column("mime_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("attached_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("attached_by", sa.Integer(), nullable=True),
    sa.CheckConstraint("size >= 0", name="ck_receipt_size"),
    sa.ForeignKeyConstraint(["attached_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receipt_entry_id"), ["entry_id"], unique=False)

    op.create_table("split",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("entry_id", sa.Integer(), nullable=False),
    sa.Column("account_code", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column("amount", sa.Integer(), nullable=False),
    sa.CheckConstraint("amount > 0", name="ck_split_amount"),
    sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("entry_id", "account_code", name="uq_split_account")
    )
    with op.batch_alter_table("split", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_split_entry_id"), ["entry_id"], unique=False)

    op.create_table("tick",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("statement_id", sa.Integer(), nullable=False),
    sa.Column("entry_id", sa.Integer(), nullable=False),
    sa.Column("ticked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("ticked_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["entry_id"], ["entry.id"], ),
    sa.ForeignKeyConstraint(["statement_id"], ["statement.id"], ),
    sa.ForeignKeyConstraint(["ticked_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("entry_id")
    )
    with op.batch_alter_table("tick", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tick_statement_id"), ["statement_id"], unique=False)

    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.add_column(sa.Column("piece_numbering", sqlmodel.sql.sqltypes.AutoString(length=8), server_default="single", nullable=False))



def downgrade() -> None:
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_column("piece_numbering")

    with op.batch_alter_table("tick", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tick_statement_id"))

    op.drop_table("tick")
    with op.batch_alter_table("split", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_split_entry_id"))

    op.drop_table("split")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_entry_id"))

    op.drop_table("receipt")
    op.drop_table("openingbalance")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_project"))
        batch_op.drop_index(batch_op.f("ix_entry_movement_id"))
        batch_op.drop_index(batch_op.f("ix_entry_ledger_id"))

    op.drop_table("entry")
    with op.batch_alter_table("cashcount", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cashcount_ledger_id"))

    op.drop_table("cashcount")
    op.drop_table("yearclosing")
    with op.batch_alter_table("statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_coop_id"))

    op.drop_table("statement")
    with op.batch_alter_table("movement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_movement_coop_id"))

    op.drop_table("movement")
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.drop_index("ix_auditevent_entity")
        batch_op.drop_index(batch_op.f("ix_auditevent_coop_id"))

    op.drop_table("auditevent")
