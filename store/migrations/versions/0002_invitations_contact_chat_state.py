"""invitations, contact, chat state

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("chatstate",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("data", sa.Text(), nullable=False),
    sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("kind", "name", "key", name="uq_chat_state")
    )
    op.create_table("contactmessage",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=True),
    sa.Column("department_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["department_code"], ["department.code"], ),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    op.create_table("contactcopy",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contact_id", sa.Integer(), nullable=False),
    sa.Column("chat_id", sa.BigInteger(), nullable=False),
    sa.Column("message_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["contact_id"], ["contactmessage.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("chat_id", "message_id", name="uq_contact_copy")
    )
    op.create_table("invitation",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column("role", sa.Enum("ad", "mandataire", "signataire", "enseignant", "verificateur", name="rolekind", native_enum=False, length=16), nullable=False),
    sa.Column("department_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column("coop_id", sa.Integer(), nullable=True),
    sa.Column("ledger_id", sa.Integer(), nullable=True),
    sa.Column("person_id", sa.Integer(), nullable=True),
    sa.Column("invited_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("used_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["department_code"], ["department.code"], ),
    sa.ForeignKeyConstraint(["invited_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["ledger_id"], ["ledger.id"], ),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.ForeignKeyConstraint(["used_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("code_hash")
    )
    op.create_table("mandatechange",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("invitation_id", sa.Integer(), nullable=False),
    sa.Column("requested_by", sa.Integer(), nullable=False),
    sa.Column("requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("successor_id", sa.Integer(), nullable=True),
    sa.Column("confirmed_by", sa.Integer(), nullable=True),
    sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["confirmed_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["invitation_id"], ["invitation.id"], ),
    sa.ForeignKeyConstraint(["requested_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["successor_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("invitation_id")
    )
    with op.batch_alter_table("mandatechange", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mandatechange_coop_id"), ["coop_id"], unique=False)




def downgrade() -> None:
    with op.batch_alter_table("mandatechange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mandatechange_coop_id"))

    op.drop_table("mandatechange")
    op.drop_table("invitation")
    op.drop_table("contactcopy")
    op.drop_table("contactmessage")
    op.drop_table("chatstate")

