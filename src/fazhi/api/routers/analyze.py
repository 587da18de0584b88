"""``POST /analyze``: read a document, store the case, check its citations (``fazhi analyze``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import TextIn, checked_text, echo_id

router = APIRouter(tags=["analyze"])


class AnalyzeIn(TextIn):
    source: str | None = Field(default=None, max_length=200, description="来源说明（如文件名）")


@router.post("/analyze", summary="分析并入库一份文书 / analyse and store one document")
def analyze(body: AnalyzeIn, request: Request, user: Annotated[Principal, Depends(capable("analyze"))]) -> dict[str, Any]:
    """The extracted case (``Assist.flat()``), where it was stored, its citation checks and, for a
    criminal judgment, the prediction and deviation check; ``opted_out`` lists the kinds left out."""
    text = checked_text(body.text)
    label = services.safe_filename(body.source, default="text") if body.source else "text"
    return echo_id(body, services.analyze_text(get_store(request), user, text, source=f"api:{label}"))
