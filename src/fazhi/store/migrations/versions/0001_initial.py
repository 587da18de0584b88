"""Initial schema: cases, documents, parties, statute citations, sentences, audit ledger.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_key", sa.String(200), nullable=False, unique=True),
        sa.Column("case_number", sa.String(100)),
        sa.Column("cn_court", sa.String(20)),
        sa.Column("cn_type", sa.String(20)),
        sa.Column("cn_year", sa.Integer),
        sa.Column("cn_seq", sa.Integer),
        sa.Column("court", sa.String(100)),
        sa.Column("category", sa.String(20)),
        sa.Column("procedure", sa.String(20)),
        sa.Column("cause", sa.String(200)),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_cases_cn", "cases", ["cn_court", "cn_type", "cn_year", "cn_seq"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("doc_type", sa.String(20)),
        sa.Column("category", sa.String(20)),
        sa.Column("judgment_date", sa.Date),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("char_count", sa.Integer, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("party_count", sa.Integer, nullable=False),
        sa.Column("statute_count", sa.Integer, nullable=False),
        sa.Column("audit_id", sa.Integer),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_documents_case_id", "documents", ["case_id"])
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(30)),
        sa.Column("kind", sa.String(10)),
        sa.Column("gender", sa.String(4)),
        sa.Column("birth_date", sa.Date),
        sa.Column("ethnicity", sa.String(20)),
        sa.Column("id_number_masked", sa.String(32)),
        sa.Column("id_number_hmac", sa.String(64)),
    )
    op.create_index("ix_parties_document_id", "parties", ["document_id"])
    op.create_index("ix_parties_name", "parties", ["name"])
    op.create_index("ix_parties_id_number_hmac", "parties", ["id_number_hmac"])
    op.create_table(
        "statute_citations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("law", sa.String(200), nullable=False),
        sa.Column("article", sa.Integer),
    )
    op.create_index("ix_statute_citations_document_id", "statute_citations", ["document_id"])
    op.create_index("ix_statute_citations_law", "statute_citations", ["law"])
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("charge", sa.String(200)),
        sa.Column("term_months", sa.Integer),
        sa.Column("probation_months", sa.Integer),
        sa.Column("fine_yuan", sa.Numeric(18, 2)),
        sa.Column("death", sa.Boolean, nullable=False),
        sa.Column("life", sa.Boolean, nullable=False),
    )
    op.create_index("ix_sentences_document_id", "sentences", ["document_id"])
    op.create_table(
        "audit_records",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ts", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("subject", sa.String(200)),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_records_action", "audit_records", ["action"])
    op.create_index("ix_audit_records_subject", "audit_records", ["subject"])
    op.create_table(
        "ledger_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.execute(sa.text(f"INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '{GENESIS}')"))
    _append_only_triggers()


def _append_only_triggers() -> None:
    """Refuse UPDATE and DELETE on the audit log inside the database itself (append-only)."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_records_no_{event.lower()} BEFORE {event} ON audit_records "
                "BEGIN SELECT RAISE(ABORT, 'audit_records is append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION fazhi_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_records is append-only'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records "
            "FOR EACH ROW EXECUTE FUNCTION fazhi_audit_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_records_append_only ON audit_records")
        op.execute("DROP FUNCTION IF EXISTS fazhi_audit_append_only()")
    for table in ("ledger_head", "audit_records", "sentences", "statute_citations", "parties", "documents",
                  "cases"):
        op.drop_table(table)
