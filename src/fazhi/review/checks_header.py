"""Header and case-number checks (document_review.md §1: DR-HDR-01…03, DR-CN-01…05).

The heading of a judgment names the court, the document kind and the 案号; every later part
of the document, and every later document of the case, is keyed on them. A wrong court name or
number sends the document to the wrong dossier; a 判决书 that "裁定如下" or a 民终 case with 原告
and 被告 is a drafting slip a clerk must catch before issue.

This module also holds :class:`Facts`, the structural reading of one document (heading lines,
the document's own case number, the party block, the signature block) that the other structure
checks (checks_parties, checks_dates, checks_signature, checks_appeal, checks_text) share. It is
computed at most once per review and cached on the :class:`~fazhi.review.registry.Context`;
extraction itself runs once through ``ctx.record``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from fazhi.documents.case_number import CaseNumber, Problem, find_case_numbers, validate_case_number
from fazhi.documents.courts import Court, court_by_code, court_by_name
from fazhi.documents.parties import AGENT_ROLES, REPRESENTATIVE_ROLES
from fazhi.documents.record import CaseRecord, PartyRecord
from fazhi.review.registry import Context, Finding, check
from fazhi.text import find_dates, parse_date

__all__ = ["DECISIONS", "BenchLine", "Facts", "Line", "RoleVerdict", "deciding_court", "facts", "header_court",
           "notice_court", "role_family", "role_verdict"]

# Court-issued decisions: the structure checks apply to these only (party filings such as
# 起诉状 or 上诉状 have no 案号, bench or appeal notice of their own).
DECISIONS = frozenset({"判决书", "裁定书", "调解书", "决定书", "支付令"})

# Roles of persons who are not parties to the dispute (for "principal party" lists).
_NOT_PARTY_ROLES = frozenset({"公诉机关", "抗诉机关", "辩护人", "被害人", "案外人"}) | AGENT_ROLES | REPRESENTATIVE_ROLES

_LINE = re.compile(r"[^\n]*")
_WS = re.compile(r"\s+")
_HEAD_CHARS = 700
# A title line: any document-kind word at the end, spaces allowed between characters.
_TITLE_WORD = re.compile(r"(?:判\s*决|裁\s*定|调\s*解|决\s*定|支\s*付\s*令)")
_COURT_WORD = re.compile(r"法\s*院|法\s*庭")
_ROLE_START = re.compile(
    r"^[ \t　]*(?:[二三四五六七八九十两]+)?(?:原告|被告|上诉人|被上诉人|公诉机关|原公诉机关|抗诉机关|自诉人|申请执行人|被执行人|"
    r"申请人|被申请人|再审申请人|申诉人|异议人|具状人|答辩人|申请复议人|第三人|附带民事诉讼)"
)

# Signature block (尾部, J14 / K13) with offsets; titles may be spread with spaces (审 判 员).
_BENCH_LINE = re.compile(
    r"^[ \t　]*(?P<title>审\s*判\s*长|审\s*判\s*员|代\s*理\s*审\s*判\s*员|独\s*任\s*审\s*判\s*员|人\s*民\s*陪\s*审\s*员|"
    r"陪\s*审\s*员|法\s*官\s*助\s*理|代\s*理\s*书\s*记\s*员|书\s*记\s*员|执\s*行\s*员|速\s*录\s*员)"
    r"[ \t:：　]*(?P<name>[\u4e00-\u9fa5·　 ]{1,12}?)[ \t　\r]*$",
    re.M,
)
# A line holding only a date, in any style a drafter might use (Arabic, 〇/零/O, 拾 …), so that
# DR-DATE-01 can say what is wrong with it.
_DATE_CHARS = "0-9０-９〇○◯零OoОо一二三四五六七八九十拾壹贰叁肆伍陆柒捌玖两廿元"
_DATE_LINE = re.compile(
    rf"^[ \t　]*(?P<date>[{_DATE_CHARS}]{{2,6}}[ 　]*年[ 　]*[{_DATE_CHARS}]{{1,3}}[ 　]*月[ 　]*[{_DATE_CHARS}]{{1,4}}[ 　]*[日号])"
    rf"[ \t　]*(?:[（(]院?印[）)])?[ \t　\r]*$",
    re.M,
)


@dataclass(frozen=True, slots=True)
class Line:
    """A line (or a token) of the document: offsets into ``ctx.text`` and its text."""

    start: int
    end: int
    text: str

    @property
    def compact(self) -> str:
        """The text without any whitespace (titles are often spread: 民 事 判 决 书)."""
        return _WS.sub("", self.text)


@dataclass(frozen=True, slots=True)
class BenchLine:
    """One line of the signature block: title (审判长, 书记员 …) and name, with offsets."""

    title: str
    name: str
    start: int
    end: int


def _lines(text: str, start: int, end: int) -> Iterator[Line]:
    for m in _LINE.finditer(text, start, end):
        if m.group().strip():
            s = m.start() + (len(m.group()) - len(m.group().lstrip()))
            yield Line(s, s + len(m.group().strip()), m.group().strip())


class Facts:
    """The structural reading of one document, shared by the structure checks."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text: str = ctx.text
        self.rec: CaseRecord = ctx.record

    # -- document kind --------------------------------------------------------------------

    @cached_property
    def is_decision(self) -> bool:
        """True for court-issued decisions (判决书, 裁定书, 调解书, 决定书, 支付令)."""
        return self.rec.doc_type in DECISIONS

    @cached_property
    def doc_word(self) -> str | None:
        """判决 / 裁定 / 调解 / 决定 — the decision word of the document kind."""
        return {"判决书": "判决", "裁定书": "裁定", "调解书": "调解", "决定书": "决定"}.get(self.rec.doc_type or "")

    # -- heading (首部) --------------------------------------------------------------------

    @cached_property
    def head_lines(self) -> list[Line]:
        """Non-empty lines of the heading, up to the first party line."""
        out: list[Line] = []
        for line in _lines(self.text, 0, min(len(self.text), _HEAD_CHARS)):
            if _ROLE_START.match(line.text) or len(out) >= 6:
                break
            out.append(line)
        return out

    @cached_property
    def title_line(self) -> Line | None:
        """The title line (民事判决书), found as the first heading line with a document-kind word."""
        for line in self.head_lines[:4]:
            c = line.compact
            if len(c) <= 16 and _TITLE_WORD.search(line.text) and not _COURT_WORD.search(line.text) \
                    and not c.startswith(("（", "(", "〔", "[")):
                return line
        return None

    @cached_property
    def court_line(self) -> Line | None:
        """The court-name line: the heading line before the title (the first line of the document)."""
        title = self.title_line
        for line in self.head_lines[:3]:
            if title is not None and line.start >= title.start:
                break
            if len(line.compact) <= 40 and not line.compact.startswith(("（", "(", "〔")):
                return line
        return None

    @cached_property
    def numbers(self) -> list[tuple[int, int, CaseNumber]]:
        """Every case number in the text (lenient forms included), with offsets."""
        return find_case_numbers(self.text)

    @cached_property
    def own_number(self) -> tuple[Line, CaseNumber | None] | None:
        """The document's own 案号 as written in the heading, and its lenient parse.

        The number stands in the heading (document_types.md J1). When it is too damaged for the
        lenient grammar, the heading line after the title is taken as written, so that strict
        validation can say what is wrong with it.
        """
        if not self.is_decision:
            return None
        title = self.title_line
        limit = max(500, (title.end if title else 0) + 200)
        for s, e, cn in self.numbers:
            if s < limit and (title is None or s >= title.start):
                return Line(s, e, self.text[s:e]), cn
            if s >= limit:
                break
        for line in self.head_lines:
            if title is not None and line.start <= title.start:
                continue
            if line.compact[:1] in "（(〔[【［" and any(ch.isdigit() for ch in line.text):
                return line, None
        return None

    # -- party block (当事人) --------------------------------------------------------------

    @cached_property
    def block(self) -> tuple[int, int]:
        """(start, end) of the party block; (0, 0) when it was not found."""
        for s in self.rec.sections:
            if s.name == "当事人":
                return s.start, s.end
        return 0, 0

    @cached_property
    def principals(self) -> list[PartyRecord]:
        """The parties proper (not agents, representatives, prosecutors or counsel)."""
        return [p for p in self.rec.parties if p.role not in _NOT_PARTY_ROLES and len(p.name) >= 2]

    @cached_property
    def aliases(self) -> dict[str, list[str]]:
        """Party name → short names it is given in the text: X（以下简称Y）."""
        out: dict[str, list[str]] = {}
        for p in self.rec.parties:
            for m in re.finditer(re.escape(p.name) + r"\s*[（(](?:以下简称|以下称|下称|简称)[“\"]?([\u4e00-\u9fa5A-Za-z]{2,16}?)[”\"]?[）)]",
                                 self.text):
                out.setdefault(p.name, []).append(m.group(1))
        return out

    @cached_property
    def known_names(self) -> frozenset[str]:
        """Every name the document introduces: participants, short names, bench and clerk."""
        names = {p.name for p in self.rec.parties}
        for short in self.aliases.values():
            names.update(short)
        names.update(b.name for b in self.bench)
        return frozenset(n for n in names if len(n) >= 2)

    def role_span(self, party: PartyRecord) -> Line | None:
        """The role label of a party line (上诉人 in 上诉人（原审被告）：X), with offsets."""
        ls = self.text.rfind("\n", 0, party.start) + 1
        label = self.text[ls:party.start]
        m = re.search(re.escape(party.role) if party.role in label else r"[\u4e00-\u9fa5]{2,10}", label)
        if not m:
            return None
        return Line(ls + m.start(), ls + m.end(), m.group())

    # -- signature block (尾部) ------------------------------------------------------------

    @cached_property
    def tail_start(self) -> int:
        """Start of the signature block (尾部); the last 800 characters when no section was found."""
        for s in self.rec.sections:
            if s.name == "尾部":
                return s.start
        return max(0, len(self.text) - 800)

    @cached_property
    def bench_lines(self) -> list[BenchLine]:
        """Every signature line of the 尾部 (judges, assistant, clerk), in order."""
        out: list[BenchLine] = []
        for m in _BENCH_LINE.finditer(self.text, self.tail_start):
            name = _WS.sub("", m.group("name"))
            if len(name) < 2:
                continue
            title = _WS.sub("", m.group("title"))
            title = {"独任审判员": "审判员", "陪审员": "人民陪审员"}.get(title, title)
            out.append(BenchLine(title, name, m.start(), m.end()))
        return out

    @cached_property
    def bench(self) -> list[BenchLine]:
        """The judges who sign (审判长, 审判员, 代理审判员, 人民陪审员)."""
        return [b for b in self.bench_lines if b.title in ("审判长", "审判员", "代理审判员", "人民陪审员", "执行员")]

    @cached_property
    def clerks(self) -> list[BenchLine]:
        """The 书记员 lines (normally one)."""
        return [b for b in self.bench_lines if b.title in ("书记员", "代理书记员")]

    @cached_property
    def date_line(self) -> Line | None:
        """The signature-date line of the 尾部 (after the judges), however it is written."""
        start = self.bench[0].start if self.bench else self.tail_start
        found = [Line(m.start("date"), m.end("date"), m.group("date")) for m in _DATE_LINE.finditer(self.text, start)]
        if not found and not self.bench:
            return None
        return found[0] if found else None

    @cached_property
    def signature_date(self) -> date | None:
        """The date of the signature line as written; None when there is none or it is not a date.

        Not the extractor's fallback (the last date near the end): when the date line is
        malformed that fallback can be a date from the operative part.
        """
        line = self.date_line
        if line is None:
            return None
        try:
            return parse_date(_WS.sub("", line.text))
        except ValueError:
            return None

    @cached_property
    def events(self) -> list[tuple[date, Line]]:
        """(date, event word) of this case's procedural history: filing, hearing, prosecution.

        Read from the 案件由来 section (J3 / K5) only, where the dates are this case's own; dates
        of facts, contracts or deadlines (…前, 至…止) and of an enforcement case (立案执行) are not
        events of this case.
        """
        out: list[tuple[date, Line]] = []
        start, body = self.ctx.section("案件由来")
        body = body[:1500]
        for d in find_dates(body):
            if d.precision != "day":
                continue
            after = body[d.end:d.end + 20]
            m = _EVENT.match(after)
            if not m or _FUTURE_CUE.match(after) or after.startswith("执行", m.end()):
                continue
            word = m.group().lstrip("，")
            s = start + d.end + m.end() - len(word)
            out.append((d.value, Line(s, start + d.end + m.end(), word)))
        return out


# Procedural events of this case, dated in the history (J3 / K5): the date comes right before.
_EVENT = re.compile(r"^(?:[^，。；\n]{0,3}?)(?:立案|受理|公开开庭|不公开开庭|开庭|向本院提起公诉|向本院提起|提起公诉|组织.{0,8}听证|听证)")
_FUTURE_CUE = re.compile(r"前|以前|之前|止|届满|到期|为限")


def facts(ctx: Context) -> Facts:
    """The :class:`Facts` of ``ctx``, computed once and cached on the context."""
    found = ctx.__dict__.get("_structure_facts")
    if found is None:
        found = Facts(ctx)
        ctx.__dict__["_structure_facts"] = found
    return found


# ---------------------------------------------------------------------------------------------
# DR-HDR-01: court name
# ---------------------------------------------------------------------------------------------

_TITLE_TAIL = re.compile(r"(?:刑事附带民事|民事|刑事|行政|执行|国家赔偿)?(?:判决书|裁定书|调解书|决定书|支付令)$")
_SPECIAL_COURT = re.compile(r"(?:人民法院|知识产权法院|金融法院|海事法院|互联网法院|铁路运输法院|铁路运输中级法院)$")
# Courts missing from the derived table (court_codes.csv header): a code in these ranges that
# the table lacks is not evidence of a wrong code.
_TABLE_GAP = re.compile(r"^(?:军|兵)|^.\d{0,2}(?:7[1-9]|8\d|9\d)")


def _expected_court(f: Facts) -> Court | None:
    own = f.own_number
    if own is None or own[1] is None or own[1].legacy:
        return None
    return court_by_code(own[1].court_code)


_NOTICE_COURT = re.compile(r"上诉于([^，。；\s]{2,40}?(?:法院|法庭))|直接向([^，。；\s]{2,40}?(?:法院|法庭))提出上诉")


def notice_court(f: Facts) -> Court | None:
    """The appellate court the appeal notice names, if it is in the court table."""
    m = _NOTICE_COURT.search(f.text, max(0, f.tail_start - 1500))
    if not m:
        return None
    return court_by_name((m.group(1) or m.group(2)).removeprefix("中华人民共和国"))


def header_court(f: Facts) -> Court | None:
    """The court the heading line names (full or province-less name), if it is in the table."""
    if f.court_line is None:
        return None
    return court_by_name(_TITLE_TAIL.sub("", f.court_line.compact.removeprefix("中华人民共和国")))


def deciding_court(f: Facts) -> Court | None:
    """The court that decided: the 案号's court, unless the heading names another court whose
    appellate court is the one the appeal notice names (then the number is the slip)."""
    by_code = _expected_court(f)
    by_name = header_court(f)
    if by_code is None or by_name is None or by_code.code == by_name.code:
        return by_code or by_name
    named = notice_court(f)
    if named is not None and by_name.parent_code == named.code and by_code.parent_code != named.code:
        return by_name
    return by_code


@check("DR-HDR-01", family="court", severity="error",
       basis="document_review.md DR-HDR-01；法〔2015〕137号第12条（各级法院代字表）；人民法院民事裁判文书制作规范（首部写法院全称）")
def court_name_matches_code(ctx: Context) -> Iterator[Finding]:
    """The heading names the court by its full official name, the court of the 案号's 法院代字."""
    f = facts(ctx)
    if not f.is_decision or f.court_line is None:
        return
    line = f.court_line
    # The SPC heads its documents 中华人民共和国最高人民法院; a title run into the line is not the name.
    name = _TITLE_TAIL.sub("", line.compact.removeprefix("中华人民共和国"))
    expected = _expected_court(f)
    by_name = court_by_name(name)
    if expected is not None:
        if name == expected.full_name:
            return
        if by_name is not None and by_name.code == expected.code:
            # DR-HDR-01: the full official name, with the province (practice, 2016 templates).
            yield ctx.finding("DR-HDR-01", f"法院名称“{name}”不是全称，应写作“{expected.full_name}”",
                              line.start, line.end, expected.full_name, severity="warning")
            return
        if by_name is not None:
            # Which one is the slip? The appeal notice names the parent of the true court; when it
            # cannot tell, the finding covers both the court line and the number (they are adjacent).
            own = f.own_number
            start, end = line.start, line.end
            decided = deciding_court(f)
            named = notice_court(f)
            if own is not None and decided is not None and decided.code == by_name.code:
                start, end = own[0].start, own[0].end
            elif own is not None and (named is None or by_name.parent_code == expected.parent_code
                                      or named.code not in (by_name.parent_code, expected.parent_code)):
                end = max(end, own[0].end)
            yield ctx.finding("DR-HDR-01",
                              f"首部法院“{name}”（{by_name.code}）与案号法院代字{expected.code}（{expected.full_name}）不一致",
                              start, end, expected.full_name, expected=expected.full_name, found_code=by_name.code)
            return
        yield ctx.finding("DR-HDR-01", f"法院名称“{name}”不是规范全称，案号法院代字{expected.code}对应“{expected.full_name}”",
                          line.start, line.end, expected.full_name, expected=expected.full_name)
        return
    if by_name is None and _COURT_WORD.search(name) and not _SPECIAL_COURT.search(name):
        # 朝阳法院, 北京市朝阳区法院: an informal name is never the heading of a decision.
        yield ctx.finding("DR-HDR-01", f"法院名称“{name}”不是规范全称（应为“××人民法院”全称）",
                          line.start, line.end, None)


# ---------------------------------------------------------------------------------------------
# DR-HDR-02 / DR-HDR-03: title and decision formula
# ---------------------------------------------------------------------------------------------

_TITLE_OK = re.compile(r"^(?P<cat>刑事附带民事|民事|刑事|行政赔偿|行政|执行|国家赔偿|司法赔偿|司法救助)?"
                       r"(?P<kind>判决书|裁定书|调解书|决定书|支付令)$")
# Title category families (DR-HDR-02) and the 案号 categories they fit.
_TITLE_FAMILY = {"民事": "民", "行政": "民", "行政赔偿": "民", "刑事": "刑", "刑事附带民事": "刑", "执行": "执",
                 "国家赔偿": "赔", "司法赔偿": "赔", "司法救助": "救"}
_CN_FAMILY = {"民事": "民", "行政": "民", "破产清算": "民", "非诉保全": "民", "司法协助": "民", "刑事": "刑",
              "执行": "执", "国家赔偿": "赔", "司法救助": "救"}


def role_family(rec: CaseRecord) -> str | None:
    """The category the party roles point to: 刑 (被告人, 公诉机关), 执 (申请执行人), 民 (原告, 上诉人 …)."""
    roles = {p.role for p in rec.parties}
    if roles & {"被告人", "公诉机关", "自诉人", "抗诉机关", "原审被告人"}:
        return "刑"
    if roles & {"申请执行人", "被执行人"}:
        return "执"
    if roles & {"原告", "被告", "上诉人", "被上诉人", "再审申请人", "第三人"}:
        return "民"
    return None


@check("DR-HDR-02", family="header", severity="error",
       basis="document_review.md DR-HDR-02；民事诉讼文书样式（2016）：标题为文书种类全称（民事判决书等）")
def title_form(ctx: Context) -> Iterator[Finding]:
    """The title is category + document kind (民事判决书 …) and fits the case-number category."""
    f = facts(ctx)
    line = f.title_line
    if not f.is_decision or line is None:
        return
    t = line.compact
    m = _TITLE_OK.match(t)
    if m is None:
        yield ctx.finding("DR-HDR-02", f"文书标题“{t}”不完整，应为“民事判决书”“刑事裁定书”等文书种类全称",
                          line.start, line.end, None)
        return
    cat, kind = m.group("cat"), m.group("kind")
    if cat is None and kind in ("判决书", "裁定书", "调解书"):
        yield ctx.finding("DR-HDR-02", f"文书标题“{t}”缺少案件类别（民事、刑事、行政等）", line.start, line.end,
                          f"民事{kind}" if role_family(f.rec) == "民" else None)
        return
    own = f.own_number
    cn = own[1] if own else None
    if cat is None or cn is None or cn.category is None:
        return
    want, have = _CN_FAMILY.get(cn.category), _TITLE_FAMILY.get(cat)
    if want is None or have is None or want == have:
        return
    if {want, have} == {"民", "执"}:
        return  # enforcement rulings were long titled 民事裁定书; not worth an error
    # The title and the 案号 disagree: blame the title when the party roles side with the number.
    if role_family(f.rec) in (want, None):
        yield ctx.finding("DR-HDR-02", f"文书标题“{t}”与案号类型“{cn.type_code}”（{cn.category}）不符",
                          line.start, line.end, None)


_FORMULA = re.compile(r"(判决|裁定|决定)如下|(?:达成|协议)如下")
_WRONG_WORD = re.compile(r"如不服本(判决|裁定)|本(判决|裁定)为终审|(判决|裁定)书送达之日|接到(判决|裁定)书")


@check("DR-HDR-03", family="header", severity="error",
       basis="document_review.md DR-HDR-03；民事诉讼法第一百五十五条、第一百五十七条（判决与裁定的区分）")
def decision_formula(ctx: Context) -> Iterator[Finding]:
    """判决书 says 判决如下, 裁定书 裁定如下; a mediation document has no 判决主文."""
    f = facts(ctx)
    word = f.doc_word
    if not f.is_decision or word is None or f.title_line is None:
        return
    reasons_at, _reasons = ctx.section("本院认为")
    for m in _FORMULA.finditer(ctx.text, reasons_at or f.block[1]):
        said = m.group(1)
        if said is None:
            continue
        if word == "调解" and said == "判决":
            yield ctx.finding("DR-HDR-03", "调解书中不应出现“判决如下”", m.start(), m.end(), "当事人自愿达成如下协议")
        elif word in ("判决", "裁定") and said != word and said in ("判决", "裁定"):
            yield ctx.finding("DR-HDR-03", f"{f.rec.doc_type}应写“{word}如下”，此处为“{said}如下”", m.start(), m.end(),
                              f"{word}如下")
    if word not in ("判决", "裁定"):
        return
    other = "裁定" if word == "判决" else "判决"
    for m in _WRONG_WORD.finditer(ctx.text, f.tail_start - 1500 if f.tail_start > 1500 else 0):
        said = next(g for g in m.groups() if g)
        if said == other:
            yield ctx.finding("DR-HDR-03", f"{f.rec.doc_type}中出现“{m.group()}”，应为“{m.group().replace(other, word)}”",
                              m.start(), m.end(), m.group().replace(other, word))


# ---------------------------------------------------------------------------------------------
# DR-CN-01 … DR-CN-05: the case number
# ---------------------------------------------------------------------------------------------

_BRACKET_REASONS = frozenset({"halfwidth_brackets", "wrong_brackets", "doc_brackets", "spaces"})
# Cited numbers are court case numbers only when what precedes them is not part of another
# issuer's document number (浦劳人仲（2024）办字第2635号 is an arbitral award).
_CITE_OK_BEFORE = frozenset("院出以及与和的据照经见为即：:，,、（(〔[号于")


def _own_problems(f: Facts) -> list[Problem]:
    """Strict validation of the own number (cached: DR-CN-01 and DR-CN-02 both read it)."""
    cached = f.__dict__.get("_own_problems")
    if cached is not None:
        return cached
    own = f.own_number
    found: list[Problem] = []
    if own is not None:
        sig = f.signature_date
        found = validate_case_number(own[0].text, strict=True, judgment_date=sig)
        if sig is not None and any(d > sig for d, _ev in f.events):
            # The signature date is before this case's own events: DR-DATE-03 reports the date,
            # so CN-S9 (year after the judgment date) would only repeat it at the number.
            found = [p for p in found if p.code != "CN-S9"]
    f.__dict__["_own_problems"] = found
    return found


@check("DR-CN-01", family="case_number", severity="error",
       basis="case_number.md §5（CN-S1…S9）；法〔2015〕137号、法〔2018〕335号；document_review.md DR-CN-01")
def case_number_valid(ctx: Context) -> Iterator[Finding]:
    """The document's own 案号 passes strict validation (case_number.md §5)."""
    f = facts(ctx)
    if not f.is_decision:
        return
    own = f.own_number
    if own is None:
        if f.rec.doc_type in ("判决书", "裁定书", "调解书") and f.title_line is not None:
            t = f.title_line
            yield ctx.finding("DR-CN-01", "首部未见本案案号", t.start, t.end, None)
        return
    line = own[0]
    for p in _own_problems(f):
        if p.code == "CN-FORMAT" and p.reason in _BRACKET_REASONS:
            continue  # DR-CN-02
        severity = p.severity
        if p.code == "CN-LEVEL":
            severity = "info"  # §4 "mainly" levels are advisory
        elif p.code == "CN-S2" and p.reason == "unknown_court" and _TABLE_GAP.search(own[1].court_code if own[1] else ""):
            severity = "info"  # the derived court table lacks these courts (court_codes.csv header)
        yield ctx.finding("DR-CN-01", f"案号{line.text}：{p.message_zh}", line.start, line.end, None,
                          severity=severity, code=p.code, reason=p.reason)
    # Cited court case numbers must have a valid shape too (a legacy "字第" number after 2015 …).
    for s, e, cn in f.numbers:
        if s == line.start or not _is_court_citation(ctx.text, s, cn) or cn.category is None:
            continue  # not recognisably a court's number (an arbitral award: （2023）京劳人仲字第1号)
        for p in validate_case_number(ctx.text[s:e], strict=True):
            if p.code == "CN-FORMAT" and p.reason not in _BRACKET_REASONS or p.code in ("CN-S1", "CN-S3", "CN-S5",
                                                                                       "CN-S6", "CN-S7"):
                yield ctx.finding("DR-CN-01", f"引用的案号{ctx.text[s:e]}：{p.message_zh}", s, e, None,
                                  code=p.code, reason=p.reason)


def _is_court_citation(text: str, s: int, cn: CaseNumber) -> bool:
    before = text[s - 1] if s > 0 else "\n"
    return not ("\u4e00" <= before <= "\u9fa5") or before in _CITE_OK_BEFORE


_HALF = re.compile(r"[()\s　]")


@check("DR-CN-02", family="case_number", severity="error",
       basis="case_number.md §2（案号使用全角圆括号“（）”）；法〔2015〕137号第3条；document_review.md DR-CN-02")
def case_number_brackets(ctx: Context) -> Iterator[Finding]:
    """Case numbers use full-width brackets （）, never () or 〔〕, and contain no spaces."""
    f = facts(ctx)
    if not f.is_decision:
        return
    own = f.own_number
    if own is not None:
        for p in _own_problems(f):
            if p.code == "CN-FORMAT" and p.reason in _BRACKET_REASONS:
                yield ctx.finding("DR-CN-02", f"案号{own[0].text}：{p.message_zh}", own[0].start, own[0].end,
                                  own[1].normalized if own[1] else None, reason=p.reason)
    for s, e, cn in f.numbers:
        if own is not None and s == own[0].start:
            continue
        raw = ctx.text[s:e]
        if _HALF.search(raw) and _is_court_citation(ctx.text, s, cn) and (cn.court is not None or cn.legacy):
            yield ctx.finding("DR-CN-02", f"案号“{raw}”应使用全角圆括号且不得有空格", s, e, cn.normalized)


def _seq_typo(a: str, b: str) -> bool:
    """True when ``b`` looks like a slip for ``a``: one adjacent transposition, one digit added or
    dropped, or one digit changed anywhere but the last place (a neighbouring case usually differs
    in the last digit, so that alone is not evidence of a slip)."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True
        return len(diff) == 1 and diff[0] != len(a) - 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _one_char_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


_OTHER_CASE = re.compile(r"另案|关联|系列|同类|其他案件|执行依据|执行案号")


@check("DR-CN-03", family="case_number", severity="error",
       basis="document_review.md DR-CN-03；document_types.md DT-X-01（同一案件的案号处处一致）")
def case_number_consistent(ctx: Context) -> Iterator[Finding]:
    """The document's own number is written identically wherever it appears.

    A number is taken as a slip for the own number when it shares year, court and type and its
    sequence differs by a transposition, an added or dropped digit, or a changed non-final digit
    (or it shares court, type and sequence with another year, or year, type and sequence with a
    court code one character off). Other cases' numbers (the first-instance judgment, an
    enforcement case, the prosecutor's 起诉书) differ in court or type and are left alone.
    """
    f = facts(ctx)
    own = f.own_number
    if own is None or own[1] is None or own[1].legacy:
        return
    mine = own[1]
    slips: list[tuple[int, int, CaseNumber]] = []
    same = 0
    for s, e, cn in f.numbers:
        if s == own[0].start or cn.legacy or cn.sub != mine.sub:
            continue
        if cn.normalized == mine.normalized:
            same += 1
            continue
        if _OTHER_CASE.search(ctx.text[max(0, s - 15):s]):
            continue
        seq_slip = (cn.year, cn.court_code, cn.type_code) == (mine.year, mine.court_code, mine.type_code) \
            and _seq_typo(str(mine.seq), str(cn.seq))
        year_slip = (cn.court_code, cn.type_code, cn.seq) == (mine.court_code, mine.type_code, mine.seq) \
            and cn.year != mine.year
        court_slip = (cn.year, cn.type_code, cn.seq) == (mine.year, mine.type_code, mine.seq) \
            and _one_char_apart(cn.court_code, mine.court_code)
        if seq_slip or year_slip or court_slip:
            slips.append((s, e, cn))
    if not slips:
        return
    variants = {cn.normalized for _s, _e, cn in slips}
    if same == 0 and len(slips) >= 2 and len(variants) == 1:
        # Every later occurrence agrees with each other and not with the heading: the heading is the slip.
        other = slips[0][2].normalized
        yield ctx.finding("DR-CN-03", f"首部案号{own[0].text}与正文多处出现的{other}不一致", own[0].start, own[0].end, other)
        return
    for s, e, _cn in slips:
        yield ctx.finding("DR-CN-03", f"案号“{ctx.text[s:e]}”与首部本案案号{mine.normalized}不一致", s, e, mine.normalized)


# Role families for DR-CN-04 / DR-PTY-01, by (category, procedure) of the 案号.
_FORBIDDEN: dict[tuple[str, str], frozenset[str]] = {
    ("民", "一审"): frozenset({"上诉人", "被上诉人", "被告人", "公诉机关", "申请执行人", "被执行人", "再审申请人"}),
    ("民", "二审"): frozenset({"原告", "被告", "被告人", "公诉机关", "申请执行人", "被执行人", "再审申请人"}),
    ("刑", "一审"): frozenset({"原告", "被告", "上诉人", "被上诉人", "申请执行人", "被执行人"}),
    ("刑", "二审"): frozenset({"原告", "被告", "申请执行人", "被执行人"}),
    ("执", "执行"): frozenset({"原告", "被告", "上诉人", "被上诉人", "被告人", "公诉机关"}),
    ("执", "执行异议"): frozenset({"原告", "被告", "上诉人", "被上诉人", "被告人", "公诉机关"}),
    ("民", "再审"): frozenset({"原告", "被告", "被告人", "申请执行人", "被执行人"}),
    ("民", "再审审查"): frozenset({"原告", "被告", "被告人", "申请执行人", "被执行人"}),
}
_EXPECTED_WORDS = {"一审": "原告、被告", "二审": "上诉人、被上诉人", "执行": "申请执行人、被执行人",
                   "执行异议": "异议人、申请执行人、被执行人", "再审": "再审申请人、被申请人", "再审审查": "再审申请人、被申请人"}


@dataclass(frozen=True, slots=True)
class RoleVerdict:
    """Party roles measured against the 案号 type: which labels do not belong there."""

    forbidden: list[tuple[PartyRecord, Line]]
    allowed: int
    expected: str


def role_verdict(f: Facts) -> RoleVerdict | None:
    """Which principal party labels contradict the procedure the 案号 encodes (None: no rule)."""
    cache = f.__dict__.get("_role_verdict", False)
    if cache is not False:
        return cache
    verdict = None
    own = f.own_number
    cn = own[1] if own else None
    if cn is not None and cn.category and cn.procedure:
        fam = _CN_FAMILY.get(cn.category)
        rule = _FORBIDDEN.get((fam or "", cn.procedure))
        if rule is not None:
            bad: list[tuple[PartyRecord, Line]] = []
            ok = 0
            for p in f.rec.parties:
                if p.role in AGENT_ROLES or p.role in REPRESENTATIVE_ROLES:
                    continue
                if p.role in rule:
                    span = f.role_span(p)
                    if span is not None:
                        bad.append((p, span))
                else:
                    ok += 1
            verdict = RoleVerdict(bad, ok, _EXPECTED_WORDS.get(cn.procedure, ""))
    f.__dict__["_role_verdict"] = verdict
    return verdict


@check("DR-CN-04", family="case_number", severity="error",
       basis="document_review.md DR-CN-04；case_number.md §4（类型代字：民初为一审、民终为二审）")
def case_type_matches_roles(ctx: Context) -> Iterator[Finding]:
    """The type code fits the content: 民终 has 上诉人/被上诉人, 民初 原告/被告, 刑初 被告人 …

    When every party label belongs to another procedure, the number is the odd one out and is
    reported here; a single stray label among consistent ones is DR-PTY-01's.
    """
    f = facts(ctx)
    v = role_verdict(f)
    own = f.own_number
    if v is None or own is None or not v.forbidden or v.allowed > 0 or len(v.forbidden) < 2:
        return
    cn = own[1]
    roles = "、".join(dict.fromkeys(p.role for p, _ in v.forbidden))
    yield ctx.finding("DR-CN-04", f"案号类型“{cn.type_code if cn else ''}”（{cn.procedure if cn else ''}）与当事人称谓“{roles}”不符，"
                      f"应为{v.expected}", own[0].start, own[0].end, None)


_APPEAL_FROM = re.compile(r"不服[^。；\n]{0,80}?(?:判决|裁定)")


@check("DR-CN-05", family="case_number", severity="warning",
       basis="document_review.md DR-CN-05；民事诉讼文书样式（2016）二审判决书：写明原审法院及案号")
def lower_court_cited(ctx: Context) -> Iterator[Finding]:
    """A second-instance decision cites the lower court and its case number; a court named before a
    cited number is the court of that number."""
    f = facts(ctx)
    if not f.is_decision:
        return
    own = f.own_number
    cn = own[1] if own else None
    # A court name right before a case number must be that number's court.
    for s, e, other in f.numbers:
        if own is not None and s == own[0].start or other.legacy or other.court is None:
            continue
        m = re.search(r"([\u4e00-\u9fa5]{2,30}?(?:人民法院|知识产权法院|金融法院|海事法院|互联网法院|铁路运输法院))$",
                      ctx.text[max(0, s - 40):s])
        if not m:
            continue
        name = m.group(1)
        for cut in range(len(name) - 4):  # the regex is lazy from the left: try shorter tails
            named = court_by_name(name[cut:])
            if named is not None:
                if named.code != other.court_code:
                    start = s - len(name) + cut
                    yield ctx.finding("DR-CN-05", f"“{name[cut:]}”与其后案号的法院代字{other.court_code}"
                                      f"（{other.court.full_name}）不一致", start, e, other.court.full_name)
                break
    if cn is None or cn.procedure != "二审":
        return
    if any(o.normalized != cn.normalized and o.procedure in ("一审", None) for _s, _e, o in f.numbers):
        return
    m = _APPEAL_FROM.search(ctx.text, f.block[1] or 0)
    if m:
        yield ctx.finding("DR-CN-05", "二审文书未写明原审法院的案号", m.start(), m.end(),
                          "不服××人民法院（年度）法院代字民初××号民事判决")
