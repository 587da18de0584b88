"""Dates in judgments: 2023年5月10日, 二〇二三年五月十日, 2023-05-10, and relative ones (同年6月3日, 次日).

Deadlines, custody credit and term ends are computed from these dates, so each must be read to an
exact ``datetime.date`` or refused; relative dates are resolved against the date mentioned before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from fazhi.text.normalize import fold_width
from fazhi.text.numerals import TextParseError, _cn_to_int, digits_to_cn, int_to_cn

__all__ = ["DateSpan", "date_to_chinese", "find_dates", "parse_date"]

Precision = Literal["day", "month", "year"]
_RANK = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date found in running text; month- and year-only dates fall on day 1 (and January)."""

    start: int
    end: int
    text: str
    value: date
    precision: Precision


# Digits of a year written one by one; 〇 also appears as ○, O, 0, Cyrillic О (二○二三年, 二00六年).
_YEAR_DIGITS = "〇零○◯ОоOo0一二三四五六七八九"
_YEAR_TABLE = str.maketrans(
    {**{ch: "0" for ch in "〇零○◯ОоOo0"}, **{ch: str(i + 1) for i, ch in enumerate("一二三四五六七八九")}}
)
_CN_NUM = "〇零一二三四五六七八九十"


def _m(tag: str) -> str:
    return rf"(?P<{tag}>[0-9]{{1,2}}|十[一二]?|[一二三四五六七八九]|元)"  # 元月 = January


def _d(tag: str) -> str:
    return rf"(?P<{tag}>[0-9]{{1,2}}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"


# Every match starts at its first character, which the engine can skip ahead to; the branch is then
# chosen by lookbehinds on that character, and "not preceded by" checks look one character further back.
# Groups hold what follows the first character; _head() puts the two back together.
_FIRST = f"0-9{_YEAR_DIGITS}十元同次翌当"
_DATE = re.compile(
    rf"[{_FIRST}](?:"
    # Absolute: year, then optionally month, then optionally day (号 is the spoken form of 日).
    rf"(?<![0-9][0-9])(?<=[0-9])(?P<ya>[0-9]{{3}})年(?:{_m('ma')}月(?:{_d('da')}[日号])?)?"
    rf"|(?<![{_YEAR_DIGITS}十][{_YEAR_DIGITS}])(?<=[{_YEAR_DIGITS}])(?P<yc>[{_YEAR_DIGITS}]{{3}})年"
    rf"(?:{_m('mc')}月(?:{_d('dc')}[日号])?)?"
    # Numeric: 2023-05-10, 2023/5/10, 2023.5.10; not a part of a longer number or code (2013-04-15-01).
    rf"|(?<![0-9.][0-9])(?<=[0-9])(?P<iy>[0-9]{{3}})(?P<sep>[-/.]){_m('im')}(?P=sep){_d('id')}"
    rf"(?![0-9]|[-/.][0-9])"
    # Relative to the year, month or day mentioned before: 同年6月3日, 次年, 同月12日, 次月, 次日, 当天.
    rf"|(?<=[同次翌])(?P<sy>年)(?:{_m('sy_m')}月(?:{_d('sy_d')}[日号])?)?"
    rf"|(?<=[同当次翌])(?P<sm>月)(?:{_d('sm_d')}[日号])?"
    r"|(?<=[次翌当同])(?P<sd>日)|(?<=当)(?P<sd2>[天晚夜])"
    # Month and day with the year left out (5月10日): the year of the date before.
    rf"|(?<![0-9{_CN_NUM}年月].)(?:(?<=[0-9])[0-9]?|(?<=十)[一二]?|(?<=[一二三四五六七八九元]))"
    rf"(?P<md>)月{_d('md_d')}日"
    r")"
)


def _int(text: str) -> int:
    if text == "元":
        return 1
    if text.isascii():
        return int(text)
    return _cn_to_int(text, digitwise=False)


def _year(text: str) -> int:
    return int(text.translate(_YEAR_TABLE))


def _make(year: int, month: int | None, day: int | None) -> tuple[date, Precision]:
    value = date(year, 1 if month is None else month, 1 if day is None else day)  # ValueError: 2月30日
    return value, "day" if day is not None else "month" if month is not None else "year"


def _opt(m: re.Match[str], group: str) -> int | None:
    text = m.group(group)
    return None if text is None else _int(text)


def _head(m: re.Match[str], group: str) -> str:
    """The text from the first character of the match to the end of ``group``."""
    return m.string[m.start() : m.end(group)]


def _is_relative(m: re.Match[str]) -> bool:
    return m["ya"] is None and m["yc"] is None and m["iy"] is None


def _resolve(m: re.Match[str], anchor: tuple[date, Precision] | None) -> tuple[date, Precision]:
    """The date a match stands for and its precision; ValueError if there is none."""
    if m["ya"] is not None:
        return _make(int(_head(m, "ya")), _opt(m, "ma"), _opt(m, "da"))
    if m["yc"] is not None:
        return _make(_year(_head(m, "yc")), _opt(m, "mc"), _opt(m, "dc"))
    if m["iy"] is not None:
        return _make(int(_head(m, "iy")), _int(m["im"]), _int(m["id"]))
    # Relative forms: the anchor must be at least as precise as what they take from it.
    day_form = m["sd"] is not None or m["sd2"] is not None
    need = "day" if day_form else "month" if m["sm"] is not None else "year"
    if anchor is None or _RANK[anchor[1]] < _RANK[need]:
        raise ValueError("relative date without a precise enough date before it")
    base, rel = anchor[0], m.group()[0]
    if m["sy"] is not None:
        year = base.year + (0 if rel == "同" else 1)  # 同年 / 次年, 翌年
        return _make(year, _opt(m, "sy_m"), _opt(m, "sy_d"))
    if m["sm"] is not None:
        year, month = base.year, base.month
        if rel in "次翌":  # 次月, 翌月
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return _make(year, month, _opt(m, "sm_d"))
    if day_form:
        return base + timedelta(days=1 if rel in "次翌" else 0), "day"  # 次日, 翌日 / 当日, 同日, 当天
    return _make(base.year, _int(_head(m, "md")), _int(m["md_d"]))


def parse_date(s: str, *, anchor: date | None = None) -> date:
    """Read one date: 2023年5月10日, 二〇二三年五月十日, 2023-05-10, 2023.5.10, 2023/5/10.

    Relative forms (同年6月3日, 同月12日, 次日, 翌日, 当日, 5月10日) need ``anchor``, the date they
    refer back to. A month or year alone gives its first day. Raises
    :class:`~fazhi.text.numerals.TextParseError` (a ``ValueError``) for impossible dates such as 2023年2月30日.
    """
    text = fold_width(s).strip()
    m = _DATE.fullmatch(text)
    if m is None:
        raise _error(s)
    try:
        value, _ = _resolve(m, None if anchor is None else (anchor, "day"))
    except (ValueError, OverflowError) as exc:
        raise _error(s) from exc
    return value


def _error(s: str) -> TextParseError:
    shown = s if len(s) <= 40 else s[:40] + "…"
    return TextParseError(f"无法识别的日期：{shown!r}", f"not a valid date: {shown!r}")


def find_dates(text: str, *, resolve_relative: bool = True) -> list[DateSpan]:
    """Every date in ``text``, left to right, with offsets into ``text``.

    A relative date is resolved against the date found just before it (itself possibly resolved), so
    2023年5月10日 … 次日 … 次日 gives May 11 and May 12. Relative dates that cannot be resolved, and
    all of them when ``resolve_relative`` is false, are left out, as are impossible dates.
    """
    spans: list[DateSpan] = []
    anchor: tuple[date, Precision] | None = None
    for m in _DATE.finditer(fold_width(text)):
        if not resolve_relative and _is_relative(m):
            continue
        try:
            value, precision = _resolve(m, anchor)
        except (ValueError, OverflowError):
            continue
        if precision == "year" and not 1900 <= value.year <= 2099 and not _is_relative(m):
            continue  # a bare year outside 1900–2099 (五千年) is not a date
        anchor = (value, precision)
        spans.append(DateSpan(m.start(), m.end(), text[m.start() : m.end()], value, precision))
    return spans


def date_to_chinese(d: date) -> str:
    """The date as judgments sign it: date(2023, 5, 10) → 二〇二三年五月十日."""
    return f"{digits_to_cn(str(d.year))}年{int_to_cn(d.month)}月{int_to_cn(d.day)}日"
