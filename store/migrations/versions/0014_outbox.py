"""outbox of reminders and messages, reminder settings, department reminder settings

Revision ID: 0014_outbox
Revises: 0009
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0014_outbox"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("remindersettings",
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("muted", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column("hour", sa.Integer(), nullable=True),
    sa.Column("blocked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("person_id")
    )
    op.create_table("outboxmessage",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=160), nullable=False),
    sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=True),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("department_code", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("params", sa.Text(), nullable=False),
    sa.Column("batch", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column("state", sa.Enum("pending", "sending", "sent", "unknown", "blocked", "failed", name="outboxstate", native_enum=False, length=8), nullable=False),
    sa.Column("due_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["created_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["department_code"], ["department.code"], ),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("key")
    )
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_due", ["state", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outboxmessage_batch"), ["batch"], unique=False)
        batch_op.create_index(batch_op.f("ix_outboxmessage_coop_id"), ["coop_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outboxmessage_department_code"), ["department_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_outboxmessage_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_days", sqlmodel.sql.sqltypes.AutoString(length=40), server_default="15,7,3,1", nullable=False))
        batch_op.add_column(sa.Column("reminder_from_hour", sa.Integer(), server_default="8", nullable=False))
        batch_op.add_column(sa.Column("reminder_until_hour", sa.Integer(), server_default="19", nullable=False))
        batch_op.add_column(sa.Column("school_holidays", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("validation_wait_days", sa.Integer(), server_default="3", nullable=False))
        batch_op.add_column(sa.Column("report_prepare", sqlmodel.sql.sqltypes.AutoString(length=5), server_default="07-01", nullable=False))



def downgrade() -> None:
    with op.batch_alter_table("department", schema=None) as batch_op:
        batch_op.drop_column("report_prepare")
        batch_op.drop_column("validation_wait_days")
        batch_op.drop_column("school_holidays")
        batch_op.drop_column("reminder_until_hour")
        batch_op.drop_column("reminder_from_hour")
        batch_op.drop_column("reminder_days")

    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outboxmessage_person_id"))
        batch_op.drop_index(batch_op.f("ix_outboxmessage_department_code"))
        batch_op.drop_index(batch_op.f("ix_outboxmessage_coop_id"))
        batch_op.drop_index(batch_op.f("ix_outboxmessage_batch"))
        batch_op.drop_index("ix_outbox_due")

    op.drop_table("outboxmessage")
    op.drop_table("remindersettings")
