"""Similar-case search: rank stored cases by their facts, filter, and explain each hit.

An explanation names the shared key elements (charges, amounts, injury, sentencing
circumstances), the differences that matter, and the outcome of the similar case, so that a
judge sees why it was pushed (法发〔2022〕33号 §16: explainable retrieval).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from fazhi.assist import Assist, Basis, CaseRef, ModelInfo
from fazhi.cases.index import CaseIndex, facts_of, load_case_index
from fazhi.laws.lexical import rrf
from fazhi.predict.features import extract_cues
from fazhi.store.models import Case, Document, Sentence

MAX_QUERY_TERMS = 96  # the most specific bigrams of the facts; bounds the cost of long facts
MODEL = ModelInfo(name="fazhi-similar-cases", version="0.1.0", card_id="similar-cases-0.1")


@dataclass
class Filters:
    """Structured filters: charge or cause (substring), court (substring), province code, years."""

    charge: str | None = None
    court: str | None = None
    province: str | None = None
    year_from: int | None = None
    year_to: int | None = None

    def mask(self, idx: CaseIndex) -> np.ndarray:
        keep = np.ones(idx.size, dtype=bool)
        if self.charge:
            keep &= np.array([self.charge.removesuffix("罪") in c for c in idx.charges])
        if self.court:
            keep &= np.array([self.court in c for c in idx.courts])
        if self.province:
            keep &= np.array([p == self.province for p in idx.provinces])
        if self.year_from:
            keep &= idx.years >= self.year_from
        if self.year_to:
            keep &= (idx.years <= self.year_to) & (idx.years > 0)
        return keep


@dataclass
class SimilarCase:
    """One similar case with why."""

    document_id: int
    case_id: int
    case_number: str | None
    court: str | None
    cause: str | None
    score: float
    shared: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    outcome: str | None = None
    facts: str = ""

    def to_dict(self) -> dict:
        return {"document_id": self.document_id, "case_id": self.case_id, "case_number": self.case_number,
                "court": self.court, "cause": self.cause, "score": round(self.score, 4), "shared": self.shared,
                "differences": self.differences, "outcome": self.outcome, "facts": self.facts[:300]}

    @property
    def why(self) -> str:
        parts = []
        if self.shared:
            parts.append("相同：" + "、".join(self.shared))
        if self.differences:
            parts.append("不同：" + "；".join(self.differences))
        if self.outcome:
            parts.append("结果：" + self.outcome)
        return "。".join(parts) or "事实用语相近"


def _profile(text: str, charges: str | None) -> dict:
    """The key elements a judge compares, read by the same cue extraction the predictor uses
    (sentencing.md §2.4 circumstances, amounts, injury grade)."""
    cues = extract_cues(text)
    worst = max(cues.injuries, key=lambda c: c.value, default=None)
    amount = cues.total_amount if any(c.name == "total" for c in cues.amounts) else cues.max_amount
    return {"charges": {c for c in (charges or "").replace("罪", "").split("、") if c},
            "amount": amount or None, "injury": worst.name if worst else None,
            "circ": {c.name for c in cues.circumstances}}


def _compare(q: dict, h: dict) -> tuple[list[str], list[str]]:
    shared, diff = [], []
    both = q["charges"] & h["charges"]
    if both:
        shared.append("罪名" + "、".join(sorted(both)))
    elif q["charges"] and h["charges"]:
        diff.append(f"罪名不同（{'、'.join(sorted(h['charges']))}）")
    if q["injury"] and h["injury"]:
        (shared if q["injury"] == h["injury"] else diff).append(
            f"伤情{q['injury']}" if q["injury"] == h["injury"] else f"伤情{h['injury']}（本案{q['injury']}）")
    if q["amount"] and h["amount"]:
        ratio = float(h["amount"]) / max(float(q["amount"]), 1.0)
        if 0.5 <= ratio <= 2:
            shared.append(f"金额相近（{h['amount']:,.0f}元）")
        else:
            diff.append(f"金额{h['amount']:,.0f}元（本案{q['amount']:,.0f}元）")
    common = q["circ"] & h["circ"]
    if common:
        shared.append("情节" + "、".join(sorted(common)))
    only_h = h["circ"] - q["circ"]
    if only_h:
        diff.append("该案另有" + "、".join(sorted(only_h)))
    return shared, diff


def _outcome(session: Session, doc_id: int) -> str | None:
    rows = session.execute(select(Sentence).where(Sentence.document_id == doc_id)).scalars().all()
    parts = []
    for s in rows:
        if s.death:
            term = "死刑"
        elif s.life:
            term = "无期徒刑"
        elif s.term_months is not None:
            term = f"刑期{s.term_months}个月"
        else:
            term = "刑期不详"
        extra = f"，缓刑{s.probation_months}个月" if s.probation_months else ""
        fine = f"，罚金{float(s.fine_yuan):,.0f}元" if s.fine_yuan else ""
        parts.append(f"{s.name or ''}{('（' + s.charge + '）') if s.charge else ''}{term}{extra}{fine}")
    return "；".join(parts) or None


def similar(session: Session, text: str, *, k: int = 10, filters: Filters | None = None,
            index: CaseIndex | None = None, charges: str | None = None,
            exclude_document: int | None = None, encoder=None) -> list[SimilarCase]:  # type: ignore[no-untyped-def]
    """The ``k`` stored cases whose facts are most like ``text``, explained. With an encoder and
    case vectors built, lexical and dense rankings are fused by reciprocal rank."""
    idx = index or load_case_index(session)
    if idx.size == 0:
        return []
    query = facts_of(text)
    mask = (filters or Filters()).mask(idx)
    scores = idx.bm25.scores(query, mask, max_terms=MAX_QUERY_TERMS)
    if encoder is not None and idx.dense is not None:
        sim = idx.dense @ encoder.encode([query[:480]], is_query=True)[0].astype(np.float32)
        sim[~mask] = -1
        scores = rrf(scores, sim, pool=max(k * 10, 100))
    order = np.argsort(-scores)
    q = _profile(query, charges)
    out: list[SimilarCase] = []
    for d in order:
        if scores[d] <= 0 or len(out) >= k:
            break
        doc_id = int(idx.doc_ids[d])
        if doc_id == exclude_document:
            continue
        doc, case = session.execute(select(Document, Case).join(Case, Case.id == Document.case_id)
                                    .where(Document.id == doc_id)).one()
        facts = facts_of(doc.text)
        shared, diff = _compare(q, _profile(facts, doc.record.get("cause")))
        out.append(SimilarCase(doc_id, case.id, case.case_number, case.court, case.cause or doc.record.get("cause"),
                               float(scores[d]), shared, diff, _outcome(session, doc_id), facts))
    return out


def similar_assist(session: Session, text: str, **kwargs) -> Assist:  # type: ignore[no-untyped-def]
    """:func:`similar` in the Assist envelope, each case with why it is similar as basis."""
    hits = similar(session, text, **kwargs)
    basis = Basis(cases=tuple(CaseRef(str(h.case_number or f"document {h.document_id}"), h.why) for h in hits))
    explanation = (f"按案情事实的用语相似度（BM25）检索已入库案件，推送{len(hits)}件，并列出相同要素、差异与裁判结果。"
                   if hits else "库中没有找到事实相近的案件（请先用 fazhi ingest 导入案例）。")
    return Assist(kind="similar_cases", result={"cases": [h.to_dict() for h in hits]}, model=MODEL,
                  explanation=explanation, basis=basis, confidence=None)
