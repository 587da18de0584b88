"""Drafting (法律文书辅助生成): skeletons of judgments and rulings in the official order.

Every test runs the real code on the real statute knowledge base and the shipped samples; the
Word file is opened again with python-docx and, where LibreOffice is installed, converted to PDF.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import uuid
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from fazhi.documents.extract import extract
from fazhi.draft import PLACEHOLDER, draft, from_record, validate, write_docx
from fazhi.laws.kb import KnowledgeBase

TODAY = date(2024, 6, 1)


def sample(name: str) -> dict[str, Any]:
    return json.loads(resources.files("fazhi.samples").joinpath(f"{name}.json").read_text(encoding="utf-8"))


def lines(text: str) -> list[str]:
    return text.split("\n")


def assert_in_order(text: str, markers: list[str]) -> None:
    """Each marker occurs, and after the one before it."""
    pos = -1
    for m in markers:
        at = text.find(m, pos + 1)
        assert at > pos, f"{m!r} missing or out of order (searched from {pos}):\n{text}"
        pos = at


# ---------------------------------------------------------------------------------------------- structure
def test_civil_judgment_has_every_part_in_the_official_order(kb: KnowledgeBase) -> None:
    d = draft(sample("draft_civil"), kb=kb, today=TODAY)
    assert d.missing == []
    first = lines(d.text)[:3]
    assert first == ["北京市朝阳区人民法院", "民事判决书", "（2024）京0105民初12345号"]  # J1
    assert_in_order(d.text, [
        "原告：张建华，男，1975年6月12日出生，汉族，住",  # J2
        "委托诉讼代理人：王晓明，北京市正衡律师事务所律师。",
        "被告：北京恒达建材贸易有限公司，住所地",
        "法定代表人：李国强，执行董事。",
        "民间借贷纠纷一案，本院于2024年3月4日立案后，依法适用普通程序，由审判员陈静担任审判长，"
        "与审判员刘洋、人民陪审员孙立新依法组成合议庭，于2024年4月16日公开开庭进行了审理。",  # J3
        "本案现已审理终结。",
        "张建华向本院提出诉讼请求：1.判令被告北京恒达建材贸易有限公司偿还原告借款本金200000元；2.",  # J4
        "事实和理由：2023年3月1日",
        "被告北京恒达建材贸易有限公司辩称，借款属实",  # J5
        "被告李国强辩称，",
        "本院认定事实如下：2023年3月1日",  # J7
        "【查明事实：",
        "本院认为，【本院认为：由合议庭",  # J8
        "依照《中华人民共和国民法典》第六百六十七条",  # J9
        "之规定，判决如下：",
        "【判决主文：由合议庭评议后填写】",  # J10
        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条规定",  # J11
        "案件受理费4300元，由【诉讼费用负担：",  # J12
        "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按照对方当事人或者代表人的人数提出副本，"
        "上诉于北京市第三中级人民法院。",  # J13
        "审判长　陈静\n审判员　刘洋\n人民陪审员　孙立新",  # J14
        "二〇二四年五月二十日",
        "本件与原本核对无异",
        "法官助理　吴磊\n书记员　周婷",
    ])
    assert d.text.endswith("书记员　周婷")
    assert d.fee is not None and d.fee.full == 4300 and not d.fee.halved  # 200000 元, ordinary procedure
    assert d.appeal is not None and d.appeal.days == 15


def test_criminal_judgment_has_every_part_in_the_official_order(kb: KnowledgeBase) -> None:
    d = draft(sample("draft_criminal"), kb=kb, today=TODAY)
    assert d.missing == []
    assert lines(d.text)[:3] == ["北京市海淀区人民法院", "刑事判决书", "（2024）京0108刑初856号"]  # K1
    assert_in_order(d.text, [
        "公诉机关北京市海淀区人民检察院。",  # K2
        "被告人陈志强，男，1992年2月18日出生于河南省周口市，汉族，高中文化，无业，户籍地",  # K3
        "2024年1月10日因涉嫌犯诈骗罪被北京市公安局海淀分局刑事拘留，同年2月14日被逮捕。现羁押于北京市海淀区看守所。",
        "辩护人马骏，北京市京衡律师事务所律师。",  # K4
        "北京市海淀区人民检察院以京海检刑诉〔2024〕733号起诉书指控被告人陈志强犯诈骗罪，于2024年4月9日向本院提起公诉。",
        "本院依法适用普通程序，由审判员郑红担任审判长，与审判员黄振宇、人民陪审员林秀英依法组成合议庭，"
        "于2024年5月14日公开开庭审理了本案。",  # K5
        "指派检察员杨帆出庭支持公诉，被告人陈志强及其辩护人马骏到庭参加诉讼。现已审理终结。",
        "公诉机关指控：2023年10月",  # K6
        "被告人陈志强对指控的事实和罪名无异议。",  # K7
        "辩护人马骏提出，被告人系初犯",
        "经审理查明：",  # K8
        "本院认为，【本院认为：",  # K9
        "依照《中华人民共和国刑法》第二百六十六条、第六十七条第三款、第五十二条、第五十三条、第六十四条之规定，判决如下：",
        "【判决主文：由合议庭评议后填写】",  # K11
        "【刑期起算：被告人陈志强自2024年1月10日起羁押",  # sentencing.md §4: continuous custody
        "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向北京市第一中级人民法院提出上诉。",  # K12
        "审判长　郑红",  # K13
        "【裁判日期：",  # no judgment_date in the sample: a placeholder date
        "书记员　许佳",
    ])
    assert "案件受理费" not in d.text and "迟延履行" not in d.text  # no fee, no late-performance warning
    assert d.fee is None and d.appeal is not None and d.appeal.days == 10


def test_jurisdiction_ruling_has_every_part_in_the_official_order(kb: KnowledgeBase) -> None:
    d = draft(sample("draft_ruling"), kb=kb, today=TODAY)
    assert d.missing == []
    assert lines(d.text)[:3] == ["北京市西城区人民法院", "民事裁定书", "（2024）京0102民初5678号"]
    assert_in_order(d.text, [
        "原告：北京金源商贸有限公司，住所地",
        "法定代表人：周文斌，总经理。",
        "被告：天津华北机电设备有限公司",
        "买卖合同纠纷一案，本院于2024年6月3日立案后，依法适用简易程序，由审判员邵雅琴独任审理。",
        "被告天津华北机电设备有限公司在提交答辩状期间对管辖权提出异议，认为：双方签订的",
        "本院认为，【本院认为：由承办法官撰写管辖权异议的理由】",
        "依照《中华人民共和国民事诉讼法》第三十五条、第一百三十条第一款、第一百五十七条第一款第二项之规定，裁定如下：",
        "【裁定主文：由承办法官填写（裁定事项：管辖权异议）】",
        "如不服本裁定，可以在裁定书送达之日起十日内，向本院递交上诉状，",  # CPL art. 171: rulings 10 days
        "上诉于北京市第二中级人民法院。",
        "审判员　邵雅琴",
        "二〇二四年六月二十八日",
        "书记员　冯雪",
    ])
    assert "判决" not in d.text  # DR-HDR-03: a 裁定书 says 裁定如下, never 判决如下
    assert "审判长" not in d.text  # DR-SIG-02: a single judge signs as 审判员


def test_dismissal_and_withdrawal_rulings(kb: KnowledgeBase) -> None:
    case = sample("draft_ruling")
    case.pop("objection")
    dismissal = dict(case, ruling_kind="驳回起诉",
                     statutes=[{"law": "中华人民共和国民事诉讼法", "article": 122},
                               {"law": "中华人民共和国民事诉讼法", "article": 157, "paragraph": 1, "item": 3}])
    d = draft(dismissal, kb=kb, today=TODAY)
    assert d.missing == []
    assert_in_order(d.text, [
        "北京金源商贸有限公司向本院提出诉讼请求：判令被告支付货款356000元及逾期付款利息。",
        "本院认为，【本院认为：",
        "依照《中华人民共和国民事诉讼法》第一百二十二条、第一百五十七条第一款第三项之规定，裁定如下：",
        "【裁定主文：",
        "案件受理费6640元，减半收取计3320元，由【诉讼费用负担：",  # simple procedure halves (art. 16)
        "如不服本裁定，可以在裁定书送达之日起十日内",  # dismissal is appealable (CPL art. 157 ¶2)
        "审判员　邵雅琴",
    ])
    withdrawal = dict(case, ruling_kind="准许撤诉", trial_procedure="普通程序", withdrawal_date="2024-06-20",
                      statutes=[{"law": "民事诉讼法", "article": "第一百四十八条第一款"}])
    d = draft(withdrawal, kb=kb, today=TODAY)
    assert d.missing == []
    assert_in_order(d.text, [
        "原告北京金源商贸有限公司于2024年6月20日向本院提出撤诉申请。",
        "本院认为，",
        "依照《中华人民共和国民事诉讼法》第一百四十八条第一款之规定，裁定如下：",
        "案件受理费6640元，减半收取计3320元",  # withdrawal halves the fee (诉讼费用交纳办法 art. 15)
        "本裁定一经作出即生效。",  # not appealable (CPL art. 157 ¶2)
        "书记员　冯雪",
    ])
    assert "如不服" not in d.text


def test_placeholders_use_one_syntax_and_offsets_point_at_them(kb: KnowledgeBase) -> None:
    for name in ("draft_civil", "draft_criminal", "draft_ruling"):
        d = draft(sample(name), kb=kb, today=TODAY)
        names = [p["name"] for p in d.placeholders]
        assert "本院认为" in names and any(n.endswith("主文") for n in names)
        for p in d.placeholders:
            m = PLACEHOLDER.fullmatch(d.text[p["start"]:p["end"]])
            assert m is not None and m["name"] == p["name"]
        # every 【…】 in the text is a listed placeholder
        assert d.text.count("【") == len(d.placeholders) == d.text.count("】")
        for para in d.paragraphs:
            assert d.text[para.start:para.end] == para.text
        as_json = json.loads(json.dumps(d.as_dict(), ensure_ascii=False))  # the CLI's --json form
        assert as_json["placeholders"] == d.placeholders and as_json["missing"] == []


def test_simple_procedure_and_absent_defendant(kb: KnowledgeBase) -> None:
    case = sample("draft_civil")
    case["trial_procedure"] = "简易程序"
    case["bench"] = [{"title": "审判员", "name": "陈静"}]
    case["parties"][4]["absent"] = True
    case.pop("judgment_date")
    d = draft(case, kb=kb, today=TODAY)
    assert d.missing == []
    assert "依法适用简易程序，由审判员陈静独任审理，" in d.text  # DR-PROC-01
    assert "被告李国强经本院合法传唤，无正当理由拒不到庭参加诉讼" in d.text  # DR-PROC-03
    assert "案件受理费4300元，减半收取计2150元" in d.text  # 诉讼费用交纳办法 art. 16
    assert "【判决主文：由承办法官填写】" in d.text
    assert "审判长" not in d.text and "\n审判员　陈静\n" in d.text
    assert "【裁判日期：" in d.text


# ---------------------------------------------------------------------------------------------- citations
def test_citations_are_resolved_to_full_titles_and_chinese_numerals(kb: KnowledgeBase) -> None:
    d = draft(sample("draft_civil"), kb=kb, today=TODAY)
    labels = [c.label for c in d.citations]
    assert "《中华人民共和国民法典》第六百七十五条" in labels  # input "第六百七十五条"
    assert "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十八条第一款" in labels
    assert all(c.resolved and c.text for c in d.citations)
    # 法释〔2009〕14号 art. 2: the law before the judicial interpretation; each law once, articles joined
    assert ("依照《中华人民共和国民法典》第六百六十七条、第六百七十五条、第六百七十六条、第六百八十八条，"
            "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十八条第一款之规定") in d.text
    assert d.warnings == ["已按给付金钱的诉讼请求加入迟延履行告知；如主文不含给付金钱义务，请删除该段"]


def test_short_names_order_and_unresolvable_citations(kb: KnowledgeBase) -> None:
    case = sample("draft_civil")
    case["statutes"] = [
        {"law": "民事诉讼法", "article": 147},  # procedural, short name
        {"law": "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "article": 90},
        {"law": "民法典", "article": "675"},  # substantive, short name, Arabic digits
        {"law": "某某保护法", "article": 3},  # unknown law
        {"law": "中华人民共和国民法典", "article": 1300},  # no such article
        {"law": "中华人民共和国合同法", "article": 206},  # repealed 2021-01-01
        {"law": "中华人民共和国刑法", "article": "第一百三十三条之一"},
    ]
    d = draft(case, kb=kb, today=TODAY)
    clause = next(line for line in lines(d.text) if line.startswith("依照"))
    # substantive law, then procedural law and its interpretation (DR-CIT-03); nested title in 〈〉 (DR-CIT-08)
    assert clause.startswith("依照《中华人民共和国民法典》第六百七十五条，《中华人民共和国刑法》第一百三十三条之一，"
                             "《中华人民共和国民事诉讼法》第一百四十七条，"
                             "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第九十条，")
    unresolved = [c for c in d.citations if not c.resolved]
    assert [(c.law_as_written, c.article) for c in unresolved] == [
        ("某某保护法", 3), ("中华人民共和国民法典", 1300), ("中华人民共和国合同法", 206)]
    # not dropped: each is a warning and a highlighted placeholder in the clause
    assert any("某某保护法" in w and "知识库中没有" in w for w in d.warnings)
    assert any("第一千三百条" in w for w in d.warnings)
    assert any("合同法" in w and "废止" in w for w in d.warnings)
    assert clause.count("【待核引用：") == 3
    assert "第1300条" not in d.text and "第一千三百条" in clause


def test_late_performance_article_follows_the_judgment_date(kb: KnowledgeBase) -> None:
    case = sample("draft_civil")
    case["judgment_date"] = "2023-06-01"
    case["hearing_date"] = "2023-05-10"
    case["filing_date"] = "2023-03-04"
    case["case_number"] = "（2023）京0105民初12345号"
    d = draft(case, kb=kb, today=TODAY)
    assert "依照《中华人民共和国民事诉讼法》第二百六十条规定，加倍支付迟延履行期间的债务利息" in d.text  # DR-REQ-08
    assert "二〇二三年六月一日" in d.text


# ---------------------------------------------------------------------------------------------- validation
def test_missing_fields_are_listed_per_kind_without_raising(kb: KnowledgeBase) -> None:
    assert [m.field for m in validate({})] == ["doc_kind", "court", "case_number", "trial_procedure",
                                               "filing_date", "parties", "bench"]
    civil = {m.field for m in validate({"doc_kind": "civil_judgment"})}
    assert {"cause", "claims", "court", "bench", "parties"} <= civil
    criminal = {m.field for m in validate({"doc_kind": "criminal_judgment"})}
    assert {"charges", "prosecutor", "indictment"} <= criminal and "cause" not in criminal
    ruling = {m.field for m in validate({"doc_kind": "civil_ruling"})}
    assert "ruling_kind" in ruling
    m = validate({"doc_kind": "civil_ruling"})[0]
    assert m.message_zh and m.message_en and m.problem == "missing"
    for bad in (None, [], "text", 3, {"doc_kind": 5}, {"doc_kind": "civil_judgment", "parties": "x", "bench": 7}):
        assert validate(bad)  # never raises
    # draft() with gaps: no exception, the gaps listed, placeholders drafted
    d = draft({"doc_kind": "civil_judgment", "court": "北京市朝阳区人民法院"}, kb=kb, today=TODAY)
    assert {"case_number", "cause", "claims"} <= {m.field for m in d.missing}
    assert "【案号：" in d.text and "【判决主文：" in d.text
    assert draft({"doc_kind": "will"}, kb=kb, today=TODAY).text == ""


def test_invalid_values_are_reported(kb: KnowledgeBase) -> None:
    case = sample("draft_civil")
    case.update({
        "court": "朝阳法院",  # DR-HDR-01: not the full name
        "filing_date": "2024-02-30",  # no such day
        "trial_procedure": "简易程序",  # with a three-member panel (DR-PROC-01)
        "clerk": "陈静",  # the clerk is on the bench (DR-SIG-05)
        "claims_amount": "很多",
    })
    case["parties"][1]["agent_of"] = "王某"  # acts for nobody in the case
    case["statutes"].append({"law": "中华人民共和国民法典", "article": "第六百X条"})
    problems = {m.field: m for m in validate(case)}
    assert {"court", "filing_date", "bench", "clerk", "claims_amount", "parties[1].agent_of",
            "statutes[5].article"} <= set(problems)
    assert "北京市朝阳区人民法院" in problems["court"].message_zh
    assert all(m.problem == "invalid" for m in problems.values())
    bad_no = validate(dict(sample("draft_civil"), case_number="(2024)京0105民初12345号"))
    assert [m.field for m in bad_no] == ["case_number"]  # DR-CN-02: half-width brackets
    wrong_type = validate(dict(sample("draft_civil"), case_number="（2024）京0105刑初12345号"))
    assert [m.field for m in wrong_type] == ["case_number"]  # DR-CN-04: 刑初 in a civil judgment
    crim = sample("draft_criminal")
    crim["parties"][0]["detention"] = {"刑事拘留": "2024-03-01", "逮捕": "2024-02-28"}
    assert [m.field for m in validate(crim)] == ["parties[0].detention.逮捕"]  # DR-PTY-07


def test_from_record_of_the_criminal_sample_is_a_valid_input(kb: KnowledgeBase) -> None:
    text = resources.files("fazhi.samples").joinpath("criminal_judgment.txt").read_text(encoding="utf-8")
    case = from_record(extract(text), text)
    assert validate(case) == []
    assert case["doc_kind"] == "criminal_judgment" and case["charges"] == ["盗窃罪"]
    assert case["indictment"] == "京朝检刑诉〔2024〕1432号" and case["filing_date"] == "2024-05-08"
    defendant = next(p for p in case["parties"] if p["role"] == "被告人")
    assert defendant["detention"] == {"刑事拘留": "2024-03-02", "逮捕": "2024-03-15"}
    d = draft(case, kb=kb, today=TODAY)
    assert d.missing == []
    assert "2024年3月2日因涉嫌犯盗窃罪被北京市公安局朝阳分局刑事拘留，同年3月15日被逮捕。现羁押于北京市朝阳区看守所。" in d.text
    assert "本院依法适用简易程序，由审判员张明独任审判，公开开庭审理了本案。" in d.text
    assert "北京市朝阳区人民检察院指派检察员陈立出庭支持公诉" in d.text
    assert "自2024年3月2日起" in d.text  # the 刑期 starts on the first custody day
    assert "二〇二四年五月二十日" in d.text and "通过本院或者直接向北京市第三中级人民法院提出上诉" in d.text
    # without the text the record lacks the indictment number: validate names it
    assert [m.field for m in validate(from_record(extract(text)))] == ["indictment"]


# ---------------------------------------------------------------------------------------------- Word and PDF
def test_docx_opens_and_has_the_layout(kb: KnowledgeBase, tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.oxml.ns import qn

    d = draft(sample("draft_civil"), kb=kb, today=TODAY)
    out = write_docx(d, tmp_path / "out" / "判决书.docx")
    assert out.exists() and [p.name for p in out.parent.iterdir()] == ["判决书.docx"]  # no temp file left
    doc = Document(str(out))
    paras = [p for p in doc.paragraphs if p.text]
    assert "\n".join(p.text for p in paras) == "\n".join(line for line in lines(d.text) if line)
    court, title, number = paras[:3]
    assert title.text == "民事判决书" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs) and court.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    body = next(p for p in paras if p.text.startswith("原告张建华与被告"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert body.paragraph_format.first_line_indent is not None
    assert body._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    highlighted = [r.text for p in paras for r in p.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert highlighted == [d.text[p["start"]:p["end"]] for p in d.placeholders]
    assert all(PLACEHOLDER.fullmatch(t) for t in highlighted)
    sign = next(p for p in paras if p.text == "书记员　周婷")
    assert sign.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # rewriting replaces the file in place
    write_docx(draft(sample("draft_ruling"), kb=kb, today=TODAY), out)
    assert Document(str(out)).paragraphs[1].text == "民事裁定书"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _has_cjk_font() -> bool:
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    return bool(out.strip())


def test_docx_converts_to_pdf_with_libreoffice(kb: KnowledgeBase, tmp_path: Path) -> None:
    """The .docx is a real Word file: LibreOffice renders it to a PDF whose text has the court name."""
    from pypdf import PdfReader

    required = os.environ.get("FAZHI_TEST_REQUIRE_LIBREOFFICE") == "1"
    soffice = _soffice()
    if soffice is None:
        if required:
            pytest.fail("LibreOffice not found (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice not installed")
    if not _has_cjk_font():
        if required:
            pytest.fail("no Chinese font for LibreOffice (apt-get install fonts-wqy-microhei)")
        pytest.skip("no Chinese font installed")
    d = draft(sample("draft_criminal"), kb=kb, today=TODAY)
    src = write_docx(d, tmp_path / "draft.docx")
    outdir = tmp_path / "pdf"
    profile = tmp_path / f"lo-profile-{uuid.uuid4().hex}"  # a fresh profile: no clash with a running office
    proc = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(outdir), str(src)], capture_output=True, text=True, timeout=120)
    pdf = outdir / "draft.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stdout + proc.stderr
    assert pdf.stat().st_size > 5000
    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    compact = "".join(text.split())
    assert "北京市海淀区人民法院" in compact and "刑事判决书" in compact
    assert "本院认为" in compact and "书记员许佳" in compact


def test_samples_are_complete() -> None:
    for name in ("draft_civil", "draft_criminal", "draft_ruling"):
        assert validate(copy.deepcopy(sample(name))) == [], name


# ---------------------------------------------------------------------------------------------- proof-reading
# Error findings a draft is *meant* to have: each is about a deliberate 【…】 placeholder, or about
# the 主文 that the program leaves to the judge. Nothing else is excused.
EXCUSED_CHECKS = {
    "DR-TXT-03": "leftover template placeholders: the 【…】 are the judge's to fill before issue",
    "DR-REQ-01": "every claim answered by a 主文 item: the 主文 is the 【判决主文】 placeholder",
}


def _check_modules() -> list[str]:
    import pkgutil

    import fazhi.review as pkg

    return [m.name for m in pkgutil.iter_modules(pkg.__path__) if m.name.startswith("checks_")]


# Further excused when the case gives no judgment date and the date line is the 【裁判日期】 placeholder.
EXCUSED_UNDATED = {
    "DR-SIG-04": "no date line after the judges: the signature date is the 【裁判日期】 placeholder",
}


def _excused(f: Any, dated: bool) -> bool:
    if f.check in EXCUSED_CHECKS:
        return True
    return not dated and f.check in EXCUSED_UNDATED


def _review_cases() -> list[tuple[str, dict[str, Any]]]:
    ruling = sample("draft_ruling")
    ruling.pop("objection")
    text = resources.files("fazhi.samples").joinpath("criminal_judgment.txt").read_text(encoding="utf-8")
    return [
        ("civil", sample("draft_civil")),
        ("criminal", sample("draft_criminal")),
        ("jurisdiction", sample("draft_ruling")),
        ("dismissal", dict(ruling, ruling_kind="驳回起诉",
                           statutes=[{"law": "中华人民共和国民事诉讼法", "article": 122},
                                     {"law": "中华人民共和国民事诉讼法", "article": 157, "paragraph": 1, "item": 3}])),
        ("withdrawal", dict(ruling, ruling_kind="准许撤诉", withdrawal_date="2024-06-20",
                            statutes=[{"law": "中华人民共和国民事诉讼法", "article": 148, "paragraph": 1}])),
        ("from_record", from_record(extract(text), text)),
    ]


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
@pytest.mark.parametrize("name", ["civil", "criminal", "jurisdiction", "dismissal", "withdrawal", "from_record"])
def test_drafts_pass_the_review_checks(kb: KnowledgeBase, name: str, dated: bool) -> None:
    """A generated draft has no error-severity finding except those about its deliberate placeholders."""
    if not _check_modules():
        pytest.skip("no proof-reading checks installed yet")
    from fazhi.review.run import review

    case = dict(_review_cases())[name]
    if dated:
        case.setdefault("judgment_date", "2024-06-28")  # a signature date, as on issue (DR-DATE-01)
    else:
        case.pop("judgment_date", None)
    d = draft(case, kb=kb, today=TODAY)
    assert d.missing == []
    assert dated or "【裁判日期：" in d.text
    findings = review(d.text, kb=kb)
    # a draft with the date line still a placeholder has no judgment date (nothing is guessed)
    assert dated or extract(d.text).judgment_date is None
    errors = [f for f in findings if f.severity == "error" and not _excused(f, dated)]
    assert errors == [], "\n".join(f"{f.check} {d.text[f.start:f.end]!r}: {f.message}" for f in errors)
    spans = [(p["start"], p["end"]) for p in d.placeholders]
    for f in findings:
        if f.check == "DR-TXT-03":  # the leftover-placeholder check points at our placeholders only
            assert any(s <= f.start < e for s, e in spans), (f.message, d.text[f.start:f.end])


_KEYS = ["doc_kind", "court", "case_number", "cause", "trial_procedure", "procedure", "filing_date", "hearing_date",
         "judgment_date", "public", "parties", "bench", "clerk", "claims", "claims_amount", "defence", "facts",
         "statutes", "charges", "detention", "prosecutor", "indictment", "ruling_kind", "objection"]


def test_arbitrary_json_never_raises(kb: KnowledgeBase) -> None:
    """validate() and draft() report bad input, whatever its shape; they never raise on it."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    scalars = st.none() | st.booleans() | st.integers(-5, 10**7) | st.text(max_size=12) | st.sampled_from(
        ["civil_judgment", "criminal_judgment", "civil_ruling", "简易程序", "普通程序", "2024-03-01", "原告", "被告",
         "被告人", "审判员", "审判长", "（2024）京0105民初1号", "北京市朝阳区人民法院", "管辖权异议", "第六十七条第三款"])
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.sampled_from(["role", "name", "title", "law", "article", "party",
                                                             "text", "刑事拘留", "agent_of", "kind"]), inner,
                                            max_size=4), max_leaves=12)
    cases = st.dictionaries(st.sampled_from(_KEYS), values, max_size=10)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(cases)
    def run(case: dict[str, Any]) -> None:
        problems = validate(case)
        assert all(m.field and m.message_zh and m.message_en for m in problems)
        d = draft(case, kb=kb, today=TODAY)
        assert (d.text == "") == (d.doc_kind is None)

    run()


def test_the_extractor_reads_a_draft_back(kb: KnowledgeBase) -> None:
    """Drafts are laid out as judgments are: document extraction finds the same case in them."""
    for name in ("draft_civil", "draft_criminal", "draft_ruling"):
        case = sample(name)
        rec = extract(draft(case, kb=kb, today=TODAY).text)
        assert (rec.case_number, rec.court, rec.trial_procedure) == (
            case["case_number"], case["court"], case["trial_procedure"])
        assert [(j.title, j.name) for j in rec.judges] == [(b["title"], b["name"]) for b in case["bench"]]
        assert rec.clerk == case["clerk"]
        assert {p.name for p in rec.parties} >= {p["name"] for p in case["parties"]}
        if "judgment_date" in case:  # the date line in Chinese numerals is read back
            assert rec.judgment_date == date.fromisoformat(case["judgment_date"])
        names = [s.name for s in rec.sections]
        assert names.index("本院认为") < names.index("判决主文") < names.index("上诉告知") < names.index("尾部")
