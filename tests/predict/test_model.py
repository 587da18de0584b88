"""Charge / article / term prediction: hand-written facts, refusals, long and odd input, the shipped
parameters, the sentencing rules and the learners, and a fuzz test that nothing raises."""

from __future__ import annotations

import json
import math
import zipfile
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.predict import predict, predict_batch
from fazhi.predict.features import (
    MAX_CHARS,
    Vectoriser,
    extract_cues,
    neutralise,
    neutralise_map,
    ngrams,
    to_simplified,
)
from fazhi.predict.model import Predictor, data_dir
from fazhi.predict.sentencing import clamp_term, parse_tiers, probation, select_frame
from fazhi.predict.train import Case, cail_term_score, evaluate, fit_linear, is_test, term_distance

THEFT = ("经审理查明，2020年5月10日，被告人张某在某小区内盗窃被害人李某停放的电动自行车一辆，经鉴定价值人民币3200元。"
         "案发后，被告人张某如实供述了自己的罪行，并退赔了被害人的损失。")
DRUNK = ("公诉机关指控，2019年8月3日22时许，被告人王某酒后驾驶小型轿车行驶至某路段时被民警查获。经鉴定，王某血液中乙醇"
         "含量为156mg/100ml，属醉酒驾驶机动车。")
INJURY = ("经审理查明，被告人刘某因琐事与被害人陈某发生争执，刘某持木棍击打陈某头部，致陈某受伤。经法医鉴定，陈某的损伤"
          "程度为轻伤二级。案发后刘某主动到公安机关投案，并赔偿被害人经济损失，取得谅解。")


@pytest.fixture(scope="module")
def model() -> Predictor:
    return Predictor.load()


@pytest.mark.parametrize(("fact", "charge", "article"), [
    (THEFT, "盗窃", 264),
    (DRUNK, "危险驾驶", 133),
    (INJURY, "故意伤害", 234),
])
def test_hand_written_facts(model: Predictor, fact: str, charge: str, article: int) -> None:
    p = model.predict(fact)
    assert p.recognised
    assert p.charges[0].name == charge and p.charges[0].predicted
    assert charge in p.predicted_charges
    assert article in p.predicted_articles
    assert all(a.law == "中华人民共和国刑法" for a in p.articles)
    assert 0.0 <= p.charges[0].score <= 1.0
    # the evidence and the circumstances point at the fact as written
    assert p.charges[0].evidence
    for span in p.charges[0].evidence:
        assert fact[span.start:span.end] == span.text
    for c in p.circumstances:
        assert fact[c.start:c.end] == c.text and c.effect


def test_sentences_stay_in_their_frames(model: Predictor) -> None:
    drunk = model.predict(DRUNK)
    # 刑法 第一百三十三条之一: 拘役 (1–6 months)
    assert drunk.term_months is not None and 1 <= drunk.term_months <= 6
    assert drunk.term_range is not None and drunk.term_range["max_months"] == 6
    injury = model.predict(INJURY)
    assert injury.term_months is not None and injury.term_months <= 36  # 轻伤: 三年以下
    assert {c.name for c in injury.circumstances} >= {"自首", "谅解"}
    assert not injury.death and not injury.life
    theft = model.predict(THEFT)
    assert theft.term_months is not None and theft.term_months <= 36
    assert theft.fine_yuan is None or theft.fine_yuan >= 1000  # 264 provides 罚金
    assert any("3,200" in line for line in theft.explanation)


@pytest.mark.parametrize("text", ["", "   ", "今天天气很好，我们去公园散步，晚上吃了火锅。",
                                  "原告与被告于2018年签订房屋租赁合同，约定租期三年，被告未按期支付租金。", "。。。，，，",
                                  "1234567890"])
def test_no_charge_for_non_criminal_text(model: Predictor, text: str) -> None:
    p = model.predict(text)
    assert not p.recognised
    assert p.predicted_charges == [] and p.predicted_articles == []
    assert p.term_months is None and not p.death and not p.life
    assert all(c.score <= 0.05 for c in p.charges)
    assert "no criminal charge recognised" in p.message


def test_long_fact_is_read_up_to_the_cap(model: Predictor) -> None:
    fact = THEFT + ("上述事实，有被害人李某的陈述，证人王某、赵某的证言，扣押清单，价格认定结论书，监控录像截图，"
                    "被告人张某的户籍证明及其供述与辩解等证据证实。") * 800
    assert len(fact) > 50_000
    p = model.predict(fact)
    assert p.recognised and p.truncated
    assert "盗窃" in [c.name for c in p.charges[:3]]
    assert any("仅阅读" in line for line in p.explanation)
    assert len(neutralise(fact)) <= MAX_CHARS


def test_traditional_characters(model: Predictor) -> None:
    fact = "經審理查明，被告人張某於2020年5月在某商場內盜竊他人錢包一個，內有現金人民幣5000元。"
    assert "盗窃" in to_simplified(fact) and len(to_simplified(fact)) == len(fact)
    p = model.predict(fact)
    assert p.charges[0].name == "盗窃" and 264 in p.predicted_articles


def test_batch_equals_single_and_serialises(model: Predictor) -> None:
    facts = [THEFT, DRUNK, "", INJURY]
    batch = predict_batch(facts)
    for fact, p in zip(facts, batch, strict=True):
        single = predict(fact)
        assert single.predicted_charges == p.predicted_charges and single.term_months == p.term_months
    json.dumps([p.to_dict() for p in batch], ensure_ascii=False)


# Fuzz: 300 examples of arbitrary text (any Unicode, and Chinese-looking text with digits and
# legal words) — prediction must never raise and must keep its invariants.
_legal = st.lists(st.sampled_from(["被告人", "张某", "盗窃", "人民币", "3000元", "（男，汉族）", "北京市", "轻伤二级",
                                   "50克", "甲基苯丙胺", "自首", "，", "。", "醉酒", "驾驶", "死亡", "万元", "岁"]),
                  max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), _legal))
def test_fuzz_never_raises(model: Predictor, text: str) -> None:
    p = model.predict(text)
    assert isinstance(p.recognised, bool)
    if p.recognised:
        assert p.predicted_charges and p.predicted_articles
    assert p.term_months is None or 0 <= p.term_months <= 300
    nt = neutralise_map(text)
    assert len(nt.offsets) == len(nt.text) + 1
    assert all(0 <= o <= len(text) for o in nt.offsets)


# --- neutralisation ---------------------------------------------------------------------------


def test_neutralise_removes_identity() -> None:
    fact = ("被告人王小明（男，汉族，1980年1月1日出生，湖南省长沙县人）于2019年在北京市朝阳区盗窃被害人李×1（女，54岁）"
            "的手机。王小明到案后如实供述。")
    out = neutralise(fact)
    for word in ("王小明", "李×1", "男", "女", "汉族", "湖南", "长沙县", "北京市", "朝阳区", "54岁", "1980"):
        assert word not in out, word
    assert "盗窃" in out and "如实供述" in out and "手机" in out


def test_neutral_offsets_point_back() -> None:
    fact = "被告人张某在上海市浦东新区盗窃财物，价值5000元。"
    nt = neutralise_map(fact)
    for i, ch in enumerate(nt.text):
        if ch not in "ＰＬ":
            assert fact[nt.offsets[i]] == ch


def test_cues() -> None:
    cues = extract_cues("被告人张某贩卖甲基苯丙胺52.3克给他人，获利人民币3000元。被告人系累犯，到案后如实供述。")
    assert math.isclose(cues.drug_grams(), 52.3)
    assert cues.max_amount == 3000
    assert cues.has("累犯") and cues.has("坦白")
    assert not extract_cues("被告人拒不如实供述。").has("坦白")  # negated
    assert extract_cues("经鉴定，被害人的损伤程度为重伤二级。").worst_injury() == 4
    assert extract_cues("血液中乙醇含量为156mg/100ml").alcohol == 156


# --- sentencing rules -------------------------------------------------------------------------

ART_264 = ("盗窃公私财物，数额较大的，或者多次盗窃、入户盗窃、携带凶器盗窃、扒窃的，处三年以下有期徒刑、拘役或者管制，并处或者"
           "单处罚金；数额巨大或者有其他严重情节的，处三年以上十年以下有期徒刑，并处罚金；数额特别巨大或者有其他特别严重情节的，"
           "处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。")


def test_parse_tiers() -> None:
    tiers = parse_tiers(ART_264)
    assert [(t.min_months, t.max_months) for t in tiers] == [(0, 36), (36, 120), (120, 180)]
    assert tiers[0].fine_only and tiers[2].life and not tiers[2].death


def test_frames_follow_the_thresholds() -> None:
    tiers = parse_tiers(ART_264)
    small = extract_cues("盗窃财物价值人民币5000元。")
    large = extract_cues("盗窃财物价值人民币150000元。")
    assert select_frame("盗窃", tiers, small, "").max_months == 36
    assert select_frame("盗窃", tiers, large, "").min_months == 36  # 数额巨大 (法释〔2013〕8号)
    drug = extract_cues("贩卖海洛因60克。")
    assert select_frame("走私、贩卖、运输、制造毒品", [], drug, "").min_months == 180
    months, notes = clamp_term(80.0, select_frame("盗窃", tiers, small, ""), small)
    assert months == 36 and notes


def test_probation_rules() -> None:
    good = extract_cues("被告人自首，赔偿被害人损失并取得谅解。")
    period, why = probation(12, good, "盗窃")
    assert period is not None and 12 <= period <= 60 and "第七十二条" in why  # 刑法 第七十三条: 1–5 years
    recidivist = extract_cues("被告人系累犯，赔偿并取得谅解，自首。")
    assert probation(12, recidivist, "盗窃")[0] is None  # 刑法 第七十四条
    assert probation(48, good, "盗窃")[0] is None  # 刑法 第七十二条: 三年以下
    period, _ = probation(3, good, "危险驾驶")
    assert period is not None and 3 <= period <= 12  # 拘役缓刑: 2 months – 1 year, ≥ the term


# --- shipped parameters, learners, metrics ----------------------------------------------------


def test_shipped_parameters_are_safe_and_small() -> None:
    path = data_dir()
    size = sum(p.stat().st_size for p in path.glob("model.*"))
    assert size < 15_000_000
    with np.load(path / "model.npz", allow_pickle=False) as z:  # no pickled objects
        assert z["vocab"].dtype.kind == "U"
    assert all(not n.endswith(".pkl") for n in zipfile.ZipFile(path / "model.npz").namelist())
    meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
    assert len(meta["labels"]) >= 200 and "盗窃" in meta["labels"]
    assert meta["charge_articles"]["危险驾驶"][0] == 133 and meta["charge_articles"]["盗窃"][0] == 264


def test_fit_linear_learns_a_separable_problem() -> None:
    docs = [ngrams(t) for t in ["盗窃财物", "窃取手机", "醉酒驾驶", "酒后驾车"] * 10]
    vec = Vectoriser.fit(docs, min_df=1)
    X = vec.transform(docs)
    Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1]] * 10, np.float32)
    W, b, _ = fit_linear(X, Y, loss="sigmoid", l2=1e-4, epochs=30, lr=0.1)
    pred = (X.dot(W) + b).argmax(1)
    assert (pred == Y.argmax(1)).all()
    W2, b2, _ = fit_linear(X, Y, loss="sigmoid", l2=1e-4, epochs=30, lr=0.1)
    assert np.array_equal(W, W2) and np.array_equal(b, b2)  # fixed seed: reproducible


def test_term_scores() -> None:
    case = Case("x", ("盗窃",), (264,), 12, False, False, 0)
    assert cail_term_score(12, False, False, case) == 1.0
    assert cail_term_score(18, False, False, case) == 0.8  # ln(19/13) = 0.379 ≤ 0.4
    assert cail_term_score(60, False, False, case) == 0.0  # ln(61/13) = 1.55 > 1.0
    assert cail_term_score(None, False, False, case) == 0.0
    assert term_distance(None, False, False, case) == pytest.approx(math.log(216))
    dead = Case("x", ("故意杀人",), (232,), 0, True, False, 0)
    assert cail_term_score(0, True, False, dead) == 1.0 and cail_term_score(180, False, True, dead) == 0.0


def test_evaluate_per_item_f1(model: Predictor) -> None:
    cases = [Case(THEFT, ("盗窃",), (264,), 6, False, False, 0), Case(DRUNK, ("危险驾驶",), (133,), 2, False, False, 0)]
    ev = evaluate(model.predict_batch([c.fact for c in cases]), cases, Counter({"盗窃": 100}))
    assert ev["charges"]["per_item_f1"] == 100.0
    assert ev["articles"]["per_item_f1"] > 60
    assert 0 <= ev["term"]["cail_score"] <= 100


def test_split_is_the_documented_hash() -> None:
    import hashlib

    fact = "被告人张某盗窃。"
    assert is_test(fact) == (int(hashlib.sha256(fact.encode()).hexdigest()[:8], 16) % 5 == 0)
