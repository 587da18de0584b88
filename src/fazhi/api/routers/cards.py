"""``GET /cards`` and ``GET /cards/{id}``: model cards — function, performance, data and limits (§6)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException

from fazhi.api.auth import Principal
from fazhi.api.deps import require

router = APIRouter(prefix="/cards", tags=["cards"])
Reader = Annotated[Principal, Depends(require("cards"))]
_CARD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@router.get("", summary="模型说明 / every model card")
def cards(user: Reader) -> dict[str, Any]:
    """``{"cards": [...]}``."""
    from fazhi.cards import all_cards

    return {"cards": all_cards()}


@router.get("/{card_id}", summary="一张模型说明 / one model card")
def card(card_id: str, user: Reader) -> dict[str, Any]:
    """The card; 404 for an unknown id (ids are plain names, never paths)."""
    from fazhi.cards import load_card

    if not _CARD_ID.match(card_id) or ".." in card_id:
        raise HTTPException(404, "没有这张模型说明 / no such model card")
    try:
        return load_card(card_id)
    except KeyError:
        raise HTTPException(404, "没有这张模型说明 / no such model card") from None
