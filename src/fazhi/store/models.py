"""SQLAlchemy 2 models of the store: cases, documents, parties, citations, sentences, audit.

The schema itself is created and changed only by the Alembic migrations in
``fazhi/store/migrations``; these classes mirror it for the ORM.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from fazhi.store.divisions import division_for
from fazhi.store.sealed import SealedText


class Base(DeclarativeBase):
    """Declarative base of every fazhi table."""


def _division_default(context) -> str | None:  # type: ignore[no-untyped-def]
    """A new case's division (审判庭), derived from its category at insert time."""
    return division_for(context.get_current_parameters().get("category"))


class Case(Base):
    """A case: one 案号 at one court (documents without a 案号 get a case of their own)."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_key: Mapped[str] = mapped_column(String(200), unique=True)
    case_number: Mapped[str | None] = mapped_column(String(100))
    # Parsed 案号 parts, indexed as case_number.md §7 asks: (court, type, year, seq).
    cn_court: Mapped[str | None] = mapped_column(String(20))
    cn_type: Mapped[str | None] = mapped_column(String(20))
    cn_year: Mapped[int | None] = mapped_column(Integer)
    cn_seq: Mapped[int | None] = mapped_column(Integer)
    court: Mapped[str | None] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(20))
    procedure: Mapped[str | None] = mapped_column(String(20))
    cause: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(String(40))
    # The division that handles the case (刑事审判庭 …): the unit of case scoping (migration 0002).
    division: Mapped[str | None] = mapped_column(String(50), index=True, default=_division_default)

    documents: Mapped[list[Document]] = relationship(back_populates="case")

    __table_args__ = (Index("ix_cases_cn", "cn_court", "cn_type", "cn_year", "cn_seq"),)


class Document(Base):
    """One document, stored whole with its extracted record; ``sha256`` makes ingest idempotent."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    doc_type: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str | None] = mapped_column(String(20))
    judgment_date: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(SealedText)  # sealed at rest (store/sealed.py)
    char_count: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict] = mapped_column(JSON)
    party_count: Mapped[int] = mapped_column(Integer)
    statute_count: Mapped[int] = mapped_column(Integer)
    audit_id: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[str] = mapped_column(String(40))

    case: Mapped[Case] = relationship(back_populates="documents")
    parties: Mapped[list[Party]] = relationship(back_populates="document", cascade="all, delete-orphan")
    statutes: Mapped[list[StatuteCitation]] = relationship(
        back_populates="document", cascade="all, delete-orphan"
    )
    sentences: Mapped[list[Sentence]] = relationship(back_populates="document", cascade="all, delete-orphan")


class Party(Base):
    """A party or participant named in a document's party block."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), index=True)
    role: Mapped[str | None] = mapped_column(String(30))
    kind: Mapped[str | None] = mapped_column(String(10))
    gender: Mapped[str | None] = mapped_column(String(4))
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    # 公民身份号码 is never stored in clear: a mask for display, a keyed hash for matching.
    id_number_masked: Mapped[str | None] = mapped_column(String(32))
    id_number_hmac: Mapped[str | None] = mapped_column(String(64), index=True)

    document: Mapped[Document] = relationship(back_populates="parties")


class StatuteCitation(Base):
    """A statute article cited in a document, as written."""

    __tablename__ = "statute_citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    law: Mapped[str] = mapped_column(String(200), index=True)
    article: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="statutes")


class Sentence(Base):
    """A sentence given to one defendant (criminal judgments)."""

    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    charge: Mapped[str | None] = mapped_column(String(200))
    term_months: Mapped[int | None] = mapped_column(Integer)
    probation_months: Mapped[int | None] = mapped_column(Integer)
    fine_yuan: Mapped[float | None] = mapped_column(Numeric(18, 2))
    death: Mapped[bool] = mapped_column(default=False)
    life: Mapped[bool] = mapped_column(default=False)

    document: Mapped[Document] = relationship(back_populates="sentences")


class AuditRecord(Base):
    """One append-only, hash-chained audit record (see :mod:`fazhi.ledger`)."""

    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60), index=True)
    subject: Mapped[str | None] = mapped_column(String(200), index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class LedgerHead(Base):
    """The single row naming the last audit record; appenders lock it to keep the chain linear."""

    __tablename__ = "ledger_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
