"""Showing one article: the core of `fazhi laws show 刑法 264` and of the law browser."""

from __future__ import annotations

import re
from datetime import date

from fazhi.errors import BadInput
from fazhi.laws.kb import KnowledgeBase
from fazhi.text import cn_to_int, fold_width


def parse_article_number(raw: str) -> tuple[int, int]:
    """'264', '二百六十四', '第二百六十四条', '133之一', '１３３' -> (number, sub)."""
    s = fold_width(raw).strip().removeprefix("第").replace("条", "")
    m = re.fullmatch(r"([0-9]+|[零〇一二两三四五六七八九十百千]+)(?:之([一二三四五六七八九十0-9]+))?", s)
    if not m:
        raise BadInput(f"无法识别的条文序号：{raw}", f"unreadable article number: {raw}")
    try:
        number = int(m.group(1)) if m.group(1).isdigit() else cn_to_int(m.group(1))
        sub = 0 if not m.group(2) else (int(m.group(2)) if m.group(2).isdigit() else cn_to_int(m.group(2)))
    except ValueError as exc:
        raise BadInput(f"无法识别的条文序号：{raw}", f"unreadable article number: {raw}") from exc
    return number, sub


def show_article(kb: KnowledgeBase, law_name: str, article: str, *, when: date | None = None) -> dict:
    """The article as in force on ``when`` (newest text if None), or a BadInput saying what is wrong."""
    law = kb.find_law(law_name)
    if law is None:
        raise BadInput(f"知识库中没有《{law_name}》", f"no law named {law_name} in the knowledge base")
    number, sub = parse_article_number(article)
    art = kb.article(law.id, number, sub=sub, when=when)
    note = None
    if art is None:
        art = kb.article_any_version(law.id, number, sub)
        if art is None:
            raise BadInput(f"《{law.title}》没有第{article}条（该法共{kb.max_article(law.id)}条）",
                           f"{law.title} has no article {article} (it has {kb.max_article(law.id)})")
        note = f"该条在{when.isoformat() if when else '所查日期'}不在施行文本中，显示的是{art.version.version_date}版"
    if law.repeal_date:
        succ = kb.successor(law.id)
        note = f"该法已于{law.repeal_date.isoformat()}废止" + (f"，由《{succ[0].title}》取代" if succ else "")
    return {**art.to_dict(), "status_note": note}
