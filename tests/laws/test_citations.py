"""Every citation found, resolved and checked against the knowledge base."""

from __future__ import annotations

from datetime import date

from fazhi.laws.citations import check_citations, citation_assists
from fazhi.laws.kb import KnowledgeBase

TEXT = ("依照《中华人民共和国合同法》第一百零七条、《刑法》第264条、《中华人民共和国刑法》第二百六十四条、第六十七条第三款，"
        "《中华人民共和国民法典》第一千三百条，该法第五百七十七条，《中华人民共和国民事诉讼法》第六十\n七条第九款、"
        "《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》第二十五条，《某某保护法》第三条之规定")


def _by_written(checks):  # type: ignore[no-untyped-def]
    return {(c.law_as_written, c.article): c for c in checks}


def test_each_kind_of_problem_is_found(kb: KnowledgeBase) -> None:
    checks = _by_written(check_citations(kb, TEXT, when=date(2023, 5, 1)))
    contract = checks[("中华人民共和国合同法", 107)]
    assert contract.status == "error" and contract.findings[0].code == "LAW-REPEALED"
    assert [a.label for a in contract.successor] == ["《中华人民共和国民法典》第五百七十七条"]
    assert checks[("刑法", 264)].findings[0].code == "TITLE-SHORT"
    ok = checks[("中华人民共和国刑法", 264)]
    assert ok.status == "ok" and "盗窃公私财物" in ok.resolved.text
    assert checks[("中华人民共和国刑法", 67)].status == "ok" and checks[("中华人民共和国刑法", 67)].paragraph == 3
    assert checks[("中华人民共和国民法典", 1300)].findings[0].code == "ARTICLE-MISSING"
    assert checks[("中华人民共和国民法典", 577)].status == "ok"  # 该法 -> the last law named
    split = checks[("中华人民共和国民事诉讼法", 67)]
    assert split.findings[0].code == "PARAGRAPH-MISSING"
    assert TEXT[split.start:split.end] == "第六十\n七条第九款"  # offsets into the input, across the break
    assert checks[("最高人民法院关于审理民间借贷案件适用法律若干问题的规定", 25)].status == "ok"
    assert checks[("某某保护法", 3)].findings[0].code == "LAW-UNKNOWN"


def test_old_citation_in_an_old_judgment_is_not_an_error(kb: KnowledgeBase) -> None:
    checks = check_citations(kb, "依照《中华人民共和国合同法》第一百零七条之规定", when=date(2015, 6, 1))
    assert checks[0].findings == [] or all(f.code != "LAW-REPEALED" for f in checks[0].findings)


def test_full_width_digits_and_assist_envelope(kb: KnowledgeBase) -> None:
    assists = citation_assists(kb, "依照《中华人民共和国刑法》第２６４条", when=date(2024, 1, 1))
    assert len(assists) == 1
    a = assists[0]
    assert a.kind == "citation_check" and a.result["article"] == 264 and a.result["status"] == "ok"
    assert a.basis.articles[0].text.startswith("盗窃公私财物")
    assert a.notice.startswith("本结果由人工智能辅助生成")


def test_malformed_numeral_and_bare_law_names(kb: KnowledgeBase) -> None:
    checks = check_citations(kb, "依照《中华人民共和国刑法》第二百六十四十条，依照民法典第五百七十七条、劳动合同法第八十二条",
                             when=date(2024, 1, 1), judgment=False)
    codes = [(c.law_as_written, c.article, c.status) for c in checks]
    assert codes[0][2] == "error" and checks[0].findings[0].code == "ARTICLE-NUMBER-MALFORMED"
    assert ("民法典", 577, "ok") in codes and ("劳动合同法", 82, "ok") in codes
    assert len(checks) == 3
