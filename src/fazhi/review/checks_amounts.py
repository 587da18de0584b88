"""Money-amount checks (document_review.md §6, DR-AMT): figures vs capitals, capitals format, arithmetic.

Why: judgments quote IOUs and contracts with both figures and 大写, and state totals and
computations (共计…元, 7500元×5个月); a wrong digit there changes what is enforced. The checks
read the normalised text once (:func:`text_view`, shared by the other substance checks) and
report spans in the caller's text.

Also home of :class:`TextView`, the normalised text of one document with its sections and money
spans, cached on the review :class:`~fazhi.review.registry.Context` so that every check module
normalises and scans for money once per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi.documents.record import SectionSpan
from fazhi.documents.sections import split_sections
from fazhi.review.registry import Context, Finding, check
from fazhi.text import MoneySpan, find_money, money_to_capitals, normalize
from fazhi.text.align import OffsetMap, offset_map, to_original

__all__ = ["TextView", "cached", "operative_span", "text_view"]


# ---------------------------------------------------------------------------------------------
# Shared view of one document
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class TextView:
    """The normalised text of a document, its sections and money, with a way back to input offsets."""

    text: str
    mapping: OffsetMap | None
    sections: list[SectionSpan]
    _money: list[MoneySpan] | None = field(default=None, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # derived values checks share

    def remember(self, key: str, make: Any) -> Any:
        """``make()`` once per document: parsed structures shared between check modules."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def orig(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) in the caller's text of the normalised span [start, end)."""
        return to_original(self.mapping, start, end)

    def section(self, name: str) -> tuple[int, str]:
        """(normalised start, text) of a section; (0, "") if absent."""
        for s in self.sections:
            if s.name == name:
                return s.start, self.text[s.start:s.end]
        return 0, ""

    def bounds(self, name: str) -> tuple[int, int] | None:
        """(start, end) of a section in normalised offsets, or None."""
        for s in self.sections:
            if s.name == name:
                return s.start, s.end
        return None

    @property
    def money(self) -> list[MoneySpan]:
        """Every amount of money in the normalised text (scanned once)."""
        if self._money is None:
            self._money = find_money(self.text)
        return self._money

    def money_in(self, start: int, end: int) -> list[MoneySpan]:
        """The amounts that lie wholly inside [start, end)."""
        return [m for m in self.money if m.start >= start and m.end <= end]


def cached(ctx: Context, key: str, make: Any) -> Any:
    """``make()`` once per review context: checks share parsed structures through this."""
    store = ctx.__dict__.setdefault("_fazhi_substance_cache", {})
    if key not in store:
        store[key] = make()
    return store[key]


def text_view(ctx: Context) -> TextView:
    """The :class:`TextView` of the document under review (built once per context)."""

    def make() -> TextView:
        norm = normalize(ctx.text)
        return TextView(norm, offset_map(ctx.text, norm), split_sections(norm))

    return cached(ctx, "view", make)


# Where the operative items of a decision end: the warning, the fee and the appeal paragraphs.
_OPERATIVE_STOP = re.compile(r"如果?未按(?:本)?判决指定的期间|^\s*(?:[一二三四五六七八九十]+、)?(?:本案)?(?:一审|二审)?"
                             r"(?:案件受理费|诉讼费|受理费)|如不服本|本(?:判决|裁定)为终审|本调解书经双方|^\s*审\s*判\s*[长员]",
                             re.M)


def operative_span(view: TextView) -> tuple[int, int] | None:
    """(start, end) of the operative items (判决主文 without warning, fee and appeal), normalised."""
    b = view.bounds("判决主文")
    if b is None:
        return None
    start, end = b
    m = _OPERATIVE_STOP.search(view.text, start, end)
    return (start, m.start() if m else end)


def finding(ctx: Context, view: TextView, check_id: str, message: str, start: int, end: int,
            suggestion: str | None = None, *, severity: str | None = None, **data: Any) -> Finding:
    """A finding with its normalised span mapped back to the caller's text."""
    s, e = view.orig(start, end)
    return ctx.finding(check_id, message, s, e, suggestion, severity=severity, **data)


def yuan(value: Decimal) -> str:
    """An amount as judgments write it: 2300, 1484.50."""
    value = value.quantize(Decimal("0.01"))
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else f"{value:.2f}"


# ---------------------------------------------------------------------------------------------
# DR-AMT-02 / DR-AMT-03: figures and financial capitals
# ---------------------------------------------------------------------------------------------

_FIN_CAPITAL = re.compile(r"[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]")
_LOWER_NUMERAL = re.compile(r"[一二三四五六七八九十百千两]")
_BETWEEN_PAIR = re.compile(r"\s*[（(]\s*(?:人民币)?\s*(?:大写|小写)?\s*[:：]?\s*")
_CLOSE = re.compile(r"\s*[）)]")
_CAPITAL_RUN = re.compile(r"[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万亿萬億]{2,}[元圆](?:[零壹贰叁肆伍陆柒捌玖]?[角分])*[整正]?")


def _pairs(view: TextView) -> Iterator[tuple[MoneySpan, MoneySpan, int]]:
    """Adjacent (amount, amount in brackets) pairs, with the end offset of the closing bracket."""
    money = view.money
    for a, b in zip(money, money[1:], strict=False):
        gap = view.text[a.end:b.start]
        if not _BETWEEN_PAIR.fullmatch(gap):
            continue
        close = _CLOSE.match(view.text, b.end)
        if close is None:
            continue
        yield a, b, close.end()


def _is_capitals(span: MoneySpan) -> bool:
    return span.form == "capitals" and bool(_FIN_CAPITAL.search(span.text))


@check("DR-AMT-02", family="amount", severity="error",
       basis="document_review.md DR-AMT-02（大写金额与数字金额一致）")
def capitals_match_figures(ctx: Context) -> Iterator[Finding]:
    """Where an amount is written in 大写 and in figures side by side, both must be the same amount."""
    view = text_view(ctx)
    for a, b, close in _pairs(view):
        forms = {a.form, b.form}
        if forms != {"capitals", "figures"}:
            continue
        words, figures = (a, b) if a.form == "capitals" else (b, a)
        if words.amount == figures.amount:
            continue
        yield finding(ctx, view, "DR-AMT-02",
                      f"大写金额“{words.text}”（{yuan(words.amount)}元）与数字金额“{figures.text}”"
                      f"（{yuan(figures.amount)}元）不一致",
                      a.start, close,
                      f"核对原始凭证；数字{yuan(figures.amount)}元对应的大写为{money_to_capitals(figures.amount)}",
                      words=str(words.amount), figures=str(figures.amount))


def _canonical_ok(written: str, value: Decimal) -> bool:
    """Whether 大写 ``written`` is a standard way to write ``value`` (票据填写规范, lenient on 零/整)."""
    body = written
    for prefix in ("人民币", "RMB"):
        body = body.removeprefix(prefix)
    body = body.replace("圆", "元").replace("貳", "贰").replace("參", "叁").replace("陸", "陆")
    body = body.replace("萬", "万").replace("億", "亿").rstrip("整正")
    if "零零" in body:
        return False  # consecutive zeros are written with one 零
    canonical = money_to_capitals(value).rstrip("整")
    # 零 may be written or left out after 万 / 元 when the next place is non-zero (the bank rules
    # allow both: 壹拾万零柒仟 / 壹拾万柒仟, 壹仟陆佰捌拾元零叁角 / 壹仟陆佰捌拾元叁角).
    return body.replace("零", "") == canonical.replace("零", "")


@check("DR-AMT-03", family="amount", severity="warning",
       basis="document_review.md DR-AMT-03（中国人民银行《正确填写票据和结算凭证的基本规定》大写金额写法）")
def capitals_format(ctx: Context) -> Iterator[Finding]:
    """大写 amounts use 壹贰叁…拾佰仟万亿 and 元角分 in the standard order; lower-case numerals or
    missing units are flagged (the amount may be misread)."""
    view = text_view(ctx)
    covered: list[tuple[int, int]] = []
    for span in view.money:
        if not _is_capitals(span):
            continue
        covered.append((span.start, span.end))
        body = span.text
        if _LOWER_NUMERAL.search(body):
            yield finding(ctx, view, "DR-AMT-03", f"大写金额“{body}”中混用了小写数字",
                          span.start, span.end, money_to_capitals(span.amount))
        elif not _canonical_ok(body, span.amount):
            yield finding(ctx, view, "DR-AMT-03", f"大写金额“{body}”写法不规范（读作{yuan(span.amount)}元）",
                          span.start, span.end, money_to_capitals(span.amount))
    # A run of capitals that could not be read as an amount at all.
    for m in _CAPITAL_RUN.finditer(view.text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        yield finding(ctx, view, "DR-AMT-03", f"无法识别的大写金额“{m.group()}”", m.start(), m.end())
    # Lower-case numerals where 大写 is called for: labelled 大写, or in brackets beside a figure.
    for a, b, _close in _pairs(view):
        lower = next((s for s in (a, b) if s.form == "capitals" and not _FIN_CAPITAL.search(s.text)
                      and "大写" in view.text[max(0, s.start - 4):s.start]), None)
        if lower is None:
            other = b if a.form == "capitals" else a
            if other.text.lstrip("人民币").startswith(("¥", "￥")) and {a.form, b.form} == {"capitals", "figures"}:
                lower = a if a.form == "capitals" and not _FIN_CAPITAL.search(a.text) else None
        if lower is not None:
            yield finding(ctx, view, "DR-AMT-03", f"大写金额应使用壹、贰、叁等大写数字，而非“{lower.text}”",
                          lower.start, lower.end, money_to_capitals(lower.amount))


# ---------------------------------------------------------------------------------------------
# DR-AMT-05: totals and computations
# ---------------------------------------------------------------------------------------------

_TOTAL = re.compile(r"(?:共计|合计|总计)(?:赔偿|支付|应付|人民币|为|[:：])?\s*")
_LIST_LEAD = re.compile(r"(?:以上|上述|前述|前列|各项)[\u4e00-\u9fa5]{0,4}$")
_ENUM_AFTER_COLON = re.compile(r"[:：]\s*(?=\d{1,2}[.、．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)])")
_LIST_INTRO = re.compile(r"如下[:：]|请求[:：]|包括[:：]")
_SENTENCE_END = re.compile(r"[。；;:：\n]")
_DIFFERENCE = re.compile(r"扣除|减去|抵扣|冲抵|已付|已支付|已偿还|已还|已归还|垫付|余款|尚欠|剩余")
_SUBTOTAL = re.compile(r"(?:共计|合计|总计|小计)[\u4e00-\u9fa5]{0,4}$")
_PERIODIC = re.compile(r"每[\u4e00-\u9fa5]{0,4}$")
_OPERATOR = "×xX*＊÷/+＋\\-－"
_ITEM_START = re.compile(r"(?:^|(?<=[；;。：:\n]))\s*(?:\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)])")


def _excluded(text: str, scope_start: int, span: MoneySpan) -> bool:
    """Amounts that are no addend: in brackets, bases (以X元为基数), rates (每月X元), factors (X元×N)."""
    before = text[max(scope_start, span.start - 6):span.start]
    after = text[span.end:span.end + 4]
    segment = text[scope_start:span.start]
    depth = segment.count("（") + segment.count("(") - segment.count("）") - segment.count(")")
    # Interest quantified inside its bracket is claimed: （…暂计至2024年4月5日为8500元）.
    accrued = before.endswith("为") and "暂计" in text[max(scope_start, span.start - 24):span.start]
    return ((depth > 0 and not accrued) or after.startswith("为基数") or _PERIODIC.search(before) is not None
            or before.endswith(("以", "按")) or after.lstrip()[:1] in ("×", "x", "*", "÷", "/")
            or before.rstrip()[-1:] in ("×", "÷", "*", "/"))


def _scope(view: TextView, total_at: int) -> tuple[int, bool]:
    """Where the addends of a total at ``total_at`` start, and whether it sums a preceding list."""
    text = view.text
    para = text.rfind("\n", 0, total_at) + 1
    if _LIST_LEAD.search(text[max(para, total_at - 8):total_at]):
        start = para
        for m in _ENUM_AFTER_COLON.finditer(text, para, total_at):
            start = m.end()
        if start == para:
            for m in _LIST_INTRO.finditer(text, para, total_at):
                start = m.end()
        return start, True
    cut = para
    for m in _SENTENCE_END.finditer(text, para, total_at):
        cut = m.end()
    return cut, False


_LINE_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.、．](?:(?!\d)|(?=\d{4}年))|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)])")


def _block_before(text: str, at: int) -> int | None:
    """Start of the enumerated lines (1.… 2.…) that end right before the line at ``at``; None if fewer than 2."""
    line_start = text.rfind("\n", 0, at) + 1
    first = None
    count = 0
    pos = line_start
    while pos > 0:
        prev = text.rfind("\n", 0, pos - 1) + 1
        if not _LINE_ITEM.match(text, prev):
            break
        first, count, pos = prev, count + 1, prev
    return first if count >= 2 else None


def _last_per_item(text: str, start: int, items: list[MoneySpan]) -> list[MoneySpan]:
    """One addend per enumerated item: the last amount of each (1.医疗费…为1500元；2.…)."""
    bounds = [m.end() for m in _ITEM_START.finditer(text, start)]
    if len(bounds) < 2:
        return items
    out: dict[int, MoneySpan] = {}
    for span in items:
        k = max((i for i, b in enumerate(bounds) if b <= span.start), default=-1)
        out[k] = span
    return list(out.values())


def _totals(ctx: Context, view: TextView) -> Iterator[Finding]:
    text = view.text
    by_start = {m.start: m for m in view.money}
    for m in _TOTAL.finditer(text):
        # The amount right after the word (its span may begin with the 人民币 the pattern consumed).
        total = next((by_start[i] for i in range(m.start() + 2, m.end() + 4) if i in by_start), None)
        if total is None:
            continue
        start, listed = _scope(view, m.start())
        if not listed and len([s for s in view.money_in(start, m.start()) if not _excluded(text, start, s)]) < 2:
            block = _block_before(text, start)
            if block is not None:  # 1.…75600元…\n2.…57200元…\n综上，…共计人民币210700元
                start, listed = block, True
        scope_text = text[start:m.start()]
        if _DIFFERENCE.search(scope_text) or _TOTAL.search(scope_text):
            continue  # differences or sub-totals: which figures add up is not clear
        items = [s for s in view.money_in(start, m.start()) if not _excluded(text, start, s)]
        if any(_SUBTOTAL.search(text[max(start, s.start - 6):s.start]) for s in items) or len(items) < 2:
            continue
        # The addends are the items right before the total: any run of ≥ 2 of them ending there
        # (an amount earlier in the sentence may be something else: 主张50000元，支持…共计).
        sums = {sum((s.amount for s in items[k:]), Decimal(0)) for k in range(len(items) - 1)}
        if listed:
            sums.add(sum((s.amount for s in _last_per_item(text, start, items)), Decimal(0)))
        if any(abs(s - total.amount) <= Decimal("0.01") for s in sums):
            continue
        if not listed and (any(abs(s.amount - total.amount) <= Decimal("0.01") for s in items)
                           or max(s.amount for s in items) > total.amount
                           or m.start() - items[0].start > 150):
            # no explicit list: a total that restates one earlier figure, is smaller than one of them,
            # or stands far from them does not sum those figures (text run together without 。, as
            # in the CJRC excerpts, gave such false findings)
            continue
        sums = {sum((s.amount for s in items), Decimal(0))} | (
            {sum((s.amount for s in _last_per_item(text, start, items)), Decimal(0))} if listed else set())
        first = items[0].start
        lo = first if total.end - first <= 400 else total.start
        computed = min(sums, key=lambda s: abs(s - total.amount))
        yield finding(ctx, view, "DR-AMT-05",
                      f"所列各项金额之和为{yuan(computed)}元，与“{text[m.start():total.end]}”不符",
                      lo, total.end, f"{text[m.start():total.start]}{yuan(computed)}元",
                      stated=str(total.amount), computed=str(computed))


_NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?"
_UNIT = r"(?:%|‰|元|天|日|个月|月|年|平方米|㎡|人|次|件|倍|小时|期)?"
_TERM = rf"{_NUM}\s*{_UNIT}"
_OP = rf"\s*[{_OPERATOR}]\s*"
_EXPR = rf"{_TERM}(?:{_OP}{_TERM})+"
# 12857.14元（18000元÷28天×20天）; 7500元×5个月=37500元; 按43233元×20年×10%计算为86466元;
# 按每天100元计算15天为1500元
_AFTER_AMOUNT = re.compile(rf"\s*[（(]\s*(?:即|计算方式[:：]?)?\s*(?P<expr>{_EXPR})\s*[）)]")
_BEFORE_AMOUNT = re.compile(rf"(?:按|即|计算[:：]?)\s*(?P<expr>{_EXPR})\s*(?:计算)?\s*(?:为|得|即|=|＝)\s*$")
_RATE_TIMES = re.compile(rf"按每[日天月年]\s*(?P<rate>{_NUM})\s*元计算\s*(?P<n>{_NUM})\s*(?:天|日|个月|月|年)\s*(?:为|计)\s*$")
_TOKEN = re.compile(rf"\s*(?:(?P<num>{_NUM})\s*(?P<unit>{_UNIT})|(?P<op>[{_OPERATOR}]))")


def evaluate(expr: str) -> tuple[Decimal, bool] | None:
    """Value of a stated computation (18000元÷28天×20天) and whether it divides; None if unreadable."""
    values: list[Decimal] = []
    ops: list[str] = []
    pos = 0
    divides = False
    expect_num = True
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None or m.end() == pos:
            if expr[pos:].strip() == "":
                break
            return None
        pos = m.end()
        if m["num"] is not None:
            if not expect_num:
                return None
            try:
                v = Decimal(m["num"].replace(",", ""))
            except InvalidOperation:
                return None
            if m["unit"] == "%":
                v, divides = v / 100, True
            elif m["unit"] == "‰":
                v, divides = v / 1000, True
            values.append(v)
            expect_num = False
        else:
            if expect_num:
                return None
            op = {"x": "×", "X": "×", "*": "×", "＊": "×", "/": "÷", "＋": "+", "－": "-"}.get(m["op"], m["op"])
            ops.append(op)
            expect_num = True
    if expect_num or not ops:
        return None
    # × and ÷ first, then + and −, left to right.
    terms: list[Decimal] = [values[0]]
    signs: list[str] = []
    for op, v in zip(ops, values[1:], strict=True):
        if op == "×":
            terms[-1] *= v
        elif op == "÷":
            if v == 0:
                return None
            terms[-1] /= v
            divides = True
        else:
            signs.append(op)
            terms.append(v)
    result = terms[0]
    for sign, v in zip(signs, terms[1:], strict=True):
        result = result + v if sign == "+" else result - v
    return result, divides


def _computations(ctx: Context, view: TextView) -> Iterator[Finding]:
    text = view.text
    for span in view.money:
        found: list[tuple[Decimal, bool, int, int, str]] = []
        m = _AFTER_AMOUNT.match(text, span.end)
        if m:
            ev = evaluate(m["expr"])
            if ev:
                found.append((*ev, span.start, m.end(), m["expr"]))
        window = text[max(0, span.start - 60):span.start]
        b = _BEFORE_AMOUNT.search(window)
        if b:
            ev = evaluate(b["expr"])
            if ev:
                found.append((*ev, span.start - len(window) + b.start("expr"), span.end, b["expr"]))
        r = _RATE_TIMES.search(window)
        if r:
            try:
                value = Decimal(r["rate"].replace(",", "")) * Decimal(r["n"].replace(",", ""))
            except InvalidOperation:
                continue
            found.append((value, False, span.start - len(window) + r.start(), span.end,
                          f"{r['rate']}元×{r['n']}"))
        for value, divides, lo, hi, expr in found:
            tolerance = Decimal("0.51") if divides else Decimal("0.011")
            if abs(value - span.amount) > tolerance:
                yield finding(ctx, view, "DR-AMT-05",
                              f"按所列算式{expr}计算应为{yuan(value)}元，与所载{span.text}不符",
                              lo, hi, f"{yuan(value)}元", stated=str(span.amount), computed=str(value))


@check("DR-AMT-05", family="amount", severity="error",
       basis="document_review.md DR-AMT-05（文中所载合计、差额与算式应能复算）")
def arithmetic(ctx: Context) -> Iterator[Finding]:
    """Stated totals (共计/合计/总计 X元) equal the listed items, and stated computations recompute.

    Conservative: a total is checked only against a clear list (in one sentence, or an enumerated
    list it refers to with 以上/上述); bases, rates, bracketed breakdowns and lists with deductions
    or sub-totals are left alone.
    """
    view = text_view(ctx)
    yield from _totals(ctx, view)
    yield from _computations(ctx, view)
