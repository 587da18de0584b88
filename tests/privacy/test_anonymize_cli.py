"""`fazhi anonymize` end to end: JSON contract, batch, reversible mode, bad input, and personal
data kept out of the audit log and sealed in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text as sql

from fazhi.ingest import ingest
from fazhi.store import Document, open_store
from tests.helpers import SHARED_DATA, bilingual, fazhi, out_json

DATA = Path(__file__).parent / "data"
INHERITANCE = DATA / "inheritance.txt"
THEFT = DATA / "theft_minor_victim.txt"
PII = ("110108196503021233", "13912345678", "中关村南大街5号院")


def test_json_contract_offsets_into_input() -> None:
    raw = INHERITANCE.read_text(encoding="utf-8")
    d = out_json(fazhi("anonymize", str(INHERITANCE), "--profile", "2016", "--json"))
    assert set(d) >= {"text", "entities", "publish", "review", "qa", "assist"}
    assert d["assist"]["kind"] == "anonymization" and d["assist"]["notice"]
    assert d["assist"]["model"]["card_id"] == "anonymize-0.1"
    for e in d["entities"]:
        assert set(e) >= {"type", "start", "end", "text", "replacement", "rule", "confidence"}
        assert raw[e["start"]:e["end"]] == e["text"]
    assert "王建国" not in d["text"] and "刘明" in d["text"]
    assert d["publish"]["publishable"] is True


def test_plain_output_is_the_published_text(tmp_path: Path) -> None:
    proc = fazhi("anonymize", str(THEFT), "--profile", "2024")
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.startswith("北京市朝阳区人民法院") and "被告人李某" in out
    assert "仅供参考" in proc.stderr.decode("utf-8")


def test_batch_ids_order_errors_and_case_consistency(tmp_path: Path) -> None:
    inh = INHERITANCE.read_text(encoding="utf-8")
    lines = [
        {"id": "a", "text": inh, "case": "k1"},
        {"id": "bad", "text": 42},
        {"id": "b", "text": inh.replace("原告：王建国", "上诉人（原审原告）：王建国"), "case": "k1"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    proc = fazhi("anonymize", "--batch", str(src), "--profile", "2016")
    assert proc.returncode == 2 and bilingual(proc.stderr)
    rows = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", None, "b"]  # the bad line's error stands in its place
    assert "error" in rows[1] and "line 2" in rows[1]["source"]
    assert "王某1" in rows[0]["text"] and "王某1" in rows[2]["text"]


def test_reversible_mode_round_trip_and_wrong_key(tmp_path: Path) -> None:
    key, mp = tmp_path / "k.key", tmp_path / "doc.map"
    proc = fazhi("anonymize", str(INHERITANCE), "--profile", "2016", "--map-out", str(mp), "--key-file", str(key))
    assert proc.returncode == 0, proc.stderr.decode()
    published = tmp_path / "published.txt"
    published.write_bytes(proc.stdout)
    sealed = mp.read_bytes()
    for secret in PII + ("王建国",):
        assert secret.encode("utf-8") not in sealed and secret.encode("utf-8") not in proc.stdout
    back = fazhi("anonymize", str(published), "--restore", str(mp), "--key-file", str(key))
    assert back.returncode == 0, back.stderr.decode()
    assert back.stdout.decode("utf-8") == INHERITANCE.read_text(encoding="utf-8")
    other = tmp_path / "other.key"
    other.write_text("00" * 32)
    bad = fazhi("anonymize", str(published), "--restore", str(mp), "--key-file", str(other))
    assert bad.returncode == 2 and bilingual(bad.stderr)
    tampered = tmp_path / "tampered.txt"
    tampered.write_text(published.read_text(encoding="utf-8") + "x", encoding="utf-8")
    assert fazhi("anonymize", str(tampered), "--restore", str(mp), "--key-file", str(key)).returncode == 2


def test_bad_input_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    for args in (("anonymize", str(empty)), ("anonymize", str(THEFT), "--profile", "2019"),
                 ("anonymize", str(THEFT), "--effective-date", "2024-13-01"),
                 ("anonymize", str(THEFT), "--map-out", str(tmp_path / "m"))):
        proc = fazhi(*args)
        assert proc.returncode == 2, args
        assert bilingual(proc.stderr), args


def test_audit_log_and_database_hold_no_personal_numbers(fazhi_home: Path) -> None:
    assert fazhi("anonymize", str(INHERITANCE), "--json").returncode == 0
    assert fazhi("ingest", str(INHERITANCE)).returncode == 0
    show = fazhi("audit", "show", "--json")
    assert show.returncode == 0
    db_bytes = b"".join(p.read_bytes() for p in fazhi_home.rglob("*.db*") if p.name != "laws.db")
    for secret in PII:
        assert secret.encode("utf-8") not in show.stdout
        assert secret.encode("utf-8") not in db_bytes, secret


def test_document_text_sealed_at_rest(tmp_path: Path, store_url: str) -> None:
    store = open_store(store_url)
    try:
        ingest(store, [INHERITANCE], actor="test")
        with store.session() as s:
            raw = s.execute(sql("SELECT text FROM documents")).scalar_one()
            assert raw.startswith("fz1:") and "王建国" not in raw
            doc = s.query(Document).one()
            assert doc.text == INHERITANCE.read_text(encoding="utf-8")
    finally:
        store.close()


def test_train_names_reproduces_the_shipped_tagger(tmp_path: Path) -> None:
    from importlib import resources

    proc = fazhi("train", "names", "--data", str(SHARED_DATA / "ner"), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    shipped = resources.files("fazhi.privacy").joinpath("data/name_tagger.npz").read_bytes()
    assert (tmp_path / "name_tagger.npz").read_bytes() == shipped
    bad = fazhi("train", "bogus")
    assert bad.returncode == 2 and bilingual(bad.stderr)
