"""The audit log is append-only and any edit, deletion or reordering is detected and located."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from fazhi.ledger import append, head, verify
from fazhi.store import open_store


def _filled(url: str, n: int = 6):
    store = open_store(url)
    with store.session() as s:
        for i in range(n):
            append(s, actor="clerk", action="assist", subject=f"doc{i}", payload={"i": i, "名": "测试"})
    return store


def _drop_guard(store) -> None:
    """What an attacker with database access would do first: remove the append-only triggers."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_records_no_update"))
            conn.execute(text("DROP TRIGGER audit_records_no_delete"))
        else:
            conn.execute(text("DROP TRIGGER audit_records_append_only ON audit_records"))


def test_intact_chain_verifies(store_url: str) -> None:
    store = _filled(store_url)
    with store.session() as s:
        report = verify(s)
    assert report.ok and report.checked == 6 and report.head_seq == 6
    store.close()


def test_database_refuses_update_and_delete(store_url: str) -> None:
    store = _filled(store_url, 2)
    for stmt in ("UPDATE audit_records SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_records WHERE seq = 2"):
        with pytest.raises(DBAPIError), store.engine.begin() as conn:
            conn.execute(text(stmt))
    with store.session() as s:
        assert verify(s).ok
    store.close()


def test_edit_is_detected_and_located(store_url: str) -> None:
    store = _filled(store_url)
    _drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_records SET payload = :p WHERE seq = 3"), {"p": '{"i":99}'})
    with store.session() as s:
        report = verify(s)
    assert [(p.seq, p.kind) for p in report.problems] == [(3, "edited")]
    store.close()


def test_deletion_in_the_middle_is_detected(store_url: str) -> None:
    store = _filled(store_url)
    _drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE seq IN (3, 4)"))
    with store.session() as s:
        report = verify(s)
    assert [(p.seq, p.kind) for p in report.problems] == [(3, "deleted")]
    assert "3..4" in report.problems[0].message_en
    store.close()


def test_deletion_at_the_tail_is_detected(store_url: str) -> None:
    store = _filled(store_url)
    _drop_guard(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE seq = 6"))
    with store.session() as s:
        report = verify(s)
    assert [(p.seq, p.kind) for p in report.problems] == [(6, "truncated")]
    store.close()


def test_reordering_is_detected(store_url: str) -> None:
    store = _filled(store_url)
    _drop_guard(store)
    with store.engine.begin() as conn:  # swap positions 2 and 4
        conn.execute(text("UPDATE audit_records SET seq = 100 WHERE seq = 2"))
        conn.execute(text("UPDATE audit_records SET seq = 2 WHERE seq = 4"))
        conn.execute(text("UPDATE audit_records SET seq = 4 WHERE seq = 100"))
    with store.session() as s:
        report = verify(s)
    kinds = {p.kind for p in report.problems}
    assert kinds == {"reordered"}
    assert {p.seq for p in report.problems} >= {2, 4}
    store.close()


def test_anchor_catches_a_rewritten_chain(store_url: str) -> None:
    store = _filled(store_url, 3)
    with store.session() as s:
        anchor = head(s)
        assert verify(s, anchor=anchor).ok
    assert not _rewritten_ok(store, anchor)
    store.close()


def _rewritten_ok(store, anchor) -> bool:
    """Rebuild the whole chain with a forged record: self-consistent, but the anchor disagrees."""
    from fazhi.ledger.chain import GENESIS, record_hash

    _drop_guard(store)
    with store.engine.begin() as conn:
        rows = conn.execute(text("SELECT seq, ts, actor, action, subject, payload FROM audit_records ORDER BY seq")).all()
        prev = GENESIS
        for seq, ts, actor, action, subject, payload in rows:
            payload = '{"forged":true}' if seq == 2 else payload
            digest = record_hash(prev_hash=prev, ts=ts, actor=actor, action=action, subject=subject, payload=payload)
            conn.execute(text("UPDATE audit_records SET payload=:p, prev_hash=:ph, hash=:h WHERE seq=:s"),
                         {"p": payload, "ph": prev, "h": digest, "s": seq})
            prev = digest
        conn.execute(text("UPDATE ledger_head SET hash=:h"), {"h": prev})
    with store.session() as s:
        assert verify(s).ok  # self-consistent without the anchor
        report = verify(s, anchor=anchor)
    return report.ok
