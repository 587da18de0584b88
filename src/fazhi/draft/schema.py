"""The structured case a clerk writes for drafting, and its validation.

What: a JSON object (``doc_kind``, ``court``, ``case_number``, ``parties``, ``bench`` …) is read
into a typed :class:`CaseInput`; :func:`validate` lists every required field that is missing or
unusable, per document kind, in Chinese and English. :func:`from_record` builds such an object from
what :func:`fazhi.documents.extract.extract` found in an existing document.

Why: a draft is only as good as its inputs. The clerk must learn *all* gaps at once (the CLI prints
them and exits 2), so reading never raises on a bad value: it records a :class:`MissingField` and
carries on with ``None``, and the renderer puts a placeholder where the value would go.

Required fields (document_types.md §4–§5, document_review.md §1–§3, §10):

* every kind: ``doc_kind``, ``court``, ``case_number``, ``trial_procedure`` (alias ``procedure``),
  ``filing_date``, ``parties``, ``bench``;
* ``civil_judgment``: ``cause``, ``claims``, at least one 原告 and one 被告;
* ``criminal_judgment``: ``charges``, ``prosecutor`` (or a 公诉机关 party), ``indictment``
  (the 起诉书 number), at least one 被告人; ``filing_date`` is the day of 提起公诉;
* ``civil_ruling``: ``ruling_kind`` (驳回起诉 / 准许撤诉 / 管辖权异议), ``cause``, a 原告 and a
  被告; 驳回起诉 also ``claims``; 管辖权异议 also ``objection`` (who objected and why).

Optional (a placeholder or nothing is drafted without them): ``hearing_date``, ``judgment_date``,
``public`` (default true), ``clerk``, ``assistant``, ``claim_grounds``, ``claims_amount``,
``defence``, ``facts``, ``statutes``, ``detention``, ``custody_place``, ``prosecutor_staff``,
``accusation``, ``withdrawal_date``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi.documents.case_number import parse_case_number, validate_case_number
from fazhi.documents.courts import court_by_code
from fazhi.documents.record import CaseRecord
from fazhi.text import cn_to_int, find_dates, parse_date, parse_number

__all__ = [
    "AGENT_ROLES",
    "DOC_KINDS",
    "RULING_KINDS",
    "BenchMember",
    "CaseInput",
    "MissingField",
    "Party",
    "StatuteInput",
    "from_record",
    "parse_case",
    "validate",
]

# doc_kind -> (category, document type, title); the title per DR-HDR-02 (document_review.md §1).
DOC_KINDS: dict[str, tuple[str, str, str]] = {
    "civil_judgment": ("民事", "判决书", "民事判决书"),
    "criminal_judgment": ("刑事", "判决书", "刑事判决书"),
    "civil_ruling": ("民事", "裁定书", "民事裁定书"),
}
# The rulings this drafter knows: the CPL art. 157 ¶1 items (三) 驳回起诉, (五) 准许撤诉, (二) 管辖权异议.
RULING_KINDS = ("驳回起诉", "准许撤诉", "管辖权异议")
# Trial procedures per kind: civil CPL arts. 40, 160, 165 (小额诉讼); criminal CrimPL arts. 183, 214, 222 (速裁).
_PROCEDURES: dict[str, tuple[str, ...]] = {
    "civil_judgment": ("普通程序", "简易程序", "小额诉讼程序"),
    "criminal_judgment": ("普通程序", "简易程序", "速裁程序"),
    "civil_ruling": ("普通程序", "简易程序", "小额诉讼程序"),
}
# 案号 type code of a first-instance case (case_number.md §4.1–4.2).
_TYPE_CODE = {"civil_judgment": "民初", "criminal_judgment": "刑初", "civil_ruling": "民初"}
BENCH_TITLES = ("审判长", "审判员", "人民陪审员")
AGENT_ROLES = frozenset({"委托诉讼代理人", "辩护人"})
REPRESENTATIVE_ROLES = frozenset({"法定代表人", "负责人", "法定代理人"})
# Role labels of a first-instance civil and a criminal party block (DR-PTY-01).
_CIVIL_ROLES = ("原告", "被告", "第三人", *sorted(AGENT_ROLES - {"辩护人"}), *sorted(REPRESENTATIVE_ROLES))
_CRIMINAL_ROLES = ("公诉机关", "被告人", "辩护人", "被害人", "法定代理人")
_ROLE_ALIASES = {"委托代理人": "委托诉讼代理人", "指定辩护人": "辩护人"}
# Coercive measures in the order they may follow each other (DR-PTY-07: 刑拘 ≤ 逮捕).
DETENTION_KINDS = ("刑事拘留", "逮捕", "取保候审", "监视居住", "指定居所监视居住")


@dataclass(frozen=True, slots=True)
class MissingField:
    """One required field that is missing or unusable: where (a JSON path), what, and why."""

    field: str  # "court", "parties[1].name", "bench"
    problem: str  # "missing" | "invalid"
    message_zh: str
    message_en: str

    def message(self) -> str:
        """One line, Chinese first, then English (as the CLI prints it)."""
        return f"{self.field}: {self.message_zh} / {self.message_en}"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(slots=True)
class Party:
    """A party or participant as the clerk gives it (role and name; details as known)."""

    role: str
    name: str
    kind: str = "自然人"  # 自然人 | 单位
    gender: str | None = None
    birth_date: date | None = None
    birthplace: str | None = None
    ethnicity: str | None = None
    education: str | None = None
    occupation: str | None = None
    household: str | None = None  # 户籍地
    address: str | None = None  # 住 / 住所地
    id_number: str | None = None
    credit_code: str | None = None
    representative: str | None = None  # 法定代表人 / 负责人 of a 单位
    representative_title: str | None = None
    agent_of: str | None = None  # for agents and representatives: whom they act for
    law_firm: str | None = None
    relation: str | None = None  # non-lawyer agent: 系原告之子
    record: str | None = None  # 前科 (criminal)
    detention: dict[str, date] = field(default_factory=dict)
    detention_authority: str | None = None
    custody_place: str | None = None
    foreign: bool = False  # no domicile in China (CPL art. 286: 30-day appeal period)
    absent: bool = False  # did not attend the hearing (DR-PROC-03)


@dataclass(frozen=True, slots=True)
class BenchMember:
    """A member of the bench: 审判长 / 审判员 / 人民陪审员."""

    title: str
    name: str


@dataclass(frozen=True, slots=True)
class StatuteInput:
    """A statute article the case record lists: law as written, article (之n as ``sub``), 款, 项."""

    law: str
    article: int
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None


@dataclass(slots=True)
class CaseInput:
    """The structured case, typed; unusable values are None (see :func:`parse_case`)."""

    doc_kind: str | None = None
    court: str | None = None
    case_number: str | None = None
    court_code: str | None = None
    cause: str | None = None
    trial_procedure: str | None = None
    filing_date: date | None = None
    hearing_date: date | None = None
    judgment_date: date | None = None
    public: bool = True
    parties: list[Party] = field(default_factory=list)
    bench: list[BenchMember] = field(default_factory=list)
    clerk: str | None = None
    assistant: str | None = None
    claims: list[str] = field(default_factory=list)
    claim_grounds: str | None = None
    claims_amount: Decimal | None = None
    defence: list[tuple[str | None, str]] = field(default_factory=list)  # (party name or None, text)
    facts: str | None = None
    statutes: list[StatuteInput] = field(default_factory=list)
    charges: list[str] = field(default_factory=list)
    prosecutor: str | None = None
    prosecutor_staff: str | None = None
    indictment: str | None = None
    accusation: str | None = None
    ruling_kind: str | None = None
    withdrawal_date: date | None = None
    objection: tuple[str | None, str] | None = None  # (objecting party, grounds)

    @property
    def category(self) -> str | None:
        return DOC_KINDS[self.doc_kind][0] if self.doc_kind in DOC_KINDS else None

    def principals(self, *roles: str) -> list[Party]:
        """The parties with one of ``roles``, in input order."""
        return [p for p in self.parties if p.role in roles]


# ---------------------------------------------------------------------------------------------- reading values
class _Reader:
    """Reads one JSON object, collecting problems instead of raising."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj if isinstance(obj, dict) else {}
        self.problems: list[MissingField] = []
        self.warnings: list[str] = []

    def missing(self, path: str, zh: str, en: str) -> None:
        self.problems.append(MissingField(path, "missing", f"缺少{zh}", f"{en} is required"))

    def invalid(self, path: str, zh: str, en: str) -> None:
        self.problems.append(MissingField(path, "invalid", zh, en))

    def text(self, value: Any, path: str, zh: str, en: str, *, required: bool = False) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.missing(path, zh, en)
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.invalid(path, f"{zh}应为文字", f"{en} must be a string")
            return None
        return value.strip()

    def day(self, value: Any, path: str, zh: str, en: str, *, required: bool = False) -> date | None:
        if value is None or value == "":
            if required:
                self.missing(path, zh, en)
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except ValueError:
                pass
        self.invalid(path, f"{zh}不是有效日期：{value!r}（应写作2024-03-01或2024年3月1日）",
                     f"{en} is not a valid date: {value!r} (write 2024-03-01)")
        return None

    def text_list(self, value: Any, path: str, zh: str, en: str, *, required: bool = False) -> list[str]:
        if value is None or value == [] or value == "":
            if required:
                self.missing(path, zh, en)
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.invalid(path, f"{zh}应为列表", f"{en} must be a list")
            return []
        out: list[str] = []
        for i, item in enumerate(items):
            t = self.text(item, f"{path}[{i}]", zh, en)
            if t:
                out.append(t)
        if required and not out:
            self.missing(path, zh, en)
        return out


def _amount(value: Any) -> Decimal | None:
    """An amount in yuan from 100000, "100,000.00", "10万元"; None if it is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip().removeprefix("人民币").removesuffix("元")
        try:
            return parse_number(text)
        except (ValueError, InvalidOperation):
            return None
    return None


_ARTICLE_TEXT = re.compile(
    r"^第?(?P<n>[0-9]+|[零〇一二两三四五六七八九十百千]+)条?(?:之(?P<sub>[0-9]+|[一二三四五六七八九十]+))?"
    r"(?:第(?P<para>[0-9]+|[一二三四五六七八九十]+)款)?(?:第[（(]?(?P<item>[0-9]+|[一二三四五六七八九十]+)[）)]?项)?$"
)


def _numeral(s: str | None) -> int | None:
    if s is None:
        return None
    return int(s) if s.isdigit() else cn_to_int(s)


def _article(value: Any) -> tuple[int, int, int | None, int | None] | None:
    """(article, sub, 款, 项) from 264, "264", "第二百六十四条", "第一百三十三条之一第一款"; None if unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, 0, None, None) if value > 0 else None
    if not isinstance(value, str):
        return None
    m = _ARTICLE_TEXT.match(re.sub(r"\s+", "", value))
    if not m:
        return None
    try:
        n = _numeral(m["n"])
        sub = _numeral(m["sub"]) or 0
        para, item = _numeral(m["para"]), _numeral(m["item"])
    except ValueError:
        return None
    return (n, sub, para, item) if n and n > 0 else None


def _positive(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    if isinstance(value, str):
        try:
            n = _numeral(value.strip().removeprefix("第").removesuffix("款").removesuffix("项").strip("（）()"))
        except ValueError:
            return None
        return n if n and n > 0 else None
    return None


# ---------------------------------------------------------------------------------------------- the parser
def parse_case(obj: Any) -> tuple[CaseInput, list[MissingField], list[str]]:
    """Read ``obj`` into a :class:`CaseInput`; also return the problems and the warnings found.

    Never raises on bad values: an unusable value is recorded and left as None/empty.
    """
    r = _Reader(obj)
    o = r.obj
    case = CaseInput()
    if not isinstance(obj, dict):
        r.invalid("$", "输入应为JSON对象", "input must be a JSON object")
    kind = r.text(o.get("doc_kind"), "doc_kind", "文书种类（doc_kind）", "doc_kind", required=True)
    if kind is not None and kind not in DOC_KINDS:
        r.invalid("doc_kind", f"文书种类应为{'、'.join(DOC_KINDS)}之一：{kind!r}",
                  f"doc_kind must be one of {', '.join(DOC_KINDS)}: {kind!r}")
        kind = None
    case.doc_kind = kind

    _read_header(r, case)
    _read_procedure(r, case)
    _read_parties(r, case)
    _read_bench(r, case)
    _read_content(r, case)
    _check_kind(r, case)
    return case, r.problems, r.warnings


def validate(obj: Any) -> list[MissingField]:
    """The required fields of ``obj`` that are missing or invalid for its ``doc_kind`` (empty: usable)."""
    return parse_case(obj)[1]


def _read_header(r: _Reader, case: CaseInput) -> None:
    o = r.obj
    case.court = r.text(o.get("court"), "court", "法院名称", "court name", required=True)
    raw_no = r.text(o.get("case_number"), "case_number", "案号", "case number", required=True)
    if raw_no is not None:
        problems = [p for p in validate_case_number(raw_no, strict=True) if p.severity == "error"]
        cn = parse_case_number(raw_no, strict=True)
        if problems or cn is None:
            why = "；".join(p.message_zh for p in problems) or "格式不符"
            why_en = "; ".join(p.message_en for p in problems) or "malformed"
            # case_number.md §5: strict validation (full-width brackets, no 字第, known court code)
            r.invalid("case_number", f"案号无效：{raw_no}（{why}）", f"invalid case number {raw_no}: {why_en}")
        else:
            case.case_number = cn.normalized
            case.court_code = cn.court_code
            want = _TYPE_CODE.get(case.doc_kind or "")
            if want and cn.type_code != want:
                # DR-CN-04: the type code matches the document (民初 ⇒ first-instance civil, 刑初 ⇒ criminal)
                r.invalid("case_number", f"案号类型代字应为“{want}”：{raw_no}",
                          f"the case-type code must be {want} for {case.doc_kind}: {raw_no}")
    if case.court and case.court_code:
        court = court_by_code(case.court_code)
        if court is not None and "".join(case.court.split()) != court.full_name:
            # DR-HDR-01: the court's full official name, matching the court code in the case number
            r.invalid("court", f"法院名称应为全称“{court.full_name}”（与案号中的法院代字{case.court_code}一致）",
                      f"court must be the full name {court.full_name} matching code {case.court_code}")
        elif court is not None:
            case.court = court.full_name


def _read_procedure(r: _Reader, case: CaseInput) -> None:
    o = r.obj
    value = o.get("trial_procedure")
    path = "trial_procedure"
    if value is None and o.get("procedure") not in (None, "一审"):
        value, path = o.get("procedure"), "procedure"
    proc = r.text(value, path, "审理程序（简易程序/普通程序）", "trial procedure", required=True)
    allowed = _PROCEDURES.get(case.doc_kind or "", ("普通程序", "简易程序"))
    if proc is not None and proc not in allowed:
        r.invalid(path, f"审理程序应为{'、'.join(allowed)}之一：{proc!r}",
                  f"trial procedure must be one of {', '.join(allowed)}: {proc!r}")
        proc = None
    case.trial_procedure = proc
    zh_filed = "提起公诉日期" if case.doc_kind == "criminal_judgment" else "立案日期"
    case.filing_date = r.day(o.get("filing_date"), "filing_date", zh_filed, "filing date", required=True)
    case.hearing_date = r.day(o.get("hearing_date"), "hearing_date", "开庭日期", "hearing date")
    case.judgment_date = r.day(o.get("judgment_date"), "judgment_date", "裁判日期", "judgment date")
    public = o.get("public", True)
    if not isinstance(public, bool):
        r.invalid("public", "public应为true或false（是否公开开庭）", "public must be true or false")
        public = True
    case.public = public
    # DR-PROC-04 / DR-DATE-03: 立案 ≤ hearing ≤ judgment
    seq = [(n, d) for n, d in (("filing_date", case.filing_date), ("hearing_date", case.hearing_date),
                               ("judgment_date", case.judgment_date)) if d is not None]
    for (n1, d1), (n2, d2) in zip(seq, seq[1:], strict=False):
        if d2 < d1:
            r.invalid(n2, f"日期先后矛盾：{n2}（{d2.isoformat()}）早于{n1}（{d1.isoformat()}）",
                      f"{n2} {d2.isoformat()} is before {n1} {d1.isoformat()}")
    if case.filing_date and case.case_number:
        year = int(case.case_number[1:5])
        if case.filing_date.year != year:
            # DR-PROC-04 (warning): 立案 year = 案号 收案年度 (case_number.md §2)
            r.warnings.append(f"立案日期{case.filing_date.isoformat()}与案号收案年度（{year}）不一致，请核对")


def _role(value: str | None) -> str | None:
    return _ROLE_ALIASES.get(value, value) if value else value


def _read_parties(r: _Reader, case: CaseInput) -> None:
    raw = r.obj.get("parties")
    if raw is None or raw == []:
        r.missing("parties", "当事人", "parties")
        return
    if not isinstance(raw, list):
        r.invalid("parties", "parties应为列表", "parties must be a list")
        return
    allowed = _CRIMINAL_ROLES if case.doc_kind == "criminal_judgment" else _CIVIL_ROLES
    for i, item in enumerate(raw):
        path = f"parties[{i}]"
        if not isinstance(item, dict):
            r.invalid(path, "当事人应为对象", "each party must be an object")
            continue
        role = _role(r.text(item.get("role"), f"{path}.role", "当事人诉讼地位", "party role", required=True))
        name = r.text(item.get("name"), f"{path}.name", "当事人姓名或名称", "party name", required=True)
        if role is not None and case.doc_kind in DOC_KINDS and role not in allowed:
            # DR-PTY-01: first-instance role labels (原告/被告/第三人; 公诉机关/被告人/辩护人)
            r.invalid(f"{path}.role", f"诉讼地位“{role}”不适用于{DOC_KINDS[case.doc_kind][2]}（可用：{'、'.join(allowed)}）",
                      f"role {role!r} does not fit {case.doc_kind} (allowed: {', '.join(allowed)})")
            role = None
        if role is None or name is None:
            continue
        p = Party(role=role, name=name)
        kind = r.text(item.get("kind"), f"{path}.kind", "当事人类型", "party kind") or "自然人"
        if kind not in ("自然人", "单位"):
            r.invalid(f"{path}.kind", "当事人类型应为“自然人”或“单位”", "kind must be 自然人 or 单位")
            kind = "自然人"
        p.kind = kind
        gender = r.text(item.get("gender"), f"{path}.gender", "性别", "gender")
        if gender is not None and gender not in ("男", "女"):
            r.invalid(f"{path}.gender", "性别应为“男”或“女”", "gender must be 男 or 女")
            gender = None
        p.gender = gender
        p.birth_date = r.day(item.get("birth_date"), f"{path}.birth_date", "出生日期", "birth date")
        for key in ("birthplace", "ethnicity", "education", "occupation", "household", "address", "id_number",
                    "credit_code", "representative", "representative_title", "law_firm", "relation", "record",
                    "detention_authority", "custody_place"):
            setattr(p, key, r.text(item.get(key), f"{path}.{key}", key, key))
        p.agent_of = r.text(item.get("agent_of"), f"{path}.agent_of", "被代理人", "agent_of")
        p.foreign = item.get("foreign") is True
        p.absent = item.get("absent") is True
        p.detention = _detention(r, item.get("detention"), f"{path}.detention")
        case.parties.append(p)
    _check_parties(r, case)


def _detention(r: _Reader, value: Any, path: str) -> dict[str, date]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        r.invalid(path, "强制措施应为{措施: 日期}", "detention must be an object {measure: date}")
        return {}
    out: dict[str, date] = {}
    for key, when in value.items():
        if key not in DETENTION_KINDS:
            r.invalid(f"{path}.{key}", f"未知的强制措施“{key}”（可用：{'、'.join(DETENTION_KINDS)}）",
                      f"unknown coercive measure {key!r}")
            continue
        d = r.day(when, f"{path}.{key}", f"{key}日期", f"{key} date")
        if d is not None:
            out[key] = d
    if "刑事拘留" in out and "逮捕" in out and out["逮捕"] < out["刑事拘留"]:
        # DR-PTY-07: the chronology of coercive measures is consistent (刑拘 ≤ 逮捕)
        r.invalid(f"{path}.逮捕", "逮捕日期早于刑事拘留日期", "arrest is dated before criminal detention")
    return out


def _check_parties(r: _Reader, case: CaseInput) -> None:
    names = [p.name for p in case.parties]
    principals = {p.name for p in case.parties if p.role not in AGENT_ROLES | REPRESENTATIVE_ROLES}
    agents: dict[str, int] = {}
    for i, p in enumerate(case.parties):
        if p.role in AGENT_ROLES | REPRESENTATIVE_ROLES:
            if p.agent_of is None:
                if len(principals) == 1:
                    p.agent_of = next(iter(principals))
                else:
                    r.missing(f"parties[{i}].agent_of", f"{p.role}{p.name}所代理的当事人（agent_of）",
                              f"agent_of of {p.role} {p.name}")
                    continue
            if p.agent_of not in principals:
                r.invalid(f"parties[{i}].agent_of", f"{p.role}{p.name}所代理的“{p.agent_of}”不在当事人中",
                          f"{p.name} acts for {p.agent_of!r}, who is not a party")
            if p.role in AGENT_ROLES:
                agents[p.agent_of] = agents.get(p.agent_of, 0) + 1
    for principal, n in agents.items():
        # CPL art. 61 (civil, 每方至多二人) and CrimPL art. 33 (辩护人一至二人)
        if n > 2:
            r.invalid("parties", f"{principal}的委托诉讼代理人或辩护人超过二人（{n}人）",
                      f"{principal} has {n} agents or defenders; at most 2 are allowed")
    dupes = {n for n in names if names.count(n) > 1}
    for n in sorted(dupes):
        r.warnings.append(f"当事人名单中“{n}”出现多次，请核对")


def _read_bench(r: _Reader, case: CaseInput) -> None:
    case.clerk = r.text(r.obj.get("clerk"), "clerk", "书记员", "clerk")
    case.assistant = r.text(r.obj.get("assistant"), "assistant", "法官助理", "judge assistant")
    raw = r.obj.get("bench")
    if raw is None or raw == []:
        r.missing("bench", "审判组织成员（bench）", "bench")
        return
    if not isinstance(raw, list):
        r.invalid("bench", "bench应为列表", "bench must be a list")
        return
    for i, item in enumerate(raw):
        path = f"bench[{i}]"
        if not isinstance(item, dict):
            r.invalid(path, "审判人员应为对象{title, name}", "each bench member must be an object {title, name}")
            continue
        title = r.text(item.get("title"), f"{path}.title", "审判人员职务", "bench title", required=True)
        name = r.text(item.get("name"), f"{path}.name", "审判人员姓名", "bench member name", required=True)
        if title is not None and title not in BENCH_TITLES:
            r.invalid(f"{path}.title", f"职务应为{'、'.join(BENCH_TITLES)}之一：{title!r}",
                      f"title must be one of {', '.join(BENCH_TITLES)}: {title!r}")
            continue
        if title and name:
            case.bench.append(BenchMember(title, name))
    if not case.bench:
        return
    titles = [b.title for b in case.bench]
    if len(case.bench) == 1:
        if titles[0] != "审判员":
            # DR-SIG-02: a single judge signs as 审判员 only (no 审判长, never a people's assessor)
            r.invalid("bench", "独任审理的只能署“审判员”", "a single judge signs as 审判员")
        if case.doc_kind == "criminal_judgment" and case.trial_procedure == "普通程序":
            # CrimPL art. 183: ordinary criminal first instance is tried by a collegial panel
            r.invalid("bench", "刑事普通程序应组成合议庭（三人或七人）", "ordinary criminal procedure needs a panel")
    else:
        if case.trial_procedure in ("简易程序", "小额诉讼程序", "速裁程序"):
            # DR-PROC-01: simple procedure ⇒ 由审判员X独任审理
            r.invalid("bench", f"{case.trial_procedure}由审判员一人独任审理", f"{case.trial_procedure} is tried by one judge")
        elif len(case.bench) % 2 == 0 or titles.count("审判长") != 1:
            # DR-SIG-01: odd panel of at least 3 (CPL art. 40), exactly one 审判长
            r.invalid("bench", "合议庭应为三人以上单数，并有且只有一名审判长",
                      "a panel has an odd number (≥ 3) of members and exactly one 审判长")
        else:
            order = {t: i for i, t in enumerate(BENCH_TITLES)}
            case.bench.sort(key=lambda b: order[b.title])  # DR-SIG-01: 审判长, 审判员, 人民陪审员
    bench_names = [b.name for b in case.bench]
    if len(set(bench_names)) != len(bench_names):
        r.invalid("bench", "同一人不能两次署名", "nobody signs twice (DR-SIG-05)")
    if case.clerk and case.clerk in bench_names:
        # DR-SIG-05: the clerk is not one of the judges
        r.invalid("clerk", "书记员不能是审判组织成员", "the clerk cannot be a member of the bench")
    if case.assistant and (case.assistant in bench_names or case.assistant == case.clerk):
        # DR-SIG-05: no person signs twice
        r.invalid("assistant", "法官助理不能同时是审判人员或书记员", "the judge assistant cannot also sign as judge or clerk")


def _read_content(r: _Reader, case: CaseInput) -> None:
    o = r.obj
    kind = case.doc_kind
    civil = kind in ("civil_judgment", "civil_ruling")
    case.cause = r.text(o.get("cause"), "cause", "案由", "cause of action", required=civil)
    case.claims = r.text_list(o.get("claims"), "claims", "诉讼请求", "claims")
    case.claim_grounds = r.text(o.get("claim_grounds"), "claim_grounds", "事实和理由", "claim grounds")
    if o.get("claims_amount") not in (None, ""):
        case.claims_amount = _amount(o.get("claims_amount"))
        if case.claims_amount is None or case.claims_amount < 0:
            r.invalid("claims_amount", f"诉讼标的额无法识别：{o.get('claims_amount')!r}",
                      f"claims_amount is not an amount: {o.get('claims_amount')!r}")
            case.claims_amount = None
    case.defence = _defence(r, o.get("defence"))
    case.facts = r.text(o.get("facts"), "facts", "事实", "facts")
    case.statutes = _statutes(r, o.get("statutes"))
    case.charges = r.text_list(o.get("charges"), "charges", "罪名", "charges")
    case.prosecutor = r.text(o.get("prosecutor"), "prosecutor", "公诉机关", "prosecutor")
    case.prosecutor_staff = r.text(o.get("prosecutor_staff"), "prosecutor_staff", "出庭检察员", "prosecutor_staff")
    case.indictment = r.text(o.get("indictment"), "indictment", "起诉书文号", "indictment number")
    case.accusation = r.text(o.get("accusation"), "accusation", "公诉机关指控", "accusation")
    case.ruling_kind = r.text(o.get("ruling_kind"), "ruling_kind", "裁定种类", "ruling kind")
    case.withdrawal_date = r.day(o.get("withdrawal_date"), "withdrawal_date", "撤诉申请日期", "withdrawal date")
    obj = o.get("objection")
    if isinstance(obj, dict):
        text = r.text(obj.get("text"), "objection.text", "管辖权异议理由", "objection grounds")
        party = r.text(obj.get("party"), "objection.party", "异议人", "objecting party")
        case.objection = (party, text) if text else None
    elif isinstance(obj, str) and obj.strip():
        case.objection = (None, obj.strip())
    elif obj is not None:
        r.invalid("objection", "objection应为{party, text}", "objection must be an object {party, text}")
    # Case-level detention (one defendant): moved onto the defendant.
    det = _detention(r, o.get("detention"), "detention")
    place = r.text(o.get("custody_place"), "custody_place", "羁押场所", "custody place")
    defendants = case.principals("被告人")
    if (det or place) and defendants:
        target = defendants[0]
        if len(defendants) > 1:
            r.warnings.append("案件级detention只适用于第一名被告人；多名被告人请在各自的当事人条目中写明")
        target.detention = target.detention or det
        target.custody_place = target.custody_place or place


def _defence(r: _Reader, value: Any) -> list[tuple[str | None, str]]:
    if value is None or value == "" or value == []:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[tuple[str | None, str]] = []
    for i, item in enumerate(items):
        path = f"defence[{i}]" if isinstance(value, list) else "defence"
        if isinstance(item, str) and item.strip():
            out.append((None, item.strip()))
        elif isinstance(item, dict):
            text = r.text(item.get("text"), f"{path}.text", "答辩意见", "defence text", required=True)
            party = r.text(item.get("party"), f"{path}.party", "答辩人", "defence party")
            if text:
                out.append((party, text))
        else:
            r.invalid(path, "答辩意见应为文字或{party, text}", "defence must be text or {party, text}")
    return out


def _statutes(r: _Reader, value: Any) -> list[StatuteInput]:
    if value is None or value == []:
        return []
    if not isinstance(value, list):
        r.invalid("statutes", "statutes应为列表", "statutes must be a list")
        return []
    out: list[StatuteInput] = []
    for i, item in enumerate(value):
        path = f"statutes[{i}]"
        if not isinstance(item, dict):
            r.invalid(path, "法条应为{law, article}", "each statute must be an object {law, article}")
            continue
        law = r.text(item.get("law"), f"{path}.law", "法律名称", "law title", required=True)
        art = _article(item.get("article"))
        if art is None:
            if item.get("article") in (None, ""):
                r.missing(f"{path}.article", "条文序号", "article number")
            else:
                r.invalid(f"{path}.article", f"条文序号无法识别：{item.get('article')!r}",
                          f"article number not readable: {item.get('article')!r}")
            continue
        number, sub, para, itm = art
        para = para or _positive(item.get("paragraph"))
        itm = itm or _positive(item.get("item"))
        if law:
            out.append(StatuteInput(law.strip("《》"), number, sub or _positive(item.get("sub")) or 0, para, itm))
    return out


def _check_kind(r: _Reader, case: CaseInput) -> None:
    """The fields one kind needs beyond the common ones (module docstring)."""
    kind = case.doc_kind
    roles = {p.role for p in case.parties}
    if kind in ("civil_judgment", "civil_ruling") and case.parties:
        for role in ("原告", "被告"):
            if role not in roles:
                r.missing("parties", f"{role}（诉讼地位为“{role}”的当事人）", f"a party with role {role}")
    if kind == "civil_judgment" and not case.claims:
        r.missing("claims", "诉讼请求", "claims")
    if kind == "criminal_judgment":
        if case.parties and "被告人" not in roles:
            r.missing("parties", "被告人", "a party with role 被告人")
        if not case.charges:
            r.missing("charges", "指控罪名（charges）", "charges")
        if case.prosecutor is None:
            org = case.principals("公诉机关")
            if org:
                case.prosecutor = org[0].name
            else:
                r.missing("prosecutor", "公诉机关", "prosecutor (procuratorate)")
        if case.indictment is None:
            r.missing("indictment", "起诉书文号", "indictment number")
    if kind == "civil_ruling":
        if case.ruling_kind is None:
            r.missing("ruling_kind", f"裁定种类（{'/'.join(RULING_KINDS)}）", "ruling_kind")
        elif case.ruling_kind not in RULING_KINDS:
            r.invalid("ruling_kind", f"裁定种类应为{'、'.join(RULING_KINDS)}之一：{case.ruling_kind!r}",
                      f"ruling_kind must be one of {', '.join(RULING_KINDS)}")
            case.ruling_kind = None
        elif case.ruling_kind == "驳回起诉" and not case.claims:
            r.missing("claims", "诉讼请求（驳回起诉裁定须写明）", "claims (a dismissal states them)")
        elif case.ruling_kind == "管辖权异议" and case.objection is None:
            r.missing("objection", "管辖权异议（异议人及理由）", "objection {party, text}")


# ---------------------------------------------------------------------------------------------- from a record
_INDICTMENT = re.compile(r"以([^，。\s]{2,30}〔\d{4}〕\d+号)起诉书")
_STAFF = re.compile(r"指派(?:代理)?检察员([\u4e00-\u9fa5]{2,4}?)出庭")
_MEASURE = re.compile(r"(刑事拘留|逮捕|取保候审|指定居所监视居住|监视居住)")


def from_record(rec: CaseRecord, text: str | None = None) -> dict[str, Any]:
    """The drafting input built from an extracted record (and, if given, the text it came from).

    The record does not keep the 起诉书 number, the prosecutor in court or the dates of coercive
    measures; with ``text`` those are read from it too. Fields the record lacks are simply absent,
    so :func:`validate` then names them.
    """
    kind = {("民事", "判决书"): "civil_judgment", ("刑事", "判决书"): "criminal_judgment",
            ("民事", "裁定书"): "civil_ruling"}.get((rec.category or "", rec.doc_type or ""))
    out: dict[str, Any] = {"doc_kind": kind, "court": rec.court, "case_number": rec.case_number}
    if rec.trial_procedure:
        out["trial_procedure"] = rec.trial_procedure
    filing = rec.filing_date or (rec.key_dates.get("prosecution") if kind == "criminal_judgment" else None)
    for key, value in (("filing_date", filing), ("hearing_date", rec.key_dates.get("hearing")),
                       ("judgment_date", rec.judgment_date)):
        if value is not None:
            out[key] = value.isoformat()
    parties: list[dict[str, Any]] = []
    for p in rec.parties:
        if p.role == "公诉机关":
            out["prosecutor"] = p.name
        item: dict[str, Any] = {"role": p.role, "name": p.name, "kind": p.kind}
        for key in ("gender", "ethnicity", "education", "occupation", "id_number", "credit_code", "law_firm"):
            if getattr(p, key):
                item[key] = getattr(p, key)
        if p.birth_date:
            item["birth_date"] = p.birth_date.isoformat()
        if p.address:
            item["address"] = p.address
        if p.represents:
            item["agent_of"] = p.represents
        if p.custody and p.custody.startswith("现羁押于"):
            item["custody_place"] = p.custody.removeprefix("现羁押于")
        if text and p.role == "被告人":
            item.update(_measures(text, p.start))
        parties.append(item)
    if parties:
        out["parties"] = parties
    if rec.judges:
        out["bench"] = [{"title": j.title, "name": j.name} for j in rec.judges]
    if rec.clerk:
        out["clerk"] = rec.clerk
    if rec.judge_assistant:
        out["assistant"] = rec.judge_assistant
    if kind == "criminal_judgment":
        charges = [s.charge for s in rec.sentences if s.charge] or ([rec.cause] if rec.cause else [])
        if charges:
            out["charges"] = list(dict.fromkeys(charges))
    elif rec.cause:
        out["cause"] = rec.cause
    if rec.claims:
        out["claims"] = list(rec.claims)
    if rec.claims_amount is not None:
        out["claims_amount"] = str(rec.claims_amount)
    if rec.statutes:
        out["statutes"] = [{"law": s.law, "article": s.article, "paragraph": s.paragraph, "item": s.item}
                           for s in rec.statutes]
    if text:
        if m := _INDICTMENT.search(text):
            out["indictment"] = m.group(1)
        if m := _STAFF.search(text):
            out["prosecutor_staff"] = m.group(1)
    return out


def _measures(text: str, start: int) -> dict[str, Any]:
    """Coercive measures and their dates from the party line at ``start`` (K3: 刑事拘留 → 逮捕 …)."""
    end = text.find("\n", start)
    line = text[start:end if end != -1 else len(text)]
    out: dict[str, Any] = {}
    detention: dict[str, str] = {}
    dates = find_dates(line)
    for m in _MEASURE.finditer(line):
        before = [d for d in dates if d.end <= m.start() and d.precision == "day"]
        if before and m.group(1) not in detention:
            detention[m.group(1)] = before[-1].value.isoformat()
    if detention:
        out["detention"] = detention
    if m := re.search(r"被([\u4e00-\u9fa5]{2,30}?(?:公安局|公安分局|分局|派出所|监察委员会|检察院))(?:依法)?刑事拘留", line):
        out["detention_authority"] = m.group(1)
    return out
