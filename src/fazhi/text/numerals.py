"""Chinese numerals to integers and back, and numbers written in Arabic digits, Chinese or both (1.5万).

Judgments write one quantity many ways (264, 二百六十四, 贰佰陆拾肆, 二〇二三, 12.3万); amounts, dates and
terms are only comparable once each has exactly one reading, and malformed numerals must be refused.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from fazhi.errors import BadInput
from fazhi.text.normalize import fold_width

__all__ = ["TextParseError", "cn_to_int", "digits_to_cn", "int_to_cn", "parse_number"]


class TextParseError(BadInput, ValueError):
    """A string is not the number, amount, date or term asked for.

    It is a ``ValueError`` (callers probing candidate strings catch that) and a
    :class:`~fazhi.errors.BadInput`, so a bad value typed by a user is reported as a one-line
    Chinese-and-English message by the CLI and the API instead of a traceback.
    """


_MAX_DIGITS = 24  # longer numbers are refused (no amount, date or term has more digits)
_MAX_CN_LEN = 40  # the longest valid numeral below 10**16 has 31 characters

# Chinese digits, lower case and financial capitals (大写), simplified and traditional.
_DIGIT: dict[str, int] = {
    ch: value
    for value, chars in enumerate(
        ["〇零", "一壹弌", "二贰貳两兩", "三叁參叄", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖"]
    )
    for ch in chars
}
_LIANG = frozenset("两兩")  # 两 is 2 only before a unit (两万, 两千): never a digit on its own
_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNIT = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_NUMERAL_CHARS = "".join(_DIGIT) + "".join(_SMALL_UNIT) + "".join(_BIG_UNIT)

_LOWER = "〇一二三四五六七八九"
_TO_CAPITAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")

# A token is (kind, value, text): kind "d" Chinese digit, "a" run of Arabic digits, "u" 十百千, "U" 万亿.
_Token = tuple[str, int, str]


def _error(s: str, what: str = "中文数字", en_what: str = "Chinese numeral") -> TextParseError:
    shown = s if len(s) <= 40 else s[:40] + "…"
    return TextParseError(f"无法识别的{what}：{shown!r}", f"not a valid {en_what}: {shown!r}")


def _tokenize(s: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if "0" <= ch <= "9":
            j = i
            while j < n and "0" <= s[j] <= "9":
                j += 1
            tokens.append(("a", int(s[i:j]), s[i:j]))
            i = j
            continue
        if ch in _DIGIT:
            tokens.append(("d", _DIGIT[ch], ch))
        elif ch in _SMALL_UNIT:
            tokens.append(("u", _SMALL_UNIT[ch], ch))
        elif ch in _BIG_UNIT:
            tokens.append(("U", _BIG_UNIT[ch], ch))
        else:
            raise _error(s)
        i += 1
    for k, (_, _, text) in enumerate(tokens):
        # 两 stands for 2 only as the coefficient of a unit: 两万, 两千; 十两 or 两 alone is not a number.
        if text in _LIANG and (k + 1 == len(tokens) or tokens[k + 1][0] not in "uU"):
            raise _error(s)
    return tokens


def _section(tokens: list[_Token], s: str) -> int:
    """Value of a group below 万: 三千零五十, 一百一十, 十五, 3千5百, 2000; elided last unit 一百五 = 150."""
    if not tokens:
        raise _error(s)
    value = 0
    last_unit = 10**4  # the unit of the previous digit; units must strictly decrease
    pending: _Token | None = None  # a digit waiting for its unit
    zero = False  # a 零 was written since the last unit
    for tok in tokens:
        kind, v, _ = tok
        if kind == "d" and v == 0:
            # 零 marks skipped places: only after a unit, once, and never right before a unit.
            if pending is not None or zero or value == 0:
                raise _error(s)
            zero = True
        elif kind in "da":
            if pending is not None:
                raise _error(s)
            pending = tok
        elif kind == "u":
            if v >= last_unit:
                raise _error(s)
            if pending is None:
                # A bare 十 means 一十 only at the head of a group: 十五, 十万.
                if v != 10 or value != 0 or zero:
                    raise _error(s)
                coefficient = 1
            else:
                if pending[0] == "a" and len(pending[2]) != 1 or pending[1] == 0:
                    raise _error(s)  # 35百, 0十
                coefficient = pending[1]
            value += coefficient * v
            last_unit, pending, zero = v, None, False
        else:
            raise _error(s)
    if pending is None:
        if zero:
            raise _error(s)  # 一百零
        return value
    kind, v, text = pending
    if last_unit == 10**4:
        return v  # no unit at all: a single digit or a run of Arabic digits (2000 in 1万2000)
    if kind == "a" and len(text) > 1 or zero:
        if v >= last_unit:
            raise _error(s)
        return value + v  # 一百零五, 3千500
    # The last digit takes the unit below the previous one: 一百五 = 150, 三千五 = 3500, 十五 = 15.
    return value + v * (last_unit // 10)


def _split(tokens: list[_Token], unit: int, s: str) -> tuple[list[_Token], list[_Token]] | None:
    at = [i for i, t in enumerate(tokens) if t[0] == "U" and t[1] == unit]
    if not at:
        return None
    if len(at) > 1:
        raise _error(s)
    return tokens[: at[0]], tokens[at[0] + 1 :]


def _rest(tokens: list[_Token], unit: int, s: str) -> int:
    """The part after 万 or 亿, below ``unit``: 零五十, 三千, a lone elided digit (一万五 = 15000)."""
    if not tokens:
        return 0
    if tokens[0][0] == "d" and tokens[0][1] == 0:
        tokens = tokens[1:]  # 一万零五十; the official capitals may also write 壹拾万零柒仟
        if not tokens:
            raise _error(s)
    elif len(tokens) == 1 and tokens[0][0] in "da" and len(tokens[0][2]) == 1:
        return tokens[0][1] * (unit // 10)  # 一万五 = 15000, 一亿五 = 150000000
    value = _below_yi(tokens, s)
    if value >= unit:
        raise _error(s)
    return value


def _below_yi(tokens: list[_Token], s: str) -> int:
    parts = _split(tokens, 10**4, s)
    if parts is None:
        return _section(tokens, s)
    high, low = parts
    if not high:
        raise _error(s)  # 万 needs a coefficient
    return _section(high, s) * 10**4 + _rest(low, 10**4, s)


def _cn_to_int(s: str, *, digitwise: bool = True) -> int:
    text = s.strip()
    if not text or len(text) > _MAX_CN_LEN:
        raise _error(s)
    tokens = _tokenize(text)
    if any(kind == "a" and len(t) > _MAX_DIGITS for kind, _, t in tokens):
        raise _error(s)
    if all(kind in "da" for kind, _, _ in tokens):
        if len(tokens) == 1:
            return tokens[0][1]
        # Digit-by-digit form (二〇二三): Chinese digits only, as in years and numbers read out.
        if digitwise and all(kind == "d" for kind, _, _ in tokens):
            return int("".join(str(v) for _, v, _ in tokens))
        raise _error(s)
    parts = _split(tokens, 10**8, text)
    if parts is None:
        return _below_yi(tokens, text)
    high, low = parts
    if not high:
        raise _error(s)
    return _below_yi(high, text) * 10**8 + _rest(low, 10**8, text)


def cn_to_int(s: str) -> int:
    """Read a Chinese numeral as an int: 二百六十四, 一千零五十, 两万, 二〇二三, 壹拾贰万叁仟, 3万, 一亿二千万.

    Raises :class:`TextParseError` (a ``ValueError``) for anything else, decimals included.
    """
    return _cn_to_int(s, digitwise=True)


def _section_cn(v: int) -> str:
    """1..9999 in lower-case numerals, with one 零 for each gap before a non-zero digit."""
    out: list[str] = []
    gap = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = v // unit % 10
        if d == 0:
            gap = bool(out)
        else:
            if gap:
                out.append("零")
                gap = False
            out.append(_LOWER[d] + name)
    return "".join(out)


def _below_yi_cn(v: int) -> str:
    high, low = divmod(v, 10**4)
    if not high:
        return _section_cn(low)
    # A lower group that does not fill its thousands place is introduced by 零: 一万零一十.
    return _section_cn(high) + "万" + ("" if not low else ("零" if low < 1000 else "") + _section_cn(low))


def int_to_cn(n: int, *, capital: bool = False) -> str:
    """Write ``n`` (0 ≤ n < 10**16) in Chinese numerals: 264 → 二百六十四, 10 → 十, 1050 → 一千零五十.

    ``capital=True`` gives the financial capitals used for money (贰佰陆拾肆, 壹拾), where a leading 壹
    is always written.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"int_to_cn() needs an int, not {type(n).__name__}")
    if not 0 <= n < 10**16:
        raise TextParseError(f"超出范围的数字：{n}", f"number out of range 0..10**16-1: {n}")
    if n == 0:
        return "零"
    high, low = divmod(n, 10**8)
    if not high:
        text = _below_yi_cn(low)
    else:
        text = _below_yi_cn(high) + "亿"
        if low:
            text += ("零" if low < 10**7 else "") + _below_yi_cn(low)
    if capital:
        return text.translate(_TO_CAPITAL)
    # 一十 at the head is written 十 (十, 十五, 十万); inside a number it stays 一十 (一百一十).
    return text[1:] if text.startswith("一十") else text


def digits_to_cn(s: str) -> str:
    """Write Arabic digits one by one in Chinese, as years are written: "2023" → "二〇二三"."""
    text = fold_width(s).strip()
    if not text or not text.isascii() or not text.isdigit():
        raise _error(s, "阿拉伯数字", "string of Arabic digits")
    return "".join(_LOWER[int(ch)] for ch in text)


# Arabic number with optional thousands separators and decimals, then an optional multiplier
# (12.3万, 3千, 1.2亿, 5千万). Full-width comma groups (61，610) are accepted only as exact groups of three.
_ARABIC = re.compile(
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:，[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"(?P<mult>[十拾百佰千仟]?[万萬]?[亿億]?)"
)
_MULT = {**_SMALL_UNIT, **_BIG_UNIT}
_CN_DECIMAL = re.compile(
    rf"(?P<int>[{_CN_NUMERAL_CHARS}]+)点(?P<frac>[{''.join(_DIGIT)}]+)(?P<mult>[十百千万亿]?[万亿]?)"
)


def _multiplier(mult: str) -> int:
    factor = 1
    for ch in mult:
        factor *= _MULT[ch]
    return factor


def parse_number(s: str) -> Decimal:
    """Read a number in Arabic digits (1,234.5), Chinese (二百六十四, 三点五) or both (1.5万, 3千, 3万5千)."""
    text = fold_width(s).strip()
    if not text:
        raise _error(s, "数字", "number")
    m = _ARABIC.fullmatch(text)
    if m:
        digits = re.sub(r"[,，]", "", m["int"])
        frac = m["frac"] or ""
        if len(digits) + len(frac) > _MAX_DIGITS:
            raise _error(s, "数字", "number")
        try:
            value = Decimal(f"{digits}.{frac}" if frac else digits)
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
            raise _error(s, "数字", "number") from exc
        return value * _multiplier(m["mult"])
    m = _CN_DECIMAL.fullmatch(text)
    if m:
        whole = _cn_to_int(m["int"], digitwise=False)
        frac = "".join(str(_DIGIT[ch]) for ch in m["frac"] if ch not in _LIANG)
        if len(frac) != len(m["frac"]) or len(frac) > _MAX_DIGITS:
            raise _error(s, "数字", "number")
        return Decimal(f"{whole}.{frac}") * _multiplier(m["mult"])
    return Decimal(_cn_to_int(text, digitwise=True))
