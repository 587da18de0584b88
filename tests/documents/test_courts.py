"""Tests for fazhi.documents.courts and the derived court_codes.csv."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from importlib import resources

import pytest

from fazhi.documents.courts import Court, all_courts, court_by_code, court_by_name, court_tier

PROVINCES = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新"


@pytest.mark.parametrize(("code", "name", "level"), [
    ("最高法", "最高人民法院", "最高"),
    ("京", "北京市高级人民法院", "高级"),
    ("内", "内蒙古自治区高级人民法院", "高级"),
    ("新", "新疆维吾尔自治区高级人民法院", "高级"),
    ("兵", "新疆维吾尔自治区高级人民法院生产建设兵团分院", "高级"),
    ("军", "中国人民解放军军事法院", "专门"),
    ("京03", "北京市第三中级人民法院", "中级"),
    ("渝05", "重庆市第五中级人民法院", "中级"),
    ("苏01", "江苏省南京市中级人民法院", "中级"),
    ("粤03", "广东省深圳市中级人民法院", "中级"),
    ("粤07", "广东省江门市中级人民法院", "中级"),
    ("京0105", "北京市朝阳区人民法院", "基层"),
    ("粤0305", "广东省深圳市南山区人民法院", "基层"),
    ("粤0703", "广东省江门市蓬江区人民法院", "基层"),
    ("粤0781", "广东省台山市人民法院", "基层"),
    ("京73", "北京知识产权法院", "专门"),
    ("沪73", "上海知识产权法院", "专门"),
    ("粤73", "广州知识产权法院", "专门"),
    ("沪72", "上海海事法院", "专门"),
    ("沪74", "上海金融法院", "专门"),
    ("京74", "北京金融法院", "专门"),
    ("京0491", "北京互联网法院", "基层"),
    ("浙0192", "杭州互联网法院", "基层"),
    ("粤0192", "广州互联网法院", "基层"),
    ("沪7101", "上海铁路运输法院", "专门"),
])
def test_known_codes(code, name, level):
    court = court_by_code(code)
    assert court is not None, code
    assert (court.full_name, court.level) == (name, level)


def test_high_courts_complete():
    for abbr in PROVINCES:
        court = court_by_code(abbr)
        assert court is not None and court.level == "高级" and court.parent_code == "最高法", abbr
    assert court_by_code("黔").full_name == "贵州省高级人民法院"
    assert court_by_code("云").full_name == "云南省高级人民法院"
    assert court_by_code("桂").full_name == "广西壮族自治区高级人民法院"


def test_parents():
    assert court_by_code("粤0305").parent_code == "粤03"
    assert court_by_code("粤03").parent_code == "粤"
    # Municipality: the prefix is not the appellate court (case_number.md §3).
    assert court_by_code("京0105").parent_code == "京03"
    assert court_by_code("京0491").parent_code == "京04"
    codes = {c.code for c in all_courts()}
    assert all(c.parent_code in codes for c in all_courts() if c.parent_code)


def test_tier_from_code_shape():
    assert court_tier("最高法") == "最高"
    assert court_tier("京") == "高级"
    assert court_tier("京73") == "中级"
    assert court_tier("沪7101") == "基层"
    assert court_tier("京105") is None
    assert court_by_code("京73").tier == "中级"


def test_court_by_name():
    assert court_by_name("广东省深圳市南山区人民法院").code == "粤0305"
    assert court_by_name("深圳市南山区人民法院").code == "粤0305"  # province prefix omitted
    assert court_by_name("北京市朝阳区人民法院").code == "京0105"
    assert court_by_name("朝阳区人民法院").code == "京0105"
    assert court_by_name("广东省台山市人民法院").code == "粤0781"
    assert court_by_name("台山市人民法院").code == "粤0781"
    assert court_by_name("江苏省南京市中级人民法院").code == "苏01"
    assert court_by_name("北京市第三中级人民法院").code == "京03"
    assert court_by_name("北京互联网法院").code == "京0491"
    assert court_by_name(" 北京市 朝阳区人民法院 ").code == "京0105"
    # A re-coded division: the current code wins over the 2016 one.
    assert court_by_name("河北省定州市人民法院").code == "冀0682"
    # Ambiguous short names find nothing.
    assert court_by_name("第一中级人民法院") is None
    assert court_by_name("高级人民法院") is None
    assert court_by_name("不存在人民法院") is None
    assert court_by_name(None) is None  # type: ignore[arg-type]


def test_court_validity():
    internet = court_by_code("京0491")
    assert internet.valid_from == date(2018, 9, 9)
    assert not internet.valid_in_year(2017) and internet.valid_in_year(2018)
    assert court_by_code("京0105").valid_in_year(2016)


def test_court_is_frozen():
    court = court_by_code("京")
    assert isinstance(court, Court)
    with pytest.raises(AttributeError):
        court.code = "x"  # type: ignore[misc]
    assert court.as_dict()["valid_from"] == "2016-01-01"


def test_table_shape():
    text = resources.files("fazhi.documents").joinpath("data", "court_codes.csv").read_text(encoding="utf-8")
    assert text.startswith("#") and "NOT the SPC" in text.splitlines()[0]
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    levels = Counter(r["level"] for r in rows)
    assert levels["最高"] == 1 and levels["高级"] == 32
    assert levels["中级"] > 300 and levels["基层"] > 2800
    for r in rows:
        assert r["level"] in {"最高", "高级", "中级", "基层", "专门"}
        assert court_tier(r["code"]) is not None, r["code"]
        assert r["full_name"].endswith(("法院", "分院")), r
    assert len(all_courts()) == len(rows)


def test_case_types_csv_shape():
    text = resources.files("fazhi.documents").joinpath("data", "case_types.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    categories = {"刑事", "民事", "行政", "国家赔偿", "司法救助", "非诉保全", "司法协助", "执行", "破产清算"}
    procedures = {"一审", "二审", "再审", "再审审查", "执行", "执行异议", "特别程序", "复核", "非诉", "其他"}
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    for r in rows:
        assert r["category"] in categories and r["procedure"] in procedures, r
        assert r["level_rule"] in {"any", "intermediate_or_higher", "high_or_spc"} or r["level_rule"].startswith(
            "mainly_"), r
        assert r["source"], r
    # Every code of case_number.md §4 is present.
    for code in ("刑初 刑终 刑监 刑申 刑抗 刑再 刑核 刑更 刑更监 刑更备 刑没 刑医 刑医解 刑医复 刑医监 刑止 刑止调 刑止核 "
                 "刑辖 刑他 民初 民终 民监 民申 民抗 民再 民撤 民特 民特监 民催 民督 民督监 民辖 民辖终 民辖监 民他 "
                 "民诉前调 民破 民算 行初 行终 行监 行申 行抗 行再 行审 行审复 行辖 行辖终 行他 行赔初 行赔终 行赔监 "
                 "行赔申 行赔抗 行赔再 法赔 委赔 委赔监 委赔提 委赔再 赔他 司救刑 司救民 司救行 司救赔 司救执 司救访 "
                 "司救他 财保 行保 行保复 证保 司惩 司惩复 认港 认澳 认台 认复 认他 协外认 请台送 请港送 请澳送 "
                 "台请送 港请送 澳请送 请港调 协外送 请外送 协外调 请外调 请移管 助移管 请移赃 助移赃 请外移 协外移 "
                 "请外引 协外引 协他 执 执恢 执保 执异 执复 执监 执协 执他 清申 破申 清终 破终 清监 破监 强清 破").split():
        assert code in codes, code
