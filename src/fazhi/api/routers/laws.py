"""``POST /laws/cite``, ``POST /laws/push``, ``GET /laws/{law}/{article}`` (``fazhi laws …``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import TextIn, checked_text, echo_id
from fazhi.errors import BadInput

router = APIRouter(prefix="/laws", tags=["laws"])
Laws = Annotated[Principal, Depends(capable("laws"))]


class CiteIn(TextIn):
    date: dt.date | None = Field(default=None, description="以该日有效的法律为准（默认：文书的裁判日期）")


class PushIn(TextIn):
    k: int = Field(default=10, ge=1, le=100)
    date: dt.date | None = None


@router.post("/cite", summary="核对法条引用 / check every statute citation")
def cite(body: CiteIn, request: Request, user: Laws) -> dict[str, Any]:
    """``{"date", "citations": [Assist.flat() …]}``, one per citation, each audited."""
    from fazhi.documents.extract import extract
    from fazhi.laws.citations import citation_assists

    text = checked_text(body.text)
    day = body.date or extract(text).judgment_date
    out = services.run_assist(get_store(request), user, capability="laws", kind="citation_check",
                              compute=lambda s: citation_assists(services.kb(), text, when=day),
                              input_sha256=services.text_sha(text), summary={"action": "cite"})
    if out is None:
        return services.opted_out_body("citation_check")
    return {"date": day.isoformat() if day else None, **services.flat(out, "citation_check", key="citations")}


@router.post("/push", summary="推送适用的法律条文 / push the articles that apply")
def push(body: PushIn, request: Request, user: Laws) -> dict[str, Any]:
    """``Assist.flat()`` of the law push (kind ``law_push``), audited."""
    from fazhi.laws.push import push_assist

    text = checked_text(body.text)
    index, encoder = services.law_index()
    out = services.run_assist(get_store(request), user, capability="laws", kind="law_push",
                              compute=lambda s: push_assist(services.kb(), text, k=body.k, when=body.date,
                                                            index=index, encoder=encoder),
                              input_sha256=services.text_sha(text), summary={"action": "law_push", "k": body.k})
    return echo_id(body, services.flat(out, "law_push"))


@router.get("/{law}/{article}", summary="显示一条法律条文 / show one article")
def show(law: str, article: str, user: Laws,
         when: Annotated[dt.date | None, Query(alias="date", description="以该日有效的文本为准")] = None) -> dict[str, Any]:
    """The article as in force on ``date`` (newest when absent); 404 when the law or article is not known."""
    from fazhi.laws.show import parse_article_number, show_article

    if len(law) > 100 or len(article) > 20:
        raise BadInput("法律名称或条文序号过长", "law name or article number too long")
    parse_article_number(article)  # unreadable number: 400
    base = services.kb()
    if base.find_law(law) is None:
        raise HTTPException(404, "知识库中没有该法律 / no such law in the knowledge base")
    try:
        return show_article(base, law, article, when=when)
    except BadInput as exc:  # the law exists, the article does not
        raise HTTPException(404, exc.message()) from None
