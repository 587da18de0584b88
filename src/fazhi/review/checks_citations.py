"""Legal-citation checks (document_review.md §5, DR-CIT) for court documents.

Why: 法释〔2009〕14号 第一条 requires the full name of each normative document and its exact
article numbers; a repealed law, an article that does not exist in the version in force, or a
conviction whose article is missing from the 依照 clause makes the judgment wrong in law. The
resolving work (does the law exist, which version was in force, was it repealed and by what) is
:func:`fazhi.laws.citations.check_citations`; this module maps its findings to the DR-CIT ids and
adds what needs the judgment's context: where the 依照 clause is, when the facts arose, which
charges were convicted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from fazhi.documents.citations import _BARE
from fazhi.documents.fields import charges as find_charges
from fazhi.laws.citations import CitationCheck, check_citations
from fazhi.laws.kb import PRC, KnowledgeBase, normalise_title
from fazhi.review.checks_amounts import TextView, cached, finding, operative_span, text_view
from fazhi.review.registry import Context, Finding, check
from fazhi.text import cn_to_int, find_dates, int_to_cn

__all__ = ["articles_of_charge", "basis_clause", "charge_articles", "cited_criminal_articles", "citations",
           "court_zone", "defendant_segments", "facts_date", "is_court_document", "match_cited"]

COURT_DOCUMENTS = frozenset({"判决书", "裁定书", "调解书", "决定书", "支付令"})


def is_court_document(ctx: Context) -> bool:
    """Court-issued decisions only: party filings (起诉状, 上诉状 …) may abbreviate as they like."""
    return ctx.record.doc_type in COURT_DOCUMENTS


def citations(ctx: Context) -> list[CitationCheck]:
    """Every citation of the document checked against the knowledge base as of the judgment date."""
    when = ctx.record.judgment_date or ctx.today
    return cached(ctx, "citations", lambda: check_citations(ctx.kb, ctx.text, when=when, judgment=True))


def court_zone(ctx: Context) -> int:
    """Input offset where the court's own reasoning begins (本院认为, else 查明事实): citations before
    it are the parties' or an earlier court's words, quoted, not the judgment's basis."""

    def make() -> int:
        view = text_view(ctx)
        bounds = view.bounds("本院认为") or view.bounds("查明事实")
        return view.orig(*bounds)[0] if bounds else 0

    return cached(ctx, "court_zone", make)


def graded(ctx: Context, c: CitationCheck) -> str | None:
    """The registered severity for the court's own citations, a warning for quoted ones."""
    return None if c.start >= court_zone(ctx) else "warning"


_FORMULA = re.compile(r"(?:判决|裁定|决定)如下")
_BASIS_LEAD = re.compile(r"依照|依据|根据")
_SPACE = re.compile(r"\s+")


def basis_clause(view: TextView) -> tuple[int, int] | None:
    """(start, end) of the 依照…之规定 clause right before 判决如下 / 裁定如下 (normalised offsets)."""
    decision = view.bounds("判决主文")
    limit = decision[0] if decision else len(view.text)
    formula = None
    for m in _FORMULA.finditer(view.text, 0, limit):
        formula = m
    if formula is None:
        return None
    sentence = max(view.text.rfind("。", 0, formula.start()), view.text.rfind("\n", 0, formula.start())) + 1
    lead = _BASIS_LEAD.search(view.text, sentence, formula.start())
    return (lead.start(), formula.start()) if lead else None


_REPEAL_TEMPORAL = re.compile(r"(?:法律事实|事实|行为)[^。]{0,10}发生(?:于|在)[^。]{0,30}民法典[^。]{0,10}施行(?:之)?前"
                              r"|时间效力的若干规定》第一条第二款|适用当时的法律")
_FACT_SECTIONS = ("诉讼请求", "辩称", "查明事实", "本院认为")


def facts_date(view: TextView) -> date | None:
    """The earliest date of the facts (claims, defence, facts found, reasoning), month precision or better."""

    def make() -> date | None:
        found: list[date] = []
        for name in _FACT_SECTIONS:
            _at, body = view.section(name)
            found += [d.value for d in find_dates(body) if d.precision in ("day", "month")]
        return min(found) if found else None

    return view.remember("facts_date", make)


# ---------------------------------------------------------------------------------------------
# DR-CIT-01: 《》 and full titles in the 依照 clause
# ---------------------------------------------------------------------------------------------

_QUOTED = re.compile(r"《([^《》\n]{1,100})》(?=[ \t]*(?:[（(][^）)\n]{0,20}[）)])?[ \t]*(?:的规定)?[ \t]*第)")


@check("DR-CIT-01", family="citation", severity="error",
       basis="法释〔2009〕14号 第一条（引用法律应当准确完整写明规范性法律文件的名称）")
def full_titles(ctx: Context) -> Iterator[Finding]:
    """In the 依照 clause every law is cited by its full title in 《》 (中华人民共和国… included);
    elsewhere in the judgment a short title is only noted (info)."""
    if not is_court_document(ctx):
        return
    view = text_view(ctx)
    clause = basis_clause(view)
    kb: KnowledgeBase = ctx.kb
    if clause is not None:
        start, end = clause
        for m in _QUOTED.finditer(view.text, start, end):
            title = _SPACE.sub("", m.group(1))
            law = kb.find_law(title)
            if law is None or title == law.title:
                continue
            same = normalise_title(title) == normalise_title(law.title)
            if same and (title.startswith(PRC) or not law.title.startswith(PRC)):
                continue  # a title that only differs in brackets or spacing
            national = law.title.startswith(PRC)
            what = "缺少“中华人民共和国”" if same else "使用了简称"
            yield finding(ctx, view, "DR-CIT-01",
                          f"裁判依据中的《{title}》{what}，应写明全称《{law.title}》", m.start(), m.end(),
                          f"《{law.title}》", severity=None if national else "warning")
        for m in _BARE.finditer(view.text, start, end):
            name = m.group(1)
            law = kb.find_law(name)
            full = law.title if law is not None else PRC + name
            yield finding(ctx, view, "DR-CIT-01", f"裁判依据中的“{m.group()}”未加书名号或未写全称，应为《{full}》",
                          m.start(), m.end(), f"《{full}》")
    # Outside the clause: short titles are worth a note, no more (parties' words are quoted there).
    orig_clause = view.orig(*clause) if clause is not None else None
    for c in citations(ctx):
        if any(f.code == "TITLE-SHORT" for f in c.findings):
            if orig_clause is not None and orig_clause[0] <= c.start < orig_clause[1]:
                continue
            yield ctx.finding("DR-CIT-01", next(f.message for f in c.findings if f.code == "TITLE-SHORT"),
                              c.start, c.end, f"《{c.law}》" if c.law else None, severity="info")


# ---------------------------------------------------------------------------------------------
# DR-CIT-02: article numbers in standard Chinese numerals
# ---------------------------------------------------------------------------------------------

_ARTICLE_PARTS = re.compile(r"第(?P<a>[^条第]+)条(?:之(?P<s>[^第条款项、，]+))?(?:第(?P<p>[^款第]+)款)?"
                            r"(?:第[（(]?(?P<i>[^项（）()第]+)[）)]?项)?")
_BRACKET_CLAUSE = re.compile(r"第([零〇一二两三四五六七八九十百千]+)条(第[零〇一二三四五六七八九十]+款)?"
                             r"[（(]([一二三四五六七八九十]+)[）)]([款项])")


# A law title shortly before (the run of articles may sit between): 《…法》第…条、第…条（一）项.
_LAW_BEFORE = re.compile(r"《[^《》]{0,60}(?:法|法典|规定|解释|条例|办法|决定|规则|细则)》[^《》。；]*$")


def _standard(part: str) -> str | None:
    """The standard numeral for ``part`` if it is not already written that way, else None."""
    try:
        value = cn_to_int(part)
    except ValueError:
        return None
    if value <= 0:
        return None
    std = int_to_cn(value)
    return None if std == part else std


@check("DR-CIT-02", family="citation", severity="error",
       basis="法释〔2009〕14号 第一条；document_review.md §5.1（条文序号用汉字数字规范写法）")
def article_numerals(ctx: Context) -> Iterator[Finding]:
    """Article, paragraph and item numbers of cited laws are written in standard Chinese numerals
    (第二百六十四条, not 第264条; 第一百七十七条第一款第二项, not 第一百七十七条（一）款)."""
    if not is_court_document(ctx):
        return
    seen: set[tuple[int, int]] = set()
    for c in citations(ctx):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        if any(f.code == "ARTICLE-NUMBER-MALFORMED" for f in c.findings):
            yield ctx.finding("DR-CIT-02", c.findings[0].message, c.start, c.end, severity=graded(ctx, c))
            continue
        raw = _SPACE.sub("", ctx.text[c.start:c.end])
        m = _ARTICLE_PARTS.match(raw)
        if m is None:
            continue
        fixed = raw
        wrong = False
        for key in ("a", "s", "p", "i"):
            part = m.group(key)
            if not part:
                continue
            std = _standard(part)
            if std is not None:
                wrong = True
                fixed = fixed.replace(part, std, 1)
        if wrong:
            yield ctx.finding("DR-CIT-02", f"条文序号“{raw}”应使用规范的汉字数字，写作“{fixed}”",
                              c.start, c.end, fixed, severity=graded(ctx, c))
    view = text_view(ctx)
    for m in _BRACKET_CLAUSE.finditer(view.text):
        title = _LAW_BEFORE.search(view.text[max(0, m.start() - 80):m.start()])
        if title is None:
            continue  # 《房屋租赁合同》第八条（一）项 cites a contract, not a law
        fixed = f"第{m.group(1)}条{m.group(2) or ''}第{m.group(3)}{m.group(4)}"
        yield finding(ctx, view, "DR-CIT-02", f"“{m.group()}”写法不规范，应写作“{fixed}”", m.start(), m.end(), fixed)


# ---------------------------------------------------------------------------------------------
# DR-CIT-04 / 05 / 06: repealed laws, versions, existence
# ---------------------------------------------------------------------------------------------


def _title_start(ctx: Context, c: CitationCheck) -> int:
    """Where the law title of citation ``c`` starts (the 《 before it, or the bare name)."""
    lo = max(0, c.start - 400)
    window = ctx.text[lo:c.start]
    at = window.rfind("《")
    if at != -1 and "》" in window[at:]:
        return lo + at
    name = c.law_as_written.removeprefix(PRC)
    at = window.rfind(name)
    if at != -1:
        prefix = window[:at].endswith(PRC)
        return lo + at - (len(PRC) if prefix else 0)
    return c.start


def _by_title(ctx: Context, code: str) -> Iterator[tuple[CitationCheck, int, int, list[CitationCheck]]]:
    """Citations with finding ``code``, grouped per law title as written: (first, start, end, group),
    the span running from the title to the last article of the group."""
    groups: dict[int, list[CitationCheck]] = {}
    for c in citations(ctx):
        if any(f.code == code for f in c.findings):
            groups.setdefault(_title_start(ctx, c), []).append(c)
    for start, group in groups.items():
        yield group[0], start, max(c.end for c in group), group


@check("DR-CIT-04", family="citation", severity="error",
       basis="民法典 第一千二百六十条；法释〔2020〕15号 第一条（民法典施行前的法律事实适用当时的法律）")
def repealed_laws(ctx: Context) -> Iterator[Finding]:
    """A repealed law (合同法, 物权法 … repealed 2021-01-01) cited for facts that arose after it was
    repealed is an error; for facts that arose before, citing it is correct (info)."""
    if not is_court_document(ctx):
        return
    view = text_view(ctx)
    explicit = _REPEAL_TEMPORAL.search(view.text) is not None
    first = facts_date(view)
    for c, start, end, group in _by_title(ctx, "LAW-REPEALED"):
        law = ctx.kb.find_law(c.law_as_written)
        repeal = law.repeal_date if law is not None else None
        gone = f"《{c.law or c.law_as_written}》已于{repeal.isoformat() if repeal else '裁判前'}废止"
        successor = "、".join(a.label for g in group for a in g.successor) or None
        if successor:
            gone += f"，对应{successor}"
        if explicit or (repeal is not None and first is not None and first < repeal):
            # 法释〔2020〕15号 第一条第二款: 民法典施行前的法律事实引起的民事纠纷案件，适用当时的法律、司法解释的规定
            yield ctx.finding("DR-CIT-04", f"{gone}；本案法律事实发生在其废止前，适用当时的法律正确"
                              "（可写明依照《最高人民法院关于适用〈中华人民共和国民法典〉时间效力的若干规定》第一条第二款）",
                              start, end, successor, severity="info")
        elif first is None:
            yield ctx.finding("DR-CIT-04", f"{gone}；未能确定法律事实发生的时间，请核对是否应适用新法",
                              start, end, successor, severity="warning")
        else:
            yield ctx.finding("DR-CIT-04", f"{gone}；本案法律事实发生于{first.isoformat()}，在其废止之后，应适用新法",
                              start, end, successor, severity=graded(ctx, c))


_NATIONAL_LAW = re.compile(r"(?<!办)法$")


@check("DR-CIT-05", family="citation", severity="error",
       basis="法释〔2009〕14号 第一条；立法法 第五十七条（法律修改后条文序号相应变更）")
def article_in_version(ctx: Context) -> Iterator[Finding]:
    """The cited article exists in the version of the law in force on the judgment date (CPL 2021 /
    2023 renumberings …), and the law was in force then."""
    if not is_court_document(ctx):
        return
    for c in citations(ctx):
        for f in c.findings:
            if f.code == "ARTICLE-NOT-IN-VERSION":
                yield ctx.finding("DR-CIT-05", f.message, c.start, c.end, severity=graded(ctx, c))
    for c, start, end, _group in _by_title(ctx, "LAW-NOT-IN-FORCE"):
        law = ctx.kb.find_law(c.law_as_written)
        sure = law is not None and law.first_effective is not None  # else the KB may just lack old texts
        message = next(f.message for f in c.findings if f.code == "LAW-NOT-IN-FORCE")
        yield ctx.finding("DR-CIT-05", message, start, end, severity=graded(ctx, c) if sure else "info")


@check("DR-CIT-06", family="citation", severity="error",
       basis="法释〔2009〕14号 第一条；刑法分则罪刑条文（罪名与条文对应）")
def article_exists(ctx: Context) -> Iterator[Finding]:
    """The cited law and article exist; in a criminal judgment the article of each convicted charge
    is among the articles relied on (盗窃 → 刑法第二百六十四条)."""
    if not is_court_document(ctx):
        return
    for c in citations(ctx):
        raw = ctx.text[c.start:c.end]
        for f in c.findings:
            if f.code == "ARTICLE-MISSING":
                yield ctx.finding("DR-CIT-06", f"所引条文不存在：{f.message}", c.start, c.end, severity=graded(ctx, c))
            elif f.code == "PARAGRAPH-MISSING" and "之" not in raw:
                yield ctx.finding("DR-CIT-06", f"所引条款不存在：{f.message}", c.start, c.end, severity=graded(ctx, c))
    for c, start, end, _group in _by_title(ctx, "LAW-UNKNOWN"):
        title = c.law_as_written
        # Titles ending in 法 (not 办法) name national laws, which the knowledge base holds in full;
        # an unknown one is most likely misnamed. Other documents may simply be missing from it.
        law_like = _NATIONAL_LAW.search(title) is not None and not title.startswith("最高人民")
        message = next(f.message for f in c.findings if f.code == "LAW-UNKNOWN")
        yield ctx.finding("DR-CIT-06", f"《{title}》不是现行有效的法律名称，请核对" if law_like else message,
                          start, end, severity=graded(ctx, c) if law_like else "info")
    yield from _charge_articles(ctx)


def charge_articles(kb: KnowledgeBase) -> dict[str, list[tuple[int, int]]]:
    """罪名 → 刑法 articles (the defining one first), read once per knowledge base."""
    key = (id(kb), str(kb.path))
    if key not in _CHARGE_TABLE:
        _CHARGE_TABLE[key] = kb.charge_articles()
    return _CHARGE_TABLE[key]


_CHARGE_TABLE: dict[tuple[int, str], dict[str, list[tuple[int, int]]]] = {}


def articles_of_charge(kb: KnowledgeBase, name: str) -> list[tuple[int, int]]:
    """Articles of a charge as convicted; a selective charge (贩卖毒品罪) maps to its full name
    (走私、贩卖、运输、制造毒品罪)."""
    table = charge_articles(kb)
    if name in table:
        return table[name]
    core = name.removesuffix("罪").replace("、", "")
    out: list[tuple[int, int]] = []
    for full, arts in table.items():
        if "、" not in full or core[:2] not in full:
            continue
        rest = iter(full.removesuffix("罪").replace("、", ""))
        if all(ch in rest for ch in core):  # core is a subsequence of the full name
            out += [a for a in arts if a not in out]
    return out


_CRIMINAL_LAW = re.compile(r"《中华人民共和国刑法》|(?<![《\u4e00-\u9fa5])刑法(?=第)")
_ART = re.compile(r"第([零〇一二两三四五六七八九十百千0-9]+)条(?:之([一二三四五六七八九十]+))?")


def cited_criminal_articles(view: TextView) -> list[tuple[int, int, int, int]]:
    """(article, sub, start, end) of every 刑法 article in the 依照 clause (normalised offsets)."""

    def make() -> list[tuple[int, int, int, int]]:
        clause = basis_clause(view)
        if clause is None:
            return []
        start, end = clause
        out: list[tuple[int, int, int, int]] = []
        for law in _CRIMINAL_LAW.finditer(view.text, start, end):
            nxt = view.text.find("《", law.end(), end)
            stop = nxt if nxt != -1 else end
            for m in _ART.finditer(view.text, law.end(), stop):
                try:
                    n = cn_to_int(m.group(1))
                    sub = cn_to_int(m.group(2)) if m.group(2) else 0
                except ValueError:
                    continue
                out.append((n, sub, m.start(), m.end()))
        return out

    return view.remember("criminal_articles", make)


def match_cited(candidates: list[tuple[int, int]], cited: list[tuple[int, int, int, int]]
                ) -> list[tuple[int, int, int, int]]:
    """The cited articles that belong to a charge (an article ``n`` of the table also admits ``n之k``,
    as the table files 第一百三十三条之一 under 第一百三十三条)."""
    keys = set(candidates)
    return [c for c in cited if (c[0], c[1]) in keys or (c[0], 0) in keys]


def defendant_segments(view: TextView) -> list[tuple[str, int, int]]:
    """(name, start, end) of each defendant's part of the operative items (normalised offsets)."""

    def make() -> list[tuple[str, int, int]]:
        span = operative_span(view)
        if span is None:
            return []
        start, end = span
        marks = list(_DEFENDANT.finditer(view.text, start, end))
        out: list[tuple[str, int, int]] = []
        for i, m in enumerate(marks):
            seg_end = marks[i + 1].start() if i + 1 < len(marks) else end
            out.append((m.group(1), m.start(), seg_end))
        return out

    return view.remember("defendant_segments", make)


_DEFENDANT = re.compile(r"被告人\s*([^\s，,。；;犯（(]{1,20})\s*(?:（[^）]{0,20}）)?\s*犯")


def _charge_articles(ctx: Context) -> Iterator[Finding]:
    """DR-CIT-06 for criminal judgments: each convicted charge's article is relied on."""
    rec = ctx.record
    if rec.category != "刑事" or rec.doc_type != "判决书":
        return
    view = text_view(ctx)
    cited = cited_criminal_articles(view)
    if not cited:
        return
    kb: KnowledgeBase = ctx.kb
    specific = [c for c in cited if c[0] >= 102]  # 分则 starts at 第一百零二条
    convicted = list(dict.fromkeys(c for _n, s, e in defendant_segments(view) for c in find_charges(view.text[s:e])))
    for charge in convicted:
        arts = articles_of_charge(kb, charge)
        if not arts or match_cited(arts, cited):
            continue
        # Which cited 分则 article belongs to no convicted charge? That is the likely slip.
        stray = [c for c in specific
                 if not any(match_cited(articles_of_charge(kb, ch), [c]) for ch in convicted)
                 and kb.charges_for_article(c[0], c[1])]
        label = f"第{int_to_cn(arts[0][0])}条" + (f"之{int_to_cn(arts[0][1])}" if arts[0][1] else "")
        if stray:
            a, sub, ss, ee = stray[0]
            other = "、".join(kb.charges_for_article(a, sub))
            yield finding(ctx, view, "DR-CIT-06",
                          f"判决认定{charge}，裁判依据却未引用刑法{label}；所引第{int_to_cn(a)}条"
                          + (f"之{int_to_cn(sub)}" if sub else "") + f"系{other}的罪刑条文",
                          ss, ee, label,
                          severity="warning")
        else:
            clause = basis_clause(view)
            assert clause is not None
            yield finding(ctx, view, "DR-CIT-06", f"判决认定{charge}，裁判依据未引用刑法{label}",
                          clause[0], min(clause[1], clause[0] + 200), severity="warning")


def article_text(ctx: Context, article: int, sub: int, when: date | None) -> str | None:
    """Text of 刑法 ``article``(之``sub``) in force on ``when`` (None if the knowledge base lacks it)."""
    kb: KnowledgeBase = ctx.kb
    law = kb.find_law("中华人民共和国刑法")
    if law is None:
        return None
    art = kb.article(law.id, article, sub=sub, when=when)
    return art.text if art is not None else None
