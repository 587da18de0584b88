"""``GET /me`` and ``GET|PUT /me/preferences``: who am I, and which assists I have switched off (§5)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import get_store, require
from fazhi.api.permissions import KIND_LABELS, permissions_of
from fazhi.api.schemas import Body

router = APIRouter(prefix="/me", tags=["me"])
Me = Annotated[Principal, Depends(require("me"))]


class PreferencesIn(Body):
    opted_out: list[str] = Field(default_factory=list, max_length=50,
                                 description="关闭的辅助类型，如 prediction、similar_cases")


@router.get("", summary="当前用户 / the current user")
def me(user: Me) -> dict[str, Any]:
    """The user, their permissions and the assist kinds they switched off."""
    return {**user.to_dict(), "permissions": permissions_of(user.role), "opted_out": sorted(user.opted_out)}


@router.get("/preferences", summary="辅助开关 / my assist switches")
def get_preferences(user: Me) -> dict[str, Any]:
    """``{"opted_out": [...], "kinds": {kind: label}}``."""
    return {"opted_out": sorted(user.opted_out), "kinds": KIND_LABELS}


@router.put("/preferences", summary="设置辅助开关 / switch assists off or on")
def put_preferences(body: PreferencesIn, request: Request, user: Me) -> dict[str, Any]:
    """Replace the list of switched-off assist kinds; effective from the next request, audited."""
    with get_store(request).session() as session:
        kinds = services.set_opt_outs(session, user, body.opted_out)
    return {"opted_out": kinds, "kinds": KIND_LABELS}
