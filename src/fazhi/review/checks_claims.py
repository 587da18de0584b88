"""Claims vs operative part (document_review.md §4, DR-REQ): every claim answered, nothing beyond the
claims, amounts consistent with the reasoning, the late-performance warning, the criminal fine.

Why: CPL art. 155 requires the judgment to decide the claims (诉讼请求) and nothing else; an
unanswered claim or an award above what was asked (超出诉讼请求) is a ground of retrial
(CPL art. 211 (十一)); the 主文 is what gets enforced, so its amounts must be those the reasoning
found. Matching a claim to an operative item is heuristic (shared amounts, the name of the thing
claimed, shared wording), so the checks only fire on clear evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fazhi.documents.fields import charges as find_charges
from fazhi.documents.fields import claims_text
from fazhi.review.checks_amounts import TextView, finding, operative_span, text_view, yuan
from fazhi.review.checks_citations import (
    article_text,
    articles_of_charge,
    cited_criminal_articles,
    defendant_segments,
    facts_date,
    match_cited,
)
from fazhi.review.registry import Context, Finding, check
from fazhi.text import MoneySpan, cn_to_int, int_to_cn

__all__ = ["ClaimItem", "fine_mandatory", "late_performance_article", "parse_claims"]


@dataclass(slots=True)
class ClaimItem:
    """A numbered claim or operative item: its span (normalised offsets), text and amounts."""

    start: int
    end: int
    text: str
    amounts: list[tuple[str, MoneySpan, bool]] = field(default_factory=list)  # (head, amount, periodic)
    bigrams: frozenset[str] = frozenset()


# An item number at a line start or after ；。：, not a decimal point (1.5), but 1.2023年 is item 1.
_ITEM = re.compile(r"(?:^|\n|(?<=[；;。：:]))[ \t]*(?:[一二三四五六七八九十]+、|\d{1,2}[.、．](?:(?!\d)|(?=\d{4}年))"
                   r"|[（(][一二三四五六七八九十\d]{1,3}[）)])")
_COSTS = re.compile(r"(?:诉讼费|受理费|保全费|公告费|诉讼费用|案件受理费)[^。；]{0,20}(?:负担|承担)|(?:负担|承担)[^。；]{0,12}(?:诉讼费|费用)")
_ROLE_WORDS = re.compile(r"附带民事诉讼原告人|原审原告|原审被告|被上诉人|上诉人|第三人|被告人|二被告|各被告|原告|被告|申请人|被申请人")
_GENERIC = re.compile(r"判令|请求|依法|要求|本案|上述|立即|确认|本判决|生效之日起|之日起|十日内|于|向|的|对|由|并|及|和|其|之")
_NON_CJK = re.compile(r"[^\u4e00-\u9fa5]+")
_ALIAS = re.compile(r"以下简称[“\"]?([\u4e00-\u9fa5A-Za-z]{2,20})[”\"]?")
_HEAD = re.compile(r"([\u4e00-\u9fa5]{1,8})$")
_CONNECTORS = frozenset({"计", "为", "计为", "即", "共", "约", "系", "达", "合", "金额"})
_VERB = re.compile(r"偿还|支付|返还|赔偿|给付|退还|归还|清偿|补偿|退赔|赔付")
_PERIODIC = re.compile(r"每[\u4e00-\u9fa5]{0,6}$")  # 每月支付抚养费1600元: a periodic amount
_SENTENCE = re.compile(r"[。；;]")
_BLANK = re.compile(r"\s*")
_HEAD_NOUNS = frozenset({"本金", "利息", "租金", "货款", "工资", "定金", "押金", "房款", "借款", "欠款", "差额", "补偿",
                         "费用", "损失", "罚金", "价款", "贷款", "报酬", "工钱", "运费", "股款"})
_REJECTION = re.compile(r"驳回[^。；]{0,60}(?:诉讼请求|请求|起诉)|不予支持")
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计|小计|实际应支付|实际支付)[\u4e00-\u9fa5]{0,2}$")


def _items(view: TextView, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the numbered items in [start, end); the whole region when it is not numbered."""
    marks = [m.end() for m in _ITEM.finditer(view.text, start, end)]
    if not marks:
        body = view.text[start:end].strip()
        return [(start, end)] if body else []
    out = []
    first = _ITEM.search(view.text, start, end)
    if first is not None and view.money_in(start, first.start()):
        out.append((start, first.start()))  # an unnumbered claim before the numbered ones
    for i, s in enumerate(marks):
        e = marks[i + 1] if i + 1 < len(marks) else end
        # Back off to the end of the item proper (before the next item's number).
        nxt = _ITEM.search(view.text, s, e)
        out.append((s, nxt.start() if nxt else e))
    return out


def _names(ctx: Context, view: TextView) -> list[str]:
    names = {p.name for p in ctx.record.parties if len(p.name) >= 2}
    names |= {m.group(1) for m in _ALIAS.finditer(view.text[:4000])}
    return sorted(names, key=len, reverse=True)


def _bigrams(text: str, names: list[str]) -> frozenset[str]:
    for n in names:
        text = text.replace(n, "|")
    text = _ROLE_WORDS.sub("|", text)
    text = _GENERIC.sub("|", text)
    out: set[str] = set()
    for run in _NON_CJK.split(text):
        for part in run.split("|"):
            out.update(part[i:i + 2] for i in range(len(part) - 1))
    return frozenset(out)


def _amounts(view: TextView, start: int, end: int, names: list[str]) -> list[tuple[str, MoneySpan, bool]]:
    """(head noun, amount, periodic) of each amount of an item that is itself claimed or awarded:
    not in brackets (bases, breakdowns), not a base (以X元为基数)."""
    text = view.text
    out = []
    for span in view.money_in(start, end):
        seg = text[start:span.start]
        if seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")"):
            continue
        after = text[span.end:span.end + 4]
        b_at = max(start, span.start - 12)
        before = text[b_at:span.start]
        if after.startswith("为基数") or before.endswith(("以", "按")):
            continue
        m = _HEAD.search(before)
        head = m.group(1) if m else ""
        if m is not None and head in _CONNECTORS:
            # 二倍工资差额，计37500元: the head is the thing named before the connector
            at = b_at + m.start()
            prev = _HEAD.search(text[max(start, at - 13):max(start, at - 1)])
            head = prev.group(1) if prev else head
        elif m is not None and head[:1] in "年月日号" and text[b_at + m.start() - 1:b_at + m.start()].isdigit():
            head = head[1:]  # 2023年12月31日物业服务费 -> 物业服务费
        for n in names:
            if n in head:
                head = head[head.rfind(n) + len(n):]
        verbs = list(_VERB.finditer(head))
        if verbs and verbs[-1].end() < len(head):
            head = head[verbs[-1].end():]  # 偿还借款本金 -> 借款本金
        periodic = _PERIODIC.search(before) is not None
        if _TOTAL_WORD.search(before):
            head = "合计"
        out.append((head, span, periodic))
    return out


def _same_head(a: str, b: str) -> bool:
    """Heads name the same thing: a common ending of ≥ 3 characters, or a common noun (本金, 租金 …)."""
    if not a or not b or "合计" in (a, b):
        return False
    k = 0
    while k < min(len(a), len(b)) and a[-1 - k] == b[-1 - k]:
        k += 1
    return k >= 3 or (k >= 2 and a[-2:] in _HEAD_NOUNS)


@dataclass(slots=True)
class ClaimsView:
    """The claims and the operative items of a first-instance judgment."""

    claims: list[ClaimItem]
    items: list[ClaimItem]
    operative: tuple[int, int]
    rejection: bool


def parse_claims(ctx: Context) -> ClaimsView | None:
    """Claims (诉讼请求) and operative items (判决主文) with spans, or None when the document has not both."""
    view = text_view(ctx)
    return view.remember("claims_view", lambda: _parse(ctx, view))


def _parse(ctx: Context, view: TextView) -> ClaimsView | None:
    rec = ctx.record
    if rec.doc_type != "判决书" or rec.procedure != "一审":
        return None
    op = operative_span(view)
    if op is None:
        return None
    raw = claims_text(view.text[:op[0]])
    if not raw:
        return None
    at = view.text.find(raw, 0, op[0])
    if at == -1:
        return None
    names = _names(ctx, view)

    def build(spans: list[tuple[int, int]]) -> list[ClaimItem]:
        out = []
        for s, e in spans:
            text = view.text[s:e]
            out.append(ClaimItem(s, e, text, _amounts(view, s, e, names), _bigrams(text, names)))
        return out

    claims = [c for c in build(_items(view, at, at + len(raw))) if not _COSTS.search(c.text)]
    items = build(_items(view, *op))
    if not claims or not items:
        return None
    rejection = any(_REJECTION.search(i.text) for i in items)
    return ClaimsView(claims, items, op, rejection)


def _coverage(claim: ClaimItem, items: list[ClaimItem]) -> float:
    if not claim.bigrams:
        return 1.0
    best = max(len(claim.bigrams & i.bigrams) for i in items)
    union = frozenset().union(*(i.bigrams for i in items))
    return max(best / len(claim.bigrams), 0.75 * len(claim.bigrams & union) / len(claim.bigrams))


def _answered(claim: ClaimItem, items: list[ClaimItem]) -> bool:
    """Whether some operative item deals with the claim (shared amount or head, or shared wording)."""
    for head, span, _p in claim.amounts:
        for item in items:
            if any(s.amount == span.amount or _same_head(head, h) for h, s, _q in item.amounts):
                return True
    return _coverage(claim, items) >= 0.25


@check("DR-REQ-01", family="claim", severity="error",
       basis="民事诉讼法 第一百五十五条（判决书应当写明诉讼请求及判决结果）；document_review.md DR-REQ-01")
def every_claim_answered(ctx: Context) -> Iterator[Finding]:
    """Each claim is decided: supported by an operative item, or covered by 驳回…其他/全部诉讼请求."""
    cv = parse_claims(ctx)
    if cv is None or cv.rejection:
        return
    view = text_view(ctx)
    for claim in cv.claims:
        if not _answered(claim, cv.items):
            # A money claim whose amount and head appear in no item is clearly unanswered; for other
            # claims the wording of the 主文 may simply differ (赔礼道歉 / 刊登致歉声明): a warning.
            severity = None if claim.amounts else "warning"
            yield finding(ctx, view, "DR-REQ-01",
                          f"诉讼请求“{claim.text.strip()[:40]}”在判决主文中未作处理，且主文无驳回其他诉讼请求的判项",
                          claim.start, claim.end, "增加“驳回原告…的其他诉讼请求”或对该项请求作出裁判",
                          severity=severity)


def _pairs(cv: ClaimsView) -> Iterator[tuple[str, list[MoneySpan], MoneySpan]]:
    """(head, amounts claimed under that head, amount awarded) for each awarded amount whose head
    (借款本金, 违约金 …) names something claimed; periodic amounts (每月…) only meet periodic ones."""
    for item in cv.items:
        if _REJECTION.search(item.text):
            continue
        for h, awarded, p in item.amounts:
            claimed = [s for c in cv.claims for head, s, q in c.amounts
                       if head != "合计" and q == p and _same_head(head, h)]
            if claimed:
                yield h, claimed, awarded


_RATE = re.compile(r"(年|月|日)利率\s*([0-9]+(?:\.[0-9]+)?)\s*(%|‰)")


@check("DR-REQ-02", family="claim", severity="error",
       basis="民事诉讼法 第二百一十一条第（十一）项（原判决超出诉讼请求）；document_review.md DR-REQ-02")
def no_ultra_petita(ctx: Context) -> Iterator[Finding]:
    """Nothing is awarded beyond the claims: per head of claim the amount awarded is at most the
    amount claimed, and an interest rate at most the one claimed. (Totals across items are not
    compared: joint and several or subsidiary liability repeats one debt in several items.)"""
    cv = parse_claims(ctx)
    if cv is None:
        return
    view = text_view(ctx)
    for head, claimed, awarded in _pairs(cv):
        most = max(claimed, key=lambda s: s.amount)
        if awarded.amount > most.amount:
            yield finding(ctx, view, "DR-REQ-02",
                          f"判决支持的{head}{awarded.text}超出原告诉请的{most.text}",
                          awarded.start, awarded.end, f"不超过{yuan(most.amount)}元")
    # Interest rates: an awarded rate above every rate claimed in the same unit.
    claimed_rates: dict[str, list[Decimal]] = {}
    for c in cv.claims:
        for m in _RATE.finditer(c.text):
            claimed_rates.setdefault(m.group(1) + m.group(3), []).append(Decimal(m.group(2)))
    for item in cv.items:
        for m in _RATE.finditer(item.text):
            rates = claimed_rates.get(m.group(1) + m.group(3))
            if rates and Decimal(m.group(2)) > max(rates):
                s = item.start + m.start()
                yield finding(ctx, view, "DR-REQ-02",
                              f"判决确定的{m.group(1)}利率{m.group(2)}{m.group(3)}高于诉请的{max(rates)}{m.group(3)}",
                              s, item.start + m.end())


@check("DR-REQ-03", family="claim", severity="error",
       basis="民事诉讼法 第一百五十五条；document_review.md DR-REQ-03（部分支持应驳回其余诉讼请求）")
def partial_support_rejected(ctx: Context) -> Iterator[Finding]:
    """Where a claim is supported only in part, the 主文 rejects the rest (驳回…其他诉讼请求)."""
    cv = parse_claims(ctx)
    if cv is None or cv.rejection:
        return
    view = text_view(ctx)
    end = cv.items[-1].end
    start = cv.operative[0] if end - cv.operative[0] <= 400 else cv.items[-1].start
    for head, claimed, awarded in _pairs(cv):
        least = min(claimed, key=lambda s: s.amount)
        if awarded.amount < least.amount:
            yield finding(ctx, view, "DR-REQ-03",
                          f"诉请{head}{least.text}仅部分支持（{awarded.text}），判决主文缺少驳回其他诉讼请求的判项",
                          start, end, "增加判项：驳回原告…的其他诉讼请求。")
            return
    if any(not _answered(c, cv.items) for c in cv.claims):
        return  # a claim left out entirely is reported by DR-REQ-01 at the claim
    refused = _refused_in_reasoning(view, cv)
    if refused:
        yield finding(ctx, view, "DR-REQ-03",
                      f"本院认为部分对诉讼请求不予支持（“{refused}”），判决主文缺少驳回其他诉讼请求的判项",
                      start, end, "增加判项：驳回原告…的其他诉讼请求。")


_REFUSAL = re.compile(r"不予支持|不予准许|予以驳回|不予采纳")
_DEFENCE = re.compile(r"抗辩|辩称|辩解|答辩|其关于|分期|宽限|被告[^，。；]{0,8}(?:主张|请求|要求|提出)")
_REST = re.compile(r"超出部分|过高部分|超过部分|其余部分|其他部分|其余诉讼请求|其他诉讼请求")


def _refused_in_reasoning(view: TextView, cv: ClaimsView) -> str | None:
    """A clause of 本院认为 refusing (part of) a claim: it names a claimed head (律师费, 临时租房费用)
    or 超出部分 and is not about the defendant's arguments. Returns the clause, or None."""
    at, reasoning = view.section("本院认为")
    if not reasoning:
        return None
    heads = {h for c in cv.claims for h, _s, _p in c.amounts if len(h) >= 2 and h != "合计"}
    sentences = _SENTENCE.split(reasoning)
    for sentence in sentences:
        if not _REFUSAL.search(sentence) or _DEFENCE.search(sentence):
            continue
        if _REST.search(sentence) or any(h in sentence or h[-3:] in sentence for h in heads if len(h) >= 3):
            return sentence.strip()[:60]
    return None


# ---------------------------------------------------------------------------------------------
# DR-REQ-06: operative amounts vs the reasoning
# ---------------------------------------------------------------------------------------------


@check("DR-REQ-06", family="claim", severity="error",
       basis="民事诉讼法 第一百五十五条（判决结果与认定的事实、理由一致）；document_review.md DR-REQ-06")
def operative_matches_reasoning(ctx: Context) -> Iterator[Finding]:
    """An amount ordered in the 主文 appears in the reasoning; conservative: flagged only when it
    appears nowhere before the 主文 while the reasoning states another amount for the same head."""
    rec = ctx.record
    if rec.category != "民事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    op = operative_span(view)
    reasoning = view.bounds("本院认为")
    if op is None or reasoning is None:
        return
    names = _names(ctx, view)
    earlier = {m.amount for m in view.money if m.end <= op[0]}
    stated = _amounts(view, reasoning[0], min(reasoning[1], op[0]), names)
    for head, span, periodic in _amounts(view, *op, names):
        if span.amount in earlier or head == "合计":
            continue
        others = {s.amount for h, s, p in stated if p == periodic and _same_head(head, h)}
        if others:
            hint = f"{yuan(next(iter(others)))}元" if len(others) == 1 else None
            yield finding(ctx, view, "DR-REQ-06",
                          f"判决主文中的{head}{span.text}与本院认为部分认定的金额（"
                          + "、".join(f"{yuan(v)}元" for v in sorted(others)) + "）不一致",
                          span.start, span.end, hint)
        elif stated:
            # Not found anywhere in the facts, claims or reasoning: worth a look, not a verdict.
            yield finding(ctx, view, "DR-REQ-06",
                          f"判决主文中的金额{span.text}在诉讼请求、查明事实和本院认为部分均未出现，请核对",
                          span.start, span.end, severity="warning")


# ---------------------------------------------------------------------------------------------
# DR-REQ-08: the late-performance warning
# ---------------------------------------------------------------------------------------------

# The article of the CPL on 迟延履行期间的债务利息, by the date the version took effect.
_LATE_ARTICLES: tuple[tuple[date, int], ...] = (
    (date(2024, 1, 1), 264),  # 民事诉讼法（2023年修正）第二百六十四条
    (date(2022, 1, 1), 260),  # 民事诉讼法（2021年修正）第二百六十条
    (date(2013, 1, 1), 253),  # 民事诉讼法（2012年修正、2017年修正）第二百五十三条
    (date(2008, 4, 1), 229),  # 民事诉讼法（2007年修正）第二百二十九条
    (date(1991, 4, 9), 232),  # 民事诉讼法（1991年）第二百三十二条
)


def late_performance_article(when: date) -> int | None:
    """The CPL article on double interest for late performance in force on ``when``."""
    return next((art for start, art in _LATE_ARTICLES if when >= start), None)


_WARNING = re.compile(r"(?:如果|如)?未按照?(?:本)?判决(?:指定|规定|确定)的期间履行给付金钱义务[^。]{0,80}?"
                      r"第(?P<art>[零〇一二两三四五六七八九十百千0-9]+)条[^。]{0,40}?迟延履行期间的债务利息")
_WARNING_ANY = re.compile(r"迟延履行期间的债务利息|迟延履行金")
_PAYMENT = re.compile(r"(?:支付|偿还|返还|赔偿|给付|退还|退赔|补偿|归还|清偿)[^。；]{0,60}?[0-9零〇一二三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+(?:\.[0-9]+)?元")


@check("DR-REQ-08", family="claim", severity="error",
       basis="民事诉讼法（2023年修正）第二百六十四条 / 2021年修正 第二百六十条 / 2012、2017年修正 第二百五十三条")
def late_performance_warning(ctx: Context) -> Iterator[Finding]:
    """A civil money judgment warns of double interest for late performance, citing the CPL article
    in force on the judgment date (≥2024-01-01 第二百六十四条; 2022–2023 第二百六十条; 2013–2021 第二百五十三条)."""
    rec = ctx.record
    if rec.category != "民事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    op = operative_span(view)
    if op is None:
        return
    decision = view.bounds("判决主文")
    assert decision is not None
    tail = view.text[op[1]:decision[1] if decision[1] > op[1] else len(view.text)]
    m = _WARNING.search(view.text, op[0], decision[1])
    if m is None:
        if _WARNING_ANY.search(tail) or not _PAYMENT.search(view.text, *op):
            return
        items_end = op[1]
        start = max(op[0], view.text.rfind("\n", op[0], items_end - 1))
        # Up to the next paragraph: the warning belongs in the blank between the items and the fee.
        gap = _BLANK.match(view.text, items_end)
        end = min(gap.end() + 1 if gap else items_end, len(view.text))
        yield finding(ctx, view, "DR-REQ-08",
                      "给付金钱的判决应当写明迟延履行的法律后果（加倍支付迟延履行期间的债务利息）",
                      start, end, _warning_text(rec.judgment_date))
        return
    if rec.judgment_date is None:
        return
    expected = late_performance_article(rec.judgment_date)
    try:
        cited = cn_to_int(m.group("art"))
    except ValueError:
        return
    if expected is not None and cited != expected:
        yield finding(ctx, view, "DR-REQ-08",
                      f"裁判日期{rec.judgment_date.isoformat()}施行的民事诉讼法中，迟延履行责任规定在第{int_to_cn(expected)}条，"
                      f"文书引用第{int_to_cn(cited)}条",
                      m.start("art") - 1, m.end("art") + 1, f"第{int_to_cn(expected)}条")


def _warning_text(when: date | None) -> str:
    art = late_performance_article(when) if when else None
    number = f"第{int_to_cn(art)}条" if art else "第…条"
    return (f"如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》{number}规定，"
            "加倍支付迟延履行期间的债务利息。")


# ---------------------------------------------------------------------------------------------
# DR-REQ-09: the fine where the article makes it mandatory
# ---------------------------------------------------------------------------------------------

_PENAL_CLAUSE = re.compile(r"处([^；。]*?)(?:[；。]|$)")
_CUSTODIAL = re.compile(r"有期徒刑|拘役|管制|无期徒刑|死刑")
_MANDATORY = re.compile(r"(?<!可以)并处(?:或者单处)?(?:罚金|没收财产)|(?<!可以)并处罚金|单处罚金")


def fine_mandatory(article: str) -> bool:
    """Whether every penalty clause of a 刑法 article adds a property penalty (并处罚金 / 并处或者单处罚金 /
    并处没收财产); 可以并处 does not count."""
    clauses = [c for c in _PENAL_CLAUSE.findall(article) if _CUSTODIAL.search(c)]
    return bool(clauses) and all(_MANDATORY.search(c) for c in clauses)


_PROPERTY_PENALTY = re.compile(r"(?:并处|单处|判处|处以)罚金|罚金(?:人民币)?[0-9零〇一二两三四五六七八九十百千万]|没收(?:个人)?(?:全部|部分)?财产")


@check("DR-REQ-09", family="sentence", severity="error",
       basis="刑法 第五十二条、第五十三条及分则条文“并处罚金”的规定；document_review.md DR-REQ-09")
def mandatory_fine(ctx: Context) -> Iterator[Finding]:
    """A defendant convicted under an article that says 并处 (罚金 or 没收财产) in every tier is
    sentenced to it (盗窃 第二百六十四条: 并处或者单处罚金)."""
    rec = ctx.record
    if rec.category != "刑事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    cited = cited_criminal_articles(view)
    if not cited:
        return
    facts = facts_date(view)
    for name, start, end in defendant_segments(view):
        seg = view.text[start:end]
        if _PROPERTY_PENALTY.search(seg) or "免予刑事处罚" in seg:
            continue
        for charge in find_charges(seg):
            matched = match_cited(articles_of_charge(ctx.kb, charge), cited)
            if not matched:
                continue
            art, sub = matched[0][0], matched[0][1]
            texts = [article_text(ctx, art, sub, rec.judgment_date)]
            if facts is not None:
                texts.append(article_text(ctx, art, sub, facts))  # the law at the time of the act may differ
            if any(t is None for t in texts) or not all(fine_mandatory(t or "") for t in texts):
                continue
            stop = seg.find("。")
            yield finding(ctx, view, "DR-REQ-09",
                          f"刑法第{int_to_cn(art)}条" + (f"之{int_to_cn(sub)}" if sub else "")
                          + f"对{charge}规定应当并处罚金（或没收财产），判决未对被告人{name}判处",
                          start, start + (stop + 1 if stop != -1 else len(seg)), "并处罚金人民币…元")
            break
