"""Appeal-notice checks (document_review.md §9: DR-APL-01…05), against :mod:`fazhi.rules.appeal`.

The appeal notice tells a party how long it has and where to go; a wrong period or court can
cost the right of appeal, and an appeal notice in a final decision (or no finality statement)
misstates the law. The rule for each document comes from :func:`fazhi.rules.appeal.appeal_rule`,
the same function the drafting code uses, so the reviewer and the drafter cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fazhi.documents.courts import court_by_code, court_by_name
from fazhi.review.checks_header import Facts, Line, deciding_court, facts
from fazhi.review.registry import Context, Finding, check
from fazhi.rules.appeal import AppealRule, appeal_rule

# The appeal-notice sentence: 如不服本判决 … 上诉 … 。 (CPL art. 155 ¶1(5); CrimPL art. 230).
_NOTICE = re.compile(r"如不服本(?:判决|裁定)[^。]{0,200}?上诉[^。]{0,120}?。(?:书面上诉的[^。]{0,60}。)?")
_DAYS = re.compile(r"(?P<from>送达之日起|第二日起|之日起|收到[^，。]{0,6}起)(?P<n>[一二三四五六七八九十百]+|[0-9]{1,3})日内")
_TO_COURT = re.compile(r"上诉于(?P<c>[^，。；\s]{2,40}?(?:法院|法庭))|直接向(?P<d>[^，。；\s]{2,40}?(?:法院|法庭))提出上诉")
_FINAL = re.compile(r"本(?:判决|裁定)为终审(?:判决|裁定)|本调解书经双方当事人签收后，?即具有法律效力|"
                    r"本裁定(?:一经作出即|送达后即|送达后立即|自送达之日起)(?:发生法律效力|生效)|一审终审")
_FOREIGN = re.compile(r"国籍|护照|外国|香港特别行政区|澳门特别行政区|台湾地区|美国|英国|日本|韩国|新加坡|加拿大|澳大利亚|德国|法国")
_SMALL_CLAIMS = re.compile(r"(?<!不)适用小额诉讼(?:的)?程序")
_CONVERTED = re.compile(r"转为(?:适用)?(?:普通|简易)程序|转换为(?:普通|简易)程序|不再适用小额诉讼")
_CN_NUMS = {"五": 5, "十": 10, "十五": 15, "三十": 30, "二十": 20, "七": 7, "六十": 60}

_RULING_KINDS = (
    ("不予受理", re.compile(r"不予受理")),
    ("不予立案", re.compile(r"不予立案")),
    ("驳回起诉", re.compile(r"驳回[^。；\n]{0,40}?起诉")),
    ("管辖权异议", re.compile(r"管辖权[^。；\n]{0,20}?异议|管辖异议|移送[^。；\n]{0,30}?(?:法院|人民法院)(?:处理|审理)")),
)


@dataclass(frozen=True, slots=True)
class _Notice:
    line: Line
    days: Line | None
    court: Line | None


def _notice(f: Facts) -> _Notice | None:
    m = _NOTICE.search(f.text)
    if not m:
        return None
    d = _DAYS.search(m.group())
    c = _TO_COURT.search(m.group())
    days = Line(m.start() + d.start("n"), m.start() + d.end(), d.group("n") + "日内") if d else None
    court = None
    if c:
        g = "c" if c.group("c") else "d"
        court = Line(m.start() + c.start(g), m.start() + c.end(g), c.group(g))
    return _Notice(Line(m.start(), m.end(), m.group()), days, court)


def _ruling_kind(ctx: Context) -> str | None:
    if ctx.record.doc_type != "裁定书":
        return None
    _at, op = ctx.section("判决主文")
    op = op[:600]
    for kind, rx in _RULING_KINDS:
        if rx.search(op):
            return kind
    return "其他"


def rule_for(ctx: Context) -> AppealRule | None:
    """The appeal rule of the document under review (None for party filings)."""
    f = facts(ctx)
    cached = f.__dict__.get("_appeal_rule", False)
    if cached is not False:
        return cached
    rule = None
    if f.is_decision:
        rec = ctx.record
        own = f.own_number
        cn = own[1] if own else None
        procedure = rec.procedure
        head = ctx.text[: f.tail_start][:5000]
        trial = rec.trial_procedure
        if trial == "小额诉讼程序":
            trial = None  # a mention is not the procedure; decided below
        if _SMALL_CLAIMS.search(head) and not _CONVERTED.search(head):
            trial = "小额诉讼程序"  # CPL art. 165
        elif procedure == "再审" and re.search(r"提审|按照第二审程序|依照第二审程序", head):
            trial = "第二审程序"
        elif procedure == "再审" and re.search(r"按照第一审程序|依照第一审程序", head):
            trial = "第一审程序"
        block = ctx.text[f.block[0]:f.block[1]] if f.block[1] else ""
        # The 案号 type fixes the category; the title may be the slip (DR-HDR-02), so it comes second.
        category = cn.category if cn is not None and cn.category else rec.category
        court = deciding_court(f)
        rule = appeal_rule(category=category, doc_type=rec.doc_type, procedure=procedure, trial_procedure=trial,
                           court_name=(f.court_line.compact if f.court_line else rec.court),
                           court_code=court.code if court is not None else None,
                           cause=rec.cause, foreign_party=bool(_FOREIGN.search(block)),
                           ruling_kind=_ruling_kind(ctx))
    f.__dict__["_appeal_rule"] = rule
    return rule


def _mentions_appeal(f: Facts) -> bool:
    """True when the closing part speaks of an appeal although the sentence could not be read
    (a PDF line break inside 如不服本判决 …)."""
    tail = re.sub(r"\s+", "", f.text[max(0, f.tail_start - 600):f.tail_start])
    return "如不服" in tail or "上诉于" in tail or "提出上诉" in tail


def _category(ctx: Context) -> str | None:
    """The case category, from the 案号 when there is one (民事, 刑事, 行政 …)."""
    own = facts(ctx).own_number
    cn = own[1] if own else None
    cat = cn.category if cn is not None and cn.category else ctx.record.category
    return "刑事" if cat and cat.startswith("刑事") else cat


def _days(word: str) -> int | None:
    w = word.removesuffix("日内")
    if w.isdigit():
        return int(w)
    return _CN_NUMS.get(w)


@check("DR-APL-01", family="appeal", severity="error",
       basis="document_review.md DR-APL-01；民事诉讼法第一百七十一条、第二百八十六条；行政诉讼法第八十五条")
def civil_appeal_period(ctx: Context) -> Iterator[Finding]:
    """Civil and administrative: an appealable decision carries the notice, with 15 days for a
    judgment, 10 for a ruling (30 for a party without a domicile in China)."""
    rule = rule_for(ctx)
    f = facts(ctx)
    if rule is not None:
        yield from _remedy_periods(ctx, f)
    if rule is None or _category(ctx) not in ("民事", "行政") or not rule.determined or not rule.appealable:
        return
    n = _notice(f)
    if n is None:
        if not _FINAL.search(ctx.text) and not _mentions_appeal(f):
            s, e = _closing_span(f)
            yield ctx.finding("DR-APL-01", "可以上诉的裁判文书缺少上诉告知", s, e, rule.notice)
        return
    if n.days is None:
        return
    said = _days(n.days.text)
    foreign = rule.days == 30
    if said is not None and said != rule.days and not (foreign and said in (15, 10)):
        yield ctx.finding("DR-APL-01", f"上诉期限写为“{n.days.text}”，应为{rule.days}日", n.days.start, n.days.end,
                          rule.notice, basis_detail=rule.basis)


# Remedies other than appeal whose periods the ruling states: an enforcement objection ruling
# (CPL art. 236: reconsideration by the higher court within 10 days; art. 238: a suit within 15
# days — 2023 numbering, arts. 232 / 234 in the 2021 text) and a preservation ruling (CPL
# Interp. art. 171: reconsideration once within 5 days).
_REMEDY = re.compile(r"(?:送达之日起|收到裁定书之日起|之日起)(?P<n>[一二三四五六七八九十]+)日内[^。]{0,16}?(?P<what>申请复议|提起诉讼)")


def _remedy_periods(ctx: Context, f: Facts) -> Iterator[Finding]:
    own = f.own_number
    cn = own[1] if own else None
    objection = cn is not None and cn.procedure == "执行异议"
    preservation = "保全" in ctx.text
    for m in _REMEDY.finditer(ctx.text, max(0, f.tail_start - 800)):
        said = _CN_NUMS.get(m.group("n"))
        want = None
        if objection and m.group("what") == "提起诉讼":
            want, art = 15, "民事诉讼法第二百三十八条"
        elif objection and "上一级" in m.group():
            want, art = 10, "民事诉讼法第二百三十六条"
        elif preservation and m.group("what") == "申请复议" and not objection:
            want, art = 5, "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第一百七十一条"
        if want is not None and said is not None and said != want:
            yield ctx.finding("DR-APL-01", f"{m.group('what')}期限写为“{m.group('n')}日”，依{art}应为{want}日",
                              m.start("n"), m.end("n") + 2, None)


@check("DR-APL-02", family="appeal", severity="error",
       basis="document_review.md DR-APL-02；刑事诉讼法第二百二十七条、第二百三十条、第二百三十一条")
def criminal_appeal_period(ctx: Context) -> Iterator[Finding]:
    """Criminal: 10 days for a judgment, 5 for a ruling, from the day after receipt, through this
    court or directly to the higher court."""
    rule = rule_for(ctx)
    f = facts(ctx)
    if rule is None or _category(ctx) != "刑事" or not rule.determined or not rule.appealable:
        return
    n = _notice(f)
    if n is None:
        if not _FINAL.search(ctx.text) and not _mentions_appeal(f):
            s, e = _closing_span(f)
            yield ctx.finding("DR-APL-02", "可以上诉的刑事裁判文书缺少上诉告知", s, e, rule.notice)
        return
    if n.days is not None:
        said = _days(n.days.text)
        if said is not None and said != rule.days:
            yield ctx.finding("DR-APL-02", f"刑事上诉期限写为“{n.days.text}”，应为{rule.days}日", n.days.start, n.days.end,
                              rule.notice)
    if "直接向" not in n.line.text:
        yield ctx.finding("DR-APL-02", "刑事上诉告知应写明“通过本院或者直接向上一级人民法院提出上诉”", n.line.start, n.line.end,
                          rule.notice, severity="warning")


@check("DR-APL-03", family="appeal", severity="error",
       basis="document_review.md DR-APL-03；法院代字表（fazhi.documents.courts）；直辖市基层法院上诉法院对照表（rules/data）")
def appellate_court(ctx: Context) -> Iterator[Finding]:
    """The notice names the right appellate court (the parent court of the deciding court)."""
    rule = rule_for(ctx)
    f = facts(ctx)
    if rule is None or not rule.appealable:
        return
    n = _notice(f)
    if n is None or n.court is None:
        return
    named = n.court.text.removeprefix("中华人民共和国")
    if named == "本院" or (f.court_line is not None and named == f.court_line.compact):
        yield ctx.finding("DR-APL-03", "上诉法院不能是本院", n.court.start, n.court.end, rule.appellate_court)
        return
    if rule.appellate_court is None or named == rule.appellate_court:
        return
    by_name = court_by_name(named)
    if by_name is not None and by_name.code == rule.appellate_code:
        return  # a recognisable short form of the right court
    severity = "error"
    expected = court_by_code(rule.appellate_code) if rule.appellate_code else None
    same_area = by_name is not None and expected is not None and by_name.code[:1] == expected.code[:1] \
        and by_name.tier == expected.tier
    if not rule.court_verified and (by_name is None or same_area):
        # Rows from memory (municipalities, technical IP) call for human review (warning); a court
        # of another province or level is still an error.
        severity = "warning"
    elif _category(ctx) == "行政" and same_area:
        severity = "warning"  # administrative cases may be assigned across districts (集中管辖)
    yield ctx.finding("DR-APL-03", f"上诉法院写为“{named}”，应为“{rule.appellate_court}”", n.court.start, n.court.end,
                      rule.appellate_court, severity=severity, basis_detail=rule.basis)


def _closing_span(f: Facts) -> tuple[int, int]:
    """Where a missing finality statement belongs: the paragraph before the signature block."""
    end = f.bench[0].start if f.bench else len(f.text)
    prev = f.text[:end].rstrip()
    start = max(prev.rfind("\n") + 1, end - 200)
    return start, end


@check("DR-APL-04", family="appeal", severity="error",
       basis="document_review.md DR-APL-04；民事诉讼法第一百五十七条第二款、第一百六十五条、第一百八十二条；刑事诉讼法第二百四十四条")
def finality(ctx: Context) -> Iterator[Finding]:
    """A final decision carries no appeal notice and says that it is final; an appealable one
    does not call itself final."""
    rule = rule_for(ctx)
    f = facts(ctx)
    if rule is None or not rule.determined:
        return
    n = _notice(f)
    final = _FINAL.search(ctx.text, f.block[1] or 0)
    if not rule.appealable:
        if n is not None:
            yield ctx.finding("DR-APL-04", "本文书不得上诉，不应有上诉告知", n.line.start, n.line.end, rule.final_statement,
                              basis_detail=rule.basis)
        if rule.final_statement and final is None:
            s, e = _closing_span(f)
            _at, op = ctx.section("判决主文")
            # A remand ruling (发回重审) usually carries no finality sentence: a hint only.
            remand = f.rec.doc_type == "裁定书" and "发回" in op[:400]
            required = rule.final_statement.startswith(("本判决", "本裁定为终审")) and not remand \
                and f.rec.doc_type in ("判决书", "裁定书")
            severity = "error" if required else "info" if "一经作出" in rule.final_statement or remand else "warning"
            yield ctx.finding("DR-APL-04", f"缺少“{rule.final_statement}”", s, e, rule.final_statement, severity=severity,
                              basis_detail=rule.basis)
        return
    if final is not None and final.group().startswith("本") and "终审" in final.group():
        yield ctx.finding("DR-APL-04", f"本文书可以上诉，不应写“{final.group()}”", final.start(), final.end(), rule.notice,
                          basis_detail=rule.basis)


_DIVORCE_GRANTED = re.compile(r"准予[^。；\n]{0,30}?离婚|解除[^。；\n]{0,20}?婚姻关系")


@check("DR-APL-05", family="appeal", severity="warning",
       basis="document_review.md DR-APL-05；民事诉讼法第一百五十一条第四款（宣告离婚判决须告知判决生效前不得另行结婚）")
def divorce_remarriage_warning(ctx: Context) -> Iterator[Finding]:
    """A first-instance judgment granting a divorce warns that neither party may remarry before
    it takes effect."""
    f = facts(ctx)
    rec = ctx.record
    if not f.is_decision or rec.doc_type != "判决书" or rec.procedure not in ("一审", None) or not rec.cause \
            or "离婚" not in rec.cause:
        return
    at, op = ctx.section("判决主文")
    g = _DIVORCE_GRANTED.search(op)
    if not g or "不得另行结婚" in ctx.text or "不得另行结婚" in ctx.text.replace("\n", ""):
        return
    n = _notice(f)
    if n is not None:
        s, e = n.line.start, n.line.end
    else:
        s, e = at + g.start(), at + g.end()
    yield ctx.finding("DR-APL-05", "离婚判决应告知当事人在判决发生法律效力前不得另行结婚", s, e,
                      "在本判决发生法律效力前，双方不得另行结婚。")
