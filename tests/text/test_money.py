"""Tests for fazhi.text.money: reading amounts, writing official capitals, finding amounts in judgments."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.text.money import MoneySpan, find_money, money_to_capitals, parse_money
from fazhi.text.numerals import int_to_cn

SHARED = Path(__file__).resolve().parents[3] / "shared"
CJRC_DEV = SHARED / "data" / "cases" / "cjrc" / "dev_ground_truth.json"

amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
large_amounts = st.decimals(
    min_value=0, max_value=Decimal(10**16) - Decimal("0.01"), places=2, allow_nan=False, allow_infinity=False
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("人民币壹拾贰万叁仟元整", "123000.00"),
        ("伍佰元", "500"),
        ("叁仟元伍角陆分", "3000.56"),
        ("12.3万元", "123000"),
        ("123,000元", "123000"),
        ("1,234.56元", "1234.56"),
        ("¥1234", "1234"),
        ("￥1,234.50", "1234.50"),
        ("¥:20000元整", "20000"),
        ("人民币100元", "100"),
        ("人民币100", "100"),
        ("一万元", "10000"),
        ("五千元", "5000"),
        ("两万元", "20000"),
        ("伍角", "0.50"),
        ("伍分", "0.05"),
        ("伍角伍分", "0.55"),
        ("壹佰元零伍分", "100.05"),
        ("壹仟零伍元伍角", "1005.50"),
        ("零元整", "0"),
        ("壹万圆整", "10000"),  # 圆 is the older official form of 元
        ("1.5亿元", "150000000"),
        ("61，610元", "61610"),
        ("RMB 500元", "500"),
        ("5000 元", "5000"),
        ("１２３元", "123"),
        ("12.345元", "12.35"),  # quantised to the cent, half up
        ("3万5千元", "35000"),
    ],
)
def test_parse_money_examples(text: str, value: str) -> None:
    result = parse_money(text)
    assert result == Decimal(value)
    assert result.as_tuple().exponent == -2  # always quantised to 0.01


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "1234",
        "元",
        "人民币",
        "abc",
        "二〇二三元",
        "5元3元",
        "壹佰元零",
        "5.5元5角",
        "伍角伍角",
        "十十元",
        "5000余元",  # approximate amounts are not one exact amount
        "5000美元",
        "1,23元",
        "第264条",
        "2023年5月10日",
        "一点五元五角",
        "1" * 30 + "元",
        "九" * 20 + "元",
    ],
)
def test_parse_money_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_money(bad)


@pytest.mark.parametrize(
    ("amount", "capitals"),
    [
        ("123000", "壹拾贰万叁仟元整"),
        ("1005.5", "壹仟零伍元伍角"),
        ("100.05", "壹佰元零伍分"),
        ("0.5", "伍角"),
        ("0.05", "伍分"),
        ("0.55", "伍角伍分"),
        ("0", "零元整"),
        ("10010", "壹万零壹拾元整"),
        ("100000", "壹拾万元整"),
        ("10", "壹拾元整"),
        ("1.5", "壹元伍角"),
        # Examples of 中国人民银行《正确填写票据和结算凭证的基本规定》.
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("123456.78", "壹拾贰万叁仟肆佰伍拾陆元柒角捌分"),
        ("100000000", "壹亿元整"),
        ("100010000.1", "壹亿零壹万元壹角"),
        ("0.004", "零元整"),  # rounded to the cent first
        ("0.005", "壹分"),
    ],
)
def test_money_to_capitals_examples(amount: str, capitals: str) -> None:
    assert money_to_capitals(Decimal(amount)) == capitals


def test_money_to_capitals_accepts_int_and_rejects_bad_amounts() -> None:
    assert money_to_capitals(5000) == "伍仟元整"
    for bad in (Decimal(-1), Decimal("NaN"), Decimal("Infinity"), Decimal(10**16)):
        with pytest.raises(ValueError):
            money_to_capitals(bad)


@settings(max_examples=1000, deadline=None)
@given(amounts)
def test_capitals_round_trip(amount: Decimal) -> None:
    assert parse_money(money_to_capitals(amount)) == amount


@settings(max_examples=300, deadline=None)
@given(large_amounts)
def test_capitals_round_trip_large(amount: Decimal) -> None:
    assert parse_money(money_to_capitals(amount)) == amount


@settings(max_examples=500, deadline=None)
@given(amounts)
def test_figures_round_trip(amount: Decimal) -> None:
    assert parse_money(f"{amount:,}元") == amount
    assert parse_money(f"人民币{amount}元") == amount
    assert parse_money(f"¥{amount}") == amount


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_lower_case_numerals_round_trip(n: int) -> None:
    assert parse_money(int_to_cn(n) + "元") == n


# --- find_money -------------------------------------------------------------------------------


def test_find_money_in_a_sentence() -> None:
    text = "判处有期徒刑一年六个月，缓刑二年，并处罚金人民币五千元。"
    assert find_money(text) == [MoneySpan(21, 27, "人民币五千元", Decimal("5000.00"), "capitals")]


def test_find_money_both_forms_of_one_amount() -> None:
    text = "被告偿还原告借款人民币123,000元（大写：人民币壹拾贰万叁仟元整），案件受理费1,385元，减半收取计692.5元。"
    spans = find_money(text)
    assert [(s.text, s.amount, s.form) for s in spans] == [
        ("人民币123,000元", Decimal("123000.00"), "figures"),
        ("人民币壹拾贰万叁仟元整", Decimal("123000.00"), "capitals"),
        ("1,385元", Decimal("1385.00"), "figures"),
        ("692.5元", Decimal("692.50"), "figures"),
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("每月支付生活费800元", [("800元", "800")]),
        ("价值人民币5000元", [("人民币5000元", "5000")]),
        ("借款12.3万元", [("12.3万元", "123000")]),
        ("现金壹万元整", [("壹万元整", "10000")]),
        ("（大写：人民币壹拾贰万叁仟元整）", [("人民币壹拾贰万叁仟元整", "123000")]),
        ("盗窃财物价值5000余元", [("5000余元", "5000")]),
        ("非法吸收公众存款1300余万元", [("1300余万元", "13000000")]),
        ("销售金额61，610元，", [("61，610元", "61610")]),
        ("现金壹万元￥10000元付给", [("壹万元", "10000"), ("￥10000元", "10000")]),
        ("金额贰万元(￥:20000元整),", [("贰万元", "20000"), ("￥:20000元整", "20000")]),
        ("¥1,234.5；", [("¥1,234.5", "1234.5")]),
        ("找回伍角", [("伍角", "0.5")]),
        ("罚金零元整", [("零元整", "0")]),
        ("共计三万二千元", [("三万二千元", "32000")]),
        ("人民币 5000 元", [("人民币 5000 元", "5000")]),
        ("5000元，3000元", [("5000元", "5000"), ("3000元", "3000")]),
        ("5000元至1万元", [("5000元", "5000"), ("1万元", "10000")]),
        ("元整改", []),
        ("罚款5000元整改", [("5000元", "5000")]),  # 整 of 整改 is not part of the amount
        # Never article numbers, dates, other currencies, or words that contain 元.
        ("依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款", []),
        ("2023年5月10日", []),
        ("二〇二三年元月五日", []),
        ("5000美元", []),
        ("统一元件", []),
        ("二元论", []),
        ("三角形", []),
        ("1,2345元", []),  # a malformed number is not cut down to 2345元
        ("第二百元", [("二百元", "200")]),
    ],
)
def test_find_money_cases(text: str, found: list[tuple[str, str]]) -> None:
    spans = find_money(text)
    assert [(s.text, s.amount) for s in spans] == [(t, Decimal(v)) for t, v in found]


def _check_spans(text: str, spans: list[MoneySpan]) -> None:
    end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= end  # left to right, not overlapping
        assert text[s.start : s.end] == s.text
        assert s.form in ("figures", "capitals")
        assert s.amount >= 0 and s.amount.as_tuple().exponent == -2
        end = s.end


MONEY_FRAGMENTS = [
    "人民币",
    "RMB",
    "¥",
    "￥",
    ":",
    "：",
    " ",
    "元",
    "圆",
    "整",
    "正",
    "余",
    "多",
    "万",
    "亿",
    "千",
    "百",
    "十",
    "角",
    "分",
    "零",
    "一",
    "二",
    "两",
    "五",
    "壹",
    "贰",
    "伍",
    "拾",
    "佰",
    "仟",
    "0",
    "1",
    "5",
    "9",
    ",",
    "，",
    ".",
    "123",
    "1,000",
    "第",
    "条",
    "年",
    "月",
    "日",
    "美",
    "的",
    "改",
    "，并处罚金",
    "（大写：",
    "）",
    "\n",
]
money_like = st.lists(st.sampled_from(MONEY_FRAGMENTS), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(money_like)
def test_find_money_spans_are_sound(text: str) -> None:
    spans = find_money(text)
    _check_spans(text, spans)
    for s in spans:
        if "余" not in s.text and "多" not in s.text:
            assert parse_money(s.text) == s.amount  # what is found reads back the same


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_find_money_never_raises(text: str) -> None:
    _check_spans(text, find_money(text))


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=30), money_like))
def test_parse_money_raises_only_value_error(text: str) -> None:
    try:
        assert parse_money(text) >= 0
    except ValueError:
        pass


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(["罚金", "借款", "共计", "价值人民币", "（大写：人民币", "，赔偿"]))
def test_find_money_finds_written_amounts(amount: Decimal, before: str) -> None:
    text = f"被告{before}{money_to_capitals(amount)}）及{amount:,}元。"
    spans = find_money(text)
    assert [s.amount for s in spans] == [amount, amount]
    assert [s.form for s in spans] == ["capitals", "figures"]


@pytest.mark.skipif(not CJRC_DEV.exists(), reason="shared CJRC data not available")
def test_find_money_finds_the_amounts_annotators_marked() -> None:
    """Every answer of the CJRC dev set that is a figure in 元 is covered by a found amount."""
    data = json.loads(CJRC_DEV.read_text(encoding="utf-8"))["data"]
    total = found = 0
    for case in data:
        for paragraph in case["paragraphs"]:
            context = paragraph["context"]
            spans = find_money(context)
            _check_spans(context, spans)
            for qa in paragraph["qas"]:
                answer = qa["answers"][0]
                text, start = answer["text"], answer["answer_start"]
                if not re.fullmatch(r"(人民币)?[0-9][0-9,，.]*万?元", text):
                    continue
                total += 1
                found += any(s.start <= start and start + len(text) <= s.end for s in spans)
    assert total > 300
    assert found == total


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        "一" * 1_000_000,
        "1," * 500_000,
        "1，" * 500_000,
        "¥" * 1_000_000,
        "人民币" * 300_000,
        "1.1" * 300_000,
    ],
    ids=["digits", "numerals", "commas", "fw-commas", "yen", "prefix", "dots"],
)
def test_megabyte_inputs_complete(text: str) -> None:
    _check_spans(text, find_money(text))  # linear patterns: a quadratic one would not finish
    with pytest.raises(ValueError):
        parse_money(text)
