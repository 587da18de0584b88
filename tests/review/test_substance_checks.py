"""Substance checks of the proof-reader: citations, claims, amounts, fees, criminal sentences.

Each check is shown a correct document (the bench judgments, which must raise nothing) and the same
document with one error put in; it must raise that check, with a span over the error, and no other
of these checks (except where one slip necessarily breaks two rules, listed per case).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from fazhi.review.checks_amounts import evaluate, text_view
from fazhi.review.checks_claims import fine_mandatory, late_performance_article
from fazhi.review.checks_criminal import add_months, add_years, term_end
from fazhi.review.checks_fee import appealed_amount
from fazhi.review.registry import Context
from fazhi.review.run import review

GOLD = Path(__file__).resolve().parents[2] / "bench" / "data" / "judgments"
MINE = ("DR-CIT-", "DR-REQ-", "DR-AMT-", "DR-FEE-", "DR-CRIM-", "DR-PTY-07")
COUNTED = ("error", "warning")


def _doc(prefix: str) -> str:
    return next(GOLD.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _mine(text: str, kb: object) -> list:
    ids = sorted({c for c in _all_ids() if c.startswith(MINE)})
    return [f for f in review(text, kb=kb, only=ids) if f.severity in COUNTED]


def _all_ids() -> list[str]:
    from fazhi.review.registry import REGISTRY
    from fazhi.review.run import load_checks

    load_checks()
    return list(REGISTRY)


def test_gold_judgments_raise_nothing(kb: object) -> None:
    """Clean, correct documents: no error or warning from these checks (precision on clean documents)."""
    for path in sorted(GOLD.glob("*.txt")):
        found = _mine(path.read_text(encoding="utf-8"), kb)
        assert found == [], (path.name, [(f.check, f.message) for f in found])


def test_old_law_for_old_facts_is_info_only(kb: object) -> None:
    # 23: a 2023 retrial on a 2020 contract rightly applies 合同法 (法释〔2020〕15号 第一条第二款)
    found = [f for f in review(_doc("23"), kb=kb, only=["DR-CIT-04"])]
    assert found and all(f.severity == "info" for f in found)


# (document, text in it, replacement, expected check, other checks the same slip may raise[, where]):
# the finding's span must overlap the replacement, or ``where`` (the unanswered claim, for DR-REQ-01).
CASES = [
    # DR-CIT: citations
    ("01", "依照《中华人民共和国民法典》", "依照《民法典》", "DR-CIT-01", ()),
    ("01", "依照《中华人民共和国民法典》", "依照中华人民共和国民法典", "DR-CIT-01", ()),
    ("01", "第六百六十七条、第六百七十五条", "第667条、第六百七十五条", "DR-CIT-02", ()),
    ("01", "依照《中华人民共和国民法典》第六百六十七条", "依照《中华人民共和国合同法》第二百零六条", "DR-CIT-04", ()),
    ("25", "《中华人民共和国合同法》第六十条", "《中华人民共和国民法典》第六十条", "DR-CIT-05", ()),
    ("01", "第六百六十七条、第六百七十五条", "第一千三百六十七条、第六百七十五条", "DR-CIT-06", ()),
    ("01", "《中华人民共和国民事诉讼法》第一百四十七条", "《中华人民共和国民间借贷法》第一百四十七条", "DR-CIT-06", ()),
    ("13", "第二百六十四条、第六十七条", "第二百六十六条、第六十七条", "DR-CIT-06", ()),
    # DR-REQ: claims and operative part
    ("01", "三、被告钱卫东对本判决第一项、第二项确定的债务承担连带清偿责任；被告钱卫东承担保证责任后，有权向被告赵明辉追偿。",
     "", "DR-REQ-01", (), "判令钱卫东对上述第1、2项债务承担连带清偿责任"),
    ("07", "物业服务费7572.48元。", "物业服务费7752.48元。", "DR-REQ-02", ("DR-REQ-06",)),
    ("01", "均按年利率12%计算）；\n三、", "均按年利率15%计算）；\n三、", "DR-REQ-02", ()),
    ("01", "偿还原告刘建平借款本金250000元", "偿还原告刘建平借款本金200000元", "DR-REQ-03", ("DR-REQ-06",)),
    ("04", "二倍工资差额37500元；", "二倍工资差额35700元；", "DR-REQ-06", ()),
    ("01", "第二百六十条规定", "第二百五十三条规定", "DR-REQ-08", ()),
    ("04", "第二百六十四条规定", "第二百六十条规定", "DR-REQ-08", ()),
    ("01", "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十条规定，"
           "加倍支付迟延履行期间的债务利息。", "", "DR-REQ-08", ()),
    ("13", "七个月，并处罚金人民币三千元。\n（", "七个月。\n（", "DR-REQ-09", ()),
    ("16", "判处拘役三个月，缓刑四个月，并处罚金人民币六千元。\n（", "判处拘役三个月，缓刑四个月。\n（", "DR-REQ-09", ()),
    # DR-AMT: amounts
    ("01", "人民币叁拾万元整（¥300,000.00），借期6个月，月利率1%，于2022年9月14日前归还。借款人",
     "人民币叁拾万元整（¥310,000.00），借期6个月，月利率1%，于2022年9月14日前归还。借款人", "DR-AMT-02", ()),
    ("25", "肆万捌仟陆佰元整", "肆万捌仟陆百元整", "DR-AMT-03", ()),
    ("03", "财产损失500元，共计145518.30元", "财产损失500元，共计145618.30元", "DR-AMT-05", ()),
    ("03", "按每天80元计算60天为4800元", "按每天80元计算60天为4500元", "DR-AMT-05", ()),
    ("05", "79457.14元（66857.14元＋30600元＋18000元－36000元）", "79547.14元（66857.14元＋30600元＋18000元－36000元）",
     "DR-AMT-05", ()),
    ("22", "1000000元，合计3200000元", "1000000元，合计3300000元", "DR-AMT-05", ()),
    # DR-FEE: court fees
    ("01", "案件受理费5378元", "案件受理费5387元", "DR-FEE-01", ()),
    ("07", "案件受理费50元，减半收取计25元", "案件受理费50元", "DR-FEE-01", ()),
    ("05", "减半收取计1484.50元", "减半收取计1448.50元", "DR-FEE-01", ()),
    ("08", "二审案件受理费1750元", "二审案件受理费1900元", "DR-FEE-01", ()),
    ("04", "案件受理费10元", "案件受理费20元", "DR-FEE-01", ()),
    ("19", "案件受理费50元", "案件受理费100元", "DR-FEE-01", ()),
    ("05", "负担1284.50元", "负担1248.50元", "DR-FEE-03", ()),
    ("09", "由韩立新负担1800元", "由韩立新负担1700元", "DR-FEE-03", ()),
    ("10", "申请保全费470元", "申请保全费5470元", "DR-FEE-06", ()),
    # DR-CRIM / DR-PTY-07: sentences, term dates, probation, custody
    ("14", "判处有期徒刑一年。\n（", "判处有期徒刑四年。\n（", "DR-CRIM-02", ("DR-CRIM-04",)),
    ("16", "判处拘役三个月，缓刑四个月，并处罚金人民币六千元。\n（", "判处拘役七个月，缓刑一年，并处罚金人民币六千元。\n（",
     "DR-CRIM-02", ()),
    ("14", "至2024年4月2日止", "至2024年4月3日止", "DR-CRIM-04", ()),
    ("15", "至2029年2月9日止", "至2029年2月10日止", "DR-CRIM-04", ()),
    ("17", "即自2024年1月19日起至2027年10月18日止", "即自2024年2月23日起至2027年11月22日止", "DR-CRIM-04", ()),
    ("15", "判处有期徒刑二年，缓刑三年", "判处有期徒刑二年，缓刑一年", "DR-CRIM-05", ()),
    ("28", "职务侵占罪，判处有期徒刑一年六个月，缓刑二年", "职务侵占罪，判处有期徒刑一年六个月，缓刑六年", "DR-CRIM-05", ()),
    ("17", "同年2月23日被逮捕", "同年1月13日被逮捕", "DR-PTY-07", ()),
    ("14", "同年4月17日被逮捕。现羁押于郑州市第一看守所。", "同年4月17日被逮捕。", "DR-PTY-07", ()),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[3]}-{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_injected_error_is_found(kb: object, case: tuple) -> None:
    doc, old, new, check_id, also = case[:5]
    text = _doc(doc)
    assert old in text
    at = text.index(old)
    broken = text[:at] + new + text[at + len(old):]
    found = _mine(broken, kb)
    checks = {f.check for f in found}
    assert check_id in checks, [(f.check, f.message) for f in found]
    assert checks <= {check_id, *also}, [(f.check, f.message) for f in found]
    lo, hi = at, at + max(len(new), 1)  # a deletion is a point: the finding must reach it
    if len(case) > 5:
        lo = broken.index(case[5])
        hi = lo + len(case[5])
    spans = [(f.start, f.end) for f in found if f.check == check_id]
    assert any(s < hi and lo < e + (1 if not new else 0) for s, e in spans), (spans, lo, hi)
    assert all(e - s <= len(new) + 400 for s, e in spans)  # the EVALUATION.md slack


# ---------------------------------------------------------------------------------------------
# Snippets and helpers
# ---------------------------------------------------------------------------------------------


def test_capitals_and_figures_in_a_snippet(kb: object) -> None:
    ok = "借条载明：今借到人民币壹拾万元整（¥100,000.00），另欠款壹仟零伍元伍角，合计人民币101005.50元。"
    assert _mine(ok, kb) == []
    bad = "借条载明：今借到人民币壹拾万元整（¥110,000.00）。"
    found = _mine(bad, kb)
    assert [f.check for f in found] == ["DR-AMT-02"]
    assert bad[found[0].start:found[0].end] == "人民币壹拾万元整（¥110,000.00）"
    lower = "欠款一千零五元五角（¥1005.50）"
    assert [f.check for f in _mine(lower, kb)] == ["DR-AMT-03"]


def test_sums_in_a_snippet(kb: object) -> None:
    assert _mine("被告应支付医疗费1000元、护理费500元，共计1500元。", kb) == []
    found = _mine("被告应支付医疗费1000元、护理费500元，共计1600元。", kb)
    assert [f.check for f in found] == ["DR-AMT-05"] and found[0].suggestion == "共计1500元"
    # an amount earlier in the sentence that is no addend does not count
    assert _mine("原告主张损失50000元，本院支持医疗费10000元、护理费5000元，共计15000元。", kb) == []
    # bases, rates and bracketed breakdowns are not addends
    assert _mine("违约金以10000元为基数按每日50元计算，另支付货款2000元、运费300元，合计2300元。", kb) == []


@pytest.mark.parametrize(("expr", "value"), [
    ("18000元÷28天×20天", Decimal("12857.142857")),
    ("66857.14元+30600元+18000元-36000元", Decimal("79457.14")),
    ("43233元×20年×10%", Decimal("86466")),
])
def test_evaluate(expr: str, value: Decimal) -> None:
    got = evaluate(expr)
    assert got is not None and abs(got[0] - value) < Decimal("0.0001")


@pytest.mark.parametrize(("start", "months", "end"), [
    (date(2023, 3, 1), 18, date(2024, 8, 31)),  # T1
    (date(2023, 3, 1), 12, date(2024, 2, 29)),  # T2 (leap year)
    (date(2023, 1, 31), 1, date(2023, 2, 27)),  # T3 last day of the month
    (date(2023, 2, 28), 1, date(2023, 3, 30)),  # T4 last day of February
    (date(2024, 2, 29), 12, date(2025, 2, 27)),  # T5 no 29 February next year
    (date(2023, 9, 1), 6, date(2024, 2, 29)),  # T6 before the custody credit
    (date(2023, 10, 10), 2, date(2023, 12, 9)),  # T7 before the custody credit
    (date(2023, 6, 12), 18, date(2024, 12, 11)),  # T8 probation period
    (date(2024, 1, 19), 45, date(2027, 10, 18)),  # bench judgment 17
])
def test_term_end_follows_interpretation_art_202(start: date, months: int, end: date) -> None:
    # 法释〔2021〕1号 第二百零二条第二款; sentencing.md §4.3
    assert term_end(start, months) == end


def test_add_months_and_years() -> None:
    assert add_months(date(2023, 1, 15), 1) == date(2023, 2, 15)
    assert add_months(date(2023, 3, 31), 1) == date(2023, 4, 30)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_late_performance_article_by_date() -> None:
    # 民事诉讼法 2023年修正 第二百六十四条 / 2021年修正 第二百六十条 / 2012、2017年 第二百五十三条
    assert late_performance_article(date(2024, 1, 1)) == 264
    assert late_performance_article(date(2023, 12, 31)) == 260
    assert late_performance_article(date(2022, 1, 1)) == 260
    assert late_performance_article(date(2021, 12, 31)) == 253
    assert late_performance_article(date(2015, 7, 15)) == 253


def test_fine_mandatory_reads_the_article() -> None:
    theft = ("盗窃公私财物，数额较大的，或者多次盗窃、入户盗窃、携带凶器盗窃、扒窃的，处三年以下有期徒刑、拘役或者管制，"
             "并处或者单处罚金；数额巨大或者有其他严重情节的，处三年以上十年以下有期徒刑，并处罚金；数额特别巨大或者有其他"
             "特别严重情节的，处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。")
    injury = "故意伤害他人身体的，处三年以下有期徒刑、拘役或者管制。"
    optional = "处五年以下有期徒刑、拘役或者管制；情节严重的，处五年以上十年以下有期徒刑，可以并处罚金。"
    assert fine_mandatory(theft)
    assert not fine_mandatory(injury)
    assert not fine_mandatory(optional)


def test_appealed_amount(kb: object) -> None:
    # 08: the appellant asks to dismiss all: the awards 70000 + 8000 are appealed (1750 yuan fee)
    assert appealed_amount(text_view(Context(_doc("08"), kb=kb))) == Decimal("78000.00")
    assert appealed_amount(text_view(Context(_doc("09"), kb=kb))) == Decimal("120000.00")
