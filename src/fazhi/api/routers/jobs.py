"""``GET /jobs/{id}`` and ``GET /jobs/{id}/result``: progress and output of the user's background jobs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse

from fazhi.api import services
from fazhi.api.auth import Principal
from fazhi.api.deps import get_store, require

router = APIRouter(prefix="/jobs", tags=["jobs"])
Jobs = Annotated[Principal, Depends(require("jobs"))]


def _not_found() -> HTTPException:
    return HTTPException(404, "没有这个任务 / no such job")


@router.get("/{job_id}", summary="任务进度 / job progress")
def job(job_id: int, request: Request, user: Jobs) -> dict[str, Any]:
    """``{"state", "done", "total", "error", "result", …}`` of one of the user's jobs (others: 404)."""
    with get_store(request).session() as session:
        view = services.job_view(session, user, job_id)
    if view is None:
        raise _not_found()
    return view


@router.get("/{job_id}/result", summary="任务结果 / job result (JSON Lines)")
def job_result(job_id: int, request: Request, user: Jobs) -> FileResponse:
    """The JSON Lines output of a finished batch job of the user's; 404 otherwise."""
    with get_store(request).session() as session:
        path = services.job_result_path(session, user, job_id)
    if path is None:
        raise _not_found()
    return FileResponse(path, media_type="application/x-ndjson", filename=f"job-{job_id}.jsonl")
