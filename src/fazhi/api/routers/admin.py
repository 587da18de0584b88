"""``/admin``: emergency stops (§7) and user accounts — administrators only.

A stop takes effect on the next request of every user: the capability's routes answer 503 with
the reason, its assists are not computed inside other capabilities, and running jobs end between
documents. Both the stop and its lifting are in the audit log, with the reason.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal, create_user, disable_user, list_users, user_dict
from fazhi.api.deps import get_store, require
from fazhi.api.schemas import Body
from fazhi.ledger import append

router = APIRouter(prefix="/admin", tags=["admin"])
Admin = Annotated[Principal, Depends(require("admin"))]


class StopIn(Body):
    capability: Literal["analyze", "extract", "laws", "similar", "predict", "deviation", "anonymize", "review",
                        "draft", "ingest"]
    reason: str = Field(min_length=1, max_length=2000)


class UserIn(Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=8, max_length=1024)
    role: Literal["judge", "clerk", "manager", "admin", "public"]
    court: str | None = Field(default=None, max_length=100)
    division: str | None = Field(default=None, max_length=50)


@router.get("/stops", summary="已停用的功能 / stopped capabilities")
def stops(request: Request, user: Admin) -> dict[str, Any]:
    """``{"stops": [...]}``."""
    with get_store(request).session() as session:
        return {"stops": services.list_stops(session)}


@router.post("/stops", status_code=201, summary="紧急停用 / emergency stop")
def stop(body: StopIn, request: Request, user: Admin) -> dict[str, Any]:
    """Stop a capability for everyone at once, with the reason (audited)."""
    with get_store(request).session() as session:
        return services.stop_capability(session, user, body.capability, body.reason)


@router.delete("/stops/{capability}", summary="恢复功能 / lift a stop")
def resume(capability: str, request: Request, user: Admin) -> dict[str, Any]:
    """Lift the stop (audited); 404 if the capability was not stopped."""
    with get_store(request).session() as session:
        if not services.resume_capability(session, user, capability):
            raise HTTPException(404, "该功能未被停用 / that capability is not stopped")
    return {"capability": capability, "resumed": True}


@router.post("/index", status_code=202, summary="重建检索索引（后台任务）/ build the search indexes in the background")
def index(request: Request, user: Admin) -> dict[str, Any]:
    """Build the statute push index and the case index now; follow the job at ``GET /jobs/{id}``."""
    job_id = services.start_indexing(get_store(request), user)
    return {"job_id": job_id, "state": "queued", "status_url": f"/api/v1/jobs/{job_id}"}


@router.get("/users", summary="用户列表 / accounts")
def users(request: Request, user: Admin) -> dict[str, Any]:
    """``{"users": [...]}`` (never password hashes)."""
    with get_store(request).session() as session:
        return {"users": list_users(session)}


@router.post("/users", status_code=201, summary="新建用户 / create an account")
def add_user(body: UserIn, request: Request, user: Admin) -> dict[str, Any]:
    """A new account (audited without the password)."""
    with get_store(request).session() as session:
        created = create_user(session, username=body.username, password=body.password, role=body.role,
                              court=body.court, division=body.division)
        append(session, actor=user.actor, action="user_add", subject=f"user:{created.username}",
               payload={"role": created.role})
        return user_dict(created)


@router.post("/users/{username}/disable", summary="停用用户 / disable an account")
def disable(username: str, request: Request, user: Admin) -> dict[str, Any]:
    """Disable the account and end its sessions at once (audited)."""
    with get_store(request).session() as session:
        found = disable_user(session, username)
        if found is None:
            raise HTTPException(404, "没有这个用户 / no such user")
        append(session, actor=user.actor, action="user_disable", subject=f"user:{found.username}", payload={})
        return user_dict(found)
