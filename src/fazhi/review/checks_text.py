"""Text-quality checks (document_review.md §12 DR-TXT-01, DR-TXT-03) plus two of this module's
own: DR-SEC-01 (required sections present and in order, document_types.md §4 J1–J14) and
DR-TYPO-01 (common mis-writings of legal terms).

A template placeholder left in an issued judgment (【待填写】, XXX, 原告姓名) or a mis-written
statutory term (即判力, 和议庭, 有期徙刑) is visible to every reader and to the appellate court.
These checks are precise rather than complete: an anonymised published text legitimately
contains 某 and × (张某, 京A×××××, 张××), so × is flagged only where a template left it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fazhi.review.checks_header import facts
from fazhi.review.registry import Context, Finding, check

# ---------------------------------------------------------------------------------------------
# DR-TXT-03: leftover placeholders
# ---------------------------------------------------------------------------------------------

_X = "[×Xx＊*ＸｘＸ]"
# Template markers that never occur in an issued judgment, anonymised or not.
_PLACEHOLDER = re.compile(
    # 【…】 holding a template word or nothing (【待填写】, 【原告姓名】, 【上诉法院】, 【】); published
    # texts use 【】 inside document numbers and quotes (蓝公交认字【2016】第044号), which stay.
    r"【(?:[^【】\n]{0,12}?(?:填写|待|姓名|名称|日期|金额|案号|法院|地址|补充|插入|此处|××|XX|xx)[^【】\n]{0,8})?】"
    # Blanks to fill: ＿＿, ____.
    r"|[_＿]{2,}"
    # Template words.
    r"|(?:原告|被告|上诉人|被上诉人|当事人|被告人|申请人|第三人)(?:姓名|名称)(?=[，,。；：:、）)\n]|$)|待填写|待补充|此处填写|请填写"
    # Masks where nothing is ever anonymised: statute articles and case numbers.
    rf"|第{_X}{{2,}}条|[（(]20{_X}{{2}}[）)]"
)
# Masks that anonymisation also produces (××××年××月××日 for a date of birth, XXX弄XXX号 for
# an address, 被告Xxx2, masked amounts): only a hint that a template may have been left.
_PLACEHOLDER_HINT = re.compile(
    rf"(?:20|19|{_X}{{2}}){_X}{{2}}年|{_X}{{2,}}(?:元|万元|人民法院)"
    r"|(?:(?<=原告)|(?<=被告)|(?<=第三人)|(?<=上诉人)|(?<=被告人))(?:XXX+|xxx+|××+)(?=[，,。；、（(：:\n])"
)


@check("DR-TXT-03", family="text", severity="error",
       basis="document_review.md DR-TXT-03（定稿文书不得遗留模板占位符）")
def leftover_placeholders(ctx: Context) -> Iterator[Finding]:
    """No template placeholders (【待填写】, ＿＿, 原告姓名, 第××条) remain in the document; masks
    that anonymisation also produces (××××年, ××元) are reported as hints only."""
    f = facts(ctx)
    if not f.is_decision:
        return
    text = ctx.text
    for m in _PLACEHOLDER.finditer(text):
        yield ctx.finding("DR-TXT-03", f"文书中遗留模板占位符“{m.group()}”", m.start(), m.end(), "填写实际内容或删除")
    for m in _PLACEHOLDER_HINT.finditer(text):
        yield ctx.finding("DR-TXT-03", f"“{m.group()}”可能是遗留的模板占位符（如为匿名化处理可忽略）", m.start(), m.end(),
                          None, severity="info")


# ---------------------------------------------------------------------------------------------
# DR-TXT-01: half-width punctuation in Chinese text (info only: it never changes the meaning)
# ---------------------------------------------------------------------------------------------

_CJK = "\u4e00-\u9fa5"
_HALF_PUNCT = re.compile(rf"(?<=[{_CJK}])[,;:?!](?=[{_CJK}])|(?<=[{_CJK}])\((?=[{_CJK}])|(?<=[{_CJK}])\)(?=[{_CJK}，。；])")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@check("DR-TXT-01", family="text", severity="info",
       basis="document_review.md DR-TXT-01；GB/T 15834-2011 标点符号用法（中文语句使用全角标点）")
def halfwidth_punctuation(ctx: Context) -> Iterator[Finding]:
    """Chinese sentences use full-width punctuation (，；：（）), not half-width , ; : ( )."""
    f = facts(ctx)
    if not f.is_decision:
        return
    for m in _HALF_PUNCT.finditer(ctx.text):
        yield ctx.finding("DR-TXT-01", f"中文语句中使用了半角标点“{m.group()}”", m.start(), m.end(), _FULL[m.group()])


# ---------------------------------------------------------------------------------------------
# DR-SEC-01: required sections, in order
# ---------------------------------------------------------------------------------------------

_FORMULA = re.compile(r"(?:判决|裁定|决定)如下|协议如下|达成如下协议")
_REASONS = re.compile(r"^[ \t　]*本院认为", re.M)
_NOTICE = re.compile(r"如不服本(?:判决|裁定)|本(?:判决|裁定)为终审")
_BASIS_CLAUSE = re.compile(r"依照[^。]{4,400}?(?:之规定|规定)")


@check("DR-SEC-01", family="section", severity="error",
       basis="document_types.md §4 J1–J14、§5 K1–K13；民事诉讼法第一百五十五条（判决书应当写明的内容）")
def required_sections(ctx: Context) -> Iterator[Finding]:
    """A decision has a party block, an operative part and a signature block (errors when
    missing), and 本院认为 → operative part → appeal notice → signatures come in that order."""
    f = facts(ctx)
    if not f.is_decision or f.rec.doc_type not in ("判决书", "裁定书", "调解书") or f.rec.title is None:
        return  # an excerpt without a title line is not a whole document: nothing to say about its parts
    text = ctx.text
    if not f.rec.parties:
        head = f.head_lines[-1] if f.head_lines else None
        s, e = (head.start, head.end) if head else (0, min(len(text), 40))
        yield ctx.finding("DR-SEC-01", "缺少当事人基本情况部分", s, e, None)
    formula = _FORMULA.search(text)
    if formula is None:
        clauses = list(_BASIS_CLAUSE.finditer(text))
        last = clauses[-1] if clauses else None
        s, e = (last.start(), last.end()) if last else (max(0, f.tail_start - 100), f.tail_start)
        yield ctx.finding("DR-SEC-01", "缺少裁判主文（未见“判决如下”“裁定如下”或调解协议）", s, e, None)
    if not f.bench:
        yield ctx.finding("DR-SEC-01", "缺少尾部署名（审判人员、日期、书记员）", max(0, len(text) - 60), len(text), None)
    if formula is None:
        return
    reasons = [m for m in _REASONS.finditer(text) if m.start() > formula.start()]
    if reasons and f.rec.doc_type == "判决书":
        m = reasons[0]
        yield ctx.finding("DR-SEC-01", "“本院认为”出现在裁判主文之后，段落顺序有误", m.start(), m.end(), None,
                          severity="warning")
    notice = _NOTICE.search(text)
    if notice is not None and notice.start() < formula.start():
        yield ctx.finding("DR-SEC-01", "上诉告知或终审声明出现在裁判主文之前，段落顺序有误", notice.start(), notice.end(), None,
                          severity="warning")
    if f.bench and f.bench[0].start < formula.start():
        b = f.bench[0]
        yield ctx.finding("DR-SEC-01", "署名出现在裁判主文之前，段落顺序有误", b.start, b.end, None, severity="warning")


# ---------------------------------------------------------------------------------------------
# DR-TYPO-01: common mis-writings of legal terms
# ---------------------------------------------------------------------------------------------

# wrong form → (right form, severity). Only forms that are never correct Chinese in a judgment
# are errors; usage preferences of the drafting standards are info.
_TYPOS: dict[str, tuple[str, str]] = {
    "即判力": ("既判力", "error"),
    "诉讼情求": ("诉讼请求", "error"),
    "诉讼请球": ("诉讼请求", "error"),
    "和议庭": ("合议庭", "error"),
    "合意庭": ("合议庭", "error"),
    "书计员": ("书记员", "error"),
    "书纪员": ("书记员", "error"),
    "判绝如下": ("判决如下", "error"),
    "判诀如下": ("判决如下", "error"),
    "栽定": ("裁定", "error"),
    "剥回": ("驳回", "error"),
    "法定带理人": ("法定代理人", "error"),
    "代里人": ("代理人", "error"),
    "缓型": ("缓刑", "error"),
    "罚紧": ("罚金", "error"),
    "受理废": ("受理费", "error"),
    "诉讼废": ("诉讼费", "error"),
    "有期徙刑": ("有期徒刑", "error"),
    "无期徙刑": ("无期徒刑", "error"),
    "刑事居留": ("刑事拘留", "error"),
    "逮扑": ("逮捕", "error"),
    "辨称": ("辩称", "error"),
    "答辨": ("答辩", "error"),
    "申辨": ("申辩", "error"),
    "抗辨": ("抗辩", "error"),
    "辨护": ("辩护", "error"),
    "本院人为": ("本院认为", "error"),
    "维持原叛": ("维持原判", "error"),
    "联带责任": ("连带责任", "error"),
    "联带清偿": ("连带清偿", "error"),
    "陪偿": ("赔偿", "error"),
    "民间借货": ("民间借贷", "error"),
    "人民陪申员": ("人民陪审员", "error"),
    "审判常": ("审判长", "error"),
    "延迟履行期间的债务利息": ("迟延履行期间的债务利息", "error"),
    "做出判决": ("作出判决", "info"),
    "做出裁定": ("作出裁定", "info"),
    "签定": ("签订", "info"),
}
# Context-bound forms: 上述状 only where an appeal is filed; 被上述人 but not 被上述人员.
_CONTEXT_TYPOS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=递交|提交|提出)上述状|上述状(?=正本|副本)"), "上诉状"),
    (re.compile(r"被上述人(?!员)"), "被上诉人"),
    (re.compile(r"上述人(?=（原审|\(原审)"), "上诉人"),
)
_TYPO_RE = re.compile("|".join(re.escape(k) for k in sorted(_TYPOS, key=len, reverse=True)))


@check("DR-TYPO-01", family="typo", severity="error",
       basis="人民法院民事裁判文书制作规范（用语规范）；法律术语以法律条文用字为准")
def legal_term_typos(ctx: Context) -> Iterator[Finding]:
    """Common mis-writings of legal terms (即判力 → 既判力, 和议庭 → 合议庭, 有期徙刑 → 有期徒刑 …)."""
    f = facts(ctx)
    if not f.is_decision:
        return
    text = ctx.text
    for m in _TYPO_RE.finditer(text):
        right, severity = _TYPOS[m.group()]
        yield ctx.finding("DR-TYPO-01", f"“{m.group()}”应为“{right}”", m.start(), m.end(), right, severity=severity)
    for rx, right in _CONTEXT_TYPOS:
        for m in rx.finditer(text):
            yield ctx.finding("DR-TYPO-01", f"“{m.group()}”应为“{right}”", m.start(), m.end(), right)
