"""Recording an Assist in the audit log: hashes of input and output plus a short summary."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.orm import Session

from fazhi.assist import Assist
from fazhi.ledger.chain import append, canonical_json


def record_assist(session: Session, assist: Assist, *, actor: str, input_sha256: str,
                  summary: dict[str, Any] | None = None) -> Assist:
    """Append an ``assist`` record and return the Assist carrying its ``audit_id``.

    Only hashes and a non-personal summary go into the log (法发〔2022〕33号 §20: logs hold
    no personal information), yet the output can later be proved unchanged by its hash.
    """
    output_sha = hashlib.sha256(canonical_json(assist.to_dict()).encode("utf-8")).hexdigest()
    payload = {
        "kind": assist.kind,
        "model": assist.model.to_dict(),
        "input_sha256": input_sha256,
        "output_sha256": output_sha,
        "confidence": assist.confidence,
        "summary": summary or {},
    }
    rec = append(session, actor=actor, action="assist", subject=input_sha256, payload=payload)
    return assist.with_audit_id(rec.seq)
