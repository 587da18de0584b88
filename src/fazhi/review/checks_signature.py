"""Signature-block and bench checks (document_review.md §10 DR-SIG-01…05; §3 DR-PROC-01).

CPL art. 155 ¶2 requires the judges and the clerk to sign; CPL arts. 40–42 fix who may sit:
a collegial panel has an odd number of members presided over by a 审判长 who is a judge, a
single judge signs alone as 审判员, and a case heard under the simple, small-claims or (criminal)
fast-track procedure is heard by one judge. A block that contradicts the procedure statement, a
missing clerk or a clerk signing before the date are defects that make the original irregular.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fazhi.review.checks_header import BenchLine, Facts, Line, facts
from fazhi.review.registry import Context, Finding, check

_JUDGE_ORDER = {"审判长": 0, "审判员": 1, "代理审判员": 1, "执行员": 1, "人民陪审员": 2}


def _block_span(lines: list[BenchLine]) -> tuple[int, int]:
    return lines[0].start, lines[-1].end


@check("DR-SIG-01", family="signature", severity="error",
       basis="document_review.md DR-SIG-01；民事诉讼法第四十条、刑事诉讼法第一百八十三条（合议庭成员为单数，审判长由审判员担任）")
def collegial_panel(ctx: Context) -> Iterator[Finding]:
    """A collegial panel signs 审判长, then 审判员, then 人民陪审员; odd in number and at least three;
    a people's assessor never presides."""
    f = facts(ctx)
    judges = f.bench
    if not f.is_decision or len(judges) < 2 and not any(j.title == "审判长" for j in judges):
        return
    if len(judges) == 1:
        return  # a lone 审判长 is DR-SIG-02's
    s, e = _block_span(judges)
    if len(judges) % 2 == 0:
        # CPL art. 40 / CrimPL art. 183: the panel has an odd number of members (three or more).
        yield ctx.finding("DR-SIG-01", f"合议庭署名{len(judges)}人，应为三人以上单数", s, e, None)
    heads = [j for j in judges if j.title == "审判长"]
    if not heads:
        yield ctx.finding("DR-SIG-01", "合议庭署名缺少审判长", s, e, None)
    elif judges[0].title != "审判长":
        yield ctx.finding("DR-SIG-01", "审判长应列于署名首位", heads[0].start, heads[0].end, None)
    for extra in heads[1:]:
        yield ctx.finding("DR-SIG-01", "合议庭只能有一名审判长", extra.start, extra.end, None)
    for prev, cur in zip(judges, judges[1:], strict=False):
        if _JUDGE_ORDER.get(cur.title, 1) < _JUDGE_ORDER.get(prev.title, 1) and cur.title != "审判长":
            yield ctx.finding("DR-SIG-01", f"“{cur.title}”应列于“{prev.title}”之前（审判长、审判员、人民陪审员）",
                              cur.start, cur.end, None)
    for m in re.finditer(r"人民陪审员[\u4e00-\u9fa5]{2,3}担任审判长", ctx.text[:f.tail_start]):
        yield ctx.finding("DR-SIG-01", "人民陪审员不得担任审判长", m.start(), m.end(), None)


@check("DR-SIG-02", family="signature", severity="error",
       basis="document_review.md DR-SIG-02；民事诉讼法第四十条第二款（独任审理由审判员一人进行）")
def single_judge_title(ctx: Context) -> Iterator[Finding]:
    """A single judge signs as 审判员, never as 审判长 (nor may an assessor sit alone)."""
    f = facts(ctx)
    if not f.is_decision or len(f.bench) != 1:
        return
    j = f.bench[0]
    if j.title == "审判长":
        yield ctx.finding("DR-SIG-02", "独任审理的署名应为“审判员”，不应为“审判长”", j.start, j.end, f"审判员　{j.name}")
    elif j.title == "人民陪审员":
        yield ctx.finding("DR-SIG-02", "人民陪审员不能独任审理", j.start, j.end, None)


def _after_block_end(f: Facts) -> int:
    """Where the signature block ends: the end of the text, or a following 附录."""
    m = re.search(r"\n\s*附[：:录]", f.text[f.tail_start:])
    return f.tail_start + m.start() if m else len(f.text)


@check("DR-SIG-04", family="signature", severity="error",
       basis="document_review.md DR-SIG-04；民事诉讼法第一百五十五条第二款（由审判人员、书记员署名）")
def clerk_and_date(ctx: Context) -> Iterator[Finding]:
    """The signature date follows the judges; the 书记员 signs, after the date."""
    f = facts(ctx)
    if not f.is_decision or f.rec.doc_type == "支付令" or not f.bench:
        return
    date_line = f.date_line
    last_judge = f.bench[-1]
    if date_line is None:
        yield ctx.finding("DR-SIG-04", "署名后缺少落款日期", last_judge.start, last_judge.end, None)
    if not f.clerks:
        start = date_line.start if date_line is not None else last_judge.start
        yield ctx.finding("DR-SIG-04", "落款缺少书记员署名", start, _after_block_end(f), "书记员　姓名")
        return
    clerk = f.clerks[0]
    if date_line is not None and clerk.start < date_line.start:
        yield ctx.finding("DR-SIG-04", "书记员署名应在落款日期之后", clerk.start, clerk.end, None)


@check("DR-SIG-05", family="signature", severity="error",
       basis="document_review.md DR-SIG-05（书记员不得为审判人员；同一人不得重复署名）")
def nobody_signs_twice(ctx: Context) -> Iterator[Finding]:
    """The clerk is not one of the judges, and no person signs twice."""
    f = facts(ctx)
    if not f.is_decision:
        return
    seen: dict[str, BenchLine] = {}
    for line in f.bench_lines:
        if line.name in seen:
            yield ctx.finding("DR-SIG-05", f"“{line.name}”重复署名（{seen[line.name].title}、{line.title}）", line.start,
                              line.end, None)
        else:
            seen[line.name] = line


# ---------------------------------------------------------------------------------------------
# DR-PROC-01 / DR-SIG-03: procedure statement vs bench
# ---------------------------------------------------------------------------------------------

_PANEL = re.compile(r"(?:依法)?组成合议庭|合议庭")
_SINGLE = re.compile(r"独任(?:审理|审判)")
_SIMPLE = re.compile(r"简易程序|小额诉讼的?程序|速裁程序")
_CONVERTED = re.compile(r"转为普通程序|转换为普通程序|转入普通程序|变更为普通程序|转为适用普通程序")
_STATED_JUDGE = re.compile(r"(?:审判员|审判长|人民陪审员|陪审员)([\u4e00-\u9fa5]{2,3}?)(?=担任|独任|适用|、|，|,|与|和|组成|参加|$)")
_LISTED = re.compile(r"、([\u4e00-\u9fa5]{2,3}?)(?=、|组成|参加|，)")


def _statement(f: Facts) -> tuple[int, str]:
    start, body = f.ctx.section("案件由来")
    if not body:
        return 0, ""
    return start, body[:900]


@check("DR-PROC-01", family="procedure", severity="error",
       basis="document_review.md DR-PROC-01；民事诉讼法第四十条、第一百六十条、第一百六十五条；刑事诉讼法第二百一十四条、第二百二十二条；"
             "行政诉讼法第八十三条")
def procedure_matches_bench(ctx: Context) -> Iterator[Finding]:
    """The procedure statement fits the bench: simple, small-claims and fast-track cases and
    "独任" statements have one judge; "组成合议庭" has a panel."""
    f = facts(ctx)
    n = len(f.bench)
    if not f.is_decision or n == 0 or n == 2:
        return  # an even bench is DR-SIG-01's
    at, body = _statement(f)
    if not body:
        return
    panel, single, simple = _PANEL.search(body), _SINGLE.search(body), _SIMPLE.search(body)
    criminal = f.rec.category == "刑事"
    own = f.own_number
    instance = own[1].procedure if own and own[1] else f.rec.procedure
    if simple and instance in ("一审", None) and not _CONVERTED.search(ctx.text):
        word = simple.group()
        one_judge = word != "简易程序" or not criminal  # CrimPL art. 214: criminal simple procedure may sit as a panel
        if one_judge and (n >= 3 or (panel and not single)):
            yield ctx.finding("DR-PROC-01", f"适用{word}应由审判员一人独任审理，但{'署名为合议庭' if n >= 3 else '写明组成合议庭'}",
                              at + simple.start(), at + simple.end(), None)
            return
    if panel and not single and n == 1:
        yield ctx.finding("DR-PROC-01", "写明“组成合议庭”，但落款只有一名审判人员", at + panel.start(), at + panel.end(), None)
    elif single and not panel and n >= 3:
        yield ctx.finding("DR-PROC-01", f"写明“{single.group()}”，但落款为{n}人合议庭", at + single.start(), at + single.end(),
                          None)


@check("DR-SIG-03", family="signature", severity="error",
       basis="document_review.md DR-SIG-03（署名与审理经过所载审判组织一致）")
def stated_judges_sign(ctx: Context) -> Iterator[Finding]:
    """Judges named in the procedure statement are the judges who sign."""
    f = facts(ctx)
    if not f.is_decision or not f.bench:
        return
    at, body = _statement(f)
    if not body:
        return
    m = _PANEL.search(body) or _SINGLE.search(body)
    if not m:
        return
    # The sentence that states the bench.
    s = max(body.rfind("。", 0, m.start()), body.rfind("\n", 0, m.start())) + 1
    e = body.find("。", m.end())
    clause = body[s:e if e != -1 else len(body)]
    signed = {b.name for b in f.bench}
    stated: list[Line] = []
    for rx in (_STATED_JUDGE, _LISTED):
        for k in rx.finditer(clause):
            stated.append(Line(at + s + k.start(1), at + s + k.end(1), k.group(1)))
    for name in stated:
        if name.text in signed or name.text in ("独任", "审判长", "合议庭") or any(b.startswith(name.text) for b in signed):
            continue
        yield ctx.finding("DR-SIG-03", f"审理经过写明的审判人员“{name.text}”未在落款署名（署名：{'、'.join(b.name for b in f.bench)}）",
                          name.start, name.end, None)
