"""Pseudonyms for protected names (法释〔2016〕19号 art. 9): 张三丰 → 张某, 欧阳娜娜 → 欧阳某,
阿依古丽·买买提 → 阿某, John Smith → J; collisions numbered in order of first appearance (张某1, 张某2).

One :class:`PseudonymTable` per case keeps the same person under the same pseudonym in every
document of that case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Compound surnames kept whole (anonymization.md §4).
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 轩辕 独孤 南宫 西门 百里 呼延 "
    "万俟 单于 闻人 澹台 公冶 宗政 濮阳 淳于 太叔 申屠 仲孙 钟离 赫连 司空 鲜于 闾丘 子车 亓官 司寇 拓跋 "
    "夹谷 谷梁 段干 左丘 东郭 南门 梁丘 第五 羊舌 微生 公羊 公良 乐正 漆雕 壤驷 巫马 公西".split()
)
MASK_STYLES = ("single", "per_char")
_LATIN = re.compile(r"[A-Za-z]")
_DOT = re.compile(r"[·•・‧.]")
ALREADY_MASKED = re.compile(r"^.{1,2}(?:某+|[×X*＊]+)\d*$")


def surname(name: str) -> str:
    """The part of a name art. 9 keeps: compound surname, else the first character."""
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]


def base_pseudonym(name: str, style: str = "single") -> str:
    """The pseudonym before collision numbering.

    Latin-script names keep the first letter only; names with a middle dot (ethnic-minority or
    transliterated foreign names) keep the first character; Han names keep the surname.
    """
    name = name.strip()
    if _LATIN.match(name):
        return name[0].upper()
    if _DOT.search(name):
        return name[0] + "某"
    keep = surname(name)
    given = max(1, len(name) - len(keep))
    return keep + ("某" * given if style == "per_char" else "某")


@dataclass
class PseudonymTable:
    """Name → pseudonym for one case; numbering is fixed at first assignment of a clashing base."""

    style: str = "single"
    by_key: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # base → person keys in order

    def plan(self, keys_and_names: list[tuple[str, str]]) -> None:
        """Register persons in order of first appearance, so clashes are known before numbering."""
        for key, name in keys_and_names:
            if key in self.by_key:
                continue
            base = base_pseudonym(name, self.style)
            group = self.members.setdefault(base, [])
            if key not in group:
                group.append(key)

    def get(self, key: str, name: str) -> str:
        """The pseudonym of person ``key`` (named ``name``)."""
        if key in self.by_key:
            return self.by_key[key]
        base = base_pseudonym(name, self.style)
        group = self.members.setdefault(base, [])
        if key not in group:
            group.append(key)
        # art. 9: persons whose pseudonyms coincide are told apart by Arabic numerals
        pseudo = base if len(group) == 1 else f"{base}{group.index(key) + 1}"
        self.by_key[key] = pseudo
        return pseudo
