"""The anonymiser against the worked examples and test vectors of anonymization.md §8–§9."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi.errors import BadInput
from fazhi.privacy.anonymize import anonymize
from fazhi.privacy.pseudonyms import PseudonymTable, base_pseudonym
from fazhi.privacy.recognizers import id_check_char

DATA = Path(__file__).parent / "data"
INHERITANCE = (DATA / "inheritance.txt").read_text(encoding="utf-8")
THEFT = (DATA / "theft_minor_victim.txt").read_text(encoding="utf-8")
CONTRACT = (DATA / "contract_company.txt").read_text(encoding="utf-8")


def _offsets_exact(text: str, res) -> None:  # type: ignore[no-untyped-def]
    for e in res.entities:
        assert text[e["start"]:e["end"]] == e["text"], e
    spans = sorted((e["start"], e["end"]) for e in res.entities)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "changes overlap"


def test_example_a_inheritance_2016() -> None:
    res = anonymize(INHERITANCE, "2016")
    out = res.text
    _offsets_exact(INHERITANCE, res)
    assert "原告：王某1，男，1965年3月2日出生，汉族，住北京市海淀区。" in out
    assert "被告：王某2，女，1968年7月9日出生，汉族，住北京市朝阳区。" in out
    assert "委托诉讼代理人：刘明，北京某某律师事务所律师。" in out  # the lawyer stays (§6)
    for gone in ("王建国", "王建华", "110108196503021233", "13912345678", "中关村南大街", "建国路88号"):
        assert gone not in out
    # the witness shares the judge's name: the witness is masked, the judge is not
    assert "证人张某出庭作证" in out and "审判长　张伟" in out
    assert "（2023）京0108民初12345号" in out and "北京市海淀区人民法院" in out
    assert all(q["passed"] for q in res.qa), res.qa
    rules = {e["rule"] for e in res.entities if e["type"] == "person"}
    assert any("第八条第一项" in r for r in rules)


def test_example_b_criminal_2016_keeps_adult_defendant_2024_does_not() -> None:
    res16 = anonymize(THEFT, "2016")
    _offsets_exact(THEFT, res16)
    out = res16.text
    assert "被告人李强" in out  # art. 8 does not list adult defendants
    assert "被害人赵某" in out and "证人孙某" in out and "鉴定人周某" in out
    assert "京A12345" not in out and "被告人驾驶的小型轿车" in out
    assert "11010519900101123X" not in out and "010-65551234" not in out
    assert "农光里" not in out and "住北京市朝阳区" in out
    assert "辩护人王律" in out and "审判员　张明" in out and "书记员　李静" in out
    res24 = anonymize(THEFT, "2024")
    assert "李强" not in res24.text and "被告人李某" in res24.text
    assert "审判员　张明" in res24.text


def test_example_c_organisations_by_profile() -> None:
    res16 = anonymize(CONTRACT, "2016")
    out16 = res16.text
    assert "上海甲乙丙贸易有限公司" in out16 and "91310115MA1K000000" in out16
    assert "张江路100号" in out16  # an organisation's domicile is kept under 2016 (art. 11)
    assert "陈红" in out16 and "钱多多" in out16
    assert "6222021001000000000" not in out16 and "漕溪北路" not in out16
    res24 = anonymize(CONTRACT, "2024")
    out24 = res24.text
    _offsets_exact(CONTRACT, res24)
    assert "原告：上海某贸易有限公司" in out24
    assert "法定代表人：陈某，董事长。" in out24
    assert "被告：钱某，男，1985年5月5日出生，住上海市徐汇区。" in out24
    for gone in ("甲乙丙", "91310115MA1K000000", "张江路100号", "沪A12345"):
        assert gone not in out24
    assert "委托诉讼代理人：周全，上海明理律师事务所律师。" in out24
    assert "审判员　王芳" in out24


def _valid_id(prefix17: str) -> str:
    return prefix17 + id_check_char(prefix17)


def test_minor_and_statutory_representative_any_profile() -> None:
    text = ("广东省广州市天河区人民法院\n民事判决书\n（2024）粤0106民初321号\n"
            "原告：孙小明，男，2012年4月1日出生，汉族，住广州市天河区体育西路100号。\n"
            "法定代理人：孙大伟，男，1980年2月2日出生，系原告之父，住址同上。\n"
            "被告：广州某某游乐有限公司，住所地广州市天河区。\n"
            "原告孙小明与被告广州某某游乐有限公司健康权纠纷一案，本院受理后依法进行了审理。"
            "孙大伟称孙小明在游乐场受伤。\n判决如下：\n驳回原告孙小明的诉讼请求。\n"
            "审判员　黄河\n二〇二四年五月六日\n书记员　林立\n")
    for profile in ("2016", "2024"):
        res = anonymize(text, profile)
        assert "孙小明" not in res.text and "孙大伟" not in res.text, profile
        assert "原告：孙某1" in res.text and "法定代理人：孙某2" in res.text
        assert any("第八条第三项" in e["rule"] for e in res.entities)
        assert "体育西路" not in res.text
        assert "审判员　黄河" in res.text


@pytest.mark.parametrize(("name", "expected"), [
    ("欧阳娜娜", "欧阳某"), ("张三丰", "张某"), ("李四", "李某"), ("阿依古丽·买买提", "阿某"),
    ("约翰·史密斯", "约某"), ("John Smith", "J"),
])
def test_art9_pseudonyms(name: str, expected: str) -> None:
    assert base_pseudonym(name) == expected


def test_per_char_style_and_collisions_numbered_in_order() -> None:
    assert base_pseudonym("张三丰", "per_char") == "张某某"
    table = PseudonymTable()
    table.plan([("a", "张伟"), ("b", "张三"), ("c", "李四")])
    assert (table.get("a", "张伟"), table.get("b", "张三"), table.get("c", "李四")) == ("张某1", "张某2", "李某")
    assert table.get("a", "张伟") == "张某1"  # stable


def test_same_case_same_pseudonyms_across_documents() -> None:
    table = PseudonymTable()
    first = anonymize(INHERITANCE, "2016", table=table)
    appeal = INHERITANCE.replace("民事判决书", "民事判决书").replace("原告：王建国", "上诉人（原审原告）：王建国")
    second = anonymize(appeal, "2016", table=table)
    assert "王某1" in first.text and "王某1" in second.text
    assert first.text.count("王某1") >= 3 and second.text.count("王某2") >= 2


def test_id_number_anywhere_is_removed() -> None:
    pid = _valid_id("11010519900101123")
    text = f"经审理查明：被告人持有他人身份证（公民身份号码{pid}），并以此办理银行卡。"
    res = anonymize(text, "2016")
    assert pid not in res.text
    assert res.entities and res.entities[0]["type"] == "id_number"


def test_publication_check() -> None:
    divorce = INHERITANCE.replace("法定继承纠纷", "离婚纠纷")
    res = anonymize(divorce, "2016")
    assert res.publish["publishable"] is False and "离婚" in res.publish["reason"]
    assert res.publish["stub"]["case_number"] == "（2023）京0108民初12345号"
    juvenile = THEFT.replace("1990年1月1日出生", "2006年1月1日出生")
    res = anonymize(juvenile, "2016")
    assert res.publish["publishable"] is False and "未成年人犯罪" in res.publish["reason"]
    assert anonymize(THEFT, "2016").publish["publishable"] is True


def test_publication_deadline_counts_working_days() -> None:
    from datetime import date

    res = anonymize(THEFT, "2016", effective_date=date(2024, 4, 26))
    # 7 working days after Fri 2024-04-26: Sun 04-28 is a make-up working day, 05-01…05-05 a holiday
    assert res.publish["deadline"] == "2024-05-09"


def test_bad_input() -> None:
    with pytest.raises(BadInput):
        anonymize("   ", "2016")
    with pytest.raises(BadInput):
        anonymize(THEFT, "2019")
    with pytest.raises(BadInput):
        anonymize(THEFT, "2016", mask_style="stars")


def test_document_without_party_block_is_handled() -> None:
    text = "经审理查明：被害人高明（手机号码13812345678）于2023年5月1日报警称其钱包被盗。证人方正证实了上述事实。手段高明。"
    res = anonymize(text, "2016")
    assert "13812345678" not in res.text
    assert "被害人高某" in res.text and "证人方某" in res.text
    assert res.text.endswith("手段高明。")  # the adjective is not a name


def test_ocr_noise_common_word_names_and_long_documents() -> None:
    noisy = "被害人高明（公民身份号码11O1O5 1990 0101 1232，手机139 1234 5678）称其钱包被盗。手段高明。"
    res = anonymize(noisy, "2016")
    assert "1232" not in res.text and "5678" not in res.text
    assert "被害人高某" in res.text and res.text.endswith("手段高明。")
    # the uncertain name is in the review queue with the reason
    assert any(r.get("text") == "高明" and "常用词语" in r["why"] for r in res.review)
    long_text = (INHERITANCE + "\n") * 40  # about 30,000 characters
    res = anonymize(long_text, "2016")
    assert "110108196503021233" not in res.text and "王建国" not in res.text
