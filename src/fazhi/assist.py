"""The Assist envelope: every AI output travels in it (DESIGN.md §3, 法发〔2022〕33号 §5–6).

An Assist carries the result together with what it rests on (basis), a short Chinese
explanation, the method that produced it (model card) and the reference-only notice.
Its ``audit_id`` is filled in when the ledger records it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# 法发〔2022〕33号 §5: AI results are reference only, never a substitute for the judge.
NOTICE = "本结果由人工智能辅助生成，仅供参考，不代替审判人员的判断。"


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A statute article the result rests on."""

    law: str
    article: int | None
    version: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class CaseRef:
    """A case the result rests on, with why it is relevant."""

    case_id: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the input text, by character offsets (end exclusive)."""

    start: int
    end: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class Basis:
    """What an Assist rests on: articles, cases and text spans."""

    articles: tuple[ArticleRef, ...] = ()
    cases: tuple[CaseRef, ...] = ()
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [_slots_dict(a) for a in self.articles],
            "cases": [_slots_dict(c) for c in self.cases],
            "spans": [_slots_dict(s) for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """The method that produced a result: name, version and model-card id."""

    name: str
    version: str
    card_id: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, "card_id": self.card_id}


@dataclass(frozen=True, slots=True)
class Assist:
    """One AI output with its basis, explanation, model card and notice."""

    kind: str
    result: Any
    model: ModelInfo
    explanation: str
    basis: Basis = field(default_factory=Basis)
    confidence: float | None = None
    notice: str = NOTICE
    audit_id: int | None = None

    def with_audit_id(self, audit_id: int) -> Assist:
        return replace(self, audit_id=audit_id)

    def envelope(self) -> dict[str, Any]:
        """Everything but the result, as plain JSON-ready data."""
        return {
            "kind": self.kind,
            "confidence": None if self.confidence is None else round(float(self.confidence), 4),
            "basis": self.basis.to_dict(),
            "explanation": self.explanation,
            "model": self.model.to_dict(),
            "notice": self.notice,
            "audit_id": self.audit_id,
        }

    def to_dict(self) -> dict[str, Any]:
        """The envelope with the result under ``result`` (DESIGN.md §3 field order)."""
        env = self.envelope()
        return {"kind": env.pop("kind"), "result": _plain(self.result), **env}

    def flat(self) -> dict[str, Any]:
        """The serialised form used by the CLI, API and web for record-shaped results.

        The result's keys are at the top level (so tools that read e.g. ``case_number``
        find it where the CLI contract says), and the envelope sits under ``assist``.
        """
        payload = _plain(self.result)
        if not isinstance(payload, dict):
            payload = {"result": payload}
        return {**payload, "assist": self.envelope()}


def _slots_dict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def _plain(value: Any) -> Any:
    """Turn dataclasses (with an ``as_dict``/``to_dict``) into JSON-ready values."""
    for attr in ("to_dict", "as_dict"):
        method = getattr(value, attr, None)
        if callable(method):
            return method()
    return value
