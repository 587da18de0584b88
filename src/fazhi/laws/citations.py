"""Citation checking: every statute citation in a text, resolved to the knowledge base and checked.

For each citation: does the law exist, does the article (and 款) exist in the version in force
on the date, was the law in force then (a repealed law gets its successor and, where known, the
corresponding article), and — in a judgment — is the full title used (法释〔2009〕14号 第一条:
引用规范性法律文件应当准确完整写明名称和条款序号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from fazhi.assist import ArticleRef, Assist, Basis, ModelInfo, Span
from fazhi.documents.citations import find_statutes
from fazhi.laws.kb import PRC, Article, KnowledgeBase, normalise_title
from fazhi.text import cn_to_int, normalize
from fazhi.text.align import offset_map, to_original

MODEL = ModelInfo(name="fazhi-citation-check", version="0.1.0", card_id="citation-check-0.1")


@dataclass
class Finding:
    """One thing wrong (or worth knowing) about a citation."""

    code: str
    severity: str  # error | warning | info
    message: str

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "message": self.message}


@dataclass
class CitationCheck:
    """A citation as written, what it resolved to, and the findings."""

    law_as_written: str
    article: int
    paragraph: int | None
    item: int | None
    start: int
    end: int
    law: str | None = None  # full title in the knowledge base
    resolved: Article | None = None
    successor: list[Article] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        sev = {f.severity for f in self.findings}
        return "error" if "error" in sev else "warning" if "warning" in sev else "ok"

    def to_dict(self) -> dict:
        return {"law_as_written": self.law_as_written, "law": self.law, "article": self.article,
                "paragraph": self.paragraph, "item": self.item, "start": self.start, "end": self.end,
                "status": self.status, "findings": [f.to_dict() for f in self.findings],
                "text": self.resolved.text if self.resolved else None,
                "version": (self.resolved.version.version_date.isoformat()
                            if self.resolved and self.resolved.version.version_date else None),
                "successor": [a.to_dict() for a in self.successor]}


def check_citations(kb: KnowledgeBase, text: str, *, when: date | None = None,
                    judgment: bool = True) -> list[CitationCheck]:
    """Every citation in ``text`` checked against the knowledge base as of ``when`` (today if None).

    Offsets point into ``text`` as given (line breaks inside a citation are repaired first).
    """
    norm = normalize(text)
    mapping = offset_map(text, norm)
    when = when or date.today()
    out: list[CitationCheck] = []
    for ref in find_statutes(norm):
        start, end = to_original(mapping, ref.start, ref.end)
        c = CitationCheck(ref.law, ref.article, ref.paragraph, ref.item, start, end)
        _check(kb, c, when, judgment)
        out.append(c)
    for m in _MALFORMED.finditer(norm):  # 《刑法》第二百六十四十条: a number that is no number
        try:
            cn_to_int(m.group(2))
        except ValueError:
            start, end = to_original(mapping, m.start(2) - 1, m.end())
            c = CitationCheck(m.group(1), 0, None, None, start, end, law=None)
            c.findings.append(Finding("ARTICLE-NUMBER-MALFORMED", "error",
                                      f"《{m.group(1)}》的条文序号“第{m.group(2)}条”无法识别，请核对"))
            out.append(c)
    out.sort(key=lambda c: c.start)
    return out


_MALFORMED = re.compile(r"《([^《》\n]{1,100})》第([^条第《》\n，。；、]{1,12})条")


def _check(kb: KnowledgeBase, c: CitationCheck, when: date, judgment: bool) -> None:
    law = kb.find_law(c.law_as_written)
    if law is None:
        c.findings.append(Finding("LAW-UNKNOWN", "warning",
                                  f"知识库中没有《{c.law_as_written}》，请核对名称是否准确（也可能是知识库未收录）"))
        return
    c.law = law.title
    if judgment and normalise_title(c.law_as_written) == normalise_title(law.title) \
            and c.law_as_written != law.title and law.title.startswith(PRC):
        c.findings.append(Finding("TITLE-SHORT", "warning",
                                  f"裁判文书应写明法律全称《{law.title}》（法释〔2009〕14号 第一条）"))
    elif judgment and normalise_title(c.law_as_written) != normalise_title(law.title):
        c.findings.append(Finding("TITLE-SHORT", "warning",
                                  f"“{c.law_as_written}”为简称，裁判文书应写明全称《{law.title}》（法释〔2009〕14号 第一条）"))
    if law.repeal_date and when >= law.repeal_date:
        succ = kb.successor(law.id)
        msg = f"《{law.title}》已于{law.repeal_date.isoformat()}废止"
        if succ:
            new_law, _eff = succ
            mapped = kb.mapped_articles(law.id, c.article)
            c.successor = [a for a in (kb.article(nl.id, n, when=when) for nl, n in mapped) if a is not None]
            if c.successor:
                msg += "，对应" + "、".join(a.label for a in c.successor)
            else:
                msg += f"，应适用《{new_law.title}》的相应条文"
        c.findings.append(Finding("LAW-REPEALED", "error", msg))
        return
    version = kb.version_at(law.id, when)
    if version is None:
        versions = kb.versions(law.id)
        if not versions:
            c.findings.append(Finding("KB-NO-TEXT", "warning", f"知识库未收录《{law.title}》的条文，无法核对"))
        elif law.first_effective and when >= law.first_effective:
            c.findings.append(Finding("KB-NO-VERSION", "warning",
                                      f"知识库未收录《{law.title}》在{when.isoformat()}施行的文本"
                                      f"（收录的文本自{versions[0].valid_from}起施行），无法核对条文"))
        else:
            c.findings.append(Finding("LAW-NOT-IN-FORCE", "error", f"《{law.title}》在{when.isoformat()}尚未施行"))
        return
    if version.status == "已失效" and version.valid_to is None:
        c.findings.append(Finding("LAW-EXPIRED", "warning", f"《{law.title}》已失效（失效日期不详），请核对"))
    art = kb.article(law.id, c.article, when=when)
    if art is None:
        other = kb.article_any_version(law.id, c.article)
        top = kb.max_article(law.id)
        if other is not None:
            c.findings.append(Finding("ARTICLE-NOT-IN-VERSION", "error",
                                      f"《{law.title}》{when.isoformat()}施行的文本中没有第{c.article}条"
                                      f"（{other.version.version_date}版中有）"))
        else:
            c.findings.append(Finding("ARTICLE-MISSING", "error",
                                      f"《{law.title}》没有第{c.article}条（该法共{top}条）"))
        return
    c.resolved = art
    if c.paragraph:
        paragraphs = [p for p in art.text.split("\n") if p.strip() and not re.match(r"^[（(][一二三四五六七八九十]+[）)]", p.strip())]
        if c.paragraph > len(paragraphs):
            c.findings.append(Finding("PARAGRAPH-MISSING", "error",
                                      f"{art.label}只有{len(paragraphs)}款，没有第{c.paragraph}款"))


def citation_assists(kb: KnowledgeBase, text: str, *, when: date | None = None, judgment: bool = True) -> list[Assist]:
    """:func:`check_citations`, one Assist per citation with the resolved article text as basis."""
    out = []
    for c in check_citations(kb, text, when=when, judgment=judgment):
        arts = [c.resolved] if c.resolved else []
        arts += c.successor
        basis = Basis(articles=tuple(ArticleRef(a.law.title, a.number,
                                                a.version.version_date.isoformat() if a.version.version_date else None,
                                                a.text) for a in arts),
                      spans=(Span(c.start, c.end, "citation"),))
        if c.findings:
            explanation = "；".join(f.message for f in c.findings)
        else:
            explanation = f"已核对：{c.resolved.label if c.resolved else c.law_as_written}在所涉日期有效，条文存在。"
        out.append(Assist(kind="citation_check", result=c.to_dict(), model=MODEL, explanation=explanation,
                          basis=basis, confidence=None))
    return out
