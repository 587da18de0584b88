"""Where fazhi keeps its data and which database it talks to.

Embedded default: a SQLite file in the user's data directory, nothing to configure.
`FAZHI_HOME` moves the data directory; `FAZHI_DATABASE_URL` points at another database
(e.g. ``postgresql+psycopg://user@localhost/fazhi``).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

from fazhi.errors import ConfigError


def data_dir() -> Path:
    """The directory holding the default database and local keys (created on demand)."""
    raw = os.environ.get("FAZHI_HOME") or user_data_dir("fazhi", appauthor=False)
    path = Path(raw).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"无法创建数据目录 {path}：{exc.strerror}",
            f"cannot create data directory {path}: {exc.strerror}",
        ) from exc
    return path


def database_url() -> str:
    """The SQLAlchemy URL of the store: `FAZHI_DATABASE_URL`, else SQLite in :func:`data_dir`."""
    url = os.environ.get("FAZHI_DATABASE_URL", "").strip()
    if url:
        if url.startswith("postgresql://"):
            # SQLAlchemy's bare postgresql:// means psycopg2; fazhi ships psycopg 3.
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{data_dir() / 'fazhi.db'}"


def actor() -> str:
    """Who is acting, for the audit log: `FAZHI_USER`, else the OS login name."""
    name = os.environ.get("FAZHI_USER")
    if not name:
        try:
            name = os.getlogin()
        except OSError:
            name = os.environ.get("USER") or "unknown"
    return f"cli:{name}"
