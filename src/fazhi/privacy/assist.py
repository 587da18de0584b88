"""The anonymiser as an Assist: the proposed published text with every change and its rule.

The audit log gets only counts per type and rule (never the personal data that was masked).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from fazhi.assist import Assist, Basis, ModelInfo, Span
from fazhi.privacy.anonymize import REVIEW_THRESHOLD, Anonymized, anonymize
from fazhi.privacy.pseudonyms import PseudonymTable

MODEL = ModelInfo(name="fazhi-anonymizer", version="0.1.0", card_id="anonymize-0.1")


def anonymize_assist(text: str, profile: str = "2024", *, mask_style: str = "single",
                     table: PseudonymTable | None = None, effective_date: date | None = None,
                     review_threshold: float = REVIEW_THRESHOLD) -> tuple[Assist, Anonymized]:
    """(Assist, the full result) for one document."""
    res = anonymize(text, profile, mask_style=mask_style, table=table, effective_date=effective_date,
                    review_threshold=review_threshold)
    counts = Counter(c.type for c in res.changes)
    failed = [q["check"] for q in res.qa if not q["passed"]]
    parts = [f"按{profile}版规则隐去或替换{len(res.changes)}处（" +
             "、".join(f"{k} {v}" for k, v in sorted(counts.items())) + "）" if res.changes else
             f"按{profile}版规则未发现需要隐去的信息"]
    if res.review:
        parts.append(f"{len(res.review)}项置信度较低或未能确定，已列入人工复核清单")
    if failed:
        parts.append("自检未通过：" + "、".join(failed))
    if not res.publish["publishable"]:
        parts.append("该文书依法不在互联网公布全文：" + str(res.publish["reason"]))
    confidence = min((c.confidence for c in res.changes), default=1.0)
    assist = Assist(kind="anonymization", result=res.as_dict(), model=MODEL,
                    explanation="；".join(parts) + "。公开前须由工作人员复核确认。",
                    basis=Basis(spans=tuple(Span(c.start, c.end, f"{c.type}:{c.rule}") for c in res.changes)),
                    confidence=confidence)
    return assist, res


def audit_summary(res: Anonymized) -> dict[str, Any]:
    """What the audit log may hold about an anonymisation: counts, never the masked values."""
    return {"action": "anonymize", "profile": res.profile,
            "changes": dict(Counter(c.type for c in res.changes)), "review": len(res.review),
            "qa_failed": [q["check"] for q in res.qa if not q["passed"]],
            "publishable": res.publish["publishable"]}
