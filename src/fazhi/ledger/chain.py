"""The append-only, hash-chained audit log (法发〔2022〕33号 §6: every function traceable).

Each record carries the SHA-256 of the previous one, so editing, deleting or reordering
any record breaks the chain and :func:`verify` says where. Records hold hashes and
summaries, never the documents' personal data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fazhi.store.models import AuditRecord, LedgerHead

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """The one JSON spelling that is hashed: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def record_hash(*, prev_hash: str, ts: str, actor: str, action: str, subject: str | None, payload: str) -> str:
    """SHA-256 over a record's content and the previous record's hash."""
    body = canonical_json([prev_hash, ts, actor, action, subject, payload])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(session: Session, *, actor: str, action: str, subject: str | None = None,
           payload: dict[str, Any] | None = None) -> AuditRecord:
    """Append one record inside the caller's transaction, so it commits with the work it records.

    Bumping the single ``ledger_head`` row first takes a row lock (PostgreSQL) or the write
    lock (SQLite), so concurrent appenders queue up and the chain stays linear.
    """
    session.execute(update(LedgerHead).where(LedgerHead.id == 1).values(seq=LedgerHead.seq + 1))
    head = session.execute(select(LedgerHead).where(LedgerHead.id == 1)).scalar_one()
    ts = datetime.now(UTC).isoformat(timespec="microseconds")
    body = canonical_json(payload or {})
    digest = record_hash(prev_hash=head.hash, ts=ts, actor=actor, action=action, subject=subject, payload=body)
    record = AuditRecord(seq=head.seq, ts=ts, actor=actor, action=action, subject=subject, payload=body,
                         prev_hash=head.hash, hash=digest)
    session.add(record)
    head.hash = digest
    session.flush()
    return record


@dataclass
class Problem:
    """One break in the chain: which record, and what happened to it."""

    seq: int
    kind: str  # edited | deleted | reordered | truncated | anchor
    message_zh: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "message_zh": self.message_zh, "message_en": self.message_en}


@dataclass
class VerifyReport:
    """The result of :func:`verify`: records checked, head, and every problem found."""

    checked: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "checked": self.checked, "head_seq": self.head_seq, "head_hash": self.head_hash,
                "problems": [p.to_dict() for p in self.problems]}


def verify(session: Session, *, anchor: tuple[int, str] | None = None) -> VerifyReport:
    """Walk the log in order and report every edited, deleted or reordered record.

    ``anchor`` is a (seq, hash) pair kept outside the database (``fazhi audit head``); it
    also catches an attacker who rewrote the whole chain after that point.
    """
    report = VerifyReport()
    # First pass: where every record's hash stands, so a broken link can be told apart as a
    # record moved elsewhere (its predecessor exists) or a record removed (it does not).
    position = {GENESIS[:16]: 0}
    for seq, digest in session.execute(select(AuditRecord.seq, AuditRecord.hash)).yield_per(5000):
        position[digest[:16]] = seq
    prev_hash, expected = GENESIS, 1
    rows = session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars()
    for rec in rows.yield_per(2000):
        report.checked += 1
        content_ok = rec.hash == record_hash(prev_hash=rec.prev_hash, ts=rec.ts, actor=rec.actor,
                                             action=rec.action, subject=rec.subject, payload=rec.payload)
        if not content_ok:
            report.problems.append(Problem(rec.seq, "edited", f"第{rec.seq}条审计记录的内容已被修改",
                                           f"audit record {rec.seq} was edited (content does not match its hash)"))
        elif rec.prev_hash != prev_hash:
            if rec.prev_hash[:16] in position:
                report.problems.append(Problem(rec.seq, "reordered", f"第{rec.seq}条审计记录的位置被调换",
                                               f"audit record {rec.seq} was moved out of order"))
            elif rec.seq > expected:
                report.problems.append(Problem(
                    expected, "deleted", f"第{expected}至{rec.seq - 1}条审计记录已被删除",
                    f"audit records {expected}..{rec.seq - 1} were deleted"))
            else:
                report.problems.append(Problem(rec.seq, "deleted", f"第{rec.seq}条审计记录之前的记录已被删除或替换",
                                               f"records before audit record {rec.seq} were deleted or replaced"))
        prev_hash, expected = rec.hash, rec.seq + 1
        report.head_seq, report.head_hash = rec.seq, rec.hash
    head = session.execute(select(LedgerHead).where(LedgerHead.id == 1)).scalar_one_or_none()
    if head is not None and head.seq > report.head_seq:
        report.problems.append(Problem(
            report.head_seq + 1, "truncated", f"第{report.head_seq + 1}至{head.seq}条审计记录已被删除（日志尾部）",
            f"audit records {report.head_seq + 1}..{head.seq} were deleted from the end of the log"))
    if anchor is not None:
        a_seq, a_hash = anchor
        if position.get(a_hash[:16]) != a_seq:
            report.problems.append(Problem(a_seq, "anchor", f"第{a_seq}条审计记录与外部保存的锚点不符",
                                           f"audit record {a_seq} does not match the anchor kept outside the database"))
    return report


def head(session: Session) -> tuple[int, str]:
    """The current (seq, hash) of the log, to keep outside the database as an anchor."""
    row = session.execute(select(LedgerHead).where(LedgerHead.id == 1)).scalar_one()
    return row.seq, row.hash
