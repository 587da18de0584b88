"""``GET /health``: is the server up and its database reachable (no session needed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from fazhi import __version__
from fazhi.api.deps import get_store

router = APIRouter(tags=["health"])


@router.get("/health", summary="健康检查 / health check")
def health(request: Request) -> Any:
    """``{"status": "ok", "version"}``; 503 when the database does not answer."""
    try:
        with get_store(request).session() as session:
            session.execute(text("SELECT 1"))
    except Exception:  # any database failure: report unavailable, reveal nothing
        return JSONResponse({"status": "unavailable", "error": "数据库不可用 / database unavailable"}, status_code=503)
    return {"status": "ok", "version": __version__}
