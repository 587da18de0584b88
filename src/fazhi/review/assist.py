"""Proof-reading as an Assist: the findings with their rule, span and suggestion."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fazhi.assist import Assist, Basis, ModelInfo, Span
from fazhi.review.registry import Finding
from fazhi.review.run import review

MODEL = ModelInfo(name="fazhi-review", version="0.1.0", card_id="review-rules-0.1")


def review_assist(text: str, *, kb: Any = None) -> tuple[Assist, list[Finding]]:
    """(Assist, findings) for one document."""
    findings = review(text, kb=kb)
    sev = Counter(f.severity for f in findings)
    if findings:
        explanation = (f"发现{len(findings)}处需核对的问题（错误{sev['error']}、警告{sev['warning']}、提示{sev['info']}），"
                       "每项附规则依据和修改建议；是否修改由承办人员决定。")
    else:
        explanation = "未发现规则可检查的问题。规则检查不能代替人工校对。"
    assist = Assist(kind="document_review", result={"findings": [f.as_dict() for f in findings]}, model=MODEL,
                    explanation=explanation,
                    basis=Basis(spans=tuple(Span(f.start, f.end, f.check) for f in findings)), confidence=None)
    return assist, findings


def audit_summary(findings: list[Finding]) -> dict[str, Any]:
    """Counts per check and severity for the audit log (no text from the document)."""
    return {"action": "review", "findings": len(findings),
            "by_severity": dict(Counter(f.severity for f in findings)),
            "checks": sorted({f.check for f in findings})}
