"""The workbench application: the JSON API under ``/api/v1``, the web pages, static files, one port.

:func:`create_app` opens (and migrates) the store, installs the edge middleware (body size limit,
security headers, the anonymous CSRF cookie, an access log without bodies or query strings),
maps every error to a bilingual ``{"error": …}`` body without tracebacks or SQL, and mounts the
routers. ``fazhi serve`` runs it with uvicorn.
"""

from __future__ import annotations

import importlib
import logging
import re
import secrets
import time
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fazhi import __version__
from fazhi.api.auth import LoginThrottle
from fazhi.api.deps import CSRF_COOKIE, CapabilityStopped, NotAuthenticated, api_csrf
from fazhi.api.permissions import API, CAPABILITY_LABELS, ROUTES
from fazhi.api.schemas import UPLOAD_LIMIT_ENV, upload_limit
from fazhi.errors import ConfigError, FazhiError
from fazhi.store import open_store

log = logging.getLogger("fazhi.api")
access_log = logging.getLogger("fazhi.api.access")

BODY_SLACK = 1024 * 1024  # form fields and multipart framing around an upload

ROUTER_MODULES = ("health", "auth", "me", "analyze", "extract", "laws", "similar", "predict", "deviation",
                  "anonymize", "review", "draft", "ingest", "jobs", "cases", "audit", "decisions", "cards", "admin")

_DEFAULT_MESSAGES = {
    400: "请求无效 / bad request",
    401: "请先登录 / please log in",
    403: "无权访问 / forbidden",
    404: "未找到 / not found",
    405: "不支持的请求方法 / method not allowed",
    413: "请求内容过大 / request too large",
    415: "不支持的文件类型 / unsupported file type",
    422: "请求内容无效 / invalid request",
    429: "尝试次数过多，请稍后再试 / too many attempts, try again later",
}


# --------------------------------------------------------------------------- logging

_REDACTIONS = (
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[REDACTED]"),
    (re.compile(r"(?i)(\"?(?:password|passwd|token|csrf_token)\"?\s*[:=]\s*\"?)[^\s\",&]+"), r"\1[REDACTED]"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "[ID]"),  # 公民身份号码
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "[PHONE]"),
)


class RedactFilter(logging.Filter):
    """Belt and braces: mask tokens, passwords and personal numbers in any record that passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as usual
            return True
        redacted = message
        for pattern, repl in _REDACTIONS:
            redacted = pattern.sub(repl, redacted)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def configure_logging() -> None:
    """Keep request bodies, SQL parameters and multipart chatter out of the logs.

    SQLAlchemy's engine logger would print statements with their parameters (party names) at
    INFO, and the multipart parser logs fragments at DEBUG: both are held at WARNING. Handlers on
    the root and uvicorn loggers get the :class:`RedactFilter`.
    """
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "python_multipart", "multipart", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in ("", "uvicorn", "uvicorn.error", "fazhi"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, RedactFilter) for f in handler.filters):
                handler.addFilter(RedactFilter())


#: uvicorn's log configuration for ``fazhi serve``: one format, redaction, no uvicorn access log.
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "fazhi.api.app.RedactFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"],
                            "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        "fazhi": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


# --------------------------------------------------------------------------- middleware


def _json_bytes(status: int, message: str) -> tuple[int, bytes]:
    import json

    return status, json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")


class EdgeMiddleware:
    """Body size limit, security headers, the anonymous CSRF cookie and the access log.

    The access log line holds the method, the route template (``/api/v1/cases/{case_id}``, not
    the path as sent), the status, the time and the user id: never a query string, a header or
    a body, so no password, token or personal number can reach it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]
        headers = Headers(scope=scope)
        limit = upload_limit() + BODY_SLACK
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > limit:
            status[0] = 400 if length < 0 else 413
            await self._reject(send, status[0])
            self._log(scope, status[0], started)
            return
        if "content-length" not in headers and "chunked" in headers.get("transfer-encoding", "").lower():
            body, ok = await self._buffer(receive, limit)
            if not ok:
                status[0] = 413
                await self._reject(send, 413)
                self._log(scope, 413, started)
                return
            receive = self._replay(body, receive)
        state = scope.setdefault("state", {})
        seed = None
        if not scope["path"].startswith("/api/") and f"{CSRF_COOKIE}=" not in headers.get("cookie", ""):
            seed = secrets.token_urlsafe(24)
            state["csrf_seed"] = seed

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                out = MutableHeaders(scope=message)
                out.setdefault("X-Content-Type-Options", "nosniff")
                out.setdefault("X-Frame-Options", "DENY")
                out.setdefault("Referrer-Policy", "no-referrer")
                if scope["path"].startswith("/api/"):
                    out.setdefault("Cache-Control", "no-store")
                if seed is not None:
                    out.append("set-cookie", f"{CSRF_COOKIE}={seed}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            self._log(scope, status[0], started)

    @staticmethod
    async def _buffer(receive: Receive, limit: int) -> tuple[bytes, bool]:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"", False
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return b"", False
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), True

    @staticmethod
    def _replay(body: bytes, receive: Receive) -> Receive:
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    @staticmethod
    async def _reject(send: Send, status: int) -> None:
        code, body = _json_bytes(status, _DEFAULT_MESSAGES[status] if status != 413 else
                                 f"请求内容过大（上限{upload_limit()}字节，可通过{UPLOAD_LIMIT_ENV}调整） / request too large "
                                 f"(limit {upload_limit()} bytes, set {UPLOAD_LIMIT_ENV})")
        await send({"type": "http.response.start", "status": code,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _log(scope: Scope, status: int, started: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "-"
        if template != "-" and scope.get("path", "").startswith(API + "/") and not template.startswith(API):
            template = API + template  # routers mounted under /api/v1 keep their own relative path
        user_id = (scope.get("state") or {}).get("user_id")
        access_log.info("%s %s %s %.0fms user=%s", scope.get("method", "-"), template, status,
                        (time.perf_counter() - started) * 1000, user_id if user_id is not None else "-")


# --------------------------------------------------------------------------- errors


def where(exc: BaseException) -> str:
    """The stack of ``exc`` as ``file:line(function)`` frames: no message, no source lines, no values."""
    frames = traceback.extract_tb(exc.__traceback__)
    return " < ".join(f"{Path(f.filename).name}:{f.lineno}({f.name})" for f in reversed(frames[-12:]))


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in ("/openapi.json", "/docs")


def _page_error(request: Request, status: int, message: str) -> Response:
    """An error on a page: the web UI's own error page when it offers one, else plain HTML."""
    render = getattr(request.app.state, "page_error", None)
    if render is not None:
        try:
            return render(request, status, message)  # type: ignore[no-any-return]
        except Exception:  # never let the error page itself fail the request
            log.error("page error renderer failed")
    from html import escape

    return HTMLResponse(f"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{status}</title>"
                        f"<main><h1>{status}</h1><p data-testid=\"error\">{escape(message)}</p>"
                        f"<p><a href=\"/\">返回首页</a></p></main></html>", status_code=status)


def _error(request: Request, status: int, message: str, **extra: Any) -> Response:
    if _is_api(request):
        return JSONResponse({"error": message, **extra}, status_code=status)
    return _page_error(request, status, message)


def _bilingual(status: int, detail: Any) -> str:
    """The framework's own English details (``Not Found``) become the bilingual message."""
    if isinstance(detail, str) and " / " in detail:
        return detail
    return _DEFAULT_MESSAGES.get(status, f"请求失败 / request failed ({status})")


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if _is_api(request):
            return JSONResponse({"error": _DEFAULT_MESSAGES[401]}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(CapabilityStopped)
    async def stopped(request: Request, exc: CapabilityStopped) -> Response:
        label = CAPABILITY_LABELS.get(exc.capability, exc.capability)
        message = (f"「{label}」功能已由管理员紧急停用 / the capability '{exc.capability}' has been stopped by an "
                   f"administrator")
        if _is_api(request):
            return JSONResponse({"error": message, "capability": exc.capability, "reason": exc.reason},
                                status_code=503)
        from html import escape

        return HTMLResponse(f"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>503</title><main>"
                            f"<div data-testid=\"stopped\" role=\"alert\">{escape(message)}：{escape(exc.reason)}</div>"
                            f"</main></html>", status_code=503)

    @app.exception_handler(FazhiError)
    async def fazhi_error(request: Request, exc: FazhiError) -> Response:
        if isinstance(exc, ConfigError):
            log.error("configuration problem: %s", type(exc).__name__)
            return _error(request, 503, exc.message())
        return _error(request, getattr(exc, "status", 400), exc.message())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, _bilingual(exc.status_code, exc.detail))
        for k, v in (exc.headers or {}).items():
            response.headers[k] = v
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = [{"loc": ".".join(str(p) for p in e.get("loc", ())), "msg": str(e.get("msg", ""))[:200],
                   "type": str(e.get("type", ""))} for e in exc.errors()[:20]]  # never the input itself
        where = "；".join(f["loc"] for f in fields)
        return _error(request, 422, f"请求内容无效：{where} / invalid request: {where}", fields=fields)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        ref = secrets.token_hex(4)
        # The type and the stack, never the message: an exception's text may carry SQL parameters
        # or document content.
        log.error("internal error %s: %s at %s", ref, type(exc).__name__, where(exc))
        return _error(request, 500, f"内部错误（编号 {ref}） / internal error (ref {ref})", ref=ref)


# --------------------------------------------------------------------------- the app


def _docs_page(app: FastAPI) -> str:
    """A self-contained API reference (no CDN): every path, method and summary from the OpenAPI schema."""
    from html import escape

    schema = app.openapi()
    rows = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            rows.append(f"<tr><td><code>{method.upper()}</code></td><td><code>{escape(path)}</code></td>"
                        f"<td>{escape(op.get('summary', ''))}</td></tr>")
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>法智 API</title>"
            "<link rel=\"stylesheet\" href=\"/static/fazhi.css\"><main><h1>法智 API（/api/v1）</h1>"
            "<p>机器可读的完整说明：<a href=\"/openapi.json\">/openapi.json</a>。除登录与健康检查外，所有接口均需登录"
            "（Cookie 或 <code>Authorization: Bearer</code>）。</p><table><thead><tr><th>方法</th><th>路径</th>"
            "<th>说明</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></main></html>")


def api_routes() -> list[tuple[str, str]]:
    """(method, path) of every API route the routers declare, as mounted under ``/api/v1``."""
    out: list[tuple[str, str]] = []
    for name in ROUTER_MODULES:
        router = importlib.import_module(f"fazhi.api.routers.{name}").router
        for route in router.routes:
            if isinstance(route, APIRoute):
                out.extend((method, API + route.path) for method in sorted(route.methods or ()))
    return out


def check_routes() -> None:
    """Every API route must have an entry in the permission table (fail at start-up, not in production)."""
    for method, path in api_routes():
        if (method, path) not in ROUTES:
            raise RuntimeError(f"API route without a permission entry: {method} {path}")


def _web_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "web"


def create_app(database_url: str | None = None) -> FastAPI:
    """The workbench app on the store at ``database_url`` (default: the configured one), migrated."""
    configure_logging()
    store = open_store(database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="法智 fazhi", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=lifespan,
                  description="司法人工智能辅助平台 REST API。所有人工智能结果仅供参考，不代替审判人员的判断。")
    app.state.store = store
    app.state.throttle = LoginThrottle()
    app.add_middleware(EdgeMiddleware)
    _install_handlers(app)

    api = APIRouter(prefix=API, dependencies=[Depends(api_csrf)])
    for name in ROUTER_MODULES:
        module = importlib.import_module(f"fazhi.api.routers.{name}")
        api.include_router(module.router)
    app.include_router(api)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(_docs_page(app))

    static = _web_dir() / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=str(static)), name="static")
    try:
        pages = importlib.import_module("fazhi.web.pages")
    except ModuleNotFoundError as exc:
        if exc.name not in ("fazhi.web", "fazhi.web.pages"):
            raise
    else:
        app.include_router(pages.router)
        if callable(getattr(pages, "error_response", None)):
            app.state.page_error = pages.error_response
    check_routes()
    return app
