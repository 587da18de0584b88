"""Tests for fazhi.documents.case_number: the test vectors of case_number.md §6 and fuzzing.

Hypothesis runs FUZZ_EXAMPLES examples in each of the five property tests below
(5 × 1,500 = 7,500 generated inputs per run).
"""

from __future__ import annotations

import random
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.documents.case_number import (
    CaseNumber,
    Problem,
    case_type,
    find_case_numbers,
    parse_case_number,
    validate_case_number,
)
from fazhi.errors import BadInput

TODAY = date(2025, 6, 1)
FUZZ_EXAMPLES = 1500

# case_number.md §6, valid: input, court code, special, type, seq, sub.
VALID = [
    ("（2023）京0105民初12345号", "京0105", None, "民初", 12345, None),
    ("（2023）京03民终6789号", "京03", None, "民终", 6789, None),
    ("（2023）京民终100号", "京", None, "民终", 100, None),
    ("（2022）最高法民申1234号", "最高法", None, "民申", 1234, None),
    ("（2019）最高法知民终1号", "最高法", "知", "民终", 1, None),
    ("（2017）豫刑核98621855号", "豫", None, "刑核", 98621855, None),
    ("（2023）粤0305执12345号", "粤0305", None, "执", 12345, None),
    ("（2024）粤0305执恢123号", "粤0305", None, "执恢", 123, None),
    ("（2023）沪0115执异45号", "沪0115", None, "执异", 45, None),
    ("（2023）沪01执复12号", "沪01", None, "执复", 12, None),
    ("（2023）浙0106执保678号", "浙0106", None, "执保", 678, None),
    ("（2021）川0104民诉前调801号", "川0104", None, "民诉前调", 801, None),
    ("（2020）甘03执23号之五", "甘03", None, "执", 23, "五"),
    ("（2023）沪74民初1621号", "沪74", None, "民初", 1621, None),
    ("（2024）京0491民初1234号", "京0491", None, "民初", 1234, None),
    ("（2023）沪7101民初230号", "沪7101", None, "民初", 230, None),
    ("（2021）粤03破申12号", "粤03", None, "破申", 12, None),
]

# case_number.md §6, invalid (strict): input, expected code, expected reason, severity.
INVALID = [
    ("（2023）京0105民初字第12345号", "CN-FORMAT", "legacy_after_2015", "error"),
    ("（2023）京0105民初12345", "CN-FORMAT", "missing_hao", "error"),
    ("（23）京0105民初12345号", "CN-FORMAT", "year_digits", "error"),
    ("（2023）京105民初12345号", "CN-FORMAT", "court_digits", "error"),
    ("（2023）北京0105民初12345号", "CN-FORMAT", "wrong_court_abbr", "error"),
    ("（2023）京0105民初012345号", "CN-FORMAT", "leading_zero", "error"),
    ("（2023）京0105民初0号", "CN-FORMAT", "seq_zero", "error"),
    ("〔2023〕京0105民初12345号", "CN-FORMAT", "doc_brackets", "error"),
    ("(2023)京0105民初12345号", "CN-FORMAT", "halfwidth_brackets", "error"),
    ("（2023）京0105民终123号", "CN-S5", "basic_court_appeal", "error"),
    ("（2023）京0105执复12号", "CN-S5", "basic_court_appeal", "error"),
    ("（2023）京0105刑核123号", "CN-S3", "seq_length", "error"),
    ("（2023）京0105刑核123号", "CN-S6", "review_below_high_court", "error"),
    ("（2015）京0105民初123号", "CN-S7", "new_format_before_2016", "error"),
    ("（2023）京0105民破5号", "CN-S1", "type_not_in_force", "error"),
    ("（2023）京01知民初5号", "CN-S4", "special_not_spc", "warning"),
]


# --- §6 valid vectors -------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "court", "special", "type_code", "seq", "sub"), VALID)
def test_valid_vectors_parse_strictly(raw, court, special, type_code, seq, sub):
    cn = parse_case_number(raw, strict=True)
    assert cn is not None
    assert (cn.year, cn.court_code, cn.special, cn.type_code, cn.seq, cn.sub) == (
        int(raw[1:5]), court, special, type_code, seq, sub)
    assert not cn.legacy
    assert cn.court is not None, f"{court} missing from court_codes.csv"
    assert cn.category is not None and cn.procedure is not None
    assert cn.normalized == raw
    assert parse_case_number(raw) == cn  # lenient agrees


@pytest.mark.parametrize("raw", [v[0] for v in VALID])
def test_valid_vectors_have_no_problem(raw):
    assert validate_case_number(raw, today=TODAY) == []


def test_valid_vector_details():
    assert parse_case_number("（2023）京0105民初12345号").court.full_name == "北京市朝阳区人民法院"
    assert parse_case_number("（2023）京03民终6789号").court.full_name == "北京市第三中级人民法院"
    assert parse_case_number("（2023）京民终100号").court.full_name == "北京市高级人民法院"
    assert parse_case_number("（2023）沪74民初1621号").court.full_name == "上海金融法院"
    assert parse_case_number("（2024）京0491民初1234号").court.full_name == "北京互联网法院"
    assert parse_case_number("（2023）沪7101民初230号").court.full_name == "上海铁路运输法院"
    cn = parse_case_number("（2020）甘03执23号之五")
    assert cn.sub_index == 5 and cn.category == "执行" and cn.procedure == "执行"
    assert parse_case_number("（2021）粤03破申12号").category == "破产清算"
    assert parse_case_number("（2023）沪0115执异45号").procedure == "执行异议"
    assert parse_case_number("（2017）豫刑核98621855号").procedure == "复核"


# --- §6 invalid vectors -----------------------------------------------------------------


@pytest.mark.parametrize(("raw", "code", "reason", "severity"), INVALID)
def test_invalid_vectors_give_stated_reason(raw, code, reason, severity):
    problems = validate_case_number(raw, today=TODAY)
    hits = [p for p in problems if p.code == code and p.reason == reason]
    assert hits, problems
    assert hits[0].severity == severity
    assert hits[0].message_zh and hits[0].message_en


@pytest.mark.parametrize("raw", sorted({v[0] for v in INVALID if v[3] == "error"}))
def test_invalid_vectors_have_an_error(raw):
    assert any(p.severity == "error" for p in validate_case_number(raw, today=TODAY))


@pytest.mark.parametrize("raw", sorted({v[0] for v in INVALID if v[1] == "CN-FORMAT"} - {
    "（2023）京0105民初字第12345号"}))
def test_format_failures_are_rejected_by_strict_parse(raw):
    assert parse_case_number(raw, strict=True) is None


def test_each_format_reason_is_alone():
    # One shape error gives one clear reason, not a cascade.
    for raw, code, reason, _ in INVALID:
        if code == "CN-FORMAT":
            assert [p.reason for p in validate_case_number(raw, today=TODAY)] == [reason], raw


def test_halfwidth_brackets_parse_leniently_but_fail_strict():
    assert parse_case_number("(2023)京0105民初12345号") is not None
    assert parse_case_number("(2023)京0105民初12345号", strict=True) is None
    assert validate_case_number("(2023)京0105民初12345号", strict=False, today=TODAY) == []


def test_zhi_warning_is_not_an_error():
    problems = validate_case_number("（2023）京01知民初5号", today=TODAY)
    assert problems and all(p.severity == "warning" for p in problems)
    assert validate_case_number("（2023）京01知民初5号", strict=False, today=TODAY) == []


def test_ming_po_message_names_successor():
    (p,) = validate_case_number("（2023）京0105民破5号", today=TODAY)
    assert "破申/破" in p.message_zh and "破申/破" in p.message_en


# --- other checks -----------------------------------------------------------------------


def test_cn_s7_future_year():
    (p,) = validate_case_number("（2031）京0105民初1号", today=TODAY)
    assert (p.code, p.reason) == ("CN-S7", "year_in_future")


def test_cn_s9_judgment_before_receipt():
    problems = validate_case_number("（2024）京0105民初1号", today=TODAY, judgment_date=date(2023, 12, 30))
    assert [p.code for p in problems] == ["CN-S9"]
    # Filed 2023-12-28, decided 2024: keeps （2023） (case_number.md §2).
    assert validate_case_number("（2023）京0105民初1号", today=TODAY, judgment_date=date(2024, 1, 5)) == []


def test_cn_s1_unknown_type_and_window():
    assert [p.code for p in validate_case_number("（2023）京0105民乱1号", today=TODAY)] == ["CN-S1"]
    # 破申 only from 2016-08-01; 民破 still fine in 2016.
    assert validate_case_number("（2016）京0105民破1号", today=TODAY) == []
    assert validate_case_number("（2016）粤03破申1号", today=TODAY) == []


def test_cn_s2_unknown_court_and_not_yet_founded():
    assert [p.reason for p in validate_case_number("（2023）京0199民初1号", today=TODAY)] == ["unknown_court"]
    # 北京互联网法院 was founded in 2018.
    assert [p.reason for p in validate_case_number("（2017）京0491民初1号", today=TODAY)] == ["court_not_in_force"]


def test_cn_s4_before_2019():
    reasons = [p.reason for p in validate_case_number("（2018）最高法知民终1号", today=TODAY)]
    assert reasons == ["special_before_2019"]


def test_cn_s5_covers_every_appeal_type():
    for t in ("刑终", "民终", "行终", "民辖终", "行赔终", "清终", "破终", "执复"):
        assert "CN-S5" in [p.code for p in validate_case_number(f"（2023）京0105{t}1号", today=TODAY)], t
        assert validate_case_number(f"（2023）京03{t}1号", today=TODAY) == [], t


def test_cn_s6_review_at_intermediate_court():
    problems = validate_case_number("（2023）京03刑核12345678号", today=TODAY)
    assert [p.code for p in problems] == ["CN-S6"]


def test_advisory_level_is_a_warning():
    problems = validate_case_number("（2023）京0105民申1号", today=TODAY)
    assert [(p.code, p.severity) for p in problems] == [("CN-LEVEL", "warning")]


def test_validate_accepts_parsed_number():
    cn = parse_case_number("(2023) 京0105民终1号")
    codes = {p.reason for p in validate_case_number(cn, today=TODAY)}
    assert codes == {"spaces", "halfwidth_brackets", "basic_court_appeal"}
    assert [p.code for p in validate_case_number(cn, strict=False, today=TODAY)] == ["CN-S5"]


def test_more_format_reasons():
    def reasons(s):
        return [p.reason for p in validate_case_number(s, today=TODAY)]

    assert reasons("") == ["empty"]
    assert reasons("京0105民初1号") == ["no_year"]
    assert reasons("（2023） 京0105民初1号") == ["spaces"]
    assert reasons("（２０２３）京0105民初1号") == ["fullwidth_digits"]
    assert reasons("【2023】京0105民初1号") == ["wrong_brackets"]
    assert reasons("（2023）最高人民法院民申1号") == ["wrong_court_abbr"]
    assert reasons("（2023）贵01民终1号") == ["wrong_court_abbr"]
    assert "黔01" in validate_case_number("（2023）贵01民终1号", today=TODAY)[0].message_zh
    assert reasons("随便写点什么") == ["no_year"]
    assert reasons("x" * 1000) == ["too_long"]


def test_problem_is_frozen_and_bilingual():
    (p,) = validate_case_number("(2023)京0105民初12345号", today=TODAY)
    assert isinstance(p, Problem)
    with pytest.raises(AttributeError):
        p.code = "x"  # type: ignore[misc]
    assert " / " in p.message()


def test_bad_input_type():
    with pytest.raises(BadInput):
        parse_case_number(None)  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        validate_case_number(123)  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        find_case_numbers(b"bytes")  # type: ignore[arg-type]


# --- lenient parsing and normalisation --------------------------------------------------


@pytest.mark.parametrize("raw", [
    "(2023)京0105民初12345号",
    "（2023） 京 0105 民初 12345 号",
    "（２０２３）京０１０５民初１２３４５号",
    "\u200b（2023）京0105民初12345号\u200b",
    "  （2023）京0105民初12345号\n",
])
def test_lenient_forms_normalise(raw):
    cn = parse_case_number(raw)
    assert cn is not None and cn.raw == raw
    assert cn.normalized == "（2023）京0105民初12345号"
    assert parse_case_number(raw, strict=True) is None


def test_as_dict():
    d = parse_case_number("（2019）最高法知民终1号").as_dict()
    assert d["normalized"] == "（2019）最高法知民终1号"
    assert d["special"] == "知" and d["court"]["full_name"] == "最高人民法院"
    assert d["court"]["tier"] == "最高"
    assert str(parse_case_number("(2023)京03民终1号")) == "（2023）京03民终1号"


def test_case_type_table():
    assert case_type("刑核").seq_digits == 8
    assert case_type("民破").valid_to == date(2016, 7, 31)
    assert case_type("破").valid_from == date(2016, 8, 1)
    assert case_type("不存在") is None


# --- legacy numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "court", "type_code", "category", "procedure"), [
    ("（2015）海民初字第12345号", "海", "民初", "民事", "一审"),
    ("（2013）民提字第123号", "", "民提", "民事", "再审"),
    ("（2014）一中民终字第88号", "一中", "民终", "民事", "二审"),
    ("（2015）二中民（商）终字第1234号", "二中", "民（商）终", "民事", "二审"),
    ("（2014）浙杭商外初字第5号", "浙杭", "商外初", "民事", "一审"),
    ("（2015）京执字第3号", "京", "执", "执行", "执行"),
    ("（2012）深中法刑二初字第7号", "深中法", "刑二初", "刑事", "一审"),
    ("（2015）新民民初字第9号", "新民", "民初", "民事", "一审"),
    ("（2014）高法委赔字第2号", "高法", "委赔", "国家赔偿", "其他"),
])
def test_legacy_numbers(raw, court, type_code, category, procedure):
    cn = parse_case_number(raw, strict=True)
    assert cn is not None and cn.legacy
    assert (cn.court_code, cn.type_code, cn.category, cn.procedure) == (court, type_code, category, procedure)
    assert cn.normalized == raw
    assert validate_case_number(raw, today=TODAY) == []


def test_legacy_unknown_type_part_still_parses():
    cn = parse_case_number("（2010）某某字第5号")
    assert cn is not None and cn.legacy and cn.category is None and cn.type_code == ""


def test_legacy_year_after_2015():
    problems = validate_case_number("（2016）海民初字第1号", today=TODAY)
    assert [(p.code, p.reason) for p in problems] == [("CN-FORMAT", "legacy_after_2015")]


# --- find_case_numbers ------------------------------------------------------------------


def test_find_in_running_text():
    text = ("原告不服北京市朝阳区人民法院（2023）京0105民初12345号民事判决，向本院提起上诉，本院于同日立案，"
            "案号(２０２３) 京03民终6789号。另查，（2015）海民初字第12345号案已审结；"
            "参见法释〔2016〕19号及（2020）京这是一个3号。执行案号：（2020）甘03执23号之五。")
    found = find_case_numbers(text)
    assert [cn.normalized for _, _, cn in found] == [
        "（2023）京0105民初12345号",
        "（2023）京03民终6789号",
        "（2015）海民初字第12345号",
        "（2020）甘03执23号之五",
    ]
    for start, end, cn in found:
        assert text[start:end] == cn.raw
    assert found[2][2].legacy


def test_find_does_not_run_past_a_number():
    text = "（2023）京01民初1号被告王某字第三人"
    ((s, e, cn),) = find_case_numbers(text)
    assert text[s:e] == "（2023）京01民初1号"


def test_find_post_2016_code_in_old_form():
    ((_, _, cn),) = find_case_numbers("见（2023）京0105民初字第12345号判决")
    assert cn.legacy and cn.court is not None and cn.court.code == "京0105"
    assert [p.reason for p in validate_case_number(cn, today=TODAY)] == ["legacy_after_2015"]


def test_find_is_safe_on_one_megabyte():
    rnd = random.Random(20240601)
    alphabet = "（）()〔〕0123456789０１２京民初终号字第之五沪刑核执 \n最高法知" + string.ascii_letters
    text = "".join(rnd.choice(alphabet) for _ in range(1_000_000))
    for start, end, cn in find_case_numbers(text):
        assert text[start:end] == cn.raw
    hostile = "（2023）京0105民初" + "1" * 200_000 + "（2015）" + "民" * 10 + "字第" * 50_000
    assert find_case_numbers(hostile) == []


# --- hypothesis -------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "（", "）", "(", ")", "〔", "〕", "20", "2023", "２０２３", "京", "沪", "粤", "最高法", "知", "民初", "民终",
    "刑核", "执", "字第", "号", "之五", "0105", "03", "7101", "1", "0", "12345", " ", "\u200b", "海", "民", "北京",
])
_CASEY = st.lists(_PIECES, max_size=20).map("".join)
_TEXT = st.one_of(st.text(max_size=300), _CASEY, st.lists(st.one_of(_CASEY, st.text(max_size=20)), max_size=10).map("".join))
_SETTINGS = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_TEXT)
def test_fuzz_parse_never_raises(s):
    for strict in (False, True):
        cn = parse_case_number(s, strict=strict)
        if cn is not None:
            assert isinstance(cn, CaseNumber) and cn.raw == s
            assert parse_case_number(cn.normalized, strict=False) is not None


@_SETTINGS
@given(_TEXT)
def test_fuzz_find_spans_match(s):
    found = find_case_numbers(s)
    last_end = 0
    for start, end, cn in found:
        assert 0 <= last_end <= start < end <= len(s)
        assert s[start:end] == cn.raw
        assert parse_case_number(cn.raw) is not None
        last_end = end


@_SETTINGS
@given(_TEXT)
def test_fuzz_validate_never_raises(s):
    for strict in (True, False):
        for p in validate_case_number(s, strict=strict, today=TODAY):
            assert p.severity in ("error", "warning") and p.message_zh and p.message_en
    # Lenient validation reads exactly what lenient parsing reads.
    lenient = validate_case_number(s, strict=False, today=TODAY)
    unreadable = [p for p in lenient if p.code == "CN-FORMAT" and p.reason in ("empty", "unrecognised", "too_long")]
    assert bool(unreadable) == (parse_case_number(s) is None)


@_SETTINGS
@given(
    year=st.integers(2016, 2025),
    court=st.sampled_from(["京0105", "京03", "京", "最高法", "粤0305", "沪7101", "浙0192"]),
    type_code=st.sampled_from(["民初", "民终", "刑初", "执", "执恢", "行初", "破申", "民诉前调"]),
    seq=st.integers(1, 10**7),
)
def test_fuzz_strict_roundtrip(year, court, type_code, seq):
    raw = f"（{year}）{court}{type_code}{seq}号"
    cn = parse_case_number(raw, strict=True)
    assert cn is not None and cn.normalized == raw
    assert (cn.year, cn.court_code, cn.type_code, cn.seq) == (year, court, type_code, seq)
    (found,) = find_case_numbers(f"前文{raw}后文")
    assert found[2] == cn


@_SETTINGS
@given(st.text(alphabet=st.sampled_from(list("（）() 　\u200b0123456789０１２３京民初号字第之")), max_size=60))
def test_fuzz_case_shaped_noise(s):
    parse_case_number(s)
    validate_case_number(s, today=TODAY)
    for start, end, cn in find_case_numbers(s):
        assert s[start:end] == cn.raw
