"""Party checks (document_review.md §2: DR-PTY-01, 02, 03, 05, 06).

A judgment binds exactly the persons it names. A role label that does not fit the procedure, a
name in the operative part that is nobody in the party block, or a party spelled two ways (赵明辉
and 赵明晖; 有限公司 and 有限责任公司) makes the judgment hard or impossible to enforce against
the right person, so these are errors. The detection of near-variants is deliberately narrow: a
person's name is compared only where a role word (原告, 被告人 …) or clear sentence boundaries
frame it, and names the document itself introduces (案外人韩立信, a witness) are never variants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fazhi.documents.parties import AGENT_ROLES
from fazhi.documents.record import PartyRecord
from fazhi.review.checks_header import Facts, Line, facts, role_verdict
from fazhi.review.registry import Context, Finding, check

# Role words that introduce a party in running text; longest first (被告人 before 被告).
_ROLE_WORDS = ("附带民事诉讼原告人", "附带民事诉讼被告人", "原审附带民事诉讼原告人", "再审申请人", "申请执行人", "原审第三人",
               "被上诉人", "被申请人", "被执行人", "原审原告", "原审被告人", "原审被告", "上诉人", "申请人", "被告人",
               "第三人", "异议人", "自诉人", "原告", "被告")
_ROLE_RE = re.compile("(?<![案证害])(?:" + "|".join(_ROLE_WORDS) + ")")
# Words that may follow a role word without a name (原告的, 被告各自, 二被告共同 …).
_NOT_NAME_START = re.compile(r"^(?:的|各|共|对|在|于|应|向|与|和|及|名下|所|方|一方|双方|之|人|提|主|称|辩|诉|是|均|未|已|为|不|自|负|承|支|以|因|、|，|。|；|：)")
_NAME_STOP = re.compile(r"于|在|对|向|自|应|支付|偿还|返还|赔偿|给付|承担|负担|犯|名下|共同|与|和|及|所有|直接|每月|按|的|已|未|享有|"
                        r"退还|交付|协助|继续|履行|不|是|为|系|就|将|提供|缴纳|交纳|负责|撤|作出|签订|之|等|暂|立即|如|另|确认")
_CJK_RUN = re.compile(r"[\u4e00-\u9fa5·]+")
# Organisation names end in one of these; near-variants of them are compared anywhere.
_ORG_END = re.compile(r"(?:公司|集团|局|政府|委员会|中心|医院|银行|支行|分行|学校|大学|学院|协会|研究院|研究所|合作社|事务所|经营部|"
                      r"门市部|厂|店|站|部|处|所|院|队|社)$")
_FORM_SWAP = (("有限责任公司", "有限公司"), ("有限公司", "有限责任公司"), ("股份有限公司", "有限公司"))
_SHORT_NAME = re.compile(r"[（(](?:以下简称|以下称|下称|简称)[“\"]?([\u4e00-\u9fa5A-Za-z]{2,16}?)[”\"]?[）)]")
# Persons the text introduces who are not parties (never near-variants of a party).
_OTHER_PERSON = re.compile(r"(?:案外人|证人|被害人|供应商|经理|管理员|员工|职员|经办人|法定代表人|负责人|检察员|鉴定人|之[父母子女妻夫兄弟姐妹])"
                           r"([\u4e00-\u9fa5]{2,4})")
# Characters that are not part of a personal name (function words): a window containing one is prose.
_FUNCTION_CHARS = frozenset("的了在是不有和与及或以于对为时也而就都要会能可应所之其该此等各向从把被让给已未均并且即如若则但")
# What follows a party's name in a judgment (孟林主张…, 孟林辩称…): the only right context in which
# a two-character near-variant is taken for a name.
_NAME_VERB = re.compile(r"主张|辩称|诉称|述称|称|认为|提出|提交|申请|上诉|同意|承认|确认|表示|签订|偿还|出具|到庭|未到庭|"
                        r"于(?:[0-9]|[二〇][〇一二三四五六七八九]{3})")
_PRE_BOUNDARY = frozenset("，。、；：（“”\n 与和及由向对将经")
_POST_BOUNDARY = frozenset("，。、；：）”于向的与及对在称辩诉系已未应为等均将自从主提不认是要同负承支偿返赔以因所作签出收名之也亦仍还又就到和持")


def _body_start(f: Facts) -> int:
    return f.block[1] or 0


def _ends_name_at(names: frozenset[str], text: str, pos: int) -> str | None:
    """The longest known name that starts at ``pos``."""
    best = None
    for n in names:
        if text.startswith(n, pos) and (best is None or len(n) > len(best)):
            best = n
    return best


def _one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by exactly one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def _is_org(p: PartyRecord) -> bool:
    return p.kind == "单位" or bool(_ORG_END.search(p.name))


# ---------------------------------------------------------------------------------------------
# DR-PTY-01: role labels
# ---------------------------------------------------------------------------------------------

_SUED_FIRST = re.compile(r"([\u4e00-\u9fa5]{2,30}?)(?:向一审法院|向原审法院)(?:起诉|提起诉讼)")
_ORGAN = re.compile(r"政府|局|委员会|委|办公室|厅|部|署|院|所|队|中心|站|管理|公司|大学|学院")


@check("DR-PTY-01", family="party", severity="error",
       basis="document_review.md DR-PTY-01；民事诉讼文书样式（2016）当事人称谓；行政诉讼法第二十六条（被告为行政机关）")
def role_labels(ctx: Context) -> Iterator[Finding]:
    """Role labels fit the procedure (1st instance 原告/被告; 2nd 上诉人/被上诉人; criminal 被告人 …),
    the original role in brackets fits the first-instance recital, and an administrative defendant
    is an administrative body."""
    f = facts(ctx)
    if not f.is_decision:
        return
    v = role_verdict(f)
    if v is not None and v.forbidden and (v.allowed > 0 or len(v.forbidden) < 2):
        for p, span in v.forbidden:
            yield ctx.finding("DR-PTY-01", f"当事人称谓“{p.role}”与本案程序不符，应为{v.expected}", span.start, span.end,
                              None, party=p.name)
    # 上诉人（原审被告）X while the recital says X sued at first instance.
    text = ctx.text
    for m in _SUED_FIRST.finditer(text, _body_start(f)):
        who = m.group(1)
        for p in f.principals:
            names = [p.name, *f.aliases.get(p.name, [])]
            if not any(who.endswith(n) for n in names):
                continue
            if p.original_role and "被告" in p.original_role and "原告" not in p.original_role:
                label = _original_span(f, p)
                if label is not None:
                    yield ctx.finding("DR-PTY-01", f"{p.name}在一审中是原告（“{m.group()}”），括注却为“{p.original_role}”",
                                      label.start, label.end, p.original_role.replace("被告", "原告"), party=p.name)
    own = f.own_number
    cn = own[1] if own else None
    if cn is not None and cn.category == "行政" and cn.procedure == "一审":
        for p in f.principals:
            if p.role == "被告" and p.kind == "自然人" and p.gender and not _ORGAN.search(p.name):
                span = f.role_span(p)
                if span is not None:
                    yield ctx.finding("DR-PTY-01", f"行政诉讼的被告应为行政机关，“{p.name}”是自然人", span.start,
                                      span.end, None, party=p.name)


def _original_span(f: Facts, p: PartyRecord) -> Line | None:
    ls = f.text.rfind("\n", 0, p.start) + 1
    label = f.text[ls:p.start]
    i = label.find(p.original_role or "\0")
    if i < 0:
        return None
    return Line(ls + i, ls + i + len(p.original_role or ""), p.original_role or "")


# ---------------------------------------------------------------------------------------------
# Name mentions: shared by DR-PTY-02 and DR-PTY-03
# ---------------------------------------------------------------------------------------------


class _Names:
    """Exact mentions and near-variants of every party name after the party block."""

    def __init__(self, f: Facts) -> None:
        self.f = f
        text = f.text
        start = _body_start(f)
        # Persons and short names the text introduces itself (案外人韩立信, （以下简称宏达公司）).
        self.others = frozenset(m.group(1) for m in _OTHER_PERSON.finditer(text)) \
            | frozenset(m.group(1) for m in _SHORT_NAME.finditer(text))
        self.known = f.known_names | self.others
        self.exact: dict[str, int] = {}
        self.variants: dict[str, list[tuple[int, int, str]]] = {}
        for p in f.principals:
            self.exact[p.name] = text.count(p.name, start)
            found: list[tuple[int, int, str]] = []
            if _is_org(p) and len(p.name) >= 6:
                found.extend(self._org_variants(p.name, start))
            found.extend(self._role_variants(p.name, start))
            if not _is_org(p) and len(p.name) >= 2:
                found.extend(self._bounded_variants(p.name, start))
            for short in f.aliases.get(p.name, []):
                if len(short) >= 3:  # 润通公司 written 润同公司
                    found.extend(self._bounded_variants(short, start))
            uniq = {(s, e): w for s, e, w in found}
            self.variants[p.name] = sorted((s, e, w) for (s, e), w in uniq.items())

    def _variant_ok(self, word: str, name: str) -> bool:
        if word in self.known or any(ch.isspace() for ch in word):
            return False
        if len(name) <= 4 and any(ch in _FUNCTION_CHARS for ch in word):
            return False  # 何以, 张某的: a function word, not a mis-spelt given name
        return all("\u4e00" <= ch <= "\u9fa5" or ch in "（）()·" for ch in word)

    def _org_variants(self, name: str, start: int) -> Iterator[tuple[int, int, str]]:
        """Near-variants of an organisation name: one character off, or another legal form."""
        text = self.f.text
        n = len(name)
        anchor = name[-2:]
        pos = text.find(anchor, start)
        while pos != -1:
            end = pos + 2
            if text.startswith(name, end - n) or _ends_with_known(self.known, text, end):
                pos = text.find(anchor, end)
                continue
            for length in (n, n - 1, n + 1):
                s = end - length
                if s < start:
                    continue
                cand = text[s:end]
                if cand[:2] == name[:2] and _one_edit(cand, name) and self._variant_ok(cand, name):
                    yield s, end, cand
                    break
            pos = text.find(anchor, end)
        for a, b in _FORM_SWAP:
            if name.endswith(a) and not name.endswith("股份" + a):
                other = name[: -len(a)] + b
                if other in self.known:
                    continue
                i = text.find(other, start)
                while i != -1:
                    yield i, i + len(other), other
                    i = text.find(other, i + len(other))

    def _role_variants(self, name: str, start: int) -> Iterator[tuple[int, int, str]]:
        """A role word followed by a name one character off this party's name."""
        text = self.f.text
        n = len(name)
        for m in _ROLE_RE.finditer(text, start):
            pos = m.end()
            if text.startswith(name, pos) or _ends_name_at(self.known, text, pos):
                continue
            cand = text[pos:pos + n]
            # After a role word a name of three or more characters needs no right boundary
            # (被告人吴小伟犯…, 原告刘建伟借款…); a two-character one does (被告何时 is prose).
            if len(cand) == n and _one_edit(cand, name) and self._variant_ok(cand, name) \
                    and (n >= 3 or pos + n >= len(text) or text[pos + n] in _POST_BOUNDARY or text[pos + n] in "（(，"):
                yield pos, pos + n, cand

    def _bounded_variants(self, name: str, start: int) -> Iterator[tuple[int, int, str]]:
        """A person's name with one given-name character changed, framed by sentence boundaries."""
        text = self.f.text
        n = len(name)
        pos = text.find(name[0], start)
        while pos != -1:
            cand = text[pos:pos + n]
            if len(cand) == n and cand != name and _one_edit(cand, name) and self._variant_ok(cand, name) \
                    and (pos == 0 or text[pos - 1] in _PRE_BOUNDARY) \
                    and pos + n < len(text) and text[pos + n] in _POST_BOUNDARY \
                    and (n >= 3 or _NAME_VERB.match(text, pos + n)) \
                    and not _ends_name_at(self.known, text, pos):
                # A two-character window (金额为, 方式向) is prose unless a party's verb follows.
                yield pos, pos + n, cand
            pos = text.find(name[0], pos + 1)


def _ends_with_known(known: frozenset[str], text: str, end: int) -> bool:
    return any(len(k) >= 4 and text.startswith(k, end - len(k)) for k in known)


def _names(f: Facts) -> _Names:
    found = f.__dict__.get("_party_names")
    if found is None:
        found = _Names(f)
        f.__dict__["_party_names"] = found
    return found


# ---------------------------------------------------------------------------------------------
# DR-PTY-02: everybody in the block is in the body; nobody in the 主文 who is not in the block
# ---------------------------------------------------------------------------------------------


_OPERATIVE_END = re.compile(r"如不服本|本(?:判决|裁定)为终审|本裁定送达后|本调解书经|上述协议|申请执行人发现")


def _operative(ctx: Context) -> tuple[int, str]:
    """The operative items and the fee allocation, without the notices that follow them."""
    start, text = ctx.section("判决主文")
    fee_start, fee = ctx.section("诉讼费")
    if fee and fee_start == start + len(text):
        text += fee
    end = _OPERATIVE_END.search(text)
    return start, text[: end.start()] if end else text


@check("DR-PTY-02", family="party", severity="error",
       basis="document_review.md DR-PTY-02；民事诉讼法第一百五十五条（判决书写明当事人及判决结果）")
def parties_in_body(ctx: Context) -> Iterator[Finding]:
    """Each party of the block is mentioned after it, and every 原告X / 被告X / 被告人X in the
    operative part is a party of the block."""
    f = facts(ctx)
    if not f.is_decision or not f.principals:
        return
    names = _names(f)
    text = ctx.text
    start = _body_start(f)
    for p in f.principals:
        if names.exact.get(p.name) or any(text.find(a, start) != -1 for a in f.aliases.get(p.name, [])):
            continue
        if names.variants.get(p.name):
            continue  # spelled differently in the body: DR-PTY-03 reports it
        if start == 0:
            continue
        yield ctx.finding("DR-PTY-02", f"当事人“{p.name}”在当事人部分之后未再出现", p.start, p.end, None, party=p.name)
    at, op = _operative(ctx)
    if not op:
        return
    variant_spans = {(s, e) for v in names.variants.values() for s, e, _w in v}
    for m in _ROLE_RE.finditer(op):
        pos = at + m.end()
        rest = op[m.end():m.end() + 40]
        if not rest or _NOT_NAME_START.match(rest) or _ends_name_at(names.known, text, pos):
            continue
        run = _CJK_RUN.match(rest)
        if not run:
            continue
        stop = _NAME_STOP.search(run.group())
        cand = run.group()[: stop.start()] if stop else run.group()
        # A name: a person's (2–4 characters) or an organisation's (ends in 公司, 局 …).
        if not (2 <= len(cand) <= 4 or len(cand) <= 30 and _ORG_END.search(cand)) \
                or any(s <= pos < e for s, e in variant_spans):
            continue
        if any(cand.startswith(k) or k.startswith(cand) for k in names.known):
            continue
        if any(_one_edit(cand[: len(p.name)], p.name) for p in f.principals):
            continue  # a near-variant: DR-PTY-03
        yield ctx.finding("DR-PTY-02", f"判决主文中的“{m.group()}{cand}”不在当事人部分列明的当事人之中",
                          pos, pos + len(cand), None, role=m.group(), name=cand)


# ---------------------------------------------------------------------------------------------
# DR-PTY-03: one spelling per party
# ---------------------------------------------------------------------------------------------


@check("DR-PTY-03", family="party", severity="error",
       basis="document_review.md DR-PTY-03（当事人名称前后一致，含有限公司/有限责任公司）")
def name_spelled_consistently(ctx: Context) -> Iterator[Finding]:
    """A party's name is spelled identically throughout the document."""
    f = facts(ctx)
    if not f.is_decision or not f.principals or not f.block[1]:
        return
    names = _names(f)
    for p in f.principals:
        found = names.variants.get(p.name) or []
        if not found:
            continue
        if names.exact.get(p.name, 0) == 0 and len({w for _s, _e, w in found}) == 1 and len(found) >= 2:
            # The body consistently uses another spelling: the block is the odd one out.
            other = found[0][2]
            yield ctx.finding("DR-PTY-03", f"当事人部分写作“{p.name}”，正文写作“{other}”", p.start, p.end, other,
                              party=p.name)
            continue
        for s, e, word in found:
            yield ctx.finding("DR-PTY-03", f"“{word}”与当事人名称“{p.name}”不一致", s, e, p.name, party=p.name)


# ---------------------------------------------------------------------------------------------
# DR-PTY-05 / DR-PTY-06: representatives and agents
# ---------------------------------------------------------------------------------------------

_REP_ROLES = frozenset({"法定代表人", "负责人", "诉讼代表人"})


_PERSON_CUE = re.compile(r"[，,]\s*(?:男|女)\s*[，,。]|出生")
_OTHER_HEAD = re.compile(r"经营者|个体工商户|投资人|执行事务合伙人|负责人|主任|村长")


def _until_next_party(f: Facts, p: PartyRecord) -> str:
    """The party's line and the lines after it, up to the next principal party."""
    later = [q.start for q in f.principals if q.start > p.start]
    end = min(later) if later else f.block[1] or p.end + 300
    return f.text[p.end:end]


def _line_rest(f: Facts, p: PartyRecord) -> str:
    end = f.text.find("\n", p.end)
    return f.text[p.end:end if end != -1 else len(f.text)]


@check("DR-PTY-05", family="party", severity="warning",
       basis="document_review.md DR-PTY-05；民事诉讼法第五十一条第二款（法人由其法定代表人进行诉讼）")
def legal_representative(ctx: Context) -> Iterator[Finding]:
    """An organisation party names its 法定代表人 (or 负责人) with the person's title."""
    f = facts(ctx)
    if not f.is_decision:
        return
    parties = f.rec.parties
    for i, p in enumerate(parties):
        if p not in f.principals or p.kind != "单位" or _PERSON_CUE.search(_line_rest(f, p)[:80]):
            continue  # a person whose name happens to end like an organisation's (王建行)
        reps = []
        for q in parties[i + 1:]:
            if q.role in _REP_ROLES or q.role == "法定代理人":
                reps.append(q)
                continue
            if q.role in AGENT_ROLES or q.role in ("出庭负责人",):
                continue
            break
        reps = [q for q in reps if q.role in _REP_ROLES]
        if not reps and _OTHER_HEAD.search(_until_next_party(f, p)):
            continue  # 个体工商户 经营者, 个人独资企业 投资人, 合伙企业 执行事务合伙人
        if not reps:
            yield ctx.finding("DR-PTY-05", f"单位当事人“{p.name}”未列明法定代表人或负责人", p.start, p.end,
                              "法定代表人：姓名，职务。", party=p.name)
            continue
        rep = reps[0]
        rest = _line_rest(f, rep)
        if not re.match(r"\s*[，,]\s*\S", rest):
            yield ctx.finding("DR-PTY-05", f"{rep.role}“{rep.name}”未写明职务", rep.start, rep.end, f"{rep.role}：{rep.name}，职务。",
                              party=p.name)


_FIRM = re.compile(r"律师事务所|法律服务所|法律援助")
_RELATION = re.compile(r"系|之(?:父|母|子|女|夫|妻|兄|弟|姐|妹|孙|祖|外)|亲属|员工|职员|职工|工作人员|推荐|监护人|该公司|该单位|该局|"
                       r"该院|该中心|该村|工会|社区|单位|公司|律师|法律工作者")


@check("DR-PTY-06", family="party", severity="warning",
       basis="document_review.md DR-PTY-06；民事诉讼法第六十一条（委托诉讼代理人的范围，每方至多二人）")
def agent_basis(ctx: Context) -> Iterator[Finding]:
    """An agent is a lawyer with a firm, a legal worker with a 法律服务所, or a relative or employee
    with the relationship stated; a civil party has at most two agents."""
    f = facts(ctx)
    if not f.is_decision:
        return
    per_party: dict[str, list[PartyRecord]] = {}
    for p in f.rec.parties:
        if p.role not in AGENT_ROLES:
            continue
        rest = _line_rest(f, p)
        if "律师" in rest and not _FIRM.search(rest):
            yield ctx.finding("DR-PTY-06", f"{p.role}“{p.name}”为律师但未写明律师事务所", p.start, p.end, None)
        elif not _FIRM.search(rest) and not _RELATION.search(rest):
            yield ctx.finding("DR-PTY-06", f"{p.role}“{p.name}”未写明代理资格（律师事务所、法律服务所或与当事人的关系）",
                              p.start, p.end, None)
        if p.role == "委托诉讼代理人" and p.represents:
            per_party.setdefault(p.represents, []).append(p)
    if f.rec.category == "刑事":
        return
    for who, agents in per_party.items():
        if len(agents) > 2:
            a = agents[2]
            # CPL art. 61: a party may appoint one or two agents.
            yield ctx.finding("DR-PTY-06", f"当事人“{who}”委托了{len(agents)}名诉讼代理人，民事诉讼法第六十一条规定至多二人",
                              a.start, a.end, None)
