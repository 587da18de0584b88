"""End-to-end: the real `fazhi` command on real files — analyze, extract, batch, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.helpers import GOLD, bilingual, fazhi, out_json

KEYS = ("doc_type", "procedure", "case_number", "court", "cause", "judgment_date", "parties", "judges", "clerk",
        "statutes", "claims_amount", "sentences", "court_fee")


def test_analyze_sample_prints_stores_and_audits() -> None:
    first = out_json(fazhi("analyze", "--sample", "--json"))
    for key in KEYS:
        assert key in first
    assert first["case_number"] == "（2024）京0105刑初1587号"
    assert first["court"] == "北京市朝阳区人民法院"
    assert first["cause"] == "盗窃罪"
    assert first["sentences"][0]["term_months"] == 12
    assert first["sentences"][0]["fine_yuan"] == 5000
    assert first["assist"]["notice"].startswith("本结果由人工智能辅助生成")
    assert first["assist"]["audit_id"] >= 1
    assert first["stored"]["new"] is True
    again = out_json(fazhi("analyze", "--sample", "--json"))
    assert again["stored"] == {**first["stored"], "new": False}
    human = fazhi("analyze", "--sample")
    assert human.returncode == 0
    assert "盗窃罪" in human.stdout.decode() and "仅供参考" in human.stdout.decode()
    listed = out_json(fazhi("cases", "list", "--json", "-q", "王建国"))
    assert [c["case_number"] for c in listed] == ["（2024）京0105刑初1587号"]
    assert first["citations"] and all(c["status"] == "ok" for c in first["citations"])
    assert all(c["assist"]["kind"] == "citation_check" for c in first["citations"])
    verify = out_json(fazhi("audit", "verify", "--json"))
    # three analyses, each an extraction, one check per citation, the prediction and (a sentence
    # is stated) the deviation check
    assert first["prediction"]["charges"][0]["name"] == "盗窃" and first["deviation"]["defendants"]
    per_run = 1 + len(first["citations"]) + 2
    assert verify["ok"] and verify["checked"] == 3 * per_run


def test_extract_json_on_gold_document() -> None:
    path = sorted(GOLD.glob("01_*.txt"))[0]
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = out_json(fazhi("extract", str(path), "--json"))
    assert got["case_number"] == gold["case_number"]
    assert got["court"] == gold["court"]
    assert {(p["name"], p["role"]) for p in got["parties"]} >= {(p["name"], p["role"]) for p in gold["parties"]
                                                               if p["role"] in ("原告", "被告")}


def test_extract_reads_stdin_in_gb18030() -> None:
    text = (GOLD / sorted(p.name for p in GOLD.glob("01_*.txt"))[0]).read_text(encoding="utf-8")
    got = out_json(fazhi("extract", "-", "--json", stdin=text.encode("gb18030")))
    assert got["court"] and "人民法院" in got["court"]


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    docs = sorted(GOLD.glob("*.txt"))[:2]
    lines = [json.dumps({"id": "a", "text": docs[0].read_text(encoding="utf-8")}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": 7, "text": docs[1].read_text(encoding="utf-8")}, ensure_ascii=False),
             json.dumps({"id": "no-text"})]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = fazhi("extract", "--batch", str(batch))
    assert proc.returncode == 2
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == 4
    assert out[0]["id"] == "a" and out[0]["case_number"]
    assert "error" in out[1]
    assert out[2]["id"] == 7 and out[2]["assist"]["audit_id"] > out[0]["assist"]["audit_id"]
    assert "error" in out[3]
    assert bilingual(proc.stderr)


@pytest.mark.parametrize("content", [b"", b"   \n\t  ", os.urandom(4096), b"\x00\x01\x02" * 1000])
def test_unusable_input_exits_2_with_bilingual_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    for cmd in ("extract", "analyze"):
        proc = fazhi(cmd, str(path), "--json")
        assert proc.returncode == 2, proc.stderr
        assert bilingual(proc.stderr), proc.stderr
        assert proc.stdout == b""


def test_missing_file_and_truncated_docx(tmp_path: Path) -> None:
    proc = fazhi("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and bilingual(proc.stderr)
    import docx

    d = docx.Document()
    d.add_paragraph("北京市朝阳区人民法院 民事判决书")
    full = tmp_path / "full.docx"
    d.save(str(full))
    cut = tmp_path / "cut.docx"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    proc = fazhi("analyze", str(cut))
    assert proc.returncode == 2 and bilingual(proc.stderr)
    # nothing half-written: the failed analyze left no document behind
    assert out_json(fazhi("cases", "list", "--json")) == []


def test_bad_database_url_is_a_clear_error() -> None:
    proc = fazhi("cases", "list", env={"FAZHI_DATABASE_URL": "nosuchdb://x"})
    assert proc.returncode == 3 and bilingual(proc.stderr)


def test_usage_error_exits_2() -> None:
    proc = fazhi("extract", "--no-such-flag")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


def test_audit_verify_exit_1_on_tamper(fazhi_home: Path) -> None:
    import sqlite3

    out_json(fazhi("analyze", "--sample", "--json"))
    con = sqlite3.connect(fazhi_home / "fazhi.db")
    con.execute("DROP TRIGGER audit_records_no_update")
    con.execute("UPDATE audit_records SET actor = 'mallory' WHERE seq = 1")
    con.commit()
    con.close()
    proc = fazhi("audit", "verify")
    assert proc.returncode == 1
    assert "第1条" in proc.stdout.decode() and "edited" in proc.stdout.decode()


def test_analyze_then_ingest_is_one_document(tmp_path: Path) -> None:
    path = sorted(GOLD.glob("*.txt"))[3]
    first = out_json(fazhi("analyze", str(path), "--json"))
    assert first["stored"]["new"] is True
    copy = tmp_path / "same.txt"
    copy.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))  # same text, other encoding
    summary = out_json(fazhi("ingest", str(copy), "--json"))
    assert (summary["stored"], summary["skipped"]) == (0, 1)
    shown = out_json(fazhi("cases", "show", str(first["stored"]["case_id"]), "--json"))
    assert len(shown["documents"]) == 1 and shown["case_number"] == first["case_number"]
    missing = fazhi("cases", "show", "999")
    assert missing.returncode == 2 and bilingual(missing.stderr)


def test_cli_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    env = {"FAZHI_DATABASE_URL": postgres_url.replace("postgresql+psycopg://", "postgresql://")}
    first = out_json(fazhi("analyze", "--sample", "--json", env=env))
    assert first["stored"]["new"] is True and first["assist"]["audit_id"] == 1
    src = tmp_path / "docs"
    src.mkdir()
    for p in sorted(GOLD.glob("*.txt"))[:5]:
        (src / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    assert out_json(fazhi("ingest", str(src), "--json", env=env))["stored"] == 5
    assert out_json(fazhi("audit", "verify", "--json", env=env))["checked"] == 5 + 1 + len(first["citations"]) + 2
    assert len(out_json(fazhi("cases", "list", "--json", env=env))) == 6
