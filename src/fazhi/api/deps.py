"""FastAPI dependencies shared by the API routers and the web pages: who is asking, may they, is it on.

* :func:`current_user` — the session's user; none → 401 (API) or a redirect to ``/login`` (pages).
* :func:`optional_user` — the same, or None.
* :func:`require` — a dependency factory: the user, if their role holds the permission, else 403.
* :func:`guard` — a dependency factory: 503 while an administrator has stopped the capability.
* :func:`capable` — ``require`` then ``guard`` for one capability, in that order (401, 403, 503).
* :func:`db_session` — a transaction for the request (use as ``DB`` so it commits before the reply).
* :func:`csrf_token` / :func:`check_csrf` — the form token of the page and its check (403).
* :func:`opted_out` — whether the user has switched an assist kind off (§5).
"""

# No ``from __future__ import annotations`` here: the dependency factories' inner functions are
# annotated with closures (``Depends(need)``) that FastAPI must see as objects, not strings.
import hashlib
import hmac
import os
import secrets
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from sqlalchemy.orm import Session

from fazhi.api.auth import Principal, principal_for_token, token_digest
from fazhi.api.permissions import CORE_KIND, allowed
from fazhi.secrets import secret_key
from fazhi.store import Store

SESSION_COOKIE = "fazhi_session"
CSRF_COOKIE = "fazhi_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class NotAuthenticated(Exception):
    """No valid session: the API answers 401, pages redirect to the login page."""


class CapabilityStopped(Exception):
    """An administrator has stopped this capability for everyone (emergency stop): 503."""

    def __init__(self, capability: str, reason: str) -> None:
        super().__init__(capability)
        self.capability = capability
        self.reason = reason


def get_store(request: Request) -> Store:
    """The store the app was created with."""
    return request.app.state.store  # type: ignore[no-any-return]


def _presented_token(request: Request) -> tuple[str, str] | None:
    """(token, how) from ``Authorization: Bearer`` (preferred) or the session cookie."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip(), "bearer"
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return cookie, "cookie"
    return None


def optional_user(request: Request) -> Principal | None:
    """The user of the request's session, or None (looked up once per request)."""
    if hasattr(request.state, "principal"):
        return request.state.principal  # type: ignore[no-any-return]
    found = _presented_token(request)
    principal = None
    if found is not None and len(found[0]) <= 200:
        with get_store(request).session() as session:
            principal = principal_for_token(session, found[0], via=found[1])
    request.state.principal = principal
    request.state.user_id = principal.id if principal else None
    return principal


def current_user(user: Annotated[Principal | None, Depends(optional_user)]) -> Principal:
    """The session's user; none → :class:`NotAuthenticated` (401 for the API, redirect for pages)."""
    if user is None:
        raise NotAuthenticated()
    return user


def forbidden() -> HTTPException:
    """The 403 every permission check answers."""
    return HTTPException(403, "您的角色无权使用此功能 / your role is not allowed to use this")


def require(permission: str) -> Callable[[Principal], Principal]:
    """Dependency factory: the current user if their role holds ``permission``, else 403."""

    def dependency(user: Annotated[Principal, Depends(current_user)]) -> Principal:
        if not allowed(user.role, permission):
            raise forbidden()
        return user

    dependency.__name__ = f"require_{permission}"
    return dependency


def stop_reason(store: Store, capability: str) -> str | None:
    """The reason an administrator gave for stopping ``capability``, or None while it runs."""
    from fazhi.store import CapabilityStop

    with store.session() as session:
        row = session.get(CapabilityStop, capability)
        return None if row is None else row.reason


def guard(capability: str) -> Callable[..., None]:
    """Dependency factory: 503 (:class:`CapabilityStopped`) while ``capability`` is stopped.

    It depends on :func:`current_user`, so a request without a session still gets 401 first.
    """

    def dependency(request: Request, user: Annotated[Principal, Depends(current_user)]) -> None:
        reason = stop_reason(get_store(request), capability)
        if reason is not None:
            raise CapabilityStopped(capability, reason)

    dependency.__name__ = f"guard_{capability}"
    return dependency


def capable(capability: str) -> Callable[..., Principal]:
    """Dependency factory for a capability route: permission (403) first, then the stop (503)."""
    need = require(capability)
    running = guard(capability)

    def dependency(user: Annotated[Principal, Depends(need)], _on: Annotated[None, Depends(running)]) -> Principal:
        return user

    dependency.__name__ = f"capable_{capability}"
    return dependency


def db_session(request: Request) -> Iterator[Session]:
    """One transaction around the endpoint: committed when it returns, rolled back if it raises.

    Declare it with ``Depends(db_session, scope="function")`` (the :data:`DB` alias does) so the
    commit happens before the response is sent.
    """
    with get_store(request).session() as session:
        yield session


DB = Annotated[Session, Depends(db_session, scope="function")]


def opted_out(user: Principal | None, kind: str) -> bool:
    """Whether ``user`` has switched the assist ``kind`` off (contract or core kind names)."""
    return user is not None and CORE_KIND.get(kind, kind) in user.opted_out


def set_session_cookie(response: Response, token: str, *, max_age: int) -> None:
    """The session cookie: HttpOnly, SameSite=Strict, Secure when ``FAZHI_COOKIE_SECURE=1`` (behind HTTPS)."""
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=os.environ.get("FAZHI_COOKIE_SECURE") == "1")


def clear_session_cookie(response: Response) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")


# --------------------------------------------------------------------------- CSRF


def _csrf_key() -> bytes:
    return hmac.new(secret_key(), b"fazhi-csrf-v1", hashlib.sha256).digest()


def csrf_seed(request: Request) -> str:
    """The anonymous CSRF seed: the ``fazhi_csrf`` cookie, or the one the middleware is setting now."""
    seed = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_seed", None)
    if not seed:
        seed = secrets.token_urlsafe(24)
        request.state.csrf_seed = seed
    return str(seed)


def csrf_token(request: Request) -> str:
    """The token a page puts in its forms (``<input type=hidden name=csrf_token>``).

    Bound to the session (HMAC of its token hash) when there is a session cookie, else to the
    browser's ``fazhi_csrf`` cookie (the login form), so another site can neither read nor forge it.
    """
    session = request.cookies.get(SESSION_COOKIE)
    basis = f"s:{token_digest(session)}" if session else f"a:{csrf_seed(request)}"
    return hmac.new(_csrf_key(), basis.encode("utf-8"), hashlib.sha256).hexdigest()


def check_csrf(request: Request, token: str | None) -> None:
    """403 unless ``token`` is this page's :func:`csrf_token`."""
    expected = csrf_token(request)
    if not token or not hmac.compare_digest(str(token), expected):
        raise HTTPException(403, "表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试 / "
                                 "CSRF check failed: reload the page and try again")


async def api_csrf(request: Request) -> None:
    """CSRF for the JSON API: only cookie-authenticated POSTs that are not JSON need a token.

    Bearer calls carry no ambient credential; a browser cannot send ``application/json``
    cross-site without a CORS preflight (which fazhi never grants). A cookie-authenticated form
    or multipart POST (e.g. an upload from a page) must send ``X-CSRF-Token`` or ``csrf_token``.
    """
    if request.method != "POST" or request.headers.get("authorization"):
        return
    if SESSION_COOKIE not in request.cookies:
        return  # no ambient credential: authentication answers 401 if a session is needed
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        return
    token = request.headers.get(CSRF_HEADER)
    if token is None and ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    check_csrf(request, token)
