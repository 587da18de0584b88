"""Logging in and out: argon2 passwords, expiring sessions, tokens kept only as hashes, the CLI."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from fazhi.store import User, UserSession
from tests.api.conftest import PASSWORD, Api


def _login(client: TestClient, username: str, password: str = PASSWORD) -> object:
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_login_gives_a_token_and_a_strict_cookie_and_both_work(any_api: Api) -> None:
    with TestClient(any_api.app) as browser:
        r = _login(browser, "judge")
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"token", "expires_at", "user"}
        assert body["user"]["role"] == "judge" and body["user"]["role_label"] == "法官"
        assert "password" not in str(body["user"]) and "hash" not in str(body["user"])
        cookie = r.headers["set-cookie"]
        assert cookie.startswith(f"fazhi_session={body['token']}")
        assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Max-Age=28800" in cookie
        assert browser.get("/api/v1/me").json()["username"] == "judge"  # the cookie alone
    with TestClient(any_api.app) as other:
        me = other.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})  # the token alone
        assert me.status_code == 200 and me.json()["username"] == "judge"
        assert other.get("/api/v1/me").status_code == 401


def test_wrong_password_unknown_user_and_disabled_user_get_the_same_401(api: Api) -> None:
    wrong = _login(api.client, "judge", "not-the-password")
    unknown = _login(api.client, "nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() and "密码" in wrong.json()["error"] and "password" in wrong.json()["error"]
    assert "set-cookie" not in wrong.headers
    assert api.post("admin", "/admin/users/clerk/disable").status_code == 200
    assert _login(api.client, "clerk").status_code == 401
    assert api.get("clerk", "/me").status_code == 401  # disabling ends the user's sessions at once


def test_expired_session_is_refused(any_api: Api) -> None:
    assert any_api.get("judge", "/me").status_code == 200
    digest = hashlib.sha256(any_api.tokens["judge"].encode()).hexdigest()
    with any_api.store.session() as session:
        session.execute(update(UserSession).where(UserSession.token_hash == digest)
                        .values(expires_at="2000-01-01T00:00:00+00:00"))
    r = any_api.get("judge", "/me")
    assert r.status_code == 401 and r.headers.get("www-authenticate") == "Bearer"


def test_session_length_follows_the_setting(api: Api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FAZHI_SESSION_HOURS", "1")
    r = _login(api.client, "judge")
    assert "Max-Age=3600" in r.headers["set-cookie"]


def test_logout_ends_the_session(any_api: Api) -> None:
    token = any_api.new_token("clerk")
    headers = {"Authorization": f"Bearer {token}"}
    assert any_api.client.get("/api/v1/me", headers=headers).status_code == 200
    r = any_api.client.post("/api/v1/auth/logout", headers=headers)
    assert r.status_code == 200 and 'fazhi_session=""' in r.headers["set-cookie"]
    assert any_api.client.get("/api/v1/me", headers=headers).status_code == 401
    assert any_api.get("clerk", "/me").status_code == 200  # the clerk's other session lives on


def test_passwords_and_tokens_are_stored_only_as_hashes(api: Api, tmp_path: Path) -> None:
    r = _login(api.client, "manager")
    token = r.json()["token"]
    with api.store.session() as session:
        user = session.execute(select(User).where(User.username == "manager")).scalar_one()
        assert user.password_hash.startswith("$argon2id$")
        hashes = set(session.execute(select(UserSession.token_hash)).scalars())
    assert hashlib.sha256(token.encode()).hexdigest() in hashes and token not in hashes
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("api.db*"))
    assert token.encode() not in raw and PASSWORD.encode() not in raw


def test_repeated_failures_are_throttled(api: Api) -> None:
    from fazhi.api.auth import LoginThrottle

    api.app.state.throttle = LoginThrottle(limit=3)  # the server allows 10 per 15 minutes; 3 keeps this quick
    for _ in range(3):
        assert _login(api.client, "public", "wrong-password").status_code == 401
    r = _login(api.client, "public")  # even the right password, until the window passes
    assert r.status_code == 429 and "/" in r.json()["error"]
    assert _login(api.client, "judge").status_code == 200  # other users are not affected


def test_admin_creates_an_account_that_can_log_in(api: Api) -> None:
    body = {"username": "clerk2", "password": "another-Passw0rd", "role": "clerk", "court": "北京市朝阳区人民法院",
            "division": "民事审判庭"}
    assert api.post("judge", "/admin/users", json=body).status_code == 403
    r = api.post("admin", "/admin/users", json=body)
    assert r.status_code == 201 and r.json()["role"] == "clerk" and "password" not in r.text
    assert _login(api.client, "clerk2", "another-Passw0rd").status_code == 200
    assert api.post("admin", "/admin/users", json=body).status_code == 400  # the name is taken
    no_division = {**body, "username": "clerk3", "division": None}
    assert api.post("admin", "/admin/users", json=no_division).status_code == 400
    users = api.get("admin", "/admin/users").json()["users"]
    assert {"clerk2", "judge"} <= {u["username"] for u in users}
    assert "argon2" not in str(users)


def test_cli_users_add_list_disable_and_the_password_is_never_echoed() -> None:
    from typer.testing import CliRunner

    from fazhi.api.app import create_app
    from fazhi.cli import app as cli

    runner = CliRunner()
    secret = "Cli-密码-42-secret"
    r = runner.invoke(cli, ["users", "add", "zhang", "--role", "judge", "--court", "北京市朝阳区人民法院",
                            "--division", "刑事审判庭"], input=secret + "\n")
    assert r.exit_code == 0, r.output
    assert "zhang" in r.output and secret not in r.output
    r = runner.invoke(cli, ["users", "add", "li", "--role", "judge", "--court", "x"], input=secret + "\n")
    assert r.exit_code != 0 and secret not in r.output  # a judge needs a division
    listed = runner.invoke(cli, ["users", "list", "--json"])
    assert listed.exit_code == 0 and '"zhang"' in listed.output and "argon2" not in listed.output
    app = create_app()  # the CLI's default store (FAZHI_HOME of this test)
    with TestClient(app) as client:
        assert _login(client, "zhang", secret).status_code == 200
        assert runner.invoke(cli, ["users", "disable", "zhang"]).exit_code == 0
        assert _login(client, "zhang", secret).status_code == 401


def test_health_and_login_need_no_session(api: Api) -> None:
    r = api.get(None, "/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert api.get(None, "/me").status_code == 401
