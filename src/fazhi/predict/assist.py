"""Predictions in the Assist envelope: the articles' text from the knowledge base and the nearest
stored cases as basis, the facts that drove each charge as spans, the model card named."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from fazhi.assist import ArticleRef, Assist, Basis, CaseRef, ModelInfo, Span
from fazhi.laws.kb import KnowledgeBase
from fazhi.predict.model import Prediction, Predictor

MODEL = ModelInfo(name="fazhi-predict-cail", version="0.1.0", card_id="predict-cail-0.1")


def prediction_payload(p: Prediction) -> dict[str, Any]:
    """The JSON shape of the CLI contract: charges [{name, score, predicted}], articles [{law,
    article, score, predicted}], term_months, death, life, probation_months, fine_yuan, and the rest."""
    d = p.to_dict()
    d["charges"] = [{**c, "name": c["name"]} for c in d["charges"]]
    return d


def predict_assist(text: str, *, predictor: Predictor | None = None, kb: KnowledgeBase | None = None,
                   session: Session | None = None, similar_k: int = 3) -> Assist:
    """Predict from the facts and wrap the result with its basis and explanation."""
    predictor = predictor or Predictor.load()
    p = predictor.predict(text)
    articles: list[ArticleRef] = []
    if kb is not None:
        law = kb.find_law("中华人民共和国刑法")
        for a in p.articles:
            if a.predicted and law is not None:
                art = kb.article(law.id, a.article)
                articles.append(ArticleRef(law.title, a.article, art.version.version_date.isoformat()
                                           if art and art.version.version_date else None, art.text if art else None))
    cases: list[CaseRef] = []
    if session is not None and p.recognised:
        from fazhi.cases.search import Filters, similar

        top = p.predicted_charges[0] if p.predicted_charges else None
        for h in similar(session, text, k=similar_k, charges="、".join(p.predicted_charges),
                         filters=Filters(charge=top)):
            cases.append(CaseRef(str(h.case_number or f"document {h.document_id}"), h.why))
    spans = tuple(Span(e.start, e.end, f"{c.name}") for c in p.charges if c.predicted for e in c.evidence)
    spans += tuple(Span(c.start, c.end, c.name) for c in p.circumstances)
    if p.recognised:
        charges = "、".join(f"{c.name}罪（{c.score:.0%}）" for c in p.charges if c.predicted)
        term = ("死刑" if p.death else "无期徒刑" if p.life else
                f"有期徒刑约{p.term_months}个月" if p.term_months is not None else "刑期无法估计")
        explanation = (f"依据事实中的用语与已训练的案例模型、罪名定义和刑法条文，参考罪名：{charges}；参考刑期：{term}"
                       + (f"，缓刑{p.probation_months}个月" if p.probation_months else "")
                       + (f"；量刑情节：{'、'.join(c.name for c in p.circumstances)}" if p.circumstances else "")
                       + "。" + "；".join(e.rstrip("。；") for e in p.explanation[:3]) + ("。" if p.explanation else ""))
    else:
        explanation = p.message or "未识别出刑事罪名（事实过短、非刑事内容或缺少法律要素），不作预测。"
    best = max((c.score for c in p.charges if c.predicted), default=None)
    return Assist(kind="judgment_prediction", result=prediction_payload(p), model=MODEL, explanation=explanation,
                  basis=Basis(articles=tuple(articles), cases=tuple(cases), spans=spans),
                  confidence=round(float(best), 4) if best is not None else 0.0)
