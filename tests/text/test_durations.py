"""Tests for fazhi.text.durations: penalty phrases read to a kind and a length in months."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.text.durations import Term, find_terms, parse_term
from fazhi.text.numerals import int_to_cn

SHARED = Path(__file__).resolve().parents[3] / "shared"
CJRC_DEV = SHARED / "data" / "cases" / "cjrc" / "dev_ground_truth.json"


@pytest.mark.parametrize(
    ("text", "kind", "months"),
    [
        ("有期徒刑一年六个月", "有期徒刑", 18),
        ("有期徒刑一年零六个月", "有期徒刑", 18),
        ("有期徒刑3年", "有期徒刑", 36),
        ("有期徒刑3年6个月", "有期徒刑", 42),
        ("有期徒刑十个月", "有期徒刑", 10),
        ("有期徒刑十五年", "有期徒刑", 180),
        ("有期徒刑二十年", "有期徒刑", 240),
        ("有期徒刑两年", "有期徒刑", 24),
        ("有期徒刑一年半", "有期徒刑", 18),
        ("有期徒刑六月", "有期徒刑", 6),  # older judgments leave out 个
        ("拘役四个月", "拘役", 4),
        ("管制六个月", "管制", 6),
        ("管制一年", "管制", 12),
        ("缓刑二年", "缓刑", 24),
        ("缓刑一年六个月", "缓刑", 18),
        ("缓刑考验期限为三年", "缓刑", 36),
        ("剥夺政治权利三年", "剥夺政治权利", 36),
        ("8年有期徒刑", "有期徒刑", 96),  # 判处8年有期徒刑
        ("十八个月有期徒刑", "有期徒刑", 18),
        ("无期徒刑", "无期徒刑", None),
        ("死刑", "死刑", None),
        ("死刑缓期二年执行", "死刑缓期执行", 24),
        ("死刑，缓期二年执行", "死刑缓期执行", 24),
        ("死刑缓期执行", "死刑缓期执行", None),
        ("剥夺政治权利终身", "剥夺政治权利终身", None),
    ],
)
def test_parse_term_examples(text: str, kind: str, months: int | None) -> None:
    term = parse_term(text)
    assert (term.kind, term.months, term.days) == (kind, months, 0)
    assert (term.text, term.start, term.end) == (text, 0, len(text))


def test_parse_term_with_a_sentencing_verb_and_days() -> None:
    assert parse_term("判处有期徒刑一年") == Term("有期徒刑", 12, "有期徒刑一年", 2, 8)
    assert parse_term("决定执行有期徒刑十年") == Term("有期徒刑", 120, "有期徒刑十年", 4, 10)
    assert parse_term("剥夺政治权利四年一个月二十四日") == Term(
        "剥夺政治权利", 49, "剥夺政治权利四年一个月二十四日", 0, 15, days=24
    )
    assert parse_term("拘役２个月") == Term("拘役", 2, "拘役２个月", 0, 5)  # full-width digits


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "有期徒刑",
        "拘役",
        "缓刑",
        "剥夺政治权利",
        "有期徒刑三年以下",
        "有期徒刑三年以上十年以下",
        "拘役一个月以上六个月以下",
        "有期徒刑一年，缓刑二年",
        "罚金五千元",
        "有期徒刑十十年",
        "有期徒刑二〇年",
        "abc",
        "死刑死刑",
        "有期徒刑年",
    ],
)
def test_parse_term_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_term(bad)


def test_find_terms_in_a_sentence() -> None:
    text = "判处有期徒刑一年六个月，缓刑二年，并处罚金人民币五千元。"
    assert find_terms(text) == [
        Term("有期徒刑", 18, "有期徒刑一年六个月", 2, 11),
        Term("缓刑", 24, "缓刑二年", 12, 16),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("被告人犯放火罪，判处死刑，剥夺政治权利终身。", [("死刑", None), ("剥夺政治权利终身", None)]),
        ("决定执行死刑，缓期二年执行，剥夺政治权利终身", [("死刑缓期执行", 24), ("剥夺政治权利终身", None)]),
        (
            "人民法院判处无期徒刑，剥夺政治权利终身，并处没收个人全部财产",
            [("无期徒刑", None), ("剥夺政治权利终身", None)],
        ),
        ("判处有期徒刑十九年，剥夺政治权利五年，并处罚金", [("有期徒刑", 228), ("剥夺政治权利", 60)]),
        ("判处拘役三个月，缓刑四个月", [("拘役", 3), ("缓刑", 4)]),
        ("判处有期徒刑二年六个月，宣告缓刑三年。", [("有期徒刑", 30), ("缓刑", 36)]),
        ("法院判处8年有期徒刑,刑期自2011年6月16日起", [("有期徒刑", 96)]),
        ("被判处有期徒刑一年2011年3月5日刑满释放", [("有期徒刑", 12)]),  # no punctuation before the date
        ("已被执行剥夺政治权利三个月二十五日", [("剥夺政治权利", 3)]),
        # The statutes name penalties as ranges and options: none of these is a pronounced term.
        ("处十年以上有期徒刑、无期徒刑或者死刑，并处罚金或者没收财产", []),
        ("处三年以下有期徒刑、拘役或者管制", []),
        ("拘役的期限，为一个月以上六个月以下", []),
        ("处三年以上十年以下有期徒刑", []),
        ("致人死亡的，处无期徒刑或者死刑", []),
        ("缓刑考验期限从判决确定之日起计算", []),
        ("被告人在缓刑考验期内犯新罪", []),
        ("其中尖刀2把均为管制刀具", []),
    ],
)
def test_find_terms_cases(text: str, found: list[tuple[str, int | None]]) -> None:
    terms = find_terms(text)
    assert [(t.kind, t.months) for t in terms] == found
    for t in terms:
        assert text[t.start : t.end] == t.text


KINDS = ["有期徒刑", "拘役", "管制", "缓刑", "剥夺政治权利"]


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(KINDS),
    st.integers(min_value=0, max_value=25),
    st.integers(min_value=0, max_value=11),
    st.sampled_from(["", "零"]),
    st.booleans(),
)
def test_written_terms_read_back(kind: str, years: int, months: int, zero: str, arabic: bool) -> None:
    if years == 0 and months == 0:
        months = 1

    def number(n: int) -> str:
        return str(n) if arabic else int_to_cn(n)

    length = (
        (f"{number(years)}年" if years else "")
        + (zero if years and months else "")
        + (f"{number(months)}个月" if months else "")
    )
    phrase = kind + length
    assert parse_term(phrase) == Term(kind, 12 * years + months, phrase, 0, len(phrase))  # type: ignore[arg-type]
    text = f"被告人犯盗窃罪，判处{phrase}，并处罚金人民币五千元。"
    assert find_terms(text) == [Term(kind, 12 * years + months, phrase, 10, 10 + len(phrase))]  # type: ignore[arg-type]


def _check_terms(text: str, terms: list[Term]) -> None:
    end = 0
    for t in terms:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= end
        assert text[t.start : t.end] == t.text
        assert (t.months is None) == (
            t.kind in ("无期徒刑", "死刑", "剥夺政治权利终身") or t.text == "死刑缓期执行"
        )
        assert t.months is None or t.months >= 0
        end = t.end


TERM_FRAGMENTS = [
    "判处",
    "处",
    "有期徒刑",
    "拘役",
    "管制",
    "缓刑",
    "考验期限为",
    "剥夺政治权利",
    "终身",
    "死刑",
    "缓期",
    "执行",
    "无期徒刑",
    "，",
    "、",
    "或者",
    "以上",
    "以下",
    "年",
    "个月",
    "月",
    "日",
    "零",
    "半",
    "一",
    "二",
    "两",
    "十",
    "五",
    "3",
    "12",
    "0",
    "又",
    " ",
]
term_like = st.lists(st.sampled_from(TERM_FRAGMENTS), max_size=30).map("".join)


@settings(max_examples=1000, deadline=None)
@given(term_like)
def test_find_terms_spans_are_sound(text: str) -> None:
    terms = find_terms(text)
    _check_terms(text, terms)
    for t in terms:
        assert parse_term(t.text) == Term(t.kind, t.months, t.text, 0, len(t.text), t.days)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_find_terms_never_raises(text: str) -> None:
    _check_terms(text, find_terms(text))


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=30), term_like))
def test_parse_term_raises_only_value_error(text: str) -> None:
    try:
        parse_term(text)
    except ValueError:
        pass


@pytest.mark.skipif(not CJRC_DEV.exists(), reason="shared CJRC data not available")
def test_find_terms_on_real_passages() -> None:
    data = json.loads(CJRC_DEV.read_text(encoding="utf-8"))["data"]
    found: list[Term] = []
    for case in data:
        for paragraph in case["paragraphs"]:
            terms = find_terms(paragraph["context"])
            _check_terms(paragraph["context"], terms)
            found.extend(terms)
    assert len(found) >= 30  # prior sentences quoted in criminal passages
    assert all(t.months is None or 0 < t.months <= 25 * 12 for t in found)


@pytest.mark.parametrize(
    "text",
    [
        "有期徒刑" * 250_000,
        "一年" * 500_000,
        "1" * 1_000_000,
        "十" * 1_000_000,
        "死刑，" * 300_000,
        "缓刑考验期限为" * 140_000,
    ],
    ids=["kinds", "years", "digits", "numerals", "death", "probation"],
)
def test_megabyte_inputs_complete(text: str) -> None:
    _check_terms(text, find_terms(text))
    with pytest.raises(ValueError):
        parse_term(text)
