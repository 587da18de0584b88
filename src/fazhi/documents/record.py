"""The typed record that document extraction produces, and its JSON form.

The JSON keys named in the CLI contract (doc_type, procedure, case_number, court, cause,
judgment_date, parties, judges, clerk, statutes, claims_amount, sentences, court_fee) are
read by tools outside the project: keep them stable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(slots=True)
class PartyRecord:
    """A party or participant from the party block (当事人), with what the line says of them."""

    name: str
    role: str
    kind: str = "自然人"  # 自然人 | 单位
    original_role: str | None = None  # 上诉人（原审被告） -> 原审被告
    gender: str | None = None
    birth_date: date | None = None
    ethnicity: str | None = None
    education: str | None = None
    occupation: str | None = None
    address: str | None = None
    id_number: str | None = None
    credit_code: str | None = None
    custody: str | None = None  # 羁押 / 取保候审 / 监视居住 status as written
    representative: str | None = None  # 法定代表人 / 负责人 / 法定代理人 of this party
    law_firm: str | None = None  # for 委托诉讼代理人 / 辩护人
    represents: str | None = None  # for agents and representatives: whom they act for
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class JudgeRecord:
    """A member of the bench from the signature block."""

    name: str
    title: str


@dataclass(slots=True)
class StatuteRef:
    """A statute article as cited in the text (law title as written, article as integer)."""

    law: str
    article: int
    paragraph: int | None = None  # 款
    item: int | None = None  # 项
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class SentenceRecord:
    """The sentence one defendant received (per 判决主文)."""

    name: str | None
    charge: str | None
    term_months: int | None = None
    term_kind: str | None = None  # 有期徒刑 / 拘役 / 管制 / 无期徒刑 / 死刑 / 死刑缓期执行 / 免予刑事处罚
    probation_months: int | None = None
    fine_yuan: Decimal | None = None
    death: bool = False
    life: bool = False


@dataclass(slots=True)
class SectionSpan:
    """A section of the document (首部, 当事人, 查明事实 …) by character offsets."""

    name: str
    start: int
    end: int


@dataclass(slots=True)
class CaseRecord:
    """Everything extraction found in one document."""

    doc_type: str | None = None
    category: str | None = None
    procedure: str | None = None
    trial_procedure: str | None = None  # 普通程序 / 简易程序 / 速裁程序 / 小额诉讼程序
    title: str | None = None
    case_number: str | None = None
    case_number_problems: list[dict[str, str]] = field(default_factory=list)
    court: str | None = None
    court_code: str | None = None
    cause: str | None = None
    judgment_date: date | None = None
    filing_date: date | None = None  # 立案 / 受理
    key_dates: dict[str, date] = field(default_factory=dict)  # filing, prosecution, hearing
    parties: list[PartyRecord] = field(default_factory=list)
    judges: list[JudgeRecord] = field(default_factory=list)
    clerk: str | None = None
    judge_assistant: str | None = None
    statutes: list[StatuteRef] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    claims_amount: Decimal | None = None
    judgment_items: list[str] = field(default_factory=list)
    sentences: list[SentenceRecord] = field(default_factory=list)
    court_fee: Decimal | None = None
    cited_cases: list[str] = field(default_factory=list)
    sections: list[SectionSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict: dates in ISO form, amounts as numbers."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
