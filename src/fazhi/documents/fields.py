"""Field extractors over a sectioned document: court, cause, bench, dates, amounts, sentences.

Each function takes the text (or one section of it) and returns plain values; the rules
they follow are those of document_types.md §4–§5 and sentencing.md.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources

from fazhi.documents.record import JudgeRecord, SentenceRecord
from fazhi.text import find_dates, find_money, find_terms, parse_date, parse_money

_COURT = re.compile(r"([\u4e00-\u9fa5]{2,40}?(?:人民法院|法院知识产权法庭|知识产权法院|金融法院|海事法院|互联网法院|铁路运输法院|"
                    r"[\u4e00-\u9fa5]{0,10}法庭))")
_COURT_LINE = re.compile(r"^[ \t]*([\u4e00-\u9fa5（）]{2,40}(?:人民法院|知识产权法院|金融法院|海事法院|互联网法院|铁路运输法院|"
                         r"人民法院[\u4e00-\u9fa5]{1,12}分院))[ \t]*$", re.M)
_TO_COURT = re.compile(r"此\s*致\s*\n?\s*([\u4e00-\u9fa5]{2,40}(?:人民法院|知识产权法院|金融法院|海事法院|互联网法院))")


def court_name(text: str) -> str | None:
    """The issuing court from the header line, or the court addressed after 此致 (party filings)."""
    m = _COURT_LINE.search(text[:600]) or _TO_COURT.search(text) or _COURT_LINE.search(text)
    # The SPC heads its documents 中华人民共和国最高人民法院; its name is 最高人民法院.
    return m.group(1).removeprefix("中华人民共和国") if m else None


_CIVIL_CAUSE = re.compile(r"([\u4e00-\u9fa5、]{2,30}?(?:纠纷|争议|之诉))(?:一案|两案|[，。]|$)")
_CAUSE_LINE = re.compile(r"^[ \t]*案\s*由[:：][ \t]*([\u4e00-\u9fa5、（）]{2,40})", re.M)
_CAUSE_LEAD = re.compile(r"^(?:.*?(?:原告|被告|上诉人|被上诉人|申请人|被申请人|申请执行人|被执行人|第三人|与|诉|因|的|、))+")
_ADMIN_CAUSE = re.compile(r"([\u4e00-\u9fa5]{0,6}?(?:行政处罚|行政许可|行政强制|行政登记|行政确认|行政复议|行政协议|行政赔偿|"
                          r"政府信息公开|信息公开|房屋征收|土地征收|工伤认定|行政补偿|不履行法定职责|行政裁决))")


def cause(category: str | None, body: str, decision: str, party_names: list[str]) -> str | None:
    """The 案由 (civil / administrative) or the charges (criminal, from the operative part first)."""
    if category == "刑事":
        found = charges(decision) or charges(body[:4000])
        return "、".join(found) if found else None
    if stated := _CAUSE_LINE.search(body[:4000]):
        return stated.group(1)
    m = _CIVIL_CAUSE.search(body[:4000])
    if m:
        raw = m.group(1)
        # 原告张三与被告李四民间借贷纠纷: the cause is what follows the last party named.
        for name in sorted(party_names, key=len, reverse=True):
            if len(name) >= 2 and name in raw:
                raw = raw[raw.rfind(name) + len(name):]
        raw = _CAUSE_LEAD.sub("", raw).lstrip("、")
        if len(raw) >= 4:
            return raw
    if category == "行政":
        m = _ADMIN_CAUSE.search(body[:4000])
        if m:
            return m.group(1)
    return None


@cache
def _charge_names() -> tuple[frozenset[str], int]:
    path = resources.files("fazhi.documents").joinpath("data/charges.txt")
    names = frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip() and not line.startswith("#"))
    return names, max(len(n) for n in names)


_CHARGE_AT = re.compile(r"犯(?:有)?([\u4e00-\u9fa5、]{2,40}?罪)")


def charges(text: str) -> list[str]:
    """Charges named after 犯 in ``text``, read whole against the list of 罪名 (longest match)."""
    names, longest = _charge_names()
    out: list[str] = []
    for m in _CHARGE_AT.finditer(text):
        start = m.start(1)
        found = next((text[start:start + n] for n in range(min(longest, len(text) - start), 2, -1)
                      if text[start:start + n] in names), None)
        for name in [found] if found else [p if p.endswith("罪") else p + "罪" for p in m.group(1).split("、")]:
            if name and name not in out and not _CHARGE_STOP.match(name) and len(name) >= 3:
                out.append(name)
    return out


_CHARGE_STOP = re.compile(r"^(?:其|被告人|上述|该|此|本|所|的|罪)")


# Signature block (尾部, J14 / K13): titles may be spread with spaces (审 判 员).
_BENCH = re.compile(
    r"^[ \t]*(审\s*判\s*长|审\s*判\s*员|代\s*理\s*审\s*判\s*员|独任审判员|人\s*民\s*陪\s*审\s*员|陪\s*审\s*员|"
    r"法\s*官\s*助\s*理|书\s*记\s*员|执\s*行\s*员)[ \t:：　]*([\u4e00-\u9fa5·　 ]{2,12}?)[ \t　]*$",
    re.M,
)


def bench(tail: str) -> tuple[list[JudgeRecord], str | None, str | None]:
    """(judges, clerk, judge assistant) from the signature block."""
    judges: list[JudgeRecord] = []
    clerk = assistant = None
    for m in _BENCH.finditer(tail):
        title = re.sub(r"\s+", "", m.group(1))
        name = re.sub(r"[\s　]+", "", m.group(2))
        if not name:
            continue
        if title == "书记员":
            clerk = clerk or name
        elif title == "法官助理":
            assistant = assistant or name
        else:
            if title == "独任审判员":
                title = "审判员"
            elif title == "陪审员":
                title = "人民陪审员"
            judges.append(JudgeRecord(name=name, title=title))
    return judges, clerk, assistant


_CN_DATE_LINE = re.compile(r"^[ \t]*([〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)[ \t]*$", re.M)


def signature_date(text: str, tail_start: int) -> date | None:
    """The date of the document: the date line in the 尾部, else the last date in its tail."""
    tail = text[tail_start:] if tail_start else text[-800:]
    lines = _CN_DATE_LINE.findall(tail)
    if lines:
        try:
            return parse_date(lines[-1])
        except ValueError:
            pass
    # a date line in Arabic numerals (2023年5月10日) or with stray spaces: a day-precision date that
    # is alone on its line. A date inside a sentence (facts, 刑期 dates) is not the signature date,
    # and a draft whose date line is still a placeholder has none.
    window = text[-800:]
    dates = find_dates(window, resolve_relative=False)
    for d in reversed([d for d in dates if d.precision == "day"]):
        line_start = window.rfind("\n", 0, d.start) + 1
        line_end = window.find("\n", d.end)
        line = window[line_start:len(window) if line_end < 0 else line_end]
        if line.strip(" \t\u3000") == window[d.start:d.end]:
            return d.value
    return None


# Key dates of the procedural history (J3 / K5): the date phrase that comes right before the event.
# (event, pattern, how far before the event word its date may end)
_EVENTS = (
    ("filing", re.compile(r"(?:立案|受理)"), 4),
    ("prosecution", re.compile(r"向本院提起公诉"), 2),
    ("hearing", re.compile(r"(?:公开|不公开)?开庭"), 6),
)


def key_dates(body: str) -> dict[str, date]:
    """Filing, prosecution and (first) hearing dates from the procedural history, where stated."""
    out: dict[str, date] = {}
    head = body[:3000]
    dates = [d for d in find_dates(head) if d.precision == "day"]
    for name, pattern, window in _EVENTS:
        for m in pattern.finditer(head):
            near = [d for d in dates if 0 <= m.start() - d.end <= window]
            if near:
                out[name] = near[-1].value
                break
    return out


_AMOUNT = r"([0-9][0-9,.]*\s*元|[零〇壹贰叁肆伍陆柒捌玖拾佰仟万一二两三四五六七八九十百千]+元(?:[零〇壹贰叁肆伍陆柒捌玖一二两三四五六七八九]角)?(?:[零〇壹贰叁肆伍陆柒捌玖一二两三四五六七八九]分)?)"
_FEE = re.compile(r"(?P<inst>一审|二审|再审|上诉)?(?:案件受理费|诉讼费|受理费|申请费)(?:用)?(?:人民币)?\s*" + _AMOUNT)
_FEE_HALVED = re.compile(r"减半收取(?:为|计|即)?(?:人民币)?\s*([0-9][0-9,.]*\s*元)")


def court_fee(fee_text: str, procedure: str | None = None) -> Decimal | None:
    """The 案件受理费 charged at this instance (after 减半收取 when the text says so).

    A second-instance judgment states both fees: its own is the 二审 one. A retrial restates
    the earlier fees but charges none of its own unless it says 再审案件受理费.
    """
    found = [m for m in _FEE.finditer(fee_text) if m.group("inst") != "上诉"]
    own = {"二审": "二审", "再审": "再审"}.get(procedure or "")
    if own:
        found = [m for m in found if m.group("inst") == own] or ([] if own == "再审" else found)
    else:
        found = [m for m in found if m.group("inst") in (None, "一审")]
    if not found:
        return None
    m = found[0]
    tail = fee_text[m.end():m.end() + 40]
    h = _FEE_HALVED.search(tail)
    try:
        return parse_money(h.group(1) if h else m.group(2))
    except ValueError:
        return None


# An item number at a line start or after ；/。/： (inline lists: 1.…；2.…).
_ITEM = re.compile(r"(?:^|\n|(?<=[；;。：:]))[ \t]*(?:[一二三四五六七八九十]+、|\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])")


def numbered_items(section: str) -> list[str]:
    """The numbered items (一、二、 / 1. 2. / （一）) of a claims or operative section, or its first sentence."""
    starts = [m.end() for m in _ITEM.finditer(section)]
    if not starts:
        first = section.strip().split("\n", 1)[0].strip()
        return [first] if first else []
    items: list[str] = []
    for s in starts:
        end = _ITEM.search(section, s)
        e = end.start() if end else len(section)
        item = section[s:e].strip()
        if item:
            items.append(re.sub(r"\s*\n\s*", "", item))
    return items


# Where the claims of first instance are stated (J4): 诉讼请求 / 起诉请求, not 上诉请求 or 再审请求;
# for an incidental civil action, 附带民事诉讼原告人…诉称：…请求….
_CLAIMS_AT = re.compile(r"(?<![上再])(?:诉讼请求|起诉请求)(?:如下)?[:：，,]|(?P<said>诉称)[:：，,]")
_CLAIMS_END = re.compile(r"事实(?:和|与|及)理由|理由[:：]|\n(?![ \t]*(?:\d+[.、．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]))")
_DEMAND = re.compile(r"(?:要求|请求)(?:判令|法院|人民法院|依法)?")
_STATED_TOTAL = re.compile(r"(?:以上|上述)?(?:金额|款项|各项)?(?:合计|共计|总计)(?:人民币)?\s*([0-9][0-9,.]*\s*(?:万)?元)")


def claims_text(text: str) -> str:
    """The sentence(s) stating the claims, up to 事实和理由 or the end of the paragraph."""
    m = _CLAIMS_AT.search(text)
    if not m:
        return ""
    start = m.end()
    if m.group("said"):  # 原告诉称：<narrative>…要求判令：1.… — the claims start at the demand
        end_par = text.find("\n", start)
        d = _DEMAND.search(text, start, end_par if end_par != -1 else len(text))
        if not d:
            return ""
        start = d.end()
    end = _CLAIMS_END.search(text, start + 1)
    return text[start:end.start() if end else start + 1500]


def claims_amount(claims: list[str]) -> Decimal | None:
    """Sum of the money claimed: a stated total wins; else each item's amounts, leaving out
    bases of interest (以…为基数), periodic amounts (每月…) and costs."""
    joined = "；".join(claims)
    if total_m := _STATED_TOTAL.search(joined):
        try:
            return parse_money(total_m.group(1))
        except ValueError:
            pass
    total = Decimal(0)
    found = False
    for item in claims:
        if re.search(r"诉讼费|受理费|保全费|公告费", item) and not re.search(r"偿还|支付|赔偿|返还", item.split("诉讼费")[0]):
            continue
        depth = 0
        last = 0
        for span in find_money(item):
            # Amounts in brackets are bases or breakdowns (以10000元为基数…), not claims of their own.
            segment = item[last:span.start]
            depth += segment.count("（") + segment.count("(") - segment.count("）") - segment.count(")")
            last = span.start
            after = item[span.end:span.end + 4]
            before = item[max(0, span.start - 20):span.start]
            accrued = before.endswith("为") and "暂计" in before  # （…暂计至2023年5月31日为21879.45元）
            if (depth > 0 and not accrued) or "为基数" in after or before.endswith(("以", "按")) \
                    or re.search(r"每(?:月|年|日|天|周)[\u4e00-\u9fa5]{0,6}$", before):
                continue
            total += span.amount
            found = True
    return total if found else None


# 判决主文 for criminal cases: 被告人X犯Y罪，判处…；决定执行…
_DEFENDANT = re.compile(r"被告人\s*([^\s，,。；;犯（(]{1,20})\s*(?:（[^）]{0,20}）)?\s*犯")
_FINE = re.compile(r"(?:并处|单处)?罚金(?:人民币)?\s*([0-9][0-9,.]*\s*(?:万)?元|[零壹贰叁肆伍陆柒捌玖拾佰仟万一二三四五六七八九十百千两]+元)")
_EXEMPT = re.compile(r"免予刑事处罚")


def sentences(decision: str) -> list[SentenceRecord]:
    """One sentence per defendant from the operative part; 决定执行 (合并执行) wins over single counts."""
    out: list[SentenceRecord] = []
    marks = list(_DEFENDANT.finditer(decision))
    for i, m in enumerate(marks):
        seg_end = marks[i + 1].start() if i + 1 < len(marks) else len(decision)
        seg = decision[m.start():seg_end]
        name = m.group(1)
        existing = next((s for s in out if s.name == name), None)
        rec = existing or SentenceRecord(name=name, charge=None)
        found = charges(seg)
        if found:
            rec.charge = "、".join(dict.fromkeys(([rec.charge] if rec.charge else []) + found))
        final = seg.find("决定执行")
        term_text = seg[final:] if final != -1 else seg
        _apply_terms(rec, term_text, seg)
        if fm := _FINE.search(term_text) or _FINE.search(seg):
            try:
                fine = parse_money(fm.group(1))
                rec.fine_yuan = fine if final != -1 or rec.fine_yuan is None else rec.fine_yuan + fine
            except ValueError:
                pass
        if existing is None:
            out.append(rec)
    return out


def _apply_terms(rec: SentenceRecord, term_text: str, seg: str) -> None:
    for t in find_terms(term_text):
        if t.kind == "缓刑":
            rec.probation_months = t.months
        elif t.kind in {"有期徒刑", "拘役", "管制"}:
            if rec.term_kind in (None, t.kind) or "决定执行" in term_text[:6]:
                rec.term_months, rec.term_kind = t.months, t.kind
        elif t.kind == "无期徒刑":
            rec.life, rec.term_kind, rec.term_months = True, t.kind, None
        elif t.kind in {"死刑", "死刑缓期执行"}:
            rec.death, rec.term_kind, rec.term_months = True, t.kind, None
    if rec.term_kind is None and _EXEMPT.search(seg):
        rec.term_kind = "免予刑事处罚"
