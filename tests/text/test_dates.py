"""Tests for fazhi.text.dates: absolute and relative dates, finding them in judgments, signature dates."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.text.dates import DateSpan, date_to_chinese, find_dates, parse_date

SHARED = Path(__file__).resolve().parents[3] / "shared"
CJRC_DEV = SHARED / "data" / "cases" / "cjrc" / "dev_ground_truth.json"

MAY_10 = date(2023, 5, 10)


@pytest.mark.parametrize(
    "text",
    [
        "2023年5月10日",
        "2023年05月10日",
        "二〇二三年五月十日",
        "二○二三年五月十日",  # ○ U+25CB
        "二O二三年五月十日",  # Latin O
        "二Ｏ二三年五月十日",  # full-width O
        "二О二三年五月十日",  # Cyrillic О
        "二0二三年五月十日",
        "2023-05-10",
        "2023-5-10",
        "2023.5.10",
        "2023/5/10",
        "２０２３年５月１０日",
        "2023年5月10号",
        " 2023年5月10日 ",
    ],
)
def test_parse_date_absolute_forms(text: str) -> None:
    assert parse_date(text) == MAY_10


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二三年十二月三十一日", date(2023, 12, 31)),
        ("二〇二〇年二月二十九日", date(2020, 2, 29)),
        ("一九九九年十月一日", date(1999, 10, 1)),
        ("二〇〇八年八月八日", date(2008, 8, 8)),
        ("二〇二三年十一月二十一日", date(2023, 11, 21)),
        ("2013年元月5日", date(2013, 1, 5)),  # 元月 is January
        ("2023年5月", date(2023, 5, 1)),  # a month alone falls on its first day
        ("2023年", date(2023, 1, 1)),
    ],
)
def test_parse_date_other_absolute_dates(text: str, value: date) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("同年6月3日", date(2023, 6, 3)),
        ("同年六月三日", date(2023, 6, 3)),
        ("同月12日", date(2023, 5, 12)),
        ("次日", date(2023, 5, 11)),
        ("翌日", date(2023, 5, 11)),
        ("当日", MAY_10),
        ("同日", MAY_10),
        ("当天", MAY_10),
        ("当晚", MAY_10),
        ("次月", date(2023, 6, 1)),
        ("次年3月1日", date(2024, 3, 1)),
        ("5月20日", date(2023, 5, 20)),  # the year left out
        ("十二月一日", date(2023, 12, 1)),
    ],
)
def test_parse_date_relative_forms(text: str, value: date) -> None:
    assert parse_date(text, anchor=MAY_10) == value


def test_relative_dates_cross_month_and_year_ends() -> None:
    assert parse_date("次日", anchor=date(2023, 12, 31)) == date(2024, 1, 1)
    assert parse_date("次月5日", anchor=date(2023, 12, 20)) == date(2024, 1, 5)
    assert parse_date("翌日", anchor=date(2024, 2, 28)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    "bad",
    [
        "2023年2月30日",
        "2023年2月29日",
        "2023年13月1日",
        "2023年0月1日",
        "2023-00-10",
        "2023-02-30",
        "2023/5-10",
        "二〇二三年十三月一日",
        "二〇二三年五月三十二日",
        "20230510",
        "2023年5月10",
        "abc",
        "",
        "五月",
        "二〇二三",
        "有期徒刑三年",
        "十二年",
    ],
)
def test_parse_date_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_date(bad, anchor=MAY_10)


@pytest.mark.parametrize("relative", ["次日", "同年6月3日", "同月12日", "当日", "翌日", "5月10日"])
def test_relative_dates_need_an_anchor(relative: str) -> None:
    with pytest.raises(ValueError):
        parse_date(relative)


def test_relative_date_past_the_calendar_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_date("次日", anchor=date.max)
    with pytest.raises(ValueError):
        parse_date("同月31日", anchor=date(2023, 2, 1))


@pytest.mark.parametrize(
    ("value", "chinese"),
    [
        (MAY_10, "二〇二三年五月十日"),
        (date(2020, 10, 31), "二〇二〇年十月三十一日"),
        (date(2008, 1, 1), "二〇〇八年一月一日"),
        (date(1999, 12, 20), "一九九九年十二月二十日"),
        (date(2024, 11, 11), "二〇二四年十一月十一日"),
    ],
)
def test_date_to_chinese(value: date, chinese: str) -> None:
    assert date_to_chinese(value) == chinese


@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_chinese_date_round_trip(value: date) -> None:
    assert parse_date(date_to_chinese(value)) == value
    assert parse_date(date_to_chinese(value).replace("〇", "○")) == value


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["-", "/", "."]), st.booleans())
def test_numeric_date_round_trip(value: date, sep: str, pad: bool) -> None:
    month, day = (f"{value.month:02d}", f"{value.day:02d}") if pad else (str(value.month), str(value.day))
    assert parse_date(f"{value.year:04d}{sep}{month}{sep}{day}") == value
    assert parse_date(f"{value.year:04d}年{month}月{day}日") == value


# --- find_dates -------------------------------------------------------------------------------


def test_find_dates_resolves_relative_dates_in_order() -> None:
    text = "2023年5月10日晚，被告人张某盗窃电动车一辆。次日，张某将车卖出。同年6月3日，张某再次作案，次日被抓获。"
    spans = find_dates(text)
    assert [(s.text, s.value, s.precision) for s in spans] == [
        ("2023年5月10日", date(2023, 5, 10), "day"),
        ("次日", date(2023, 5, 11), "day"),
        ("同年6月3日", date(2023, 6, 3), "day"),
        ("次日", date(2023, 6, 4), "day"),
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_find_dates_term_of_imprisonment() -> None:
    text = "（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，即自2023年3月1日起至2024年8月31日止。）"
    assert [(s.text, s.value) for s in find_dates(text)] == [
        ("2023年3月1日", date(2023, 3, 1)),
        ("2024年8月31日", date(2024, 8, 31)),
    ]


def test_find_dates_offsets_and_precision() -> None:
    text = "本院于2023年5月立案，二〇二三年六月十日公开开庭，2023年审结。"
    assert find_dates(text) == [
        DateSpan(3, 10, "2023年5月", date(2023, 5, 1), "month"),
        DateSpan(13, 22, "二〇二三年六月十日", date(2023, 6, 10), "day"),
        DateSpan(27, 32, "2023年", date(2023, 1, 1), "year"),
    ]


def test_find_dates_without_resolving_relative_ones() -> None:
    text = "2023年5月10日案发，次日报案，同年6月3日立案，5月20日鉴定。"
    assert [s.text for s in find_dates(text, resolve_relative=False)] == ["2023年5月10日"]
    assert [s.text for s in find_dates(text)] == ["2023年5月10日", "次日", "同年6月3日", "5月20日"]


def test_find_dates_leaves_out_what_cannot_be_a_date() -> None:
    text = (
        "次日报案。判处有期徒刑三年，缓刑五年。刑法第二百六十四条。2023年2月30日。编号2013-04-15-01。"
        "五千年。12019年5月1日。价值5000元。"
    )
    assert find_dates(text) == []  # 次日 has no date before it; 2月30日 does not exist


def test_find_dates_skips_an_impossible_date_but_keeps_the_anchor() -> None:
    text = "2023年5月10日，2023年2月30日，同月12日"
    assert [(s.text, s.value) for s in find_dates(text)] == [
        ("2023年5月10日", date(2023, 5, 10)),
        ("同月12日", date(2023, 5, 12)),
    ]


def test_find_dates_needs_a_precise_enough_anchor() -> None:
    text = "2023年5月，次日，同月12日"
    assert [(s.text, s.value) for s in find_dates(text)] == [
        ("2023年5月", date(2023, 5, 1)),
        ("同月12日", date(2023, 5, 12)),
    ]


def _check_spans(text: str, spans: list[DateSpan]) -> None:
    end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= end
        assert text[s.start : s.end] == s.text
        assert s.precision in ("day", "month", "year")
        end = s.end


DATE_FRAGMENTS = [
    "2023",
    "2024",
    "1999",
    "0",
    "1",
    "2",
    "5",
    "10",
    "12",
    "30",
    "31",
    "二〇二三",
    "二○二三",
    "二O二三",
    "二",
    "三",
    "十",
    "一",
    "〇",
    "元",
    "年",
    "月",
    "日",
    "号",
    "-",
    "/",
    ".",
    "同",
    "次",
    "翌",
    "当",
    "天",
    "晚",
    "，",
    "。",
    " ",
    "有期徒刑",
    "个",
    "第",
    "条",
    "\n",
]
date_like = st.lists(st.sampled_from(DATE_FRAGMENTS), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(date_like, st.booleans())
def test_find_dates_spans_are_sound(text: str, resolve: bool) -> None:
    spans = find_dates(text, resolve_relative=resolve)
    _check_spans(text, spans)
    previous: date | None = None
    for s in spans:  # each span reads back the same on its own, given the date found before it
        assert parse_date(s.text, anchor=previous) == s.value
        previous = s.value


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_find_dates_never_raises(text: str) -> None:
    _check_spans(text, find_dates(text))


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=30), date_like), st.one_of(st.none(), st.dates()))
def test_parse_date_raises_only_value_error(text: str, anchor: date | None) -> None:
    try:
        parse_date(text, anchor=anchor)
    except ValueError:
        pass


@pytest.mark.skipif(not CJRC_DEV.exists(), reason="shared CJRC data not available")
def test_find_dates_finds_the_dates_annotators_marked() -> None:
    """Dates of the CJRC dev answers are found; the few misses follow an anonymised name ending in a
    digit (张x32009年3月2日), where a year cannot be told from the digits before it."""
    data = json.loads(CJRC_DEV.read_text(encoding="utf-8"))["data"]
    total = found = 0
    for case in data:
        for paragraph in case["paragraphs"]:
            context = paragraph["context"]
            spans = find_dates(context)
            _check_spans(context, spans)
            texts = {s.text for s in spans}
            for qa in paragraph["qas"]:
                answer = qa["answers"][0]["text"]
                if re.fullmatch(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日", answer):
                    total += 1
                    found += answer in texts
    assert total > 250
    assert found / total > 0.98


@pytest.mark.parametrize(
    "text",
    [
        "2023年" * 200_000,
        "1" * 1_000_000,
        "二〇" * 500_000,
        "次日" * 500_000,
        "1-" * 500_000,
        "5月" * 500_000,
    ],
    ids=["years", "digits", "numerals", "relative", "dashes", "months"],
)
def test_megabyte_inputs_complete(text: str) -> None:
    _check_spans(text, find_dates(text))
    with pytest.raises(ValueError):
        parse_date(text)
