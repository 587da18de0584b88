"""Deviation warning and the predict / deviation commands, end to end on a store of CAIL cases."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from tests.conftest import make_cail_store
from tests.helpers import bilingual, fazhi, out_json

from fazhi.errors import BadInput
from fazhi.predict.deviation import deviation_assist

SAMPLE = resources.files("fazhi.samples").joinpath("criminal_judgment.txt").read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path, fazhi_home: Path):  # type: ignore[no-untyped-def]
    s = make_cail_store(tmp_path, 600)
    yield s
    s.close()


def test_usual_sentence_passes_and_extreme_one_is_flagged(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        usual = deviation_assist(s, SAMPLE)
        harsh = deviation_assist(s, SAMPLE.replace("判处有期徒刑一年，", "判处有期徒刑十年，"))
    d = usual.result["defendants"][0]
    assert d["given_months"] == 12 and d["cohort_size"] >= 5 and d["cohort_band"]
    assert usual.basis.cases and usual.kind == "deviation_warning"
    h = harsh.result["defendants"][0]
    assert h["given_months"] == 120 and h["warning"] and harsh.result["warning"]
    assert "高于" in harsh.explanation or "差距" in harsh.explanation


def test_band_is_configurable_and_checked(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        narrow = deviation_assist(s, SAMPLE, band=0.2)
        assert narrow.result["band"] == 0.2
        with pytest.raises(BadInput):
            deviation_assist(s, SAMPLE, band=1.5)


def test_cli_predict_batch_and_deviation(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": 1, "fact": "被告人酒后驾驶机动车，经检测血液酒精含量为180mg/100ml。"}, ensure_ascii=False)
                     + "\n" + json.dumps({"id": 2, "fact": ""}) + "\n", encoding="utf-8")
    proc = fazhi("predict", "--batch", str(batch))
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert rows[0]["id"] == 1 and rows[0]["charges"][0]["name"] and "term_months" in rows[0]
    assert {"law", "article", "score"} <= set(rows[0]["articles"][0])
    assert rows[0]["assist"]["model"]["card_id"] == "predict-cail-0.1"
    assert "error" in rows[1] or rows[1].get("recognised") is False
    got = out_json(fazhi("deviation", "-", "--json", stdin=SAMPLE.encode()))
    assert got["defendants"][0]["given_months"] == 12 and got["assist"]["audit_id"]
    bad = fazhi("deviation", "-", stdin="这是一份没有刑罚的文书。".encode())
    assert bad.returncode == 2 and bilingual(bad.stderr)
