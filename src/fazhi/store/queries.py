"""Read-side queries over the store: case search and case detail, as plain dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fazhi.store.models import Case, Document, Party


def search_cases(session: Session, *, query: str | None = None, limit: int = 50, court: str | None = None,
                 division: str | None = None) -> list[dict[str, Any]]:
    """Cases whose 案号, court, cause or a party's name contains ``query`` (all cases when None).

    ``court`` and ``division`` (exact) narrow the search to one court or one of its divisions:
    the workbench's case scoping.
    """
    stmt = select(Case, func.count(Document.id)).join(Document, Document.case_id == Case.id).group_by(Case.id)
    if court is not None:
        stmt = stmt.where(Case.court == court)
    if division is not None:
        stmt = stmt.where(Case.division == division)
    if query:
        like = f"%{query.strip()}%"
        party_cases = select(Document.case_id).join(Party, Party.document_id == Document.id).where(Party.name.like(like))
        stmt = stmt.where(or_(Case.case_number.like(like), Case.court.like(like), Case.cause.like(like),
                              Case.id.in_(party_cases)))
    stmt = stmt.order_by(Case.id.desc()).limit(limit)
    return [{"case_id": c.id, "case_number": c.case_number, "court": c.court, "cause": c.cause,
             "category": c.category, "procedure": c.procedure, "division": c.division, "documents": n}
            for c, n in session.execute(stmt).all()]


def case_detail(session: Session, case_id: int) -> dict[str, Any] | None:
    """One case with its documents' stored records (personal numbers already masked)."""
    case = session.get(Case, case_id)
    if case is None:
        return None
    docs = session.execute(select(Document).where(Document.case_id == case_id).order_by(Document.id)).scalars()
    return {"case_id": case.id, "case_number": case.case_number, "court": case.court, "cause": case.cause,
            "category": case.category, "procedure": case.procedure, "division": case.division,
            "documents": [{"document_id": d.id, "source": d.source, "doc_type": d.doc_type, "audit_id": d.audit_id,
                           "sha256": d.sha256, "record": d.record} for d in docs]}


def document_detail(session: Session, document_id: int) -> dict[str, Any] | None:
    """One document: its stored record and its full text (unsealed), or None."""
    d = session.get(Document, document_id)
    if d is None:
        return None
    return {"document_id": d.id, "case_id": d.case_id, "source": d.source, "format": d.format,
            "doc_type": d.doc_type, "category": d.category,
            "judgment_date": d.judgment_date.isoformat() if d.judgment_date else None, "audit_id": d.audit_id,
            "sha256": d.sha256, "ingested_at": d.ingested_at, "record": d.record, "text": d.text}
