"""Date checks (document_review.md §7 DR-DATE-01, DR-DATE-03; §3 DR-PROC-04).

The signature date is the date of the judgment: appeal periods, effectiveness and the
late-performance article all hang on it, and the official form writes it in Chinese numerals
with 〇 (二〇二三年五月十日). Impossible dates (2023年2月29日) and procedural events dated after
the judgment are slips that make the record unreliable.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from fazhi.review.checks_header import Facts, Line, facts
from fazhi.review.registry import Context, Finding, check
from fazhi.text import date_to_chinese, fold_width

_CN_DIGITS = "〇一二三四五六七八九"
# Standard month and day words (DR-DATE-01): 一 … 十二, 一 … 三十一.
_UNITS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
_MONTHS = {w: i for i, w in enumerate(_UNITS + ["十", "十一", "十二"], start=1)}
_DAYS = {**{w: i for i, w in enumerate(_UNITS, start=1)}, "十": 10,
         **{f"十{w}": 10 + i for i, w in enumerate(_UNITS, start=1)}, "二十": 20,
         **{f"二十{w}": 20 + i for i, w in enumerate(_UNITS, start=1)}, "三十": 30, "三十一": 31}
_SIG = re.compile(r"^(?P<y>\S+?)\s*年\s*(?P<m>\S+?)\s*月\s*(?P<d>\S+?)\s*[日号]$")


def _signature_problems(raw: str) -> tuple[list[str], date | None]:
    """What is wrong with a signature date as written, and the date it stands for (if any)."""
    t = re.sub(r"\s+", "", raw)
    m = _SIG.match(t)
    if not m:
        return ["格式无法识别"], None
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    problems: list[str] = []
    if re.search(r"[0-9０-９]", t):
        problems.append("使用了阿拉伯数字")
    if "零" in y:
        problems.append("年份中的零应写作“〇”")
    if re.search(r"[OoОо]", t):
        problems.append("“〇”误写为字母O")
    if re.search(r"[拾壹贰叁肆伍陆柒捌玖]", t):
        problems.append("不应使用大写数字（拾、壹等）")
    if t.endswith("号"):
        problems.append("应写“日”而非“号”")
    value: date | None = None
    if not problems:
        if len(y) != 4 or any(ch not in _CN_DIGITS for ch in y):
            problems.append("年份应逐位书写四位中文数字")
        if mo not in _MONTHS:
            problems.append(f"月份“{mo}”写法不规范")
        if d not in _DAYS:
            problems.append(f"日“{d}”写法不规范")
    if not problems or problems == ["应写“日”而非“号”"]:
        try:
            year = int("".join(str(_CN_DIGITS.index(ch)) for ch in y))
            value = date(year, _MONTHS[mo], _DAYS[d])
        except (ValueError, KeyError):
            value = None
    return problems, value


@check("DR-DATE-01", family="date", severity="error",
       basis="document_review.md DR-DATE-01；人民法院民事裁判文书制作规范（落款日期用汉字，零写作“〇”）")
def signature_date_form(ctx: Context) -> Iterator[Finding]:
    """The signature date is in Chinese numerals with 〇, the year digit by digit (二〇二三年五月十日)."""
    f = facts(ctx)
    line = f.date_line
    if not f.is_decision or line is None:
        return
    problems, _value = _signature_problems(line.text.replace("○", "〇").replace("◯", "〇"))
    if not problems and ("○" in line.text or "◯" in line.text):
        # ○ (a geometric circle) for 〇 is common in word-processed originals: a hint only.
        yield ctx.finding("DR-DATE-01", f"落款日期“{line.text}”中的“○”应为汉字“〇”", line.start, line.end,
                          line.text.replace("○", "〇").replace("◯", "〇"), severity="info")
        return
    if not problems:
        return
    value = f.signature_date or _value
    suggestion = date_to_chinese(value) if value else None
    yield ctx.finding("DR-DATE-01", f"落款日期“{line.text}”{'；'.join(problems)}", line.start, line.end, suggestion)


# Calendar validity anywhere: Arabic 2023年2月29日 and Chinese 二〇二三年二月二十九日.
_AR_DATE = re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日")
_CN_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>十[一二]?|[一二三四五六七八九])月"
                      r"(?P<d>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日")


@check("DR-DATE-03", family="date", severity="error",
       basis="document_review.md DR-DATE-03（日期须真实存在；立案、开庭等诉讼事件不得晚于落款日期）")
def dates_valid_and_ordered(ctx: Context) -> Iterator[Finding]:
    """Every date exists on the calendar, the signature date is not in the future, and no
    procedural event (立案, 开庭, 提起公诉 …) is dated after the signature date."""
    f = facts(ctx)
    if not f.is_decision:
        return
    text = fold_width(ctx.text)  # one-for-one: offsets stay valid
    for m in _AR_DATE.finditer(text):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            yield ctx.finding("DR-DATE-03", f"日期“{ctx.text[m.start():m.end()]}”不存在", m.start(), m.end(), None)
    for m in _CN_DATE.finditer(text):
        year = m.group("y").translate(str.maketrans("〇○零一二三四五六七八九", "000123456789"))
        mo, d = _MONTHS[m.group("m")], _DAYS.get(m.group("d"), 0)
        if not 1 <= d <= calendar.monthrange(int(year), mo)[1]:
            yield ctx.finding("DR-DATE-03", f"日期“{m.group()}”不存在", m.start(), m.end(), None)
    sig = f.signature_date
    line = f.date_line
    if sig is None or line is None:
        return
    if sig > ctx.today:
        yield ctx.finding("DR-DATE-03", f"落款日期{sig.isoformat()}晚于今天", line.start, line.end, None)
        return
    late = [(d, ev) for d, ev in procedural_events(f) if d > sig]
    if late:
        d, ev = late[0]
        yield ctx.finding("DR-DATE-03", f"落款日期{sig.isoformat()}早于本案{ev.text}（{d.isoformat()}）", line.start, line.end,
                          None, event=ev.text, event_date=d.isoformat())


def procedural_events(f: Facts) -> list[tuple[date, Line]]:
    """(date, event word) of this case's procedural history (see :attr:`Facts.events`)."""
    return f.events


@check("DR-PROC-04", family="procedure", severity="warning",
       basis="document_review.md DR-PROC-04；case_number.md §2（收案年度为立案年度）")
def procedure_chronology(ctx: Context) -> Iterator[Finding]:
    """立案 ≤ 开庭 ≤ 判决 in the procedural history, and the filing year is the 案号 year."""
    f = facts(ctx)
    if not f.is_decision:
        return
    events = procedural_events(f)
    filings = [(d, ev) for d, ev in events if ev.text.endswith(("立案", "受理"))]
    hearings = [(d, ev) for d, ev in events if "开庭" in ev.text or "听证" in ev.text]
    if filings and hearings and hearings[0][0] < filings[0][0]:
        d, ev = hearings[0]
        yield ctx.finding("DR-PROC-04", f"开庭日期{d.isoformat()}早于立案日期{filings[0][0].isoformat()}", ev.start, ev.end, None)
    own = f.own_number
    cn = own[1] if own else None
    if cn is not None and filings and not cn.legacy:
        d, ev = filings[0]
        if d.year != cn.year and not (cn.procedure in ("执行", "执行异议") and "执行" in ev.text):
            # 收案年度 = the year the court registered the case (法〔2015〕137号 art. 3).
            yield ctx.finding("DR-PROC-04", f"立案日期{d.isoformat()}与案号收案年度（{cn.year}）不一致", own[0].start,
                              own[0].end, None, filing=d.isoformat())
