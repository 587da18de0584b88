"""Parsing the party block (当事人): one participant per line, role first (document_types.md J2, K2–K4).

A line such as ``上诉人（原审被告）：张三，男，1985年3月12日出生，汉族，住……`` gives role,
original role, name and the details that follow; an agent's or representative's line is
linked to the principal party above it.
"""

from __future__ import annotations

import re

from fazhi.documents.record import PartyRecord
from fazhi.text import parse_date

# Roles as they open a party line; longest first so that 被告人 is not read as 被告.
ROLES = (
    "附带民事诉讼原告人", "附带民事诉讼被告人", "附带民事诉讼原告", "附带民事诉讼被告", "委托诉讼代理人",
    "原审附带民事诉讼原告人", "被申请执行人", "指定辩护人", "委托代理人", "法定代表人", "法定代理人",
    "诉讼代表人", "再审申请人", "被申请再审人", "申请执行人", "申请复议人", "原审第三人", "被执行人",
    "被上诉人", "被申请人", "公诉机关", "抗诉机关", "原审原告", "原审被告", "上诉人", "申请人",
    "被告人", "自诉人", "辩护人", "被害人", "第三人", "负责人", "异议人", "案外人", "具状人", "申诉人",
    "答辩人", "原告", "被告", "代表人", "出庭负责人", "原公诉机关", "原审被告人", "被申请执行人",
)
# Normalised role names (variants written in practice -> the role the record uses).
_ROLE_ALIASES = {"委托代理人": "委托诉讼代理人", "附带民事诉讼原告": "附带民事诉讼原告人",
                 "附带民事诉讼被告": "附带民事诉讼被告人", "指定辩护人": "辩护人", "代表人": "诉讼代表人",
                 "出庭负责人": "负责人", "原公诉机关": "公诉机关", "被申请执行人": "被执行人"}
AGENT_ROLES = frozenset({"委托诉讼代理人", "辩护人"})
REPRESENTATIVE_ROLES = frozenset({"法定代表人", "负责人", "法定代理人", "诉讼代表人"})

_ROLE_ALT = "|".join(sorted(ROLES, key=len, reverse=True))
_PARTY_LINE = re.compile(
    rf"^[ \t]*(?:[二三四五六七八九十两]+(?:原告|被告|上诉人|被上诉人|被告人)(?:共同)?)?(?P<role>{_ROLE_ALT})[ \t]*(?:[（(](?P<orig>[^）)\n]{{1,30}})[）)])?[ \t]*[:：]?[ \t]*"
    r"(?P<name>[^，,。；;：:（(\n]{1,60})",
    re.M,
)
# Narrative that opens with a role (原告罗建华诉称…) is not a party line.
_NOT_A_NAME = re.compile(r"诉称|辩称|述称|不服|一案|与|提出|申请|认为|对")
_ORG_SUFFIX = re.compile(
    r"(?:公司|集团|局|院|委员会|委|政府|中心|厂|店|行|社|协会|学会|所|部|处|站|队|办公室|办事处|学校|学院|大学|"
    r"医院|银行|支行|分行|分公司|合伙企业|基金会|商会|联合会|街道|村民委员会|居民委员会|检察院|法院|"
    r"管理局|监督管理局|支队|大队|派出所|工作室|经营部|门市部|俱乐部|农场|矿|馆|园)$"
)
_GENDER = re.compile(r"[，,]\s*(男|女)\s*[，,。（(]")
_BIRTH = re.compile(
    r"(?:出生于|生于)?((?:19|20)\d{2}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月"
    r"[一二三四五六七八九十]{1,3}日)(?:出生|生)"
)
_ETHNIC = re.compile(r"[，,]\s*([\u4e00-\u9fa5]{1,6}族)\s*[，,。]")
_EDU = re.compile(r"[，,]\s*((?:文盲|小学|初中|高中|中专|职高|大专|专科|大学|本科|研究生|硕士|博士)[\u4e00-\u9fa5]{0,4}(?:文化|学历|肄业|毕业)?)\s*[，,。]")
_ADDRESS = re.compile(r"(?:户籍(?:所在)?地|住所地|经常居住地|现住|住址|住)[:：]?\s*([^，,。；;\n]{2,80})")
_ID = re.compile(r"(?:公民身份号码|身份证号码?|居民身份证号)[:：]?\s*([0-9０-９]{17}[0-9０-９Xx]|[0-9]{15})")
_CREDIT = re.compile(r"统一社会信用代码[:：]?\s*([0-9A-HJ-NP-RTUWXY]{18})")
_FIRM = re.compile(r"([\u4e00-\u9fa5（）()]{2,40}?(?:律师事务所|法律服务所|法律援助中心|法律援助处))")
_CUSTODY = re.compile(r"(现羁押于[^。\n]{2,40}|现在押|现被(?:取保候审|监视居住)[^。\n]{0,20}|(?:被)?取保候审|监视居住|在逃)")
_OCCUPATION = re.compile(r"[，,]\s*(无业|无固定职业|农民|务农|个体(?:工商户|经营者)?|职员|工人|司机|退休(?:人员|职工)?|学生|"
                         r"公司职员|自由职业|[\u4e00-\u9fa5]{2,20}(?:员工|职工|经理|股东|负责人|教师|医生|工作人员))\s*[，,。]")


def parse_party_block(block: str, offset: int = 0) -> list[PartyRecord]:
    """Every participant in ``block`` (the 当事人 section), with links between agents and principals.

    ``offset`` is where the block starts in the document, so spans point into the whole text.
    """
    parties: list[PartyRecord] = []
    principal: PartyRecord | None = None
    lines = list(_PARTY_LINE.finditer(block))
    for i, m in enumerate(lines):
        role = _ROLE_ALIASES.get(m.group("role"), m.group("role"))
        # A party's details may run over several lines (custody history): up to the next role line.
        line_end = lines[i + 1].start() if i + 1 < len(lines) else len(block)
        details = block[m.end():line_end]
        name = _clean_name(m.group("name"))
        if not name or _NOT_A_NAME.search(name):
            continue
        party = PartyRecord(name=name, role=role, start=offset + m.start("name"), end=offset + m.start("name") + len(m.group("name").rstrip()))
        orig = m.group("orig")
        if orig and re.fullmatch(r"(?:原审|一审)?[\u4e00-\u9fa5]{1,10}", orig) and not orig.startswith("曾用名"):
            party.original_role = orig
        _fill_details(party, details)
        if role in AGENT_ROLES or role in REPRESENTATIVE_ROLES:
            if principal is not None:
                party.represents = principal.name
                if role in REPRESENTATIVE_ROLES and principal.representative is None:
                    principal.representative = party.name
        else:
            principal = party
        parties.append(party)
    return parties


def _clean_name(raw: str) -> str:
    name = re.sub(r"\s+", "", raw)
    # 被告人张三，… without colon: the regex may take 张三 plus trailing words like 男; stop at known cues.
    name = re.split(r"(?:男|女)$", name)[0] if len(name) > 4 and name[-1] in "男女" else name
    return name.strip("“”\"'")


_NOT_OCCUPATION = re.compile(r"^(?:住|户籍|现住|身份|公民|系|出生|原|曾|因|于|户口|经常|文化|[\d０-９]|.*(?:文化|学历|毕业|肄业|族)$)")


def _occupation(head: str) -> str | None:
    """The occupation field: the first short field after ethnicity and education (…，汉族，初中文化，无业，住…)."""
    fields = [f.strip() for f in re.split(r"[，,。]", head[:240])]
    after = next((i for i, f in enumerate(fields) if f.endswith("族") and len(f) <= 6), None)
    if after is None:
        oc = _OCCUPATION.search(head + "，")
        return oc.group(1) if oc else None
    for f in fields[after + 1:after + 3]:
        if _EDU.search("，" + f + "，"):
            continue
        if 2 <= len(f) <= 20 and not _NOT_OCCUPATION.match(f):
            return f
        break
    return None


def _fill_details(party: PartyRecord, details: str) -> None:
    head = "，" + details[:300]
    person_cues = _GENDER.search(head) or _BIRTH.search(head)
    if party.role in {"公诉机关", "抗诉机关"} or _ORG_SUFFIX.search(party.name) or (
        not person_cues and re.match(r"[，,]?\s*(?:住所地|统一社会信用代码|住所)", details)
    ):
        party.kind = "单位"
    if party.kind == "自然人":
        if g := _GENDER.search(head):
            party.gender = g.group(1)
        if b := _BIRTH.search(head):
            try:
                party.birth_date = parse_date(b.group(1))
            except ValueError:
                pass
        if e := _ETHNIC.search(head + "，"):
            party.ethnicity = e.group(1)
        if ed := _EDU.search(head + "，"):
            party.education = ed.group(1)
        party.occupation = _occupation(head)
        if c := _CUSTODY.search(details):
            party.custody = c.group(1)
    if a := _ADDRESS.search(details):
        party.address = a.group(1).strip()
    if idm := _ID.search(details):
        party.id_number = idm.group(1).upper()
    if cc := _CREDIT.search(details):
        party.credit_code = cc.group(1)
    if party.role in AGENT_ROLES and (f := _FIRM.search(details)):
        party.law_firm = f.group(1)
