"""``POST /anonymize`` and ``POST /anonymize/batch``: judgments anonymised for publication (``fazhi anonymize``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import Body, TextIn, checked_text, echo_id

router = APIRouter(prefix="/anonymize", tags=["anonymize"])
Anon = Annotated[Principal, Depends(capable("anonymize"))]


class Options(Body):
    profile: Literal["2016", "2024"] = Field(default="2024", description="2016（法释〔2016〕19号原文）或 2024（当事人一律隐名）")
    style: Literal["single", "per_char"] = Field(default="single", description="张某 或 张某某")
    effective_date: date | None = Field(default=None, description="生效日期，用于计算公布期限")
    review_threshold: float = Field(default=0.8, ge=0, le=1, description="低于此置信度的项目列入人工复核")


class AnonymizeIn(TextIn, Options):
    pass


class BatchItem(Body):
    id: str | int | None = None
    text: str = Field(min_length=1)
    case: str | int | None = Field(default=None, description="同一案件的文书使用同一套化名")


class BatchIn(Options):
    items: list[BatchItem] = Field(min_length=1, max_length=10000)


@router.post("", summary="裁判文书匿名化 / anonymise one judgment")
def anonymize(body: AnonymizeIn, request: Request, user: Anon) -> dict[str, Any]:
    """``Assist.flat()`` of the anonymisation (kind ``anonymization``): the text, every change, the
    review queue; the audit log gets counts only, never the masked values."""
    from fazhi.privacy.assist import anonymize_assist, audit_summary

    text = checked_text(body.text)
    summary: dict[str, Any] = {}

    def compute(_session: Any) -> Any:
        assist, res = anonymize_assist(text, body.profile, mask_style=body.style, effective_date=body.effective_date,
                                       review_threshold=body.review_threshold)
        summary.update(audit_summary(res))
        return assist

    out = services.run_assist(get_store(request), user, capability="anonymize", kind="anonymization",
                              compute=compute, input_sha256=services.text_sha(text), summary=summary)
    return echo_id(body, services.flat(out, "anonymization"))


@router.post("/batch", status_code=202, summary="批量匿名化（后台任务）/ batch anonymisation as a background job")
def anonymize_batch(body: BatchIn, request: Request, user: Anon) -> dict[str, Any]:
    """Start a job; follow it at ``GET /jobs/{id}``, read the JSON Lines result at ``/jobs/{id}/result``."""
    if "anonymization" in user.opted_out:
        return services.opted_out_body("anonymization")
    items = [{"id": i.id, "text": checked_text(i.text), "case": i.case} for i in body.items]
    job_id = services.start_anonymize_batch(get_store(request), user, items, profile=body.profile, style=body.style,
                                            review_threshold=body.review_threshold, effective_date=body.effective_date)
    return {"job_id": job_id, "state": "queued", "status_url": f"/api/v1/jobs/{job_id}"}
