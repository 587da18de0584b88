"""``POST /extract``: the structured record of a document, not stored (``fazhi extract``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import TextIn, checked_text, echo_id

router = APIRouter(tags=["extract"])


@router.post("/extract", summary="抽取结构化信息 / extract the structured record")
def extract(body: TextIn, request: Request, user: Annotated[Principal, Depends(capable("extract"))]) -> dict[str, Any]:
    """``Assist.flat()`` of the case extraction (kind ``case_extraction``), audited."""
    from fazhi.documents.extract import extract_assist

    text = checked_text(body.text)
    out = services.run_assist(get_store(request), user, capability="extract", kind="extraction",
                              compute=lambda s: extract_assist(text), input_sha256=services.text_sha(text),
                              summary={"action": "extract"})
    return echo_id(body, services.flat(out, "extraction"))
