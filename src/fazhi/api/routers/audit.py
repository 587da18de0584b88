"""``GET /audit``: the audit records the user may read (own; court's for managers; all for admins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import get_store, require

router = APIRouter(tags=["audit"])


@router.get("/audit", summary="审计记录 / audit records")
def audit(request: Request, user: Annotated[Principal, Depends(require("audit"))],
          last: Annotated[int, Query(ge=1, le=1000)] = 50,
          action: Annotated[str | None, Query(max_length=60, pattern=r"^[a-z_]+$")] = None) -> dict[str, Any]:
    """``{"records": [...]}``, oldest first, the latest ``last`` the user may read (hashes and summaries only)."""
    with get_store(request).session() as session:
        return {"records": services.audit_records(session, user, last=last, action=action)}
