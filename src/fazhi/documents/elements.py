"""Key elements of criminal facts: amounts, injury grades, drug weights and sentencing circumstances.

What a judge compares between two cases (sentencing.md §2.4: 自首, 坦白, 认罪认罚, 累犯, 未遂,
从犯, 赔偿谅解 …), read from the text with the span where each was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fazhi.text import find_money

# (name, pattern, effect on the sentence per sentencing.md §2.4: "-" lighter, "+" heavier)
_CIRCUMSTANCES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("自首", re.compile(r"自首|主动投案|自动投案|投案自首"), "-"),
    ("坦白", re.compile(r"如实供述|坦白"), "-"),
    ("认罪认罚", re.compile(r"认罪认罚|签署.{0,6}具结书"), "-"),
    ("当庭认罪", re.compile(r"当庭(?:自愿)?认罪"), "-"),
    ("立功", re.compile(r"立功|检举揭发"), "-"),
    ("累犯", re.compile(r"累犯"), "+"),
    ("前科", re.compile(r"前科|曾因.{0,20}被判处|刑满释放"), "+"),
    ("未遂", re.compile(r"未遂|未得逞"), "-"),
    ("从犯", re.compile(r"从犯|起次要作用|起辅助作用"), "-"),
    ("主犯", re.compile(r"主犯|起主要作用"), "+"),
    ("赔偿", re.compile(r"赔偿了?(?:被害人)?(?:经济)?损失|已赔偿|退赔"), "-"),
    ("谅解", re.compile(r"谅解"), "-"),
    ("退赃", re.compile(r"退赃|退还.{0,6}赃|赃物.{0,6}(?:已|均)?(?:发还|退还)|已发还"), "-"),
    ("未成年", re.compile(r"未成年|未满十八周岁|不满十八周岁"), "-"),
    ("醉酒", re.compile(r"醉酒|血液(?:中的)?酒精含量"), "+"),
    ("持械", re.compile(r"持刀|持械|携带凶器|持(?:铁棍|木棍|砖头|匕首)"), "+"),
    ("入户", re.compile(r"入户"), "+"),
    ("多次", re.compile(r"多次|[三四五六七八九十]次以上|先后[二两三四五六七八九十\d]+次"), "+"),
)
_INJURY = re.compile(r"(轻微伤|轻伤[一二]级|轻伤|重伤[一二]级|重伤|死亡)")
_DRUG = re.compile(r"([\d.]+)\s*(?:克|g)(?:[^。，]{0,10})?")


@dataclass(frozen=True, slots=True)
class Element:
    """One element found in the facts."""

    name: str
    start: int
    end: int
    text: str
    effect: str = ""  # "-" mitigating, "+" aggravating, "" neutral

    def to_dict(self) -> dict:
        return {"name": self.name, "start": self.start, "end": self.end, "text": self.text, "effect": self.effect}


def circumstances(text: str) -> list[Element]:
    """Sentencing circumstances named in ``text`` (first occurrence of each)."""
    out = []
    for name, pattern, effect in _CIRCUMSTANCES:
        m = pattern.search(text)
        if m:
            out.append(Element(name, m.start(), m.end(), m.group(0), effect))
    return sorted(out, key=lambda e: e.start)


def largest_amount(text: str) -> tuple[Decimal, Element] | None:
    """The largest sum of money mentioned (价值, 数额 …), with where it is."""
    spans = find_money(text)
    if not spans:
        return None
    top = max(spans, key=lambda s: s.amount)
    return top.amount, Element("金额", top.start, top.end, top.text)


def injury(text: str) -> Element | None:
    """The most serious injury grade mentioned (死亡 > 重伤 > 轻伤 > 轻微伤)."""
    order = ["轻微伤", "轻伤二级", "轻伤", "轻伤一级", "重伤二级", "重伤", "重伤一级", "死亡"]
    found = [(order.index(m.group(1)), m) for m in _INJURY.finditer(text)]
    if not found:
        return None
    _rank, m = max(found, key=lambda p: p[0])
    return Element("伤情", m.start(), m.end(), m.group(1))
