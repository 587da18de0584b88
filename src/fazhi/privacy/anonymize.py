"""The anonymiser: the published text of a judgment, and a report of every change (anonymization.md §7).

Order of work:
1. extract the record (case type, cause, parties with roles, bench) and decide publication (§2);
2. build the entity table from the party block: who is protected under the profile (§3, art. 8;
   2024 practice: every party, organisations too), and who is never touched (judges, clerks,
   judicial assistants, lawyers, the prosecution);
3. find every mention of those people in the text (known names, partial references) and the
   people the party block does not list (victims, witnesses, appraisers … by context and by the
   trained tagger), and the deletable information (art. 10: numbers, addresses below county
   level, plates, health, certificates, technical investigation);
4. apply pseudonyms (art. 9) and deletions, report each change with the rule that requires it,
   put uncertain ones in a review queue, and run the post-checks AN-QA-01…05.

Offsets in the report point into the input text. The anonymiser proposes; the publication
office confirms (法发〔2022〕33号 §5: the system assists, a person decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.documents.extract import extract
from fazhi.documents.record import CaseRecord, PartyRecord
from fazhi.errors import BadInput
from fazhi.privacy import types as T
from fazhi.privacy.names import COMMON_WORDS, detect_names, detect_organizations
from fazhi.privacy.pseudonyms import ALREADY_MASKED, MASK_STYLES, PseudonymTable, base_pseudonym
from fazhi.privacy.publish import FAMILY_CAUSE, MINOR_AT_OFFENCE, age_on, event_date, publication
from fazhi.privacy.recognizers import detect_patterns
from fazhi.privacy.types import Detection

PROFILES = ("2016", "2024")
REVIEW_THRESHOLD = 0.8

ART8_1 = "法释〔2016〕19号第八条第一项（婚姻家庭、继承纠纷当事人及其法定代理人）"
ART8_2 = "法释〔2016〕19号第八条第二项（刑事案件被害人、附带民事诉讼原告人、证人、鉴定人）"
ART8_3 = "法释〔2016〕19号第八条第三项（未成年人及其法定代理人）"
PRACTICE_2024 = "2024年起上网文书当事人一律隐名（含法人和其他组织）"
ART10_1 = "法释〔2016〕19号第十条第一项"
ART10_2 = "法释〔2016〕19号第十条第二项"
ART10_5 = "法释〔2016〕19号第十条第五项（技术侦查措施）"

# Roles never anonymised (anonymization.md §4, §6): the bench, the clerk, the prosecution, counsel.
BENCH_ROLES = frozenset({"审判长", "审判员", "代理审判员", "人民陪审员", "书记员", "法官助理", "执行员", "检察员",
                         "检察官", "公诉人"})
COUNSEL_ROLES = frozenset({"辩护人", "委托诉讼代理人", "律师", "诉讼代理人"})
VICTIM_ROLES = frozenset({"被害人", "附带民事诉讼原告人", "证人", "鉴定人", "被害单位"})
ACCUSED_ROLES = frozenset({"被告人", "原审被告人", "同案犯", "同案人", "犯罪嫌疑人", "罪犯"})
REP_ROLES = frozenset({"法定代理人", "法定代表人", "负责人", "诉讼代表人"})
NOT_PARTY_ROLES = BENCH_ROLES | COUNSEL_ROLES | {"公诉机关", "抗诉机关"}
_LAWYER = re.compile(r"律师|法律工作者|法律服务所|法律援助")
_BENCH_LINE = re.compile(r"(审判长|审判员|代理审判员|人民陪审员|书记员|法官助理|执行员)[ \t\u3000]*([^\s\n]{2,12})")

# Lead-ins deleted together with a number (art. 10 deletes the whole "公民身份号码…" clause).
_LEAD_IN = {
    T.ID_NUMBER: r"(?:公民身份号码|居民身份证号码?|身份证号码?|身份证件号码|身份号码|身份证)",
    T.PHONE: r"(?:联系电话|联系方式|电话号码|手机号码|手机号|手机|电话|移动电话|固定电话)",
    T.BANK_CARD: r"(?:开户行[^，,。；;]{0,24}?)?(?:银行卡号|银行账号|银行账户|卡号|账号|账户)",
    T.EMAIL: r"(?:电子邮箱|电子邮件|邮箱|E-?mail)",
    T.ACCOUNT_ID: r"(?:微信号|QQ号码?|微信)",
    T.PASSPORT: r"(?:护照号码?|护照|港澳居民来往内地通行证号码?|台湾居民来往大陆通行证号码?|通行证号码?)",
    T.CREDIT_CODE: r"(?:统一社会信用代码)",
}
_LEAD_RE = {k: re.compile(rf"(?:(?<=[，,；;\n（(])|^)\s*{v}\s*[:：]?\s*(?:为|是)?\s*$") for k, v in _LEAD_IN.items()}
_CRIMINAL_ROLES = re.compile(r"被告人|被害人|公诉机关|犯罪嫌疑人")
_CLAUSE_END = "，,。；;\n）)"


@dataclass
class Person:
    """One natural person or organisation of the entity table."""

    key: str
    name: str
    role: str
    kind: str  # 自然人 | 单位
    protected: bool
    rule: str | None
    confidence: float = 0.99


@dataclass
class Change:
    """One masked span: what it was, what replaced it, and the rule that required it."""

    type: str
    start: int
    end: int
    text: str
    replacement: str
    rule: str
    confidence: float
    explanation: str
    role: str | None = None
    person: str | None = None  # entity key, for consistency checks

    def as_dict(self) -> dict[str, Any]:
        out = {"type": self.type, "start": self.start, "end": self.end, "text": self.text,
               "replacement": self.replacement, "rule": self.rule, "confidence": round(self.confidence, 3),
               "explanation": self.explanation}
        if self.role:
            out["role"] = self.role
        return out


@dataclass
class Anonymized:
    """The published text with its report."""

    text: str
    profile: str
    changes: list[Change]
    kept: list[dict[str, Any]]
    review: list[dict[str, Any]]
    publish: dict[str, Any]
    qa: list[dict[str, Any]]
    record: CaseRecord = field(repr=False, default_factory=CaseRecord)

    @property
    def entities(self) -> list[dict[str, Any]]:
        return [c.as_dict() for c in self.changes]

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "profile": self.profile, "entities": self.entities, "kept": self.kept,
                "review": self.review, "publish": self.publish, "qa": self.qa}


def anonymize(text: str, profile: str = "2024", *, mask_style: str = "single",
              table: PseudonymTable | None = None, effective_date: date | None = None,
              review_threshold: float = REVIEW_THRESHOLD) -> Anonymized:
    """Anonymise one document under ``profile`` ("2016": the letter of 法释〔2016〕19号; "2024":
    current practice). ``table`` carries pseudonyms across the documents of one case."""
    if profile not in PROFILES:
        raise BadInput(f"未知的匿名化规则版本：{profile}（可选 2016、2024）",
                       f"unknown profile: {profile} (choose 2016 or 2024)")
    if mask_style not in MASK_STYLES:
        raise BadInput(f"未知的隐名样式：{mask_style}（可选 single、per_char）",
                       f"unknown mask style: {mask_style} (single or per_char)")
    if not text.strip():
        raise BadInput("文书内容为空", "the document is empty")
    table = table or PseudonymTable(style=mask_style)
    rec = extract(text)
    family = bool(FAMILY_CAUSE.search(rec.cause or "")) and rec.category in ("民事", None)
    # a fragment without a header (no category read) is criminal when its roles say so
    criminal = rec.category == "刑事" or (rec.category is None and bool(_CRIMINAL_ROLES.search(text)))
    ref_day = rec.judgment_date or date.today()

    persons = _entity_table(rec, text, profile, family, criminal, ref_day)
    bench_spans = _bench_spans(text, rec)
    bench_names = {j.name for j in rec.judges} | {n for n in (rec.clerk, rec.judge_assistant) if n}
    known = [(p.name, p.role) for p in persons.values()]
    known += [(j.name, j.title) for j in rec.judges]
    known += [(n, r) for n, r in ((rec.clerk, "书记员"), (rec.judge_assistant, "法官助理")) if n]

    changes: list[Change] = []
    kept: list[dict[str, Any]] = []
    review: list[dict[str, Any]] = []

    # --- deletable information (art. 10) ---------------------------------------------------------
    org_lines = _org_party_lines(text, rec) if profile == "2016" else []
    for d in detect_patterns(text):
        if d.type == T.ADDRESS and any(a <= d.start < b for a, b in org_lines):
            kept.append({"type": d.type, "start": d.start, "end": d.end, "text": d.text,
                         "reason": "单位住所地保留（第十一条）"})
            continue
        ch = _pattern_change(text, d, profile)
        if ch is None:
            kept.append({"type": d.type, "start": d.start, "end": d.end, "text": d.text,
                         "reason": "2016版规则保留统一社会信用代码（第十一条）" if d.type == T.CREDIT_CODE else "保留"})
            continue
        changes.append(ch)

    # --- names of persons -------------------------------------------------------------------------
    by_name = {p.name: p for p in persons.values()}
    name_hits = detect_names(text, known)
    mentions: list[tuple[Detection, Person]] = []
    for d in name_hits:
        if d.attrs.get("already_masked") or ALREADY_MASKED.match(d.text):
            continue
        name = str(d.attrs.get("name", d.text))
        if d.attrs.get("role") in BENCH_ROLES or (name in bench_names and any(a <= d.start < b for a, b in bench_spans)):
            kept.append({"type": T.PERSON, "start": d.start, "end": d.end, "text": d.text,
                         "reason": "审判人员、书记员姓名保留"})
            continue
        person = by_name.get(d.attrs.get("name", d.text)) or by_name.get(d.text)
        if person is None:
            person = _free_person(d, profile, family, criminal, persons)
        if person.role in BENCH_ROLES or person.role in COUNSEL_ROLES and not person.protected:
            kept.append({"type": T.PERSON, "start": d.start, "end": d.end, "text": d.text, "role": person.role,
                         "reason": "审判人员、书记员、律师姓名保留" if person.role in BENCH_ROLES | COUNSEL_ROLES else "保留"})
            continue
        if not person.protected:
            kept.append({"type": T.PERSON, "start": d.start, "end": d.end, "text": d.text, "role": person.role,
                         "reason": f"{profile}版规则不要求隐去（{person.role}）"})
            if d.confidence < review_threshold or person.role == "未知":
                review.append({"type": T.PERSON, "start": d.start, "end": d.end, "text": d.text,
                               "action": "kept", "why": "身份不明的人名，请确认是否需要隐名：" + d.explanation})
            continue
        mentions.append((d, person))

    mentions += _unfound_mentions(text, mentions, persons, bench_names, bench_spans, name_hits)
    table.plan([(p.key, p.name) for _d, p in sorted(mentions, key=lambda m: m[0].start)])
    for d, person in mentions:
        pseudo = table.get(person.key, person.name)
        part = d.attrs.get("name", d.text)
        replacement = pseudo if part == person.name or d.text == person.name else _partial(d.text, person.name, pseudo)
        changes.append(Change(T.PERSON, d.start, d.end, d.text, replacement, person.rule or PRACTICE_2024,
                              min(d.confidence, person.confidence),
                              d.explanation + f"；按第九条替换为“{replacement}”", person.role, person.key))

    changes += _latin_forms(text, mentions)

    # --- organisations (2024 practice) -------------------------------------------------------------
    org_known = [p.name for p in persons.values() if p.kind == "单位"]
    for d in detect_organizations(text, org_known):
        person = by_name.get(d.text)
        if d.type == T.PERSON:  # a protected person's name inside an organisation name
            owner = by_name.get(d.text)
            if owner is not None and owner.protected:
                pseudo = table.get(owner.key, owner.name)
                changes.append(Change(T.PERSON, d.start, d.end, d.text, pseudo, owner.rule or PRACTICE_2024,
                                      d.confidence, d.explanation, owner.role, owner.key))
            continue
        if person is not None and person.protected and profile == "2024":
            table.plan([(person.key, person.name)])
            changes.append(Change(T.ORGANIZATION, d.start, d.end, d.text, org_pseudonym(d.text, table, person.key),
                                  PRACTICE_2024, d.confidence, d.explanation + "；当事人单位名称隐去", person.role,
                                  person.key))

    changes += _alias_changes(text, changes, table)
    changes = _resolve_overlaps(changes)
    for c in changes:
        if c.confidence < review_threshold:
            review.append({"type": c.type, "start": c.start, "end": c.end, "text": c.text, "action": "masked",
                           "replacement": c.replacement, "why": c.explanation})
    out = _apply(text, changes)
    pub = publication(rec, text, effective_date=effective_date)
    qa = _post_checks(out, text, rec, changes, persons, bench_spans)
    for q in qa:
        if not q["passed"]:
            review.append({"type": "qa", "check": q["check"], "action": "check", "why": q["detail"]})
    review.sort(key=lambda r: r.get("start", 1 << 30))
    return Anonymized(out, profile, changes, sorted(kept, key=lambda k: k["start"]), review, pub, qa, rec)


# --- the entity table -------------------------------------------------------------------------------

def _entity_table(rec: CaseRecord, text: str, profile: str, family: bool, criminal: bool,
                  ref_day: date) -> dict[str, Person]:
    """Every party of the party block, protected or not, with the rule that protects them (§3)."""
    persons: dict[str, Person] = {}
    minors = _minors(rec, text, ref_day)
    protected_principals: dict[str, str] = {}
    for p in rec.parties:
        line = _line_at(text, p.start)
        rule = _party_rule(p, line, profile, family, criminal, minors, protected_principals)
        if rule and p.role not in REP_ROLES and p.role not in COUNSEL_ROLES:
            protected_principals[p.name] = rule
        key = f"{p.name}#{p.birth_date.isoformat() if p.birth_date else ''}"
        if p.name in persons:  # same name again: the same person unless the birth dates differ
            if persons[p.name].key == key or not p.birth_date:
                continue
            key = f"{p.name}#{len(persons)}"
        persons[p.name] = Person(key, p.name, p.role, p.kind, rule is not None, rule)
    return persons


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:len(text) if end < 0 else end]


def _minors(rec: CaseRecord, text: str, ref_day: date) -> set[str]:
    """Natural persons under 18 at the time of the events or of the judgment (§3 note: the
    conservative reading — under 18 at any relevant time)."""
    events = event_date(rec, text)
    out = set()
    for p in rec.parties:
        if p.kind != "自然人" or p.birth_date is None:
            continue
        if any(age_on(p.birth_date, d) < 18 for d in (events, ref_day) if d is not None and d >= p.birth_date):
            out.add(p.name)
    defendants = [p.name for p in rec.parties if p.role in ("被告人", "原审被告人")]
    if len(defendants) == 1 and MINOR_AT_OFFENCE.search(text):
        out.add(defendants[0])
    return out


_LATIN_AFTER = re.compile(r"[（(]\s*(?P<latin>[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,3})\s*(?=[，,）)；;])")


def _latin_forms(text: str, mentions: list[tuple[Detection, Person]]) -> list[Change]:
    """A foreign person's name in Latin script given in brackets after the transliteration
    (约翰·史密斯（John Smith，…）): the same person, masked per art. 9 (first letter only)."""
    out: list[Change] = []
    for d, person in mentions:
        m = _LATIN_AFTER.match(text, d.end)
        if m is None:
            continue
        latin = m.group("latin")
        out.append(Change(T.PERSON, m.start("latin"), m.end("latin"), latin, base_pseudonym(latin),
                          person.rule or PRACTICE_2024, d.confidence,
                          f"“{person.name}”的外文姓名；按第九条保留首字母", person.role, person.key + "#latin"))
    return out


def _unfound_mentions(text: str, mentions: list[tuple[Detection, Person]], persons: dict[str, Person],
                      bench_names: set[str], bench_spans: list[tuple[int, int]],
                      hits: list[Detection]) -> list[tuple[Detection, Person]]:
    """Every other occurrence of a protected person's full name (AN-QA-01: no surface form may
    survive), except inside the bench's own lines and names that are also common words."""
    covered = [(d.start, d.end) for d in hits]
    out: list[tuple[Detection, Person]] = []
    for person in {p.key: p for _d, p in mentions}.values():
        name = person.name
        if len(name) < 2 or name in COMMON_WORDS:
            continue
        for s in _occurrences(text, name):
            e = s + len(name)
            if any(a < e and s < b for a, b in covered):
                continue
            if name in bench_names and any(a <= s < b for a, b in bench_spans):
                continue
            det = Detection(T.PERSON, s, e, name, 0.9, "anonymize.propagate",
                            f"受保护人员“{name}”在文中的其他位置", {"name": name, "role": person.role})
            out.append((det, person))
            covered.append((s, e))
    return out


def _party_rule(p: PartyRecord, line: str, profile: str, family: bool, criminal: bool, minors: set[str],
                protected_principals: dict[str, str]) -> str | None:
    role = p.role
    if role in ("公诉机关", "抗诉机关"):
        return None
    if role in COUNSEL_ROLES:
        # §6: lawyers and legal workers keep their names; another agent (a relative, an employee)
        # follows the party they act for, and under 2024 practice is de-identified with them
        if p.law_firm or _LAWYER.search(line):
            return None
        if p.represents in protected_principals:
            return protected_principals[p.represents] if profile == "2016" else PRACTICE_2024
        return PRACTICE_2024 if profile == "2024" else None
    if p.name in minors:
        return ART8_3
    if role == "法定代理人" and p.represents in minors:
        return ART8_3
    if role in REP_ROLES:
        if p.represents in protected_principals and (role == "法定代理人" or profile == "2024"):
            return ART8_1 if family and role == "法定代理人" else (
                ART8_2 if criminal and role == "法定代理人" else PRACTICE_2024)
        return None
    if family:
        return ART8_1
    if criminal and role in VICTIM_ROLES:
        return ART8_2
    if profile == "2024":
        return PRACTICE_2024
    return None


def _free_person(d: Detection, profile: str, family: bool, criminal: bool,
                 persons: dict[str, Person]) -> Person:
    """A person the party block does not list (victim, witness, relative …): protected by role.

    In a criminal case every private person named in the facts other than the accused is
    treated as protected under art. 8(2) (victims, witnesses, their relatives); co-offenders
    tried elsewhere are like defendants: kept under 2016, de-identified under 2024.
    """
    role = str(d.attrs.get("role") or "未知")
    rule: str | None
    if role in BENCH_ROLES or role in COUNSEL_ROLES or role in ("公诉人", "检察员"):
        rule = None
    elif role in ACCUSED_ROLES:
        rule = PRACTICE_2024 if profile == "2024" else None
    elif criminal:
        rule = ART8_2
    elif family:
        rule = ART8_1
    elif profile == "2024":
        rule = PRACTICE_2024  # current practice de-identifies every private person in a published text
    else:
        rule = None
    confidence = d.confidence if role != "未知" else min(d.confidence, 0.75)
    name = str(d.attrs.get("name", d.text))
    person = Person(f"{name}#free", name, role, "自然人", rule is not None, rule, confidence=confidence)
    persons.setdefault(name, person)
    return persons[name]


def _org_party_lines(text: str, rec: CaseRecord) -> list[tuple[int, int]]:
    """The party-block lines of organisations: their domicile is kept under 2016 (art. 11)."""
    spans = []
    for p in rec.parties:
        if p.kind == "单位" and p.role not in ("公诉机关", "抗诉机关"):
            start = text.rfind("\n", 0, p.start) + 1
            end = text.find("\n", p.start)
            spans.append((start, len(text) if end < 0 else end))
    return spans


_PANEL_WORDS = re.compile(r"合议庭|独任|担任审判长|人民陪审员|书记员|法官助理")


def _bench_spans(text: str, rec: CaseRecord) -> list[tuple[int, int]]:
    """Where the bench's names stand as the bench: the closing section (signature block) and the
    sentences that name the panel (由审判员X担任审判长，与Y、Z组成合议庭)."""
    zones = [(s.start, s.end) for s in rec.sections if s.name == "尾部"]
    for m in _PANEL_WORDS.finditer(text):
        # the clause only: the same sentence usually names the parties too (原告X与被告Y…一案，…)
        start = max(text.rfind(ch, 0, m.start()) for ch in "。，；\n") + 1
        ends = [i for i in (text.find(ch, m.end()) for ch in "。，；\n") if i >= 0]
        zones.append((start, min(ends) if ends else len(text)))
    return zones


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Start offsets of every occurrence of ``needle`` (plain search, no regex to compile)."""
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + len(needle))


# --- deletions -------------------------------------------------------------------------------------

def _pattern_change(text: str, d: Detection, profile: str) -> Change | None:
    if d.type == T.CREDIT_CODE and profile == "2016":
        return None  # art. 11 keeps the organisation code under the letter of 2016
    if d.type == T.BIRTH_DATE:
        return None  # art. 11 keeps the date of birth (anonymization.md §6, example D)
    start, end = d.start, d.end
    replacement = ""
    rule = ART10_1
    lead = _LEAD_RE.get(d.type)
    if lead is not None:
        m = lead.search(text, max(0, start - 40), start)
        if m is not None and (end >= len(text) or text[end] in _CLAUSE_END):
            start = m.start()
            # take the comma before the clause too, so "，公民身份号码…" leaves no empty field
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            if start > 0 and text[start - 1] in "，,":
                start -= 1
            elif start > 0 and text[start - 1] in "（(" and text[end:end + 1] in "）)":
                start, end = start - 1, end + 1  # "（联系电话…）" goes as a whole
        elif m is None and d.type in (T.PHONE, T.BANK_CARD, T.ID_NUMBER):
            replacement = "×" * 4  # art. 10 last para.: partial × where deletion would break the sentence
    if d.type == T.PLATE:
        if text[end:end + 1] == "号":
            end += 1
        rule = ART10_1 + "（车牌号码）"
    elif d.type == T.ADDRESS:
        rule = ART10_1 + "（家庭住址，保留至县区）"
    elif d.type == T.HEALTH:
        replacement = "某疾病" if d.end - d.start <= 12 else ""
        rule = ART10_1 + "（健康状况）"
    elif d.type == T.TECH_INVESTIGATION:
        rule = ART10_5
    elif d.type == T.CREDIT_CODE:
        rule = PRACTICE_2024 + "（统一社会信用代码）"
    elif d.type == T.PROPERTY_CERT:
        rule = ART10_1 + "（权属证书编号）"
    elif d.type == T.BANK_CARD:
        rule = ART10_1 + "（银行账号）"
    return Change(d.type, start, end, text[start:end], replacement, rule, d.confidence, d.explanation)


_REGION = re.compile(r"^(?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|自治州|地区|盟|县|区|旗)){1,3}|"
                     r"^(?:北京|上海|天津|重庆|广州|深圳|杭州|南京|武汉|成都|西安|苏州)")
_ORG_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团有限公司|集团|分公司|合伙企业（有限合伙）|合伙企业|"
                       r"个体工商户|经营部|合作社|公司|厂|店|超市|商行|中心|工作室|事务所)$")
_INDUSTRY = re.compile(r"(房地产开发|建筑工程|建设工程|信息技术|网络科技|科技|贸易|商贸|实业|建筑|建设|工程|投资|物流|"
                       r"餐饮管理|餐饮|置业|汽车销售|汽车服务|电子商务|食品|医药|药业|机械|电子|材料|文化传媒|传媒|"
                       r"装饰|劳务|物业管理|物业|农业|化工|能源|环保|金融|保险|担保|小额贷款|旅游|酒店管理|酒店|"
                       r"教育|咨询|服装|家具|钢铁|运输|矿业|纺织|印刷|广告|设计|租赁|制造)$")


def org_pseudonym(name: str, table: PseudonymTable, key: str) -> str:
    """上海甲乙丙贸易有限公司 → 上海某贸易有限公司: region and kind of business kept, trade name hidden."""
    if key in table.by_key:
        return table.by_key[key]
    region = _REGION.match(name)
    head = region.group(0) if region and len(region.group(0)) < len(name) - 2 else ""
    rest = name[len(head):]
    form = _ORG_FORM.search(rest)
    suffix = form.group(1) if form else ""
    core = rest[: len(rest) - len(suffix)]
    industry = _INDUSTRY.search(core)
    pseudo = head + "某" + (industry.group(1) if industry else "") + suffix
    table.members.setdefault(pseudo, [])
    group = table.members[pseudo]
    if key not in group:
        group.append(key)
    if len(group) > 1:
        pseudo = f"{pseudo}{group.index(key) + 1}" if not suffix else \
            head + f"某{group.index(key) + 1}" + (industry.group(1) if industry else "") + suffix
    table.by_key[key] = pseudo
    return pseudo


_ALIAS = re.compile(r"[（(]以下简称[“\"]?(?P<alias>[^”\"）)]{2,12})[”\"]?[）)]")
_GENERIC = re.compile(r"(公司|集团|银行|医院|学校|工厂|厂|店|超市|中心|合作社|商行|经营部)$")


def _alias_changes(text: str, changes: list[Change], table: PseudonymTable) -> list[Change]:
    """Short names an organisation is given (（以下简称“盛世公司”）) follow it into the pseudonym:
    every use of the short name becomes 某公司 (numbered when two organisations collide)."""
    out: list[Change] = []
    for c in [c for c in changes if c.type == T.ORGANIZATION and c.person]:
        m = _ALIAS.match(text, c.end)
        if m is None:
            continue
        alias = m.group("alias")
        key = f"{c.person}#alias"
        if key not in table.by_key:
            generic = _GENERIC.search(alias)
            base = "某" + (generic.group(1) if generic else "单位")
            group = table.members.setdefault("alias:" + base, [])
            group.append(key)
            table.by_key[key] = base if len(group) == 1 else f"{base}{len(group)}"
        pseudo = table.by_key[key]
        for a in _occurrences(text, alias):
            out.append(Change(T.ORGANIZATION, a, a + len(alias), alias, pseudo, PRACTICE_2024, c.confidence,
                              f"“{c.text}”的简称；当事人单位名称隐去", c.role, key))
    return out


def _partial(mention: str, full: str, pseudo: str) -> str:
    """A mention that is not the full name (given name alone, 小三): the pseudonym stands in for it."""
    return pseudo


def _resolve_overlaps(changes: list[Change]) -> list[Change]:
    """Keep non-overlapping changes: numbers before names, longer before shorter."""
    priority = {T.ID_NUMBER: 0, T.BANK_CARD: 1, T.CREDIT_CODE: 1, T.PASSPORT: 1, T.PHONE: 2, T.EMAIL: 2,
                T.ACCOUNT_ID: 2, T.PROPERTY_CERT: 2, T.PLATE: 3, T.TECH_INVESTIGATION: 3, T.ORGANIZATION: 4,
                T.ADDRESS: 5, T.PERSON: 6, T.HEALTH: 7}
    chosen: list[Change] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(changes, key=lambda c: (priority.get(c.type, 9), -(c.end - c.start), c.start)):
        if any(c.start < b and a < c.end for a, b in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _apply(text: str, changes: Iterable[Change]) -> str:
    parts, pos = [], 0
    for c in changes:
        parts.append(text[pos:c.start])
        parts.append(c.replacement)
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)


# --- post-checks (anonymization.md §7, AN-QA-*) -------------------------------------------------------

def _post_checks(out: str, text: str, rec: CaseRecord, changes: list[Change], persons: dict[str, Person],
                 bench_spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    checks: list[dict[str, Any]] = []
    bench_names = {j.name for j in rec.judges} | {n for n in (rec.clerk, rec.judge_assistant) if n}
    left = [p.name for p in persons.values()
            if p.protected and len(p.name) >= 2 and p.name not in bench_names and p.name in out]
    checks.append({"check": "AN-QA-01", "passed": not left,
                   "detail": "受保护人员姓名仍出现在公开文本中：" + "、".join(left) if left else "受保护人员姓名均已替换"})
    found = detect_patterns(out, types=(T.ID_NUMBER, T.PHONE, T.BANK_CARD, T.ADDRESS))
    numbers = [d for d in found if d.type in (T.ID_NUMBER, T.PHONE, T.BANK_CARD)]
    checks.append({"check": "AN-QA-02", "passed": not numbers,
                   "detail": f"仍有{len(numbers)}处身份证号、电话或银行账号" if numbers else "未发现身份证号、电话、银行账号"})
    missing = [n for n in bench_names if n not in out]
    if rec.case_number and rec.case_number not in out:
        missing.append(rec.case_number)
    if rec.court and rec.court not in out:
        missing.append(rec.court)
    checks.append({"check": "AN-QA-03", "passed": not missing,
                   "detail": "审判人员、法院或案号被改动：" + "、".join(missing) if missing else "审判人员、书记员、法院、案号保持不变"})
    seen: dict[str, set[str]] = {}
    for c in changes:
        if c.person:
            seen.setdefault(c.person, set()).add(c.replacement)
    split = [k.split("#")[0] for k, v in seen.items() if len(v) > 1]
    checks.append({"check": "AN-QA-04", "passed": not split,
                   "detail": "同一人出现不同化名：" + "、".join(split) if split else "同一人全文化名一致"})
    addr = [d for d in found if d.type == T.ADDRESS]
    checks.append({"check": "AN-QA-05", "passed": not addr,
                   "detail": f"仍有{len(addr)}处县区以下地址" if addr else "住址均截至县区"})
    return checks
