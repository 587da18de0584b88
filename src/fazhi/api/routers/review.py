"""``POST /review``: proof-read a judgment — findings with rule, span and suggestion (``fazhi review``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import TextIn, checked_text, echo_id

router = APIRouter(tags=["review"])


@router.post("/review", summary="文书辅助审查 / proof-read a judgment")
def review(body: TextIn, request: Request, user: Annotated[Principal, Depends(capable("review"))]) -> dict[str, Any]:
    """``Assist.flat()`` of the review (kind ``document_review``), audited with counts only."""
    from fazhi.review.assist import audit_summary, review_assist

    text = checked_text(body.text)
    summary: dict[str, Any] = {}

    def compute(_session: Any) -> Any:
        assist, findings = review_assist(text, kb=services.kb())
        summary.update(audit_summary(findings))
        return assist

    out = services.run_assist(get_store(request), user, capability="review", kind="document_review",
                              compute=compute, input_sha256=services.text_sha(text), summary=summary)
    return echo_id(body, services.flat(out, "document_review"))
