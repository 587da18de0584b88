"""Court-fee checks (document_review.md §8, DR-FEE): the 案件受理费, its allocation, preservation fees.

Why: the fee follows from the amount claimed and the procedure (诉讼费用交纳办法 第十三、十五、十六条;
on appeal the amount appealed, 第十七条) and must be borne in full by the parties named (第二十九条);
a wrong figure or a sum that does not add up is enforced against the parties as written. The fee
itself is computed by :func:`fazhi.rules.fees.acceptance_fee`; these checks find the stated figures
and compare, within one yuan (rounding to the yuan is practice, not rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from fazhi.documents.fields import claims_text
from fazhi.review.checks_amounts import TextView, finding, operative_span, text_view, yuan
from fazhi.review.registry import Context, Finding, check
from fazhi.rules.fees import PRESERVATION_CAP, Fee, acceptance_fee, fee_text
from fazhi.text import MoneySpan, cn_to_int, find_money

__all__ = ["FeeProblem", "FeeStatement", "appealed_amount", "fee_problem", "fee_statements"]

_TOLERANCE = Decimal("1")  # whole-yuan rounding of the formula is common practice (rule unverified)
_HALF_TOLERANCE = Decimal("0.51")


@dataclass(slots=True)
class FeeStatement:
    """One stated acceptance fee: 案件受理费X元(，减半收取计Y元) — spans in normalised offsets."""

    instance: str | None  # 一审 / 二审 / 再审 / None
    label_start: int
    full: MoneySpan
    halved: MoneySpan | None

    @property
    def charged(self) -> Decimal:
        return self.halved.amount if self.halved else self.full.amount

    @property
    def end(self) -> int:
        return (self.halved or self.full).end


_FEE_LABEL = re.compile(r"(?P<inst>一审|二审|再审|上诉)?(?:案件)?受理费(?:用)?(?:为|计)?(?:人民币)?")
_HALVING = re.compile(r"[，,]?\s*(?:依法)?减半收取(?:为|计|即)?(?:人民币)?\s*")


def _money_at(view: TextView, pos: int, slack: int = 3) -> MoneySpan | None:
    for span in view.money:
        if pos <= span.start <= pos + slack:
            return span
        if span.start > pos + slack:
            break
    return None


def fee_statements(view: TextView) -> list[FeeStatement]:
    """The acceptance fees stated after the operative part begins (recitals earlier are others' fees)."""

    def make() -> list[FeeStatement]:
        decision = view.bounds("判决主文")
        if decision is None:
            return []
        out: list[FeeStatement] = []
        for m in _FEE_LABEL.finditer(view.text, decision[0]):
            full = _money_at(view, m.end())
            if full is None:
                continue
            half = None
            h = _HALVING.match(view.text, full.end)
            if h:
                half = _money_at(view, h.end())
            out.append(FeeStatement(m.group("inst"), m.start(), full, half))
        return out

    return view.remember("fee_statements", make)


_AMENDED = re.compile(r"(?:变更|增加|减少|追加)(?:了)?(?:其|部分)?诉讼请求|诉讼请求变更为")
_WITHDRAWN = re.compile(r"准许[^。；]{0,20}撤(?:诉|回起诉|回对)")
_CONVERTED = re.compile(r"转为普通程序|转换为普通程序|转入普通程序")
_PROPERTY_CLAIM = re.compile(r"财产|房屋|存款|车|股权|折价|补偿")
_COSTS_ITEM = re.compile(r"诉讼费|受理费|保全费|公告费")
_PERIODIC = re.compile(r"每[\u4e00-\u9fa5]{0,4}$")
_CN_NUMBER = re.compile(r"[一二三四五六七八九十]+")
_DISMISS_ALL = re.compile(r"驳回[^，。；]{0,40}诉讼请求")
_CLAUSE_STOP = re.compile(r"[。；;\n]")
_EACH_OR_REST = re.compile(r"各负担|各自负担|各承担|其余|剩余|余款")  # shares not stated one by one


def _outcome(ctx: Context, view: TextView) -> str | None:
    rec = ctx.record
    if rec.doc_type == "调解书":
        return "调解"  # 诉讼费用交纳办法 第十五条: 以调解方式结案的，减半交纳
    if rec.doc_type == "裁定书" and _WITHDRAWN.search(view.text):
        return "撤诉"  # 第十五条: 当事人申请撤诉的，减半交纳
    return None


def _alternative_amounts(ctx: Context, view: TextView) -> list[Decimal]:
    """Readings of the amount in dispute: the extracted total, the sum of the claimed items (a
    stated total left out), and the plain sum of every amount in the claims."""
    rec = ctx.record
    out: list[Decimal] = []
    if rec.claims_amount is not None:
        out.append(rec.claims_amount)
    decision = view.bounds("判决主文")
    claims = claims_text(view.text[:decision[0]]) if decision else ""
    claims_at = view.text.find(claims) if claims else -1
    if claims and claims_at != -1:
        plain = Decimal(0)
        items = Decimal(0)
        first: Decimal | None = None
        for span in view.money_in(claims_at, claims_at + len(claims)):
            before = view.text[max(claims_at, span.start - 8):span.start]
            if _COSTS_ITEM.search(before):
                continue
            plain += span.amount
            seg = view.text[claims_at:span.start]
            bracketed = seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")")
            if bracketed and before.endswith("为") and "暂计" in view.text[max(claims_at, span.start - 24):span.start]:
                bracketed = False  # quantified interest claimed: （…暂计至2024年4月5日为8500元）
            if not (bracketed or _CLAIM_TOTAL.search(before) or before.endswith(("以", "按"))
                    or view.text.startswith("为基数", span.end) or _PERIODIC.search(before)):
                items += span.amount
                first = span.amount if first is None else first
        # The principal alone: some courts leave quantified interest out of the fee basis (practice).
        out += [v for v in (items, plain, first) if v and v not in out]
    return out


_CLAIM_TOTAL = re.compile(r"(?:共计|合计|总计)[\u4e00-\u9fa5]{0,3}$")


def _expected(ctx: Context, view: TextView, amount: Decimal | None, rounding: str = "cent") -> Fee:
    rec = ctx.record
    trial = None if _CONVERTED.search(view.text) else rec.trial_procedure
    return acceptance_fee(amount, category=rec.category, cause=rec.cause, procedure=rec.procedure,
                          trial_procedure=trial, outcome=_outcome(ctx, view), rounding=rounding)


@dataclass(slots=True)
class FeeProblem:
    """What DR-FEE-01 found wrong with the stated fee, and the charge it should have been."""

    message: str
    start: int
    end: int
    suggestion: str | None
    correct_charge: Decimal | None


@check("DR-FEE-01", family="fee", severity="error",
       basis="诉讼费用交纳办法 第十三条、第十五条、第十六条（案件受理费标准与减半收取）")
def acceptance_fee_amount(ctx: Context) -> Iterator[Finding]:
    """The stated 案件受理费 equals the fee for the amount claimed under the procedure used
    (halved for simple procedure, mediation, withdrawal), and a stated halving is exactly half."""
    view = text_view(ctx)
    problem = fee_problem(ctx, view)
    if problem is not None:
        yield finding(ctx, view, "DR-FEE-01", problem.message, problem.start, problem.end, problem.suggestion)


def fee_problem(ctx: Context, view: TextView) -> FeeProblem | None:
    """The DR-FEE-01 verdict on the document's own acceptance fee (None: nothing wrong or nothing to check)."""
    return view.remember("fee_problem", lambda: _fee_problem(ctx, view))


def _fee_problem(ctx: Context, view: TextView) -> FeeProblem | None:
    rec = ctx.record
    if rec.doc_type not in ("判决书", "裁定书", "调解书") or rec.category not in ("民事", "行政"):
        return None
    own = "二审" if rec.procedure == "二审" else None
    stated = next((s for s in fee_statements(view)
                   if (s.instance == own or (own is None and s.instance == "一审"))), None)
    if stated is None:
        return None
    # A stated halving must be half of the stated fee, whatever the fee (第十五、十六条: 减半交纳).
    if stated.halved is not None and abs(stated.halved.amount - stated.full.amount / 2) > _HALF_TOLERANCE:
        half = (stated.full.amount / 2).quantize(Decimal("0.01"))
        return FeeProblem(f"减半收取后应为{yuan(half)}元，文书写作{stated.halved.text}",
                          stated.halved.start, stated.halved.end, f"{yuan(half)}元", half)
    if rec.procedure == "二审" and rec.category == "民事" and rec.doc_type == "判决书":
        return _appeal_fee(ctx, view, stated)
    if rec.procedure not in ("一审", "二审") or (rec.procedure == "二审" and rec.category != "行政"):
        return None
    if rec.doc_type == "裁定书" and _outcome(ctx, view) is None and not _DISMISSED.search(view.text):
        return None  # other rulings (管辖 …) follow other rules
    if (stated.halved is not None and rec.doc_type == "判决书" and rec.trial_procedure == "普通程序"
            and not _CONVERTED.search(view.text) and _outcome(ctx, view) is None):
        # 第十六条 halves only for simple procedure; a judgment after ordinary procedure pays in full.
        return FeeProblem("本案适用普通程序审理，案件受理费不应减半收取", stated.label_start, stated.end,
                          f"案件受理费{yuan(stated.full.amount)}元", stated.full.amount)
    if _AMENDED.search(view.text):
        return None  # the fee follows the amended claim (第二十一条), which may not be the one recited
    if _unvalued_property_claim(ctx):
        return None  # a claim to property (房屋份额, 股权 …) is valued in the proceedings: amount unknown
    return _against_table(ctx, view, stated)


_PROPERTY_OBJECT = re.compile(r"房屋|房产|产权|份额|继承|分割|股权|股份|所有权|过户|交付|物权|土地|车辆|抵押权|质权")
_CONTRACT_TITLE = re.compile(r"《[^》]{0,40}》")


def _unvalued_property_claim(ctx: Context) -> bool:
    """A claim to property with no amount stated (房屋中的产权份额由原告继承): its value, which the fee
    is computed on, is fixed in the proceedings and not in the claim."""
    for claim in ctx.record.claims:
        if _COSTS_ITEM.search(claim) or find_money(claim):
            continue
        if _PROPERTY_OBJECT.search(_CONTRACT_TITLE.sub("", claim)):
            return True
    return False


_DISMISSED = re.compile(r"驳回[^。；\n]{0,30}的起诉")  # 裁定驳回起诉: the fee paid is refunded in full
_APPEAL_REQUEST = re.compile(r"上诉请求[:：]")
_REQUEST_END = re.compile(r"事实(?:和|与|及)理由|理由[:：]|\n")
_FIRST_JUDGMENT = re.compile(r"(?:一审|原审)法院[^。\n]{0,120}?判决[:：]")
_REVOKE = re.compile(r"撤销[^，。；]{0,30}?(?:一审|原审|原)判决(?:第(?P<items>[一二三四五六七八九十、]+)项(?:、第[一二三四五六七八九十]+项)*)?")
_RULING_ITEM = re.compile(r"(?:^|(?<=[：:；;。]))\s*([一二三四五六七八九十]+)、")


def _first_instance_items(view: TextView) -> dict[int, Decimal]:
    """Amounts ordered by the first-instance judgment as the appeal recites it: item number → sum."""
    m = _FIRST_JUDGMENT.search(view.text)
    if m is None:
        return {}
    end = view.text.find("\n", m.end())
    end = len(view.text) if end == -1 else end
    fee = view.text.find("受理费", m.end(), end)
    end = fee if fee != -1 else end
    marks = list(_RULING_ITEM.finditer(view.text, m.end(), end))
    out: dict[int, Decimal] = {}
    for i, mark in enumerate(marks):
        try:
            number = cn_to_int(mark.group(1))
        except ValueError:
            return {}
        s = mark.end()
        e = marks[i + 1].start() if i + 1 < len(marks) else end
        total = Decimal(0)
        for span in view.money_in(s, e):
            seg = view.text[s:span.start]
            if seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")") \
                    or view.text.startswith("为基数", span.end):
                continue
            total += span.amount
        out[number] = total
    return out


def appealed_amount(view: TextView) -> Decimal | None:
    """The amount appealed (第十七条: 按照不服一审判决部分的上诉请求数额): the amounts of the
    first-instance items the appellant wants revoked, less what the appellant accepts instead.
    None when the request cannot be read that way (several appellants, no amounts)."""
    requests = list(_APPEAL_REQUEST.finditer(view.text))
    if len(requests) != 1:
        return None
    start = requests[0].end()
    stop = _REQUEST_END.search(view.text, start)
    body = view.text[start:stop.start() if stop else start + 300]
    revoke = _REVOKE.search(body)
    items = _first_instance_items(view)
    if revoke is None or not items:
        return None
    if revoke.group("items"):
        try:
            numbers = revoke.group(0)[revoke.group(0).index("判决") + 2:]
            wanted = [cn_to_int(n) for n in _CN_NUMBER.findall(numbers)]
        except ValueError:
            return None
    else:
        wanted = list(items)
    if any(n not in items for n in wanted):
        return None
    revoked = sum((items[n] for n in wanted), Decimal(0))
    change = body[revoke.end():]
    if _DISMISS_ALL.search(change):
        instead = Decimal(0)
    else:
        amounts = find_money(change)
        if not amounts:
            return None
        instead = sum((a.amount for a in amounts), Decimal(0))
    appealed = abs(revoked - instead)
    return appealed or None


def _appeal_fee(ctx: Context, view: TextView, stated: FeeStatement) -> FeeProblem | None:
    """DR-FEE-01/05 for a civil appeal: the 二审 fee follows the amount appealed (第十七条)."""
    amount = appealed_amount(view)
    if amount is None:
        return None
    rounding = "yuan" if stated.full.amount == stated.full.amount.to_integral_value() else "cent"
    fee = acceptance_fee(amount, category="民事", cause=ctx.record.cause, procedure="二审", rounding=rounding)
    if fee.full is None or abs(stated.full.amount - fee.full) <= _TOLERANCE:
        return None
    return FeeProblem(f"二审案件受理费应按上诉请求数额{yuan(amount)}元计算为{yuan(fee.full)}元"
                      f"（诉讼费用交纳办法第十七条），文书写作{stated.full.text}",
                      stated.label_start, stated.end, f"二审案件受理费{yuan(fee.full)}元", fee.full)


def _against_table(ctx: Context, view: TextView, stated: FeeStatement) -> FeeProblem | None:
    rec = ctx.record
    # The property scale applies when an amount turns a band (other non-property cases) into a figure.
    property_case = _expected(ctx, view, None).full is None and _expected(ctx, view, Decimal(1)).full is not None
    amounts: list[Decimal | None] = list(_alternative_amounts(ctx, view)) if property_case else [rec.claims_amount]
    if not amounts:
        return None  # the amount in dispute is unknown: nothing to compare
    rounding = "yuan" if stated.full.amount == stated.full.amount.to_integral_value() else "cent"
    fees = [_expected(ctx, view, a, rounding) for a in amounts]
    label_span = (stated.label_start, stated.end)
    first = fees[0]
    if first.full is not None:
        for fee in fees:
            assert fee.full is not None and fee.charged is not None
            if abs(stated.full.amount - fee.full) <= _TOLERANCE:
                if fee.halved and stated.halved is None:
                    return FeeProblem(f"本案应减半收取案件受理费（{fee.basis}），文书未减半", *label_span,
                                      fee_text(fee), fee.charged)
                return None  # a stated halving where none is due may follow a conversion: not flagged
            if fee.halved and stated.halved is None and abs(stated.full.amount - fee.charged) <= _TOLERANCE:
                return None  # the halved fee stated directly (案件受理费五百零七元五角)
        return FeeProblem(f"按{first.basis}，案件受理费应为{yuan(first.full)}元"
                          + (f"，减半收取计{yuan(first.charged)}元" if first.halved and first.charged else "")
                          + f"，文书写作{stated.full.text}",
                          stated.full.start, stated.full.end, fee_text(first), first.charged)
    if first.low is None or first.high is None:
        return None
    low, high = first.low, first.high
    if "离婚" in (rec.cause or "") and _PROPERTY_CLAIM.search("".join(rec.claims)):
        high = Decimal("Infinity")  # 离婚案件涉及财产分割的，超过20万元的部分另按0.5%交纳: value unknown
    band = f"{yuan(low)}元至{yuan(high)}元" if high.is_finite() else f"{yuan(low)}元以上"
    if stated.halved is not None or not first.halved:
        if low - _TOLERANCE <= stated.full.amount <= high + _TOLERANCE:
            return None
        return FeeProblem(f"按{first.basis}，案件受理费应在{band}之间，文书写作{stated.full.text}",
                          stated.full.start, stated.full.end, fee_text(first), None)
    # Halving due but not stated: the figure must be a halved one.
    value = stated.full.amount
    if low / 2 - _TOLERANCE <= value <= high / 2 + _TOLERANCE:
        return None
    if low - _TOLERANCE <= value <= high + _TOLERANCE:
        return FeeProblem(f"本案应减半收取案件受理费（{first.basis}），文书未减半", *label_span,
                          fee_text(first), value / 2)
    return FeeProblem(f"按{first.basis}，案件受理费应在{band}之间并减半收取，文书写作{stated.full.text}",
                      stated.full.start, stated.full.end, fee_text(first), None)


# ---------------------------------------------------------------------------------------------
# DR-FEE-03: the allocation adds up to the fee charged
# ---------------------------------------------------------------------------------------------

_OTHER_FEE = re.compile(r"(?:申请)?(?:财产)?保全费|公告费|鉴定费|执行申请费|申请费|诉讼费用?")
_BORNE = re.compile(r"负担|承担")
_TOTAL_WORD = re.compile(r"(?:共计|合计|总计)(?:人民币)?\s*$")


def _fee_clauses(view: TextView) -> Iterator[tuple[int, int]]:
    """Sentences and ；-clauses after the operative part that state a fee and its allocation."""
    decision = view.bounds("判决主文")
    if decision is None:
        return
    start = decision[0]
    tail = view.bounds("尾部")
    end = tail[0] if tail else len(view.text)
    pos = start
    for m in _CLAUSE_STOP.finditer(view.text[start:end]):
        stop = start + m.start()
        if "受理费" in view.text[pos:stop] and _BORNE.search(view.text, pos, stop):
            yield pos, stop
        pos = stop + 1


@check("DR-FEE-03", family="fee", severity="error",
       basis="诉讼费用交纳办法 第二十九条（诉讼费用由败诉方负担，部分胜诉的按比例分担）")
def allocation_sums(ctx: Context) -> Iterator[Finding]:
    """The shares the parties bear (由原告负担300元，被告负担850元) add up to the fee charged."""
    view = text_view(ctx)
    for start, end in _fee_clauses(view):
        text = view.text
        borne = _BORNE.search(text, start, end)
        assert borne is not None
        head_end = text.rfind("由", start, borne.start())
        head_end = head_end if head_end != -1 else borne.start()
        shares = [s for s in view.money_in(head_end, end) if _is_share(text, head_end, s)]
        if len(shares) < 2 or _EACH_OR_REST.search(text[head_end:end]):
            continue
        charged = _charged_total(view, start, head_end)
        if charged is None:
            continue
        total = sum((s.amount for s in shares), Decimal(0))
        if abs(total - charged) <= Decimal("0.01"):
            continue
        problem = fee_problem(ctx, view)
        if problem is not None and problem.correct_charge is not None \
                and abs(total - problem.correct_charge) <= _TOLERANCE:
            continue  # the shares are right; the stated fee is wrong (reported by DR-FEE-01)
        yield finding(ctx, view, "DR-FEE-03",
                      f"各方负担的诉讼费用合计{yuan(total)}元，与应收取的{yuan(charged)}元不符",
                      start if shares[-1].end - start <= 300 else shares[0].start, shares[-1].end,
                      shares=[str(s.amount) for s in shares],
                      charged=str(charged))


def _is_share(text: str, start: int, span: MoneySpan) -> bool:
    """An amount a party bears: follows 负担/承担, not in brackets (已预交 …)."""
    before = text[max(0, span.start - 4):span.start]
    depth = sum(text.count(o, start, span.start) for o in "（(") - sum(text.count(c, start, span.start) for c in "）)")
    return depth <= 0 and bool(_BORNE.search(before))


def _charged_total(view: TextView, start: int, end: int) -> Decimal | None:
    """What the clause charges: a stated total, else the acceptance fee (halved if so) plus other fees."""
    text = view.text
    spans = view.money_in(start, end)
    if not spans:
        return None
    for s in spans:
        if _TOTAL_WORD.search(text[max(start, s.start - 6):s.start]):
            return s.amount
    total = Decimal(0)
    last_fee: MoneySpan | None = None
    for s in spans:
        before = text[max(start, s.start - 12):s.start]
        if _HALVING.search(before) or before.rstrip().endswith(("减半收取计", "减半收取", "减半收取为")):
            if last_fee is not None:
                total -= last_fee.amount
            total += s.amount
        elif "受理费" in before or _OTHER_FEE.search(before):
            total += s.amount
            last_fee = s
        else:
            return None  # an amount of unknown role: do not guess
    return total


# ---------------------------------------------------------------------------------------------
# DR-FEE-06: preservation fee cap
# ---------------------------------------------------------------------------------------------

_PRESERVATION = re.compile(r"(?:申请)?(?:财产|证据|行为)?保全(?:申请)?费(?:用)?(?:为|计)?(?:人民币)?")


@check("DR-FEE-06", family="fee", severity="error",
       basis="诉讼费用交纳办法 第十四条第（二）项（申请保全措施交纳的费用最多不超过5000元）")
def preservation_cap(ctx: Context) -> Iterator[Finding]:
    """A preservation application fee never exceeds 5,000 元."""
    view = text_view(ctx)
    span = operative_span(view)
    start = span[0] if span else 0
    for m in _PRESERVATION.finditer(view.text, start):
        fee = _money_at(view, m.end())
        if fee is not None and fee.amount > PRESERVATION_CAP:
            yield finding(ctx, view, "DR-FEE-06",
                          f"申请保全费最多不超过5000元，文书写作{fee.text}", fee.start, fee.end, "5000元")
