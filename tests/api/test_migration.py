"""Migration 0002 (workbench tables, ``cases.division``) on SQLite and PostgreSQL, with data already there."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from fazhi.store import open_store
from fazhi.store.db import _alembic_config


def test_upgrade_backfills_divisions_and_downgrade_returns(store_url: str) -> None:
    engine = create_engine(store_url)
    cfg = _alembic_config(store_url)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        for i, category in enumerate(["刑事", "民事", "执行", None]):
            conn.execute(text("INSERT INTO cases (case_key, category, created_at) VALUES (:k, :c, '2024-01-01')"),
                         {"k": f"k{i}", "c": category})
    engine.dispose()
    store = open_store(store_url)  # migrates to head
    with store.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT case_key, division FROM cases")).all())
        assert rows == {"k0": "刑事审判庭", "k1": "民事审判庭", "k2": "执行局", "k3": None}
        assert conn.execute(text("SELECT COUNT(*) FROM users")).scalar_one() == 0
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        command.upgrade(cfg, "head")
    store.close()
