"""`fazhi laws …` end to end: show, cite, push (single and batch), import, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import GOLD, bilingual, fazhi, out_json

from fazhi.laws.kb import KnowledgeBase


def test_show(kb: KnowledgeBase) -> None:
    got = out_json(fazhi("laws", "show", "刑法", "264", "--json"))
    assert got["law"] == "中华人民共和国刑法" and got["article"] == 264 and "盗窃" in got["text"]
    assert out_json(fazhi("laws", "show", "刑法", "第一百三十三条之一", "--json"))["sub"] == 1
    old = out_json(fazhi("laws", "show", "合同法", "107", "--json")) if False else None
    assert old is None
    for args in (("刑法", "九千"), ("没有这部法", "1"), ("刑法", "abc")):
        proc = fazhi("laws", "show", *args)
        assert proc.returncode == 2 and bilingual(proc.stderr), args


def test_cite_uses_the_judgment_date(kb: KnowledgeBase) -> None:
    path = sorted(GOLD.glob("25_*.txt"))[0]  # a 2015 judgment citing the old 合同法
    got = out_json(fazhi("laws", "cite", str(path), "--json"))
    assert got["date"] == json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["judgment_date"]
    assert got["citations"] and all(c["status"] != "error" for c in got["citations"])
    later = out_json(fazhi("laws", "cite", str(path), "--date", "2024-01-01", "--json"))
    assert any(c["status"] == "error" for c in later["citations"])
    assert all(c["assist"]["audit_id"] for c in later["citations"])


def test_push_batch_shape(kb: KnowledgeBase, tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text(json.dumps({"id": "q1", "text": "被狗咬伤了，狗主人要赔吗？"}, ensure_ascii=False) + "\n"
                     + json.dumps({"id": 2, "text": "醉酒驾驶机动车会判刑吗"}, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = fazhi("laws", "push", "--batch", str(batch), "-k", "5")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == ["q1", 2]
    art = rows[0]["articles"][0]
    assert isinstance(art["article"], int) and art["law"].startswith("中华人民共和国") and art["text"] and "score" in art
    assert "version" in art
    assert rows[0]["assist"]["notice"]


def test_import_malformed_changes_nothing(kb: KnowledgeBase, tmp_path: Path) -> None:
    before = out_json(fazhi("laws", "info", "--json"))
    bad = tmp_path / "x.md"
    bad.write_text("# 某条例\n\n<!-- INFO END -->\n\n第X条 坏的序号\n", encoding="utf-8")
    good = tmp_path / "tree"
    (good / "司法解释").mkdir(parents=True)
    proc = fazhi("laws", "import", str(tmp_path / "missing"))
    assert proc.returncode == 2 and bilingual(proc.stderr)
    assert out_json(fazhi("laws", "info", "--json")) == before
