"""`fazhi review` and `fazhi draft` end to end: JSON contracts, batch, bad input, docx output."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from tests.helpers import GOLD, bilingual, fazhi, out_json

SAMPLES = resources.files("fazhi.samples")


def test_review_json_contract_and_offsets(tmp_path: Path) -> None:
    src = sorted(GOLD.glob("05_*.txt"))[0]  # this gold judgment writes its case number with half-width brackets
    raw = src.read_text(encoding="utf-8")
    d = out_json(fazhi("review", str(src), "--json"))
    assert d["assist"]["kind"] == "document_review" and d["assist"]["model"]["card_id"] == "review-rules-0.1"
    assert d["findings"], "the damaged case number must be found"
    for f in d["findings"]:
        assert set(f) >= {"check", "severity", "message", "start", "end", "suggestion"}
        assert f["severity"] in ("error", "warning", "info")
        assert 0 <= f["start"] <= f["end"] <= len(raw)
    cn = [f for f in d["findings"] if f["check"] == "DR-CN-02"]
    assert cn and raw[cn[0]["start"]:cn[0]["end"]].startswith("(")


def test_review_injected_error_found_and_clean_sample_quiet(tmp_path: Path) -> None:
    clean = SAMPLES.joinpath("criminal_judgment.txt").read_text(encoding="utf-8")
    d = out_json(fazhi("review", "-", "--json", stdin=clean.encode("utf-8")))
    assert not [f for f in d["findings"] if f["severity"] == "error"]
    broken = clean.replace("书记员", "", 1) if "书记员" in clean else clean
    signature = clean.rfind("二〇")
    assert signature > 0
    wrong_date = clean[:signature] + "2023年6月1日" + clean[clean.find("日", signature) + 1:]
    for text in (broken, wrong_date):
        d = out_json(fazhi("review", "-", "--json", stdin=text.encode("utf-8")))
        assert [f for f in d["findings"] if f["severity"] == "error"], text[-200:]


def test_review_batch_ids_and_bad_lines(tmp_path: Path) -> None:
    clean = SAMPLES.joinpath("criminal_judgment.txt").read_text(encoding="utf-8")
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps({"id": 1, "text": clean}, ensure_ascii=False), "{not json",
                              json.dumps({"id": "x", "text": clean.replace("二〇", "二零")}, ensure_ascii=False)]) + "\n",
                   encoding="utf-8")
    proc = fazhi("review", "--batch", str(src))
    assert proc.returncode == 2 and bilingual(proc.stderr)
    rows = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in rows] == [1, None, "x"]
    assert any(f["check"] == "DR-DATE-01" for f in rows[2]["findings"])


def test_review_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    for args in (("review", str(empty)), ("review", str(tmp_path / "missing.txt")), ("review",)):
        proc = fazhi(*args)
        assert proc.returncode == 2 and bilingual(proc.stderr), args


def test_draft_text_json_and_docx(tmp_path: Path) -> None:
    case = Path(str(SAMPLES.joinpath("draft_criminal.json")))
    out = tmp_path / "draft.docx"
    d = out_json(fazhi("draft", str(case), "--json", "--docx", str(out)))
    assert d["assist"]["kind"] == "draft" and d["placeholders"]
    assert "【判决主文" in d["text"] and "刑事判决书" in d["text"]
    assert out.is_file() and out.stat().st_size > 5000
    import docx

    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "刑事判决书" in body and "【判决主文" in body


def test_draft_from_document_and_missing_fields(tmp_path: Path) -> None:
    src = str(SAMPLES.joinpath("criminal_judgment.txt"))
    proc = fazhi("draft", src, "--from-document")
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert "【本院认为" in proc.stdout.decode("utf-8")
    bad = fazhi("draft", "-", stdin=json.dumps({"doc_kind": "civil_judgment"}).encode())
    assert bad.returncode == 2
    err = bad.stderr.decode("utf-8")
    for field in ("court", "case_number", "parties", "bench", "claims"):
        assert f"{field}:" in err
    assert fazhi("draft", "-", stdin=b"{oops").returncode == 2
