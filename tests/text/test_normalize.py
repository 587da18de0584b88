"""Tests for fazhi.text.normalize: width folding, invisible characters, PDF line-break repair, idempotence."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.text.normalize import fold_width, normalize, repair_line_breaks, strip_invisible

SHARED = Path(__file__).resolve().parents[3] / "shared"
CJRC_DEV = SHARED / "data" / "cases" / "cjrc" / "dev_ground_truth.json"

# Pieces of judgment text that exercise every rule: party lines, headings, numbering, dates, quotes,
# full-width forms, zero look-alikes, spaces of every kind, invisible characters and line ends.
FRAGMENTS = [
    "原告：",
    "被告人张三，男，",
    "上诉人（原审被告）：",
    "委托诉讼代理人：",
    "审判长",
    "审判员张三",
    "书记员",
    "人民陪审员",
    "法官助理",
    "本院认为",
    "经审理查明",
    "判决如下：",
    "二〇二三年五月十日",
    "二○二三年五月十日",
    "2023年5月10日",
    "一、",
    "二、",
    "1.",
    "2、",
    "（一）",
    "(2)",
    "民事判决书",
    "刑事裁定书",
    "（2023）京01民终1号",
    "(2023)",
    "本件与原本核对无异",
    "。",
    "，",
    "；",
    "：",
    ":",
    "”",
    "“",
    "。”",
    "……”",
    "」",
    "\n",
    "\n\n",
    "\n\n\n",
    " ",
    "\u3000",
    "  ",
    "\t",
    "\u00a0",
    "中",
    "文",
    "的",
    "a",
    "b",
    "Z",
    "1",
    "2",
    "0",
    "○",
    "Ｏ",
    "O",
    "о",
    "二",
    "三",
    "十",
    "年",
    "１０：３０",
    "２０２３",
    "ＡＢ",
    "．",
    "／",
    "－",
    "％",
    "＋",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\x0c",
    "\r\n",
    "\r",
    "\u2028",
    "号",
    "之一",
    "判决书",
    "（",
    "(",
    "男",
    "住所地",
    "原告",
    "被告",
    "元",
]
judgment_like = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)

INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\x00\x07\x0b\x0c\x1f\x7f\x85\x9f\u202a\u202e\u2066"
)


# --- fold_width -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("２０２３年５月１０日", "2023年5月10日"),
        ("ＡＢＣａｂｃ", "ABCabc"),
        ("\u3000\u3000原告", "  原告"),
        ("１０．５％", "10.5%"),
        ("１／２－３＋４", "1/2-3+4"),
        ("１０：３０", "10:30"),  # a colon between digits is a time, not the Chinese colon
        ("原告：张三", "原告：张三"),
        ("（）《》，。；：、“”", "（）《》，。；：、“”"),  # Chinese punctuation is kept
        ("二○二三年", "二〇二三年"),
        ("二Ｏ二三年", "二〇二三年"),
        ("二О二三年", "二〇二三年"),  # Cyrillic О
        ("二○○八年", "二〇〇八年"),
        ("二〇二○年", "二〇二〇年"),  # a run may end before 年
        ("张○", "张○"),  # a masked name is not a numeral
        ("○二", "○二"),
        ("Ｏ型血", "O型血"),  # a full-width O outside numerals is just a letter
        ("ＯＫ", "OK"),
    ],
)
def test_fold_width_examples(raw: str, folded: str) -> None:
    assert fold_width(raw) == folded


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_width_preserves_length_and_is_idempotent(text: str) -> None:
    folded = fold_width(text)
    assert len(folded) == len(text)
    assert fold_width(folded) == folded


@settings(max_examples=300, deadline=None)
@given(judgment_like)
def test_fold_width_changes_characters_one_for_one(text: str) -> None:
    folded = fold_width(text)
    assert len(folded) == len(text)
    for a, b in zip(text, folded, strict=True):
        assert a == b or not a.isascii() or a in "Oo"  # only full-width forms and look-alikes change


# --- strip_invisible --------------------------------------------------------------------------


def test_strip_invisible_examples() -> None:
    assert strip_invisible("\ufeff原\u200b告\u00ad：张\u200d三") == "原告：张三"
    assert strip_invisible("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert strip_invisible("a\tb\x00c\x07d\x1be") == "a\tbcde"
    assert strip_invisible("第一页\x0c第二页") == "第一页第二页"
    assert strip_invisible("a\u2028b\u2029c\x85d") == "a\nb\nc\nd"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(INVISIBLE + "\r\n\t原告a1 ")), max_size=80))
def test_strip_invisible_leaves_only_visible_text(text: str) -> None:
    out = strip_invisible(text)
    assert not set(out) & set(INVISIBLE + "\r")
    assert out.replace("\n", "") == "".join(ch for ch in text if ch in "\t原告a1 ")
    assert strip_invisible(out) == out


# --- repair_line_breaks -----------------------------------------------------------------------

WRAPPED = """北京市朝阳区人民法院
民 事 判 决 书
（2023）京0105民初12345号
原告：张三，男，1980年1月1日出生，汉族，住北京市朝阳
区某某街道。
委托诉讼代理人：李四，北京某某律师事务所律师。
被告：王五，男，1975年3月2日出生，住北京市海淀区。
原告张三与被告王五民间借贷纠纷一案，本院于2023年1月5日立案后，依法适用简易程序，公开开庭进行了审
理。本案现已审理终结。
原告张三向本院提出诉讼请求：
1.判令被告偿还借款本金人民币123,456.78元；
2.本案诉讼费用由被告负担。
本院认为，合法的借贷关系受法律保护。依照《中华人民共和国民法典》第六百七十五条之规定，判决如
下：
一、被告王五于本判决生效之日起十日内偿还原告张三借款人民币123,456.78元（大写：人民币壹拾贰万叁仟肆佰
伍拾陆元柒角捌分）；
二、驳回原告张三的其他诉讼请求。
如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于
北京市第三中级人民法院。
审　判　员　　赵　六
二○二三年五月十日
本件与原本核对无异
书　记　员　　孙　七"""
WRAPPED += "   \n"  # trailing spaces on the last line

REPAIRED = """北京市朝阳区人民法院
民事判决书
（2023）京0105民初12345号
原告：张三，男，1980年1月1日出生，汉族，住北京市朝阳区某某街道。
委托诉讼代理人：李四，北京某某律师事务所律师。
被告：王五，男，1975年3月2日出生，住北京市海淀区。
原告张三与被告王五民间借贷纠纷一案，本院于2023年1月5日立案后，依法适用简易程序，公开开庭进行了审理。本案现已审理终结。
原告张三向本院提出诉讼请求：
1.判令被告偿还借款本金人民币123,456.78元；
2.本案诉讼费用由被告负担。
本院认为，合法的借贷关系受法律保护。依照《中华人民共和国民法典》第六百七十五条之规定，判决如下：
一、被告王五于本判决生效之日起十日内偿还原告张三借款人民币123,456.78元（大写：人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分）；
二、驳回原告张三的其他诉讼请求。
如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于北京市第三中级人民法院。
审判员赵六
二○二三年五月十日
本件与原本核对无异
书记员孙七
"""


def test_repair_line_breaks_on_a_wrapped_judgment() -> None:
    assert repair_line_breaks(WRAPPED) == REPAIRED


def test_normalize_on_a_wrapped_judgment() -> None:
    expected = REPAIRED.replace("二○二三", "二〇二三")
    assert normalize(WRAPPED.replace("\n", "\r\n")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("被告于2023年5月\n10日向原告借款", "被告于2023年5月10日向原告借款"),  # mid-sentence wrap
        ("借款已还清。\n被告未到庭", "借款已还清。\n被告未到庭"),
        ("原告诉称：\n被告欠款未还", "原告诉称：\n被告欠款未还"),
        ("被告辩称，\n原告：李四", "被告辩称，\n原告：李四"),
        ("本案依法\n被告人张三，男，汉族", "本案依法\n被告人张三，男，汉族"),
        ("当事人\n上诉人（原审被告）：某公司", "当事人\n上诉人（原审被告）：某公司"),
        ("查明事实\n审判长王某", "查明事实\n审判长王某"),
        ("依法\n审判员张三独任审判，公开开庭", "依法审判员张三独任审判，公开开庭"),  # not a signature line
        ("签名\n二〇二三年五月十日\n书记员", "签名\n二〇二三年五月十日\n书记员"),
        ("判决\n一、驳回起诉", "判决\n一、驳回起诉"),
        ("请求\n1.判令被告", "请求\n1.判令被告"),
        ("请求\n（一）判令被告", "请求\n（一）判令被告"),
        ("请求判令被告支付1\n0、000元", "请求判令被告支付10、000元"),  # a number cut in two
        (
            "北京市高级人民法院\n民事判决书\n（2023）京民终1号\n上诉人",
            "北京市高级人民法院\n民事判决书\n（2023）京民终1号\n上诉人",
        ),
        ("原审法院作出\n(2022)京01民初5号判决", "原审法院作出\n(2022)京01民初5号判决"),
        ("被告未还款\n本院认为，被告应当还款", "被告未还款\n本院认为，被告应当还款"),
        ("本院认为\n被告应当还款", "本院认为被告应当还款"),  # a heading wrapped from its sentence
        ("“颜色分类”\n的勾选项", "“颜色分类”的勾选项"),  # a quoted term mid-sentence
        ("他说：“我不同意。”\n被告又称", "他说：“我不同意。”\n被告又称"),
        ("第一段\n\n第二段", "第一段\n\n第二段"),  # a blank line is a paragraph break
        ("车牌号浙A\nB1234", "车牌号浙AB1234"),  # codes inside Chinese text get no space
        ("the quick brown\nfox jumps", "the quick brown fox jumps"),
        ("中 文  混 排", "中文混排"),
        ("iPhone 14  型号", "iPhone 14 型号"),
        ("Apple Inc. 公司", "Apple Inc. 公司"),
        ("行末空格   \n下一行\u3000\u3000", "行末空格下一行"),
        ("\u3000\u3000本院认为，", "\u3000\u3000本院认为，"),  # indentation is kept
        ("", ""),
    ],
)
def test_repair_line_breaks_rules(text: str, expected: str) -> None:
    assert repair_line_breaks(text) == expected


def test_normalize_collapses_blank_lines() -> None:
    assert normalize("甲。\n\n\n\n\n乙。\n\n丙。") == "甲。\n\n乙。\n\n丙。"
    assert normalize("甲。\n \n\u3000\n\t\n乙。") == "甲。\n\n乙。"


@pytest.mark.skipif(not CJRC_DEV.exists(), reason="shared CJRC data not available")
def test_repair_rejoins_hard_wrapped_real_passages() -> None:
    """Real 查明事实 passages wrapped at 35 characters come back whole, except where a wrap lands
    right before something that does open a unit (an item 二、, 本院认为) in text whose 。 were stripped."""
    data = json.loads(CJRC_DEV.read_text(encoding="utf-8"))["data"]
    passages = [p["context"] for case in data for p in case["paragraphs"]]
    passages = [p for p in passages if "\n" not in p and " " not in p]
    restored = 0
    for text in passages:
        wrapped = "\n".join(text[i : i + 35] for i in range(0, len(text), 35))
        out = repair_line_breaks(wrapped)
        restored += out == text
        assert out.replace("\n", "") == text  # never loses or adds a character here
        assert normalize(normalize(wrapped)) == normalize(wrapped)
    assert restored / len(passages) > 0.8


# --- idempotence and robustness ---------------------------------------------------------------


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(judgment_like)
def test_normalize_is_idempotent_on_judgment_like_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_normalize_is_idempotent_on_any_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(judgment_like)
def test_repair_line_breaks_keeps_every_visible_character(text: str) -> None:
    text = strip_invisible(text)
    out = repair_line_breaks(text)
    assert "".join(out.split()) == "".join(text.split())
    assert all(line == line.rstrip() for line in out.split("\n"))


@pytest.mark.parametrize(
    "text",
    [
        " " * 1_000_000 + "a",
        "中 " * 500_000,
        "\n" * 1_000_000,
        "中文\n" * 300_000,
        "\u3000 " * 500_000 + "中",
        "二" + "○" * 1_000_000,
        "１：" * 500_000,
        "".join(random.Random(7).choice("一二○Ｏ 　\n\t：。原告审判长（2023）") for _ in range(1_000_000)),
    ],
    ids=["spaces", "cjk-spaces", "newlines", "short-lines", "mixed-spaces", "zero-run", "colons", "random"],
)
def test_megabyte_inputs_complete(text: str) -> None:
    out = normalize(text)  # every pattern is linear: a quadratic one would not finish here
    assert normalize(out) == out
