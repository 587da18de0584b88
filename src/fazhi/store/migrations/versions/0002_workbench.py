"""Workbench: users, login sessions, opt-outs, emergency stops, jobs, decisions; cases.division.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Frozen copy of fazhi.store.divisions at this revision (migrations must not follow later edits).
_DIVISIONS = {"刑事": "刑事审判庭", "民事": "民事审判庭", "行政": "行政审判庭", "执行": "执行局",
              "国家赔偿": "赔偿委员会办公室"}


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("court", sa.String(100)),
        sa.Column("division", sa.String(50)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_user_sessions_user_id", "user_sessions", ["user_id"])
    op.create_index("ix_user_sessions_expires_at", "user_sessions", ["expires_at"])
    op.create_table(
        "user_opt_outs",
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("kind", sa.String(40), primary_key=True),
    )
    op.create_table(
        "capability_stops",
        sa.Column("capability", sa.String(20), primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("stopped_by", sa.String(200), nullable=False),
        sa.Column("stopped_at", sa.String(40), nullable=False),
        sa.Column("audit_seq", sa.Integer),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("result", sa.JSON),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_jobs_user_id", "jobs", ["user_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("audit_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("decision", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("modified", sa.JSON),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("ledger_seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_decisions_audit_id", "decisions", ["audit_id"])
    op.create_index("ix_decisions_user_id", "decisions", ["user_id"])
    op.add_column("cases", sa.Column("division", sa.String(50)))
    op.create_index("ix_cases_division", "cases", ["division"])
    cases = sa.table("cases", sa.column("category", sa.String), sa.column("division", sa.String))
    for category, division in _DIVISIONS.items():
        op.execute(cases.update().where(cases.c.category == category).values(division=division))


def downgrade() -> None:
    op.drop_index("ix_cases_division", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("division")
    for index, table in (("ix_decisions_user_id", "decisions"), ("ix_decisions_audit_id", "decisions"),
                         ("ix_jobs_user_id", "jobs"), ("ix_user_sessions_expires_at", "user_sessions"),
                         ("ix_user_sessions_user_id", "user_sessions")):
        op.drop_index(index, table_name=table)
    for table in ("decisions", "jobs", "capability_stops", "user_opt_outs", "user_sessions", "users"):
        op.drop_table(table)
