"""The workbench pages through FastAPI's TestClient (docs/web_contract.md): hooks, roles, forms, CSRF.

One app per module on a real SQLite store with the sample criminal judgment ingested and one user
per role (北京市朝阳区人民法院 刑事审判庭, plus a judge of another court). Tests that change shared
state (opt-outs, emergency stops) undo it. Browser tests of the same pages live in tests/e2e.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "fazhi" / "web"
SAMPLE = ROOT / "src" / "fazhi" / "samples" / "criminal_judgment.txt"
CASE_NUMBER = "（2024）京0105刑初1587号"
COURT = "北京市朝阳区人民法院"
DIVISION = "刑事审判庭"
PASSWORD = "web-test-密码-2024"
NOTICE_PART = "仅供参考，不代替审判人员的判断"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
USERS = {
    "judge": ("judge", COURT, DIVISION),
    "clerk": ("clerk", COURT, DIVISION),
    "manager": ("manager", COURT, None),
    "admin": ("admin", None, None),
    "public": ("public", None, None),
    "other": ("judge", "北京市海淀区人民法院", DIVISION),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, laws_db: Path) -> Iterator[dict[str, Any]]:
    """The app, its store, the users and the ingested sample case."""
    import os

    from fazhi import secrets

    home = tmp_path_factory.mktemp("web-home")
    saved = {k: os.environ.get(k) for k in ("FAZHI_HOME", "FAZHI_LAWS_DB", "FAZHI_SECRET_KEY")}
    os.environ.update({"FAZHI_HOME": str(home), "FAZHI_LAWS_DB": str(laws_db), "FAZHI_SECRET_KEY": "test-key"})
    secrets.secret_key.cache_clear()
    from fazhi.api.app import create_app
    from fazhi.api.auth import create_user, hash_password
    from fazhi.ingest import ingest

    app = create_app(f"sqlite:///{home / 'web.db'}")
    store = app.state.store
    digest = hash_password(PASSWORD)
    with store.session() as session:
        for name, (role, court, division) in USERS.items():
            create_user(session, username=f"web-{name}", password=None, role=role, court=court, division=division,
                        password_hash=digest)
    report = ingest(store, [SAMPLE], actor="cli:test")
    assert report.stored == 1, report
    from fazhi.store import Case

    with store.session() as session:
        case_id = session.query(Case.id).filter(Case.case_number == CASE_NUMBER).scalar()
    assert case_id is not None
    try:
        yield {"app": app, "store": store, "case_id": case_id, "home": home}
    finally:
        store.close()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        secrets.secret_key.cache_clear()


def _client(world: dict[str, Any]) -> TestClient:
    return TestClient(world["app"], raise_server_exceptions=True)


def _csrf(html: str) -> str:
    m = CSRF.search(html)
    assert m, "no csrf_token in the page"
    return m.group(1)


def login(world: dict[str, Any], who: str | None) -> TestClient:
    """A client logged in through the /login form as ``web-{who}`` (None: not logged in)."""
    client = _client(world)
    if who is None:
        return client
    page = client.get("/login")
    r = client.post("/login", data={"username": f"web-{who}", "password": PASSWORD, "csrf_token": _csrf(page.text)},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return client


def _section(html: str, kind: str) -> str:
    """The HTML of ``<section data-testid="assist-{kind}">`` (empty if absent)."""
    m = re.search(rf'<section[^>]*data-testid="assist-{kind}".*?</section>', html, re.S)
    return m.group(0) if m else ""


def _state(html: str, kind: str) -> str | None:
    m = re.search(rf'data-testid="assist-{kind}" data-state="(\w+)"', html)
    return m.group(1) if m else None


def _audit_count(world: dict[str, Any], action: str, kind: str | None = None) -> int:
    from fazhi.store import AuditRecord

    with world["store"].session() as session:
        rows = session.query(AuditRecord.payload).filter(AuditRecord.action == action).all()
    return sum(1 for (p,) in rows if kind is None or json.loads(p).get("kind") == kind)


# --------------------------------------------------------------------------- login and sessions


def test_login_page_is_chinese_with_form_and_csrf(world: dict[str, Any]) -> None:
    r = _client(world).get("/login")
    assert r.status_code == 200
    assert '<html lang="zh-CN">' in r.text
    assert 'data-testid="login-form"' in r.text
    assert 'name="username"' in r.text and 'name="password"' in r.text
    assert _csrf(r.text)
    assert '<label for="username">' in r.text and '<label for="password">' in r.text


@pytest.mark.parametrize("path", ["/cases", "/cases/1", "/upload", "/anonymize/queue", "/laws", "/cards", "/audit",
                                  "/settings", "/admin"])
def test_pages_without_a_session_redirect_to_login(world: dict[str, Any], path: str) -> None:
    r = _client(world).get(path, follow_redirects=False)
    assert r.status_code in (302, 303, 307)
    assert r.headers["location"].startswith("/login")


def test_wrong_password_shows_the_error_and_the_right_one_lands_on_cases(world: dict[str, Any]) -> None:
    client = _client(world)
    token = _csrf(client.get("/login").text)
    r = client.post("/login", data={"username": "web-judge", "password": "wrong", "csrf_token": token})
    assert 'data-testid="login-error"' in r.text and "登录失败" in r.text
    assert "fazhi_session" not in client.cookies
    r = client.post("/login", data={"username": "web-judge", "password": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/cases"
    cookie = r.headers["set-cookie"]
    assert "fazhi_session=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    page = client.get("/cases")
    assert 'data-testid="current-user"' in page.text and "法官" in page.text


def test_public_user_lands_on_the_law_browser(world: dict[str, Any]) -> None:
    client = _client(world)
    token = _csrf(client.get("/login").text)
    r = client.post("/login", data={"username": "web-public", "password": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    assert r.headers["location"] == "/laws"


def test_login_next_parameter_is_only_followed_to_local_paths(world: dict[str, Any]) -> None:
    client = _client(world)
    token = _csrf(client.get("/login").text)
    r = client.post("/login", data={"username": "web-judge", "password": PASSWORD, "csrf_token": token,
                                    "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/cases"


def test_logout_ends_the_session(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    page = client.get("/settings")
    r = client.post("/logout", data={"csrf_token": _csrf(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/cases", follow_redirects=False).status_code == 303


# --------------------------------------------------------------------------- CSRF


def test_login_without_csrf_is_403(world: dict[str, Any]) -> None:
    client = _client(world)
    client.get("/login")
    r = client.post("/login", data={"username": "web-judge", "password": PASSWORD})
    assert r.status_code == 403


@pytest.mark.parametrize("path, data", [
    ("/settings", {"opt_out": "prediction"}),
    ("/cases/{case_id}/decisions", {"decision": "adopt", "audit_id": "1"}),
    ("/logout", {}),
])
def test_form_posts_without_csrf_are_403(world: dict[str, Any], path: str, data: dict[str, str]) -> None:
    client = login(world, "judge")
    url = path.format(case_id=world["case_id"])
    assert client.post(url, data=data).status_code == 403
    assert client.post(url, data={**data, "csrf_token": "forged"}).status_code == 403


def test_admin_stop_without_csrf_is_403_and_stops_nothing(world: dict[str, Any]) -> None:
    client = login(world, "admin")
    r = client.post("/admin/stops", data={"capability": "predict", "reason": "x"})
    assert r.status_code == 403
    assert "模型" not in client.get("/admin").text.split('data-testid="stop-list"')[1]


def test_upload_without_csrf_is_403(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    r = client.post("/upload", files={"file": ("a.txt", "文书".encode(), "text/plain")})
    assert r.status_code == 403


# --------------------------------------------------------------------------- each page for an allowed role


@pytest.mark.parametrize("who, path, hooks", [
    ("judge", "/cases", ["case-list", "case-link"]),
    ("judge", "/upload", ["upload-form"]),
    ("judge", "/anonymize/queue", ["review-queue"]),
    ("public", "/laws", ["law-search"]),
    ("judge", "/cards", ["card"]),
    ("judge", "/audit", ["audit-list"]),
    ("judge", "/settings", ["settings-form"]),
    ("admin", "/admin", ["stop-form", "stop-list"]),
    ("manager", "/cases", ["case-list", "case-link"]),
])
def test_page_renders_with_its_hooks(world: dict[str, Any], who: str, path: str, hooks: list[str]) -> None:
    r = login(world, who).get(path)
    assert r.status_code == 200, r.text[:500]
    assert '<html lang="zh-CN">' in r.text
    assert '<link rel="stylesheet" href="/static/fazhi.css">' in r.text
    for hook in hooks:
        assert f'data-testid="{hook}"' in r.text, hook
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


def test_nav_shows_admin_only_to_admins(world: dict[str, Any]) -> None:
    judge = login(world, "judge").get("/cases").text
    for label in ("案件", "上传", "匿名化复核", "法律法规", "模型说明", "审计", "设置"):
        assert f">{label}</a>" in judge
    assert 'href="/admin"' not in judge
    assert 'href="/admin"' in login(world, "admin").get("/admin").text


@pytest.mark.parametrize("who, path", [
    ("public", "/cases"), ("public", "/cases/{case_id}"), ("public", "/upload"), ("public", "/audit"),
    ("public", "/anonymize/queue"), ("public", "/admin"), ("judge", "/admin"), ("clerk", "/admin"),
    ("manager", "/admin"), ("admin", "/cases"), ("admin", "/cases/{case_id}"), ("manager", "/upload"),
])
def test_forbidden_roles_get_403(world: dict[str, Any], who: str, path: str) -> None:
    r = login(world, who).get(path.format(case_id=world["case_id"]), follow_redirects=False)
    assert r.status_code == 403
    assert CASE_NUMBER not in r.text
    assert 'data-testid="stop-form"' not in r.text


def test_admin_actions_are_forbidden_to_judges(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    token = _csrf(client.get("/cases").text)
    assert client.post("/admin/stops", data={"capability": "predict", "reason": "x", "csrf_token": token}).status_code == 403
    assert client.post("/admin/stops/predict/resume", data={"csrf_token": token}).status_code == 403


# --------------------------------------------------------------------------- cases


def test_case_list_and_search_within_scope(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    page = client.get("/cases").text
    assert CASE_NUMBER in page and f'href="/cases/{world["case_id"]}" data-testid="case-link"' in page
    for q in ("京0105刑初1587", "盗窃", "王建国"):  # 案号, 案由, 当事人
        assert CASE_NUMBER in client.get("/cases", params={"q": q}).text, q
    assert CASE_NUMBER not in client.get("/cases", params={"q": "不存在的案由"}).text
    other = login(world, "other")
    assert CASE_NUMBER not in other.get("/cases").text
    assert other.get(f"/cases/{world['case_id']}").status_code == 404


def test_case_page_shows_documents_and_every_assist(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    html = client.get(f"/cases/{world['case_id']}").text
    assert CASE_NUMBER in html
    assert 'data-testid="document-text"' in html and "被告人王建国" in html
    for kind in ("extraction", "citation_check", "prediction", "deviation_warning", "similar_cases",
                 "document_review", "anonymization"):
        sec = _section(html, kind)
        assert sec, kind
        assert _state(html, kind) == "ok", kind
        assert 'data-testid="assist-result"' in sec, kind
        assert 'data-testid="assist-explanation"' in sec, kind
        assert NOTICE_PART in sec, kind
        assert re.search(r'href="/cards#[\w.-]+" data-testid="card-link"', sec), kind
        assert 'data-testid="decision-form"' in sec, kind
        form = re.search(r'<form[^>]*data-testid="decision-form".*?</form>', sec, re.S).group(0)
        assert 'name="audit_id"' in form and 'name="csrf_token"' in form
        for value, label in (("adopt", "采纳"), ("modify", "修改"), ("reject", "不采纳")):
            assert f'<option value="{value}">{label}</option>' in form
        assert '<textarea id="reason-' in form and 'name="reason"' in form
    pred = _section(html, "prediction")
    assert "盗窃罪" in pred and 'class="article-text"' in pred  # basis: articles with text
    assert "confidence" in pred
    assert "相同：" in _section(html, "deviation_warning")  # cases with why
    assert 'href="/cards#predict-cail-0.1"' in pred
    anon = _section(html, "anonymization")
    assert 'data-testid="anonymized-text"' in anon and "<th scope=\"col\">原文</th>" in anon


def test_clerk_sees_no_prediction(world: dict[str, Any]) -> None:
    html = login(world, "clerk").get(f"/cases/{world['case_id']}").text
    assert _state(html, "citation_check") == "ok"
    assert _section(html, "prediction") == ""


def test_decision_is_recorded_in_the_audit_log_and_shown(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    html = client.get(f"/cases/{world['case_id']}").text
    sec = _section(html, "prediction")
    audit_id = re.search(r'name="audit_id" value="(\d+)"', sec).group(1)
    url = f"/cases/{world['case_id']}/decisions"
    token = _csrf(html)
    # a rejection needs a reason
    r = client.post(url, data={"csrf_token": token, "decision": "reject", "reason": "", "audit_id": audit_id,
                               "kind": "prediction"})
    assert r.status_code == 400 and "理由" in r.text
    before = _audit_count(world, "decision")
    reason = "与本案量刑情节不符<b>x</b>"
    r = client.post(url, data={"csrf_token": token, "decision": "reject", "reason": reason, "audit_id": audit_id,
                               "kind": "prediction"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith(f"/cases/{world['case_id']}?recorded=")
    assert r.headers["location"].endswith("#assist-prediction")
    assert _audit_count(world, "decision") == before + 1
    page = client.get(r.headers["location"]).text
    recorded = re.search(r'<p[^>]*data-testid="decision-recorded"[^>]*>(.*?)</p>', _section(page, "prediction"), re.S)
    assert recorded and "不采纳" in recorded.group(1)
    assert "与本案量刑情节不符&lt;b&gt;x&lt;/b&gt;" in recorded.group(1)  # escaped
    assert "<b>x</b>" not in page
    audit = client.get("/audit").text
    assert 'data-testid="audit-list"' in audit and "不采纳" in audit and "与本案量刑情节不符" in audit


def test_decision_on_an_unknown_assist_is_404(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    token = _csrf(client.get("/settings").text)
    r = client.post(f"/cases/{world['case_id']}/decisions",
                    data={"csrf_token": token, "decision": "adopt", "audit_id": "999999"})
    assert r.status_code == 404


def test_audit_view_holds_no_personal_data(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    client.get(f"/cases/{world['case_id']}")
    html = client.get("/audit").text
    assert 'data-testid="audit-record"' in html
    for personal in ("王建国", "刘晓燕", "1988年7月14日"):
        assert personal not in html, personal


# --------------------------------------------------------------------------- opt-out and emergency stop


def test_opting_out_hides_the_assist_and_it_is_not_computed(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    settings = client.get("/settings").text
    assert 'name="opt_out" value="prediction"' in settings
    try:
        r = client.post("/settings", data={"csrf_token": _csrf(settings), "opt_out": ["prediction", "law_push"]},
                        follow_redirects=False)
        assert r.status_code == 303
        page = client.get(r.headers["location"]).text
        assert re.search(r'value="prediction" checked', page) and 'data-testid="settings-saved"' in page
        before = _audit_count(world, "assist", "judgment_prediction")
        html = client.get(f"/cases/{world['case_id']}").text
        sec = _section(html, "prediction")
        assert _state(html, "prediction") == "opted_out"
        assert "您已关闭此项辅助" in sec and 'data-testid="opted-out"' in sec
        assert 'data-testid="assist-result"' not in sec and 'data-testid="decision-form"' not in sec
        assert NOTICE_PART in sec and 'data-testid="card-link"' in sec
        assert _audit_count(world, "assist", "judgment_prediction") == before  # not computed
        assert _state(html, "similar_cases") == "ok"  # the others still run
        laws = client.get("/laws", params={"q": "盗窃他人财物"}).text
        assert 'data-testid="opted-out"' in laws and 'data-testid="law-result"' not in laws
    finally:
        page = client.get("/settings").text
        client.post("/settings", data={"csrf_token": _csrf(page)})
    assert _state(client.get(f"/cases/{world['case_id']}").text, "prediction") == "ok"


def test_emergency_stop_shows_banners_and_is_lifted(world: dict[str, Any]) -> None:
    admin = login(world, "admin")
    judge = login(world, "judge")
    reason = "模型复核中-web"
    try:
        page = admin.get("/admin").text
        r = admin.post("/admin/stops", data={"csrf_token": _csrf(page), "capability": "predict", "reason": reason},
                       follow_redirects=False)
        assert r.status_code == 303
        page = admin.get("/admin").text
        stop_list = page.split('data-testid="stop-list"')[1]
        assert reason in stop_list and "恢复" in stop_list
        html = judge.get(f"/cases/{world['case_id']}").text
        sec = _section(html, "prediction")
        assert _state(html, "prediction") == "stopped"
        assert 'data-testid="stopped"' in sec and reason in sec
        assert 'data-testid="assist-result"' not in sec and 'data-testid="decision-form"' not in sec
        assert _state(html, "similar_cases") == "ok"
        # a page that is wholly one stopped capability: banner and 503
        admin.post("/admin/stops", data={"csrf_token": _csrf(page), "capability": "laws", "reason": "法规库更新"})
        laws = judge.get("/laws", params={"q": "盗窃"})
        assert laws.status_code == 503 and 'data-testid="stopped"' in laws.text and "法规库更新" in laws.text
        assert 'data-testid="law-result"' not in laws.text
    finally:
        page = admin.get("/admin").text
        for cap in ("predict", "laws"):
            admin.post(f"/admin/stops/{cap}/resume", data={"csrf_token": _csrf(page)})
    assert reason not in admin.get("/admin").text.split('data-testid="stop-list"')[1]
    html = judge.get(f"/cases/{world['case_id']}").text
    assert _state(html, "prediction") == "ok" and 'data-testid="stopped"' not in html


def test_stopped_ingest_hides_the_upload_form(world: dict[str, Any]) -> None:
    admin = login(world, "admin")
    page = admin.get("/admin").text
    admin.post("/admin/stops", data={"csrf_token": _csrf(page), "capability": "ingest", "reason": "维护"})
    try:
        r = login(world, "judge").get("/upload")
        assert r.status_code == 503 and 'data-testid="stopped"' in r.text and 'data-testid="upload-form"' not in r.text
    finally:
        admin.post("/admin/stops/ingest/resume", data={"csrf_token": _csrf(page)})


# --------------------------------------------------------------------------- upload with progress


def test_upload_runs_in_the_background_with_progress_then_opens_the_case(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    token = _csrf(client.get("/upload").text)
    text = SAMPLE.read_text(encoding="utf-8").replace("1587号", "1588号")
    r = client.post("/upload", data={"csrf_token": token},
                    files={"file": ("judgment.txt", text.encode("utf-8"), "text/plain")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/upload?job=")
    job_id = int(r.headers["location"].split("=")[1])
    page = client.get(r.headers["location"]).text
    assert f'data-testid="job-progress" data-job="{job_id}"' in page
    assert '<script src="/static/fazhi.js" defer></script>' in page
    deadline = time.monotonic() + 60
    state = ""
    while time.monotonic() < deadline:
        state = client.get(f"/api/v1/jobs/{job_id}").json()["state"]
        if state in ("done", "failed", "stopped"):
            break
        time.sleep(0.2)
    assert state == "done"
    r = client.get(f"/jobs/{job_id}/open", follow_redirects=False)
    assert r.status_code == 303 and re.fullmatch(r"/cases/\d+", r.headers["location"])
    assert "（2024）京0105刑初1588号" in client.get(r.headers["location"]).text


def test_upload_refuses_other_file_types(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    token = _csrf(client.get("/upload").text)
    r = client.post("/upload", data={"csrf_token": token}, files={"file": ("x.exe", b"MZ", "application/octet-stream")})
    assert r.status_code == 415 and ".txt" in r.text


# --------------------------------------------------------------------------- review queue, laws, cards


def test_review_queue_lists_uncertain_items_of_the_users_cases(world: dict[str, Any]) -> None:
    html = login(world, "judge").get("/anonymize/queue").text
    queue = html.split('data-testid="review-queue"')[1]
    assert 'data-testid="review-item"' in queue
    assert f'href="/cases/{world["case_id"]}#assist-anonymization"' in queue
    assert 'data-testid="review-item"' not in login(world, "other").get("/anonymize/queue").text


def test_law_browser_pushes_articles_with_text(world: dict[str, Any]) -> None:
    client = login(world, "public")
    html = client.get("/laws", params={"q": "趁被害人不备偷走其手机"}).text
    results = html.split('data-testid="law-results"')[1]
    assert 'data-testid="law-result"' in results and "盗窃" in results
    assert 'class="article-text"' in results and NOTICE_PART in results
    assert 'href="/cards#law-push-0.1" data-testid="card-link"' in results
    article = client.get("/laws/刑法/264")
    assert article.status_code == 200 and 'data-testid="article-text"' in article.text and "盗窃公私财物" in article.text
    assert client.get("/laws/article", params={"law": "刑法", "article": "264"}, follow_redirects=False
                      ).headers["location"] == "/laws/%E5%88%91%E6%B3%95/264"
    assert client.get("/laws/刑法/99999").status_code == 404
    assert client.get("/laws/没有这部法/1").status_code == 404


def test_cards_page_shows_function_performance_limits_and_data(world: dict[str, Any]) -> None:
    from fazhi.cards import all_cards

    html = login(world, "public").get("/cards").text
    cards = all_cards()
    assert html.count('data-testid="card"') == len(cards)
    for card in cards:
        m = re.search(rf'<article class="card" id="{re.escape(card["card_id"])}" data-testid="card".*?</article>',
                      html, re.S)
        assert m, card["card_id"]
        body = m.group(0)
        for hook in ("card-function", "card-metrics", "card-limits", "card-data"):
            assert f'data-testid="{hook}"' in body, (card["card_id"], hook)
        for limit in card.get("limits") or []:
            assert limit[:10] in body, (card["card_id"], limit)


def test_every_card_link_on_the_case_page_resolves(world: dict[str, Any]) -> None:
    from fazhi.cards import all_cards

    html = login(world, "judge").get(f"/cases/{world['case_id']}").text
    ids = {c["card_id"] for c in all_cards()}
    linked = set(re.findall(r'href="/cards#([\w.-]+)"', html))
    assert linked
    assert linked <= ids, f"assists name model cards that are not shipped: {sorted(linked - ids)}"


# --------------------------------------------------------------------------- offline: nothing from outside


def test_no_external_urls_in_templates_or_static_files() -> None:
    files = sorted(p for p in WEB.rglob("*") if p.is_file() and p.suffix in (".html", ".css", ".js"))
    assert any(p.suffix == ".css" for p in files) and any(p.suffix == ".html" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        for needle in ("http://", "https://", "//cdn", "@import url", "fonts.googleapis"):
            assert needle not in text, f"{path.name}: {needle}"
        assert not re.search(r'(src|href)\s*=\s*"//', text), path.name


def test_rendered_pages_load_nothing_from_outside(world: dict[str, Any]) -> None:
    client = login(world, "judge")
    for path in ("/cases", f"/cases/{world['case_id']}", "/laws", "/cards", "/settings"):
        html = client.get(path).text
        for attr in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert attr.startswith(("/", "#")), (path, attr)


def test_static_files_are_served_by_fazhi(world: dict[str, Any]) -> None:
    client = _client(world)
    css = client.get("/static/fazhi.css")
    js = client.get("/static/fazhi.js")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert js.status_code == 200 and "/api/v1/jobs/" in js.text


def test_autoescape_is_on() -> None:
    from fazhi.web.pages import templates

    tpl = templates.env.from_string("{{ v }}")
    assert tpl.render(v="<script>") == "&lt;script&gt;"
