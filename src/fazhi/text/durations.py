"""Criminal penalties and their terms as judgments state them: 有期徒刑一年六个月, 缓刑二年, 死刑缓期二年执行.

Sentencing checks and term-date arithmetic (刑法 arts. 38, 42, 45, 73; 法释〔2021〕1号 art. 202) work in
months, so each stated penalty is read to its kind and its length in whole months (plus any days).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from fazhi.text.normalize import fold_width
from fazhi.text.numerals import TextParseError, _cn_to_int

__all__ = ["Term", "find_terms", "parse_term"]

TermKind = Literal[
    "有期徒刑", "拘役", "管制", "缓刑", "无期徒刑", "死刑", "死刑缓期执行", "剥夺政治权利", "剥夺政治权利终身"
]


@dataclass(frozen=True, slots=True)
class Term:
    """One penalty: its kind, its length in months (None for life and death) and where it was written.

    For 死刑缓期执行, ``months`` is the reprieve (缓期二年执行 → 24). ``days`` holds a remainder in days,
    as in 剥夺政治权利四年一个月二十四日 (what is left of a term after parole or commutation).
    """

    kind: TermKind
    months: int | None
    text: str
    start: int
    end: int
    days: int = 0


_NUM_CHARS = "0-9零〇一二两三四五六七八九十"
_NUM = r"(?:[0-9]{1,3}|[零〇一二两三四五六七八九十]{1,4})"
# After a length, not a range: 拘役一个月以上六个月以下 quotes the law (刑法 art. 42), it is not a term.
_END = r"(?!以[上下]|至|到)"


def _length(tag: str, *, headless: bool = False) -> str:
    """A length: 一年六个月, 一年零六个月, 3年, 十个月, 一年半, 四年一个月二十四日.

    ``headless``: the first digit was already read (it opened the match); groups then hold the rest.
    """
    first = rf"[{_NUM_CHARS}]{{0,3}}" if headless else _NUM
    years = rf"(?P<{tag}_y>{first})年(?P<{tag}_half>半)?"
    months1 = rf"(?P<{tag}_m1>{_NUM})个?月"
    months2 = rf"(?P<{tag}_m2>{first})个?月"

    def days(k: str) -> str:
        return rf"(?:零?(?P<{tag}_d{k}>{_NUM})[日天])?"

    # Atomic: a length is read whole, never cut short to dodge _END (三年六个月以上 is no 三年).
    return rf"(?>{years}(?:[零又]?{months1})?{days('1')}|{months2}{days('2')})"


# Each match starts at its first character (the engine skips ahead to those); lookbehinds on that
# character pick the branch. 有期徒刑 / 拘役 / 管制 / 剥夺政治权利 / 缓刑 need a length; 死刑 and 无期徒刑 have none.
_TERM = re.compile(
    rf"[有拘管剥缓死无{_NUM_CHARS}](?:"
    rf"(?:(?<=有)期徒刑|(?<=拘)役|(?<=管)制)(?P<fixed>){_length('a')}{_END}"
    rf"|(?<=剥)夺政治权利(?:(?P<dep_life>终身)|(?P<dep>){_length('c')}{_END})"
    rf"|(?<=缓)刑(?:考验期限?[为是]?)?(?P<prob>){_length('e')}{_END}"
    rf"|(?<=死)刑(?:(?P<reprieve>[,，]?[ ]?缓期(?P<reprieve_y>{_NUM})年执行)"  # 死刑，缓期二年执行
    r"|(?P<reprieve_bare>缓期执行)|(?P<death>)(?![,，]?[ ]?缓期))"
    r"|(?<=无)(?P<life>期徒刑)"
    # The length first: 判处8年有期徒刑. Not from inside a number (十年以上十五年有期徒刑 is no 五年).
    rf"|(?<![{_NUM_CHARS}][{_NUM_CHARS}])(?<!以上[{_NUM_CHARS}])(?<=[{_NUM_CHARS}]){_length('b', headless=True)}"
    r"(?P<fixed_after>有期徒刑|拘役|管制)"
    r")"
)
_FIXED: dict[str, TermKind] = {"有": "有期徒刑", "拘": "拘役", "管": "管制"}  # by first character

# Penalties with no length are also named by the statutes (处十年以上有期徒刑、无期徒刑或者死刑); in running
# text they count only right after a sentencing verb and not inside such a list of options.
_VERBS = ("判处", "改判", "判", "处", "执行", "并处", "处以", "为", "维持")
_NOT_AFTER = re.compile(r"(?:或者|或|、)")


def _num(text: str) -> int:
    if text in ("两", "兩"):
        return 2  # 两年
    if text.isascii():
        return int(text)
    return _cn_to_int(text, digitwise=False)


def _length_of(m: re.Match[str], tag: str, headless: bool) -> tuple[int, int]:
    """(months, days) of the length read under ``tag``."""

    def whole(group: str) -> str:  # a headless group lacks the first digit, which opened the match
        return m.string[m.start() : m.end(group)] if headless else m[group]

    months = 0
    if m[f"{tag}_y"] is not None:
        months = 12 * _num(whole(f"{tag}_y")) + (6 if m[f"{tag}_half"] else 0)  # 一年半 = 18 months
        if m[f"{tag}_m1"] is not None:
            months += _num(m[f"{tag}_m1"])
        day_text = m[f"{tag}_d1"]
    else:
        months = _num(whole(f"{tag}_m2"))
        day_text = m[f"{tag}_d2"]
    return months, _num(day_text) if day_text else 0


def _build(m: re.Match[str], text: str, offset: int) -> Term:
    start, end = m.start() + offset, m.end() + offset
    span = text[start:end]
    if m["reprieve"] is not None:
        return Term("死刑缓期执行", 12 * _num(m["reprieve_y"]), span, start, end)
    if m["reprieve_bare"] is not None:
        return Term("死刑缓期执行", None, span, start, end)
    if m["life"] is not None:
        return Term("无期徒刑", None, span, start, end)
    if m["death"] is not None:
        return Term("死刑", None, span, start, end)
    if m["dep_life"] is not None:
        return Term("剥夺政治权利终身", None, span, start, end)
    kind: TermKind
    if m["fixed"] is not None:
        kind, tag, headless = _FIXED[m.group()[0]], "a", False
    elif m["dep"] is not None:
        kind, tag, headless = "剥夺政治权利", "c", False
    elif m["prob"] is not None:
        kind, tag, headless = "缓刑", "e", False
    else:
        kind, tag, headless = _FIXED[m["fixed_after"][0]], "b", True
    months, days = _length_of(m, tag, headless)
    return Term(kind, months, span, start, end, days)


def _error(s: str) -> TextParseError:
    shown = s if len(s) <= 40 else s[:40] + "…"
    return TextParseError(f"无法识别的刑罚：{shown!r}", f"not a valid penalty term: {shown!r}")


_LEAD = re.compile(r"[ ]*(?:被|应|应当)?(?:判处|改判为?|并处|决定执行|判)?[ ]*")


def parse_term(s: str) -> Term:
    """Read one penalty phrase: 有期徒刑一年六个月 → Term("有期徒刑", 18, …), 缓刑二年 → 24, 死刑 → None.

    A leading 判处 / 并处 / 决定执行 is allowed; ``start`` and ``end`` locate the penalty within ``s``.
    Raises :class:`~fazhi.text.numerals.TextParseError` (a ``ValueError``) for anything else.
    """
    folded = fold_width(s)
    lead = _LEAD.match(folded)
    offset = lead.end() if lead else 0
    body = folded[offset:].rstrip()
    m = _TERM.fullmatch(body)
    if m is None:
        raise _error(s)
    try:
        return _build(m, s, offset)
    except ValueError as exc:
        raise _error(s) from exc


def find_terms(text: str) -> list[Term]:
    """Every penalty in ``text``, left to right, with offsets into ``text``.

    判处有期徒刑一年六个月，缓刑二年，并处罚金人民币五千元 gives 有期徒刑 (18) and 缓刑 (24); the fine is
    money (see :func:`fazhi.text.money.find_money`). Ranges quoted from the statutes are not terms.
    """
    terms: list[Term] = []
    for m in _TERM.finditer(fold_width(text)):
        if m["life"] is not None or m["death"] is not None or m["reprieve_bare"] is not None:
            before = text[max(0, m.start() - 4) : m.start()]
            if not before.endswith(_VERBS) or _NOT_AFTER.match(text, m.end()):
                continue
        try:
            terms.append(_build(m, text, 0))
        except ValueError:
            continue
    return terms
