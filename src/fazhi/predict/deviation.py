"""Deviation warning (裁判偏离度预警, 法发〔2022〕33号 §10): place a sentence within the predicted
sentence and within the cohort of similar stored cases, and warn when it lies outside the band.

The band is configurable (``band``: the central share of the cohort that counts as usual, 0.8 by
default, or FAZHI_DEVIATION_BAND). The cohort is shown as the basis; the warning is a prompt to
look again, never a finding that the sentence is wrong.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from fazhi.assist import Assist, Basis, CaseRef, ModelInfo
from fazhi.cases.index import facts_of
from fazhi.cases.search import Filters, similar
from fazhi.documents.extract import extract
from fazhi.errors import BadInput
from fazhi.predict.model import Predictor
from fazhi.store.models import Sentence

MODEL = ModelInfo(name="fazhi-deviation", version="0.1.0", card_id="predict-cail-0.1")
# Predicted term: a sentence more than this far from it in log(months+1) is flagged (≈ ×/÷ 2.7;
# bench/bench_deviation.py: at 0.6 it flagged 30% of real held-out sentences, at 1.0 about 12%).
PREDICTION_TOLERANCE = 1.0


def default_band() -> float:
    raw = os.environ.get("FAZHI_DEVIATION_BAND", "0.8")
    try:
        band = float(raw)
    except ValueError as exc:
        raise BadInput(f"FAZHI_DEVIATION_BAND 应为0到1之间的数：{raw}", f"FAZHI_DEVIATION_BAND must be in (0, 1): {raw}") from exc
    if not 0 < band < 1:
        raise BadInput(f"偏离区间应在0到1之间：{band}", f"the band must be between 0 and 1: {band}")
    return band


@dataclass
class DeviationResult:
    """One defendant's sentence placed against prediction and cohort."""

    name: str | None
    charge: str | None
    given_months: int | None
    predicted_months: int | None
    cohort_terms: list[int] = field(default_factory=list)
    cohort_band: tuple[float, float] | None = None
    percentile: float | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "charge": self.charge, "given_months": self.given_months,
                "predicted_months": self.predicted_months, "cohort_size": len(self.cohort_terms),
                "cohort_median": float(np.median(self.cohort_terms)) if self.cohort_terms else None,
                "cohort_band": list(self.cohort_band) if self.cohort_band else None,
                "percentile": self.percentile, "warning": bool(self.warnings), "warnings": self.warnings}


def deviation_assist(session: Session, text: str, *, band: float | None = None, k: int = 30,
                     predictor: Predictor | None = None, court: str | None = None) -> Assist:
    """Check the sentences of a decided or draft criminal judgment against prediction and cohort.

    ``court`` limits the cohort to one court's cases (the workbench passes the user's court)."""
    band = default_band() if band is None else band
    if not 0 < band < 1:
        raise BadInput(f"偏离区间应在0到1之间：{band}", f"the band must be between 0 and 1: {band}")
    rec = extract(text)
    if not rec.sentences:
        raise BadInput("文书中没有找到刑罚（需要刑事判决书或含判项的草稿）",
                       "no sentence found in the document (a criminal judgment or a draft with its operative part is needed)")
    facts = facts_of(text)
    pred = (predictor or Predictor.load()).predict(facts)
    lo_q, hi_q = (1 - band) / 2, 1 - (1 - band) / 2
    results: list[DeviationResult] = []
    cohort_refs: list[CaseRef] = []
    for s in rec.sentences:
        charge = (s.charge or "").split("、")[0] or None
        hits = similar(session, facts, k=k, filters=Filters(charge=charge.removesuffix("罪") if charge else None,
                                                           court=court), charges=charge)
        terms: list[int] = []
        for h in hits:
            row = session.execute(select(Sentence.term_months).where(Sentence.document_id == h.document_id)
                                  .where(Sentence.term_months.is_not(None))).first()
            if row is not None and row[0] is not None:
                terms.append(int(row[0]))
                if len(cohort_refs) < 10:
                    cohort_refs.append(CaseRef(str(h.case_number or f"document {h.document_id}"),
                                               f"{h.why}（刑期{row[0]}个月）"))
        r = DeviationResult(s.name, s.charge, s.term_months, pred.term_months if pred.recognised else None, terms)
        if s.term_months is not None and len(terms) >= 5:
            lo, hi = float(np.quantile(terms, lo_q)), float(np.quantile(terms, hi_q))
            r.cohort_band = (lo, hi)
            r.percentile = round(float(np.mean(np.array(terms) <= s.term_months)), 3)
            if s.term_months < lo:
                r.warnings.append(f"刑期{s.term_months}个月低于{len(terms)}件类案的常见区间（{lo:.0f}–{hi:.0f}个月，中间{band:.0%}）")
            elif s.term_months > hi:
                r.warnings.append(f"刑期{s.term_months}个月高于{len(terms)}件类案的常见区间（{lo:.0f}–{hi:.0f}个月，中间{band:.0%}）")
        if s.term_months is not None and r.predicted_months is not None:
            gap = abs(math.log(s.term_months + 1) - math.log(r.predicted_months + 1))
            if gap > PREDICTION_TOLERANCE:
                r.warnings.append(f"刑期{s.term_months}个月与模型参考刑期约{r.predicted_months}个月差距较大")
        results.append(r)
    warn = [w for r in results for w in r.warnings]
    explanation = ("；".join(warn) + "。请结合案件具体情况复核，本提示不代表量刑错误。") if warn else \
        "刑期处于类案常见区间与模型参考范围之内，未发现明显偏离。"
    return Assist(kind="deviation_warning", result={"band": band, "defendants": [r.to_dict() for r in results],
                                                     "warning": bool(warn)},
                  model=MODEL, explanation=explanation, basis=Basis(cases=tuple(cohort_refs)), confidence=None)
