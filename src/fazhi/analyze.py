"""`fazhi analyze`: the main job — read a document, extract the case, store it, check its citations.

A thin composition of the capabilities below it (documents → store → laws); every result is an
Assist recorded in the audit log.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from fazhi.assist import Assist
from fazhi.ingest import StoredDocument, analyze_document
from fazhi.laws.citations import citation_assists
from fazhi.laws.kb import KnowledgeBase
from fazhi.ledger import record_assist


@dataclass
class Analysis:
    """What analysing one document produced."""

    stored: StoredDocument
    citations: list[Assist] = field(default_factory=list)
    prediction: Assist | None = None
    deviation: Assist | None = None

    def to_dict(self) -> dict:
        assert self.stored.assist is not None
        return {**self.stored.assist.flat(),
                "stored": {"case_id": self.stored.case_id, "document_id": self.stored.document_id,
                           "new": self.stored.created},
                "citations": [a.flat() for a in self.citations],
                "prediction": self.prediction.flat() if self.prediction else None,
                "deviation": self.deviation.flat() if self.deviation else None}


def analyze(session: Session, kb: KnowledgeBase | None, *, text: str, sha256: str, source: str, fmt: str,
            actor: str, skip: Collection[str] = ()) -> Analysis:
    """Store the document (if new), and check its statute citations as of its judgment date.

    ``skip`` names assist kinds not to compute (``citation_check``, ``judgment_prediction``,
    ``deviation_warning``): those a user switched off or an administrator stopped (§5, §7).
    """
    stored = analyze_document(session, text=text, sha256=sha256, source=source, fmt=fmt, actor=actor)
    result = Analysis(stored)
    if kb is not None and stored.assist is not None and "citation_check" not in skip:
        when: date | None = stored.assist.result.judgment_date
        for a in citation_assists(kb, text, when=when):
            result.citations.append(record_assist(session, a, actor=actor, input_sha256=sha256,
                                                  summary={"action": "analyze_cite", "status": a.result["status"]}))
    if stored.assist is not None and stored.assist.result.category == "刑事":
        _criminal_assists(session, kb, text, sha256, actor, result, skip)
    return result


def _criminal_assists(session: Session, kb: KnowledgeBase | None, text: str, sha256: str, actor: str,
                      result: Analysis, skip: Collection[str] = ()) -> None:
    """For a criminal judgment: the charge/article/term reference and, if it states a sentence,
    the deviation check against prediction and similar cases (法发〔2022〕33号 §8, §10)."""
    from fazhi.cases.index import facts_of
    from fazhi.errors import BadInput
    from fazhi.predict.assist import predict_assist
    from fazhi.predict.deviation import deviation_assist

    if "judgment_prediction" not in skip:
        p = predict_assist(facts_of(text), kb=kb, session=session)
        result.prediction = record_assist(session, p, actor=actor, input_sha256=sha256,
                                          summary={"action": "analyze_predict"})
    if ("deviation_warning" not in skip and result.stored.assist is not None
            and result.stored.assist.result.sentences):
        try:
            d = deviation_assist(session, text)
        except BadInput:
            return
        result.deviation = record_assist(session, d, actor=actor, input_sha256=sha256,
                                         summary={"action": "analyze_deviation", "warning": d.result["warning"]})
