"""The check registry and the shared context every check reads.

A check is ``fn(ctx: Context) -> Iterable[Finding]`` registered with :func:`check`:

    @check("DR-DATE-01", family="date", basis="…", severity="error")
    def signature_date_in_chinese(ctx): ...

``family`` groups checks for the error-injection benchmark (case_number, court, party, claim,
citation, amount, fee, term, sentence, appeal, date, signature, section, typo …). A check
yields :class:`Finding` objects with offsets into ``ctx.text`` (the input as given); a check
that cannot decide (the document lacks what it needs) yields nothing or an ``info`` finding
saying what is missing — it never raises: the runner turns an unexpected exception into an
``info`` finding naming the check, so one faulty check cannot sink a review.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from fazhi.documents.record import CaseRecord

SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class Finding:
    """One problem found: which check, how serious, where, what to do about it."""

    check: str
    severity: str
    message: str
    start: int
    end: int
    suggestion: str | None = None
    basis: str | None = None
    family: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"check": self.check, "severity": self.severity, "message": self.message,
                               "start": self.start, "end": self.end, "suggestion": self.suggestion,
                               "basis": self.basis, "family": self.family}
        if self.data:
            out["data"] = self.data
        return out


@dataclass(frozen=True, slots=True)
class CheckSpec:
    id: str
    family: str
    basis: str
    severity: str
    fn: Callable[[Context], Iterable[Finding]]
    doc: str


REGISTRY: dict[str, CheckSpec] = {}


def check(check_id: str, *, family: str, basis: str, severity: str = "error") -> Callable[
        [Callable[[Context], Iterable[Finding]]], Callable[[Context], Iterable[Finding]]]:
    """Register a check under its spec id (document_review.md)."""
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")

    def deco(fn: Callable[[Context], Iterable[Finding]]) -> Callable[[Context], Iterable[Finding]]:
        if check_id in REGISTRY and REGISTRY[check_id].fn is not fn:
            raise ValueError(f"check {check_id} registered twice")
        REGISTRY[check_id] = CheckSpec(check_id, family, basis, severity, fn, (fn.__doc__ or "").strip())
        return fn
    return deco


class Context:
    """What checks read: the text, the extracted record, and lazily the knowledge base."""

    def __init__(self, text: str, *, kb: Any = None, today: date | None = None) -> None:
        self.text = text
        self._kb = kb
        self.today = today or date.today()

    @cached_property
    def record(self) -> CaseRecord:
        from fazhi.documents.extract import extract

        return extract(self.text)

    @property
    def kb(self) -> Any:
        """The statute knowledge base (opened on first use)."""
        if self._kb is None:
            from fazhi.laws.kb import open_kb

            self._kb = open_kb()
        return self._kb

    def section(self, name: str) -> tuple[int, str]:
        """(start offset, text) of a section of the record ('查明事实', '判决主文', '尾部' …); (0, '') if absent."""
        for s in self.record.sections:
            if s.name == name:
                return s.start, self.text[s.start:s.end]
        return 0, ""

    def finding(self, spec_id: str, message: str, start: int, end: int, suggestion: str | None = None,
                *, severity: str | None = None, **data: Any) -> Finding:
        """A Finding filled with the registered check's severity, basis and family."""
        spec = REGISTRY[spec_id]
        return Finding(spec_id, severity or spec.severity, message, start, end, suggestion, spec.basis,
                       spec.family, dict(data))
