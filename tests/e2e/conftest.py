"""Browser tests of the workbench: the real server in a subprocess, Debian's Chromium driven by Playwright.

Server and browser are package-scoped: started once for tests/e2e and stopped when its tests are
done (not kept running through the rest of the suite).

* ``live_server``: ``python -m fazhi.cli serve --port <free port>`` with its own
  FAZHI_HOME and SQLite database and the session's statute knowledge base (``laws_db``), waited
  for on ``GET /api/v1/health``; then one user per role (judge, clerk, admin, public) of
  北京市朝阳区人民法院 刑事审判庭, made with ``fazhi users add`` (password on stdin). Stopped at the end.
* ``browser``: Playwright's Chromium launcher pointed at ``/usr/bin/chromium`` (Debian's
  package) with the flags this machine's closed network needs. Playwright's own browser download
  is never used. Each ``launch`` gets a new, empty user-data directory.
* ``pages`` (test): opens pages, each in a fresh browser context (own cookies) logged in as a role;
  on failure every open page is saved as a screenshot (and its HTML) in the test's tmp dir.

No Chromium or no Playwright → the tests are skipped, unless ``FAZHI_TEST_REQUIRE_BROWSER=1``
(set by .ci/run), where that is a failure.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("FAZHI_TEST_CHROMIUM", "/usr/bin/chromium")
# The flags this machine needs (.library/env notes): without the background-networking ones
# Chromium keeps dialling out and this machine's closed network refuses it.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
COURT = "北京市朝阳区人民法院"
DIVISION = "刑事审判庭"
ROLES = ("judge", "clerk", "admin", "public")
PASSWORD = "E2e-密码-{role}-2024"
START_TIMEOUT_S = 90.0


def _browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -e \".[test]\")"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} not found (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = _browser_missing()
    if missing is None or os.environ.get("FAZHI_TEST_REQUIRE_BROWSER") == "1":
        return  # with REQUIRE set, the `browser` fixture fails with the reason instead
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {missing}"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes]
    users: dict[str, tuple[str, str]] = field(default_factory=dict)  # role → (username, password)

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def token(self, role: str) -> str:
        """A bearer token for the role's user (POST /api/v1/auth/login)."""
        import httpx

        username, password = self.users[role]
        r = httpx.post(f"{self.base_url}/api/v1/auth/login", json={"username": username, "password": password},
                       timeout=30)
        assert r.status_code == 200, (r.status_code, r.text)
        return str(r.json()["token"])

    def api(self, role: str) -> Any:
        """An httpx client with the role's bearer token, for checks and clean-up beside the browser."""
        import httpx

        return httpx.Client(base_url=f"{self.base_url}/api/v1", timeout=120,
                            headers={"Authorization": f"Bearer {self.token(role)}"})


def _fazhi(env: dict[str, str], *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "fazhi.cli", *args], env=env, capture_output=True, timeout=timeout,
                          input=None if stdin is None else stdin.encode("utf-8"))


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


@pytest.fixture(scope="package")
def live_server(laws_db: Path) -> Iterator[LiveServer]:
    import httpx

    root = Path(tempfile.mkdtemp(prefix="fazhi-e2e-"))
    home = root / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_USER", "FAZHI_DATABASE_URL")}
    env.update({"FAZHI_HOME": str(home), "FAZHI_DATABASE_URL": f"sqlite:///{home / 'fazhi.db'}",
                "FAZHI_LAWS_DB": str(laws_db), "FAZHI_SECRET_KEY": "e2e-test-key", "PYTHONUNBUFFERED": "1"})
    port = _free_port()
    log = root / "server.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "fazhi.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = LiveServer(f"http://127.0.0.1:{port}", env, log, proc)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"fazhi serve exited with {proc.returncode} before it answered:\n{server.log_tail()}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{server.base_url}/api/v1/health", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"fazhi serve did not answer /api/v1/health in {START_TIMEOUT_S:.0f} s:\n{server.log_tail()}")
            time.sleep(0.2)
        for role in ROLES:
            username, password = f"e2e_{role}", PASSWORD.format(role=role)
            done = _fazhi(env, "users", "add", username, "--role", role, "--court", COURT, "--division", DIVISION,
                          stdin=password + "\n")
            assert done.returncode == 0, f"fazhi users add {username}: {done.stderr.decode('utf-8', 'replace')}"
            server.users[role] = (username, password)
        yield server
    finally:
        _stop(proc)
        if os.environ.get("FAZHI_TEST_KEEP_E2E"):
            print(f"\ne2e server files kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    missing = _browser_missing()
    if missing:
        pytest.fail(f"browser tests required (FAZHI_TEST_REQUIRE_BROWSER=1) but {missing}")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        # launch() runs Chromium with a new, empty --user-data-dir of its own (removed on close).
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
    finally:
        pw.stop()


def login(page: Any, server: LiveServer, role: str, *, password: str | None = None) -> Any:
    """Log in through the /login form; returns the response of the form's navigation."""
    username, right = server.users[role]
    page.goto("/login")
    form = page.get_by_test_id("login-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(right if password is None else password)
    with page.expect_navigation():
        form.locator("input[name=password]").press("Enter")
    return page


@pytest.fixture
def pages(browser: Any, live_server: LiveServer, request: pytest.FixtureRequest,
          tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``pages(role)`` → a Playwright page in a fresh context, logged in as that role (``role=None``:
    not logged in). Screenshots of every open page go to the test's tmp dir when the test fails."""
    contexts: list[Any] = []
    opened: list[tuple[str, Any]] = []

    def open_page(role: str | None = None) -> Any:
        ctx = browser.new_context(base_url=live_server.base_url, locale="zh-CN", viewport={"width": 1280, "height": 1000})
        ctx.set_default_timeout(20_000)
        contexts.append(ctx)
        page = ctx.new_page()
        opened.append((role or "anon", page))
        if role is not None:
            login(page, live_server, role)
            assert "/login" not in page.url, f"login as {role} failed: {page.url}"
        return page

    yield open_page
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        for i, (role, page) in enumerate(opened):
            with contextlib.suppress(Exception):
                shot = tmp_path / f"failure-{i}-{role}.png"
                page.screenshot(path=str(shot), full_page=True)
                (tmp_path / f"failure-{i}-{role}.html").write_text(page.content(), encoding="utf-8")
                print(f"screenshot of {page.url}: {shot}")
        tail = live_server.log_tail(40)
        if tail:
            print(f"server log (last lines):\n{tail}")
    for ctx in contexts:
        with contextlib.suppress(Exception):
            ctx.close()
