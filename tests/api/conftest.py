"""Fixtures for the API tests: the real app on a fresh store (SQLite, or PostgreSQL), one user per role.

``api`` builds ``create_app`` on a SQLite file in the test's directory; ``any_api`` runs the same on
real PostgreSQL too. Users share one argon2 hash computed once per session (hashing is slow on
purpose); each gets a live session token straight from :func:`fazhi.api.auth.issue_session`, so
only the tests about logging in pay for verifying passwords.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Test-密码-2024!"
COURT = "北京市朝阳区人民法院"
OTHER_COURT = "浙江省杭州市上城区人民法院"
CRIMINAL = (ROOT / "src" / "fazhi" / "samples" / "criminal_judgment.txt").read_text(encoding="utf-8")
CRIMINAL_CASE_NUMBER = "（2024）京0105刑初1587号"
CIVIL = (ROOT / "bench" / "data" / "judgments" / "01_private_lending_chaoyang.txt").read_text(encoding="utf-8")
OTHER_CRIMINAL = (ROOT / "bench" / "data" / "judgments" / "13_theft_speedy_shangcheng_linebreaks.txt").read_text(
    encoding="utf-8")
FACT = ("2024年2月17日至3月1日间，被告人王建国先后四次在居民小区内采用撬锁手段盗窃电动自行车四辆，"
        "共计价值人民币12600元。到案后如实供述，自愿认罪认罚，被盗车辆已全部发还。")

ROLES = ("judge", "clerk", "manager", "admin", "public")
#: username → (role, court, division). The first five are "the" user of each role.
USERS: dict[str, tuple[str, str | None, str | None]] = {
    "judge": ("judge", COURT, "刑事审判庭"),
    "clerk": ("clerk", COURT, "刑事审判庭"),
    "manager": ("manager", COURT, None),
    "admin": ("admin", None, None),
    "public": ("public", None, None),
    "civil_judge": ("judge", COURT, "民事审判庭"),
    "other_judge": ("judge", OTHER_COURT, "刑事审判庭"),
}


@dataclass
class Api:
    """The app, a client without cookies, the store, and a bearer token per user."""

    app: FastAPI
    client: TestClient
    store: Any
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, who: str | None) -> dict[str, str]:
        return {} if who is None else {"Authorization": f"Bearer {self.tokens[who]}"}

    def get(self, who: str | None, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(f"/api/v1{path}", headers=self.headers(who), **kw)

    def post(self, who: str | None, path: str, **kw: Any) -> httpx.Response:
        return self.client.post(f"/api/v1{path}", headers=self.headers(who), **kw)

    def put(self, who: str | None, path: str, **kw: Any) -> httpx.Response:
        return self.client.put(f"/api/v1{path}", headers=self.headers(who), **kw)

    def delete(self, who: str | None, path: str, **kw: Any) -> httpx.Response:
        return self.client.delete(f"/api/v1{path}", headers=self.headers(who), **kw)

    def new_token(self, who: str) -> str:
        """A further live session for ``who`` (for routes that end the session they are called with)."""
        from sqlalchemy import select

        from fazhi.api.auth import issue_session
        from fazhi.store import User

        with self.store.session() as session:
            user = session.execute(select(User).where(User.username == who)).scalar_one()
            return issue_session(session, user)[0]

    def audit(self, seq: int) -> dict[str, Any]:
        """One audit record, read straight from the store."""
        import json

        from fazhi.store import AuditRecord

        with self.store.session() as session:
            rec = session.get(AuditRecord, seq)
            assert rec is not None, f"no audit record {seq}"
            return {"seq": rec.seq, "actor": rec.actor, "action": rec.action, "subject": rec.subject,
                    "payload": json.loads(rec.payload)}

    def audit_count(self) -> int:
        from sqlalchemy import func, select

        from fazhi.store import AuditRecord

        with self.store.session() as session:
            return int(session.execute(select(func.count(AuditRecord.seq))).scalar_one())


@pytest.fixture(scope="session")
def password_hash() -> str:
    from fazhi.api.auth import hash_password

    return hash_password(PASSWORD)


def build_api(url: str, password_hash: str) -> Iterator[Api]:
    from fazhi.api.app import create_app
    from fazhi.api.auth import create_user

    app = create_app(url)
    store = app.state.store
    with store.session() as session:
        for name, (role, court, division) in USERS.items():
            create_user(session, username=name, password=None, password_hash=password_hash, role=role, court=court,
                        division=division)
    with TestClient(app) as client:
        api = Api(app, client, store)
        api.tokens = {name: api.new_token(name) for name in USERS}
        yield api
        wait_for_all_jobs(api)  # no job thread outlives its test's database


@pytest.fixture
def api(tmp_path: Path, password_hash: str) -> Iterator[Api]:
    """The app on a fresh SQLite store."""
    yield from build_api(f"sqlite:///{tmp_path / 'api.db'}", password_hash)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_api(request: pytest.FixtureRequest, tmp_path: Path, password_hash: str) -> Iterator[Api]:
    """The app on a fresh SQLite store, and again on a fresh PostgreSQL database."""
    url = f"sqlite:///{tmp_path / 'api.db'}" if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    yield from build_api(url, password_hash)


def wait_for_all_jobs(api: Api, timeout: float = 60.0) -> None:
    """Wait until no background job of the store is queued or running (so none outlives its test)."""
    import time

    from sqlalchemy import func, select

    from fazhi.store import Job

    deadline = time.monotonic() + timeout
    while True:
        with api.store.session() as session:
            busy = session.execute(select(func.count(Job.id)).where(Job.state.in_(("queued", "running")))).scalar_one()
        if not busy:
            return
        assert time.monotonic() < deadline, f"{busy} jobs still running after {timeout} s"
        time.sleep(0.05)


def wait_for_job(api: Api, who: str, job_id: int, timeout: float = 60.0) -> dict[str, Any]:
    """Poll ``GET /jobs/{id}`` until the job ends; every view seen is kept under ``seen``."""
    import time

    deadline = time.monotonic() + timeout
    seen: list[dict[str, Any]] = []
    while True:
        r = api.get(who, f"/jobs/{job_id}")
        assert r.status_code == 200, r.text
        view = r.json()
        seen.append(view)
        if view["state"] in ("done", "failed", "stopped"):
            return {**view, "seen": seen}
        assert time.monotonic() < deadline, f"job {job_id} still {view['state']} after {timeout} s"
        time.sleep(0.05)
