"""``GET /cases``, ``GET /cases/{id}``, ``GET /cases/{id}/documents/{doc_id}``: the user's cases only.

Judges and clerks see their court and division, court managers their court (``services.case_scope``);
a case outside the scope answers 404, exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import get_store, require

router = APIRouter(prefix="/cases", tags=["cases"])
Reader = Annotated[Principal, Depends(require("cases"))]


def _not_found() -> HTTPException:
    return HTTPException(404, "没有这个案件或文书，或不在您的查看范围内 / no such case or document in your scope")


@router.get("", summary="案件列表与查找 / list or search the user's cases")
def cases(request: Request, user: Reader,
          q: Annotated[str | None, Query(max_length=200, description="案号、法院、案由或当事人名称")] = None,
          limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
    """``{"cases": [...]}``, newest first, within the user's court (and division)."""
    with get_store(request).session() as session:
        rows = services.list_cases(session, user, query=q, limit=limit)
    return {"cases": rows, "scope": {"court": user.court, "division": user.division if user.role != "manager" else None}}


@router.get("/{case_id}", summary="案件详情 / one case with its documents")
def case(case_id: int, request: Request, user: Reader) -> dict[str, Any]:
    """The case and its documents' stored records (personal numbers masked)."""
    with get_store(request).session() as session:
        detail = services.case_detail(session, user, case_id)
    if detail is None:
        raise _not_found()
    return detail


@router.get("/{case_id}/documents/{doc_id}", summary="文书详情 / one document with its text")
def document(case_id: int, doc_id: int, request: Request, user: Reader) -> dict[str, Any]:
    """The document's record and full text, if it belongs to a case in the user's scope."""
    with get_store(request).session() as session:
        detail = services.document_detail(session, user, case_id, doc_id)
    if detail is None:
        raise _not_found()
    return detail
