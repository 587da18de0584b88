"""Drafting as an Assist: the skeleton, what the judge must still write, and what it rests on."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.assist import ArticleRef, Assist, Basis, ModelInfo
from fazhi.draft.render import Draft, draft

MODEL = ModelInfo(name="fazhi-draft", version="0.1.0", card_id="draft-templates-0.1")


def draft_assist(case: dict[str, Any], *, kb: Any = None, today: date | None = None) -> tuple[Assist, Draft]:
    """(Assist, Draft) for one structured case; ``Draft.missing`` lists what the clerk must supply."""
    d = draft(case, kb=kb, today=today)
    parts = [f"按{d.doc_kind or '文书'}格式生成初稿，其中{len(d.placeholders)}处【…】须由承办法官填写（本院认为、裁判主文等）"]
    if d.warnings:
        parts.append("需核对：" + "；".join(d.warnings[:5]))
    articles = tuple(ArticleRef(c.law or c.law_as_written, c.article, c.version, c.text) for c in d.citations
                     if getattr(c, "resolved", True) and c.article is not None)
    assist = Assist(kind="draft", result=d.as_dict(), model=MODEL, explanation="；".join(parts) + "。初稿不作任何裁判。",
                    basis=Basis(articles=articles), confidence=None)
    return assist, d
