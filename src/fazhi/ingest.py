"""Ingest: files and record collections in, stored cases out — whole documents or nothing.

Each document is extracted, then stored with its parties, citations, sentences and the
audit record of its extraction in ONE transaction: a crash or a kill leaves either the
whole document or no trace of it. The content hash makes a second run a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fazhi.assist import Assist
from fazhi.documents.case_number import parse_case_number
from fazhi.documents.extract import extract_assist
from fazhi.documents.formats import BadRecord, SourceRecord, iter_records
from fazhi.documents.readers import iter_paths
from fazhi.documents.record import CaseRecord, SentenceRecord, StatuteRef
from fazhi.errors import BadInput
from fazhi.ledger import record_assist
from fazhi.secrets import keyed_hash, mask_number
from fazhi.store import Case, Document, Party, Sentence, StatuteCitation, Store


@dataclass
class StoredDocument:
    """What storing one document did: its ids, whether it was new, and the Assist."""

    document_id: int
    case_id: int
    created: bool
    assist: Assist | None


@dataclass
class IngestReport:
    """Counts and per-source errors of one ingest run."""

    stored: int = 0
    skipped: int = 0  # already in the store (same content hash)
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "skipped": self.skipped, "failed": len(self.errors), "errors": self.errors}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def apply_record_meta(rec: CaseRecord, fmt: str, meta: dict[str, Any]) -> None:
    """Fill what a dataset's labels say where the text alone does not (CAIL facts, CJRC passages)."""
    if fmt == "cail2018":
        rec.category = rec.category or "刑事"
        rec.doc_type = rec.doc_type or "其他"
        charges = [c if c.endswith("罪") else c + "罪" for c in meta.get("charges", [])]
        rec.cause = rec.cause or ("、".join(charges) or None)
        if not rec.statutes:
            rec.statutes = [StatuteRef(law="中华人民共和国刑法", article=int(a)) for a in meta.get("articles", [])]
        if not rec.sentences:
            names = meta.get("criminals") or [None]
            fine = meta.get("fine")
            rec.sentences = [SentenceRecord(
                name=names[0], charge=rec.cause, term_months=meta.get("term_months"),
                fine_yuan=Decimal(str(fine)) if fine else None,
                death=bool(meta.get("death")), life=bool(meta.get("life")))]
        rec.warnings = [w for w in rec.warnings if w != "未识别到文书类型"]
    elif fmt == "cjrc":
        rec.cause = rec.cause or meta.get("casename")


def store_document(session: Session, *, text: str, sha256: str, source: str, fmt: str, actor: str,
                   meta: dict[str, Any] | None = None) -> StoredDocument:
    """Extract and store one document in the caller's transaction (idempotent by ``sha256``)."""
    existing = session.execute(select(Document.id, Document.case_id).where(Document.sha256 == sha256)).first()
    if existing:
        return StoredDocument(existing[0], existing[1], False, None)
    assist = extract_assist(text)
    rec: CaseRecord = assist.result
    if meta:
        apply_record_meta(rec, fmt, meta)
    case = _case_for(session, rec, sha256)
    assist = record_assist(session, assist, actor=actor, input_sha256=sha256,
                           summary={"action": "ingest", "doc_type": rec.doc_type, "format": fmt})
    record = rec.as_dict()
    for p in record["parties"]:  # personal numbers never stored in clear (法发〔2022〕33号 §20)
        if p.get("id_number"):
            p["id_number"] = mask_number(p["id_number"])
    doc = Document(
        case=case, sha256=sha256, source=source[:2000], format=fmt, doc_type=rec.doc_type, category=rec.category,
        judgment_date=rec.judgment_date, text=text, char_count=len(text), record=record,
        party_count=len(rec.parties), statute_count=len(rec.statutes), audit_id=assist.audit_id,
        ingested_at=_now(),
    )
    for i, p in enumerate(rec.parties):
        doc.parties.append(Party(
            seq=i, name=p.name[:200], role=p.role, kind=p.kind, gender=p.gender, birth_date=p.birth_date,
            ethnicity=p.ethnicity, id_number_masked=mask_number(p.id_number) if p.id_number else None,
            id_number_hmac=keyed_hash(p.id_number) if p.id_number else None))
    for s in rec.statutes:
        doc.statutes.append(StatuteCitation(law=s.law[:200], article=s.article))
    for s in rec.sentences:
        doc.sentences.append(Sentence(name=s.name, charge=s.charge, term_months=s.term_months,
                                      probation_months=s.probation_months, fine_yuan=s.fine_yuan,
                                      death=s.death, life=s.life))
    session.add(doc)
    session.flush()
    return StoredDocument(doc.id, case.id, True, assist)


def analyze_document(session: Session, *, text: str, sha256: str, source: str, fmt: str,
                     actor: str) -> StoredDocument:
    """``fazhi analyze``: store the document if new; either way return it with a fresh, audited Assist."""
    stored = store_document(session, text=text, sha256=sha256, source=source, fmt=fmt, actor=actor)
    if stored.assist is None:  # already stored: analyse again for display and record that it was viewed
        stored.assist = record_assist(session, extract_assist(text), actor=actor, input_sha256=sha256,
                                      summary={"action": "analyze", "stored": False})
    return stored


def _case_for(session: Session, rec: CaseRecord, sha256: str) -> Case:
    """The case this document belongs to: by 案号 (and court), else a case of its own."""
    key = f"{rec.case_number}" if rec.case_number else f"doc:{sha256[:32]}"
    case = session.execute(select(Case).where(Case.case_key == key)).scalar_one_or_none()
    if case is None:
        cn = _cn_parts(rec.case_number)
        case = Case(case_key=key, case_number=rec.case_number, court=rec.court, category=rec.category,
                    procedure=rec.procedure, cause=rec.cause, created_at=_now(), **cn)
        session.add(case)
        session.flush()
    else:
        case.cause = case.cause or rec.cause
        case.court = case.court or rec.court
    return case


def _cn_parts(case_number: str | None) -> dict[str, Any]:
    cn = parse_case_number(case_number) if case_number else None
    if cn is None:
        return {}
    return {"cn_court": cn.court_code, "cn_type": cn.type_code, "cn_year": cn.year, "cn_seq": cn.seq}


def iter_sources(paths: Iterable[Path]) -> Iterator[SourceRecord | BadRecord]:
    """Every record under ``paths`` (directories walked lazily; bad files become BadRecords)."""
    for path in iter_paths(list(paths)):
        try:
            yield from iter_records(path)
        except BadInput as exc:
            yield BadRecord(source=str(path), error=exc)


def ingest(store: Store, paths: list[Path], *, actor: str,
           on_progress: Callable[[int, str], None] | None = None) -> IngestReport:
    """Ingest every document under ``paths``, one transaction per document."""
    report = IngestReport()
    for n, item in enumerate(iter_sources(paths), start=1):
        if isinstance(item, BadRecord):
            report.errors.append({"source": item.source, "error": item.error.message()})
        else:
            try:
                with store.session() as session:
                    result = store_document(session, text=item.text, sha256=item.sha256, source=item.source,
                                            fmt=item.format, actor=actor, meta=item.meta)
            except Exception as exc:  # one bad document must not stop a batch; nothing of it was stored
                report.errors.append({"source": item.source,
                                      "error": f"内部错误，该文书未入库 / internal error, document not stored: "
                                               f"{type(exc).__name__}"})
            else:
                if result.created:
                    report.stored += 1
                else:
                    report.skipped += 1
        if on_progress:
            on_progress(n, getattr(item, "source", ""))
    return report
