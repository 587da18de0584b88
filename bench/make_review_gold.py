"""Generate the proof-reading (文书审查) gold sets: correct judgments, then copies with injected errors.

    python bench/make_review_gold.py                     # both sets, default seeds
    python bench/make_review_gold.py --set dev --seed 60601 --out bench/data/review/dev.jsonl
    python bench/make_review_gold.py --set holdout --seed 91817 --out bench/data/review/holdout.jsonl

Protocol: ``../shared/EVALUATION.md`` "Proof-reading". Deterministic: a document depends only on
(set, seed, index) and, for an injected copy, on the family and variant injected.

How the gold is made
--------------------
1. **Clean documents** (``family`` null, ``errors`` []) are drawn from templates: civil first-instance
   judgments (民间借贷纠纷, 买卖合同纠纷, 劳动争议, a tort: 财产损害赔偿纠纷 in dev, 机动车交通事故
   责任纠纷 in the holdout), in simple procedure (独任, fee halved) and ordinary procedure (合议庭, or
   普通程序独任 in the holdout); civil second-instance judgments (民终, 上诉人（原审被告）, 驳回上诉，
   维持原判, 本判决为终审判决); criminal first-instance judgments (盗窃, 诈骗, 故意伤害, 危险驾驶); civil
   rulings (驳回起诉 because of an arbitration clause, 管辖权异议). Everything a check verifies is
   computed here, independently of ``fazhi``: the 案件受理费 by the art. 13 tiers of 诉讼费用交纳办法
   (:func:`fee_property`, halved under simple procedure, 10 yuan for labour disputes), the
   preservation fee (art. 14), allocations that add up, 大写 amounts (:func:`money_capitals`), the
   刑期 bracket (:func:`term_end`, sentencing.md §4: continuous custody ⇒ the term starts on the
   first custody day; custody interrupted by bail ⇒ the term starts on the day custody resumed and
   the earlier custody days, first and last day counted, are deducted from the end), terms inside
   the statutory tier (sentencing.md §5), the late-performance article by judgment date (CPL 2017
   art. 253 / 2021 art. 260 / 2023 art. 264), the appellate court (the parent intermediate court from
   a small table of courts whose parent is certain). Facts before 2021 cite 合同法 / 侵权责任法
   together with 时间效力规定 art. 1 ¶2: correct, not an error (document_review.md DR-CIT-04).
   Fees are made whole, even numbers (the claim amounts are chosen so that the tiered formula gives
   an integer), so that halving never raises a rounding question; preservation fees are whole too.
   Amounts stay inside the national threshold bands (theft 较大 ≥ 3,600, 巨大 100,000–280,000;
   fraud 较大 12,000–27,000, 巨大 105,000–450,000), so the tier does not depend on the province.
2. **Injected copies** re-render a clean document with one or two faults, so that everything else in
   the copy stays consistent with the fault (e.g. a sentence outside the statutory range comes with
   the 刑期 dates and the prosecutor's recommendation recomputed for that sentence: only the range is
   wrong). ``--per-family`` copies per family (default 8) cycle through the family's variants, each
   on a different clean document where possible; about 30 % of the copies get a second error of
   another family that touches different text. The span of every error is recorded while rendering;
   ``text[start:end] == error["text"]`` is asserted.

Families (fixed strings) and span conventions
---------------------------------------------
* ``case_number``: the header number in the legacy form (…民初字第…号), with half-width brackets, or
  with a space after the bracket (span: that number); or a body mention of the document's own number
  (the in-suit preservation ruling) that differs from the header (span: the body mention).
* ``court_name``: the header court line shortened (朝阳法院) (span: the court line), or another
  court's full name that does not match the case-number court code (span: from the court line
  through the case-number line, since either of the two may be the wrong one).
* ``party_name``: a party's name misspelled once in the 主文 or in the 本院认为 part, a company's
  有限公司 written 有限责任公司 in the 主文, or an obligor in the 主文 who is not in the party block
  (span: that one mention).
* ``citation_repealed``: 合同法 / 侵权责任法 cited in the 依照 clause for facts after 2020-12-31
  (span: the old law's title and its articles in the clause).
* ``citation_nonexistent``: an article number beyond the law's last article (民法典 > 1260, 刑法 > 452,
  劳动合同法 > 98, 民事诉讼法 > 306) or a made-up law title (span: title + article, or the article).
* ``citation_numeral``: one article number of the 依照 clause in Arabic numerals (span: 第264条…).
* ``amount_capitals``: the figure and the 大写 of a quoted IOU or contract price disagree (span: from
  人民币 through the closing bracket of the figure).
* ``amount_sum``: a stated 共计/合计 that does not equal its items (span: the 共计…元 phrase).
* ``court_fee``: wrong fee for the claim, not halved under simple procedure, halved under ordinary
  procedure, a labour case charged by the property scale, an allocation not summing to the fee, or a
  second-instance fee not computed on the appealed amount (span: the wrong figure(s) of the fee
  sentence, without the payer part unless the allocation is what is wrong).
* ``prison_term_dates``: the end date off, or the start date not the first custody day (span: the
  whole ``自…起至…止`` range, so that a finding on either date matches).
* ``sentence_range``: a term outside the article's tier (危险驾驶 判处有期徒刑 or 拘役 over six months;
  数额较大 theft/fraud or 轻伤 injury over three years) — dates and recommendation follow the wrong
  term (span: the penalty phrase of the 主文).
* ``appeal_period``: 十日 in a civil judgment, 十五日 in a civil ruling or a criminal judgment (span: the
  ``…之日起N日内`` phrase).
* ``appeal_court``: a wrong intermediate court in the appeal notice (span: that court name).
* ``final_appeal``: 本判决为终审判决 replaced by an appeal notice in a 民终 judgment (span: the notice).
* ``signature_date``: the signature date in Arabic numerals, with 零, or with the letter O (span: the
  date line).
* ``missing_clerk``: the 书记员 line removed. Span convention: the whole signature block as it
  stands without the clerk, from the first judge's line to the end of its last line (法官助理 line,
  本件与原本核对无异, or the date), so that a finding on the date, on the block or on its end matches.
* ``claims_unanswered``: a 诉讼请求 left without an answer in the 主文. Two span conventions:
  a claim that the 主文 never mentions (the guarantor item removed, or a claim rejected in full in the
  reasoning with no 驳回其他诉讼请求 item: DR-REQ-01) → span = that claim in the plaintiff's claim
  list; a claim only partly supported with no 驳回其他诉讼请求 item (DR-REQ-03) → span = the 主文
  items (from 一、 to the final 。), where the rejection is missing.
* ``late_performance_article``: the late-performance warning citing an article not in force on the
  judgment date (第二百五十三条 or 第二百六十条 in a 2024 judgment; 第二百五十三条 in 2022–2023)
  (span: 《中华人民共和国民事诉讼法》第…条 of the warning).

Sets: ``dev`` (seed 60601) and ``holdout`` (seed 91817) use different seeds, partly different courts
(dev: 朝阳, 海淀, 浦东, 天河; holdout: 西城, 丰台, 西湖, 海淀), a different tort template, an ordinary-
procedure single-judge variant and a custody-then-bail 危险驾驶 case only in the holdout, and other
phrasings (经审理查明 vs 本院经审理认定事实如下, 依照…之规定 vs 综上所述，依照…规定, signature spacing,
appeal-notice and fee wording, the 刑期 bracket inline or on its own line).

One JSON object per line::

    {"id": "dev-c012-lending" | "dev-x034-court_fee", "clean_id": "dev-c012-lending",
     "family": null | "<family of the first injected error>", "text": "...",
     "errors": [{"family", "start", "end", "text", "description"}],
     "meta": {"template", "doc_kind", "procedure", "judgment_date", "court_code", ...}}

``meta`` is descriptive only (what the template drew); the scorer never reads it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "bench" / "data" / "review"
SEEDS = {"dev": 60601, "holdout": 91817}

FAMILIES: tuple[str, ...] = (
    "case_number", "court_name", "party_name", "citation_repealed", "citation_nonexistent",
    "citation_numeral", "amount_capitals", "amount_sum", "court_fee", "prison_term_dates",
    "sentence_range", "appeal_period", "appeal_court", "final_appeal", "signature_date",
    "missing_clerk", "claims_unanswered", "late_performance_article",
)
# Families that never go together in one copy (they touch the same text or explain each other).
_EXCLUSIVE: tuple[frozenset[str], ...] = (
    frozenset({"citation_repealed", "citation_nonexistent", "citation_numeral"}),
    frozenset({"sentence_range", "prison_term_dates"}),
    frozenset({"appeal_period", "appeal_court", "final_appeal"}),
    frozenset({"signature_date", "missing_clerk"}),
    frozenset({"claims_unanswered", "party_name"}),
    frozenset({"court_fee", "amount_sum"}),
    frozenset({"court_name", "case_number"}),
)

# ============================================================================ numbers and dates

_DIG = "零一二三四五六七八九"
_CAP = "零壹贰叁肆伍陆柒捌玖"


def _four(n: int, digits: str, units: tuple[str, str, str], *, collapse_teen: bool) -> str:
    """A number 1..9999 in Chinese digits; zeros between digits become one 零, trailing zeros drop."""
    parts = [(n // 1000 % 10, units[0]), (n // 100 % 10, units[1]), (n // 10 % 10, units[2]), (n % 10, "")]
    out, started, zero = "", False, False
    for d, u in parts:
        if d == 0:
            zero = zero or started
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[d] + u
        started = True
    if collapse_teen and 10 <= n < 20:
        out = out[1:]
    return out


def cn_int(n: int) -> str:
    """Standard Chinese numeral (document_review.md §5.1): 264 二百六十四, 1010 一千零一十, 15 十五."""
    if n <= 0:
        raise ValueError(n)
    if n < 10000:
        return _four(n, _DIG, ("千", "百", "十"), collapse_teen=True)
    hi, lo = divmod(n, 10000)
    s = cn_int(hi) + "万"
    if lo:
        s += ("零" if lo < 1000 else "") + _four(lo, _DIG, ("千", "百", "十"), collapse_teen=False)
    return s


def money_capitals(yuan: int) -> str:
    """大写 of a whole-yuan amount: 300000 叁拾万元整, 1000500 壹佰万零伍佰元整 (DR-AMT-03)."""
    if yuan <= 0:
        raise ValueError(yuan)
    groups = [(yuan // 10**8, "亿"), (yuan // 10**4 % 10**4, "万"), (yuan % 10**4, "")]
    out: list[str] = []
    pending_zero = False
    for g, unit in groups:
        if g == 0:
            pending_zero = pending_zero or bool(out)
            continue
        if out and (pending_zero or g < 1000):
            out.append("零")
        out.append(_four(g, _CAP, ("仟", "佰", "拾"), collapse_teen=False) + unit)
        pending_zero = False
    return "".join(out) + "元整"


def figure(yuan: int) -> str:
    """The bracketed figure of a quoted amount: ¥300,000.00."""
    return f"¥{yuan:,.2f}"


def ad(d: date) -> str:
    """A body date in Arabic numerals: 2023年5月10日."""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_date(d: date) -> str:
    """A signature date in Chinese numerals with 〇: 二〇二三年五月十日."""
    year = "".join("〇一二三四五六七八九"[int(c)] for c in str(d.year))
    return f"{year}年{cn_int(d.month)}月{cn_int(d.day)}日"


def money(x: Decimal | int) -> str:
    """An amount in Arabic numerals without separators: 250000, 38652.30."""
    d = Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{int(d)}" if d == d.to_integral_value() else f"{d:.2f}"


# ================================================================================= court fees

_BANDS: tuple[tuple[int, Decimal], ...] = (
    (10_000, Decimal("0")), (100_000, Decimal("0.025")), (200_000, Decimal("0.02")),
    (500_000, Decimal("0.015")), (1_000_000, Decimal("0.01")), (2_000_000, Decimal("0.009")),
    (5_000_000, Decimal("0.008")), (10_000_000, Decimal("0.007")), (20_000_000, Decimal("0.006")),
)


def fee_property(amount: Decimal | int) -> Decimal:
    """案件受理费 for a property case (诉讼费用交纳办法 art. 13(1), tiered and cumulative), unrounded."""
    x = Decimal(amount)
    if x <= 10_000:
        return Decimal(50)
    fee, lower = Decimal(50), Decimal(10_000)
    for upper, rate in _BANDS[1:]:
        if x <= upper:
            return fee + (x - lower) * rate
        fee += (Decimal(upper) - lower) * rate
        lower = Decimal(upper)
    return fee + (x - lower) * Decimal("0.005")


def fee_preservation(amount: Decimal | int) -> Decimal:
    """Preservation fee (art. 14(2)): ≤1,000 → 30; 1%% to 100,000; 0.5%% above; cap 5,000."""
    x = Decimal(amount)
    if x <= 1000:
        return Decimal(30)
    if x <= 100_000:
        return Decimal(30) + (x - 1000) * Decimal("0.01")
    return min(Decimal(5000), Decimal(1020) + (x - 100_000) * Decimal("0.005"))


def fee_is_even_integer(amount: int) -> bool:
    """True when the tiered fee is a whole, even number of yuan (so halving stays whole)."""
    f = fee_property(amount)
    return f == f.to_integral_value() and int(f) % 2 == 0


def fit_even_fee(base: int, step: int = 1, preservation: bool = False) -> int:
    """The smallest non-negative adjustment d (a multiple of ``step``) such that base+d has an even,
    whole fee (and, with ``preservation``, a whole preservation fee)."""
    def ok(x: int) -> bool:
        pf = fee_preservation(x)
        return fee_is_even_integer(x) and (not preservation or pf == pf.to_integral_value())

    d = 0
    while not ok(base + d):
        d += step
    return d


# ============================================================================== prison terms

def _last_day(y: int, m: int) -> int:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day


def _add_months_anchor(d: date, months: int) -> date:
    """The anchor day ``months`` later (sentencing.md §4.1; the end is the day before the anchor)."""
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    last = _last_day(y, m)
    if d.day == _last_day(d.year, d.month) or d.day > last:
        return date(y, m, last)
    return date(y, m, d.day)


def _add_years_anchor(d: date, years: int) -> date:
    y = d.year + years
    if d.month == 2 and d.day == 29:
        return date(y, 2, _last_day(y, 2))
    return date(y, d.month, d.day)


def term_end(start: date, years: int = 0, months: int = 0, credit_days: int = 0) -> date:
    """Last day of a term starting on ``start`` (CrimPL Interp. art. 202 ¶2), minus ``credit_days``."""
    anchor = start
    if years:
        anchor = _add_years_anchor(anchor, years)
    if months:
        anchor = _add_months_anchor(anchor, months)
    return anchor - timedelta(days=1 + credit_days)


def cn_term(months: int) -> str:
    """有期徒刑/拘役 term words: 6 → 六个月, 18 → 一年六个月, 36 → 三年."""
    y, m = divmod(months, 12)
    out = f"{cn_int(y)}年" if y else ""
    if m:
        out += f"{cn_int(m)}个月"
    return out


def cn_yuan(n: int) -> str:
    """Criminal-judgment money words: 5000 → 五千元, 15000 → 一万五千元, 2300 → 二千三百元."""
    return cn_int(n) + "元"


# ============================================================================= the document

@dataclass
class Err:
    """One injected error, with its span in the rendered text."""

    family: str
    start: int
    end: int
    text: str
    description: str


@dataclass
class Doc:
    """A document being rendered: text parts and the spans of injected errors."""

    parts: list[str] = field(default_factory=list)
    n: int = 0
    errs: list[Err] = field(default_factory=list)

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def err(self, family: str, s: str, description: str) -> None:
        """Add ``s`` and record it as the span of an error of ``family``."""
        start = self.n
        self.add(s)
        self.errs.append(Err(family, start, self.n, s, description))

    def opt(self, bad: bool, family: str, clean: str, faulty: str, description: str) -> None:
        """Add ``faulty`` as an error when ``bad``, else ``clean``."""
        if bad:
            self.err(family, faulty, description)
        else:
            self.add(clean)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# ================================================================================== reference data

@dataclass(frozen=True)
class Court:
    """A basic court whose parent intermediate court is certain (court_codes.csv and practice)."""

    key: str
    name: str
    code: str
    parent: str
    parent_code: str
    high: str
    shorts: tuple[str, ...]
    wrong_parent: str
    procuratorate: str
    proc_abbr: str
    police: str
    jail: str
    district: str
    streets: tuple[str, ...]
    parent_shorts: tuple[str, ...]
    firms: tuple[str, ...]
    city: str


COURTS: dict[str, Court] = {c.key: c for c in (
    Court("chaoyang", "北京市朝阳区人民法院", "京0105", "北京市第三中级人民法院", "京03", "北京市高级人民法院",
          ("朝阳法院", "北京市朝阳区法院"), "北京市第一中级人民法院", "北京市朝阳区人民检察院", "京朝检",
          "北京市公安局朝阳分局", "北京市朝阳区看守所", "北京市朝阳区",
          ("安贞西里四区", "双桥东路", "望京西园三区", "劲松南路", "十八里店乡吕家营村", "潘家园南里"),
          ("北京三中院", "北京市第三中级法院"), ("北京市衡泰律师事务所", "北京市明德律师事务所", "北京市京和律师事务所"), "北京"),
    Court("haidian", "北京市海淀区人民法院", "京0108", "北京市第一中级人民法院", "京01", "北京市高级人民法院",
          ("海淀法院", "北京市海淀区法院"), "北京市第三中级人民法院", "北京市海淀区人民检察院", "京海检",
          "北京市公安局海淀分局", "北京市海淀区看守所", "北京市海淀区",
          ("学院路", "万寿路", "西三旗建材城西路", "苏州街", "田村路", "紫竹院路"),
          ("北京一中院", "北京市第一中级法院"), ("北京市维诚律师事务所", "北京市信衡律师事务所", "北京市中邦律师事务所"), "北京"),
    Court("xicheng", "北京市西城区人民法院", "京0102", "北京市第二中级人民法院", "京02", "北京市高级人民法院",
          ("西城法院", "北京市西城区法院"), "北京市第一中级人民法院", "北京市西城区人民检察院", "京西检",
          "北京市公安局西城分局", "北京市西城区看守所", "北京市西城区",
          ("德胜门外大街", "广安门内大街", "西直门南小街", "月坛北街", "白纸坊东街"),
          ("北京二中院", "北京市第二中级法院"), ("北京市正平律师事务所", "北京市汇智律师事务所"), "北京"),
    Court("fengtai", "北京市丰台区人民法院", "京0106", "北京市第二中级人民法院", "京02", "北京市高级人民法院",
          ("丰台法院", "北京市丰台区法院"), "北京市第三中级人民法院", "北京市丰台区人民检察院", "京丰检",
          "北京市公安局丰台分局", "北京市丰台区看守所", "北京市丰台区",
          ("方庄芳城园一区", "马家堡东路", "丰台北路", "卢沟桥南里", "科学城富丰路"),
          ("北京二中院", "北京市第二中级法院"), ("北京市华卫律师事务所", "北京市朗诚律师事务所"), "北京"),
    Court("pudong", "上海市浦东新区人民法院", "沪0115", "上海市第一中级人民法院", "沪01", "上海市高级人民法院",
          ("浦东法院", "上海市浦东法院"), "上海市第二中级人民法院", "上海市浦东新区人民检察院", "沪浦检",
          "上海市公安局浦东分局", "上海市浦东新区看守所", "上海市浦东新区",
          ("张杨路", "世纪大道", "锦绣路", "川沙路", "高科西路", "东方路"),
          ("上海一中院", "上海市第一中级法院"), ("上海锦天律师事务所", "上海明伦律师事务所", "上海汇业律师事务所"), "上海"),
    Court("tianhe", "广东省广州市天河区人民法院", "粤0106", "广东省广州市中级人民法院", "粤01", "广东省高级人民法院",
          ("天河法院", "广州市天河区法院"), "广东省深圳市中级人民法院", "广州市天河区人民检察院", "穗天检",
          "广州市公安局天河区分局", "广州市天河区看守所", "广东省广州市天河区",
          ("天河北路", "体育西路", "中山大道西", "黄埔大道中", "龙口西路"),
          ("广州中院", "广州市中级人民法院"), ("广东粤秀律师事务所", "广东南国律师事务所", "广东华商律师事务所"), "广州"),
    Court("xihu", "浙江省杭州市西湖区人民法院", "浙0106", "浙江省杭州市中级人民法院", "浙01", "浙江省高级人民法院",
          ("西湖法院", "杭州市西湖区法院"), "浙江省宁波市中级人民法院", "杭州市西湖区人民检察院", "杭西检",
          "杭州市公安局西湖区分局", "杭州市西湖区看守所", "浙江省杭州市西湖区",
          ("文三路", "天目山路", "古墩路", "留下街道屏峰村", "转塘街道象山路"),
          ("杭州中院", "杭州市中级法院"), ("浙江之江律师事务所", "浙江天册律师事务所", "浙江泽大律师事务所"), "杭州"),
)}
SET_COURTS = {"dev": ("chaoyang", "haidian", "pudong", "tianhe"), "holdout": ("xicheng", "fengtai", "xihu", "haidian")}
INTERMEDIATE_SHORT = {"北京市第一中级人民法院": "北京一中院", "北京市第二中级人民法院": "北京二中院",
                      "北京市第三中级人民法院": "北京三中院", "上海市第一中级人民法院": "上海一中院",
                      "广东省广州市中级人民法院": "广州中院", "浙江省杭州市中级人民法院": "杭州中院"}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴")
GIVEN1 = "建明卫秀丽志海晓春文国德玉金永红雪子思俊嘉宇浩佳雨欣宏立成新振学庆兴"
GIVEN2 = "辉东英华强燕平军兰峰林芳霞伟杰涛明超刚磊娜琳敏静婷雯凯鹏斌"
# One plausible wrong character for each second character (a misspelling in one mention).
MISSPELL = dict(zip("辉东英华强燕平军兰峰林芳霞伟杰涛明超刚磊娜琳敏静婷雯凯鹏斌",
                    "晖冬瑛骅蔷艳苹君岚锋琳方峡玮洁滔鸣朝钢垒纳林民婧亭文恺朋彬", strict=True))
CO_WORDS = ("鼎盛", "恒达", "华信", "博远", "瑞丰", "中联", "启航", "泰和", "新宇", "金石", "宏图", "众诚", "安泰",
            "锦程", "易达", "德润", "嘉禾", "友邦", "天元", "润通")
CO_TRADES = ("商贸", "建材", "科技", "电子", "机械设备", "餐饮管理", "物流", "装饰工程", "家具", "食品", "文化传播",
             "信息技术")
GOODS = (("钢材", "批"), ("电线电缆", "批"), ("办公家具", "套"), ("LED显示屏", "块"), ("食品原料", "批"),
         ("空调设备", "台"), ("瓷砖", "批"), ("服装面料", "批"))
TITLES = ("执行董事", "总经理", "董事长", "经理")
EDU = ("初中", "高中", "中专", "大学专科", "小学")
JOBS = ("无业", "务工", "个体经营者", "公司职员", "货车司机", "外卖骑手")
HOMES = ("河北省保定市莲池区东关街道", "河南省周口市川汇区七一路街道", "安徽省阜阳市颍州区清河街道",
         "四川省南充市顺庆区中城街道", "湖北省黄冈市黄州区赤壁街道", "山东省临沂市兰山区金雀山街道",
         "江西省赣州市章贡区解放街道", "湖南省邵阳市双清区兴隆街道")
BANKS = ("中国工商银行", "中国建设银行", "中国农业银行", "招商银行", "中国银行")


def _rand_date(rng: random.Random, lo: date, hi: date, *, max_day: int = 28) -> date:
    while True:
        d = lo + timedelta(days=rng.randrange((hi - lo).days + 1))
        if d.day <= max_day:
            return d


class Names:
    """Draws distinct person names for one document."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN1) + self.rng.choice(GIVEN2)
            if self.rng.random() < 0.12:
                name = name[0] + name[2]
            if name not in self.used and name[-1] in MISSPELL:
                self.used.add(name)
                return name

    def company(self, city: str) -> tuple[str, str]:
        while True:
            word = self.rng.choice(CO_WORDS)
            name = f"{city}{word}{self.rng.choice(CO_TRADES)}有限公司"
            if name not in self.used and not any(word in u for u in self.used):
                self.used.add(name)
                return name, f"{word}公司"


CO_MISSPELL = dict(zip("盛达信远丰联航和宇石图诚泰程润禾邦元通", "胜大新源峰连行禾雨时途成太城闰和帮园同", strict=True))


def misspell(name: str) -> str:
    """The name with one character replaced by a look-alike or sound-alike (恒达公司 → 恒大公司)."""
    if name.endswith("公司"):
        return name[0] + CO_MISSPELL[name[1]] + name[2:]
    return name[:-1] + MISSPELL[name[-1]]


def spaced(name: str) -> str:
    """Signature-block name: two-character names get a full-width space (马　琳)."""
    return f"{name[0]}　{name[1]}" if len(name) == 2 else name


# ================================================================================== styles

@dataclass(frozen=True)
class Style:
    """Phrasings that differ between the dev and holdout sets."""

    facts_lead: str
    basis_lead: str
    basis_tail: str
    sig_titles: dict[str, str]
    appeal_copies: str
    crim_copies: str
    fee_tail: str
    bracket_inline: bool
    evidence: str


STYLES = {
    "dev": Style("本院经审理认定事实如下：", "综上所述，依照", "规定，判决如下：",
                 {"审判长": "审　判　长", "审判员": "审　判　员", "人民陪审员": "人民陪审员", "书记员": "书　记　员",
                  "法官助理": "法官助理"},
                 "并按照对方当事人或者代表人的人数提出副本", "书面上诉的，应当提交上诉状正本一份，副本二份。", "",
                 False,
                 "本案当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。对当事人无异议的证据，"
                 "本院予以确认并在卷佐证。"),
    "holdout": Style("经审理查明：", "依照", "之规定，判决如下：",
                     {"审判长": "审判长", "审判员": "审判员", "人民陪审员": "人民陪审员", "书记员": "书记员",
                      "法官助理": "法官助理"},
                     "并按对方当事人的人数提出副本", "书面上诉的，应当提交上诉状正本一份、副本一份。",
                     "（于本判决生效之日起七日内交纳）", True,
                     "当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。对于当事人无争议的证据，"
                     "本院予以确认。"),
}

# ================================================================================== citations

LAW_MAX = {"中华人民共和国民法典": 1260, "中华人民共和国刑法": 452, "中华人民共和国劳动合同法": 98,
           "中华人民共和国民事诉讼法": 306, "中华人民共和国合同法": 428, "中华人民共和国侵权责任法": 92,
           "中华人民共和国刑事诉讼法": 308, "中华人民共和国仲裁法": 80}
FAKE_TITLES = {"lending": "中华人民共和国民间借贷法", "sale": "中华人民共和国买卖合同法",
               "labour": "中华人民共和国劳动报酬法", "tort": "中华人民共和国财产损害赔偿法",
               "traffic": "中华人民共和国道路交通事故赔偿法", "criminal": "中华人民共和国刑罚法",
               "appeal": "中华人民共和国上诉审理法", "ruling": "中华人民共和国民事管辖法"}
TIME_EFFECT = "最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定"
LENDING_SPC = "最高人民法院关于审理民间借贷案件适用法律若干问题的规定"
CIVIL_CODE = "中华人民共和国民法典"
CPL = "中华人民共和国民事诉讼法"

Art = tuple[int, str]          # (article number, suffix such as "第一款第二项" or "之一第一款第二项")
Cite = tuple[str, list[Art]]   # (law title without 《》, articles)


def art_text(a: Art, arabic: bool = False) -> str:
    num, suffix = a
    return f"第{num if arabic else cn_int(num)}条{suffix}"


@dataclass
class Ctx:
    """What a template renders from: the set's style, the faults to inject and their payloads."""

    style: Style
    faults: dict[str, str]
    kind: str  # template key, for fake titles

    def bad(self, family: str, *variants: str) -> bool:
        v = self.faults.get(family)
        return v is not None and (not variants or v in variants)


def basis_clause(doc: Doc, ctx: Ctx, cites: list[Cite], old_cites: list[Cite] | None) -> None:
    """The 依照…规定 list, with the citation faults applied to it."""
    groups = list(cites)
    n_old = 0
    if ctx.bad("citation_repealed") and old_cites is not None:
        groups = list(old_cites) + [g for g in groups if g[0] != CIVIL_CODE]
        n_old = len(old_cites)
    for gi, (law, arts) in enumerate(groups):
        if gi:
            doc.add("，")
        if gi < n_old:
            doc.err("citation_repealed", f"《{law}》" + "、".join(art_text(a) for a in arts),
                    f"《{law}》 was repealed on 2021-01-01 (民法典 art. 1260) but the facts arose after 2020-12-31")
            continue
        if gi == 0 and ctx.bad("citation_nonexistent", "title"):
            doc.err("citation_nonexistent", f"《{FAKE_TITLES[ctx.kind]}》{art_text(arts[0])}",
                    "cites a law that does not exist (虚构的法律名称)")
            for a in arts[1:]:
                doc.add("、" + art_text(a))
            continue
        doc.add(f"《{law}》")
        for ai, a in enumerate(arts):
            if ai:
                doc.add("、")
            if gi == 0 and ai == 0 and ctx.bad("citation_numeral"):
                doc.err("citation_numeral", art_text(a, arabic=True),
                        "article number in Arabic numerals in the 依照 clause (DR-CIT-02)")
            elif gi == 0 and ai == len(arts) - 1 and ctx.bad("citation_nonexistent", "article"):
                top = LAW_MAX[law]
                fake = (top + 1 + (a[0] % 9), "")
                doc.err("citation_nonexistent", art_text(fake),
                        f"《{law}》 has only {top} articles; 第{cn_int(fake[0])}条 does not exist")
            else:
                doc.add(art_text(a))


# ================================================================================== common parts

def header(doc: Doc, ctx: Ctx, court_name: str, court_shorts: tuple[str, ...], other_court: str,
           title: str, case_no: str, case_parts: tuple[int, str, str, int]) -> None:
    """Court, title and case number lines, with court-name and case-number faults."""
    if ctx.bad("court_name", "short"):
        doc.err("court_name", court_shorts[0], "court name not the full official name (DR-HDR-01)")
    elif ctx.bad("court_name", "short2"):
        doc.err("court_name", court_shorts[1], "court name not the full official name (DR-HDR-01)")
    elif ctx.bad("court_name", "mismatch"):
        # either line may be the wrong one: the span covers the court line through the case number
        doc.err("court_name", f"{other_court}\n{title}\n{case_no}",
                f"court name {other_court} does not match the court code of {case_no} (DR-HDR-01)")
        doc.add("\n\n")
        return
    else:
        doc.add(court_name)
    doc.add(f"\n{title}\n")
    year, code, typ, seq = case_parts
    if ctx.bad("case_number", "zidi"):
        doc.err("case_number", f"（{year}）{code}{typ}字第{seq}号", "legacy 字第 form after 2016 (DR-CN-01)")
    elif ctx.bad("case_number", "halfwidth"):
        doc.err("case_number", f"({year}){code}{typ}{seq}号", "half-width brackets in the case number (DR-CN-02)")
    elif ctx.bad("case_number", "space"):
        doc.err("case_number", f"（{year}） {code}{typ}{seq}号", "space inside the case number (DR-CN-02)")
    else:
        doc.add(case_no)
    doc.add("\n\n")


def own_case_ref(doc: Doc, ctx: Ctx, case_parts: tuple[int, str, str, int]) -> None:
    """A body mention of the document's own case number (the in-suit preservation ruling)."""
    year, code, typ, seq = case_parts
    if ctx.bad("case_number", "inconsistent"):
        s = str(seq)
        wrong = s[:-2] + s[-1] + s[-2] if s[-1] != s[-2] else s[:-1] + str((int(s[-1]) + 3) % 10)
        doc.err("case_number", f"（{year}）{code}{typ}{wrong}号",
                f"case number differs from the header （{year}）{code}{typ}{seq}号 (DR-CN-03)")
    else:
        doc.add(f"（{year}）{code}{typ}{seq}号")


def late_warning(doc: Doc, ctx: Ctx, jdate: date) -> None:
    """迟延履行 warning citing the CPL article in force on the judgment date (DR-REQ-08)."""
    art = 264 if jdate >= date(2024, 1, 1) else 260 if jdate >= date(2022, 1, 1) else 253
    doc.add("如果未按本判决指定的期间履行给付金钱义务，应当依照")
    if ctx.bad("late_performance_article"):
        wrong = (253 if ctx.faults["late_performance_article"] == "253" else 260) if art == 264 else 253
        doc.err("late_performance_article", f"《{CPL}》第{cn_int(wrong)}条",
                f"judgment dated {jdate.isoformat()}: the late-performance article is 第{cn_int(art)}条 (DR-REQ-08)")
    else:
        doc.add(f"《{CPL}》第{cn_int(art)}条")
    doc.add("规定，加倍支付迟延履行期间的债务利息。\n\n")


def appeal_notice(doc: Doc, ctx: Ctx, kind: str, court: Court) -> None:
    """上诉告知 for a civil judgment, civil ruling or criminal judgment; 终审 line for 民终."""
    st = ctx.style
    if kind == "final":
        if ctx.bad("final_appeal"):
            doc.err("final_appeal",
                    f"如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，{st.appeal_copies}，"
                    f"上诉于{court.high}。",
                    "appeal notice in a second-instance (终审) judgment (DR-APL-04)")
        else:
            doc.add("本判决为终审判决。")
        doc.add("\n\n")
        return
    parent = court.parent
    if kind == "civil_judgment":
        doc.add("如不服本判决，可以在")
        doc.opt(ctx.bad("appeal_period"), "appeal_period", "判决书送达之日起十五日内", "判决书送达之日起十日内",
                "civil judgment: the appeal period is 15 days (CPL art. 171, DR-APL-01)")
        doc.add(f"，向本院递交上诉状，{st.appeal_copies}，上诉于")
    elif kind == "civil_ruling":
        doc.add("如不服本裁定，可以在")
        doc.opt(ctx.bad("appeal_period"), "appeal_period", "裁定书送达之日起十日内", "裁定书送达之日起十五日内",
                "civil ruling: the appeal period is 10 days (CPL art. 171, DR-APL-01)")
        doc.add(f"，向本院递交上诉状，{st.appeal_copies}，上诉于")
    else:
        doc.add("如不服本判决，可在")
        doc.opt(ctx.bad("appeal_period"), "appeal_period", "接到判决书的第二日起十日内", "接到判决书的第二日起十五日内",
                "criminal judgment: the appeal period is 10 days (CrimPL art. 230, DR-APL-02)")
        doc.add("，通过本院或者直接向")
    doc.opt(ctx.bad("appeal_court"), "appeal_court", parent, court.wrong_parent,
            f"appeals from {court.name} ({court.code}) go to {parent} (DR-APL-03)")
    doc.add("提出上诉。" + st.crim_copies if kind == "criminal" else "。")
    doc.add("\n\n")


def signature(doc: Doc, ctx: Ctx, bench: list[tuple[str, str]], jdate: date, assistant: str | None,
              clerk: str, certify: bool) -> None:
    """The 落款: judges, date in Chinese numerals, 本件与原本核对无异, 法官助理, 书记员."""
    st = ctx.style
    judges = "\n".join(f"{st.sig_titles[t]}　　{spaced(n)}" for t, n in bench)
    v = ctx.faults.get("signature_date")
    if v == "arabic":
        date_line, desc = ad(jdate), "signature date in Arabic numerals (DR-DATE-01)"
    elif v == "ling":
        date_line, desc = cn_date(jdate).replace("〇", "零"), "signature date written with 零 instead of 〇 (DR-DATE-01)"
    elif v == "letter_o":
        date_line, desc = cn_date(jdate).replace("〇", "O"), "signature date written with the letter O (DR-DATE-01)"
    else:
        date_line, desc = cn_date(jdate), ""
    assistant_line = f"{st.sig_titles['法官助理']}　　{spaced(assistant)}" if assistant else None
    if ctx.bad("missing_clerk"):
        block = judges + "\n\n" + date_line
        if certify:
            block += "\n\n本件与原本核对无异"
        if assistant_line:
            block += "\n\n" + assistant_line
        doc.err("missing_clerk", block, "no 书记员 in the signature block (DR-SIG-04); span = the block without it")
        doc.add("\n")
        return
    doc.add(judges + "\n\n")
    doc.opt(bool(v), "signature_date", date_line, date_line, desc)
    doc.add("\n\n")
    if certify:
        doc.add("本件与原本核对无异\n\n")
    if assistant_line:
        doc.add(assistant_line + "\n")
    doc.add(f"{st.sig_titles['书记员']}　　{spaced(clerk)}\n")


def party_ref(doc: Doc, ctx: Ctx, name: str, slot: str, stranger: str) -> None:
    """One mention of a party that the party_name faults may corrupt at ``slot``."""
    v = ctx.faults.get("party_name")
    if v == f"misspell_{slot}":
        doc.err("party_name", misspell(name), f"party name {name} misspelled (DR-PTY-03)")
    elif v == f"company_{slot}" and name.endswith("有限公司"):
        doc.err("party_name", name.replace("有限公司", "有限责任公司"), f"party name {name} altered (DR-PTY-03)")
    elif v == f"stranger_{slot}":
        doc.err("party_name", stranger, f"{stranger} is ordered in the 主文 but is not a party (DR-PTY-02)")
    else:
        doc.add(name)


def fee_words(fee: int, halved: bool) -> str:
    return f"案件受理费{fee}元，减半收取计{fee // 2}元" if halved else f"案件受理费{fee}元"


def civil_fee(doc: Doc, ctx: Ctx, *, fee: int, simple: bool, payers: list[tuple[str, int]] | None,
              loser: str, preservation: int | None, labour_wrong_fee: int | None = None) -> None:
    """The 诉讼费用负担 sentence of a civil first-instance judgment, with the court_fee faults.

    ``payers`` None ⇒ the loser bears everything; else [(role+name, amount)…] summing to the fee charged.
    """
    v = ctx.faults.get("court_fee")
    charged = fee // 2 if simple else fee
    if v == "wrong_amount":
        wrong = fee + max(50, (fee // 10) // 2 * 2) if fee > 100 else fee + 40
        doc.err("court_fee", fee_words(wrong, simple),
                f"the fee for this claim is {fee} yuan (诉讼费用交纳办法 art. 13), not {wrong} (DR-FEE-01)")
    elif v == "not_halved":
        doc.err("court_fee", fee_words(fee, False), f"simple procedure: the fee {fee} must be halved to {fee // 2} (art. 16, DR-FEE-01)")
    elif v == "halved_ordinary":
        doc.err("court_fee", fee_words(fee, True), "ordinary procedure: no halving (DR-FEE-01)")
        charged = fee // 2
    elif v == "labour_property":
        assert labour_wrong_fee is not None
        doc.err("court_fee", fee_words(labour_wrong_fee, simple),
                "labour disputes pay 10 yuan per case (art. 13(5)), not the property scale (DR-FEE-01)")
    else:
        doc.add(fee_words(fee, simple))
    if preservation is not None:
        doc.add(f"，财产保全费{preservation}元，均由{loser}负担")
    elif payers is None:
        doc.add(f"，由{loser}负担")
    else:
        if v == "halved_ordinary":  # re-split the halved amount so that only the halving is wrong
            first = payers[0][1] * charged // max(1, sum(p[1] for p in payers))
            payers = [(payers[0][0], first), (payers[1][0], charged - first)]
        alloc = "，".join(f"由{who}负担{amt}元" for who, amt in payers)
        if v == "allocation":
            bumped = [(who, amt + (100 if i == len(payers) - 1 else 0)) for i, (who, amt) in enumerate(payers)]
            bad = "，".join(f"由{who}负担{amt}元" for who, amt in bumped)
            doc.add("，")
            doc.err("court_fee", bad, f"the allocation sums to {sum(a for _, a in bumped)}, not the {charged} yuan charged (DR-FEE-03)")
        else:
            doc.add("，" + alloc)
    doc.add(ctx.style.fee_tail + "。\n\n")


def split_fee(charged: int, rejected: Decimal, base: Decimal) -> int:
    """The plaintiff's share of the fee: the rejected part of the claim, in whole yuan (at least 1)."""
    share = (Decimal(charged) * rejected / base).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(1, min(charged - 1, int(share)))


def evidence(doc: Doc, ctx: Ctx, who: str, items: list[tuple[str, str]], opponent: str, opinion: str,
             extra: str = "") -> None:
    """The evidence and cross-examination paragraph: the style's lead, a numbered list, the opinion."""
    doc.add(ctx.style.evidence)
    doc.add(f"{who}为证明其主张，向本院提交了以下证据：")
    doc.add("；".join(f"{i + 1}.{name}，证明{purpose}" for i, (name, purpose) in enumerate(items)) + "。")
    doc.add(f"{opponent}质证认为，{opinion}。{extra}\n\n")


SERVICE = "本院向被告送达了起诉状副本、应诉通知书、举证通知书及开庭传票。"


def amount_sum(doc: Doc, ctx: Ctx, slot: str, lead: str, total: Decimal | int, items: str) -> None:
    """A 共计/合计 phrase that the amount_sum fault may falsify at ``slot``."""
    if ctx.faults.get("amount_sum") == slot:
        t = Decimal(total)
        wrong = t + (1000 if t >= 5000 else 100)
        doc.err("amount_sum", f"{lead}{money(wrong)}元", f"the items ({items}) sum to {money(t)}, not {money(wrong)} (DR-AMT-05)")
    else:
        doc.add(f"{lead}{money(total)}元")


def quoted_amount(doc: Doc, ctx: Ctx, yuan: int) -> None:
    """人民币<大写>（¥figure） as quoted from an IOU or a contract; amount_capitals may corrupt it."""
    v = ctx.faults.get("amount_capitals")
    if v == "figure":
        wrong = yuan + 10 ** (len(str(yuan)) - 2)
        doc.err("amount_capitals", f"人民币{money_capitals(yuan)}（{figure(wrong)}）",
                f"大写 {money_capitals(yuan)} ≠ figure {figure(wrong)} (DR-AMT-02)")
    elif v == "capitals":
        wrong = yuan * 10 if yuan < 100000 else yuan // 10
        doc.err("amount_capitals", f"人民币{money_capitals(wrong)}（{figure(yuan)}）",
                f"大写 {money_capitals(wrong)} ≠ figure {figure(yuan)} (DR-AMT-02)")
    else:
        doc.add(f"人民币{money_capitals(yuan)}（{figure(yuan)}）")


# ================================================================================== templates

@dataclass
class Clean:
    """A drawn clean document: its template, parameters, and the families it can carry."""

    id: str
    template: str
    params: dict[str, Any]
    render: Callable[[dict[str, Any], Ctx], Doc]
    applicable: dict[str, list[str]]
    meta: dict[str, Any]


def _bench(rng: random.Random, names: Names, mode: str) -> tuple[list[tuple[str, str]], str]:
    """(signature bench, procedure words) for 'simple', 'ordinary_single' or 'collegial'."""
    j1 = names.person()
    if mode in ("simple", "ordinary_single"):
        return [("审判员", j1)], f"由审判员{j1}独任审理"
    j2, j3 = names.person(), names.person()
    if rng.random() < 0.5:
        return ([("审判长", j1), ("审判员", j2), ("人民陪审员", j3)],
                f"由审判员{j1}担任审判长，与审判员{j2}、人民陪审员{j3}组成合议庭")
    return ([("审判长", j1), ("人民陪审员", j2), ("人民陪审员", j3)],
            f"由审判员{j1}担任审判长，与人民陪审员{j2}、{j3}组成合议庭")


FEMALE_CHARS = set("英燕兰芳霞娜琳敏静婷雯")


def sex_of(name: str) -> str:
    """男/女 from the last character of a generated given name (keeps 他/她 and names plausible)."""
    return "女" if name[-1] in FEMALE_CHARS else "男"


def _person_line(rng: random.Random, role: str, name: str, court: Court, born_lo: int = 1960,
                 born_hi: int = 1998) -> str:
    sex = sex_of(name)
    born = _rand_date(rng, date(born_lo, 1, 1), date(born_hi, 12, 28))
    job = rng.choice(("个体工商户", "公司职员", "自由职业", "退休", "务工", "教师"))
    addr = f"{court.district}{rng.choice(court.streets)}{rng.randint(1, 99)}号{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 24)}0{rng.randint(1, 4)}号"
    return f"{role}：{name}，{sex}，{ad(born)}出生，汉族，{job}，住{addr}。\n"


def _company_lines(rng: random.Random, role: str, name: str, court: Court, names: Names,
                   lawyer: bool) -> str:
    addr = f"{court.district}{rng.choice(court.streets)}{rng.randint(1, 300)}号{rng.randint(1, 20)}层{rng.randint(1, 30):02d}室"
    out = f"{role}：{name}，住所地{addr}。\n法定代表人：{names.person()}，{rng.choice(TITLES)}。\n"
    if lawyer:
        out += f"委托诉讼代理人：{names.person()}，{rng.choice(court.firms)}律师。\n"
    return out


def _dates_civil(rng: random.Random, year_lo: int, year_hi: int) -> tuple[date, date, date]:
    filed = _rand_date(rng, date(year_lo, 1, 5), date(year_hi, 9, 30))
    hearing = filed + timedelta(days=rng.randint(25, 80))
    judged = hearing + timedelta(days=rng.randint(7, 40))
    return filed, hearing, judged


def _case(rng: random.Random, year: int, code: str, typ: str, lo: int = 1000, hi: int = 39999) -> tuple[int, str, str, int]:
    return (year, code, typ, rng.randint(lo, hi))


def _case_no(parts: tuple[int, str, str, int]) -> str:
    y, c, t, s = parts
    return f"（{y}）{c}{t}{s}号"


def _procedure_words(mode: str, bench_words: str) -> str:
    if mode == "simple":
        return f"依法适用简易程序，{bench_words}"
    return f"依法适用普通程序，{bench_words}"


def _other_court(court: Court, rng: random.Random) -> str:
    others = [c for c in COURTS.values() if c.code != court.code]
    return rng.choice(others).name


# ---------------------------------------------------------------------------- 民间借贷纠纷

def draw_lending(rng: random.Random, court: Court, *, old_law: bool, mode: str, guarantor: bool,
                 lawyer_fee: bool, preservation: bool, absent: bool) -> dict[str, Any]:
    names = Names(rng)
    p = dict(court=court, mode=mode, old_law=old_law, guarantor=guarantor, lawyer_fee=lawyer_fee,
             preservation=preservation, absent=absent and guarantor)
    p["P"], p["D"] = names.person(), names.person()
    p["G"] = names.person() if guarantor else None
    p["stranger"] = names.person()
    p["lawyer"] = names.person()
    p["P_line"] = _person_line(rng, "原告", p["P"], court) + f"委托诉讼代理人：{p['lawyer']}，{rng.choice(court.firms)}律师。\n"
    p["D_line"] = _person_line(rng, "被告", p["D"], court)
    p["G_line"] = _person_line(rng, "被告", p["G"], court) if guarantor else ""
    # all legal facts of an old-law case (loan, due date, repayments) lie before 2021-01-01
    if old_law:
        loan = _rand_date(rng, date(2019, 1, 5), date(2019, 12, 28))
        p["months"] = rng.choice((3, 6))
    else:
        loan = _rand_date(rng, date(2021, 3, 1), date(2023, 1, 31))
        p["months"] = rng.choice((3, 6, 6, 12))
    p["loan"] = loan
    p["due"] = _add_months_anchor(loan, p["months"]) - timedelta(days=1)
    amount = rng.choice((50, 80, 120, 150, 200, 260, 300, 360, 450, 600)) * 1000
    p["amount"] = amount
    p["mrate"] = rng.choice(("0.5", "0.6", "0.75", "0.8"))
    p["rate"] = format((Decimal(p["mrate"]) * 12).normalize(), "f")
    r1 = rng.choice((5, 10, 20)) * 1000
    r2 = rng.choice((3, 8, 15)) * 1000
    p["repay"] = [(p["due"] + timedelta(days=rng.randint(10, 40)), r1), (p["due"] + timedelta(days=rng.randint(60, 120)), r2)]
    lo = max(p["repay"][1][0] + timedelta(days=30), date(2022, 1, 5))
    filed = _rand_date(rng, lo, max(lo, date(2023, 6, 30) if old_law else date(2024, 9, 30)))
    hearing = filed + timedelta(days=rng.randint(25, 80))
    p.update(filed=filed, hearing=hearing, judged=hearing + timedelta(days=rng.randint(7, 40)))
    p["repaid"] = r1 + r2
    p["principal"] = amount - r1 - r2
    cut = filed - timedelta(days=rng.randint(5, 20))
    p["cut"] = cut
    days = (cut - p["due"]).days
    interest = int((Decimal(p["principal"]) * Decimal(p["rate"]) / 100 * days / 365).quantize(Decimal(1)))
    p["lfee"] = rng.choice((5000, 8000, 10000)) if lawyer_fee else 0
    base = p["principal"] + interest + p["lfee"]
    interest += fit_even_fee(base, preservation=preservation)
    p["interest"] = interest
    p["base"] = p["principal"] + interest + p["lfee"]
    p["fee"] = int(fee_property(p["base"]))
    p["bank"] = rng.choice(BANKS)
    p["pres_date"] = filed + timedelta(days=rng.randint(3, 15))
    p["pres_fee"] = int(fee_preservation(p["base"]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    p["bench"], p["bench_words"] = _bench(rng, names, mode)
    p["assistant"] = names.person() if rng.random() < 0.6 else None
    p["clerk"] = names.person()
    p["certify"] = rng.random() < 0.8
    p["case"] = _case(rng, filed.year, court.code, "民初")
    p["other_court"] = _other_court(court, rng)
    p["D_cause"] = rng.choice(("经营生鲜配送生意需要资金周转", "装修房屋需要资金", "经营餐馆资金周转", "购买货车需要资金"))
    return p


def render_lending(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    st = ctx.style
    doc = Doc()
    P, D, G = p["P"], p["D"], p["G"]
    header(doc, ctx, court.name, court.shorts, p["other_court"], "民事判决书", _case_no(p["case"]), p["case"])
    doc.add(p["P_line"] + p["D_line"] + p["G_line"] + "\n")
    defs = f"{D}、{G}" if G else D
    doc.add(f"原告{P}与被告{defs}民间借贷纠纷一案，本院于{ad(p['filed'])}立案后，"
            f"{_procedure_words(p['mode'], p['bench_words'])}，于{ad(p['hearing'])}公开开庭进行了审理。")
    doc.add(SERVICE)
    if p["absent"]:
        doc.add(f"原告{P}及其委托诉讼代理人{p['lawyer']}、被告{D}到庭参加诉讼，被告{G}经本院传票传唤，无正当理由拒不到庭参加诉讼，本院依法缺席审理。")
    else:
        doc.add(f"原告{P}及其委托诉讼代理人{p['lawyer']}、被告{defs}到庭参加诉讼。")
    if p["preservation"]:
        doc.add(f"诉讼中，{P}向本院申请财产保全，本院于{ad(p['pres_date'])}作出")
        own_case_ref(doc, ctx, p["case"])
        doc.add(f"民事裁定，冻结{D}名下银行存款{p['base']}元。")
    doc.add("本案现已审理终结。\n\n")

    # claims
    n = 1
    claim_spans: dict[str, tuple[int, int]] = {}
    doc.add(f"{P}向本院提出诉讼请求：")
    doc.add(f"{n}.判令{D}偿还借款本金{p['principal']}元；")
    n += 1
    doc.add(f"{n}.判令{D}支付逾期利息（以{p['principal']}元为基数，自{ad(p['due'] + timedelta(days=1))}起至实际清偿之日止，"
            f"按年利率{p['rate']}%计算，暂计至{ad(p['cut'])}为{p['interest']}元）；")
    n += 1
    if p["lawyer_fee"]:
        s = f"{n}.判令{D}支付律师费{p['lfee']}元"
        claim_spans["lfee"] = (doc.n, doc.n + len(s))
        lfee_claim = s
        doc.add(s + "；")
        n += 1
    amount_sum(doc, ctx, "claims", "以上共计", p["base"],
               "+".join(map(str, [p["principal"], p["interest"]] + ([p["lfee"]] if p["lfee"] else []))))
    doc.add("；")
    if G:
        s = f"{n}.判令{G}对上述债务承担连带清偿责任"
        g_claim = s
        g_claim_at = doc.n
        doc.add(s + "；")
        n += 1
    doc.add(f"{n}.本案诉讼费用由被告负担。")
    doc.add(f"事实和理由：{D}与{P}系朋友关系。{ad(p['loan'])}，{D}因{p['D_cause']}，向{P}借款{p['amount']}元，约定借期{p['months']}个月，"
            f"月利率{p['mrate']}%。{P}当日通过{p['bank']}账户向{D}转账{p['amount']}元。借款到期后，{D}仅归还部分本金，余款经{P}多次催要未还，"
            + (f"{G}作为担保人亦未履行保证责任，" if G else "") + "故诉至法院。\n\n")
    doc.add(f"{D}辩称，对借款事实及金额无异议，已还款{p['repaid']}元属实。因近两年经营亏损，无力一次性偿还，希望原告给予分期还款的宽限。"
            + ("律师费系原告自行委托律师产生，不应由其负担。" if p["lawyer_fee"] else "") + "\n\n")
    if G and p["absent"]:
        doc.add(f"{G}未到庭，亦未提交书面答辩意见及证据。\n\n")
    elif G:
        doc.add(f"{G}辩称，其在借条上签字属实，但借款系{D}使用，应由{D}偿还。\n\n")
    items = [("借条原件一份", f"{D}向{P}借款{p['amount']}元及借期、利率、还款期限的约定" + (f"，以及{G}提供连带责任保证" if G else "")),
             (f"{p['bank']}个人业务凭证一份", f"{P}已于{ad(p['loan'])}向{D}实际交付借款{p['amount']}元"),
             ("银行账户交易明细一份", f"{D}已偿还本金{p['repaid']}元及借期内利息，尚欠本金{p['principal']}元"),
             ("微信聊天记录截图若干", f"{P}多次向{D}催要借款" + (f"，并于保证期间内向{G}主张保证责任" if G else ""))]
    if p["lawyer_fee"]:
        items.append(("委托代理合同及律师费发票各一份", f"{P}为本案支出律师费{p['lfee']}元"))
    opinion = "对借条、转账凭证及交易明细的真实性、合法性、关联性均无异议，对微信聊天记录的真实性亦无异议"
    if p["lawyer_fee"]:
        opinion += "，但律师费不应由其负担"
    evidence(doc, ctx, P, items, D, opinion, f"{D}未向本院提交证据。")
    # facts
    doc.add(f"{st.facts_lead}{ad(p['loan'])}，{D}向{P}出具借条一张，载明：“今借到{P}")
    quoted_amount(doc, ctx, p["amount"])
    doc.add(f"，借期{cn_int(p['months'])}个月，月利率{p['mrate']}%，于{ad(p['due'])}前归还。借款人：{D}。"
            + (f"担保人：{G}。如借款人到期不能归还，担保人承担连带保证责任。" if G else "") + "”"
            f"同日，{P}通过{p['bank']}账户向{D}转账{p['amount']}元。借期内{D}按月支付利息至{ad(p['due'])}。")
    (d1, r1), (d2, r2) = p["repay"]
    doc.add(f"借款到期后，{D}分别于{ad(d1)}、{ad(d2)}向{P}转账{r1}元、{r2}元，")
    amount_sum(doc, ctx, "repay", "共计", p["repaid"], f"{r1}+{r2}")
    doc.add(f"，双方均确认系偿还借款本金，此后{D}未再还款。")
    if p["lawyer_fee"]:
        doc.add(f"{P}为本案诉讼委托律师，支付律师费{p['lfee']}元。")
    doc.add("以上事实，有借条、银行转账凭证、微信聊天记录及当事人陈述等证据在案佐证。\n\n")
    # reasoning
    focus = ["借贷关系是否成立及尚欠本金数额", "逾期利息的计算标准"]
    if p["lawyer_fee"]:
        focus.append("律师费应否由被告负担")
    if G:
        focus.append(f"{G}应否承担连带保证责任")
    doc.add("本院认为，根据当事人的诉辩意见，本案的争议焦点为：" + "；".join(f"{cn_int(i + 1)}、{f}" for i, f in enumerate(focus)) + "。")
    doc.add(f"合法的借贷关系受法律保护。自然人之间的借款合同，自贷款人提供借款时成立。{P}提交的借条、转账凭证能够证明其与")
    party_ref(doc, ctx, D, "reason", p["stranger"])
    doc.add(f"之间借贷关系成立并已实际履行，{D}对此亦不持异议，本院予以确认。借款到期后，{D}偿还本金{p['repaid']}元，尚欠本金{p['principal']}元未还，"
            f"应当承担继续偿还借款的责任。关于利息，双方约定借期内月利率{p['mrate']}%，即年利率{p['rate']}%，")
    if p["old_law"]:
        doc.add(f"未超过法律规定的上限；{P}主张自逾期还款之日起按照借期内利率计算逾期利息，本院予以支持。本案借贷关系及还款行为均发生于民法典施行前，"
                "依照《最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定》第一条第二款，适用当时的法律、司法解释的规定。")
    else:
        doc.add(f"未超过合同成立时一年期贷款市场报价利率的四倍；双方未约定逾期利率，{P}主张自逾期还款之日起按照借期内利率计算逾期利息，符合法律规定，本院予以支持。")
    doc.add(f"{D}关于分期还款的请求，未获{P}同意，本院不予支持。")
    if p["lawyer_fee"]:
        doc.add(f"借条未约定实现债权的费用由借款人负担，{P}主张律师费{p['lfee']}元，缺乏依据，本院不予支持。")
    if G:
        doc.add(f"{G}在借条上以担保人身份签字，并明确约定承担连带保证责任，{P}在保证期间内向{G}主张了保证责任，{G}应当对{D}的上述债务承担连带清偿责任；"
                f"{G}承担保证责任后，有权向{D}追偿。")
        if p["absent"]:
            doc.add(f"{G}经本院合法传唤，无正当理由拒不到庭，视为其放弃答辩、质证的权利。")
    doc.add("\n\n")
    # basis
    if p["old_law"]:
        cites: list[Cite] = [("中华人民共和国合同法", [(196, ""), (206, ""), (207, "")]), (TIME_EFFECT, [(1, "第二款")])]
        old = None
    else:
        arts = [(667, ""), (675, ""), (676, "")] + ([(688, ""), (700, "")] if G else [])
        cites = [(CIVIL_CODE, arts), (LENDING_SPC, [(25, ""), (28, "")])]
        old = [("中华人民共和国合同法", [(196, ""), (206, ""), (207, "")])]
    if p["absent"]:
        cites.append((CPL, [(147, "")]))
    doc.add(st.basis_lead)
    basis_clause(doc, ctx, cites, old)
    doc.add(st.basis_tail + "\n\n")
    # operative part
    items: list[Callable[[], None]] = []

    def item1() -> None:
        doc.add("被告")
        party_ref(doc, ctx, D, "main", p["stranger"])
        doc.add(f"于本判决生效之日起十日内偿还原告{P}借款本金{p['principal']}元")

    def item2() -> None:
        doc.add(f"被告{D}于本判决生效之日起十日内支付原告{P}逾期利息（以{p['principal']}元为基数，自{ad(p['due'] + timedelta(days=1))}起"
                f"至实际清偿之日止，按年利率{p['rate']}%计算）")

    def item3() -> None:
        doc.add(f"被告{G}对本判决第一项、第二项确定的债务承担连带清偿责任；被告{G}承担保证责任后，有权向被告{D}追偿")

    def item_reject() -> None:
        doc.add(f"驳回原告{P}的其他诉讼请求")

    items = [item1, item2]
    drop_g = ctx.bad("claims_unanswered", "item") and G is not None
    drop_rej = ctx.bad("claims_unanswered", "reject") and p["lawyer_fee"]
    if G and not drop_g:
        items.append(item3)
    if p["lawyer_fee"] and not drop_rej:
        items.append(item_reject)
    for i, fn in enumerate(items):
        doc.add(f"{cn_int(i + 1)}、")
        fn()
        doc.add("；\n" if i < len(items) - 1 else "。\n")
    doc.add("\n")
    late_warning(doc, ctx, p["judged"])
    # fees
    simple = p["mode"] == "simple"
    charged = p["fee"] // 2 if simple else p["fee"]
    losers = f"被告{D}、{G}" if G else f"被告{D}"
    payers = None
    if p["lawyer_fee"]:
        share = split_fee(charged, Decimal(p["lfee"]), Decimal(p["base"]))
        payers = [(f"原告{P}", share), (losers, charged - share)]
    civil_fee(doc, ctx, fee=p["fee"], simple=simple, payers=payers, loser=losers,
              preservation=p["pres_fee"] if p["preservation"] else None)
    appeal_notice(doc, ctx, "civil_judgment", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    # claims_unanswered (DR-REQ-01): the span is the unanswered claim itself
    if drop_g:
        doc.errs.append(Err("claims_unanswered", g_claim_at, g_claim_at + len(g_claim), g_claim,
                            "the claim against the guarantor has no 主文 item and there is no 驳回其他诉讼请求 (DR-REQ-01)"))
    if drop_rej:
        s, e = claim_spans["lfee"]
        doc.errs.append(Err("claims_unanswered", s, e, lfee_claim,
                            "the 律师费 claim is rejected in the reasoning but the 主文 has no 驳回其他诉讼请求 (DR-REQ-01/03)"))
    return doc


def applicable_lending(p: dict[str, Any]) -> dict[str, list[str]]:
    a = _common_civil_first(p)
    if not p["old_law"]:
        a["citation_repealed"] = ["contract_law"]
    a["amount_capitals"] = ["figure", "capitals"]
    a["amount_sum"] = ["claims", "repay"]
    a["party_name"] = ["misspell_main", "misspell_reason", "stranger_main"]
    cu = (["item"] if p["guarantor"] else []) + (["reject"] if p["lawyer_fee"] else [])
    if cu:
        a["claims_unanswered"] = cu
    if p["preservation"]:
        a["case_number"] = a["case_number"] + ["inconsistent"]
    fee = ["wrong_amount"]
    fee += ["not_halved"] if p["mode"] == "simple" else ["halved_ordinary"]
    if p["lawyer_fee"] and not p["preservation"]:
        fee.append("allocation")
    a["court_fee"] = fee
    return a


def _common_civil_first(p: dict[str, Any]) -> dict[str, list[str]]:
    a: dict[str, list[str]] = {
        "case_number": ["zidi", "halfwidth", "space"],
        "court_name": ["short", "short2", "mismatch"],
        "citation_nonexistent": ["article", "title"],
        "citation_numeral": ["first"],
        "appeal_period": ["civil"],
        "appeal_court": ["wrong"],
        "signature_date": ["arabic", "ling", "letter_o"],
        "missing_clerk": ["removed"],
    }
    if p["judged"] >= date(2022, 1, 1):
        a["late_performance_article"] = ["253", "260"] if p["judged"] >= date(2024, 1, 1) else ["253"]
    return a


# ---------------------------------------------------------------------------- 买卖合同纠纷

def draw_sale(rng: random.Random, court: Court, *, old_law: bool, mode: str, preservation: bool,
              adjust_penalty: bool) -> dict[str, Any]:
    names = Names(rng)
    p: dict[str, Any] = dict(court=court, mode=mode, old_law=old_law, preservation=preservation,
                             adjust=adjust_penalty)
    p["S"], p["s"] = names.company(court.city)
    p["B"], p["b"] = names.company(rng.choice(("北京", "上海", "广州", "杭州", "天津", "苏州")))
    p["stranger"] = names.company(rng.choice(("南京", "成都", "武汉")))[0]
    p["S_lines"] = _company_lines(rng, "原告", p["S"], court, names, True)
    p["B_lines"] = _company_lines(rng, "被告", p["B"], court, names, rng.random() < 0.7)
    if old_law:
        signed = _rand_date(rng, date(2019, 5, 1), date(2020, 4, 30))
        filed, hearing, judged = _dates_civil(rng, 2022, 2023)
    else:
        signed = _rand_date(rng, date(2021, 3, 1), date(2023, 6, 30))
        filed, hearing, judged = _dates_civil(rng, max(2022, signed.year + 1), 2024)
    p.update(signed=signed, filed=filed, hearing=hearing, judged=judged)
    p["goods"], p["unit"] = rng.choice(GOODS)
    total = rng.choice((86, 128, 156, 230, 318, 420, 560, 740)) * 1000
    p["total"] = total
    deliver = signed + timedelta(days=rng.randint(10, 40))
    p["deliver"] = deliver
    p["pay_days"] = rng.choice((30, 60))
    p["due"] = deliver + timedelta(days=p["pay_days"])
    paid = [rng.choice((2, 3, 4)) * total // 20, rng.choice((1, 2, 3)) * total // 20, rng.choice((1, 2)) * total // 20]
    paid = [x // 1000 * 1000 for x in paid]
    p["payments"] = [(deliver + timedelta(days=rng.randint(5, 25) + 30 * i), x) for i, x in enumerate(paid)]
    p["paid"] = sum(paid)
    p["unpaid"] = total - p["paid"]
    cut = filed - timedelta(days=rng.randint(3, 15))
    p["cut"] = cut
    days = (cut - p["due"]).days
    pen = int((Decimal(p["unpaid"]) * Decimal("0.0005") * days).quantize(Decimal(1)))
    pen += fit_even_fee(p["unpaid"] + pen, preservation=preservation)
    p["penalty"] = pen
    p["base"] = p["unpaid"] + pen
    p["fee"] = int(fee_property(p["base"]))
    p["pres_date"] = filed + timedelta(days=rng.randint(3, 12))
    p["pres_fee"] = int(fee_preservation(p["base"]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    p["bench"], p["bench_words"] = _bench(rng, names, mode)
    p["assistant"] = names.person() if rng.random() < 0.6 else None
    p["clerk"] = names.person()
    p["certify"] = rng.random() < 0.8
    p["case"] = _case(rng, filed.year, court.code, "民初")
    p["other_court"] = _other_court(court, rng)
    # the court keeps 40–70 %% of the claimed penalty when it adjusts (LPR × 1.5 style reduction)
    p["kept"] = Decimal(rng.choice((40, 50, 60))) / 100
    return p


def render_sale(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    st = ctx.style
    doc = Doc()
    S, s, B, b = p["S"], p["s"], p["B"], p["b"]
    header(doc, ctx, court.name, court.shorts, p["other_court"], "民事判决书", _case_no(p["case"]), p["case"])
    doc.add(p["S_lines"] + p["B_lines"] + "\n")
    doc.add(f"原告{S}（以下简称{s}）与被告{B}（以下简称{b}）买卖合同纠纷一案，本院于{ad(p['filed'])}立案后，"
            f"{_procedure_words(p['mode'], p['bench_words'])}，于{ad(p['hearing'])}公开开庭进行了审理。{SERVICE}{s}的委托诉讼代理人、{b}的法定代表人到庭参加诉讼。")
    if p["preservation"]:
        doc.add(f"诉讼中，{s}向本院申请财产保全，本院于{ad(p['pres_date'])}作出")
        own_case_ref(doc, ctx, p["case"])
        doc.add(f"民事裁定，冻结{b}银行存款{p['base']}元。")
    doc.add("本案现已审理终结。\n\n")
    doc.add(f"{s}向本院提出诉讼请求：1.判令{b}支付货款{p['unpaid']}元；")
    pen_claim = (f"2.判令{b}支付逾期付款违约金（以{p['unpaid']}元为基数，自{ad(p['due'] + timedelta(days=1))}起按日万分之五计算至实际付清之日止，"
                 f"暂计至{ad(p['cut'])}为{p['penalty']}元）")
    doc.add(pen_claim + "，")
    amount_sum(doc, ctx, "claims", "以上合计", p["base"], f"{p['unpaid']}+{p['penalty']}")
    doc.add("；3.本案诉讼费用由被告负担。")
    doc.add(f"事实和理由：{ad(p['signed'])}，双方签订《{p['goods']}买卖合同》，约定{s}向{b}供应{p['goods']}，{b}在收货后{cn_int(p['pay_days'])}日内付清货款，"
            f"逾期付款的，按日万分之五支付违约金。{s}已依约交货，{b}仅支付部分货款，余款经催要至今未付，故诉至法院。\n\n")
    if p["adjust"]:
        doc.add(f"{b}辩称，对欠付货款金额无异议，但因下游客户拖欠款项导致资金周转困难，并非恶意拖欠；合同约定的违约金标准过高，请求法院予以调减。\n\n")
    else:
        doc.add(f"{b}辩称，对欠付货款金额及违约金计算标准均无异议，但因资金周转困难，请求给予一定的付款期限。\n\n")
    items = [(f"《{p['goods']}买卖合同》一份", "双方买卖合同关系成立，以及货款总额、付款期限和逾期付款违约金的约定"),
             ("送货单及验收单各一份", f"{s}已于{ad(p['deliver'])}交付全部货物，{b}验收合格"),
             ("增值税专用发票若干", f"{s}已就全部货款向{b}开具发票"),
             ("银行回单三份", f"{b}已支付部分货款{p['paid']}元"),
             ("对账函及催款函各一份", f"{b}确认尚欠货款{p['unpaid']}元，{s}曾多次催告付款")]
    extra = ""
    if p["adjust"]:
        extra = (f"{b}提交其与下游客户之间的对账单一份，证明其应收账款未能收回、资金周转困难。{s}质证认为，该证据与本案无关。"
                 f"本院认为，{b}与第三方之间的债权债务不影响其在本案中的付款义务，对该证据的证明目的本院不予采纳。")
    evidence(doc, ctx, s, items, b, "对上述证据的真实性、合法性、关联性均无异议", extra)
    doc.add(f"{st.facts_lead}{ad(p['signed'])}，{s}（出卖人）与{b}（买受人）签订《{p['goods']}买卖合同》，约定{s}向{b}供应{p['goods']}一{p['unit']}，货款总额为")
    quoted_amount(doc, ctx, p["total"])
    doc.add(f"；{b}应在收货后{cn_int(p['pay_days'])}日内付清全部货款；逾期付款的，每日按未付款项的万分之五向{s}支付违约金。"
            f"{ad(p['deliver'])}，{s}将全部货物交付{b}，{b}验收合格并签署送货单。此后，{b}")
    pays = p["payments"]
    doc.add("分别于" + "、".join(ad(d) for d, _ in pays) + "支付货款" + "、".join(f"{x}元" for _, x in pays) + "，")
    amount_sum(doc, ctx, "paid", "共计", p["paid"], "+".join(str(x) for _, x in pays))
    doc.add(f"，尚欠货款{p['unpaid']}元至今未付。以上事实，有买卖合同、送货单、银行回单、对账单及当事人陈述等证据在案佐证。\n\n")
    doc.add("本院认为，根据当事人的诉辩意见，本案的争议焦点为：一、" + f"{b}尚欠货款的数额；二、逾期付款违约金" + ("是否过高及应否调整" if p["adjust"] else "的计算标准") + "。")
    doc.add(f"{s}与{b}签订的《{p['goods']}买卖合同》系双方真实意思表示，不违反法律、行政法规的强制性规定，合法有效，双方均应依约履行。"
            f"{s}已依约交付货物，")
    party_ref(doc, ctx, b, "reason", p["stranger"])
    doc.add(f"应按约定支付货款。{b}尚欠货款{p['unpaid']}元未付，构成违约，应承担继续履行及赔偿损失等违约责任。")
    if p["adjust"]:
        doc.add(f"关于违约金，{b}主张约定的违约金过高并请求调减。本院综合考虑合同履行情况、{s}的实际损失等因素，"
                f"酌情将违约金调整为以{p['unpaid']}元为基数，自{ad(p['due'] + timedelta(days=1))}起至实际付清之日止，"
                f"按照同期全国银行间同业拆借中心公布的一年期贷款市场报价利率的一点五倍计算，对超出部分不予支持。")
    else:
        doc.add(f"双方约定的违约金计算标准未超过法律规定的限度，{b}亦无异议，本院予以支持。{b}关于给予付款期限的请求，未获{s}同意，本院不予支持。")
    doc.add("\n\n")
    if p["old_law"]:
        cites: list[Cite] = [("中华人民共和国合同法", [(60, ""), (107, ""), (114, ""), (159, ""), (161, "")]),
                             (TIME_EFFECT, [(1, "第二款")])]
        old = None
    else:
        cites = [(CIVIL_CODE, [(509, ""), (577, ""), (585, "第二款" if p["adjust"] else ""), (626, ""), (628, "")])]
        old = [("中华人民共和国合同法", [(60, ""), (107, ""), (114, ""), (159, ""), (161, "")])]
    doc.add(st.basis_lead)
    basis_clause(doc, ctx, cites, old)
    doc.add(st.basis_tail + "\n\n")
    items = ["one", "two"] + (["rej"] if p["adjust"] and not ctx.bad("claims_unanswered", "partial") else [])
    zw_start = doc.n
    for i, it in enumerate(items):
        doc.add(f"{cn_int(i + 1)}、")
        if it == "one":
            doc.add("被告")
            party_ref(doc, ctx, B, "main", p["stranger"])
            doc.add(f"于本判决生效之日起十日内支付原告{S}货款{p['unpaid']}元")
        elif it == "two":
            if p["adjust"]:
                doc.add(f"被告{B}于本判决生效之日起十日内支付原告{S}逾期付款违约金（以{p['unpaid']}元为基数，自{ad(p['due'] + timedelta(days=1))}起"
                        "至实际付清之日止，按照同期全国银行间同业拆借中心公布的一年期贷款市场报价利率的一点五倍计算）")
            else:
                doc.add(f"被告{B}于本判决生效之日起十日内支付原告{S}逾期付款违约金（以{p['unpaid']}元为基数，自{ad(p['due'] + timedelta(days=1))}起"
                        "至实际付清之日止，按日万分之五计算）")
        else:
            doc.add(f"驳回原告{S}的其他诉讼请求")
        doc.add("；\n" if i < len(items) - 1 else "。")
    zw_end = doc.n
    doc.add("\n\n")
    late_warning(doc, ctx, p["judged"])
    simple = p["mode"] == "simple"
    charged = p["fee"] // 2 if simple else p["fee"]
    payers = None
    if p["adjust"]:
        rejected = Decimal(p["penalty"]) * (1 - p["kept"])
        share = split_fee(charged, rejected, Decimal(p["base"]))
        payers = [(f"原告{S}", share), (f"被告{B}", charged - share)]
    civil_fee(doc, ctx, fee=p["fee"], simple=simple, payers=payers, loser=f"被告{B}",
              preservation=p["pres_fee"] if p["preservation"] else None)
    appeal_notice(doc, ctx, "civil_judgment", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    if ctx.bad("claims_unanswered", "partial") and p["adjust"]:
        text = doc.text
        doc.errs.append(Err("claims_unanswered", zw_start, zw_end, text[zw_start:zw_end],
                            f"the penalty claim ({pen_claim[:12]}…) is only partly supported but the 主文 has no 驳回其他诉讼请求 (DR-REQ-03)"))
    return doc


def applicable_sale(p: dict[str, Any]) -> dict[str, list[str]]:
    a = _common_civil_first(p)
    if not p["old_law"]:
        a["citation_repealed"] = ["contract_law"]
    a["amount_capitals"] = ["figure", "capitals"]
    a["amount_sum"] = ["claims", "paid"]
    a["party_name"] = ["misspell_reason", "company_main", "stranger_main"]
    if p["adjust"]:
        a["claims_unanswered"] = ["partial"]
    if p["preservation"]:
        a["case_number"] = a["case_number"] + ["inconsistent"]
    fee = ["wrong_amount"] + (["not_halved"] if p["mode"] == "simple" else ["halved_ordinary"])
    if p["adjust"] and not p["preservation"]:
        fee.append("allocation")
    a["court_fee"] = fee
    return a


# ---------------------------------------------------------------------------- 劳动争议

def draw_labour(rng: random.Random, court: Court, *, mode: str) -> dict[str, Any]:
    names = Names(rng)
    p: dict[str, Any] = dict(court=court, mode=mode)
    p["P"] = names.person()
    p["C"], p["c"] = names.company(court.city)
    p["stranger"] = names.person()
    p["P_line"] = _person_line(rng, "原告", p["P"], court, 1975, 2000)
    p["C_lines"] = _company_lines(rng, "被告", p["C"], court, names, True)
    start = _rand_date(rng, date(2021, 3, 1), date(2022, 6, 28))
    start = start.replace(day=1)
    p["start"] = start
    p["salary"] = rng.choice((5500, 6000, 6500, 7000, 7500, 8000, 9000, 10000))
    nc = rng.choice((3, 4, 5, 6))  # months without a written contract after the first month
    p["nc"] = nc
    p["contract"] = _add_months_anchor(start, nc + 1)
    p["nc_claim"] = nc + rng.choice((2, 3, 4))  # the employee claims more months than the law gives
    quit_ = _rand_date(rng, date(2023, 3, 1), date(2024, 1, 28))
    p["unpaid_m"] = rng.choice((1, 2))
    p["quit"] = quit_
    months_worked = (quit_.year - start.year) * 12 + quit_.month - start.month
    y, m = divmod(months_worked, 12)
    comp_months = Decimal(y) + (Decimal(1) if m >= 6 else Decimal("0.5") if m > 0 else 0)
    p["years"], p["rem"], p["comp_m"] = y, m, comp_months
    p["wages"] = p["salary"] * p["unpaid_m"]
    p["double"] = p["salary"] * nc
    p["double_claim"] = p["salary"] * p["nc_claim"]
    p["comp"] = int(comp_months * p["salary"])
    p["claim_total"] = p["wages"] + p["double_claim"] + p["comp"]
    p["arb"] = quit_ + timedelta(days=rng.randint(10, 30))
    p["award"] = p["arb"] + timedelta(days=rng.randint(40, 60))
    filed = p["award"] + timedelta(days=rng.randint(7, 14))
    hearing = filed + timedelta(days=rng.randint(25, 60))
    p.update(filed=filed, hearing=hearing, judged=hearing + timedelta(days=rng.randint(7, 30)))
    p["arb_no"] = f"{court.shorts[0].removesuffix('法院')}劳人仲（{p['arb'].year}）字第{rng.randint(100, 9999)}号"
    p["bench"], p["bench_words"] = _bench(rng, names, mode)
    p["assistant"] = names.person() if rng.random() < 0.5 else None
    p["clerk"] = names.person()
    p["certify"] = rng.random() < 0.8
    p["case"] = _case(rng, filed.year, court.code, "民初")
    p["other_court"] = _other_court(court, rng)
    p["job"] = rng.choice(("门店店长", "销售专员", "仓库管理员", "行政助理", "厨师"))
    return p


def render_labour(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    st = ctx.style
    doc = Doc()
    P, C, c = p["P"], p["C"], p["c"]
    header(doc, ctx, court.name, court.shorts, p["other_court"], "民事判决书", _case_no(p["case"]), p["case"])
    doc.add(p["P_line"] + p["C_lines"] + "\n")
    doc.add(f"原告{P}与被告{C}（以下简称{c}）劳动争议一案，本院于{ad(p['filed'])}立案后，{_procedure_words(p['mode'], p['bench_words'])}，"
            f"于{ad(p['hearing'])}公开开庭进行了审理。{SERVICE}原告{P}、被告{c}的委托诉讼代理人到庭参加诉讼。本案现已审理终结。\n\n")
    last_unpaid = _add_months_anchor(p["quit"].replace(day=1), -p["unpaid_m"])
    nc_from = _add_months_anchor(p["start"], 1)
    nc_to_claim = _add_months_anchor(nc_from, p["nc_claim"]) - timedelta(days=1)
    nc_to = p["contract"] - timedelta(days=1)
    doc.add(f"{P}向本院提出诉讼请求：1.判令{c}支付{last_unpaid.year}年{last_unpaid.month}月起{cn_int(p['unpaid_m'])}个月工资{p['wages']}元；")
    dbl_claim = f"2.判令{c}支付{ad(nc_from)}至{ad(nc_to_claim)}未签订书面劳动合同二倍工资差额{p['double_claim']}元"
    doc.add(dbl_claim + "；")
    doc.add(f"3.判令{c}支付解除劳动合同经济补偿{p['comp']}元；")
    amount_sum(doc, ctx, "claims", "以上共计", p["claim_total"], f"{p['wages']}+{p['double_claim']}+{p['comp']}")
    doc.add(f"；4.本案诉讼费用由被告负担。事实和理由：{P}于{ad(p['start'])}入职{c}，担任{p['job']}，{c}长期未与其签订书面劳动合同，并拖欠工资，"
            f"{P}被迫解除劳动合同。{P}申请劳动仲裁，仲裁裁决未支持其全部请求，{P}不服，诉至法院。\n\n")
    doc.add(f"{c}辩称，{P}主张的二倍工资差额已超过法定期间，且双方已于{ad(p['contract'])}补签劳动合同；拖欠工资系公司经营困难所致，并非恶意拖欠，不应支付经济补偿。\n\n")
    items = [("劳动合同一份", f"双方于{ad(p['contract'])}签订书面劳动合同，约定月工资{p['salary']}元"),
             ("工资银行流水", f"{c}按月向{P}发放工资{p['salary']}元，并拖欠{cn_int(p['unpaid_m'])}个月工资"),
             ("解除劳动合同通知书及邮寄凭证", f"{P}以{c}未及时足额支付劳动报酬为由解除劳动合同"),
             ("社会保险缴费记录", f"{P}自{ad(p['start'])}起在{c}工作"),
             ("仲裁裁决书", "本案已经劳动仲裁前置程序")]
    evidence(doc, ctx, P, items, c, "对上述证据的真实性均无异议，但对证明目的有异议，认为二倍工资差额已部分超过仲裁时效",
             f"{c}提交考勤记录一份，证明{P}的出勤情况。{P}对该证据的真实性无异议。")
    doc.add(f"{st.facts_lead}{P}于{ad(p['start'])}入职{c}，担任{p['job']}，月工资{p['salary']}元。{ad(p['contract'])}，双方签订书面劳动合同。"
            f"{c}未支付{P}{last_unpaid.year}年{last_unpaid.month}月起{cn_int(p['unpaid_m'])}个月的工资。{ad(p['quit'])}，{P}向{c}邮寄《解除劳动合同通知书》，"
            f"以{c}未及时足额支付劳动报酬为由解除劳动合同，{c}于次日签收。{ad(p['arb'])}，{P}向劳动人事争议仲裁委员会申请仲裁，该委作出{p['arb_no']}裁决书，"
            f"{P}不服，诉至本院。上述事实，有劳动合同、工资发放记录、解除劳动合同通知书及邮寄凭证、仲裁裁决书及当事人陈述等证据在案佐证。\n\n")
    doc.add("本院认为，根据当事人的诉辩意见，本案的争议焦点为：一、未签订书面劳动合同二倍工资差额的期间及数额；二、" + f"{c}应否支付解除劳动合同经济补偿。")
    doc.add(f"用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。"
            f"{P}自{ad(p['start'])}入职，双方于{ad(p['contract'])}方签订书面劳动合同，")
    party_ref(doc, ctx, c, "reason", p["stranger"])
    doc.add(f"应支付{ad(nc_from)}至{ad(nc_to)}期间未签订书面劳动合同的二倍工资差额，计{p['double']}元（{p['salary']}元×{p['nc']}个月）；"
            f"{P}主张的超出部分，本院不予支持。用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。{c}未支付{P}工资{p['wages']}元，应予补足。"
            f"用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同，用人单位应当支付经济补偿。{P}在{c}的工作年限为"
            + (f"{cn_int(p['years'])}年" if p["years"] else "") + (f"{cn_int(p['rem'])}个月" if p["rem"] else "")
            + f"，经济补偿按{money(p['comp_m'])}个月工资计算为{p['comp']}元。\n\n")
    doc.add(st.basis_lead)
    cites: list[Cite] = [("中华人民共和国劳动合同法", [(10, ""), (30, ""), (38, ""), (46, ""), (47, ""), (82, "")]),
                         ("中华人民共和国劳动合同法实施条例", [(6, "")])]
    basis_clause(doc, ctx, cites, None)
    doc.add(st.basis_tail + "\n\n")
    items = ["wages", "double", "comp"] + ([] if ctx.bad("claims_unanswered", "partial") else ["rej"])
    zw_start = doc.n
    for i, it in enumerate(items):
        doc.add(f"{cn_int(i + 1)}、")
        if it == "wages":
            doc.add("被告")
            party_ref(doc, ctx, C, "main", p["stranger"])
            doc.add(f"于本判决生效之日起十日内支付原告{P}工资{p['wages']}元")
        elif it == "double":
            doc.add(f"被告{C}于本判决生效之日起十日内支付原告{P}{ad(nc_from)}至{ad(nc_to)}未签订书面劳动合同二倍工资差额{p['double']}元")
        elif it == "comp":
            doc.add(f"被告{C}于本判决生效之日起十日内支付原告{P}解除劳动合同经济补偿{p['comp']}元")
        else:
            doc.add(f"驳回原告{P}的其他诉讼请求")
        doc.add("；\n" if i < len(items) - 1 else "。")
    zw_end = doc.n
    doc.add("\n\n")
    late_warning(doc, ctx, p["judged"])
    simple = p["mode"] == "simple"
    wrong = int(fee_property(p["claim_total"]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    wrong += wrong % 2
    civil_fee(doc, ctx, fee=10, simple=simple, payers=None, loser=f"被告{C}", preservation=None,
              labour_wrong_fee=wrong)
    appeal_notice(doc, ctx, "civil_judgment", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    if ctx.bad("claims_unanswered", "partial"):
        text = doc.text
        doc.errs.append(Err("claims_unanswered", zw_start, zw_end, text[zw_start:zw_end],
                            f"the double-wage claim ({p['double_claim']} claimed, {p['double']} awarded) is only partly supported but the 主文 has no 驳回其他诉讼请求 (DR-REQ-03)"))
    return doc


def applicable_labour(p: dict[str, Any]) -> dict[str, list[str]]:
    a = _common_civil_first(p)
    a["amount_sum"] = ["claims"]
    a["party_name"] = ["misspell_reason", "company_main"]
    a["claims_unanswered"] = ["partial"]
    a["court_fee"] = ["labour_property"] + (["not_halved"] if p["mode"] == "simple" else [])
    return a


# ---------------------------------------------------------------------------- 侵权: 财产损害 (漏水) / 交通事故 (财产)

def draw_tort(rng: random.Random, court: Court, *, mode: str, old_law: bool, traffic: bool) -> dict[str, Any]:
    names = Names(rng)
    p: dict[str, Any] = dict(court=court, mode=mode, old_law=old_law, traffic=traffic)
    p["P"], p["D"] = names.person(), names.person()
    p["stranger"] = names.person()
    p["lawyer"] = names.person()
    p["P_line"] = _person_line(rng, "原告", p["P"], court) + f"委托诉讼代理人：{p['lawyer']}，{rng.choice(court.firms)}律师。\n"
    p["D_line"] = _person_line(rng, "被告", p["D"], court)
    if traffic:
        p["I"] = f"{rng.choice(('鼎安', '华泰安', '中盛', '永信'))}财产保险股份有限公司{court.city}分公司"
        p["i"] = "保险公司"
        p["I_lines"] = f"被告：{p['I']}，住所地{court.district}{rng.choice(court.streets)}{rng.randint(1, 200)}号。\n负责人：{names.person()}，总经理。\n委托诉讼代理人：{names.person()}，该公司员工。\n"
    if old_law:
        event = _rand_date(rng, date(2020, 1, 10), date(2020, 10, 31))
        filed, hearing, judged = _dates_civil(rng, 2022, 2022)
    else:
        event = _rand_date(rng, date(2022, 1, 10), date(2023, 8, 31))
        filed, hearing, judged = _dates_civil(rng, event.year + (event.month > 6), 2024)
        if filed <= event:
            filed = event + timedelta(days=60)
            hearing, judged = filed + timedelta(days=40), filed + timedelta(days=60)
    p.update(event=event, filed=filed, hearing=hearing, judged=judged)
    if traffic:
        items = [("车辆维修费", rng.randint(180, 620) * 100), ("施救费", rng.choice((600, 800, 1200))),
                 ("车辆损失评估费", rng.choice((1500, 2000, 2600))), ("替代性交通工具费用", rng.choice((3000, 4500, 6000)))]
    else:
        items = [("房屋修复费用", rng.randint(120, 480) * 100), ("家具家电损失", rng.randint(30, 160) * 100),
                 ("鉴定费", rng.choice((2000, 3000, 4000))), ("临时租房费用", rng.choice((3000, 4500, 6000)))]
    base = sum(v for _, v in items)
    adj = fit_even_fee(base, 1)
    items[0] = (items[0][0], items[0][1] + adj)
    p["items"] = items
    p["base"] = sum(v for _, v in items)
    p["fee"] = int(fee_property(p["base"]))
    p["supported"] = sum(v for _, v in items[:3])
    p["bench"], p["bench_words"] = _bench(rng, names, mode)
    p["assistant"] = names.person() if rng.random() < 0.5 else None
    p["clerk"] = names.person()
    p["certify"] = rng.random() < 0.8
    p["case"] = _case(rng, filed.year, court.code, "民初")
    p["other_court"] = _other_court(court, rng)
    p["room"] = f"{rng.randint(3, 20)}0{rng.randint(1, 4)}"
    letters = "ABCEFGHJKLMNPQ" if court.code[0] in "京沪" else "A"
    p["plate_p"] = f"{court.code[0]}{rng.choice(letters)}{rng.randint(10000, 99999)}"
    p["plate_d"] = f"{court.code[0]}{rng.choice(letters)}{rng.randint(10000, 99999)}"
    p["appraiser"] = court.city + "某" + (rng.choice(("价格评估有限公司", "机动车鉴定评估有限公司")) if traffic else
                                          rng.choice(("工程造价咨询有限公司", "司法鉴定所")))
    return p


def render_tort(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    st = ctx.style
    doc = Doc()
    P, D = p["P"], p["D"]
    traffic = p["traffic"]
    header(doc, ctx, court.name, court.shorts, p["other_court"], "民事判决书", _case_no(p["case"]), p["case"])
    doc.add(p["P_line"] + p["D_line"] + (p["I_lines"] if traffic else "") + "\n")
    cause = "机动车交通事故责任纠纷" if traffic else "财产损害赔偿纠纷"
    defs = f"{D}、{p['I']}（以下简称{p['i']}）" if traffic else D
    doc.add(f"原告{P}与被告{defs}{cause}一案，本院于{ad(p['filed'])}立案后，{_procedure_words(p['mode'], p['bench_words'])}，"
            f"于{ad(p['hearing'])}公开开庭进行了审理。原告{P}及其委托诉讼代理人{p['lawyer']}、被告{D}"
            + (f"、被告{p['i']}的委托诉讼代理人" if traffic else "") + "到庭参加诉讼。" + SERVICE + "本案现已审理终结。\n\n")
    items = p["items"]
    doc.add(f"{P}向本院提出诉讼请求：1.判令{'二被告' if traffic else D}赔偿{P}")
    doc.add("、".join(f"{k}{v}元" for k, v in items[:3]) + "、")
    last_claim = f"{items[3][0]}{items[3][1]}元"
    doc.add(last_claim + "，")
    amount_sum(doc, ctx, "claims", "共计", p["base"], "+".join(str(v) for _, v in items))
    doc.add("；2.本案诉讼费用由被告负担。")
    if traffic:
        doc.add(f"事实和理由：{ad(p['event'])}，{D}驾驶{p['plate_d']}号小型轿车与{P}驾驶的{p['plate_p']}号小型轿车发生碰撞，交警部门认定{D}负事故全部责任。"
                f"{D}驾驶的车辆在{p['i']}投保了交强险和商业第三者责任保险，{P}的损失应由被告赔偿。\n\n")
        doc.add(f"{D}辩称，对事故经过及责任认定无异议，肇事车辆已投保，应由保险公司赔偿。\n\n")
        doc.add(f"{p['i']}辩称，对事故责任及承保情况无异议，同意在保险责任限额内依法赔偿；替代性交通工具费用无证据证明，不应支持。\n\n")
    else:
        doc.add(f"事实和理由：{P}居住于{D}楼下。{ad(p['event'])}，{D}房屋卫生间内水管破裂漏水，致{P}房屋顶棚、墙面及室内家具家电受损，"
                f"双方协商未果，故诉至法院。\n\n")
        doc.add(f"{D}辩称，对漏水事实无异议，愿意赔偿合理损失，但{P}主张的修复费用过高，临时租房费用没有必要。\n\n")
    if traffic:
        ev_items = [("道路交通事故认定书一份", f"{D}负事故全部责任"),
                 ("车辆损失评估报告一份", f"{P}车辆维修费用为{items[0][1]}元"),
                 ("维修发票、施救费发票及评估费发票", f"{P}实际支出维修费、施救费和评估费"),
                 ("行驶证及驾驶证", f"{P}系受损车辆的所有人及合法驾驶人")]
        evidence(doc, ctx, P, ev_items, f"{D}及{p['i']}",
                 "对事故认定书、发票及行驶证的真实性均无异议；保险公司对评估报告的评估金额有异议，但未申请重新鉴定",
                 f"{p['i']}提交保险单一份，证明肇事车辆的投保情况。{P}及{D}对该证据无异议。")
    else:
        ev_items = [("现场照片及视频", f"{D}房屋漏水致{P}房屋及室内物品受损"),
                 ("物业服务中心出具的情况说明一份", f"漏水系{D}房屋卫生间水管破裂所致"),
                 ("鉴定意见书一份", f"房屋修复费用为{items[0][1]}元、家具家电损失为{items[1][1]}元"),
                 ("鉴定费发票一份", f"{P}支出鉴定费{items[2][1]}元")]
        evidence(doc, ctx, P, ev_items, D, "对现场照片、情况说明及鉴定费发票无异议，对鉴定意见认定的修复费用有异议，但未申请重新鉴定",
                 f"{D}未向本院提交证据。")
    if traffic:
        doc.add(f"{st.facts_lead}{ad(p['event'])}，{D}驾驶{p['plate_d']}号小型轿车与{P}驾驶的{p['plate_p']}号小型轿车发生碰撞，致两车受损。"
                f"交通管理部门出具道路交通事故认定书，认定{D}负事故全部责任，{P}无责任。{p['plate_d']}号小型轿车在{p['i']}投保了交强险及保险金额为1000000元的"
                f"商业第三者责任保险，事故发生在保险期间内。经{p['appraiser']}评估，{P}车辆维修费用为{items[0][1]}元，{P}支付评估费{items[2][1]}元、施救费{items[1][1]}元。"
                f"{P}未提交其实际支出替代性交通工具费用的证据。以上事实，有道路交通事故认定书、评估报告、维修票据、保险单及当事人陈述等证据在案佐证。\n\n")
        rest = p["supported"] - 2000
        doc.add(f"本院认为，机动车之间发生交通事故的，由有过错的一方承担赔偿责任。{D}负事故全部责任，应对{P}的损失承担赔偿责任。肇事车辆在{p['i']}投保了交强险和商业三者险，"
                f"应先由{p['i']}在交强险财产损失赔偿限额内赔偿2000元，不足部分由其在商业三者险限额内按照保险合同予以赔偿。本院对{P}的损失认定如下："
                f"车辆维修费{items[0][1]}元、施救费{items[1][1]}元、评估费{items[2][1]}元，有票据为证，予以支持，")
        amount_sum(doc, ctx, "court", "以上合计", p["supported"], f"{items[0][1]}+{items[1][1]}+{items[2][1]}")
        doc.add(f"；替代性交通工具费用无证据证明，本院不予支持。上述损失超出交强险限额部分{rest}元，由{p['i']}在商业三者险限额内赔偿。"
                f"{P}的损失已在保险责任限额内全部得到赔偿，")
        party_ref(doc, ctx, D, "reason", p["stranger"])
        doc.add("不再承担赔偿责任。\n\n")
        cites: list[Cite] = [(CIVIL_CODE, [(1165, "第一款"), (1184, ""), (1208, ""), (1213, "")]),
                             ("中华人民共和国道路交通安全法", [(76, "第一款第一项")]),
                             ("最高人民法院关于审理道路交通事故损害赔偿案件适用法律若干问题的解释", [(13, "")])]
        old = [("中华人民共和国侵权责任法", [(6, "第一款"), (19, ""), (48, "")])]
    else:
        doc.add(f"{st.facts_lead}{P}系{court.district}某小区{p['room']}室房屋的所有权人及居住人，{D}系其楼上房屋的所有权人。{ad(p['event'])}，{D}房屋卫生间内水管破裂漏水，"
                f"致{P}房屋顶棚、墙面及部分家具家电受损。经{P}申请，本院委托{p['appraiser']}进行鉴定，鉴定意见为房屋修复费用{items[0][1]}元，"
                f"家具家电损失{items[1][1]}元，{P}支付鉴定费{items[2][1]}元。{P}未提交其实际支出临时租房费用的证据。以上事实，有现场照片、物业公司证明、鉴定意见书、"
                f"鉴定费票据及当事人陈述等证据在案佐证。\n\n")
        doc.add(f"本院认为，行为人因过错侵害他人民事权益造成损害的，应当承担侵权责任。关于{D}对鉴定意见的异议，鉴定机构系本院依法委托，具备相应资质，"
                f"鉴定程序合法，{D}未提交足以反驳的证据，亦未申请重新鉴定，本院对鉴定意见予以采信。")
        party_ref(doc, ctx, D, "reason", p["stranger"])
        doc.add(f"作为房屋所有权人，未尽到对房屋内供水设施的管理维护义务，致使漏水损害{P}的财产，应承担赔偿责任。本院对{P}的损失认定如下："
                f"房屋修复费用{items[0][1]}元、家具家电损失{items[1][1]}元、鉴定费{items[2][1]}元，有鉴定意见及票据为证，予以支持，")
        amount_sum(doc, ctx, "court", "以上合计", p["supported"], f"{items[0][1]}+{items[1][1]}+{items[2][1]}")
        doc.add("；临时租房费用无证据证明确已发生，本院不予支持。" + (
            "本案侵权行为发生于民法典施行前，依照《最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定》第一条第二款，适用当时的法律规定。" if p["old_law"] else "")
            + "\n\n")
        if p["old_law"]:
            cites = [("中华人民共和国侵权责任法", [(6, "第一款"), (19, "")]), (TIME_EFFECT, [(1, "第二款")])]
            old = None
        else:
            cites = [(CIVIL_CODE, [(1165, "第一款"), (1184, "")])]
            old = [("中华人民共和国侵权责任法", [(6, "第一款"), (19, "")])]
    doc.add(st.basis_lead)
    basis_clause(doc, ctx, cites, old)
    doc.add(st.basis_tail + "\n\n")
    drop_rej = ctx.bad("claims_unanswered", "partial")
    if traffic:
        its = [f"被告{p['I']}于本判决生效之日起十日内在机动车交通事故责任强制保险财产损失赔偿限额内赔偿原告{P}2000元",
               f"被告{p['I']}于本判决生效之日起十日内在商业第三者责任保险责任限额内赔偿原告{P}{p['supported'] - 2000}元"]
    else:
        its = ["@D", ]
    if not drop_rej:
        its.append(f"驳回原告{P}的其他诉讼请求")
    zw_start = doc.n
    for i, it in enumerate(its):
        doc.add(f"{cn_int(i + 1)}、")
        if it == "@D":
            doc.add("被告")
            party_ref(doc, ctx, D, "main", p["stranger"])
            doc.add(f"于本判决生效之日起十日内赔偿原告{P}房屋修复费用、家具家电损失、鉴定费共计{p['supported']}元")
        else:
            doc.add(it)
        doc.add("；\n" if i < len(its) - 1 else "。")
    zw_end = doc.n
    doc.add("\n\n")
    late_warning(doc, ctx, p["judged"])
    simple = p["mode"] == "simple"
    charged = p["fee"] // 2 if simple else p["fee"]
    share = split_fee(charged, Decimal(p["base"] - p["supported"]), Decimal(p["base"]))
    civil_fee(doc, ctx, fee=p["fee"], simple=simple, payers=[(f"原告{P}", share), (f"被告{D}", charged - share)],
              loser=f"被告{D}", preservation=None)
    appeal_notice(doc, ctx, "civil_judgment", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    if drop_rej:
        text = doc.text
        doc.errs.append(Err("claims_unanswered", zw_start, zw_end, text[zw_start:zw_end],
                            f"claim 1 is only partly supported ({last_claim} rejected in the reasoning) but the 主文 has no 驳回其他诉讼请求 (DR-REQ-03)"))
    return doc


def applicable_tort(p: dict[str, Any]) -> dict[str, list[str]]:
    a = _common_civil_first(p)
    if not p["old_law"]:
        a["citation_repealed"] = ["tort_law"]
    a["amount_sum"] = ["claims", "court"]
    a["party_name"] = ["misspell_reason"] + ([] if p["traffic"] else ["misspell_main", "stranger_main"])
    a["claims_unanswered"] = ["partial"]
    a["court_fee"] = ["wrong_amount", "allocation"] + (["not_halved"] if p["mode"] == "simple" else ["halved_ordinary"])
    return a


# ---------------------------------------------------------------------------- 民终 (second instance)

def draw_appeal(rng: random.Random, court: Court, *, base_kind: str) -> dict[str, Any]:
    names = Names(rng)
    p: dict[str, Any] = dict(court=court, base_kind=base_kind)
    p["bench"] = [("审判长", names.person()), ("审判员", names.person()), ("审判员", names.person())]
    p["assistant"] = names.person() if rng.random() < 0.7 else None
    p["clerk"] = names.person()
    p["certify"] = True
    lower_judged = _rand_date(rng, date(2022, 9, 1), date(2024, 3, 31))
    filed = lower_judged + timedelta(days=rng.randint(40, 90))
    hearing = filed + timedelta(days=rng.randint(20, 50))
    p.update(lower_judged=lower_judged, filed=filed, hearing=hearing, judged=hearing + timedelta(days=rng.randint(10, 30)))
    p["lower_case"] = _case(rng, lower_judged.year - (1 if rng.random() < 0.4 else 0), court.code, "民初")
    p["case"] = _case(rng, filed.year, court.parent_code, "民终", 1000, 19999)
    p["stranger"] = names.person()
    if base_kind == "sale":
        p["A"], p["a"] = names.company(rng.choice(("北京", "上海", "广州", "杭州")))  # appellant = buyer
        p["E"], p["e"] = names.company(court.city)
        p["A_lines"] = _company_lines(rng, "上诉人（原审被告）", p["A"], court, names, True)
        p["E_lines"] = _company_lines(rng, "被上诉人（原审原告）", p["E"], court, names, True)
        p["goods"], p["unit"] = rng.choice(GOODS)
        p["total"] = rng.choice((96, 148, 236, 352)) * 1000
        p["unpaid"] = p["total"] * rng.choice((3, 4, 5)) // 10 // 2000 * 2000
        p["penalty"] = rng.randint(10, 60) * 400
        p["signed"] = _rand_date(rng, date(2021, 3, 1), lower_judged - timedelta(days=400))
        p["appealed"] = p["unpaid"] + p["penalty"]
        p["fee1"] = int(fee_property(p["unpaid"] + p["penalty"]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        p["A"], p["E"] = names.person(), names.person()
        p["a"], p["e"] = p["A"], p["E"]
        p["A_lines"] = _person_line(rng, "上诉人（原审被告）", p["A"], court) + f"委托诉讼代理人：{names.person()}，{rng.choice(court.firms)}律师。\n"
        p["E_lines"] = _person_line(rng, "被上诉人（原审原告）", p["E"], court)
        p["loan"] = _rand_date(rng, date(2021, 3, 1), lower_judged - timedelta(days=500))
        p["amount"] = rng.choice((100, 150, 200, 280, 350)) * 1000
        p["cash"] = rng.choice((20, 30, 40, 50)) * 1000  # the appellant says he repaid this in cash
        p["rate"] = rng.choice(("6", "7.2", "9"))
        p["appealed"] = p["cash"]
        p["fee1"] = int(fee_property(p["amount"]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    p["fee2"] = int(fee_property(p["appealed"]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return p


def render_appeal(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    st = ctx.style
    doc = Doc()
    A, a, E, e = p["A"], p["a"], p["E"], p["e"]
    mid_shorts = (INTERMEDIATE_SHORT[court.parent], court.parent.replace("人民法院", "法院"))
    other_mid = next(c.parent for c in COURTS.values() if c.parent_code != court.parent_code)
    header(doc, ctx, court.parent, mid_shorts, other_mid, "民事判决书", _case_no(p["case"]), p["case"])
    doc.add(p["A_lines"] + p["E_lines"] + "\n")
    sale = p["base_kind"] == "sale"
    cause = "买卖合同纠纷" if sale else "民间借贷纠纷"
    lower = _case_no(p["lower_case"])
    intro_a = f"{A}（以下简称{a}）" if sale else A
    intro_e = f"{E}（以下简称{e}）" if sale else E
    doc.add(f"上诉人{intro_a}因与被上诉人{intro_e}{cause}一案，不服{court.name}{lower}民事判决，向本院提起上诉。本院于{ad(p['filed'])}立案后，"
            f"依法组成合议庭，于{ad(p['hearing'])}公开开庭进行了审理。上诉人{a}的委托诉讼代理人，被上诉人{e}" + ("的委托诉讼代理人" if sale else "")
            + "到庭参加诉讼。本案现已审理终结。\n\n")
    if sale:
        doc.add(f"{a}上诉请求：撤销一审判决，改判驳回{e}的全部诉讼请求。事实和理由：{e}交付的{p['goods']}存在质量问题，{a}有权拒付剩余货款；"
                f"一审判决{a}支付违约金缺乏依据。\n\n")
        doc.add(f"{e}辩称，一审判决认定事实清楚，适用法律正确，请求驳回上诉，维持原判。\n\n")
        doc.add(f"{e}向一审法院起诉请求：1.判令{a}支付货款{p['unpaid']}元；2.判令{a}支付违约金{p['penalty']}元；3.诉讼费用由{a}负担。\n\n")
        doc.add(f"一审法院认定事实：{ad(p['signed'])}，{e}与{a}签订《{p['goods']}买卖合同》，约定货款总额为")
        quoted_amount(doc, ctx, p["total"])
        doc.add(f"，逾期付款的，按未付款项的日万分之五支付违约金。{e}依约交货后，{a}支付部分货款，尚欠{p['unpaid']}元未付。\n\n")
        doc.add(f"一审法院认为，双方签订的买卖合同系双方真实意思表示，不违反法律、行政法规的强制性规定，合法有效。{e}已依约交付货物，{a}未在约定的检验期间内提出质量异议，"
                f"应视为货物质量符合约定。{a}未按约支付货款，构成违约，应支付欠付货款并承担违约责任。{e}主张的违约金未超过合同约定的标准，予以支持。一审法院判决：一、{a}于判决生效之日起十日内"
                f"支付{e}货款{p['unpaid']}元；二、{a}于判决生效之日起十日内支付{e}违约金{p['penalty']}元。案件受理费{p['fee1']}元，由{a}负担。\n\n")
        doc.add(f"本院二审期间，{a}提交照片若干张，拟证明货物存在质量问题。{e}质证认为，照片无法显示拍摄时间及货物来源，不认可其证明目的。本院认为，"
                "该组照片无法与案涉货物建立对应关系，不足以证明其证明目的，本院不予采纳。本院对一审查明的事实予以确认。\n\n")
        doc.add(f"本院认为，根据当事人的上诉请求及答辩意见，本案二审的争议焦点为：一、{e}交付的货物是否存在质量问题，{a}能否据此拒付货款；二、一审判决{a}支付违约金是否适当。"
                "当事人对自己提出的主张，有责任提供证据。")
        doc.add(f"关于争议焦点一，{a}在收货时已验收并签署送货单，在合理期间内未就货物质量提出异议，二审中亦未提交检验报告等证据，"
                "其关于货物存在质量问题的主张缺乏证据证明，本院不予采信。买受人应当按照约定的数额和支付方式支付价款，")
        party_ref(doc, ctx, a, "reason", p["stranger"])
        doc.add(f"以货物质量问题为由拒付货款，缺乏事实和法律依据。关于争议焦点二，{a}未按约支付货款，构成违约，应承担违约责任。"
                f"一审法院综合考虑合同履行情况及{e}的损失，判决{a}支付违约金{p['penalty']}元，并未超过双方约定的标准，并无不当。\n\n")
    else:
        doc.add(f"{A}上诉请求：撤销一审判决第一项，改判{A}偿还借款本金{p['amount'] - p['cash']}元。事实和理由：{A}曾以现金方式向{E}偿还借款{p['cash']}元，"
                f"一审法院未予扣除，认定事实错误。\n\n")
        doc.add(f"{E}辩称，{A}从未以现金方式还款，一审判决正确，请求驳回上诉，维持原判。\n\n")
        doc.add(f"{E}向一审法院起诉请求：1.判令{A}偿还借款本金{p['amount']}元；2.判令{A}支付自起诉之日起至实际清偿之日止的利息（以{p['amount']}元为基数，"
                f"按年利率{p['rate']}%计算）；3.诉讼费用由{A}负担。\n\n")
        doc.add(f"一审法院认定事实：{ad(p['loan'])}，{A}向{E}出具借条，载明借款")
        quoted_amount(doc, ctx, p["amount"])
        doc.add(f"，年利率{p['rate']}%。{E}当日通过银行转账向{A}支付{p['amount']}元。借款到期后，{A}未偿还。\n\n")
        doc.add(f"一审法院认为，合法的借贷关系受法律保护。{E}提交的借条及转账凭证能够证明双方之间借贷关系成立并已实际履行，{A}主张已部分还款，但未提交证据证明，"
                f"{A}应当偿还借款本金并按约定支付利息。一审法院判决：一、{A}于判决生效之日起十日内偿还{E}借款本金{p['amount']}元；"
                f"二、{A}于判决生效之日起十日内支付{E}利息（以{p['amount']}元为基数，自起诉之日起至实际清偿之日止，按年利率{p['rate']}%计算）。"
                f"案件受理费{p['fee1']}元，由{A}负担。\n\n")
        doc.add(f"本院二审期间，{A}申请证人出庭作证，证人陈述曾陪同{A}前往{E}处送交现金，但对送交的时间、金额等陈述模糊。{E}质证认为，证人与{A}系亲属关系，"
                "其证言不应采信。本院认为，该证人与上诉人存在利害关系，且其证言不能与其他证据相互印证，本院不予采信。本院对一审查明的事实予以确认。\n\n")
        doc.add(f"本院认为，本案二审的争议焦点为{A}是否已以现金方式偿还借款{p['cash']}元。当事人对自己提出的主张，有责任提供证据。"
                f"在作出判决前，当事人未能提供证据或者证据不足以证明其事实主张的，由负有举证证明责任的当事人承担不利的后果。")
        party_ref(doc, ctx, A, "reason", p["stranger"])
        doc.add(f"主张已以现金方式偿还借款{p['cash']}元，但未提交收条或其他证据证明，{E}亦不予认可，本院对该主张不予采信。\n\n")
    doc.add(f"综上所述，{a}的上诉请求不能成立，应予驳回；一审判决认定事实清楚，适用法律正确，应予维持。依照")
    basis_clause(doc, ctx, [(CPL, [(177, "第一款第一项")])], None)
    doc.add(st.basis_tail + "\n\n驳回上诉，维持原判。\n\n")
    v = ctx.faults.get("court_fee")
    doc.add("二审")
    if v == "appeal_whole":
        doc.err("court_fee", f"案件受理费{p['fee1']}元",
                f"the appeal fee is computed on the appealed amount {p['appealed']} → {p['fee2']} yuan (art. 17, DR-FEE-05)")
    elif v == "wrong_amount":
        wrong = p["fee2"] + (p["fee2"] // 10 // 2 * 2 or 40)
        doc.err("court_fee", f"案件受理费{wrong}元", f"the appeal fee for {p['appealed']} is {p['fee2']} yuan (DR-FEE-01/05)")
    else:
        doc.add(f"案件受理费{p['fee2']}元")
    doc.add(f"，由上诉人{A}负担。\n\n")
    appeal_notice(doc, ctx, "final", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    return doc


def applicable_appeal(p: dict[str, Any]) -> dict[str, list[str]]:
    a: dict[str, list[str]] = {
        "case_number": ["zidi", "halfwidth", "space"],
        "court_name": ["short", "short2", "mismatch"],
        "citation_numeral": ["first"],
        "citation_nonexistent": ["article"],
        "amount_capitals": ["figure", "capitals"],
        "party_name": ["misspell_reason"],
        "final_appeal": ["notice"],
        "signature_date": ["arabic", "ling", "letter_o"],
        "missing_clerk": ["removed"],
        "court_fee": ["wrong_amount"] + (["appeal_whole"] if p["fee1"] != p["fee2"] else []),
    }
    return a


# ---------------------------------------------------------------------------- criminal first instance

CRIMES = {
    "theft": ("盗窃罪", (264, ""), True),
    "fraud": ("诈骗罪", (266, ""), True),
    "injury": ("故意伤害罪", (234, "第一款"), False),
    "dui": ("危险驾驶罪", (133, "之一第一款第二项"), True),
}


def draw_criminal(rng: random.Random, court: Court, *, crime: str, tier: int, custody: str, mode: str) -> dict[str, Any]:
    """custody: 'continuous' (刑拘→逮捕→羁押), 'bail' (取保候审, probation), 'bail_then_arrest' (DUI)."""
    names = Names(rng)
    p: dict[str, Any] = dict(court=court, crime=crime, tier=tier, custody=custody, mode=mode)
    p["charge"], p["main_art"], p["fine_required"] = CRIMES[crime]
    p["X"] = names.person()
    p["stranger"] = names.person()
    p["sex"] = sex_of(p["X"])
    p["born"] = _rand_date(rng, date(1968, 1, 1), date(2002, 12, 28))
    p["edu"], p["job"], p["home"] = rng.choice(EDU), rng.choice(JOBS), rng.choice(HOMES)
    p["addr"] = f"{court.district}{rng.choice(court.streets)}{rng.randint(1, 99)}号"
    d0 = _rand_date(rng, date(2022, 2, 1), date(2024, 8, 28))
    if d0.month == 12:
        d0 = d0.replace(month=11)
    p["d0"] = d0
    p["d1"] = d0 + timedelta(days=rng.randint(10, 28)) if custody == "continuous" else None
    if p["d1"] and p["d1"].year != d0.year:
        p["d1"] = d0 + timedelta(days=5)
    p["bail"] = d0 + timedelta(days=rng.randint(1, 2)) if custody != "continuous" else None
    prosecuted = (p["d1"] or d0) + timedelta(days=rng.randint(35, 80))
    # 速裁: decided within 10 days of acceptance (CrimPL art. 225); other procedures within weeks
    judged = prosecuted + timedelta(days=rng.randint(5, 9) if mode == "speedy" else rng.randint(8, 30))
    p["prosecuted"], p["judged"] = prosecuted, judged
    p["arrest_court"] = judged - timedelta(days=rng.randint(0, 3)) if custody == "bail_then_arrest" else None
    p["doc_no"] = f"{court.proc_abbr}刑诉〔{prosecuted.year}〕{rng.randint(100, 2999)}号"
    p["case"] = _case(rng, prosecuted.year, court.code, "刑初", 100, 3999)
    p["prosecutor"] = names.person()
    p["lawyer"] = names.person() if rng.random() < 0.7 else None
    p["firm"] = rng.choice(court.firms)
    p["victims"] = [names.person()[0] + "某" for _ in range(3)]
    # penalty
    if crime == "dui":
        p["penalty"] = "拘役"
        p["months"] = rng.randint(1, 5)
        p["fine"] = rng.choice((2000, 3000, 4000, 5000, 6000, 8000))
        p["bac"] = f"{rng.randint(82, 230)}.{rng.randint(0, 9)}"
    elif crime == "injury":
        p["penalty"] = "有期徒刑"
        p["months"] = rng.choice((6, 8, 10, 12, 18)) if custody == "continuous" else rng.choice((6, 8, 10, 12))
        p["fine"] = None
        p["grade"] = rng.choice(("轻伤一级", "轻伤二级"))
        p["comp"] = rng.randint(20, 80) * 1000
    else:
        p["penalty"] = "有期徒刑"
        if tier == 1:
            p["months"] = rng.choice((6, 7, 8, 9, 10, 12, 14, 18))
            p["fine"] = rng.choice((2000, 3000, 5000, 6000, 8000, 10000))
        else:
            p["months"] = rng.choice((36, 39, 42, 48, 54))
            p["fine"] = rng.choice((20000, 30000, 40000, 50000))
    if crime == "theft":
        n_items = 3 if tier == 1 else 2
        if tier == 1:
            vals = [rng.randint(12, 40) * 100 for _ in range(n_items)]  # total ≥ 3,600: 较大 in every province
        else:
            vals = [rng.randint(500, 1400) * 100 for _ in range(n_items)]  # 100,000–280,000: 巨大, not 特别巨大
        p["vals"] = vals
        p["amount"] = sum(vals)
        p["goods"] = "电动自行车" if tier == 1 else "仓库内存放的铜材"
    elif crime == "fraud":
        # tier 1: 12,000–27,000 (较大 everywhere, below 巨大); tier 2: 105,000–450,000 (巨大, below 特别巨大)
        p["vals"] = ([rng.randint(40, 90) * 100 for _ in range(3)] if tier == 1 else [rng.randint(350, 1500) * 100 for _ in range(3)])
        p["amount"] = sum(p["vals"])
    p["probation"] = custody == "bail"
    if p["probation"]:
        if p["penalty"] == "拘役":  # art. 73 ¶1: ≥ the term, 2 months to 1 year
            p["test"] = min(12, max(2, p["months"] + rng.choice((0, 1, 2, 3))))
        else:  # art. 73 ¶2: ≥ the term, 1 to 5 years
            p["test"] = max(12, p["months"] + rng.choice((0, 6, 12)))
    p["bench"], _ = _bench(rng, names, "simple" if mode in ("simple", "speedy") else "collegial")
    p["assistant"] = names.person() if rng.random() < 0.5 else None
    p["clerk"] = names.person()
    p["certify"] = rng.random() < 0.8
    p["other_court"] = _other_court(court, rng)
    n_inc = len(p.get("vals") or [])
    offs = sorted(rng.sample(range(3, 40), n_inc), reverse=True)
    p["incidents"] = [(p["d0"] - timedelta(days=o), rng.randint(1, 23)) for o in offs]
    p["witness"] = names.person()[0] + "某"
    return p


_EVIDENCE = {
    "theft": ["受案登记表、立案决定书及到案经过，证明本案案发及被告人{X}到案的情况",
              "被害人{v0}、{v1}等人的陈述，证明其财物被盗的时间、地点及经过",
              "证人{w}的证言，证明其看到被告人{X}在案发现场出现",
              "调取证据通知书、监控录像及截图，证明被告人{X}作案的过程",
              "价格认定结论书，证明涉案财物的价值",
              "被告人{X}的供述和辩解，证明其对上述犯罪事实供认不讳",
              "户籍证明，证明被告人{X}的身份情况，其作案时已达完全刑事责任年龄"],
    "fraud": ["受案登记表、立案决定书及到案经过，证明本案案发及被告人{X}到案的情况",
              "被害人{v0}、{v1}、{v2}的陈述，证明其被骗的经过及被骗金额",
              "微信聊天记录及转账记录，证明被告人{X}虚构出售手机的事实并收取被害人钱款",
              "银行账户交易明细，证明涉案钱款流入被告人{X}控制的账户后被其消费",
              "被告人{X}的供述和辩解，证明其对上述犯罪事实供认不讳",
              "户籍证明，证明被告人{X}的身份情况，其作案时已达完全刑事责任年龄"],
    "injury": ["受案登记表、立案决定书及到案经过，证明本案案发及被告人{X}到案的情况",
               "被害人{v0}的陈述，证明其被打伤的经过",
               "证人{w}的证言，证明其目睹被告人{X}持啤酒瓶击打被害人",
               "现场监控录像，证明案发经过",
               "人体损伤程度鉴定意见书及病历资料，证明被害人{v0}的伤情及损伤程度",
               "被告人{X}的供述和辩解，证明其对上述犯罪事实供认不讳",
               "户籍证明，证明被告人{X}的身份情况，其作案时已达完全刑事责任年龄"],
    "dui": ["受案登记表、立案决定书及到案经过，证明本案案发及被告人{X}到案的情况",
            "现场执法视频及呼气酒精含量检测单，证明被告人{X}饮酒后驾驶机动车被查获",
            "血样提取登记表及司法鉴定检验报告书，证明被告人{X}血液中乙醇含量为{bac}mg/100ml",
            "机动车驾驶证及行驶证信息，证明被告人{X}的驾驶资格及车辆情况",
            "被告人{X}的供述和辩解，证明其对上述犯罪事实供认不讳",
            "户籍证明，证明被告人{X}的身份情况"],
}


def _term_dates(p: dict[str, Any], months: int) -> tuple[date, date]:
    """(start, end) of the term per sentencing.md §4 for the defendant's custody history."""
    if p["custody"] == "continuous":
        return p["d0"], term_end(p["d0"], months=months)
    assert p["arrest_court"] is not None and p["bail"] is not None
    credit = (p["bail"] - p["d0"]).days + 1  # first and last custody day both count
    return p["arrest_court"], term_end(p["arrest_court"], months=months, credit_days=credit)


def render_criminal(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    st = ctx.style
    doc = Doc()
    X, crime, charge = p["X"], p["crime"], p["charge"]
    months, penalty = p["months"], p["penalty"]
    sr = ctx.faults.get("sentence_range")
    if sr:  # re-render with a term outside the tier; dates and recommendation follow it
        if crime == "dui":
            penalty, months = ("有期徒刑", 24) if sr == "imprisonment" else ("拘役", 8)
        else:
            months = 42 if sr == "above" else 48
    header(doc, ctx, court.name, court.shorts, p["other_court"], "刑事判决书", _case_no(p["case"]), p["case"])
    doc.add(f"公诉机关{court.procuratorate}。\n")
    doc.add(f"被告人{X}，{p['sex']}，{ad(p['born'])}出生于{p['home'][:6]}，汉族，{p['edu']}文化，{p['job']}，户籍地{p['home']}，住{p['addr']}。")
    if p["custody"] == "continuous":
        assert p["d1"] is not None
        doc.add(f"{ad(p['d0'])}因涉嫌犯{charge}被{court.police}刑事拘留，同年{p['d1'].month}月{p['d1'].day}日被逮捕。现羁押于{court.jail}。\n")
    elif p["custody"] == "bail":
        doc.add(f"因涉嫌犯{charge}于{ad(p['d0'])}被{court.police}刑事拘留，{ad(p['bail'])}被取保候审。\n")
    else:
        doc.add(f"因涉嫌犯{charge}于{ad(p['d0'])}被{court.police}刑事拘留，{ad(p['bail'])}被取保候审；{ad(p['arrest_court'])}经本院决定逮捕。现羁押于{court.jail}。\n")
    if p["lawyer"]:
        doc.add(f"辩护人{p['lawyer']}，{p['firm']}律师。\n")
    doc.add("\n")
    mode = p["mode"]
    proc = {"simple": "本院依法适用简易程序，实行独任审判", "speedy": "本院依法适用速裁程序，实行独任审判",
            "collegial": "本院依法组成合议庭"}[mode]
    doc.add(f"{court.procuratorate}以{p['doc_no']}起诉书指控被告人{X}犯{charge}，于{ad(p['prosecuted'])}向本院提起公诉。{proc}，公开开庭审理了本案。"
            f"{court.procuratorate}指派检察员{p['prosecutor']}出庭支持公诉，被告人{X}" + (f"及其辩护人{p['lawyer']}" if p["lawyer"] else "")
            + "到庭参加诉讼。现已审理终结。\n\n")
    fine_words = f"，并处罚金人民币{cn_yuan(p['fine'])}" if p["fine"] else ""
    test = p.get("test", 0)
    if p["probation"] and sr:  # the probation period must stay lawful for the wrong term
        test = max(test, months, 12 if penalty == "有期徒刑" else 2)
    prob_words = f"，缓刑{cn_term(test)}" if p["probation"] else ""
    rec = f"{penalty}{cn_term(months)}{prob_words}{fine_words}"
    # facts
    v1, victims = p.get("vals"), p["victims"]
    if crime == "theft":
        if p["tier"] == 1:
            story = (f"被告人{X}先后三次在{court.district}{court.streets[0]}、{court.streets[1]}等地的居民小区内，采用剪锁手段盗窃被害人{victims[0]}、{victims[1]}、{victims[2]}的电动自行车各一辆")
        else:
            story = (f"被告人{X}先后两次窜至{court.district}{court.streets[2]}某物流园区仓库内，盗窃被害单位存放的铜材")
        first_day, last_day = p["incidents"][0][0], p["incidents"][-1][0]
        doc.add(f"{court.procuratorate}指控：{ad(first_day)}至{ad(last_day)}间，{story}，共计价值人民币{p['amount']}元。"
                f"公诉机关认为，被告人{X}以非法占有为目的，秘密窃取他人财物，数额{'较大' if p['tier'] == 1 else '巨大'}，其行为已构成{charge}；"
                f"其到案后如实供述自己的罪行，自愿认罪认罚，建议判处{rec}。\n\n")
    elif crime == "fraud":
        doc.add(f"{court.procuratorate}指控：{ad(p['incidents'][0][0])}至{ad(p['incidents'][-1][0])}间，被告人{X}以在网络平台出售二手手机为名，骗取被害人{victims[0]}、{victims[1]}、{victims[2]}钱款共计人民币{p['amount']}元。"
                f"公诉机关认为，被告人{X}以非法占有为目的，虚构事实，骗取他人财物，数额{'较大' if p['tier'] == 1 else '巨大'}，其行为已构成{charge}；"
                f"其到案后如实供述自己的罪行，自愿认罪认罚，建议判处{rec}。\n\n")
    elif crime == "injury":
        doc.add(f"{court.procuratorate}指控：{ad(p['d0'] - timedelta(days=1))}22时许，被告人{X}在{court.district}{court.streets[0]}一餐馆内因琐事与被害人{victims[0]}发生争执，"
                f"持啤酒瓶击打{victims[0]}头部，致其受伤。经鉴定，{victims[0]}的损伤程度为{p['grade']}。公诉机关认为，被告人{X}故意伤害他人身体，致一人轻伤，"
                f"其行为已构成{charge}；其到案后如实供述自己的罪行，自愿认罪认罚，建议判处{rec}。\n\n")
    else:
        doc.add(f"{court.procuratorate}指控：{ad(p['d0'])}1时许，被告人{X}饮酒后驾驶小型轿车行驶至{court.district}{court.streets[0]}路口时被执勤民警查获。"
                f"经检验，{X}血液中乙醇含量为{p['bac']}mg/100ml，属醉酒驾驶机动车。公诉机关认为，被告人{X}在道路上醉酒驾驶机动车，其行为已构成{charge}；"
                f"其到案后如实供述自己的罪行，自愿认罪认罚，建议判处{rec}。\n\n")
    doc.add(f"被告人{X}对指控的事实、罪名及量刑建议没有异议，且签字具结，在开庭审理过程中亦无异议。"
            + ("辩护人提出，被告人系初犯，到案后如实供述，认罪认罚，请求对其从轻处罚。" if p["lawyer"] else "")
            + f"被告人{X}在最后陈述中表示认罪悔罪，请求法庭从轻处罚。\n\n")
    doc.add("经审理查明：")
    if crime in ("theft", "fraud"):
        assert v1 is not None
        doc.add("\n")
        for i, ((day, hour), val) in enumerate(zip(p["incidents"], v1, strict=True)):
            v = victims[i % len(victims)]
            if crime == "theft" and p["tier"] == 1:
                doc.add(f"{i + 1}.{ad(day)}{hour}时许，被告人{X}在{court.district}{court.streets[i % len(court.streets)]}某小区内，采用剪断车锁的手段，"
                        f"盗窃被害人{v}停放的电动自行车一辆。经认定，该车价值人民币{val}元。\n")
            elif crime == "theft":
                doc.add(f"{i + 1}.{ad(day)}{hour}时许，被告人{X}窜至{court.district}{court.streets[2]}某物流园区仓库内，盗窃被害人{v}存放的铜材一批。"
                        f"经认定，该批铜材价值人民币{val}元。\n")
            else:
                doc.add(f"{i + 1}.{ad(day)}，被告人{X}通过微信与被害人{v}联系，谎称出售二手手机，骗取{v}通过微信转账支付的货款人民币{val}元后，将{v}拉黑。\n")
        doc.add(f"综上，被告人{X}作案{cn_int(len(v1))}次，涉案金额")
        amount_sum(doc, ctx, "facts", "共计人民币", p["amount"], "+".join(map(str, v1)))
        doc.add(f"。{ad(p['d0'])}，被告人{X}被公安机关抓获，到案后如实供述了上述犯罪事实。涉案" + ("财物" if crime == "theft" else "钱款")
                + "已被被告人挥霍，未能追回。")
    elif crime == "injury":
        doc.add(f"{ad(p['d0'] - timedelta(days=1))}22时许，被告人{X}在{court.district}{court.streets[0]}一餐馆内因琐事与被害人{victims[0]}发生争执，持啤酒瓶击打{victims[0]}头部，"
                f"致其头皮裂伤、颅骨骨折。经鉴定，{victims[0]}的损伤程度为{p['grade']}。次日，被告人{X}被公安机关抓获，到案后如实供述了上述事实。"
                + (f"案发后，被告人{X}赔偿被害人{victims[0]}经济损失人民币{p['comp']}元，取得被害人谅解。" if p["probation"] else ""))
    else:
        doc.add(f"{ad(p['d0'])}1时许，被告人{X}在{court.district}某餐厅饮酒后，驾驶小型轿车行驶至{court.streets[0]}路口时被执勤民警拦停检查。"
                f"经抽取血样送检，其血液中乙醇含量为{p['bac']}mg/100ml。{X}驾驶的车辆未发生交通事故。{X}归案后如实供述了上述事实。")
    ev = [e.format(X=X, v0=victims[0], v1=victims[1], v2=victims[2], w=p["witness"], bac=p.get("bac", "")) for e in _EVIDENCE[crime]]
    if crime == "injury" and p["probation"]:
        ev.insert(-2, f"赔偿收条及刑事谅解书，证明被告人{X}已赔偿被害人经济损失并取得谅解")
    doc.add(f"\n另查明，被告人{X}此前无违法犯罪记录。本案审查起诉期间，被告人{X}在" + ("辩护人" if p["lawyer"] else "值班律师")
            + "的见证下签署了认罪认罚具结书，同意公诉机关提出的量刑建议及程序适用。")
    doc.add("\n上述事实，被告人在开庭审理过程中亦无异议，并有经庭审举证、质证的下列证据予以证实：" + "；".join(f"{i + 1}.{e}" for i, e in enumerate(ev))
            + "。以上证据收集程序合法，内容客观真实，且能相互印证，本院予以确认。\n\n")
    # reasoning
    level = {"theft": "数额较大" if p["tier"] == 1 else "数额巨大", "fraud": "数额较大" if p["tier"] == 1 else "数额巨大"}.get(crime, "")
    doc.add("本院认为，被告人")
    party_ref(doc, ctx, X, "reason", p["stranger"])
    if crime == "theft":
        doc.add(f"以非法占有为目的，秘密窃取他人财物，{level}，其行为已构成{charge}。")
    elif crime == "fraud":
        doc.add(f"以非法占有为目的，虚构事实，骗取他人财物，{level}，其行为已构成{charge}。")
    elif crime == "injury":
        doc.add(f"故意伤害他人身体，致一人轻伤，其行为已构成{charge}。")
    else:
        doc.add(f"在道路上醉酒驾驶机动车，其行为已构成{charge}。")
    doc.add(f"{court.procuratorate}指控的罪名成立。被告人{X}到案后如实供述自己的罪行，依法可以从轻处罚；其自愿认罪认罚，依法可以从宽处理。")
    if p["probation"]:
        doc.add(f"鉴于被告人{X}犯罪情节较轻，有悔罪表现，没有再犯罪的危险，宣告缓刑对所居住社区没有重大不良影响，依法可以宣告缓刑。")
    if p["lawyer"]:
        doc.add("辩护人关于被告人系初犯、如实供述、认罪认罚的辩护意见，与查明的事实相符，本院予以采纳。")
    doc.add(f"被告人{X}在审查起诉阶段签署认罪认罚具结书，庭审中亦表示认罪认罚，本案适用认罪认罚从宽制度。"
            f"综合考虑被告人{X}犯罪的事实、性质、情节及对社会的危害程度，公诉机关的量刑建议适当，本院予以采纳。\n")
    # basis
    arts: list[Art] = [p["main_art"], (67, "第三款")]
    if p["probation"]:
        arts += [(72, "第一款" + ("、第三款" if p["fine"] else "")), (73, ("第一款" if penalty == "拘役" else "第二款") + "、第三款")]
    if p["fine"]:
        arts += [(52, ""), (53, "")]
    if crime in ("theft", "fraud"):
        arts.append((64, ""))
    crim_pl = [(15, ""), (201, "")]
    doc.add("依照")
    basis_clause(doc, ctx, [("中华人民共和国刑法", arts), ("中华人民共和国刑事诉讼法", crim_pl)], None)
    doc.add("之规定，判决如下：\n\n")
    # operative part
    multi = crime in ("theft", "fraud")
    if multi:
        doc.add("一、")
    doc.add("被告人")
    party_ref(doc, ctx, X, "main", p["stranger"])
    doc.add(f"犯{charge}，判处")
    pen_words = f"{penalty}{cn_term(months)}{prob_words}"
    if sr:
        desc = {"imprisonment": "危险驾驶罪 (art. 133-1) carries only 拘役 and a fine; 有期徒刑 is outside the range",
                "detention_long": "拘役 is 1–6 months (art. 42); 危险驾驶 allows only 拘役",
                "above": f"{level or '轻伤'}: the tier is at most 3 years (art. {p['main_art'][0]}); {cn_term(months)} exceeds it",
                "above48": f"{level or '轻伤'}: the tier is at most 3 years; {cn_term(months)} exceeds it"}[sr]
        doc.err("sentence_range", pen_words, desc + " (DR-CRIM-02)")
    else:
        doc.add(pen_words)
    doc.add(fine_words)
    if p["probation"]:
        bracket = "（缓刑考验期限，从判决确定之日起计算。" + ("罚金于本判决生效后十日内缴纳。" if p["fine"] else "") + "）"
        doc.add("。\n" + bracket + "\n" if not st.bracket_inline else bracket + "。\n")
    else:
        start, end = _term_dates(p, months)
        credit = (p["bail"] - p["d0"]).days + 1 if p["custody"] != "continuous" else 0
        if ctx.bad("prison_term_dates", "start"):
            # continuous custody: the term started on the arrest day instead of the detention day;
            # interrupted custody: the term started on the first detention day (bail days counted)
            alt = p["d1"] if p["custody"] == "continuous" else p["d0"]
            rng_text = f"即自{ad(alt)}起至{ad(term_end(alt, months=months))}止"
            desc = "the term does not start on the first day of the custody it credits (DR-CRIM-04, DR-PTY-07)"
        elif ctx.bad("prison_term_dates", "end_day"):
            rng_text = f"即自{ad(start)}起至{ad(end + timedelta(days=1))}止"
            desc = f"the term ends on {ad(end)} (the day before the anniversary, less {credit} credited days) (DR-CRIM-04)"
        elif ctx.bad("prison_term_dates", "end_month"):
            rng_text = f"即自{ad(start)}起至{ad(_add_months_anchor(end, 1))}止"
            desc = f"the term ends on {ad(end)}, one month earlier (DR-CRIM-04)"
        else:
            rng_text, desc = f"即自{ad(start)}起至{ad(end)}止", ""
        fine_pay = "罚金于本判决生效后十日内缴纳" if p["fine"] else ""
        if not st.bracket_inline:
            doc.add("。\n（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，")
            doc.opt(bool(desc), "prison_term_dates", rng_text, rng_text, desc)
            doc.add("。" + (fine_pay + "。" if fine_pay else "") + "）\n")
        else:
            doc.add("（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，")
            doc.opt(bool(desc), "prison_term_dates", rng_text, rng_text, desc)
            doc.add(("。" + fine_pay if fine_pay else "") + "）。\n")
    if multi:
        doc.add(f"二、责令被告人{X}退赔被害人经济损失人民币{cn_yuan(p['amount'])}。\n")
    if p["probation"]:
        doc.add(f"\n被告人{X}回到社区后，应当遵守法律、法规，服从监督管理，接受教育，完成公益劳动，做一名有益社会的公民。\n")
    doc.add("\n")
    appeal_notice(doc, ctx, "criminal", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    return doc


def applicable_criminal(p: dict[str, Any]) -> dict[str, list[str]]:
    a: dict[str, list[str]] = {
        "case_number": ["zidi", "halfwidth", "space"],
        "court_name": ["short", "short2", "mismatch"],
        "citation_nonexistent": ["article", "title"],
        "citation_numeral": ["first"],
        "appeal_period": ["criminal"],
        "appeal_court": ["wrong"],
        "signature_date": ["arabic", "ling", "letter_o"],
        "missing_clerk": ["removed"],
        "party_name": ["misspell_main", "misspell_reason"],
    }
    if p["crime"] in ("theft", "fraud"):
        a["amount_sum"] = ["facts"]
    if not p["probation"]:
        a["prison_term_dates"] = ["start", "end_day", "end_month"]
    if p["crime"] == "dui":
        a["sentence_range"] = ["imprisonment", "detention_long"]
    elif (p["crime"] == "injury" and not p["probation"]) or (p["crime"] != "injury" and p["tier"] == 1):
        a["sentence_range"] = ["above", "above48"]
    return a


# ---------------------------------------------------------------------------- civil rulings

def draw_ruling(rng: random.Random, court: Court, *, kind: str, transfer: bool = False) -> dict[str, Any]:
    """kind: 'dismiss' (驳回起诉: arbitration clause) or 'jurisdiction' (管辖权异议)."""
    names = Names(rng)
    p: dict[str, Any] = dict(court=court, kind=kind, transfer=transfer)
    p["P"], p["p"] = names.company(court.city)
    other = rng.choice([c for c in COURTS.values() if c.key != court.key and c.city == court.city] or
                       [c for c in COURTS.values() if c.key != court.key])
    p["target"] = other
    p["D"], p["d"] = names.company(other.city)
    p["stranger"] = names.company("深圳")[0]
    p["P_lines"] = _company_lines(rng, "原告", p["P"], court, names, True)
    p["D_lines"] = _company_lines(rng, "被告", p["D"], other, names, True)
    p["answer_days"] = rng.randint(10, 14)
    filed = _rand_date(rng, date(2022, 2, 1), date(2024, 10, 31))
    p["filed"] = filed
    p["judged"] = filed + timedelta(days=rng.randint(25, 60))
    p["signed"] = _rand_date(rng, date(2021, 3, 1), filed - timedelta(days=200))
    p["claim"] = rng.choice((68, 126, 238, 386, 512)) * 1000
    p["claim"] += fit_even_fee(p["claim"], 1000)
    p["fee"] = int(fee_property(p["claim"]))
    p["subject"] = rng.choice(("技术服务合同", "展台设计搭建合同", "仓储合同", "设备租赁合同"))
    p["cause"] = {"技术服务合同": "技术服务合同纠纷", "展台设计搭建合同": "承揽合同纠纷", "仓储合同": "仓储合同纠纷",
                  "设备租赁合同": "租赁合同纠纷"}[p["subject"]]
    p["arb"] = rng.choice(("北京仲裁委员会", "上海仲裁委员会", "广州仲裁委员会", "杭州仲裁委员会"))
    mode = "simple" if rng.random() < 0.5 else "collegial"
    p["bench"], _ = _bench(rng, names, mode)
    p["assistant"] = names.person() if rng.random() < 0.5 else None
    p["clerk"] = names.person()
    p["certify"] = rng.random() < 0.8
    p["case"] = _case(rng, filed.year, court.code, "民初")
    p["other_court"] = _other_court(court, rng)
    return p


def render_ruling(p: dict[str, Any], ctx: Ctx) -> Doc:
    court: Court = p["court"]
    doc = Doc()
    P, pp, D, d = p["P"], p["p"], p["D"], p["d"]
    header(doc, ctx, court.name, court.shorts, p["other_court"], "民事裁定书", _case_no(p["case"]), p["case"])
    doc.add(p["P_lines"] + p["D_lines"] + "\n")
    doc.add(f"原告{P}（以下简称{pp}）与被告{D}（以下简称{d}）{p['cause']}一案，本院于{ad(p['filed'])}立案。{pp}向本院提出诉讼请求：1.判令{d}支付合同款{p['claim']}元；"
            f"2.本案诉讼费用由{d}负担。事实和理由：{ad(p['signed'])}，双方签订《{p['subject']}》，约定{pp}为{d}提供相应服务，{d}按约支付合同款。"
            f"{pp}已依约履行合同义务，{d}经多次催告仍未付款，{pp}为维护自身合法权益，故诉至法院。{pp}为证明其主张，提交了《{p['subject']}》、验收确认单、发票及催款函等证据。\n\n")
    if p["kind"] == "dismiss":
        doc.add(f"{d}在首次开庭前向本院提交双方签订的《{p['subject']}》，主张该合同第十五条约定“因本合同引起的或与本合同有关的任何争议，均提请{p['arb']}按照其仲裁规则进行仲裁”，"
                f"请求驳回{pp}的起诉。{pp}对该合同的真实性无异议，但认为双方之间的争议已经协商多次未果，{d}迟迟不付款，为尽快解决纠纷，应由人民法院审理。\n\n"
                f"经审查，{pp}与{d}于{ad(p['signed'])}签订的《{p['subject']}》第十五条约定：“因本合同引起的或与本合同有关的任何争议，均提请{p['arb']}按照其仲裁规则进行仲裁。"
                f"仲裁裁决是终局的，对双方均有约束力。”双方均在合同上加盖公章。{pp}起诉时未声明存在仲裁协议。本院受理后，{d}在答辩期内提交答辩状及上述合同，"
                f"本案尚未首次开庭。双方均未申请确认仲裁协议无效，亦未提交证据证明该仲裁条款存在无效、失效或者内容不明确无法执行的情形。\n\n")
        doc.add(f"本院经审查认为，当事人达成仲裁协议，一方向人民法院起诉未声明有仲裁协议，人民法院受理后，另一方在首次开庭前提交仲裁协议的，人民法院应当驳回起诉，"
                f"但仲裁协议无效的除外。本案中，双方在《{p['subject']}》中约定了明确的仲裁机构，该仲裁条款合法有效，")
        party_ref(doc, ctx, d, "reason", p["stranger"])
        doc.add(f"在首次开庭前提交了仲裁协议，故本案不属于人民法院主管范围，{pp}的起诉应予驳回。\n\n依照")
        basis_clause(doc, ctx, [("中华人民共和国仲裁法", [(5, ""), (26, "")]), (CPL, [(157, "第一款第三项")])], None)
        doc.add("规定，裁定如下：\n\n驳回原告")
        party_ref(doc, ctx, P, "main", p["stranger"])
        doc.add("的起诉。\n\n")
        v = ctx.faults.get("court_fee")
        if v == "wrong_amount":
            wrong = p["fee"] + max(50, p["fee"] // 10 // 2 * 2)
            doc.err("court_fee", f"案件受理费{wrong}元", f"the fee for a claim of {p['claim']} is {p['fee']} yuan (DR-FEE-01)")
            doc.add(f"予以退还原告{P}。\n\n")
        else:
            doc.add(f"案件受理费{p['fee']}元予以退还原告{P}。\n\n")
    else:
        tgt: Court = p["target"]
        doc.add(f"{d}在提交答辩状期间对管辖权提出异议，认为{d}住所地位于{tgt.district}，合同约定的履行地亦在{tgt.district}，本案应由{tgt.name}管辖，"
                f"请求将本案移送该院审理。{d}为支持其异议，提交了营业执照及《{p['subject']}》。\n\n")
        if p["transfer"]:
            doc.add(f"{pp}答辩称，{d}的实际经营地在本院辖区，本院对本案有管辖权，请求驳回{d}的管辖权异议。经审查，{d}的营业执照载明其住所地位于{tgt.district}，"
                    f"《{p['subject']}》未约定管辖法院，约定的服务地点亦在{tgt.district}，{pp}未提交证据证明{d}的主要办事机构所在地在本院辖区。\n\n")
        else:
            doc.add(f"{pp}答辩称，双方在合同中明确约定了管辖法院，{d}的管辖权异议不能成立，请求予以驳回。经审查，《{p['subject']}》第十四条约定：“因本合同发生的争议，"
                    f"由原告住所地人民法院管辖。”该合同由双方加盖公章，{d}对合同的真实性不持异议。\n\n")
        if p["transfer"]:
            doc.add("本院经审查认为，因合同纠纷提起的诉讼，由被告住所地或者合同履行地人民法院管辖。本案中，双方未约定管辖法院，")
            party_ref(doc, ctx, d, "reason", p["stranger"])
            doc.add(f"住所地及合同履行地均在{tgt.district}，本院对本案无管辖权，{d}提出的管辖权异议成立，本案应移送{tgt.name}处理。\n\n依照")
            basis_clause(doc, ctx, [(CPL, [(24, ""), (37, ""), (130, "第一款"), (157, "第一款第二项")])], None)
            doc.add("规定，裁定如下：\n\n被告")
            party_ref(doc, ctx, D, "main", p["stranger"])
            doc.add(f"对本案管辖权提出的异议成立，本案移送{tgt.name}处理。\n\n")
        else:
            doc.add(f"本院经审查认为，合同或者其他财产权益纠纷的当事人可以书面协议选择被告住所地、合同履行地、合同签订地、原告住所地、标的物所在地等与争议有实际联系的地点的"
                    f"人民法院管辖。双方签订的《{p['subject']}》第十四条约定“因本合同发生的争议，由原告住所地人民法院管辖”，{pp}住所地位于{court.district}，"
                    f"该约定合法有效，本院对本案依法享有管辖权。")
            party_ref(doc, ctx, d, "reason", p["stranger"])
            doc.add("提出的管辖权异议不能成立，本院不予支持。\n\n依照")
            basis_clause(doc, ctx, [(CPL, [(35, ""), (130, "第一款"), (157, "第一款第二项")])], None)
            doc.add("规定，裁定如下：\n\n驳回被告")
            party_ref(doc, ctx, D, "main", p["stranger"])
            doc.add("对本案管辖权提出的异议。\n\n")
    appeal_notice(doc, ctx, "civil_ruling", court)
    signature(doc, ctx, p["bench"], p["judged"], p["assistant"], p["clerk"], p["certify"])
    return doc


def applicable_ruling(p: dict[str, Any]) -> dict[str, list[str]]:
    a: dict[str, list[str]] = {
        "case_number": ["zidi", "halfwidth", "space"],
        "court_name": ["short", "short2", "mismatch"],
        "citation_numeral": ["first"],
        "citation_nonexistent": ["article"],
        "appeal_period": ["ruling"],
        "appeal_court": ["wrong"],
        "signature_date": ["arabic", "ling", "letter_o"],
        "missing_clerk": ["removed"],
        "party_name": ["misspell_reason", "company_main", "stranger_main"],
    }
    if p["kind"] == "dismiss":
        a["court_fee"] = ["wrong_amount"]
    return a


# ================================================================================== the sets

RENDER: dict[str, tuple[Callable[[dict[str, Any], Ctx], Doc], Callable[[dict[str, Any]], dict[str, list[str]]]]] = {
    "lending": (render_lending, applicable_lending),
    "sale": (render_sale, applicable_sale),
    "labour": (render_labour, applicable_labour),
    "tort": (render_tort, applicable_tort),
    "traffic": (render_tort, applicable_tort),
    "appeal": (render_appeal, applicable_appeal),
    "theft": (render_criminal, applicable_criminal),
    "fraud": (render_criminal, applicable_criminal),
    "injury": (render_criminal, applicable_criminal),
    "dui": (render_criminal, applicable_criminal),
    "dismiss": (render_ruling, applicable_ruling),
    "jurisdiction": (render_ruling, applicable_ruling),
}


def _plan(set_name: str) -> list[tuple[str, dict[str, Any]]]:
    """(template, draw options) of the clean documents of one set, in order."""
    L = [("lending", dict(old_law=False, mode="simple", guarantor=False, lawyer_fee=True, preservation=False, absent=False)),
         ("lending", dict(old_law=False, mode="collegial", guarantor=True, lawyer_fee=False, preservation=True, absent=True)),
         ("lending", dict(old_law=True, mode="simple", guarantor=False, lawyer_fee=False, preservation=False, absent=False)),
         ("lending", dict(old_law=False, mode="collegial", guarantor=True, lawyer_fee=True, preservation=False, absent=False)),
         ("lending", dict(old_law=False, mode="simple", guarantor=False, lawyer_fee=False, preservation=True, absent=False)),
         ("lending", dict(old_law=False, mode="simple", guarantor=True, lawyer_fee=False, preservation=False, absent=True)),
         ("sale", dict(old_law=False, mode="collegial", preservation=True, adjust_penalty=False)),
         ("sale", dict(old_law=False, mode="simple", preservation=False, adjust_penalty=True)),
         ("sale", dict(old_law=True, mode="collegial", preservation=False, adjust_penalty=False)),
         ("sale", dict(old_law=False, mode="collegial", preservation=False, adjust_penalty=True)),
         ("sale", dict(old_law=False, mode="simple", preservation=True, adjust_penalty=False)),
         ("labour", dict(mode="simple")), ("labour", dict(mode="collegial")), ("labour", dict(mode="simple")),
         ("labour", dict(mode="simple")),
         ("appeal", dict(base_kind="sale")), ("appeal", dict(base_kind="lending")),
         ("appeal", dict(base_kind="sale")), ("appeal", dict(base_kind="lending")),
         ("theft", dict(crime="theft", tier=1, custody="continuous", mode="speedy")),
         ("theft", dict(crime="theft", tier=2, custody="continuous", mode="collegial")),
         ("theft", dict(crime="theft", tier=1, custody="continuous", mode="simple")),
         ("fraud", dict(crime="fraud", tier=1, custody="continuous", mode="simple")),
         ("fraud", dict(crime="fraud", tier=2, custody="continuous", mode="collegial")),
         ("fraud", dict(crime="fraud", tier=1, custody="continuous", mode="speedy")),
         ("injury", dict(crime="injury", tier=1, custody="continuous", mode="simple")),
         ("injury", dict(crime="injury", tier=1, custody="bail", mode="simple")),
         ("injury", dict(crime="injury", tier=1, custody="continuous", mode="collegial")),
         ("dui", dict(crime="dui", tier=1, custody="bail", mode="speedy")),
         ("dui", dict(crime="dui", tier=1, custody="bail", mode="simple")),
         ("dismiss", dict(kind="dismiss")), ("dismiss", dict(kind="dismiss")),
         ("jurisdiction", dict(kind="jurisdiction", transfer=False)),
         ("jurisdiction", dict(kind="jurisdiction", transfer=True))]
    if set_name == "dev":
        L += [("tort", dict(mode="simple", old_law=False, traffic=False)),
              ("tort", dict(mode="collegial", old_law=False, traffic=False)),
              ("tort", dict(mode="simple", old_law=True, traffic=False)),
              ("tort", dict(mode="simple", old_law=False, traffic=False)),
              ("dui", dict(crime="dui", tier=1, custody="bail", mode="speedy"))]
    else:
        L += [("traffic", dict(mode="simple", old_law=False, traffic=True)),
              ("traffic", dict(mode="collegial", old_law=False, traffic=True)),
              ("traffic", dict(mode="ordinary_single", old_law=False, traffic=True)),
              ("tort", dict(mode="simple", old_law=True, traffic=False)),
              ("dui", dict(crime="dui", tier=1, custody="bail_then_arrest", mode="simple")),
              ("lending", dict(old_law=False, mode="ordinary_single", guarantor=False, lawyer_fee=True, preservation=False, absent=False))]
    return L


DRAW = {"lending": draw_lending, "sale": draw_sale, "labour": draw_labour, "tort": draw_tort, "traffic": draw_tort,
        "appeal": draw_appeal, "theft": draw_criminal, "fraud": draw_criminal, "injury": draw_criminal,
        "dui": draw_criminal, "dismiss": draw_ruling, "jurisdiction": draw_ruling}


def _meta(template: str, p: dict[str, Any]) -> dict[str, Any]:
    court: Court = p["court"]
    kind = {"appeal": "civil_second_instance", "dismiss": "civil_ruling", "jurisdiction": "civil_ruling",
            "theft": "criminal_judgment", "fraud": "criminal_judgment", "injury": "criminal_judgment",
            "dui": "criminal_judgment"}.get(template, "civil_judgment")
    m: dict[str, Any] = {"template": template, "doc_kind": kind, "judgment_date": p["judged"].isoformat(),
                         "court_code": court.parent_code if template == "appeal" else court.code,
                         "procedure": p.get("mode", "collegial" if template == "appeal" else None)}
    for k in ("old_law", "fee", "base", "fee1", "fee2", "appealed", "crime", "tier", "custody", "months"):
        if k in p and not isinstance(p[k], Court):
            m[k] = p[k]
    return m


def clean_docs(set_name: str, seed: int) -> list[Clean]:
    """Draw the clean documents of a set (deterministic in set and seed)."""
    out: list[Clean] = []
    courts = SET_COURTS[set_name]
    for i, (tpl, opts) in enumerate(_plan(set_name)):
        rng = random.Random(f"{set_name}:{seed}:{i}")
        court = COURTS[courts[i % len(courts)]]
        p = DRAW[tpl](rng, court, **opts)
        render, appl = RENDER[tpl]
        out.append(Clean(f"{set_name}-c{i:03d}-{tpl}", tpl, p, render, appl(p), _meta(tpl, p)))
    return out


def _kind_of(tpl: str) -> str:
    return {"theft": "criminal", "fraud": "criminal", "injury": "criminal", "dui": "criminal",
            "dismiss": "ruling", "jurisdiction": "ruling"}.get(tpl, tpl)


def render_doc(c: Clean, style: Style, faults: dict[str, str]) -> Doc:
    ctx = Ctx(style, faults, _kind_of(c.template))
    return c.render(c.params, ctx)


def _compatible(fams: set[str], new: str) -> bool:
    return all(not (new in grp and fams & grp) for grp in _EXCLUSIVE) and new not in fams


def build(set_name: str, seed: int, per_family: int = 8, second_rate: float = 0.3) -> list[dict[str, Any]]:
    """All gold records of one set: the clean documents, then the injected copies family by family."""
    style = STYLES[set_name]
    cleans = clean_docs(set_name, seed)
    records: list[dict[str, Any]] = []
    for c in cleans:
        doc = render_doc(c, style, {})
        assert not doc.errs, c.id
        records.append({"id": c.id, "clean_id": c.id, "family": None, "text": doc.text, "errors": [], "meta": c.meta})
    rng = random.Random(f"{set_name}:{seed}:inject")
    seen: set[str] = set()
    k = 0
    for fam in FAMILIES:
        cands = [c for c in cleans if fam in c.applicable]
        if not cands:
            continue
        rng.shuffle(cands)
        # spread over templates: take one per template in turn
        by_tpl: dict[str, list[Clean]] = {}
        for c in cands:
            by_tpl.setdefault(c.template, []).append(c)
        order: list[Clean] = []
        while any(by_tpl.values()):
            for t in sorted(by_tpl):
                if by_tpl[t]:
                    order.append(by_tpl[t].pop(0))
        # every variant of the family in turn, each on a clean document not used yet for it if possible
        by_var: dict[str, list[Clean]] = {}
        for c in order:
            for v in c.applicable[fam]:
                by_var.setdefault(v, []).append(c)
        variants = sorted(by_var)
        used: set[str] = set()
        picks: list[tuple[Clean, str]] = []
        nxt = dict.fromkeys(variants, 0)
        while len(picks) < per_family:
            for v in variants:
                if len(picks) >= per_family:
                    break
                lst = by_var[v]
                for _ in range(len(lst)):
                    c = lst[nxt[v] % len(lst)]
                    nxt[v] += 1
                    if c.id not in used:
                        break
                used.add(c.id)
                picks.append((c, v))
        for c, variant in picks:
            faults = {fam: variant}
            if rng.random() < second_rate:
                others = [f for f in c.applicable if _compatible(set(faults), f)]
                if others:
                    f2 = rng.choice(sorted(others))
                    faults[f2] = rng.choice(c.applicable[f2])
            doc = render_doc(c, style, faults)
            text = doc.text
            if text in seen:  # the same copy twice (a variant reused on one document) adds nothing
                continue
            seen.add(text)
            errs = sorted(doc.errs, key=lambda e: e.start)
            got = {e.family for e in errs}
            assert got == set(faults), (c.id, faults, got)
            for e in errs:
                assert text[e.start:e.end] == e.text, (c.id, e)
            records.append({"id": f"{set_name}-x{k:03d}-{fam}", "clean_id": c.id, "family": fam, "text": text,
                            "errors": [{"family": e.family, "start": e.start, "end": e.end, "text": e.text,
                                        "description": e.description} for e in errs],
                            "meta": {**c.meta, "faults": faults}})
            k += 1
    return records


def write(records: list[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("dev", "holdout", "both"), default="both")
    ap.add_argument("--seed", type=int, default=None, help="seed (default: 60601 dev, 91817 holdout)")
    ap.add_argument("--out", type=Path, default=None, help="output file (only with a single --set)")
    ap.add_argument("--per-family", type=int, default=8, help="injected copies per family")
    args = ap.parse_args(argv)
    sets = ("dev", "holdout") if args.set == "both" else (args.set,)
    if args.out and len(sets) > 1:
        ap.error("--out needs --set dev or --set holdout")
    for s in sets:
        seed = args.seed if args.seed is not None else SEEDS[s]
        recs = build(s, seed, args.per_family)
        out = args.out or OUT_DIR / f"{s}.jsonl"
        write(recs, out)
        fams: dict[str, int] = {}
        for r in recs:
            for e in r["errors"]:
                fams[e["family"]] = fams.get(e["family"], 0) + 1
        n_clean = sum(1 for r in recs if r["family"] is None)
        size = out.stat().st_size
        print(f"{s}: {len(recs)} documents ({n_clean} clean), {sum(fams.values())} errors, {size / 1e6:.2f} MB → {out}",
              file=sys.stderr)
        for f in FAMILIES:
            print(f"  {f:26s} {fams.get(f, 0)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
