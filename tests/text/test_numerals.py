"""Tests for fazhi.text.numerals: Chinese numerals both ways, digit-by-digit years, mixed numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.errors import BadInput
from fazhi.text.numerals import TextParseError, cn_to_int, digits_to_cn, int_to_cn, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二百六十四", 264),
        ("一千零五十", 1050),
        ("两万", 20000),
        ("两千五百", 2500),
        ("十", 10),
        ("十五", 15),
        ("一十五", 15),
        ("二十", 20),
        ("一百一十", 110),
        ("一百零一", 101),
        ("一千零五", 1005),
        ("二〇二三", 2023),  # digit by digit, as years are written
        ("二零二三", 2023),
        ("一九九五", 1995),
        ("〇", 0),
        ("零", 0),
        ("三万五千", 35000),
        ("十万", 100000),
        ("十万零一十", 100010),
        ("一万零一十", 10010),
        ("一亿二千万", 120_000_000),
        ("一亿零一百万", 101_000_000),
        ("一万亿", 10**12),
        ("九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九", 10**16 - 1),
        ("壹拾贰万叁仟", 123000),
        ("贰佰陆拾肆", 264),
        ("壹仟零伍", 1005),
        ("拾", 10),
        ("壹萬", 10000),
        ("貳萬參仟", 23000),  # traditional capitals
        ("壹拾万零柒仟", 107000),  # the bank convention may write 零 where 万位 is 0
        ("3万", 30000),
        ("35万", 350000),
        ("3千5百", 3500),
        ("1万2000", 12000),
        ("2000万", 20_000_000),
        ("12亿", 1_200_000_000),
        ("一万五", 15000),  # the last unit is understood: 一万五千
        ("三千五", 3500),
        ("一百五", 150),
        (" 二百 ", 200),
        ("264", 264),
    ],
)
def test_cn_to_int_examples(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "1.5",
        "一点五",
        "十十",
        "百",
        "万",
        "亿",
        "两",
        "十两",
        "一两",
        "二三百",
        "一千千",
        "一百千",
        "一万万",
        "一亿一亿",
        "35百",
        "五十零",
        "一百零",
        "一千零零五",
        "零十",
        "二〇2三",
        "-5",
        "５%",
        "abc",
        "一万零",
        "三十三十",
        "十二三",
        "二百三四",
        "1,000",
        "一" * 50,
    ],
)
def test_cn_to_int_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(text)


def test_errors_are_bilingual_bad_input() -> None:
    with pytest.raises(TextParseError) as info:
        cn_to_int("十十")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, BadInput)
    assert "十十" in info.value.zh and "Chinese numeral" in info.value.en


@pytest.mark.parametrize(
    ("value", "lower", "capital"),
    [
        (0, "零", "零"),
        (1, "一", "壹"),
        (10, "十", "壹拾"),
        (15, "十五", "壹拾伍"),
        (20, "二十", "贰拾"),
        (110, "一百一十", "壹佰壹拾"),
        (264, "二百六十四", "贰佰陆拾肆"),
        (1050, "一千零五十", "壹仟零伍拾"),
        (1005, "一千零五", "壹仟零伍"),
        (1500, "一千五百", "壹仟伍佰"),
        (20000, "二万", "贰万"),
        (10010, "一万零一十", "壹万零壹拾"),
        (100000, "十万", "壹拾万"),
        (100010, "十万零一十", "壹拾万零壹拾"),
        (123000, "十二万三千", "壹拾贰万叁仟"),
        (1_000_001, "一百万零一", "壹佰万零壹"),
        (10_010_000, "一千零一万", "壹仟零壹万"),
        (100_000_000, "一亿", "壹亿"),
        (100_010_000, "一亿零一万", "壹亿零壹万"),
        (101_000_000, "一亿零一百万", "壹亿零壹佰万"),
        (110_000_001, "一亿一千万零一", "壹亿壹仟万零壹"),
        (10**12, "一万亿", "壹万亿"),
    ],
)
def test_int_to_cn_examples(value: int, lower: str, capital: str) -> None:
    assert int_to_cn(value) == lower
    assert int_to_cn(value, capital=True) == capital


def test_int_to_cn_range_and_type() -> None:
    with pytest.raises(ValueError):
        int_to_cn(-1)
    with pytest.raises(ValueError):
        int_to_cn(10**16)
    with pytest.raises(TypeError):
        int_to_cn(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        int_to_cn(True)


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_round_trip_up_to_a_billion(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int(int_to_cn(n, capital=True)) == n


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_round_trip_whole_range(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int(int_to_cn(n, capital=True)) == n


# Numbers with few non-zero digits (1000001, 100010000, 10**12 + 5 …) are where 零 placement goes wrong.
sparse_numbers = st.dictionaries(st.integers(0, 15), st.integers(1, 9), max_size=4).map(
    lambda digits: sum(d * 10**p for p, d in digits.items())
)


@settings(max_examples=1000, deadline=None)
@given(sparse_numbers)
def test_round_trip_sparse_numbers(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n
    assert cn_to_int(int_to_cn(n, capital=True)) == n


@pytest.mark.parametrize(
    ("digits", "cn"), [("2023", "二〇二三"), ("1995", "一九九五"), ("0", "〇"), ("２００８", "二〇〇八")]
)
def test_digits_to_cn(digits: str, cn: str) -> None:
    assert digits_to_cn(digits) == cn


@pytest.mark.parametrize("bad", ["", "12a", "1.5", "-1", "二〇"])
def test_digits_to_cn_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        digits_to_cn(bad)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_digits_to_cn_reads_back(n: int) -> None:
    assert cn_to_int(digits_to_cn(str(n))) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("123", Decimal(123)),
        ("1,234", Decimal(1234)),
        ("1,234,567.89", Decimal("1234567.89")),
        ("0.5", Decimal("0.5")),
        ("１２３．４", Decimal("123.4")),
        ("61，610", Decimal(61610)),  # full-width comma groups, as in 销售金额61，610元
        ("1.5万", Decimal(15000)),
        ("12.3万", Decimal(123000)),
        ("3千", Decimal(3000)),
        ("5千万", Decimal(50_000_000)),
        ("1.2亿", Decimal(120_000_000)),
        ("2万5千", Decimal(25000)),
        ("二百六十四", Decimal(264)),
        ("三点五万", Decimal(35000)),
        ("零点五", Decimal("0.5")),
        ("壹拾贰万叁仟", Decimal(123000)),
    ],
)
def test_parse_number_examples(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "bad", ["", "1,23", "1.2.3", "1..2", "十十", "abc", "1e5", "--1", "1.5.万", "1" * 40]
)
def test_parse_number_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=30))
def test_cn_to_int_raises_only_value_error(text: str) -> None:
    try:
        assert cn_to_int(text) >= 0
    except ValueError:
        pass


NUMBERISH = st.text(
    alphabet=st.sampled_from(list("0123456789.,，零〇一二两三四五六七八九十百千万亿壹贰叁拾佰仟萬点 ")),
    max_size=20,
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=30), NUMBERISH))
def test_parse_number_raises_only_value_error(text: str) -> None:
    try:
        assert parse_number(text) >= 0
    except ValueError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_number_reads_formatted_figures(value: Decimal) -> None:
    assert parse_number(f"{value:,}") == value
    assert parse_number(str(value)) == value
