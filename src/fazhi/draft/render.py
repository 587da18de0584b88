"""Render the skeleton of a first-instance judgment or ruling from a structured case.

What: :func:`draft` lays out a 民事判决书, 刑事判决书 or 民事裁定书 in the official order
(document_types.md §4 J1–J14, §5 K1–K13): header, party block, procedural history, claims and
defence, facts, 本院认为, the 依照 clause, 主文, (迟延履行告知,) court fee, appeal notice and the
signature block — one line per paragraph.

Why: drafting the fixed parts by hand is slow and error-prone (a wrong appellate court, a short
law title, an Arabic article number, a 2023 article number in a 2024 judgment). The program
writes what follows from the record and the rules and **never decides**: the reasoning, the
operative part and the fee allocation are left to the judge as placeholders.

Placeholder syntax (one form everywhere): ``【名称：填写说明】`` — full-width lenticular brackets,
a short name, a full-width colon, then what the judge is to write, e.g. ``【本院认为：由承办法官撰写】``.
Every ``【…】`` in a draft is a placeholder; :attr:`Draft.placeholders` lists them with offsets,
the Word file highlights them, and the proof-reader's DR-TXT-03 flags any left before issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from fazhi.draft.schema import (
    AGENT_ROLES,
    DOC_KINDS,
    REPRESENTATIVE_ROLES,
    CaseInput,
    MissingField,
    Party,
    StatuteInput,
    parse_case,
)
from fazhi.laws.kb import Article, KnowledgeBase, open_kb
from fazhi.rules.appeal import AppealRule, appeal_rule
from fazhi.rules.fees import Fee, acceptance_fee, fee_text, format_yuan
from fazhi.text import date_to_chinese, int_to_cn

__all__ = ["PLACEHOLDER", "Citation", "Draft", "Paragraph", "draft", "placeholder", "resolve_citation"]

# 【名称：填写说明】 (module docstring): the name has no colon or bracket; the hint no bracket.
PLACEHOLDER = re.compile(r"【(?P<name>[^【】：]{1,30})：(?P<hint>[^【】]*)】")


def placeholder(name: str, hint: str) -> str:
    """One placeholder in the drafts' single syntax: 【名称：填写说明】."""
    return f"【{name}：{hint}】"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One line of the draft and its layout role (court, title, case_number, party, body, signature, blank)."""

    role: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Citation:
    """A statute the case record lists, resolved against the knowledge base on the draft date."""

    law_as_written: str
    article: int
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None
    law: str | None = None  # full title in the knowledge base
    law_type: str | None = None
    article_label: str = ""  # 第一百七十七条第一款第二项 (DR-CIT-02)
    text: str | None = None  # the article as in force
    version: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.law is not None and self.text is not None and not self.problems

    @property
    def label(self) -> str:
        """《full title》第…条 with inner 《》 written 〈〉 (DR-CIT-01, DR-CIT-08)."""
        return f"《{_nested(self.law or self.law_as_written)}》{self.article_label}"

    def as_dict(self) -> dict[str, Any]:
        return {"law_as_written": self.law_as_written, "law": self.law, "law_type": self.law_type,
                "article": self.article, "sub": self.sub, "paragraph": self.paragraph, "item": self.item,
                "label": self.label, "resolved": self.resolved, "version": self.version, "text": self.text,
                "problems": list(self.problems)}


@dataclass(slots=True)
class Draft:
    """The draft: its text (one line per paragraph), where the placeholders are, and what to check."""

    doc_kind: str | None
    text: str
    paragraphs: list[Paragraph]
    placeholders: list[dict[str, Any]]  # {"name", "start", "end"}: offsets into text
    warnings: list[str]
    citations: list[Citation]
    fee: Fee | None
    appeal: AppealRule | None
    missing: list[MissingField]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the fee and appeal rule as plain values)."""
        return {"doc_kind": self.doc_kind, "text": self.text, "placeholders": self.placeholders,
                "warnings": self.warnings, "citations": [c.as_dict() for c in self.citations],
                "fee": _plain(self.fee), "appeal": _plain(self.appeal),
                "missing": [m.as_dict() for m in self.missing],
                "paragraphs": [{"role": p.role, "start": p.start, "end": p.end} for p in self.paragraphs]}


def _plain(obj: Any) -> Any:
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    fields = getattr(obj, "__dataclass_fields__", None)
    if fields:
        return {k: _plain(getattr(obj, k)) for k in fields}
    return str(obj)


# ---------------------------------------------------------------------------------------------- citations
def _nested(title: str) -> str:
    # DR-CIT-08: a title quoted inside 《》 uses 〈〉
    return title.replace("《", "〈").replace("》", "〉")


def article_label(number: int, sub: int = 0, paragraph: int | None = None, item: int | None = None) -> str:
    """第二百六十四条, 第一百三十三条之一, 第六十七条第三款, 第一百七十七条第一款第二项 (DR-CIT-02, §5.1)."""
    out = f"第{int_to_cn(number)}条"
    if sub:
        out += f"之{int_to_cn(sub)}"
    if paragraph:
        out += f"第{int_to_cn(paragraph)}款"
    if item:
        out += f"第{int_to_cn(item)}项"
    return out


def _structure(text: str) -> list[int]:
    """Items per paragraph of an article: a line opening with （一） is an item of the paragraph above."""
    counts: list[int] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if re.match(r"^[（(][一二三四五六七八九十]+[）)]", line):
            if not counts:
                counts.append(0)
            counts[-1] += 1
        else:
            counts.append(0)
    return counts


def resolve_citation(kb: KnowledgeBase, s: StatuteInput, when: date) -> Citation:
    """``s`` checked against the knowledge base: the law exists, is in force on ``when``, has the article.

    A citation that fails any check keeps ``problems`` (Chinese messages) and is drafted as a
    placeholder, never silently dropped.
    """
    c = Citation(s.law, s.article, s.sub, s.paragraph, s.item,
                 article_label=article_label(s.article, s.sub, s.paragraph, s.item))
    law = kb.find_law(s.law)
    if law is None:
        c.problems.append(f"知识库中没有《{s.law}》，请核对法律名称")
        return c
    c.law, c.law_type = law.title, law.type
    if law.repeal_date and when >= law.repeal_date:
        msg = f"《{law.title}》已于{law.repeal_date.isoformat()}废止"
        succ = kb.successor(law.id)
        if succ:
            mapped = [a for a in (kb.article(nl.id, n, when=when) for nl, n in kb.mapped_articles(law.id, s.article))
                      if a is not None]
            msg += "，对应" + "、".join(a.label for a in mapped) if mapped else f"，应适用《{succ[0].title}》的相应条文"
        # DR-CIT-04: a repealed law is cited only for facts that arose before its repeal
        c.problems.append(msg + "（如法律事实发生在废止前，请承办法官核对时间效力）")
        return c
    version = kb.version_at(law.id, when)
    if version is None:
        versions = kb.versions(law.id)
        if not versions:
            c.problems.append(f"知识库未收录《{law.title}》的条文，无法核对")
        elif (law.first_effective or versions[0].valid_from or when) > when:
            c.problems.append(f"《{law.title}》在{when.isoformat()}尚未施行")
        else:
            c.problems.append(f"知识库未收录《{law.title}》在{when.isoformat()}施行的文本，无法核对")
        return c
    art: Article | None = kb.article(law.id, s.article, sub=s.sub, when=when)
    if art is None:
        # DR-CIT-05/06: the article exists in the version in force on the date
        c.problems.append(f"《{law.title}》{when.isoformat()}施行的文本中没有{article_label(s.article, s.sub)}")
        return c
    c.text = art.text
    c.version = art.version.version_date.isoformat() if art.version.version_date else None
    counts = _structure(art.text)
    if s.paragraph and s.paragraph > len(counts):
        c.problems.append(f"{art.label}只有{len(counts)}款，没有第{int_to_cn(s.paragraph)}款")
    elif s.item and s.item > (counts[(s.paragraph or 1) - 1] if counts else 0):
        c.problems.append(f"{art.label}第{int_to_cn(s.paragraph or 1)}款没有第{int_to_cn(s.item)}项")
    return c


# 法释〔2009〕14号 art. 2: laws → administrative regulations → local regulations → judicial
# interpretations; substantive before procedural (document_review.md DR-CIT-03 ✔ example).
_RANK = {"宪法": 0, "法律": 1, "立法解释": 1, "修正案": 1, "修改决定": 1, "行政法规": 2, "地方性法规": 3,
         "自治条例": 4, "单行条例": 4, "司法解释": 5, "部门规章": 6}


def _order_key(c: Citation) -> tuple[int, int]:
    procedural = 1 if c.law and "诉讼法" in c.law else 0
    return procedural, _RANK.get(c.law_type or "", 7)


def citation_clause(citations: list[Citation]) -> str:
    """《A》第…条、第…条，《B》第…条: resolved laws in the art. 2 order; unresolved ones as placeholders."""
    groups: dict[str, list[Citation]] = {}
    for c in citations:
        if c.resolved and c.law:
            groups.setdefault(c.law, []).append(c)
    ordered = sorted(groups.values(), key=lambda g: _order_key(g[0]))  # stable: input order within a rank
    parts = [f"《{_nested(g[0].law or '')}》" + "、".join(c.article_label for c in g) for g in ordered]
    for c in citations:
        if not c.resolved:
            parts.append(placeholder("待核引用", f"{c.label}——{'；'.join(c.problems)}"))
    return "，".join(parts)


# ---------------------------------------------------------------------------------------------- text pieces
def _day(d: date) -> str:
    # DR-DATE-02: dates in the body in Arabic numerals with 年月日
    return f"{d.year}年{d.month}月{d.day}日"


def _sentence(text: str) -> str:
    """``text`` ending with a full stop (a Chinese sentence end is kept)."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；：】" else text + "。"


_ENUM = re.compile(r"^\s*(?:\d+\s*[.、．]|[（(]\d+[)）]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*")


def _claims_text(claims: list[str]) -> str:
    """1.…；2.…。 (DR-TXT-02: one numbering style, Arabic with a full stop, for the claims)."""
    items = [_ENUM.sub("", c).strip().rstrip("。；;，,") for c in claims]
    if len(items) == 1:
        return items[0] + "。"
    return "；".join(f"{i}.{c}" for i, c in enumerate(items, 1)) + "。"


def _join(names: list[str]) -> str:
    return "、".join(names)


def _bench_phrase(case: CaseInput, *, criminal: bool) -> str:
    """由审判员X独任审理 / 由审判员A担任审判长，与审判员B、人民陪审员C组成合议庭 (DR-PROC-01, DR-SIG-03)."""
    if not case.bench:
        return placeholder("审判组织", "写明独任审理或合议庭组成")
    if len(case.bench) == 1:
        return f"由审判员{case.bench[0].name}独任{'审判' if criminal else '审理'}"
    chief = next((b for b in case.bench if b.title == "审判长"), case.bench[0])
    others = _join([f"{b.title}{b.name}" for b in case.bench if b is not chief])
    return f"由审判员{chief.name}担任审判长，与{others}依法组成合议庭"


def _is_collegial(case: CaseInput) -> bool:
    return len(case.bench) > 1


def _ruling_word(case: CaseInput) -> str:
    return "裁定" if case.doc_kind == "civil_ruling" else "判决"


# ---------------------------------------------------------------------------------------------- the builder
class _Builder:
    """Collects paragraphs (role, text) and the warnings met on the way."""

    def __init__(self) -> None:
        self.paras: list[tuple[str, str]] = []

    def add(self, role: str, text: str) -> None:
        self.paras.append((role, text))

    def blank(self) -> None:
        self.paras.append(("blank", ""))

    def build(self) -> tuple[str, list[Paragraph]]:
        out: list[Paragraph] = []
        pos = 0
        for role, text in self.paras:
            out.append(Paragraph(role, text, pos, pos + len(text)))
            pos += len(text) + 1
        return "\n".join(t for _r, t in self.paras), out


def draft(case: dict[str, Any], *, kb: KnowledgeBase | None = None, today: date | None = None) -> Draft:
    """The skeleton of the document ``case["doc_kind"]`` names, built from the structured case.

    ``today`` is the draft date (default: the current date): statutes are checked as in force on the
    judgment date if the case gives one, else on ``today``. Missing or invalid fields never raise:
    they are listed in :attr:`Draft.missing` and drafted as placeholders. ``kb`` is the statute
    knowledge base (opened, and closed again, when not given).
    """
    today = today or date.today()
    parsed, missing, warnings = parse_case(case)
    if parsed.doc_kind is None:
        return Draft(None, "", [], [], list(warnings), [], None, None, missing)
    own_kb = kb is None
    kb = kb or open_kb()
    try:
        return _Renderer(parsed, kb, parsed.judgment_date or today, missing, list(warnings)).render()
    finally:
        if own_kb:
            kb.close()


class _Renderer:
    """One draft being written."""

    def __init__(self, case: CaseInput, kb: KnowledgeBase, when: date, missing: list[MissingField],
                 warnings: list[str]) -> None:
        self.case = case
        self.kb = kb
        self.when = when
        self.missing = missing
        self.warnings = warnings
        self.b = _Builder()
        self.citations: list[Citation] = []
        self.fee: Fee | None = None
        self.appeal: AppealRule | None = None

    # ------------------------------------------------------------------ driver
    def render(self) -> Draft:
        c = self.case
        self.citations = [resolve_citation(self.kb, s, self.when) for s in c.statutes]
        for cit in self.citations:
            if not cit.resolved:
                self.warnings.append(f"引用未能核实：{cit.label}——{'；'.join(cit.problems)}")
            elif c.doc_kind == "criminal_judgment" and cit.law_type not in ("法律", "立法解释", "司法解释", "宪法",
                                                                            "修正案", "修改决定"):
                # 法释〔2009〕14号 art. 3: criminal judgments cite laws, legislative and judicial interpretations
                self.warnings.append(f"刑事裁判文书一般不直接引用{cit.law_type}作为裁判依据：{cit.label}")
            elif cit.law_type == "部门规章":
                # 法释〔2009〕14号 art. 6: other normative documents support reasoning only
                self.warnings.append(f"部门规章不宜作为裁判依据：{cit.label}（可在说理中引用）")
        if not c.statutes:
            self.warnings.append("案件未列出法律依据，依照条款留作占位符")
        self._header()
        self._parties()
        if c.doc_kind == "criminal_judgment":
            self._criminal_body()
        elif c.doc_kind == "civil_ruling":
            self._ruling_body()
        else:
            self._civil_body()
        self._signature()
        text, paras = self.b.build()
        placeholders = [{"name": m["name"], "start": m.start(), "end": m.end()} for m in PLACEHOLDER.finditer(text)]
        return Draft(c.doc_kind, text, paras, placeholders, self.warnings, self.citations, self.fee, self.appeal,
                     self.missing)

    # ------------------------------------------------------------------ J1 / K1
    def _header(self) -> None:
        c = self.case
        # J1/K1 (document_types.md §4–§5): court full name, title, case number — the first three lines
        self.b.add("court", c.court or placeholder("法院名称", "填写法院全称"))
        self.b.add("title", DOC_KINDS[c.doc_kind or "civil_judgment"][2])
        self.b.add("case_number", c.case_number or placeholder("案号", "按收案登记填写"))

    # ------------------------------------------------------------------ J2 / K2–K4
    def _parties(self) -> None:
        c = self.case
        criminal = c.doc_kind == "criminal_judgment"
        if criminal:
            # K2: 公诉机关XX人民检察院。
            self.b.add("party", f"公诉机关{c.prosecutor or placeholder('公诉机关', '填写人民检察院全称')}。")
            order = ("被告人", "被害人")
        else:
            order = ("原告", "被告", "第三人")
        for role in order:
            for p in c.principals(role):
                self.b.add("party", self._party_line(p, criminal))
                for rep in self._representatives(p):
                    self.b.add("party", rep)
                for agent in [a for a in c.parties if a.role in AGENT_ROLES and a.agent_of == p.name]:
                    self.b.add("party", self._agent_line(agent, criminal))

    def _party_line(self, p: Party, criminal: bool) -> str:
        """原告：张三，男，1980年1月2日出生，汉族，住…。 / 被告人王建国，男，…。(document_review.md §2)"""
        head = f"{p.role}{p.name}" if criminal else f"{p.role}：{p.name}"
        bits: list[str] = []
        if p.kind == "单位":
            if p.address:
                bits.append(f"住所地{p.address}")
            if p.credit_code:
                bits.append(f"统一社会信用代码{p.credit_code}")
        else:
            if p.gender:
                bits.append(p.gender)
            if p.birth_date:
                bits.append(f"{_day(p.birth_date)}出生" + (f"于{p.birthplace}" if p.birthplace else ""))
            for v in (p.ethnicity, p.education, p.occupation):
                if v:
                    bits.append(v)
            if p.id_number:
                bits.append(f"公民身份号码{p.id_number}")
            if p.household:
                bits.append(f"户籍地{p.household}")
            if p.address:
                bits.append(f"住{p.address}")
        line = head + ("，" + "，".join(bits) if bits else "") + "。"
        if criminal and p.role == "被告人":
            line += self._custody(p)
        return line

    def _custody(self, p: Party) -> str:
        """K3: prior record, then 2024年3月2日因涉嫌犯X罪被…刑事拘留，同年3月15日被逮捕。现羁押于…。"""
        out = _sentence(p.record) if p.record else ""
        if p.detention:
            steps = sorted(p.detention.items(), key=lambda kv: kv[1])
            parts: list[str] = []
            prev: date | None = None
            for i, (measure, d) in enumerate(steps):
                when = f"同年{d.month}月{d.day}日" if prev and prev.year == d.year else _day(d)
                if i == 0:
                    charge = _join(self.case.charges) if self.case.charges else "罪"
                    by = f"被{p.detention_authority}" if p.detention_authority else "被"
                    parts.append(f"{when}因涉嫌犯{charge}{by}{measure}")
                else:
                    parts.append(f"{when}被{measure}")
                prev = d
            out += "，".join(parts) + "。"
        if p.custody_place:
            out += f"现羁押于{p.custody_place}。"
        return out

    def _representatives(self, p: Party) -> list[str]:
        """法定代表人：李四，董事长。 (DR-PTY-05: a legal person's representative with a title)."""
        lines: list[str] = []
        reps = [(r.role, r.name, r.representative_title or r.occupation) for r in self.case.parties
                if r.role in REPRESENTATIVE_ROLES and r.agent_of == p.name]
        if p.representative and not any(n == p.representative for _r, n, _t in reps):
            reps.insert(0, ("法定代表人" if p.kind == "单位" else "法定代理人", p.representative, p.representative_title))
        for role, name, title in reps:
            sep = "" if self.case.doc_kind == "criminal_judgment" else "："
            lines.append(f"{role}{sep}{name}" + (f"，{title}" if title else "") + "。")
            if not title and role in ("法定代表人", "负责人"):
                self.warnings.append(f"{p.name}的{role}{name}未写明职务（DR-PTY-05）")
        if p.kind == "单位" and not reps and p.role not in ("公诉机关",):
            self.warnings.append(f"单位当事人{p.name}未写明法定代表人或负责人（DR-PTY-05）")
        return lines

    def _agent_line(self, a: Party, criminal: bool) -> str:
        """委托诉讼代理人：王五，北京某某律师事务所律师。 / 辩护人刘晓燕，…律师。(DR-PTY-06)"""
        head = f"{a.role}{a.name}" if criminal else f"{a.role}：{a.name}"
        if a.law_firm:
            firm = a.law_firm
            title = "律师" if firm.endswith(("律师事务所", "法律援助中心")) else \
                "法律工作者" if firm.endswith("法律服务所") else ""
            return f"{head}，{firm}{title}。"
        if a.relation:
            return f"{head}，{a.relation.removesuffix('。')}。"
        self.warnings.append(f"{a.role}{a.name}未写明律师事务所或与当事人的关系（DR-PTY-06）")
        return f"{head}，{placeholder('代理人身份', '写明律师事务所或与当事人的关系')}。"

    # ------------------------------------------------------------------ civil judgment J3–J13
    def _names(self, role: str) -> str:
        return _join([p.name for p in self.case.principals(role)])

    def _origin(self) -> str:
        """原告A与被告B、第三人C民间借贷纠纷一案 (J3)."""
        c = self.case
        head = f"原告{self._names('原告')}与被告{self._names('被告')}"
        if c.principals("第三人"):
            head += f"、第三人{self._names('第三人')}"
        return head + f"{c.cause or placeholder('案由', '填写案由')}一案"

    def _filed(self) -> str:
        c = self.case
        return _day(c.filing_date) if c.filing_date else placeholder("立案日期", "填写立案日期")

    def _hearing(self, *, criminal: bool = False) -> str:
        c = self.case
        public = "公开" if c.public else "不公开"
        when = f"于{_day(c.hearing_date)}" if c.hearing_date else ""
        # J3 / K5: 公开开庭进行了审理 / 公开开庭审理了本案 (DR-PROC-03: public or closed stated)
        return f"{when}{public}开庭{'审理了本案' if criminal else '进行了审理'}"

    def _attendance(self, roles: tuple[str, ...]) -> str:
        """原告A及其委托诉讼代理人X，被告B到庭参加诉讼。被告C经本院合法传唤，无正当理由拒不到庭参加诉讼。"""
        c = self.case
        present: list[str] = []
        absent: list[str] = []
        for role in roles:
            for p in c.principals(role):
                agents = [a.name for a in c.parties if a.role in AGENT_ROLES and a.agent_of == p.name]
                agent_word = "辩护人" if role == "被告人" else "委托诉讼代理人"
                if p.absent:
                    absent.append(f"{role}{p.name}")
                    if agents:
                        present.append(f"{role}{p.name}的{agent_word}{_join(agents)}")
                else:
                    present.append(f"{role}{p.name}" + (f"及其{agent_word}{_join(agents)}" if agents else ""))
        out = ("，".join(present) + "到庭参加诉讼。") if present else ""
        if absent:
            # DR-PROC-03: an absent party ⇒ 经本院合法传唤，无正当理由拒不到庭 (CPL art. 147)
            out += f"{_join(absent)}经本院合法传唤，无正当理由拒不到庭参加诉讼，本院依法缺席审理。"
        return out

    def _procedure_line(self) -> str:
        c = self.case
        proc = c.trial_procedure or placeholder("审理程序", "简易程序或普通程序")
        return (f"{self._origin()}，本院于{self._filed()}立案后，依法适用{proc}，{self._bench_phrase()}，"
                f"{self._hearing()}。{self._attendance(('原告', '被告', '第三人'))}本案现已审理终结。")

    def _bench_phrase(self) -> str:
        return _bench_phrase(self.case, criminal=self.case.doc_kind == "criminal_judgment")

    def _claims_line(self) -> str:
        """J4: A向本院提出诉讼请求：1.…；2.…。事实和理由：…"""
        c = self.case
        claims = _claims_text(c.claims) if c.claims else placeholder("诉讼请求", "根据起诉状填写") + "。"
        grounds = _sentence(c.claim_grounds) if c.claim_grounds else placeholder("事实和理由", "根据起诉状填写")
        return f"{self._names('原告')}向本院提出诉讼请求：{claims}事实和理由：{grounds}"

    def _defence_lines(self, *, criminal: bool) -> list[str]:
        """J5 (被告辩称 / 第三人述称) and K7 (被告人辩解, 辩护人意见), as given."""
        c = self.case
        by_name = {p.name: p for p in c.parties}
        lines: list[str] = []
        default_role = "被告人" if criminal else "被告"
        defendants = self._names(default_role)
        for party, text in c.defence:
            p = by_name.get(party or "")
            if p is not None:
                verb = "述称" if p.role == "第三人" else "提出" if p.role == "辩护人" else "辩称"
                lines.append(f"{p.role}{p.name}{verb}，{_sentence(text)}")
            elif party:
                lines.append(f"{party}辩称，{_sentence(text)}")
            elif criminal or re.match(r"^(?:原告|被告|第三人|被告人|辩护人|公诉机关)", text) or \
                    any(text.startswith(n) for n in by_name):
                lines.append(_sentence(text))
            else:
                lines.append(f"{default_role}{defendants}辩称，{_sentence(text)}")
        if not lines:
            if criminal:
                lines.append(placeholder("辩解与辩护意见", "根据庭审笔录写明被告人的辩解和辩护人的辩护意见"))
            else:
                lines.append(f"被告{defendants}辩称，{placeholder('答辩意见', '根据答辩状及庭审笔录填写')}")
        return lines

    def _facts_lines(self, lead: str, hint: str) -> list[str]:
        """The facts as given, then the placeholder for the judge to check and complete them."""
        c = self.case
        mark = placeholder("查明事实", hint)
        if not c.facts:
            return [lead + mark]
        paras = [p.strip() for p in c.facts.split("\n") if p.strip()]
        paras[0] = lead + paras[0]
        paras[-1] = paras[-1] + mark
        return paras

    def _reasoning(self) -> None:
        who = "合议庭" if _is_collegial(self.case) else "承办法官"
        # J8 / K9: the reasoning is the judge's; the section keeps its 本院认为 opening
        self.b.add("body", f"本院认为，{placeholder('本院认为', self._reason_hint(who))}")

    def _reason_hint(self, who: str) -> str:
        kind = self.case.ruling_kind
        if self.case.doc_kind == "civil_ruling":
            return f"由{who}撰写{kind or '裁定'}的理由"
        return f"由{who}围绕争议焦点撰写裁判理由"

    def _basis_and_orders(self) -> None:
        word = _ruling_word(self.case)
        clause = citation_clause(self.citations) if self.citations else placeholder("法律依据", "由承办法官填写")
        # J9 / K10: 依照《…》第…条之规定，判决如下： (DR-HDR-03: 判决如下 only in a 判决书, 裁定如下 in a 裁定书)
        self.b.add("body", f"依照{clause}之规定，{word}如下：")
        who = "由合议庭评议后填写" if _is_collegial(self.case) else "由承办法官填写"
        if self.case.ruling_kind:
            # the ruling's subject is input, not a decision; it tells a reader (and DR-APL-04) what kind of
            # ruling this is, which decides whether it may be appealed (CPL art. 157 ¶2)
            who += f"（裁定事项：{self.case.ruling_kind}）"
        self.b.add("body", placeholder(f"{word}主文", who))

    def _late_performance(self) -> None:
        """J11 / DR-REQ-08: the late-performance warning citing the CPL article in force on the date."""
        law = self.kb.find_law("中华人民共和国民事诉讼法")
        version = self.kb.version_at(law.id, self.when) if law else None
        art = next((a for a in self.kb.articles_of(version) if "加倍支付迟延履行期间的债务利息" in a.text),
                   None) if version else None
        if art is None or law is None:
            ref = placeholder("迟延履行条款", "核对民事诉讼法关于加倍支付迟延履行期间债务利息的条文序号")
            self.warnings.append("知识库中未找到民事诉讼法关于迟延履行利息的条文，请核对")
        else:
            ref = f"《{law.title}》{article_label(art.number, art.sub)}"
        self.b.add("body", f"如果未按本判决指定的期间履行给付金钱义务，应当依照{ref}规定，加倍支付迟延履行期间的债务利息。")
        self.warnings.append("已按给付金钱的诉讼请求加入迟延履行告知；如主文不含给付金钱义务，请删除该段")

    def _fee_line(self, *, allocation_hint: str, outcome: str | None = None) -> None:
        """J12: 案件受理费X元（减半收取计Y元），由【…】负担 — the amount by the fee rules, the allocation left open."""
        c = self.case
        self.fee = acceptance_fee(c.claims_amount, category="民事", cause=c.cause, procedure="一审",
                                  trial_procedure=c.trial_procedure, outcome=outcome)
        fee = self.fee
        if fee.full is None and fee.low is not None and fee.high is not None:
            # 诉讼费用交纳办法 art. 13(2): the province fixes the figure within the band — the judge fills it in
            band = f"按本省标准在{format_yuan(fee.low)}元至{format_yuan(fee.high)}元幅度内确定" + \
                ("，减半收取" if fee.halved else "")
            text = f"案件受理费{placeholder('受理费金额', band)}元"
        else:
            text = fee_text(fee).rstrip("。；，")
        if c.claims_amount is None:
            self.warnings.append("未提供诉讼标的额（claims_amount），案件受理费按非财产案件计算，请核对")
        if fee.note:
            self.warnings.append(f"诉讼费：{fee.note}")
        self.b.add("body", f"{text}，由{placeholder('诉讼费用负担', allocation_hint)}负担。")

    def _appeal_line(self) -> None:
        """J13 / K12: the appeal notice (or the finality statement) from the appeal rules."""
        c = self.case
        cat, doc_type, _title = DOC_KINDS[c.doc_kind or "civil_judgment"]
        cause = c.cause or (_join(c.charges) or None)
        self.appeal = rule = appeal_rule(
            category=cat, doc_type=doc_type, procedure="一审", trial_procedure=c.trial_procedure,
            court_name=c.court, court_code=c.court_code, cause=cause,
            foreign_party=any(p.foreign for p in c.parties),
            ruling_kind=c.ruling_kind if c.doc_kind == "civil_ruling" else None)
        if not rule.determined:
            self.warnings.append(f"上诉规则未能确定：{rule.basis}")
            self.b.add("body", placeholder("上诉告知", "写明上诉期限和上诉法院，或写明本裁判为终审裁判"))
            return
        if not rule.appealable:
            # DR-APL-04: a final decision says so instead of an appeal notice
            if rule.final_statement:
                self.b.add("body", rule.final_statement)
            return
        notice = rule.notice or ""
        if rule.appellate_court is None:
            # DR-APL-03: the appellate court could not be determined — the judge fills it in
            self.warnings.append(f"未能确定上诉法院：{rule.basis}")
            notice = notice.replace("【上诉法院】", placeholder("上诉法院", "填写上一级人民法院全称"))
        elif not rule.court_verified:
            self.warnings.append(f"上诉法院{rule.appellate_court}来自未经核实的对照表，请核对（{rule.basis}）")
        self.b.add("body", notice)

    def _civil_body(self) -> None:
        c = self.case
        self.b.add("body", self._procedure_line())  # J3
        self.b.add("body", self._claims_line())  # J4
        for line in self._defence_lines(criminal=False):  # J5
            self.b.add("body", line)
        # J6 evidence, J7 facts found
        self.b.add("body", "本案当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。"
                   + placeholder("证据认定", "由承办法官写明对有争议证据的认定"))
        for line in self._facts_lines("本院认定事实如下：", "由承办法官根据庭审核对、补充"):
            self.b.add("body", line)
        self._reasoning()  # J8
        self._basis_and_orders()  # J9, J10
        if c.claims_amount:
            self._late_performance()  # J11
        self._fee_line(allocation_hint="由合议庭根据裁判结果确定" if _is_collegial(c) else "由承办法官根据裁判结果确定")
        self._appeal_line()  # J13

    # ------------------------------------------------------------------ criminal judgment K5–K12
    def _criminal_body(self) -> None:
        c = self.case
        prosecutor = c.prosecutor or placeholder("公诉机关", "填写人民检察院全称")
        indictment = (c.indictment or placeholder("起诉书文号", "填写起诉书文号")).removesuffix("起诉书")
        defendants = self._names("被告人")
        charges = _join(c.charges) if c.charges else placeholder("罪名", "填写指控罪名")
        filed = self._filed()
        proc = c.trial_procedure or placeholder("审理程序", "简易程序或普通程序")
        staff = c.prosecutor_staff or placeholder("出庭检察员", "填写出庭检察员姓名")
        # K5: …以…起诉书指控被告人X犯Y罪，于…向本院提起公诉。本院依法适用…，…，公开开庭审理了本案。
        self.b.add("body", f"{prosecutor}以{indictment}起诉书指控被告人{defendants}犯{charges}，于{filed}向本院提起公诉。"
                   f"本院依法适用{proc}，{self._bench_phrase()}，{self._hearing(criminal=True)}。"
                   f"{prosecutor}指派检察员{staff}出庭支持公诉，{self._attendance(('被告人',))}现已审理终结。")
        # K6: 公诉机关指控：… (document_types.md §5)
        accusation = _sentence(c.accusation) if c.accusation else placeholder(
            "公诉机关指控", "根据起诉书写明指控的事实、证据、罪名及量刑建议")
        self.b.add("body", f"公诉机关指控：{accusation}")
        for line in self._defence_lines(criminal=True):  # K7
            self.b.add("body", line)
        for line in self._facts_lines("经审理查明：", "由承办法官根据庭审核对、补充，并列明证据"):  # K8
            self.b.add("body", line)
        self._reasoning()  # K9
        self._basis_and_orders()  # K10, K11
        for p in c.principals("被告人"):
            self._term_start(p)
        self._check_charges()
        self._appeal_line()  # K12

    def _term_start(self, p: Party) -> None:
        """The start of the 刑期 bracket (K11; sentencing.md §4.1: custody credited one day for one day)."""
        custody = [d for m, d in p.detention.items() if m in ("刑事拘留", "逮捕")]
        if not custody:
            return
        first = min(custody)
        if any(m in p.detention for m in ("取保候审", "监视居住", "指定居所监视居住")):
            hint = (f"被告人{p.name}于{_day(first)}被羁押，其后变更强制措施，请按实际羁押天数折抵刑期"
                    "（刑法第四十一条、第四十四条、第四十七条）")
        else:
            # sentencing.md §4.2: continuous custody up to execution ⇒ the term starts on the first custody day
            hint = (f"被告人{p.name}自{_day(first)}起羁押，判处有期徒刑或拘役的，括号内写明“刑期从判决执行之日起计算。"
                    f"判决执行以前先行羁押的，羁押一日折抵刑期一日，即自{_day(first)}起至……止”")
        self.b.add("body", placeholder("刑期起算", hint))

    def _check_charges(self) -> None:
        """DR-CRIM-01: each charge is an official 罪名 known to the knowledge base."""
        known = self.kb.charge_articles()
        for charge in self.case.charges:
            if charge not in known:
                self.warnings.append(f"罪名“{charge}”不在罪名表中，请核对是否为规范罪名（DR-CRIM-01）")

    # ------------------------------------------------------------------ civil ruling
    def _ruling_body(self) -> None:
        c = self.case
        kind = c.ruling_kind
        proc = c.trial_procedure or placeholder("审理程序", "简易程序或普通程序")
        hearing = f"，{self._hearing()}" if c.hearing_date else ""
        self.b.add("body", f"{self._origin()}，本院于{self._filed()}立案后，依法适用{proc}，{self._bench_phrase()}"
                   f"{hearing}。")
        if kind == "准许撤诉":
            when = _day(c.withdrawal_date) if c.withdrawal_date else placeholder("撤诉申请日期", "填写日期")
            self.b.add("body", f"原告{self._names('原告')}于{when}向本院提出撤诉申请。")
        elif kind == "管辖权异议":
            party, grounds = c.objection or (None, "")
            p = next((x for x in c.parties if x.name == party), None)
            who = f"{p.role}{p.name}" if p else (party or f"被告{self._names('被告')}")
            # CPL art. 130: the objection is raised within the period for the statement of defence
            self.b.add("body", f"{who}在提交答辩状期间对管辖权提出异议，认为：{_sentence(grounds)}")
        else:
            self.b.add("body", self._claims_line())
            if c.defence:
                for line in self._defence_lines(criminal=False):
                    self.b.add("body", line)
            if c.facts:
                for line in self._facts_lines("经审查查明：", "由承办法官核对、补充"):
                    self.b.add("body", line)
        self._reasoning()
        self._basis_and_orders()
        if kind in ("驳回起诉", "准许撤诉"):
            # 诉讼费用交纳办法 arts. 15, 34 (withdrawal: halved, borne by the plaintiff) — the judge decides
            hint = "由承办法官确定负担方式（驳回起诉的，写明退还或负担）" if kind == "驳回起诉" else \
                "由承办法官确定（撤诉的，减半收取，由原告负担）"
            self._fee_line(allocation_hint=hint, outcome="撤诉" if kind == "准许撤诉" else None)
        self._appeal_line()

    # ------------------------------------------------------------------ J14 / K13
    def _signature(self) -> None:
        c = self.case
        self.b.blank()
        if c.bench:
            for m in c.bench:  # DR-SIG-01/02: 审判长, 审判员, 人民陪审员; a single judge signs 审判员
                self.b.add("signature", f"{m.title}　{m.name}")
        else:
            self.b.add("signature", placeholder("审判人员", "填写审判人员署名"))
        self.b.blank()
        # DR-DATE-01: the signature date in Chinese numerals with 〇 (二〇二四年五月二十日)
        if c.judgment_date:
            self.b.add("signature", date_to_chinese(c.judgment_date))
        else:
            self.b.add("signature", placeholder("裁判日期", "签发时以汉字填写年月日，零写作〇"))
        self.b.blank()
        self.b.add("signature", "本件与原本核对无异")  # J14: on the served copy, before 法官助理 and 书记员
        self.b.blank()
        if c.assistant:
            self.b.add("signature", f"法官助理　{c.assistant}")
        # DR-SIG-04: 书记员 after the date
        self.b.add("signature", f"书记员　{c.clerk}" if c.clerk else f"书记员　{placeholder('书记员', '填写姓名')}")
        if not c.clerk:
            self.warnings.append("未提供书记员姓名（clerk）")
