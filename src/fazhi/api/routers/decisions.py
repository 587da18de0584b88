"""``POST /decisions`` and ``GET /decisions``: 采纳 / 修改 / 不采纳 an assist, with the reason, audited."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import get_store, require
from fazhi.api.schemas import Body

router = APIRouter(prefix="/decisions", tags=["decisions"])
Decider = Annotated[Principal, Depends(require("decide"))]


class DecisionIn(Body):
    audit_id: int = Field(ge=1, description="所决定的辅助结果的审计编号（Assist 的 audit_id）")
    decision: Literal["adopt", "modify", "reject"] = Field(description="adopt 采纳 / modify 修改 / reject 不采纳")
    reason: str | None = Field(default=None, max_length=2000, description="理由（修改、不采纳时必填）")
    modified: Any = Field(default=None, description="修改后的内容（选择修改时）")


@router.post("", status_code=201, summary="记录对辅助结果的决定 / record a decision on an assist")
def decide(body: DecisionIn, request: Request, user: Decider) -> dict[str, Any]:
    """The recorded decision with ``decision_audit_id``, the audit record holding it."""
    got = services.record_decision(get_store(request), user, audit_id=body.audit_id, decision=body.decision,
                                   reason=body.reason, modified=body.modified)
    if got is None:
        raise HTTPException(404, "没有这个辅助结果，或不在您的范围内 / no such assist in your scope")
    return got


@router.get("", summary="本人对辅助结果的决定 / my decisions on assists")
def decisions(request: Request, user: Decider,
              audit_id: Annotated[list[int], Query(max_length=200)]) -> dict[str, Any]:
    """``{"decisions": {audit_id: decision}}``: the user's latest decision on each assist asked about."""
    with get_store(request).session() as session:
        found = services.decisions_for(session, user, audit_id)
    return {"decisions": {str(k): v for k, v in found.items()}}
