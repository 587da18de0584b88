"""Extraction on the gold judgments, offsets into the input, and robustness on arbitrary text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.documents.extract import extract, extract_assist

GOLD = Path(__file__).resolve().parents[2] / "bench" / "data" / "judgments"
DOCS = sorted(GOLD.glob("*.txt"))
FUZZ_EXAMPLES = 400


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_headline_fields_match_gold(path: Path) -> None:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    rec = extract(path.read_text(encoding="utf-8")).as_dict()
    for key in ("doc_type", "category", "case_number", "court", "judgment_date"):
        assert rec[key] == gold[key], key
    assert {(j["name"], j["title"]) for j in rec["judges"]} == {(j["name"], j["title"]) for j in gold["judges"]}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_offsets_point_into_the_input(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rec = extract(text)
    for p in rec.parties:
        assert re.sub(r"\s", "", text[p.start:p.end]) == p.name
    for s in rec.statutes:
        assert re.sub(r"\s", "", text[s.start:s.end]).startswith("第")
    assert [s.start for s in rec.sections] == sorted(s.start for s in rec.sections)


@pytest.mark.parametrize("path", [p for p in DOCS if json.loads(p.with_suffix(".json").read_text())["sentences"]],
                         ids=lambda p: p.stem)
def test_criminal_sentences_match_gold(path: Path) -> None:
    keys = ("name", "charge", "term_months", "probation_months", "fine_yuan", "death", "life")
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    rec = extract(path.read_text(encoding="utf-8")).as_dict()
    assert [tuple(s[k] for k in keys) for s in rec["sentences"]] == [tuple(s[k] for k in keys) for s in gold["sentences"]]


def test_assist_envelope_carries_record_basis_and_notice() -> None:
    assist = extract_assist(DOCS[0].read_text(encoding="utf-8"))
    flat = assist.flat()
    assert flat["case_number"] and flat["assist"]["kind"] == "case_extraction"
    assert flat["assist"]["notice"] == "本结果由人工智能辅助生成，仅供参考，不代替审判人员的判断。"
    assert flat["assist"]["model"]["card_id"] == "extract-rules-0.1"
    assert flat["assist"]["basis"]["spans"]
    assert "当事人" in flat["assist"]["explanation"] or "识别" in flat["assist"]["explanation"]


def test_document_without_structure_says_what_is_missing() -> None:
    rec = extract("今天天气很好，我们去公园散步。")
    assert rec.doc_type is None and rec.parties == []
    assert "未识别到当事人" in rec.warnings and "未识别到法院" in rec.warnings


_PIECES = st.sampled_from([
    "原告：", "被告人", "（2023）京0105民初12345号", "本院认为，", "判决如下：", "一、", "审判长　张三", "\n",
    "《中华人民共和国刑法》第二百六十四条、第六十七条第三款", "人民币壹拾贰万元整", "二〇二三年五月十日", "犯盗窃罪，判处有期徒刑一年六个月，缓刑二年",
    "案件受理费1,234元，减半收取计617元", "诉讼请求：1.判令", "该法第五条", "，", "。", "（", "）", "第", "条",
])


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=60))
def test_extract_never_raises_on_arbitrary_text(parts: list[str]) -> None:
    text = "".join(parts)
    rec = extract(text)
    rec.as_dict()
    for p in rec.parties:
        assert 0 <= p.start <= p.end <= len(text)
