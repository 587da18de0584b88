"""Finding statute citations as written: 《…》第X条第Y款第Z项, lists, ranges, 该法 / 同法 / 本法.

This is the surface parser; resolving a citation to a knowledge-base article (does it
exist, was it in force) is the job of :mod:`fazhi.laws`, which builds on it.
"""

from __future__ import annotations

import re

from fazhi.documents.record import StatuteRef
from fazhi.text import cn_to_int

_NUM = r"[零〇一二两三四五六七八九十百千0-9]+"
_TITLE = re.compile(r"《([^《》\n]{1,100})》")
# An article reference: 第X条 with optional 之一 (inserted articles), 第Y款, 第（Z）项.
_ARTICLE = re.compile(
    rf"第({_NUM})条(?:之[一二三四五六七八九十]+)?(?:第({_NUM})款)?(?:第[（(]?({_NUM})[）)]?项)?"
)
# What may stand between two article references of one list: 、 ， 和 及 以及 或 至 and spaces.
_JOINER = re.compile(r"[ \t]*(?:、|，|,|和|及|以及|或者|或|至|到)?[ \t]*")
# Laws cited by name without 《》 (依照民法典第五百七十七条, 根据刑法第六十七条): only these common
# names, and only after a word or mark that can stand before a law name, so that 合同法 inside
# 劳动合同法 is not read on its own.
_BARE_NAMES = (
    "民法典", "刑法", "民事诉讼法", "刑事诉讼法", "行政诉讼法", "行政处罚法", "行政复议法", "行政许可法", "行政强制法",
    "劳动合同法", "劳动法", "劳动争议调解仲裁法", "社会保险法", "公司法", "合伙企业法", "企业破产法", "证券法", "保险法",
    "票据法", "合同法", "物权法", "担保法", "婚姻法", "继承法", "收养法", "侵权责任法", "民法通则", "民法总则",
    "消费者权益保护法", "产品质量法", "食品安全法", "道路交通安全法", "治安管理处罚法", "国家赔偿法", "未成年人保护法",
    "反家庭暴力法", "妇女权益保障法", "老年人权益保障法", "著作权法", "商标法", "专利法", "反不正当竞争法", "土地管理法",
    "城市房地产管理法", "农村土地承包法", "仲裁法", "个人信息保护法", "网络安全法", "电子商务法", "监察法", "宪法",
    "立法法", "律师法", "公证法", "人民调解法", "法律援助法", "出境入境管理法", "环境保护法", "税收征收管理法",
    "调解仲裁法", "国家安全法", "反洗钱法", "银行业监督管理法", "商业银行法", "海商法", "民用航空法", "招标投标法",
    "政府采购法", "价格法", "广告法", "药品管理法", "安全生产法", "森林法", "野生动物保护法", "文物保护法",
)
# Longer law names that end with a bare name: 合同法 in 劳动合同法 is not 合同法.
_LONGER = ("劳动合同法", "技术合同法", "经济合同法", "社会保险法", "劳动争议调解仲裁法", "仲裁法", "军人保险法",
           "存款保险法", "监察官法", "人民法院组织法")


def _bare_alternative(name: str) -> str:
    prefixes = {longer[: -len(name)] for longer in _LONGER if longer.endswith(name) and longer != name}
    guard = "".join(f"(?<!{re.escape(p)})" for p in sorted(prefixes, key=len))
    return guard + re.escape(name)


_BARE = re.compile(r"(?:中华人民共和国)?(" + "|".join(_bare_alternative(n) for n in sorted(_BARE_NAMES, key=len, reverse=True))
                   + r")(?=第)")
_MORE_CLAUSES = re.compile(rf"第[（(]?{_NUM}[）)]?[款项]")
# 同法 / 本法 only on their own: not the tail of 劳动合同法 or 香港特别行政区基本法.
_BACKREF = re.compile(r"(该法|(?<![合共])同法|(?<![基根])本法|该解释|该规定|该条例|该公约|上述法律)")
_MAX_RANGE = 30


def find_statutes(text: str) -> list[StatuteRef]:
    """Every statute article cited in ``text``, in order, as written (law title without 《》).

    ``第一百四十三条、第一百四十四条`` gives two references; ``第十条至第十二条`` gives
    10, 11 and 12; ``该法第五条`` is attributed to the last law named before it; common laws
    named without 《》 (依照民法典第五百七十七条) count too.
    """
    refs: list[StatuteRef] = []
    last_law: str | None = None
    anchors: list[tuple[int, int, str | None]] = []  # (position after anchor, anchor start, law)
    for m in _TITLE.finditer(text):
        title = _clean_title(m.group(1))
        if title is not None:
            anchors.append((m.end(), m.start(), title))
    for m in _BARE.finditer(text):
        anchors.append((m.end(), m.start(), m.group(1)))
    for m in _BACKREF.finditer(text):
        anchors.append((m.end(), m.start(), None))
    anchors.sort()
    for pos, start, law in anchors:
        if law is not None:
            last_law = law
        elif last_law is None:
            continue
        refs.extend(_article_run(text, pos, law or last_law, start))
    return refs


# A title is a statute only if it ends like one; 《房屋租赁合同》第八条 cites a contract, not a law.
_LAW_TITLE = re.compile(r"(?:法|法典|规定|解释|条例|办法|决定|规则|细则|意见|批复|答复|通知|纪要|修正案|标准|准则|公约|章程|制度)"
                        r"(?:[（(][^）)]{1,20}[）)])?$")


def _clean_title(title: str) -> str | None:
    title = re.sub(r"\s+", "", title)
    return title if _LAW_TITLE.search(title) else None


def _article_run(text: str, pos: int, law: str | None, anchor_start: int) -> list[StatuteRef]:
    """The run of 第X条 references that directly follows a law title at ``pos``."""
    out: list[StatuteRef] = []
    if law is None:
        return out
    prev_article: int | None = None
    range_pending = False
    # Allow 的 / 规定的 / a short gap such as "（2018年修正）" between the title and the first article.
    gap = re.compile(r"[ \t]*(?:[（(][^）)\n]{0,20}[）)])?[ \t]*(?:的规定)?[ \t]*")
    g = gap.match(text, pos)
    cursor = g.end() if g else pos
    while True:
        m = _ARTICLE.match(text, cursor)
        if not m:
            break
        try:
            article = cn_to_int(m.group(1))
            paragraph = cn_to_int(m.group(2)) if m.group(2) else None
            item = cn_to_int(m.group(3)) if m.group(3) else None
        except ValueError:
            break
        if range_pending and prev_article is not None and 0 < article - prev_article <= _MAX_RANGE:
            for between in range(prev_article + 1, article):
                out.append(StatuteRef(law=law, article=between, start=m.start(), end=m.end()))
        out.append(StatuteRef(law=law, article=article, paragraph=paragraph, item=item, start=m.start(), end=m.end()))
        prev_article = article
        j = _JOINER.match(text, m.end())
        # 第二十六条第一款、第四款: further 款/项 of the same article are not new articles.
        while j is not None and (more := _MORE_CLAUSES.match(text, j.end())):
            j = _JOINER.match(text, more.end())
        if j is None or not text.startswith("第", j.end()):
            break
        range_pending = j.group(0).strip() in {"至", "到"}
        cursor = j.end()
    return out


def unique_articles(refs: list[StatuteRef]) -> list[StatuteRef]:
    """One reference per (law, article), first occurrence kept, order preserved."""
    seen: set[tuple[str, int]] = set()
    out: list[StatuteRef] = []
    for r in refs:
        key = (r.law, r.article)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
