"""``POST /auth/login`` and ``POST /auth/logout``: sessions for the API and the pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import Field

from fazhi.api import services
from fazhi.api.auth import Principal, end_session
from fazhi.api.deps import clear_session_cookie, get_store, require, set_session_cookie
from fazhi.api.schemas import Body

router = APIRouter(prefix="/auth", tags=["auth"])


class LoginIn(Body):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


@router.post("/login", summary="登录 / log in")
def login(body: LoginIn, request: Request, response: Response) -> dict[str, Any]:
    """Check the password; the token (for ``Authorization: Bearer``) and the ``fazhi_session`` cookie."""
    try:
        got = services.login(get_store(request), request.app.state.throttle, body.username, body.password)
    except services.TooManyAttempts:
        raise HTTPException(429, "登录失败次数过多，请15分钟后再试 / too many failed logins; try again in 15 minutes") from None
    if got is None:
        raise HTTPException(401, "用户名或密码错误 / wrong username or password", headers={"WWW-Authenticate": "Bearer"})
    set_session_cookie(response, got["token"], max_age=got["max_age"])
    return {"token": got["token"], "expires_at": got["expires_at"], "user": got["user"]}


@router.post("/logout", summary="退出登录 / log out")
def logout(request: Request, response: Response, user: Annotated[Principal, Depends(require("me"))]) -> dict[str, Any]:
    """End this session now: its token and cookie stop working."""
    with get_store(request).session() as session:
        end_session(session, user.token_hash)
    clear_session_cookie(response)
    return {"ok": True}
