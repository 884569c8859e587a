"""yearly reports: state, CRA answers and projects, quitus, attachments

Revision ID: 0011_reports
Revises: 0010_crf
Create Date: 2026-11-30
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0011_reports"
down_revision = "0010_crf"
branch_labels = None
depends_on = None

STATUSES = ("in_progress", "quitus_requested", "sent", "to_complete", "modified", "validated")


def upgrade() -> None:
    op.create_table("report",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("coop_id", sa.Integer(), nullable=False),
    sa.Column("fiscal_year", sa.Integer(), nullable=False),
    sa.Column("status", sa.Enum(*STATUSES, name="reportstatus", native_enum=False, length=16), nullable=False),
    sa.Column("councils", sa.Integer(), nullable=True),
    sa.Column("occe_actions", sa.Text(), nullable=True),
    sa.Column("comments", sa.Text(), nullable=True),
    sa.Column("projects_done", sa.Boolean(), nullable=False),
    sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("started_by", sa.Integer(), nullable=True),
    sa.Column("quitus_requested_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("sent_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("sent_by", sa.Integer(), nullable=True),
    sa.Column("ad_comment", sa.Text(), nullable=True),
    sa.Column("modified_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("change_told", sa.Boolean(), nullable=False),
    sa.Column("validated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column("validated_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["coop_id"], ["coop.id"], ),
    sa.ForeignKeyConstraint(["started_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["sent_by"], ["person.id"], ),
    sa.ForeignKeyConstraint(["validated_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("coop_id", "fiscal_year", name="uq_report_coop_year")
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_coop_id"), ["coop_id"], unique=False)

    op.create_table("reportproject",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column("classes", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.ForeignKeyConstraint(["report_id"], ["report.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("reportproject", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reportproject_report_id"), ["report_id"], unique=False)

    op.create_table("quitus",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column("parent", sa.Boolean(), nullable=False),
    sa.Column("day", sa.Date(), nullable=False),
    sa.Column("confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(["report_id"], ["report.id"], ),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id"),
    sa.UniqueConstraint("report_id", "person_id", name="uq_quitus_person")
    )
    with op.batch_alter_table("quitus", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quitus_report_id"), ["report_id"], unique=False)

    op.create_table("reportattachment",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column("path", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column("mime_type", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column("size", sa.BigInteger(), nullable=False),
    sa.Column("attached_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column("attached_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["report_id"], ["report.id"], ),
    sa.ForeignKeyConstraint(["attached_by"], ["person.id"], ),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("reportattachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reportattachment_report_id"), ["report_id"], unique=False)


def downgrade() -> None:
    for table in ("reportattachment", "quitus", "reportproject", "report"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_report_id" if table != "report" else "ix_report_coop_id"))
        op.drop_table(table)
