"""Amounts of money in judgments: read them (123,000元, 12.3万元, 壹拾贰万叁仟元整), find them, write capitals.

Fines, claims, fees and stolen values drive sentencing and review checks, and a judgment states the
large ones twice (figures and 大写), so both forms must read back to the same exact Decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from fazhi.text.normalize import fold_width
from fazhi.text.numerals import (
    _CN_NUMERAL_CHARS,
    _DIGIT,
    TextParseError,
    _cn_to_int,
    int_to_cn,
    parse_number,
)

__all__ = ["MoneySpan", "find_money", "money_to_capitals", "parse_money"]

MoneyForm = Literal["figures", "capitals"]

_CENT = Decimal("0.01")
_LIMIT = Decimal(10) ** 16  # int_to_cn writes numbers below 10**16

# Currency marks before the number: 人民币 / RMB / CNY, then ¥ (some documents write ¥: 20000).
_PREFIX = re.compile(r"(?:人民币|RMB|CNY)?[ ]?(?:[¥￥][:：]?)?[ ]?")
# One digit before 角 or 分: Chinese, capital or Arabic.
_FRAC_DIGIT = "0-9" + "".join(ch for ch, v in _DIGIT.items() if v)
_FRACTION = re.compile(rf"(?:零?(?P<jiao>[{_FRAC_DIGIT}])[角毛])?(?:零?(?P<fen>[{_FRAC_DIGIT}])分)?")
# 余 / 多 after the number, before an optional multiplier: 5000余元, 1300余万元, 十多万元.
_APPROX = re.compile(r"(?P<num>.+?)[余多](?P<mult>[十百千万亿拾佰仟萬億]{0,2})")


def _error(s: str) -> TextParseError:
    shown = s if len(s) <= 40 else s[:40] + "…"
    return TextParseError(f"无法识别的金额：{shown!r}", f"not a valid amount of money: {shown!r}")


def _number(text: str, s: str) -> Decimal:
    """The yuan part: Arabic or mixed (1,234.56, 12.3万) via parse_number, else Chinese numerals."""
    if any("0" <= ch <= "9" for ch in text):
        return parse_number(text)
    # Digit-by-digit numerals (二〇二三元) are no way to write money.
    return Decimal(_cn_to_int(text, digitwise=False))


def _parse(s: str, *, approx: bool) -> Decimal:
    text = fold_width(s).strip()
    prefix = _PREFIX.match(text)
    marked = bool(prefix and prefix.group().strip())
    text = text[prefix.end() :] if prefix else text
    if text[-1:] in ("整", "正"):
        text = text[:-1]  # 元整: nothing after 元 (票据填写规范: 到元为止的写"整")
    for mark in ("元", "圆", "块"):
        if mark in text:
            yuan_text, _, frac_text = text.partition(mark)
            break
    else:
        if "角" in text or "分" in text or "毛" in text:
            yuan_text, frac_text = "", text  # 伍角, 伍角伍分, 伍分
        elif marked:
            yuan_text, frac_text = text, ""  # ¥1234, 人民币100
        else:
            raise _error(s)
    yuan_text = yuan_text.strip()
    frac_text = frac_text.strip()
    m = _APPROX.fullmatch(yuan_text)
    if m:
        if not approx:
            raise _error(s)
        yuan_text = m["num"] + m["mult"]
    if not yuan_text and not frac_text:
        raise _error(s)
    yuan = _number(yuan_text, s) if yuan_text else Decimal(0)
    if frac_text:
        f = _FRACTION.fullmatch(frac_text)
        if not f or not (f["jiao"] or f["fen"]) or yuan != yuan.to_integral_value():
            raise _error(s)
        jiao = int(_DIGIT.get(f["jiao"], f["jiao"])) if f["jiao"] else 0
        fen = int(_DIGIT.get(f["fen"], f["fen"])) if f["fen"] else 0
        yuan += Decimal(jiao) / 10 + Decimal(fen) / 100
    if yuan >= _LIMIT:
        raise _error(s)
    try:
        return yuan.quantize(_CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # pragma: no cover - amounts are bounded above
        raise _error(s) from exc


def parse_money(s: str) -> Decimal:
    """Read one amount in yuan, quantised to 0.01: 人民币壹拾贰万叁仟元整, 12.3万元, 1,234.56元, ¥1234.

    Raises :class:`~fazhi.text.numerals.TextParseError` (a ``ValueError``) for anything that is not
    exactly one amount; a bare number without 元, ¥ or 人民币 is not an amount.
    """
    try:
        return _parse(s, approx=False)
    except ValueError as exc:  # say "amount", not "numeral", whichever part failed
        raise _error(s) from exc


_CAPITAL_DIGIT = "零壹贰叁肆伍陆柒捌玖"


def money_to_capitals(amount: Decimal | int) -> str:
    """Write an amount in official capitals: 123000 → 壹拾贰万叁仟元整, 100.05 → 壹佰元零伍分, 0.5 → 伍角.

    Follows the bank and court convention (中国人民银行《正确填写票据和结算凭证的基本规定》): 整 after
    元 when there are no 角 or 分, 零 for skipped places, 零 after 元 when 角 is 0 but 分 is not.
    The amount is first rounded half-up to the cent.
    """
    try:
        value = Decimal(amount)
        if not value.is_finite():
            raise ValueError("not finite")
        value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise TextParseError(f"无法转换的金额：{amount!r}", f"not an amount of money: {amount!r}") from exc
    if value < 0 or value >= _LIMIT:
        raise TextParseError(f"超出范围的金额：{amount}", f"amount out of range 0..10**16: {amount}")
    yuan, cents = divmod(int(value * 100), 100)
    jiao, fen = divmod(cents, 10)
    parts = [int_to_cn(yuan, capital=True) + "元"] if yuan else []
    if not jiao and not fen:
        return (parts[0] if parts else "零元") + "整"
    if jiao:
        parts.append(_CAPITAL_DIGIT[jiao] + "角")
    elif parts:
        parts.append("零")  # 角位是0而分位不是0时，"元"后面应写"零"字
    if fen:
        parts.append(_CAPITAL_DIGIT[fen] + "分")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class MoneySpan:
    """An amount found in running text: offsets into that text, its exact value and how it was written."""

    start: int
    end: int
    text: str
    amount: Decimal
    form: MoneyForm  # "figures": Arabic digits (5000元, 12.3万元); "capitals": Chinese numerals (壹万元整, 五千元)


_NUM_CHARS = "0-9" + _CN_NUMERAL_CHARS
_CAPITALS = "壹贰貳叁參肆伍陆陸柒捌玖"
_ONE_CHAR_LOWER = frozenset("〇一二两三四五六七八九十百千万亿")
# Every match starts at the first character of its number, or at ¥ (so the engine can skip ahead to
# those characters); the lookbehinds after that character keep a match from starting inside a run
# of numerals (第二百元, 1,2345元 never yield a tail), so each run is read once and the scan is linear.
# The currency words before the number (人民币, ¥) are added afterwards by _LEAD.
_FIND = re.compile(
    rf"[{_NUM_CHARS}¥￥]"
    rf"(?:(?<![{_NUM_CHARS}][{_NUM_CHARS}])(?<![0-9][.,，][{_NUM_CHARS}])(?<=[{_NUM_CHARS}])"
    rf"(?P<run>(?:[{_NUM_CHARS}]|[.,](?=[0-9])|，(?=[0-9]{{3}}(?![0-9])))*+)"
    rf"(?:"
    rf"(?:[余多][十百千万亿拾佰仟萬億]{{0,2}})?[ ]?[元圆]"  # 5000元, 5000余元, 1300余万元
    rf"(?:零?[{_FRAC_DIGIT}][角毛])?(?:零?[{_FRAC_DIGIT}]分)?"  # 叁仟元伍角陆分, 壹佰元零伍分
    rf"(?:[整正](?![\u3400-\u9fff]))?"  # 元整, but not 整改
    # Only 角 and 分, in capitals: 伍角, 伍角伍分, 伍分 (lower-case 三角 is a triangle).
    rf"|(?<=[{_CAPITALS}])角(?:零?[{_CAPITALS}]分)?|(?<=[{_CAPITALS}])分"
    rf")"
    # ¥ and figures without 元: ¥1234, ¥1,234.56 (¥1234元 is read from its digits instead).
    rf"|(?<=[¥￥])[:：]?[ ]?(?P<yen>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]++(?:\.[0-9]+)?)"
    rf"(?![0-9]|[.,][0-9]|[ ]?[余多十百千万亿元圆])"
    rf")"
)
# Currency words right before a number: 人民币, RMB, ¥, 人民币¥: (searched in a short window).
_LEAD = re.compile(r"(?:(?:人民币|RMB|CNY)[ ]?)?(?:[¥￥][:：]?[ ]?)?\Z")


def find_money(text: str) -> list[MoneySpan]:
    """Every amount of money in ``text``, left to right, not overlapping, with offsets into ``text``.

    Needs 元 (or ¥, or 角/分 in capitals), so article numbers (第二百六十四条) and dates are never taken.
    Approximate amounts (5000余元, 1300余万元) are reported at their stated figure.
    """
    folded = fold_width(text)
    spans: list[MoneySpan] = []
    last_end = 0
    for m in _FIND.finditer(folded):
        start, end = m.start(), m.end()
        lead = _LEAD.search(folded, max(last_end, start - 8), start)
        if lead is not None:
            start = lead.start()
        run = m["run"]
        if run is not None:
            num = folded[m.start() : m.end("run")]
            if len(num) == 1 and num in _ONE_CHAR_LOWER and start == m.start():
                continue  # 统一元件, 二元论, 三元里: a lone lower-case numeral before 元 is seldom money
            digits = any("0" <= ch <= "9" for ch in num)
        else:
            digits = True  # ¥1234
        try:
            amount = _parse(folded[start:end].replace("，", ","), approx=True)
        except ValueError:
            continue
        spans.append(MoneySpan(start, end, text[start:end], amount, "figures" if digits else "capitals"))
        last_end = end
    return spans
