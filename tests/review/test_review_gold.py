"""The proof-reading gold sets (bench/make_review_gold.py) and their scorer (bench/bench_review.py).

The gold files must be exactly what the generator makes (determinism, files up to date), every
error span exact, every family present, and the clean documents must really be clean on the
points the checks verify: fees recomputed here by an independent implementation of the art. 13
tiers (parsed from the text, not taken from the generator), allocations that add up, 刑期 brackets
recomputed from the custody dates in the party block, terms inside the statutory tier. The scorer
is checked with systems derived from the gold (perfect, too long, findings on clean documents).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import bench_module, read_jsonl

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
DATA = BENCH / "data" / "review"


gen = bench_module("make_review_gold")
bench = bench_module("bench_review")


@pytest.fixture(autouse=True)
def fazhi_home() -> Iterator[None]:
    """Overrides the suite-wide fixture: these tests need no data directory and no statute base."""
    yield None


def _read(name: str) -> list[dict[str, Any]]:
    return read_jsonl(DATA / f"{name}.jsonl")


DEV = _read("dev")
HOLDOUT = _read("holdout")
ALL = DEV + HOLDOUT
CLEAN = [r for r in ALL if r["family"] is None]


# ------------------------------------------------------------------------------------ generator

@pytest.mark.parametrize("name", ["dev", "holdout"])
def test_files_are_what_the_generator_makes(name: str) -> None:
    fresh = json.loads(json.dumps(gen.build(name, gen.SEEDS[name]), ensure_ascii=False))
    assert fresh == _read(name), f"bench/data/review/{name}.jsonl is stale: rerun bench/make_review_gold.py"


def test_deterministic_and_seed_dependent() -> None:
    a = gen.build("dev", 5)
    assert a == gen.build("dev", 5)
    b = gen.build("dev", 6)
    assert [r["text"] for r in a] != [r["text"] for r in b]


def test_sets_differ_and_sizes() -> None:
    assert not {r["text"] for r in DEV} & {r["text"] for r in HOLDOUT}
    assert {r["meta"]["template"] for r in HOLDOUT} - {r["meta"]["template"] for r in DEV} == {"traffic"}
    for name in ("dev", "holdout"):
        assert (DATA / f"{name}.jsonl").stat().st_size < 2_500_000
        recs = _read(name)
        assert sum(r["family"] is None for r in recs) >= 30


def test_spans_exact_and_records_well_formed() -> None:
    ids = set()
    clean_ids = {r["id"] for r in CLEAN}
    for r in ALL:
        assert set(r) >= {"id", "clean_id", "family", "text", "errors"}
        assert r["id"] not in ids
        ids.add(r["id"])
        if r["family"] is None:
            assert r["errors"] == [] and r["clean_id"] == r["id"]
            continue
        assert r["clean_id"] in clean_ids and 1 <= len(r["errors"]) <= 2
        assert r["family"] in {e["family"] for e in r["errors"]}
        prev_end = -1
        for e in sorted(r["errors"], key=lambda e: e["start"]):
            assert e["family"] in gen.FAMILIES and e["description"]
            assert 0 <= e["start"] < e["end"] <= len(r["text"])
            assert r["text"][e["start"]:e["end"]] == e["text"]
            assert e["start"] >= prev_end, f"{r['id']}: overlapping errors"
            prev_end = e["end"]


def test_injected_copies_differ_from_their_clean_document() -> None:
    clean = {r["id"]: r["text"] for r in CLEAN}
    for r in ALL:
        if r["family"] is not None:
            assert r["text"] != clean[r["clean_id"]]


@pytest.mark.parametrize("recs", [DEV, HOLDOUT], ids=["dev", "holdout"])
def test_every_family_present(recs: list[dict[str, Any]]) -> None:
    counts: dict[str, int] = {}
    for r in recs:
        for e in r["errors"]:
            counts[e["family"]] = counts.get(e["family"], 0) + 1
    assert set(counts) == set(gen.FAMILIES)
    assert min(counts.values()) >= 5


def test_clean_lengths() -> None:
    judgments = [r for r in CLEAN if r["meta"]["doc_kind"] != "civil_ruling"]
    assert all(1300 <= len(r["text"]) <= 5000 for r in judgments)
    assert sum(len(r["text"]) >= 2000 for r in judgments) >= 20


# ---------------------------------------------------------------- numbers, fees and dates (independent)

def _tier_fee(x: Decimal) -> Decimal:
    """诉讼费用交纳办法 art. 13(1), written out band by band (independent of the generator)."""
    bands = [(Decimal(10_000), Decimal("0.025")), (Decimal(100_000), Decimal("0.02")), (Decimal(200_000), Decimal("0.015")),
             (Decimal(500_000), Decimal("0.01")), (Decimal(1_000_000), Decimal("0.009")), (Decimal(2_000_000), Decimal("0.008")),
             (Decimal(5_000_000), Decimal("0.007")), (Decimal(10_000_000), Decimal("0.006")), (Decimal(20_000_000), Decimal("0.005"))]
    if x <= 10_000:
        return Decimal(50)
    fee = Decimal(50)
    for i, (lo, rate) in enumerate(bands):
        hi = bands[i + 1][0] if i + 1 < len(bands) else None
        top = min(x, hi) if hi is not None else x
        if top > lo:
            fee += (top - lo) * rate
    return fee


@pytest.mark.parametrize("claim, full", [(10_000, "50"), (50_000, "1050"), (100_000, "2300"), (150_000, "3300"),
                                         (300_000, "5800"), (1_000_000, "13800"), (5_000_000, "46800"),
                                         (30_000_000, "191800"), ("123456.78", "2769.1356")])
def test_fee_tiers_hand_checked(claim: Any, full: str) -> None:
    assert gen.fee_property(Decimal(str(claim))) == Decimal(full)
    assert _tier_fee(Decimal(str(claim))) == Decimal(full)


def test_fee_halved_and_preservation() -> None:
    assert gen.fee_property(100_000) / 2 == 1150
    assert [gen.fee_preservation(x) for x in (800, 50_000, 500_000, 1_000_000)] == [30, 520, 3020, 5000]


def test_numerals_and_capitals() -> None:
    assert [gen.cn_int(n) for n in (1, 10, 15, 20, 101, 110, 264, 1001, 1010, 1260, 15000, 177500)] == [
        "一", "十", "十五", "二十", "一百零一", "一百一十", "二百六十四", "一千零一", "一千零一十", "一千二百六十", "一万五千",
        "十七万七千五百"]
    assert gen.money_capitals(300_000) == "叁拾万元整"
    assert gen.money_capitals(100_000) == "壹拾万元整"
    assert gen.money_capitals(1_000_500) == "壹佰万零伍佰元整"
    assert gen.money_capitals(120_500) == "壹拾贰万零伍佰元整"
    assert gen.money_capitals(86_000) == "捌万陆仟元整"
    assert gen.cn_date(date(2023, 5, 10)) == "二〇二三年五月十日"
    assert gen.cn_date(date(2024, 12, 31)) == "二〇二四年十二月三十一日"


def test_term_end_examples_of_sentencing_md() -> None:
    assert gen.term_end(date(2023, 3, 1), months=18) == date(2024, 8, 31)
    assert gen.term_end(date(2023, 3, 1), years=1) == date(2024, 2, 29)
    assert gen.term_end(date(2023, 1, 31), months=1) == date(2023, 2, 27)
    assert gen.term_end(date(2023, 2, 28), months=1) == date(2023, 3, 30)
    assert gen.term_end(date(2024, 2, 29), years=1) == date(2025, 2, 27)
    assert gen.term_end(date(2023, 9, 1), months=6, credit_days=20) == date(2024, 2, 9)


def _num(s: str) -> Decimal:
    return Decimal(s)


def test_fees_in_clean_first_instance_judgments() -> None:
    seen = 0
    for r in CLEAN:
        if r["meta"]["doc_kind"] != "civil_judgment":
            continue
        t = r["text"]
        claims = t[t.index("向本院提出诉讼请求：") : t.index("事实和理由")]
        total_m = re.search(r"(?:以上)?(?:共计|合计)(\d+(?:\.\d+)?)元", claims)
        assert total_m, r["id"]
        items = claims[: total_m.start()] + claims[total_m.end():]
        amounts = [_num(x) for x in re.findall(r"(?<![以\d.])(\d+(?:\.\d+)?)元", items)]
        assert sum(amounts) == _num(total_m.group(1)), r["id"]
        labour = "劳动争议" in t[:600]
        full = Decimal(10) if labour else _tier_fee(sum(amounts))
        m = re.search(r"案件受理费(\d+)元(?:，减半收取计(\d+(?:\.\d+)?)元)?", t)
        assert m, r["id"]
        assert _num(m.group(1)) == full, (r["id"], m.group(1), full)
        simple = "适用简易程序" in t
        assert bool(m.group(2)) == simple, r["id"]
        charged = full / 2 if simple else full
        if m.group(2):
            assert _num(m.group(2)) == charged
        tail = t[m.end(): t.index("。", m.end())]
        pres = re.search(r"财产保全费(\d+)元", tail)
        if pres:
            frozen = _num(re.search(r"冻结\S+?银行存款(\d+)元", t).group(1))  # type: ignore[union-attr]
            expect = min(Decimal(5000), Decimal(1020) + (frozen - 100_000) * Decimal("0.005")) if frozen > 100_000 else Decimal(30) + (frozen - 1000) / 100
            assert _num(pres.group(1)) == expect.quantize(Decimal(1)), r["id"]
        shares = [_num(x) for x in re.findall(r"负担(\d+)元", tail)]
        if shares:
            assert sum(shares) == charged, (r["id"], shares, charged)
        seen += 1
    assert seen >= 30


def test_fees_in_clean_second_instance_and_rulings() -> None:
    for r in CLEAN:
        t = r["text"]
        if r["meta"]["doc_kind"] == "civil_second_instance":
            appealed = r["meta"]["appealed"]
            m = re.search(r"二审案件受理费(\d+)元", t)
            assert m and _num(m.group(1)) == _tier_fee(Decimal(appealed)).quantize(Decimal(1)), r["id"]
            one = re.search(r"一审法院判决：.*?案件受理费(\d+)元", t, re.S)
            assert one
            awarded = [_num(x) for x in re.findall(r"(?:货款|违约金|借款本金)(\d+)元", t[t.index("起诉请求："):t.index("事实：")])]
            assert _num(one.group(1)) == _tier_fee(sum(awarded)).quantize(Decimal(1)), r["id"]
            assert "本判决为终审判决。" in t and "如不服本判决" not in t
        elif "驳回原告" in t and "的起诉" in t:
            claim = _num(re.search(r"支付合同款(\d+)元", t).group(1))  # type: ignore[union-attr]
            assert _num(re.search(r"案件受理费(\d+)元予以退还", t).group(1)) == _tier_fee(claim)  # type: ignore[union-attr]


_CN = {c: i for i, c in enumerate("零一二三四五六七八九")}


def _cn_small(s: str) -> int:
    if s.startswith("十"):
        s = "一" + s
    if "十" in s:
        a, _, b = s.partition("十")
        return _CN[a] * 10 + (_CN[b] if b else 0)
    return _CN[s]


def _months(words: str) -> int:
    m = re.fullmatch(r"(?:(\S+?)年)?(?:(\S+?)个月)?", words)
    assert m, words
    return (_cn_small(m.group(1)) * 12 if m.group(1) else 0) + (_cn_small(m.group(2)) if m.group(2) else 0)


def _d(s: str) -> date:
    y, m, d = map(int, re.match(r"(\d{4})年(\d+)月(\d+)日", s).groups())  # type: ignore[union-attr]
    return date(y, m, d)


def _plus_months_minus_one(start: date, months: int) -> date:
    """Same day ``months`` later, minus one day (all generated start days are ≤ 28)."""
    assert start.day <= 28
    y, m = divmod(start.month - 1 + months, 12)
    return date(start.year + y, m + 1, start.day) - timedelta(days=1)


def test_prison_term_dates_and_ranges_in_clean_criminal_judgments() -> None:
    dated = 0
    for r in CLEAN:
        if r["meta"]["doc_kind"] != "criminal_judgment":
            continue
        t = r["text"]
        pen = re.search(r"犯(\S+?罪)，判处(有期徒刑|拘役)(\S+?)(?:，缓刑(\S+?))?(?:，并处罚金人民币\S+?元)?[（。]", t)
        assert pen, r["id"]
        charge, kind, months = pen.group(1), pen.group(2), _months(pen.group(3))
        if charge == "危险驾驶罪":
            assert kind == "拘役" and 1 <= months <= 6 and "并处罚金" in t
        elif "数额巨大" in t:
            assert kind == "有期徒刑" and 36 <= months <= 120 and "并处罚金" in t
        else:
            assert months <= 36
            assert ("并处罚金" in t) == (charge != "故意伤害罪")
        if pen.group(4):
            test = _months(pen.group(4))
            assert test >= months and (2 <= test <= 12 if kind == "拘役" else 12 <= test <= 60)
            assert "即自" not in t
            continue
        rng = re.search(r"即自(\d{4}年\d+月\d+日)起至(\d{4}年\d+月\d+日)止", t)
        assert rng, r["id"]
        start, end = _d(rng.group(1)), _d(rng.group(2))
        detained = re.search(r"(\d{4}年\d+月\d+日)因涉嫌犯\S+?被\S+?刑事拘留，同年", t)
        if detained:  # continuous custody: the term starts on the first custody day
            assert start == _d(detained.group(1)), r["id"]
            assert end == _plus_months_minus_one(start, months), r["id"]
        else:  # detained, bailed, then arrested by the court: start on re-arrest, deduct earlier custody
            m = re.search(r"于(\d{4}年\d+月\d+日)被\S+?刑事拘留，(\d{4}年\d+月\d+日)被取保候审；(\d{4}年\d+月\d+日)经本院决定逮捕", t)
            assert m, r["id"]
            first, bail, arrest = (_d(m.group(i)) for i in (1, 2, 3))
            assert start == arrest
            assert end == _plus_months_minus_one(start, months) - timedelta(days=(bail - first).days + 1)
        judged = r["meta"]["judgment_date"]
        assert end > date.fromisoformat(judged)
        dated += 1
    assert dated >= 15


def test_clean_documents_obey_the_other_rules() -> None:
    for r in CLEAN:
        t = r["text"]
        kind, judged = r["meta"]["doc_kind"], date.fromisoformat(r["meta"]["judgment_date"])
        assert gen.cn_date(judged) in t and "书记员" in t.replace("　", "")
        assert not re.search(r"[（(]\d{4}[）)]\s*[^\s（(]*?字第", t.split("\n")[2])
        assert re.fullmatch(r"（\d{4}）[京沪粤浙]\d{2,4}(民初|民终|刑初)\d+号", t.split("\n")[2])
        assert not re.search(r"第\d+条", t)
        if kind == "civil_judgment":
            assert "判决书送达之日起十五日内" in t
            art = "二百六十四" if judged >= date(2024, 1, 1) else "二百六十"
            assert f"《中华人民共和国民事诉讼法》第{art}条规定，加倍支付" in t
            if r["meta"].get("old_law") is False:
                assert "合同法》" not in t and "侵权责任法》" not in t
        elif kind == "civil_ruling":
            assert "裁定书送达之日起十日内" in t
        elif kind == "criminal_judgment":
            assert "接到判决书的第二日起十日内" in t


def test_appellate_courts_match_the_court_table() -> None:
    table = {}
    for line in (ROOT / "src" / "fazhi" / "documents" / "data" / "court_codes.csv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split(",")
            table[cols[0]] = cols
    for c in gen.COURTS.values():
        assert table[c.code][1] == c.name
        assert table[c.parent_code][1] == c.parent
        if table[c.code][3]:  # the table leaves Shanghai's basic courts without a parent
            assert table[c.code][3] == c.parent_code
        assert c.wrong_parent != c.parent


# ------------------------------------------------------------------------------------ scorer

def _as_findings(rec: dict[str, Any], check: str = "DR-TEST") -> list[dict[str, Any]]:
    return [{"check": check, "severity": "error", "start": e["start"], "end": e["end"], "family": e["family"]}
            for e in rec["errors"]]


def test_scorer_perfect_system() -> None:
    res = bench.score(DEV, {r["id"]: _as_findings(r) for r in DEV})
    assert res["recall"] == 1.0 and res["precision"] == 1.0
    assert all(v["recall"] == 1.0 and v["precision"] == 1.0 for v in res["per_family"].values())
    assert res["false_findings_on_clean"] == 0


def test_scorer_too_long_finding_does_not_match() -> None:
    rec = next(r for r in DEV if r["errors"])
    e = rec["errors"][0]
    n = e["end"] - e["start"]
    ok = {"check": "X", "severity": "error", "start": e["start"], "end": e["start"] + n + 400}
    long_ = {"check": "X", "severity": "error", "start": e["start"], "end": e["start"] + n + 500}
    assert bench.matches(ok, e) and not bench.matches(long_, e)
    res = bench.score([rec], {rec["id"]: [long_]})
    assert res["precision"] == 0.0 and res["per_family"][e["family"]]["found"] == 0


def test_scorer_overlap_and_severity() -> None:
    e = {"family": "court_fee", "start": 100, "end": 110, "text": "x" * 10, "description": ""}
    assert bench.matches({"start": 109, "end": 120}, e)
    assert not bench.matches({"start": 110, "end": 120}, e)
    assert not bench.matches({"start": 90, "end": 100}, e)
    assert bench.matches({"start": 105, "end": 105}, e) and not bench.matches({"start": 110, "end": 110}, e)
    rec = {"id": "d", "family": "court_fee", "text": " " * 200, "errors": [e]}
    res = bench.score([rec], {"d": [{"check": "DR-FEE-01", "severity": "info", "start": 100, "end": 110}]})
    assert res["recall"] == 0.0 and res["findings"] == 0


def test_scorer_findings_on_clean_documents_lower_precision() -> None:
    findings = {r["id"]: _as_findings(r) for r in DEV}
    clean = next(r for r in DEV if r["family"] is None)
    findings[clean["id"]] = [{"check": "DR-AMT-05", "severity": "warning", "start": 10, "end": 20, "family": "amount"}]
    res = bench.score(DEV, findings)
    assert res["recall"] == 1.0 and res["precision"] < 1.0
    assert res["false_findings_on_clean"] == 1 and res["clean_false_by_check"] == {"DR-AMT-05": 1}
    assert res["per_family"]["amount_sum"]["precision"] < 1.0  # attributed through FAMILY_BY_CHECK
    assert res["precision_injected_only"] == 1.0


def test_family_attribution() -> None:
    assert bench.gold_family({"check": "DR-APL-03", "family": "appeal"}) == "appeal_court"
    assert bench.gold_family({"check": "DR-XYZ", "family": "signature_date"}) == "signature_date"
    assert bench.gold_family({"check": "DR-XYZ", "family": "fee"}) == "court_fee"
    assert bench.gold_family({"check": "DR-TXT-01", "family": "typo"}) == "other"
    assert set(bench.GOLD_FAMILIES) == set(gen.FAMILIES)


def test_long_documents_for_speed() -> None:
    docs = bench.long_documents(DEV, 3)
    assert len(docs) == 3 and all(len(d) >= 5000 for d in docs)
