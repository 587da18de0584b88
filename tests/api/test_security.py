"""Hostile input: CSRF, upload limits and damaged files, SQL injection, path traversal, leaks in
error bodies, and what the logs may never contain."""

from __future__ import annotations

import io
import logging
import zipfile

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from fazhi.api.deps import csrf_token
from tests.api.conftest import CIVIL, CRIMINAL, PASSWORD, Api, wait_for_job

LEAKS = ("Traceback", "File \"", "SELECT ", "INSERT ", "sqlite", "psycopg", "sqlalchemy", "argon2", "root:",
         "/fazhi/", "site-packages")


def assert_clean(body: str) -> None:
    for marker in LEAKS:
        assert marker not in body, (marker, body[:500])


def browser_login(api: Api, who: str = "judge") -> tuple[TestClient, str]:
    """A client holding the session cookie (as a browser would), and that session's form token."""
    client = TestClient(api.app)
    r = client.post("/api/v1/auth/login", json={"username": who, "password": PASSWORD})
    assert r.status_code == 200
    token = r.json()["token"]
    scope = {"type": "http", "method": "GET", "path": "/", "headers": [(b"cookie", f"fazhi_session={token}".encode())]}
    return client, csrf_token(Request(scope))


# --------------------------------------------------------------------------- CSRF


def test_cookie_form_posts_need_the_csrf_token(api: Api) -> None:
    client, token = browser_login(api)
    upload = {"file": ("a.txt", CRIMINAL.encode(), "text/plain")}
    assert client.post("/api/v1/ingest", files=upload).status_code == 403
    assert client.post("/api/v1/ingest", files=upload, data={"csrf_token": "forged"}).status_code == 403
    r = client.post("/api/v1/ingest", files=upload, data={"csrf_token": token})
    assert r.status_code == 202, r.text
    wait_for_job(api, "judge", r.json()["job_id"])
    assert client.post("/api/v1/ingest", files=upload, headers={"X-CSRF-Token": token}).status_code == 202
    # a cross-site form can only send urlencoded, multipart or text/plain: all refused without the token
    assert client.post("/api/v1/review", data={"text": CIVIL}).status_code == 403
    assert client.post("/api/v1/review", content=b'{"text": "x"}', headers={"content-type": "text/plain"}).status_code == 403
    assert client.post("/api/v1/auth/logout").status_code == 403
    # JSON (needs a CORS preflight cross-site, never granted) and bearer calls need none
    assert client.post("/api/v1/review", json={"text": CIVIL}).status_code == 200
    assert api.post("judge", "/ingest", files=upload).status_code == 202
    client.close()


def test_form_tokens_are_bound_to_the_session_or_the_browser() -> None:
    def request(cookie: str) -> Request:
        return Request({"type": "http", "method": "GET", "path": "/", "headers": [(b"cookie", cookie.encode())]})

    assert csrf_token(request("fazhi_session=a")) == csrf_token(request("fazhi_session=a"))
    assert csrf_token(request("fazhi_session=a")) != csrf_token(request("fazhi_session=b"))
    assert csrf_token(request("fazhi_csrf=x")) != csrf_token(request("fazhi_csrf=y"))
    assert csrf_token(request("fazhi_csrf=x")) != csrf_token(request("fazhi_session=x"))


def test_pages_get_the_anonymous_csrf_cookie(api: Api) -> None:
    with TestClient(api.app) as client:
        r = client.get("/no-such-page")
        cookie = r.headers.get("set-cookie", "")
        assert cookie.startswith("fazhi_csrf=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert "set-cookie" not in client.get("/api/v1/health").headers  # the API needs none


# --------------------------------------------------------------------------- uploads


def _docx_without_body() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return buf.getvalue()


UPLOADS = [
    ("virus.exe", b"MZ\x90\x00", 415),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 415),
    ("noextension", b"text", 415),
    ("page.html", b"<script>alert(1)</script>", 415),
    ("broken.docx", b"PK\x03\x04 this is not a zip at all", 400),
    ("empty-body.docx", _docx_without_body(), 400),
    ("cut.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\n", 400),
    ("fake.pdf", CRIMINAL.encode(), 400),
    ("empty.txt", b"", 400),
    ("binary.txt", bytes(range(256)) * 8, 400),
    ("bad.jsonl", b'{"not": "a known record shape"}\n', 400),
]


def test_upload_type_and_damage_are_refused_with_a_bilingual_message(api: Api) -> None:
    from fazhi.api.services import uploads_dir

    for name, content, status in UPLOADS:
        r = api.post("judge", "/ingest", files={"file": (name, content, "application/octet-stream")})
        assert r.status_code == status, (name, r.text)
        message = r.json()["error"]
        assert " / " in message and any("\u4e00" <= c <= "\u9fff" for c in message), (name, message)
        assert_clean(r.text)
        assert list(uploads_dir().iterdir()) == [], name  # nothing left behind


def test_upload_size_limit(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAZHI_MAX_UPLOAD_BYTES", "2000")
    r = api.post("judge", "/ingest", files={"file": ("big.txt", CRIMINAL.encode() * 2, "text/plain")})
    assert r.status_code == 413 and "2000" in r.json()["error"]
    # a body far beyond the limit is refused before it is read
    r = api.post("judge", "/ingest", files={"file": ("huge.txt", b"x" * (2 * 1024 * 1024), "text/plain")})
    assert r.status_code == 413
    r = api.post("judge", "/review", json={"text": "x" * (2 * 1024 * 1024)})
    assert r.status_code == 413
    monkeypatch.delenv("FAZHI_MAX_UPLOAD_BYTES")
    r = api.post("judge", "/ingest", files={"file": ("ok.txt", CRIMINAL.encode(), "text/plain")})
    assert r.status_code == 202
    assert wait_for_job(api, "judge", r.json()["job_id"])["state"] == "done"


def test_malformed_requests_are_4xx(api: Api) -> None:
    headers = {**api.headers("judge"), "content-type": "multipart/form-data; boundary=xyz"}
    r = api.client.post("/api/v1/ingest", content=b"--abc\r\nnot multipart at all", headers=headers)
    assert 400 <= r.status_code < 500
    assert_clean(r.text)
    r = api.client.post("/api/v1/review", content=b'{"text": ', headers={**api.headers("judge"),
                                                                      "content-type": "application/json"})
    assert r.status_code == 422 and "error" in r.json()
    assert api.post("judge", "/ingest", data={"nofile": "1"}).status_code == 422
    r = api.client.post("/api/v1/review", content=b"x", headers={**api.headers("judge"), "content-length": "-5"})
    assert 400 <= r.status_code < 500


def test_upload_file_names_cannot_escape(api: Api, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fazhi.api.services import safe_filename

    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    assert safe_filename("..\\..\\windows\\a.txt") == "a.txt"
    assert safe_filename("....txt") == "txt"
    r = api.post("judge", "/ingest", files={"file": ("../../../evil.txt", CRIMINAL.encode(), "text/plain")})
    assert r.status_code == 202
    view = wait_for_job(api, "judge", r.json()["job_id"])
    assert view["state"] == "done"
    assert not list(tmp_path.rglob("evil.txt"))  # the upload was removed after the job; it never escaped
    detail = api.get("judge", f"/cases/{view['result']['case_id']}").json()
    assert detail["documents"][0]["source"] == "evil.txt"


# --------------------------------------------------------------------------- injection, traversal, leaks


INJECTIONS = ["' OR '1'='1", "%' UNION SELECT password_hash, 1, 1, 1, 1, 1, 1 FROM users --",
              "'; DROP TABLE cases; --", "1) OR (1=1", "\\'; SELECT pg_sleep(5); --", "%", "_"]


def test_sql_injection_in_queries_and_ids(api: Api) -> None:
    api.post("judge", "/analyze", json={"text": CRIMINAL})
    api.post("civil_judge", "/analyze", json={"text": CIVIL})
    mine = {c["case_id"] for c in api.get("judge", "/cases").json()["cases"]}
    for q in INJECTIONS:
        r = api.get("judge", "/cases", params={"q": q})
        assert r.status_code == 200, (q, r.text)
        assert {c["case_id"] for c in r.json()["cases"]} <= mine  # never another division's case
        assert_clean(r.text)
    for bad in ["1 OR 1=1", "1;DROP TABLE cases", "1'--", "-1 UNION SELECT 1"]:
        r = api.get("judge", f"/cases/{bad}")
        assert r.status_code in (404, 422), (bad, r.status_code)
        assert_clean(r.text)
    for law in ["刑法' OR '1'='1", "x\"; DROP TABLE laws; --"]:
        r = api.get("judge", f"/laws/{law}/1")
        assert r.status_code == 404
        assert_clean(r.text)
    r = api.get("judge", "/audit", params={"action": "assist' OR 1=1 --"})
    assert r.status_code == 422
    assert api.get("judge", "/cases").json()["cases"]  # the tables are still there
    r = api.post("judge", "/decisions", json={"audit_id": "1 OR 1=1", "decision": "adopt"})
    assert r.status_code == 422


TRAVERSALS = [
    "/api/v1/laws/..%2F..%2F..%2Fetc%2Fpasswd/1",
    "/api/v1/laws/%2e%2e/%2e%2e",
    "/api/v1/laws/../../../../etc/passwd",
    "/api/v1/cases/1/documents/..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/v1/cases/1/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/v1/cards/..%2F..%2Fapi%2Fapp",
    "/api/v1/cards/..",
    "/api/v1/cards/%2e%2e%2fpermissions",
    "/static/..%2F..%2Fapi%2Fapp.py",
    "/static/%2e%2e/%2e%2e/api/app.py",
    "/api/v1/jobs/..%2F..%2Fsecret.key/result",
]


def test_path_traversal_finds_nothing(api: Api) -> None:
    for path in TRAVERSALS:
        r = api.client.get(path, headers=api.headers("judge"))
        assert 400 <= r.status_code < 500, (path, r.status_code)
        assert_clean(r.text)
        assert "import " not in r.text and "secret" not in r.text.lower(), path


def test_internal_errors_say_nothing_about_their_cause(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    @api.app.get("/boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("SELECT password_hash FROM users WHERE username='judge' -- 110105198503121234")

    with TestClient(api.app, raise_server_exceptions=False) as client, caplog.at_level(logging.INFO):
        r = client.get("/boom", headers={"accept": "application/json"})
    assert r.status_code == 500
    assert_clean(r.text)
    assert "password_hash" not in r.text and "110105198503121234" not in r.text
    assert "110105198503121234" not in caplog.text and "password_hash" not in caplog.text
    assert "RuntimeError" in caplog.text  # the log says what kind of failure, for the operator


def test_security_headers(api: Api) -> None:
    r = api.get("judge", "/me")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"


def test_logs_never_hold_passwords_tokens_or_personal_numbers(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    id_number = "11010519780621031X"
    phone = "13912345678"
    assert id_number in CIVIL
    with caplog.at_level(logging.DEBUG):
        client = TestClient(api.app)
        r = client.post("/api/v1/auth/login", json={"username": "judge", "password": PASSWORD})
        token = r.json()["token"]
        bad = client.post("/api/v1/auth/login", json={"username": "judge", "password": "wrong-" + PASSWORD})
        assert bad.status_code == 401
        headers = {"Authorization": f"Bearer {token}"}
        text = CIVIL + f"\n联系电话{phone}。"
        r = client.post("/api/v1/anonymize", json={"text": text}, headers=headers)
        assert r.status_code == 200 and id_number not in r.json()["text"]
        client.post("/api/v1/analyze", json={"text": CIVIL}, headers=headers)
        client.get("/api/v1/cases", params={"q": id_number}, headers=headers)
        job = client.post("/api/v1/ingest", files={"file": ("x.txt", CIVIL.encode(), "text/plain")}, headers=headers)
        assert wait_for_job(api, "judge", job.json()["job_id"])["state"] == "done"
        client.close()
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in (PASSWORD, token, id_number, phone, "刘建平"):
        assert secret not in logged, secret
    access = [r.getMessage() for r in caplog.records if r.name == "fazhi.api.access"]
    assert any("POST /api/v1/auth/login 200" in m for m in access)
    assert any("POST /api/v1/anonymize 200" in m for m in access)
    assert any("GET /api/v1/cases 200" in m for m in access)
