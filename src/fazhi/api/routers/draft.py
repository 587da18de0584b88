"""``POST /draft``: a skeleton judgment or ruling; reasoning and decision are left to the judge (``fazhi draft``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import Field, model_validator

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import Body, checked_text, echo_id

router = APIRouter(tags=["draft"])


class DraftIn(Body):
    case: dict[str, Any] | None = Field(default=None, description="结构化案件（与 fazhi draft 的 JSON 相同）")
    text: str | None = Field(default=None, min_length=1, description="起诉状、卷宗等文书（from_document 时）")
    from_document: bool = Field(default=False, description="从 text 抽取案件信息后起草")
    id: str | int | None = None

    @model_validator(mode="after")
    def one_source(self) -> DraftIn:
        if (self.case is None) == (self.text is None):
            raise ValueError("give either case or text (with from_document)")
        if self.text is not None and not self.from_document:
            raise ValueError("text needs from_document: true")
        return self


@router.post("/draft", summary="文书辅助生成 / draft a skeleton document")
def draft(body: DraftIn, request: Request, user: Annotated[Principal, Depends(capable("draft"))]) -> Any:
    """``Assist.flat()`` of the draft (kind ``draft``), audited; 422 with ``problems`` when fields are missing."""
    from fazhi.documents.extract import extract
    from fazhi.draft import from_record, validate
    from fazhi.draft.assist import draft_assist
    from fazhi.ledger import canonical_json

    if body.text is not None:
        text = checked_text(body.text)
        case: Any = from_record(extract(text), text)
        sha = services.text_sha(text)
    else:
        case = body.case
        sha = services.text_sha(canonical_json(case))
    problems = validate(case)
    if problems:
        n = len(problems)
        return JSONResponse({"error": f"缺少或无效的字段{n}项 / {n} required fields missing or invalid",
                             "problems": [p.as_dict() for p in problems]}, status_code=422)
    summary: dict[str, Any] = {"action": "draft"}

    def compute(_session: Any) -> Any:
        assist, d = draft_assist(case, kb=services.kb())
        summary.update({"doc_kind": d.doc_kind, "placeholders": len(d.placeholders)})
        return assist

    out = services.run_assist(get_store(request), user, capability="draft", kind="draft", compute=compute,
                              input_sha256=sha, summary=summary)
    return echo_id(body, services.flat(out, "draft"))
