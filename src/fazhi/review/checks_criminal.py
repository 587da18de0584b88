"""Criminal-judgment checks (document_review.md §11, §2): penalty range, term dates, probation, custody.

Why: a term outside what the article allows, a 刑期 end date that does not follow the counting rule
(法释〔2021〕1号 第二百零二条), a probation the law forbids (刑法 第七十二至七十四条) or a custody
chronology that cannot be (拘留 after 逮捕) is an error in the part of the judgment that is
executed. The statutory ranges are read from the cited article itself with
:func:`fazhi.predict.sentencing.parse_tiers` (sentencing.md §5), so every charge has a frame.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from fazhi.documents.fields import charges as find_charges
from fazhi.predict.sentencing import Tier, parse_tiers
from fazhi.review.checks_amounts import TextView, finding, text_view
from fazhi.review.checks_citations import (
    article_text,
    articles_of_charge,
    cited_criminal_articles,
    defendant_segments,
    facts_date,
    match_cited,
)
from fazhi.review.registry import Context, Finding, check
from fazhi.text import Term, find_dates, find_terms, int_to_cn

__all__ = ["Custody", "add_months", "add_years", "custody_records", "term_end"]


# ---------------------------------------------------------------------------------------------
# Term arithmetic (法释〔2021〕1号 第二百零二条第二款; sentencing.md §4)
# ---------------------------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_years(start: date, years: int) -> date:
    """The day after ``years`` years counted from ``start``: 以年计算的刑期，自本年本月某日至次年同月
    同日的前一日为一年；次年同月同日不存在的，自本年本月某日至次年同月最后一日的前一日为一年."""
    year = start.year + years
    if start.month == 2 and start.day == 29 and _last_day(year, 2) == 28:
        return date(year, 2, 28)  # …至次年同月最后一日的前一日
    return date(year, start.month, start.day)


def add_months(start: date, months: int) -> date:
    """The day after ``months`` months from ``start``: 自本月某日至下月同日的前一日为一个月；刑期起算日
    为本月最后一日的，至下月最后一日的前一日为一个月；下月同日不存在的，至下月最后一日的前一日."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    last = _last_day(year, month)
    if start.day == _last_day(start.year, start.month) or start.day > last:
        return date(year, month, last)
    return date(year, month, start.day)


def term_end(start: date, months: int, days: int = 0) -> date:
    """Last day of a term of ``months`` (+ ``days``) starting on ``start``: years first, then months,
    then days, and the day before (sentencing.md §4.2; years-then-months is a platform convention)."""
    anchor = start
    if months >= 12:
        anchor = add_years(anchor, months // 12)
    if months % 12:
        anchor = add_months(anchor, months % 12)
    return anchor + timedelta(days=days) - timedelta(days=1)


def _naive_end(start: date, months: int, days: int = 0) -> date:
    """Same day N months later (clamped), minus one day: what some courts write at month ends."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return date(year, month, min(start.day, _last_day(year, month))) + timedelta(days=days - 1)


def _end_candidates(start: date, months: int, days: int) -> set[date]:
    out = {term_end(start, months, days), _naive_end(start, months, days)}
    if months % 12 and months >= 12:
        out.add(add_months(start, months) + timedelta(days=days - 1))  # all in months
    return out


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------------------------
# Custody chronology from the party block
# ---------------------------------------------------------------------------------------------

_EVENT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("指定居所", re.compile(r"指定居所监视居住")),
    ("行政拘留", re.compile(r"行政拘留")),
    ("拘留", re.compile(r"刑事拘留|(?<!行政)(?<!司法)拘留")),
    ("逮捕", re.compile(r"逮捕")),
    ("取保", re.compile(r"取保候审")),
    ("监视居住", re.compile(r"监视居住")),
    ("释放", re.compile(r"(?<!刑满)(?<!假释)释放")),  # 刑满释放 ends an earlier sentence, not this custody
    ("抓获", re.compile(r"抓获|归案|被羁押|羁押")),
)
_RELEASE = frozenset({"取保", "监视居住", "释放", "指定居所"})
_CUSTODY = frozenset({"拘留", "逮捕", "抓获"})
_DEFENDANT_LINE = re.compile(r"(?:^|\n)[ \t]*(?:上诉人（原审被告人）|原审被告人|被告人)[ \t]*[:：]?[ \t]*"
                             r"([^\s，,。；;（(：:]{1,12})")
_NEXT_PARTY = re.compile(r"\n[ \t]*(?:辩护人|被告人|上诉人|原审被告人|公诉机关|原公诉机关|附带民事|委托|法定代理人|诉讼代理人|"
                         r"被害人|诉讼代表人)|\n[ \t]*\n")
_SUSPECTED = re.compile(r"涉嫌")
_CLAUSE_END = re.compile(r"[，,。；;]")
_PLACE = re.compile(r"羁押于|关押于|在押|羁押在|押于|现押|羁押至今")


@dataclass(slots=True)
class Custody:
    """One defendant's coercive measures as the party block states them (normalised offsets)."""

    name: str
    start: int
    end: int
    events: list[tuple[str, date, int, int]] = field(default_factory=list)  # (kind, date, start, end)
    place_stated: bool = False

    def first(self, kind: str) -> tuple[str, date, int, int] | None:
        return next((e for e in self.events if e[0] == kind), None)

    @property
    def continuous(self) -> bool:
        """Held without release since the first custody (no bail, surveillance or release after it)."""
        first = next((e for e in self.events if e[0] in _CUSTODY), None)
        return first is not None and not any(e[0] in _RELEASE and e[1] >= first[1] for e in self.events)

    @property
    def custody_start(self) -> date | None:
        dates = [e[1] for e in self.events if e[0] in _CUSTODY]
        return min(dates) if dates else None


def custody_records(view: TextView) -> list[Custody]:
    """The custody chronology of every defendant in the party block."""
    return view.remember("custody", lambda: _custody(view))


def _custody(view: TextView) -> list[Custody]:
    bounds = view.bounds("当事人")
    if bounds is None:
        return []
    text = view.text
    start, end = bounds
    out: list[Custody] = []
    for m in _DEFENDANT_LINE.finditer(text, start, end):
        stop = _NEXT_PARTY.search(text, m.end(), end)
        chunk_end = stop.start() if stop else end
        rec = Custody(m.group(1), m.start(), chunk_end)
        chunk = text[m.start():chunk_end]
        sus = _SUSPECTED.search(chunk)
        region = 0
        if sus is not None:
            region = max(chunk.rfind(c, 0, sus.start()) for c in "。；，,") + 1
        for d in find_dates(chunk):
            if d.start < region or d.precision != "day":
                continue
            stop_clause = _CLAUSE_END.search(chunk, d.end)
            clause = chunk[d.end:stop_clause.start() if stop_clause else len(chunk)]
            for kind, pattern in _EVENT_WORDS:
                if pattern.search(clause):
                    rec.events.append((kind, d.value, m.start() + d.start, m.start() + d.end))
                    break
        rec.place_stated = _PLACE.search(chunk) is not None
        out.append(rec)
    return out


def _custody_of(view: TextView, name: str) -> Custody | None:
    return next((c for c in custody_records(view) if c.name == name or name.startswith(c.name)), None)


def _chronology_problems(rec: Custody, judged: date | None) -> list[tuple[str, int, int]]:
    """(message, start, end) for each impossible ordering of one defendant's coercive measures."""
    out: list[tuple[str, int, int]] = []
    detained, arrested = rec.first("拘留"), rec.first("逮捕")
    if detained and arrested and arrested[1] < detained[1]:
        lo, hi = min(detained[2], arrested[2]), max(detained[3], arrested[3])
        out.append((f"被告人{rec.name}的逮捕日期（{_cn_date(arrested[1])}）早于刑事拘留日期（{_cn_date(detained[1])}）",
                    lo, hi))
    if judged is not None:
        for kind, when, s, e in rec.events:
            if when > judged:
                out.append((f"被告人{rec.name}的强制措施日期（{kind}，{_cn_date(when)}）晚于裁判日期（{_cn_date(judged)}）",
                            s, e))
    return out


@check("DR-PTY-07", family="party", severity="error",
       basis="刑事诉讼法 第八十二条、第九十一条（先拘留后提请逮捕）；document_review.md DR-PTY-07")
def custody_chronology(ctx: Context) -> Iterator[Finding]:
    """Coercive measures are in order (刑事拘留 ≤ 逮捕 ≤ 判决日), and the
    custody place is stated for a defendant still detained (warning)."""
    rec = ctx.record
    if rec.category != "刑事":
        return
    view = text_view(ctx)
    for c in custody_records(view):
        for message, s, e in _chronology_problems(c, rec.judgment_date):
            yield finding(ctx, view, "DR-PTY-07", message, s, e)
        arrested = c.first("逮捕")
        if arrested and c.continuous and not c.place_stated:
            yield finding(ctx, view, "DR-PTY-07", f"被告人{c.name}在押，未写明羁押处所",
                          arrested[2], arrested[3], "现羁押于……看守所。", severity="warning")


# ---------------------------------------------------------------------------------------------
# DR-CRIM-04: the 刑期 sentence
# ---------------------------------------------------------------------------------------------

_TERM_DATES = re.compile(r"即?自\s*(?P<a>\d{4}年\d{1,2}月\d{1,2}日)\s*起至\s*(?P<b>\d{4}年\d{1,2}月\d{1,2}日)\s*止")
_FIXED_KINDS = ("有期徒刑", "拘役", "管制")


def _main_term(seg: str) -> Term | None:
    """The penalty to be served: the 决定执行 one for several counts, else the first fixed term."""
    terms = [t for t in find_terms(seg) if t.kind in _FIXED_KINDS + ("无期徒刑", "死刑", "死刑缓期执行")]
    at = seg.find("决定执行")
    if at != -1:
        after = [t for t in terms if t.start >= at]
        if after:
            return after[0]
    return terms[0] if terms else None


def _probation(seg: str) -> Term | None:
    return next((t for t in find_terms(seg) if t.kind == "缓刑"), None)


def _credit_days(c: Custody) -> int:
    """Days in custody before a release (first and release day both counted: practice, unverified)."""
    total = 0
    held: date | None = None
    for kind, when, _s, _e in sorted(c.events, key=lambda e: e[1]):
        if kind in _CUSTODY and held is None:
            held = when
        elif kind in _RELEASE and held is not None:
            total += (when - held).days + 1
            held = None
    return total


@check("DR-CRIM-04", family="term", severity="error",
       basis="刑法 第四十一条、第四十四条、第四十七条；法释〔2021〕1号 第二百零二条（刑期计算）")
def term_dates(ctx: Context) -> Iterator[Finding]:
    """The bracketed 刑期 (即自…起至…止) starts on the first day of custody and ends on the day the
    counting rule gives (start + term − 1 day, 以月计算的至下月同日的前一日), custody credited 1:1."""
    rec = ctx.record
    if rec.category != "刑事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    for name, start, end in defendant_segments(view):
        seg = view.text[start:end]
        m = _TERM_DATES.search(seg)
        term = _main_term(seg)
        if m is None or term is None or term.kind not in ("有期徒刑", "拘役") or term.months is None:
            continue
        if _probation(seg) is not None:
            continue
        try:
            d1 = find_dates(m.group("a"))[0].value
            d2 = find_dates(m.group("b"))[0].value
        except IndexError:
            continue
        custody = _custody_of(view, name)
        consistent = custody is not None and not _chronology_problems(custody, rec.judgment_date)
        # From the penalty to the end date: a slip in either the term or the dates lies inside.
        span = (start + min(term.start, m.start("a")), start + m.end("b") + 1)
        problems: list[str] = []
        right_start = d1
        if custody is not None and consistent and custody.continuous and custody.custody_start is not None:
            detained = custody.first("拘留")
            # Where custody began: 刑事拘留, or an earlier 抓获 / 羁押 / 行政拘留 for the same act — not 逮捕.
            allowed = {custody.custody_start} | ({detained[1]} if detained else set()) \
                | {e[1] for e in custody.events if e[0] in ("抓获", "行政拘留", "指定居所")}
            if d1 not in allowed:
                right_start = custody.custody_start
                problems.append(f"刑期起算日{_cn_date(d1)}与先行羁押之日{_cn_date(right_start)}不符")
        ends = _end_candidates(right_start, term.months, term.days)
        if d2 not in ends:
            credit = _credit_days(custody) if custody is not None and not custody.continuous else 0
            if credit and any(abs((e - timedelta(days=credit) - d2).days) <= 1 for e in ends):
                pass  # the execution date follows bail: the custody credit explains the end date
            elif custody is not None and not custody.continuous:
                yield finding(ctx, view, "DR-CRIM-04",
                              f"被告人{name}的刑期止日{_cn_date(d2)}无法由{term.text}及先行羁押日期复算，请核对",
                              *span, severity="warning")
                continue
            else:
                problems.append(f"{term.text}自{_cn_date(right_start)}起算应至{_cn_date(term_end(right_start, term.months, term.days))}止，"
                                f"文书写作{_cn_date(d2)}")
        if problems:
            right_end = term_end(right_start, term.months, term.days)
            yield finding(ctx, view, "DR-CRIM-04", f"被告人{name}的刑期计算有误：" + "；".join(problems),
                          *span, f"即自{_cn_date(right_start)}起至{_cn_date(right_end)}止")


# ---------------------------------------------------------------------------------------------
# DR-CRIM-02: the term lies within the article
# ---------------------------------------------------------------------------------------------

_PENAL_CLAUSE = re.compile(r"处([^；。]*?)(?:[；。]|$)")
_MITIGATION = re.compile(r"减轻处罚|减轻")


def _kinds(article: str) -> set[str]:
    kinds: set[str] = set()
    for clause in _PENAL_CLAUSE.findall(article):
        for k in ("有期徒刑", "拘役", "管制", "无期徒刑", "死刑"):
            if k in clause:
                kinds.add(k)
    return kinds


@check("DR-CRIM-02", family="sentence", severity="error",
       basis="刑法 第三十八条、第四十二条、第四十五条、第六十九条及分则各条法定刑；sentencing.md §5")
def penalty_in_range(ctx: Context) -> Iterator[Finding]:
    """The penalty is one the article provides and its length fits some tier of it (and the general
    limits: 拘役 1–6 months, 有期徒刑 6 months–15 years, 管制 3 months–2 years; 数罪并罚 caps)."""
    rec = ctx.record
    if rec.category != "刑事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    cited = cited_criminal_articles(view)
    decision = view.bounds("判决主文")
    mitigated = _MITIGATION.search(view.text, 0, decision[0] if decision else len(view.text)) is not None
    facts = facts_date(view)
    for name, start, end in defendant_segments(view):
        seg = view.text[start:end]
        term = _main_term(seg)
        if term is None:
            continue
        charges = find_charges(seg)
        several = "决定执行" in seg or len(charges) > 1
        span = (start + term.start, start + term.end)
        general = _general_limit(term, several)
        if general:
            yield finding(ctx, view, "DR-CRIM-02", f"被告人{name}：{general}", *span)
            continue
        if several or not charges or not cited:
            continue
        matched = match_cited(articles_of_charge(ctx.kb, charges[0]), cited)
        if not matched:
            continue
        art, sub = matched[0][0], matched[0][1]
        texts = [t for t in (article_text(ctx, art, sub, rec.judgment_date),
                             article_text(ctx, art, sub, facts) if facts else None) if t]
        if not texts:
            continue
        tiers = [t for text in texts for t in parse_tiers(text)]
        kinds = set().union(*(_kinds(t) for t in texts))
        label = f"刑法第{int_to_cn(art)}条" + (f"之{int_to_cn(sub)}" if sub else "")
        if not tiers or not kinds:
            continue
        kind = "死刑" if term.kind == "死刑缓期执行" else term.kind  # 死缓 is a way of executing 死刑 (第四十八条)
        if kind not in kinds and not mitigated:
            yield finding(ctx, view, "DR-CRIM-02",
                          f"{label}（{charges[0]}）规定的主刑为{'、'.join(sorted(kinds))}，判处{term.kind}不在法定刑种之内",
                          *span)
            continue
        if term.kind != "有期徒刑" or term.months is None:
            continue
        fixed = [t for t in tiers if t.max_months >= 6]  # tiers that allow a fixed term (单处罚金 tiers too)
        if not fixed:
            continue
        tier = _stated_tier(texts[0], art, view, len(defendant_segments(view)))
        if tier is not None and tier[0] < len(tiers):
            idx, word = tier
            chosen = parse_tiers(texts[0])[idx]
            if term.months > chosen.max_months and not (chosen.life or chosen.death):
                yield finding(ctx, view, "DR-CRIM-02",
                              f"本院认定{word}，{label}该档法定刑为{_band(chosen)}，判处{term.text}超出该档", *span)
                continue
            if term.months < chosen.min_months and not mitigated:
                yield finding(ctx, view, "DR-CRIM-02",
                              f"本院认定{word}，{label}该档法定刑为{_band(chosen)}，判处{term.text}低于该档且未说明减轻处罚",
                              *span)
                continue
        top = max(t.max_months for t in fixed)
        bottom = min(t.min_months for t in fixed)
        if term.months > top and not any(t.life or t.death for t in fixed) or term.months > max(top, 180):
            yield finding(ctx, view, "DR-CRIM-02",
                          f"{label}（{charges[0]}）的有期徒刑最高为{_months(top)}，判处{term.text}超出法定刑", *span)
        elif term.months < bottom and not mitigated:
            yield finding(ctx, view, "DR-CRIM-02",
                          f"{label}（{charges[0]}）的法定最低刑为有期徒刑{_months(bottom)}，判处{term.text}低于法定刑且未说明减轻处罚",
                          *span)


# The tier the court's own words put the offence in (sentencing.md §5): amount-tiered property
# crimes (刑法 第二百六十四、二百六十六、二百七十一条 …) and intentional injury (第二百三十四条).
_AMOUNT_TIERS = ((re.compile(r"数额特别巨大|其他特别严重情节"), 2), (re.compile(r"数额巨大|其他严重情节"), 1),
                 (re.compile(r"数额较大"), 0))
_INJURY_TIERS = ((re.compile(r"致[^，。；]{0,6}死亡|特别残忍|严重残疾"), 2), (re.compile(r"重伤"), 1), (re.compile(r"轻伤"), 0))


def _stated_tier(article: str, number: int, view: TextView, defendants: int) -> tuple[int, str] | None:
    """(tier index, qualifier) stated in 本院认为 for a single defendant, when the article is tiered by
    amount (数额较大 / 巨大 / 特别巨大) or by injury (轻伤 / 重伤 / 死亡); None otherwise."""
    if defendants != 1:
        return None
    if "数额较大" in article and "数额巨大" in article:
        table = _AMOUNT_TIERS
    elif number == 234:  # 故意伤害: 轻伤 → ¶1, 重伤 → ¶2 first sentence, 死亡 / 特别残忍 → ¶2 second
        table = _INJURY_TIERS
    else:
        return None
    _at, reasoning = view.section("本院认为")
    for pattern, idx in table:
        m = pattern.search(reasoning)
        if m:
            return idx, m.group()
    return None


def _band(t: Tier) -> str:
    lo, hi = t.min_months, t.max_months
    if hi >= 180:
        return f"{_months(lo)}以上有期徒刑" + ("、无期徒刑" if t.life else "")
    if lo <= 6:
        return f"{_months(hi)}以下有期徒刑" + ("、拘役" if lo <= 1 else "")
    return f"{_months(lo)}以上{_months(hi)}以下有期徒刑"


def _months(n: int) -> str:
    years, months = divmod(n, 12)
    return (f"{int_to_cn(years)}年" if years else "") + (f"{int_to_cn(months)}个月" if months else "")


def _general_limit(term: Term, several: bool) -> str | None:
    """A term no article can give: outside 刑法 arts. 38, 42, 45 (one count) or art. 69 (several)."""
    if term.months is None:
        return None
    if term.kind == "拘役":
        hi = 12 if several else 6  # 第四十二条: 一个月以上六个月以下；第六十九条: 数罪并罚最高不能超过一年
        if not 1 <= term.months <= hi:
            return f"拘役的期限为一个月以上{'一年' if several else '六个月'}以下（刑法第四十二条、第六十九条），判处{term.text}"
    elif term.kind == "有期徒刑":
        hi = 300 if several else 180  # 第四十五条: 六个月以上十五年以下；第六十九条: 最高不能超过二十五年
        if not 6 <= term.months <= hi:
            return f"有期徒刑的期限为六个月以上{'二十五年' if several else '十五年'}以下（刑法第四十五条、第六十九条），判处{term.text}"
    elif term.kind == "管制":
        hi = 36 if several else 24  # 第三十八条: 三个月以上二年以下；第六十九条: 最高不能超过三年
        if not 3 <= term.months <= hi:
            return f"管制的期限为三个月以上{'三年' if several else '二年'}以下（刑法第三十八条、第六十九条），判处{term.text}"
    return None


# ---------------------------------------------------------------------------------------------
# DR-CRIM-05: probation
# ---------------------------------------------------------------------------------------------

_RECIDIVIST = re.compile(r"(?<![不未])(?:是|系|构成|属于?)累犯")
_NOT_RECIDIVIST = re.compile(r"不(?:是|系|构成|属于?)累犯")


@check("DR-CRIM-05", family="sentence", severity="error",
       basis="刑法 第七十二条、第七十三条、第七十四条（缓刑的适用条件与考验期限）")
def probation_rules(ctx: Context) -> Iterator[Finding]:
    """Probation only for 拘役 or 有期徒刑 ≤ 3 years, never for a recidivist; the test period at
    least the term, 拘役 2 months–1 year, 有期徒刑 1–5 years."""
    rec = ctx.record
    if rec.category != "刑事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    segments = defendant_segments(view)
    for name, start, end in segments:
        seg = view.text[start:end]
        prob = _probation(seg)
        term = _main_term(seg)
        if prob is None or prob.months is None:
            continue
        span = (start + prob.start, start + prob.end)
        problems: list[str] = []
        if term is None or term.kind not in ("拘役", "有期徒刑") or term.months is None:
            problems.append("缓刑只适用于被判处拘役或者三年以下有期徒刑的犯罪分子（刑法第七十二条）")
        else:
            if term.kind == "有期徒刑" and term.months > 36:
                problems.append(f"判处{term.text}超过三年，不得宣告缓刑（刑法第七十二条）")
            lo, hi = (2, 12) if term.kind == "拘役" else (12, 60)  # 刑法 第七十三条第一、二款
            low = max(lo, term.months)
            if prob.months < low or prob.months > hi:
                problems.append(f"{term.kind}的缓刑考验期限为原判刑期以上、{'一年' if hi == 12 else '五年'}以下，"
                                f"且不能少于{'二个月' if lo == 2 else '一年'}（刑法第七十三条），判处{term.text}{prob.text}")
        if len(segments) == 1:
            before = view.text[:start]
            if _RECIDIVIST.search(before) and not _NOT_RECIDIVIST.search(before):
                problems.append("对累犯不适用缓刑（刑法第七十四条）")
        if problems:
            yield finding(ctx, view, "DR-CRIM-05", f"被告人{name}：" + "；".join(problems), *span)
