"""Statutory sentencing frames: which range of the 刑法 a predicted term must stay in, and why.

Why: a learned term is only a suggestion; it must be shown inside the range the statute allows
for the facts (sentencing.md §1, design principle: starting point → adjustments → the statutory
range it was clamped to). The ranges come from the articles themselves — :func:`parse_tiers`
reads 处三年以上十年以下有期徒刑 from the article text at training time, so every charge the model
knows has a frame — and, for the common charges, the tier is chosen from the facts with the
national amount, quantity and injury thresholds (sentencing.md §5–§6). Probation and fines follow
刑法 第七十二至七十四条 and the 罚金 clauses of the article. Pure Python; no model here.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from fazhi.predict.features import Cues

__all__ = ["Tier", "TermRange", "clamp_term", "fine_applies", "parse_tiers", "probation", "select_frame"]

# 刑法 第四十五条: 有期徒刑 lasts 6 months to 15 years; 第四十二条: 拘役 1 to 6 months;
# 第三十八条: 管制 3 months to 2 years.
MAX_FIXED = 180
LIFE = "无期徒刑"
DEATH = "死刑"

_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
        "十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "二十": 20}


@dataclass(frozen=True, slots=True)
class Tier:
    """One 量刑档次 of an article: a term range in months and what else it allows."""

    min_months: int
    max_months: int
    life: bool = False
    death: bool = False
    fine: bool = False  # 罚金 may or must be added
    fine_only: bool = False  # 单处罚金 possible
    text: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class TermRange:
    """The frame a term was clamped to, with its legal basis, for display."""

    min_months: int
    max_months: int
    life: bool
    death: bool
    basis: str
    mitigation: bool = False  # a 减轻 circumstance allows going below the minimum (刑法 第六十三条)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


_CLAUSE = re.compile(r"处([^；。]*?)(?:[；。]|$)")
_RANGE = re.compile(r"(?P<a>[一二两三四五六七八九十]+)年以上(?:(?P<b>[一二两三四五六七八九十]+)年以下)?有期徒刑")
_UPTO = re.compile(r"(?P<b>[一二两三四五六七八九十]+)年以下有期徒刑")


def parse_tiers(article_text: str) -> list[Tier]:
    """The 量刑档次 of an article, in the order the text states them (处三年以下有期徒刑、拘役或者管制，
    并处或者单处罚金；… 处三年以上十年以下有期徒刑 …)."""
    tiers: list[Tier] = []
    for m in _CLAUSE.finditer(article_text):
        clause = m.group(1)
        lo: int | None = None
        hi: int | None = None
        r = _RANGE.search(clause)
        if r is not None:
            lo = _NUM.get(r["a"], 0) * 12
            hi = _NUM.get(r["b"], 0) * 12 if r["b"] else MAX_FIXED
        else:
            u = _UPTO.search(clause)
            if u is not None:
                lo, hi = 6, _NUM.get(u["b"], 0) * 12
        if "拘役" in clause:
            lo, hi = 1, max(hi or 0, 6)
        elif "管制" in clause and lo is None:
            lo, hi = 3, 24
        life = LIFE in clause
        death = DEATH in clause
        fine = "罚金" in clause
        fine_only = "单处罚金" in clause or ("罚金" in clause and lo is None)
        if lo is None and not (life or death or fine):
            continue
        if lo is None:
            lo, hi = (0, 0) if not (life or death) else (MAX_FIXED, MAX_FIXED)
        tiers.append(Tier(lo if not fine_only else 0, hi or lo, life, death, fine, fine_only, clause[:60]))
    return tiers


def _overall(tiers: list[Tier]) -> Tier:
    if not tiers:
        return Tier(0, MAX_FIXED, True, True, True, False, "")
    return Tier(min(t.min_months for t in tiers), max(t.max_months for t in tiers), any(t.life for t in tiers),
                any(t.death for t in tiers), any(t.fine for t in tiers), any(t.fine_only for t in tiers), "")


# Aggravations that put 抢劫 into its second tier (刑法 第二百六十三条 (一)–(八)).
_ROBBERY_AGG = re.compile(r"入户抢劫|持枪|多次抢劫|抢劫.{0,6}银行|冒充(?:军警|军人|警察)|公共交通工具|致.{0,4}(?:重伤|死亡)")
_HIT_RUN = re.compile(r"逃逸")
_GATHER = re.compile(r"纠集.{0,10}多次")
_GAMBLING_SERIOUS = re.compile(r"情节严重|赌资.{0,10}(?:数额巨大|特别巨大)")


def select_frame(charge: str, tiers: list[Tier], cues: Cues, text: str) -> TermRange:
    """The statutory range for ``charge`` given the facts: the national thresholds choose the tier
    for the common charges; otherwise the article's whole range."""
    overall = _overall(tiers)
    whole = TermRange(overall.min_months, overall.max_months, overall.life, overall.death,
                      "本罪法定刑幅度（依条文）")
    amount = cues.total_amount
    if charge == "盗窃":
        # 法释〔2013〕8号 第一条: 数额巨大 30,000–100,000 元, 特别巨大 300,000–500,000 元 (各省在幅度内确定)
        if amount >= 500_000:
            return TermRange(120, MAX_FIXED, True, False, "盗窃数额特别巨大（刑法第二百六十四条，法释〔2013〕8号第一条）")
        if amount >= 300_000:
            return TermRange(36, MAX_FIXED, True, False, "盗窃数额巨大或特别巨大（各省标准30万至50万元）")
        if amount >= 100_000:
            return TermRange(36, 120, False, False, "盗窃数额巨大（刑法第二百六十四条，法释〔2013〕8号第一条）")
        if amount >= 30_000:
            return TermRange(1, 120, False, False, "盗窃数额较大或巨大（各省数额巨大标准3万至10万元）")
        return TermRange(0, 36, False, False, "盗窃数额较大或多次、入户、携带凶器、扒窃（刑法第二百六十四条）")
    if charge == "诈骗":
        # 法释〔2011〕7号 第一条: 较大 3,000–10,000, 巨大 30,000–100,000, 特别巨大 500,000
        if amount >= 500_000:
            return TermRange(120, MAX_FIXED, True, False, "诈骗数额特别巨大（刑法第二百六十六条，法释〔2011〕7号第一条）")
        if amount >= 100_000:
            return TermRange(36, 120, False, False, "诈骗数额巨大（刑法第二百六十六条，法释〔2011〕7号第一条）")
        if amount >= 30_000:
            return TermRange(1, 120, False, False, "诈骗数额较大或巨大（各省数额巨大标准3万至10万元）")
        return TermRange(0, 36, False, False, "诈骗数额较大（刑法第二百六十六条）")
    if charge == "故意伤害":
        inj = cues.worst_injury()
        if inj >= 6:
            return TermRange(120, MAX_FIXED, True, True, "故意伤害致人死亡（刑法第二百三十四条第二款）")
        if inj >= 4:
            return TermRange(36, 120, False, False, "故意伤害致人重伤（刑法第二百三十四条第二款）")
        if inj >= 2:
            return TermRange(1, 36, False, False, "故意伤害致人轻伤（刑法第二百三十四条第一款）")
        return whole
    if charge == "危险驾驶":
        # 刑法 第一百三十三条之一: 处拘役，并处罚金 (sentencing.md SEN-07)
        return TermRange(1, 6, False, False, "危险驾驶罪处拘役，并处罚金（刑法第一百三十三条之一）")
    if charge == "交通肇事":
        if _HIT_RUN.search(text) and cues.worst_injury() >= 6 and re.search(r"逃逸致.{0,6}死亡", text):
            return TermRange(84, MAX_FIXED, False, False, "因逃逸致人死亡（刑法第一百三十三条）")
        if _HIT_RUN.search(text):
            return TermRange(1, 84, False, False, "交通运输肇事后逃逸（刑法第一百三十三条）")
        return TermRange(0, 36, False, False, "交通肇事（刑法第一百三十三条）")
    if charge == "抢劫":
        if _ROBBERY_AGG.search(text) or amount >= 30_000:
            return TermRange(120, MAX_FIXED, True, True, "抢劫具有法定加重情节（刑法第二百六十三条）")
        return TermRange(36, 120, False, False, "抢劫（刑法第二百六十三条）")
    if charge == "走私、贩卖、运输、制造毒品":
        heq = cues.drug_grams(heroin_equivalent=True)
        # 刑法 第三百四十七条; 法释〔2016〕8号 第一、二条
        if heq >= 50:
            return TermRange(180, MAX_FIXED, True, True, "毒品数量大（海洛因、甲基苯丙胺五十克以上，刑法第三百四十七条第二款）")
        if heq >= 10:
            return TermRange(84, MAX_FIXED, False, False, "毒品数量较大（海洛因、甲基苯丙胺十克以上不满五十克，刑法第三百四十七条第三款）")
        return TermRange(0, 84, False, False, "毒品数量较小（刑法第三百四十七条第四款，情节严重的三至七年）")
    if charge == "寻衅滋事":
        if _GATHER.search(text):
            return TermRange(60, 120, False, False, "纠集他人多次寻衅滋事（刑法第二百九十三条第二款）")
        return TermRange(0, 60, False, False, "寻衅滋事（刑法第二百九十三条第一款）")
    if charge == "开设赌场":
        if _GAMBLING_SERIOUS.search(text):
            return TermRange(60, 120, False, False, "开设赌场情节严重（刑法第三百零三条第二款）")
        return TermRange(0, 60, False, False, "开设赌场（刑法第三百零三条第二款）")
    if charge == "帮助信息网络犯罪活动":
        return TermRange(0, 36, False, False, "帮助信息网络犯罪活动（刑法第二百八十七条之二）")
    return whole


# Circumstances that allow a sentence below the statutory minimum (减轻处罚, 刑法 第六十三条).
MITIGATING_BELOW = ("自首", "从犯", "未遂", "中止", "立功", "未成年")


def clamp_term(months: float, frame: TermRange, cues: Cues, n_charges: int = 1) -> tuple[int, list[str]]:
    """A predicted term clamped into its frame. Below the minimum only with a statutory 减轻
    circumstance (刑法 第六十三条第一款: then within the next lower range, here down to half the
    minimum); above the maximum only for several charges together (数罪并罚, 刑法 第六十九条)."""
    notes: list[str] = []
    lo, hi = frame.min_months, frame.max_months
    mitigation = [c.name for c in cues.circumstances if c.name in MITIGATING_BELOW]
    if mitigation:
        lo = lo // 2
        frame.mitigation = True
        notes.append("具有" + "、".join(mitigation) + "情节，可以减轻处罚（刑法第六十三条第一款）")
    if n_charges > 1:
        # 数罪并罚: 总和刑期不满三十五年的，最高不能超过二十年 (刑法 第六十九条)
        hi = max(hi, min(240, hi * 2))
    out = min(max(months, lo), hi)
    if out != months:
        notes.append(f"按法定刑幅度调整为{round(out)}个月（{frame.basis}）")
    return int(round(out)), notes


def fine_applies(tiers: list[Tier]) -> bool:
    """Whether the article provides for 罚金 (并处 or 单处)."""
    return any(t.fine for t in tiers)


def probation(term_months: int | None, cues: Cues, charge: str) -> tuple[int | None, str]:
    """Suggested probation (缓刑) test period in months, or None, with the reason.

    刑法 第七十二条: 拘役 or 有期徒刑 ≤ 3 years, remorse, no risk of reoffending; 第七十四条: never
    for 累犯; 第七十三条: test period ≥ the term, 拘役 2 months–1 year, 有期徒刑 1–5 years. The
    training data do not record probation, so this is a rule, not a learned prediction: it fires
    when the term is within the limit, there is no 累犯 or 前科, and the facts show remorse or
    mitigation (自首, 坦白, 认罪认罚, 谅解, 退赃, 从犯, 未成年 …)."""
    if term_months is None or term_months <= 0 or term_months > 36:
        return None, "刑期超过三年或无刑期，不适用缓刑（刑法第七十二条）"
    if cues.has("累犯"):
        return None, "累犯不适用缓刑（刑法第七十四条）"
    if cues.has("前科"):
        return None, "有前科，一般不宜适用缓刑"
    if charge in ("故意杀人", "抢劫", "强奸", "绑架", "走私、贩卖、运输、制造毒品"):
        return None, "严重暴力或毒品犯罪一般不适用缓刑"
    good = [n for n in ("自首", "坦白", "认罪认罚", "谅解", "退赃", "赔偿", "从犯", "未成年", "初犯", "取保候审")
            if cues.has(n)]
    if len(good) < 2 and not cues.minor:
        return None, "从宽情节不足，是否适用缓刑由审判人员综合判断"
    if charge == "危险驾驶" or term_months < 6:
        period = min(12, max(2, term_months * 2))  # 拘役: ≥ 原判刑期, 2 months–1 year
    else:
        period = min(60, max(12, math.ceil(term_months * 1.5 / 6) * 6))  # 有期徒刑: 1–5 years
    if cues.minor:
        reason = "未成年人符合缓刑条件的，应当宣告缓刑（刑法第七十二条第一款）"
    else:
        reason = "判处三年以下有期徒刑或者拘役，具有" + "、".join(good) + "情节，可以宣告缓刑（刑法第七十二条）"
    return period, reason
