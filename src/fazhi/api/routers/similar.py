"""``POST /similar``: similar stored cases, explained (``fazhi similar``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import TextIn, checked_text, echo_id

router = APIRouter(tags=["similar"])


class SimilarIn(TextIn):
    k: int = Field(default=10, ge=1, le=100)
    charge: str | None = Field(default=None, max_length=100)
    court: str | None = Field(default=None, max_length=100)
    province: str | None = Field(default=None, max_length=4)
    year_from: int | None = Field(default=None, ge=1949, le=2100)
    year_to: int | None = Field(default=None, ge=1949, le=2100)


@router.post("/similar", summary="类案推送 / similar cases")
def similar(body: SimilarIn, request: Request, user: Annotated[Principal, Depends(capable("similar"))]) -> dict[str, Any]:
    """``Assist.flat()`` of the similar-case push (kind ``similar_cases``), audited."""
    from fazhi.cases.index import load_case_index
    from fazhi.cases.search import Filters, similar_assist
    from fazhi.laws.dense import load_encoder

    text = checked_text(body.text)
    # users see only the cases of their own court (issue 7): the similar-case library is the court's
    court = user.court if user.court else body.court
    filters = Filters(body.charge, court, body.province, body.year_from, body.year_to)

    def compute(session: Any) -> Any:
        index = load_case_index(session)
        encoder = load_encoder() if index.dense is not None else None
        return similar_assist(session, text, k=body.k, filters=filters, index=index, encoder=encoder)

    out = services.run_assist(get_store(request), user, capability="similar", kind="similar_cases", compute=compute,
                              input_sha256=services.text_sha(text), summary={"action": "similar", "k": body.k})
    return echo_id(body, services.flat(out, "similar_cases"))
