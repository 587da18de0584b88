"""Shared fixtures: an isolated data directory, real SQLite, and a real PostgreSQL server.

PostgreSQL: `FAZHI_TEST_POSTGRES_URL` names a server to use; otherwise the fixture starts a
throwaway cluster with the server binaries from Debian's `postgresql` package (as the
`postgres` user when running as root) on a loopback port, and removes it afterwards.
`FAZHI_TEST_REQUIRE_POSTGRES=1` (set by .ci/run) turns "no server available" into a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"


@pytest.fixture(autouse=True)
def fazhi_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, laws_db: Path) -> Path:
    """Every test gets its own data directory and default SQLite database; the statute knowledge
    base (read-only reference data) is built once and shared."""
    home = tmp_path / "fazhi-home"
    monkeypatch.setenv("FAZHI_HOME", str(home))
    monkeypatch.setenv("FAZHI_LAWS_DB", str(laws_db))
    monkeypatch.delenv("FAZHI_DATABASE_URL", raising=False)
    monkeypatch.setenv("FAZHI_SECRET_KEY", "test-key")
    monkeypatch.setenv("FAZHI_USER", "tester")
    from fazhi import secrets

    secrets.secret_key.cache_clear()
    return home


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A base URL (``postgresql+psycopg://user@host:port``) of a running PostgreSQL server."""
    url = os.environ.get("FAZHI_TEST_POSTGRES_URL")
    if url:
        yield url.rstrip("/").rsplit("/", 1)[0] if url.count("/") > 2 else url
        return
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("FAZHI_TEST_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL server binaries not found (apt-get install postgresql)")
        pytest.skip("PostgreSQL server binaries not found")
    root = Path(tempfile.mkdtemp(prefix="fazhi-pg-"))
    datadir = root / "data"
    port = _free_port()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres")
    root.chmod(0o755)
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(datadir), "-A", "trust", "-U", "fazhi",
                    "-E", "UTF8", "--locale=C"], check=True, capture_output=True)
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(datadir), "-l", str(root / "log"), "-w",
                    "-o", f"-h 127.0.0.1 -p {port} -k {root}", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://fazhi@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    name = "fazhi_test_" + uuid.uuid4().hex[:12]
    plain = postgres_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain + "/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{postgres_server}/{name}"
    finally:
        with psycopg.connect(plain + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on real SQLite and on real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def laws_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default statute knowledge base, built once per test session from the data fazhi ships."""
    from fazhi.laws.kb import open_kb

    path = tmp_path_factory.mktemp("laws") / "laws.db"
    open_kb(path).close()
    return path


@pytest.fixture
def kb(laws_db: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The shared knowledge base, also what `fazhi laws …` subprocesses of this test open."""
    from fazhi.laws.kb import open_kb

    monkeypatch.setenv("FAZHI_LAWS_DB", str(laws_db))
    base = open_kb(laws_db)
    yield base
    base.close()


def make_cail_store(tmp_path: Path, n: int):  # type: ignore[no-untyped-def]
    """A store in the test's data directory holding the first ``n`` CAIL2018 training cases."""
    from fazhi.ingest import ingest
    from fazhi.store import open_store

    src = tmp_path / "cail.json"
    with (DATA / "cases" / "cail2018_subset" / "data_train.json").open(encoding="utf-8") as fh:
        src.write_text("".join(next(fh) for _ in range(n)), encoding="utf-8")
    store = open_store()
    ingest(store, [src], actor="test")
    return store
