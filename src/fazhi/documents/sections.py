"""Splitting a judgment into its sections (document_types.md §4 J1–J14, §5 K1–K13).

Each section starts at the first marker found after the previous section's start, so the
result is always in document order and never overlaps.
"""

from __future__ import annotations

import re

from fazhi.documents.parties import ROLES
from fazhi.documents.record import SectionSpan

_ROLE_LINE = re.compile(r"^[ \t]*(?:" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")")
# A line with one of these is narrative (案件由来), not a party line, even if it opens with a role.
_NARRATIVE = re.compile(r"一案|诉称|辩称|述称|不服|指控|提起|向本院|审理|立案|受理|本院|申请再审|提出异议")

# (section name, marker) in document order. A marker is searched from the previous start.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("当事人", re.compile(
        r"^[ \t]*(?:原告|被告|上诉人|被上诉人|公诉机关|原公诉机关|自诉人|申请执行人|被执行人|申请人|被申请人|再审申请人|"
        r"申诉人|异议人|具状人|答辩人|申请复议人|第三人)", re.M)),
    ("案件由来", re.compile(
        r"^.{0,200}?(?:一案|提起公诉|提起上诉|申请再审|申请执行|提出异议|提出管辖权异议)", re.M)),
    ("诉讼请求", re.compile(r"(?:诉讼请求|上诉请求|再审请求|请求事项|公诉机关指控|起诉指控|异议请求)[:：，]?", re.M)),
    ("辩称", re.compile(r"^.{0,60}?(?:辩称|答辩称|辩解|辩护意见|辩护人提出|述称)", re.M)),
    ("查明事实", re.compile(r"(?:经审理查明|本院经审理认定|本院认定事实如下|本院查明|经审查查明|本院经审查认为|二审查明|查明[:：])")),
    ("本院认为", re.compile(r"^\s*本院认为", re.M)),
    ("判决主文", re.compile(r"(?:判决|裁定|决定)如下[:：]|协议如下[:：]|达成如下协议")),
    ("诉讼费", re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?(?:本案)?(?:一审|二审)?(?:案件受理费|诉讼费|受理费|申请费)", re.M)),
    ("上诉告知", re.compile(r"如不服本(?:判决|裁定|决定)|本(?:判决|裁定)为终审|本调解书经双方当事人签收|发生法律效力|可在接到判决书")),
    ("尾部", re.compile(r"^\s*(?:审\s*判\s*长|审\s*判\s*员|独任审判员|代理审判员|人民陪审员|执\s*行\s*员|具状人)", re.M)),
)


def split_sections(text: str) -> list[SectionSpan]:
    """The sections present in ``text``, in order; the head (首部) runs to the first marker."""
    starts: list[tuple[str, int]] = [("首部", 0)]
    pos = 0
    for name, pattern in _MARKERS:
        m = pattern.search(text, pos)
        if not m:
            continue
        start = m.start() if name != "判决主文" else m.end()
        if name in {"当事人", "案件由来", "本院认为", "尾部", "辩称", "诉讼费"}:
            start = _line_start(text, m.start())
        if start < pos:
            continue
        starts.append((name, start))
        pos = start
        if name == "当事人":
            pos = _party_block_end(text, start)
    spans: list[SectionSpan] = []
    for i, (name, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        if end > start:
            spans.append(SectionSpan(name, start, end))
    return spans


def _party_block_end(text: str, start: int) -> int:
    """End of the party block: the first narrative line, or a blank line not followed by a role line."""
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        line = text[pos:end]
        if pos > start and _NARRATIVE.search(line):
            return pos
        if not line.strip():
            nxt = end + 1
            while nxt < len(text) and text[nxt] == "\n":
                nxt += 1
            nxt_end = text.find("\n", nxt)
            if not _ROLE_LINE.match(text, nxt) or _NARRATIVE.search(text[nxt:nxt_end if nxt_end != -1 else len(text)]):
                return pos
        pos = end + 1
    return len(text)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def section_text(text: str, sections: list[SectionSpan], name: str) -> tuple[int, str]:
    """(offset, text) of the named section, or (0, "") when it is absent."""
    for s in sections:
        if s.name == name:
            return s.start, text[s.start:s.end]
    return 0, ""
