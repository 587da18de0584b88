"""The workbench pages (docs/web_contract.md): server-rendered Chinese HTML, one thin handler per page.

Each handler checks who is asking (no session → ``/login``; a role without the permission → 403),
calls the same service and core functions as the JSON API (:mod:`fazhi.api.services`: audit,
opt-outs, emergency stops, case scoping, background jobs) and renders a Jinja2 template with
autoescaping on. Form POSTs carry a CSRF token (``csrf_token``); a missing or wrong one → 403.
No logic of its own lives here beyond shaping results for display.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, Undefined
from starlette.concurrency import run_in_threadpool
from starlette.templating import Jinja2Templates

from fazhi.api import deps, services
from fazhi.api.auth import LoginThrottle, Principal, end_session
from fazhi.api.permissions import (
    CAPABILITIES,
    CAPABILITY_LABELS,
    KIND_LABELS,
    KIND_OWNER,
    KINDS,
    ROLE_LABELS,
    allowed,
    contract_kind,
)
from fazhi.assist import NOTICE, Assist
from fazhi.errors import BadInput, FazhiError
from fazhi.web import TEMPLATES_DIR

router = APIRouter(include_in_schema=False)

# --------------------------------------------------------------------------- templates


def _pretty_json(value: Any) -> str:
    """JSON for people: indented, Chinese kept as it is (autoescaped by the template)."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


_env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True, undefined=Undefined,
                   trim_blocks=False, lstrip_blocks=False)
_env.filters["pretty_json"] = _pretty_json
_env.globals["pii_label"] = lambda t: PII_LABELS.get(t, t)
templates = Jinja2Templates(env=_env)  # autoescape on: every value is HTML-escaped unless marked safe

#: Nav items: (path, label, permission the role needs to see it).
NAV: tuple[tuple[str, str, str], ...] = (
    ("/cases", "案件", "cases"),
    ("/upload", "上传", "ingest"),
    ("/anonymize/queue", "匿名化复核", "anonymize"),
    ("/laws", "法律法规", "laws"),
    ("/cards", "模型说明", "cards"),
    ("/audit", "审计", "audit"),
    ("/settings", "设置", "me"),
    ("/admin", "管理", "admin"),
)

#: Content-Security-Policy of every page: nothing is loaded from anywhere but fazhi itself.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'")

#: Accepted upload suffixes (the contract's .txt .docx .pdf).
UPLOAD_SUFFIXES = (".txt", ".docx", ".pdf")
CASES_LIMIT = 100
QUEUE_DOCUMENTS = 20

#: Assist sections on the case page, in reading order: contract kind → (title, result template).
ASSIST_ORDER: tuple[str, ...] = ("extraction", "citation_check", "law_push", "prediction", "deviation_warning",
                                 "similar_cases", "document_review", "anonymization")
ASSIST_TITLES: dict[str, str] = {
    "extraction": "案件信息提取",
    "citation_check": "法条引用核对",
    "law_push": "法律法规推送",
    "prediction": "裁判辅助参考（罪名、法条、刑期）",
    "deviation_warning": "裁判偏离度预警",
    "similar_cases": "类案推送",
    "document_review": "文书辅助审查",
    "anonymization": "匿名化预览（公开前隐名处理）",
    "draft": "文书辅助生成",
}
ASSIST_HELP: dict[str, str] = {
    "extraction": "从文书中提取案号、法院、当事人、引用法条等信息。",
    "citation_check": "核对文书引用的法条在裁判时是否有效、条文是否存在。",
    "law_push": "根据案情推送相关法律条文。",
    "prediction": "刑事案件的参考罪名、法条和刑期。",
    "deviation_warning": "判处刑期与类案、模型参考相比是否明显偏离。",
    "similar_cases": "推送事实相近的已入库案件，并说明相同与不同之处。",
    "document_review": "检查文书中的案号、金额、日期、法条引用等问题。",
    "anonymization": "按裁判文书公开规则生成隐名处理后的文本。",
    "draft": "按模板生成文书初稿。",
}
#: The model card of each kind, for boxes where nothing was computed (opted out, stopped).
KIND_CARD: dict[str, str] = {
    "extraction": "extract-rules-0.1",
    "citation_check": "citation-check-0.1",
    "law_push": "law-push-0.1",
    "prediction": "predict-cail-0.1",
    "deviation_warning": "predict-cail-0.1",
    "similar_cases": "similar-cases-0.1",
    "document_review": "review-rules-0.1",
    "anonymization": "anonymize-0.1",
    "draft": "draft-templates-0.1",
}
CARD_TITLES: dict[str, str] = {
    "extract-rules-0.1": "案件信息提取",
    "citation-check-0.1": "法条引用核对",
    "law-push-0.1": "法律法规推送",
    "predict-cail-0.1": "裁判辅助（罪名、法条、刑期）与偏离度预警",
    "similar-cases-0.1": "类案推送",
    "review-rules-0.1": "文书辅助审查",
    "anonymize-0.1": "裁判文书匿名化",
    "draft-templates-0.1": "文书辅助生成",
}
DECISION_LABELS = {"adopt": "采纳", "modify": "修改", "reject": "不采纳"}
ACTION_LABELS: dict[str, str] = {
    "assist": "人工智能辅助", "decision": "采纳/修改/不采纳", "login": "登录", "logout": "退出",
    "preferences": "辅助开关设置", "capability_stop": "紧急停用", "capability_resume": "恢复功能",
    "ingest": "入库", "user_add": "新增用户", "user_disable": "停用用户",
}
REVIEW_ACTIONS = {"masked": "已隐去", "kept": "已保留", "check": "自检未通过"}
#: Personal-information types of the anonymiser (fazhi.privacy.types), in Chinese.
PII_LABELS: dict[str, str] = {
    "person": "人名", "organization": "单位名称", "id_number": "身份证号码", "phone": "电话号码",
    "bank_card": "银行账号", "plate": "车牌号", "address": "住址", "email": "电子邮箱",
    "credit_code": "统一社会信用代码", "passport": "证件号码", "birth_date": "出生日期", "health": "健康信息",
    "property_cert": "不动产权证号", "account_id": "网络账号", "tech_investigation": "技术侦查措施", "qa": "自检",
}


# --------------------------------------------------------------------------- helpers


def _store(request: Request) -> Any:
    return deps.get_store(request)


def _home(user: Principal) -> str:
    """Where a user lands: their cases, or the law browser for roles without case access."""
    return "/cases" if allowed(user.role, "cases") else "/laws"


def _safe_next(target: str | None) -> str | None:
    """A local path to go back to after login (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if target.startswith(("/login", "/logout", "/api/")):
        return None
    return target


def _to_login(request: Request) -> RedirectResponse:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login?next=" + quote(path, safe="/"), status_code=303)


def _stops(request: Request, capabilities: Iterable[str]) -> list[dict[str, Any]]:
    """The stopped capabilities among ``capabilities`` (for the page banner)."""
    wanted = set(capabilities)
    if not wanted:
        return []
    with _store(request).session() as session:
        return [s for s in services.list_stops(session) if s["capability"] in wanted]


def _render(request: Request, name: str, user: Principal | None, *, status: int = 200,
            banner_for: Iterable[str] = (), title: str = "", flash: dict[str, str] | None = None,
            stopped: list[dict[str, Any]] | None = None, **context: Any) -> HTMLResponse:
    """Render a page with the layout's context: user, nav, CSRF token, stop banners."""
    path = request.url.path
    nav = [{"href": href, "label": label, "current": path == href or path.startswith(href + "/")}
           for href, label, perm in NAV if user is not None and allowed(user.role, perm)]
    ctx = {"user": user, "nav": nav, "csrf": deps.csrf_token(request), "title": title, "flash": flash,
           "stopped": _stops(request, banner_for) if stopped is None else stopped, **context}
    response = templates.TemplateResponse(request, name, ctx, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def _error(request: Request, user: Principal | None, status: int, heading: str, message: str) -> HTMLResponse:
    return _render(request, "error.html", user, status=status, title=heading, heading=heading, message=message)


def error_response(request: Request, status: int, message: str) -> HTMLResponse:
    """The app's error page for page routes (installed by ``create_app`` as ``page_error``)."""
    headings = {400: "请求无效", 401: "请先登录", 403: "无权访问", 404: "没有找到", 405: "不支持的请求",
                413: "内容过大", 415: "不支持的文件类型", 422: "请求内容无效", 429: "尝试次数过多", 503: "功能已停用"}
    user = getattr(request.state, "principal", None)
    return _error(request, user, status, headings.get(status, "出错了"), message)


def _forbidden(request: Request, user: Principal) -> HTMLResponse:
    return _error(request, user, 403, "无权访问",
                  f"您的角色（{ROLE_LABELS.get(user.role, user.role)}）无权使用此页面。如需使用，请联系管理员。")


def _not_found(request: Request, user: Principal | None, what: str = "页面") -> HTMLResponse:
    return _error(request, user, 404, f"没有找到{what}", f"没有找到该{what}，或它不在您的查看范围内。")


def _gate(request: Request, permission: str | None) -> Principal | Response:
    """The session's user if their role holds ``permission``; else the login redirect or a 403 page."""
    user = deps.optional_user(request)
    if user is None:
        return _to_login(request)
    if permission is not None and not allowed(user.role, permission):
        return _forbidden(request, user)
    return user


def _csrf_failed(request: Request, user: Principal | None, token: str | None) -> HTMLResponse | None:
    """None when the form's CSRF token is right, else the 403 page."""
    try:
        deps.check_csrf(request, token)
    except Exception:  # HTTPException(403)
        return _error(request, user, 403, "表单已失效",
                      "表单已失效或来源不明（CSRF 校验失败），请返回上一页刷新后重试。")
    return None


def _form_gate(request: Request, permission: str, token: str | None) -> Principal | Response:
    """A form POST: the session's user with ``permission`` and a valid CSRF token, else the page to show."""
    user = _gate(request, permission)
    if isinstance(user, Response):
        return user
    return _csrf_failed(request, user, token) or user


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _throttle(request: Request) -> LoginThrottle:
    """The app's login throttle (shared with the API login), or this module's own."""
    for name in ("login_throttle", "throttle"):
        found = getattr(request.app.state, name, None)
        if isinstance(found, LoginThrottle):
            return found
    if not isinstance(getattr(request.app.state, "web_login_throttle", None), LoginThrottle):
        request.app.state.web_login_throttle = LoginThrottle()
    return request.app.state.web_login_throttle  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- assist boxes


@dataclass
class AssistView:
    """One assist box as the template shows it (``state``: ok | opted_out | stopped | unavailable)."""

    kind: str
    state: str
    assists: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""
    notice: str = NOTICE
    card_id: str = ""
    model_label: str = ""
    recorded: dict[str, Any] | None = None
    open_basis: bool = False
    span_text: str | None = None  # the text the basis spans point into, when the reader may see it

    @property
    def title(self) -> str:
        return ASSIST_TITLES.get(self.kind, self.kind)

    @property
    def capability(self) -> str:
        return KIND_OWNER.get(self.kind, "")

    @property
    def capability_label(self) -> str:
        return CAPABILITY_LABELS.get(self.capability, self.capability)

    @property
    def audit_ids(self) -> list[int]:
        return [a["audit_id"] for a in self.assists if a.get("audit_id") is not None]

    @property
    def unique_articles(self) -> list[dict[str, Any]]:
        """The basis articles of all the box's assists, each once, with text."""
        seen: set[tuple[Any, Any, Any]] = set()
        out = []
        for a in self.assists:
            for art in a["basis"]["articles"]:
                key = (art["law"], art["article"], art.get("version"))
                if art.get("text") and key not in seen:
                    seen.add(key)
                    out.append(art)
        return out

    @property
    def template(self) -> str:
        known = {"extraction", "citation_check", "law_push", "prediction", "deviation_warning", "similar_cases",
                 "document_review", "anonymization"}
        return f"{self.kind}.html" if self.kind in known else "generic.html"


def assist_view(kind: str, state: str, assists: Iterable[Assist] = (), message: str = "",
                notice: str = NOTICE) -> AssistView:
    """Shape an outcome for the template: plain dicts, the card of the method, the notice."""
    kind = contract_kind(kind)
    items = [a.to_dict() for a in assists]
    model = items[0]["model"] if items else None
    card_id = model["card_id"] if model else KIND_CARD.get(kind, "")
    label = f"{model['name']} {model['version']}" if model else CARD_TITLES.get(card_id, kind)
    return AssistView(kind=kind, state=state, assists=items, message=message,
                      notice=(items[0].get("notice") if items else None) or notice or NOTICE,
                      card_id=card_id, model_label=label)


def _recorded_decision(request: Request, user: Principal, decision_id: int | None) -> dict[str, Any] | None:
    """The user's own decision ``decision_id`` (to show 已记录 after the form), with its assist kind."""
    if decision_id is None:
        return None
    import json

    from fazhi.store import AuditRecord, Decision

    with _store(request).session() as session:
        d = session.get(Decision, decision_id)
        if d is None or d.user_id != user.id:
            return None
        rec = session.get(AuditRecord, d.ledger_seq)
        kind = contract_kind(json.loads(rec.payload).get("kind", "")) if rec is not None else ""
        return {"kind": kind, "decision": d.decision, "label": DECISION_LABELS.get(d.decision, d.decision),
                "reason": d.reason, "audit_id": d.audit_id, "decision_audit_id": d.ledger_seq}


# --------------------------------------------------------------------------- login / logout / home


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    """``/`` → the user's case list (or the login page)."""
    user = deps.optional_user(request)
    return _see_other(_home(user) if user else "/login")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    """The login form (``login-form``)."""
    user = deps.optional_user(request)
    if user is not None:
        return _see_other(_safe_next(next) or _home(user))
    return _render(request, "login.html", None, title="登录", next_url=_safe_next(next) or "", username="",
                   error=None)


@router.post("/login", response_class=HTMLResponse)
def login_submit(request: Request, username: Annotated[str, Form()] = "",
                 password: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "",
                 next: Annotated[str, Form()] = "") -> Response:
    """Check the password, set the ``fazhi_session`` cookie and go on; a wrong one shows ``login-error``."""
    failed = _csrf_failed(request, None, csrf_token)
    if failed is not None:
        return failed
    name = username.strip()

    def again(message: str, status: int = 200) -> HTMLResponse:
        return _render(request, "login.html", None, status=status, title="登录", next_url=_safe_next(next) or "",
                       username=name, error=message)

    if not name or not password:
        return again("请输入用户名和密码。登录失败。")
    try:
        got = services.login(_store(request), _throttle(request), name, password)
    except services.TooManyAttempts:
        return again("登录失败次数过多，请稍后再试。", status=429)
    if got is None:
        return again("用户名或密码错误，登录失败。")
    role = got["user"]["role"]
    target = _safe_next(next) or ("/cases" if allowed(role, "cases") else "/laws")
    response = _see_other(target)
    response.set_cookie(deps.SESSION_COOKIE, got["token"], max_age=got.get("max_age"), httponly=True,
                        samesite="strict", path="/", secure=request.url.scheme == "https")
    return response


@router.post("/logout", response_class=HTMLResponse)
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    """End the session (the token stops working at once) and go to the login page."""
    user = deps.optional_user(request)
    failed = _csrf_failed(request, user, csrf_token)
    if failed is not None:
        return failed
    if user is not None:
        with _store(request).session() as session:
            end_session(session, user.token_hash)
    response = _see_other("/login")
    response.delete_cookie(deps.SESSION_COOKIE, path="/")
    return response


# --------------------------------------------------------------------------- cases


@router.get("/cases", response_class=HTMLResponse)
def cases_page(request: Request, q: str = "") -> Response:
    """The user's cases (their court and division), searchable by 案号, 案由 or 当事人."""
    user = _gate(request, "cases")
    if isinstance(user, Response):
        return user
    query = q.strip()[:100]
    with _store(request).session() as session:
        rows = services.list_cases(session, user, query=query or None, limit=CASES_LIMIT)
    scope = "".join(x for x in (user.court, user.division if user.role != "manager" else None) if x) or "—"
    return _render(request, "cases.html", user, title="案件", cases=rows, q=query, scope=scope, limit=CASES_LIMIT,
                   can_upload=allowed(user.role, "ingest"))


def _document_view(doc: dict[str, Any], text: str | None, latest: bool) -> dict[str, Any]:
    record = doc.get("record") or {}
    return {"document_id": doc["document_id"], "source": doc.get("source") or "",
            "title": record.get("title") or doc.get("doc_type") or "文书", "latest": latest,
            "judgment_date": record.get("judgment_date"), "audit_id": doc.get("audit_id"),
            "parties": [{"role": p.get("role") or "", "name": p.get("name") or ""} for p in record.get("parties") or []],
            "statutes": [{"law": s.get("law"), "article": s.get("article")} for s in record.get("statutes") or []],
            "text": text}


#: Kinds whose basis spans point into the whole document; the prediction's point into its facts.
_WHOLE_TEXT_KINDS = frozenset({"extraction", "citation_check", "document_review", "anonymization"})


def _span_source(kind: str, text: str | None) -> str | None:
    """The text an assist's spans are offsets into (None: do not quote, only give the offsets)."""
    if text is None:
        return None
    if kind in _WHOLE_TEXT_KINDS:
        return text
    if kind == "prediction":
        from fazhi.cases.index import facts_of

        return facts_of(text)
    return None


def may_read_text(user: Principal) -> bool:
    """Whether the user's role may read a document's full text (the roles with case access)."""
    return allowed(user.role, "cases")


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: int, recorded: int | None = None) -> Response:
    """A case: its documents and every assist for the latest one, each with its decision form."""
    user = _gate(request, "cases")
    if isinstance(user, Response):
        return user
    store = _store(request)
    show_text = may_read_text(user)
    with store.session() as session:
        case = services.case_detail(session, user, case_id)
        if case is None:
            return _not_found(request, user, "案件")
        docs = case["documents"]
        texts: dict[int, str | None] = {}
        for d in docs:
            detail = services.document_detail(session, user, case_id, d["document_id"]) if show_text else None
            texts[d["document_id"]] = detail["text"] if detail else None
    documents = [_document_view(d, texts.get(d["document_id"]), i == len(docs) - 1) for i, d in enumerate(docs)]
    views: list[AssistView] = []
    latest_title = ""
    if docs:
        latest = docs[-1]
        latest_title = documents[-1]["title"]
        outcomes = services.document_assists(store, user, case_id, latest["document_id"]) or {}
        done = _recorded_decision(request, user, recorded)
        for kind in ASSIST_ORDER:
            o = outcomes.get(kind)
            if o is None or o.state == "forbidden":
                continue  # not for this document or not for this role
            v = assist_view(kind, o.state, o.assists if o.state == "ok" else (), o.message, o.notice)
            if done is not None and done["kind"] == kind:
                v.recorded = done
            v.span_text = _span_source(kind, texts.get(latest["document_id"]))
            views.append(v)
    return _render(request, "case.html", user, title=case.get("case_number") or f"案件 {case_id}", case=case,
                   documents=documents, assists=views, latest_title=latest_title,
                   show_original=show_text)


@router.post("/cases/{case_id}/decisions", response_class=HTMLResponse)
def decide(request: Request, case_id: int, decision: Annotated[str, Form()] = "",
           reason: Annotated[str, Form()] = "", modified: Annotated[str, Form()] = "",
           audit_id: Annotated[list[int] | None, Form()] = None, kind: Annotated[str, Form()] = "",
           csrf_token: Annotated[str, Form()] = "") -> Response:
    """Record 采纳 / 修改 / 不采纳 (with the reason) on the assist(s) of one box, then show it."""
    user = _form_gate(request, "decide", csrf_token)
    if isinstance(user, Response):
        return user
    with _store(request).session() as session:
        if services.case_detail(session, user, case_id) is None:
            return _not_found(request, user, "案件")
    if not audit_id:
        return _error(request, user, 400, "无法记录决定", "表单缺少辅助结果的审计编号。")
    first: dict[str, Any] | None = None
    try:
        for aid in dict.fromkeys(audit_id or []):
            got = services.record_decision(_store(request), user, audit_id=aid, decision=decision, reason=reason,
                                           modified=modified.strip() or None)
            if got is None:
                return _not_found(request, user, "辅助结果")
            first = first or got
    except BadInput as exc:
        return _error(request, user, 400, "无法记录决定", exc.zh)
    assert first is not None
    anchor = contract_kind(first.get("kind") or kind)
    return _see_other(f"/cases/{case_id}?recorded={first['id']}#assist-{quote(anchor)}")


# --------------------------------------------------------------------------- upload and jobs


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, job: int | None = None) -> Response:
    """The upload form; with ``?job=`` the progress of that ingest (``job-progress``)."""
    user = _gate(request, "ingest")
    if isinstance(user, Response):
        return user
    job_view = None
    if job is not None:
        with _store(request).session() as session:
            job_view = services.job_view(session, user, job)
        if job_view is None:
            return _not_found(request, user, "任务")
        job_view["name"] = ((job_view.get("result") or {}).get("name")) or f"任务 {job}"
    stopped = _stops(request, ["ingest"])
    return _render(request, "upload.html", user, status=503 if stopped and job is None else 200, title="上传",
                   stopped=stopped, job=job_view)


@router.post("/upload", response_class=HTMLResponse)
async def upload_submit(request: Request, file: Annotated[UploadFile, File()],
                        csrf_token: Annotated[str, Form()] = "") -> Response:
    """Save the upload and start its ingest in the background; then the progress page."""
    user = _form_gate(request, "ingest", csrf_token)
    if isinstance(user, Response):
        return user
    stopped = _stops(request, ["ingest"])
    if stopped:
        return _render(request, "upload.html", user, status=503, title="上传", stopped=stopped, job=None)
    name = services.safe_filename(file.filename)
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return _render(request, "upload.html", user, status=415, title="上传", job=None,
                       flash={"kind": "error", "text": "只能上传 .txt、.docx 或 .pdf 文件。"})
    from fazhi.api.routers.ingest import check_readable, save_upload

    try:
        path, workdir = await run_in_threadpool(save_upload, file)
        try:
            fmt = check_readable(path, workdir)
            job_id = services.start_ingest(_store(request), user, path, workdir=workdir, fmt=fmt)
        except BaseException:
            shutil.rmtree(workdir, ignore_errors=True)
            raise
    except FazhiError as exc:
        return _render(request, "upload.html", user, status=getattr(exc, "status", 400), title="上传", job=None,
                       flash={"kind": "error", "text": exc.zh})
    return _see_other(f"/upload?job={job_id}")


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: int) -> Response:
    """A background job's progress (``job-progress``), polled by fazhi.js."""
    return _job(request, job_id, open_result=False)


@router.get("/jobs/{job_id}/open", response_class=HTMLResponse)
def job_open(request: Request, job_id: int) -> Response:
    """A finished ingest → its case page; otherwise the job's progress or error."""
    return _job(request, job_id, open_result=True)


def _job(request: Request, job_id: int, *, open_result: bool) -> Response:
    user = _gate(request, "jobs")
    if isinstance(user, Response):
        return user
    with _store(request).session() as session:
        job = services.job_view(session, user, job_id)
    if job is None:
        return _not_found(request, user, "任务")
    result = job.get("result") or {}
    if open_result and job["state"] == "done":
        case_id = result.get("case_id")
        if case_id is not None:
            return _see_other(f"/cases/{int(case_id)}")
        if not job.get("error") and result.get("skipped") == 0 and result.get("stored") == 0 and result.get("errors"):
            job["error"] = "；".join(e.get("error", "") for e in result["errors"])
    if job["state"] == "done" and not job.get("error") and result.get("errors"):
        job["error"] = "；".join(str(e.get("error", "")) for e in result["errors"])
    return _render(request, "job.html", user, title="后台任务", job=job)


# --------------------------------------------------------------------------- anonymisation review queue


@router.get("/anonymize/queue", response_class=HTMLResponse)
def review_queue(request: Request) -> Response:
    """Uncertain anonymisation items in the documents of the user's most recent cases."""
    user = _gate(request, "anonymize")
    if isinstance(user, Response):
        return user
    stopped = _stops(request, ["anonymize"])
    if stopped:
        return _render(request, "queue.html", user, status=503, title="匿名化复核", stopped=stopped, items=[])
    if "anonymization" in user.opted_out:
        return _render(request, "queue.html", user, title="匿名化复核", items=[],
                       flash={"kind": "info", "text": "您已关闭此项辅助（匿名化），复核清单不再计算。可在设置中重新开启。"})
    store = _store(request)
    with store.session() as session:
        cases = services.list_cases(session, user, limit=QUEUE_DOCUMENTS) if allowed(user.role, "cases") else []
        docs: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for c in cases:
            detail = services.case_detail(session, user, c["case_id"])
            if detail and detail["documents"]:
                docs.append((c, detail["documents"][-1]))
    items: list[dict[str, Any]] = []
    for case, doc in docs:
        got = services.document_assists(store, user, case["case_id"], doc["document_id"], kinds={"anonymization"})
        outcome = (got or {}).get("anonymization")
        if outcome is None or outcome.state != "ok":
            continue
        record = doc.get("record") or {}
        for a in outcome.assists:
            for r in (a.result or {}).get("review", []):
                items.append({"case_id": case["case_id"], "case_number": case.get("case_number"),
                              "document_id": doc["document_id"], "document_title": record.get("title") or doc.get("doc_type"),
                              "type": PII_LABELS.get(r.get("type") or "", r.get("type") or ""), "text": r.get("text") or r.get("check") or "",
                              "action_label": REVIEW_ACTIONS.get(r.get("action", ""), r.get("action", ""))
                              + (f"（替换为“{r['replacement']}”）" if r.get("replacement") else ""),
                              "why": r.get("why"), "confidence": r.get("confidence")})
    return _render(request, "queue.html", user, title="匿名化复核", items=items,
                   truncated=len(docs) >= QUEUE_DOCUMENTS, scanned=len(docs))


# --------------------------------------------------------------------------- laws


def _parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip()) if raw and raw.strip() else None
    except ValueError:
        raise BadInput(f"日期格式应为 YYYY-MM-DD：{raw}", f"dates are YYYY-MM-DD: {raw}") from None


@router.get("/laws", response_class=HTMLResponse)
def laws_page(request: Request, q: str = "", when: str = "") -> Response:
    """The law browser: describe the facts or the question, get the articles in force with their text."""
    user = _gate(request, "laws")
    if isinstance(user, Response):
        return user
    stopped = _stops(request, ["laws"])
    query = q.strip()[:2000]
    ctx: dict[str, Any] = {"q": query, "when": when.strip(), "law_name": "", "law_article": "", "push": None,
                           "opted_out": False, "error": None}
    if stopped:
        return _render(request, "laws.html", user, status=503, title="法律法规", stopped=stopped, **ctx)
    if query:
        try:
            day = _parse_day(when)

            def compute(_session: Any) -> Assist:
                from fazhi.laws.push import push_assist

                index, encoder = services.law_index()
                return push_assist(services.kb(), query, k=10, when=day, index=index, encoder=encoder)

            got = services.run_assist(_store(request), user, capability="laws", kind="law_push", compute=compute,
                                      input_sha256=services.text_sha(query),
                                      summary={"action": "law_push", "via": "web"})
        except deps.CapabilityStopped:
            return _render(request, "laws.html", user, status=503, title="法律法规", banner_for=["laws"], **ctx)
        except FazhiError as exc:
            ctx["error"] = exc.zh
        else:
            if got is None:
                ctx["opted_out"] = True
            elif isinstance(got, Assist):
                ctx["push"] = got.to_dict()
    return _render(request, "laws.html", user, title="法律法规", stopped=[], **ctx)


@router.get("/laws/article", response_class=HTMLResponse)
def law_article_lookup(request: Request, law: str = "", article: str = "") -> Response:
    """The lookup form's target: → ``/laws/{law}/{article}``."""
    user = _gate(request, "laws")
    if isinstance(user, Response):
        return user
    if not law.strip() or not article.strip():
        return _see_other("/laws")
    return _see_other(f"/laws/{quote(law.strip(), safe='')}/{quote(article.strip(), safe='')}")


@router.get("/laws/{law}/{article}", response_class=HTMLResponse)
def law_article(request: Request, law: str, article: str) -> Response:
    """One article as in force now (or as the knowledge base's newest text), with its version."""
    user = _gate(request, "laws")
    if isinstance(user, Response):
        return user
    stopped = _stops(request, ["laws"])
    if stopped:
        return _render(request, "article.html", user, status=503, title="法律法规", stopped=stopped, article=None,
                       error=None)
    from fazhi.laws.show import show_article

    try:
        art = show_article(services.kb(), law, article)
    except BadInput as exc:
        return _render(request, "article.html", user, status=404, title="法律法规", article=None, error=exc.zh)
    number = int(art.get("article") or 0)
    return _render(request, "article.html", user, title=f"《{art['law']}》{art.get('number_text', '')}", article=art,
                   error=None, prev_article=number - 1 if number > 1 else None, next_article=number + 1)


# --------------------------------------------------------------------------- model cards


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested metrics as (dotted key, value) rows."""
    if isinstance(value, dict):
        rows: list[tuple[str, str]] = []
        for k, v in value.items():
            rows += _flatten(v, f"{prefix}.{k}" if prefix else str(k))
        return rows
    if isinstance(value, list):
        return [(prefix, "、".join(str(v) for v in value))]
    if isinstance(value, float):
        return [(prefix, f"{value:.4g}")]
    return [(prefix, str(value))]


def card_views() -> list[dict[str, Any]]:
    """Every model card shipped with fazhi, shaped for the cards page."""
    from fazhi.cards import all_cards

    out = []
    for c in all_cards():
        cid = c.get("card_id", "")
        limits = c.get("limits") or []
        out.append({"card_id": cid, "title": CARD_TITLES.get(cid, c.get("name", cid)), "name": c.get("name", ""),
                    "version": c.get("version", ""), "function": c.get("function") or c.get("purpose_en") or "",
                    "method": c.get("method") or "", "metrics": _flatten(c.get("metrics") or {}),
                    "limits": limits if isinstance(limits, list) else [str(limits)], "data": c.get("data") or ""})
    return out


@router.get("/cards", response_class=HTMLResponse)
def cards_page(request: Request) -> Response:
    """Model cards: function, performance, limits and data of every method (``card``, ``id=card-id``)."""
    user = _gate(request, "cards")
    if isinstance(user, Response):
        return user
    return _render(request, "cards.html", user, title="模型说明", cards=card_views())


# --------------------------------------------------------------------------- audit


def audit_summary(rec: dict[str, Any]) -> str:
    """One line about an audit record, from its payload (which holds no personal data)."""
    p = rec.get("payload") or {}
    action = rec.get("action")
    if action == "decision":
        kind = contract_kind(p.get("kind", ""))
        decision = str(p.get("decision") or "")
        text = f"{KIND_LABELS.get(kind, kind)}（审计编号 {p.get('audit_id')}）：{DECISION_LABELS.get(decision, decision)}"
        return text + (f"；理由：{p['reason']}" if p.get("reason") else "")
    if action == "assist":
        kind = contract_kind(p.get("kind", ""))
        model = p.get("model") or {}
        conf = p.get("confidence")
        return (f"{KIND_LABELS.get(kind, kind)}；方法 {model.get('name', '')} {model.get('version', '')}"
                + (f"；置信度 {conf:.2f}" if isinstance(conf, int | float) else "")
                + f"；输入哈希 {str(p.get('input_sha256', ''))[:12]}…")
    if action == "capability_stop":
        cap = p.get("capability", "")
        return f"停用「{CAPABILITY_LABELS.get(cap, cap)}」；原因：{p.get('reason', '')}"
    if action == "capability_resume":
        cap = p.get("capability", "")
        return f"恢复「{CAPABILITY_LABELS.get(cap, cap)}」"
    if action == "preferences":
        kinds = p.get("opted_out") or []
        return "关闭的辅助：" + ("、".join(KIND_LABELS.get(k, k) for k in kinds) or "无")
    parts = [f"{k}={v}" for k, v in p.items() if isinstance(v, str | int | float | bool) and len(str(v)) <= 80]
    return "；".join(parts[:8])


def _short(value: str | None, keep: int = 16) -> str:
    """A long subject (an input hash) cut for the table; the full value goes in the title."""
    if not value:
        return "—"
    return value if len(value) <= keep + 8 else value[:keep] + "…"


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, action: str = "") -> Response:
    """The latest audit records the user may read (their own; a manager's court; all for admins)."""
    user = _gate(request, "audit")
    if isinstance(user, Response):
        return user
    action = action.strip()
    with _store(request).session() as session:
        rows = services.audit_records(session, user, last=100, action=action or None)
    records = [{**r, "action_label": ACTION_LABELS.get(r["action"], r["action"]), "summary": audit_summary(r),
                "when": str(r.get("ts") or "")[:19].replace("T", " "),
                "subject_short": _short(r.get("subject"))} for r in reversed(rows)]
    return _render(request, "audit.html", user, title="审计", records=records, action=action,
                   actions=list(ACTION_LABELS), action_labels=ACTION_LABELS, chain=None)


# --------------------------------------------------------------------------- settings (opt-outs)


def _kind_rows(off: Iterable[str]) -> list[dict[str, Any]]:
    off = set(off)
    return [{"kind": k, "label": KIND_LABELS.get(k, k), "help": ASSIST_HELP.get(k, ""), "off": k in off}
            for k in KINDS]


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, saved: int = 0) -> Response:
    """The user's opt-out switches: one checkbox per assist kind (``opt_out``)."""
    user = _gate(request, "me")
    if isinstance(user, Response):
        return user
    with _store(request).session() as session:
        off = services.get_opt_outs(session, user.id)
    return _render(request, "settings.html", user, title="设置", kinds=_kind_rows(off), saved=bool(saved),
                   off_labels=[KIND_LABELS.get(k, k) for k in off])


@router.post("/settings", response_class=HTMLResponse)
def settings_submit(request: Request, opt_out: Annotated[list[str] | None, Form()] = None,
                    csrf_token: Annotated[str, Form()] = "") -> Response:
    """Save the opt-outs (they take effect on the next page) and show them."""
    user = _form_gate(request, "me", csrf_token)
    if isinstance(user, Response):
        return user
    try:
        with _store(request).session() as session:
            services.set_opt_outs(session, user, opt_out or [])
    except BadInput as exc:
        return _error(request, user, 400, "无法保存设置", exc.zh)
    return _see_other("/settings?saved=1")


# --------------------------------------------------------------------------- admin (emergency stop)


def _admin_context(request: Request) -> dict[str, Any]:
    with _store(request).session() as session:
        stops = services.list_stops(session)
    stopped = {s["capability"] for s in stops}
    return {"capabilities": [{"name": c, "label": CAPABILITY_LABELS[c], "stopped": c in stopped} for c in CAPABILITIES],
            "stops": [{**s, "by": s.get("stopped_by"), "at": s.get("stopped_at")} for s in stops]}


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request) -> Response:
    """Emergency stop: stop a capability for everyone (``stop-form``), the stopped ones with 恢复 (``stop-list``)."""
    user = _gate(request, "admin")
    if isinstance(user, Response):
        return user
    return _render(request, "admin.html", user, title="管理", **_admin_context(request))


@router.post("/admin/stops", response_class=HTMLResponse)
def admin_stop(request: Request, capability: Annotated[str, Form()] = "", reason: Annotated[str, Form()] = "",
               csrf_token: Annotated[str, Form()] = "") -> Response:
    """Stop ``capability`` for everyone now (audited)."""
    user = _form_gate(request, "admin", csrf_token)
    if isinstance(user, Response):
        return user
    try:
        with _store(request).session() as session:
            services.stop_capability(session, user, capability.strip(), reason)
    except BadInput as exc:
        return _render(request, "admin.html", user, status=400, title="管理",
                       flash={"kind": "error", "text": exc.zh}, **_admin_context(request))
    return _see_other("/admin")


@router.post("/admin/stops/{capability}/resume", response_class=HTMLResponse)
def admin_resume(request: Request, capability: str, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Lift the stop of ``capability`` (audited)."""
    user = _form_gate(request, "admin", csrf_token)
    if isinstance(user, Response):
        return user
    with _store(request).session() as session:
        services.resume_capability(session, user, capability)
    return _see_other("/admin")
