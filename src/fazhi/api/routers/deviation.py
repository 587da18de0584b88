"""``POST /deviation``: warn when a sentence lies outside the predicted and similar-case band."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import capable, get_store
from fazhi.api.schemas import TextIn, checked_text, echo_id

router = APIRouter(tags=["deviation"])


class DeviationIn(TextIn):
    band: float | None = Field(default=None, gt=0, lt=1, description="类案常见区间占比，默认0.8")


@router.post("/deviation", summary="裁判偏离度预警 / sentencing deviation warning")
def deviation(body: DeviationIn, request: Request,
              user: Annotated[Principal, Depends(capable("deviation"))]) -> dict[str, Any]:
    """``Assist.flat()`` of the deviation check (kind ``deviation_warning``), audited; 400 without a sentence."""
    from fazhi.predict.deviation import deviation_assist

    text = checked_text(body.text)
    out = services.run_assist(get_store(request), user, capability="deviation", kind="deviation_warning",
                              compute=lambda s: deviation_assist(s, text, band=body.band, court=user.court),
                              input_sha256=services.text_sha(text), summary={"action": "deviation"})
    return echo_id(body, services.flat(out, "deviation_warning"))
