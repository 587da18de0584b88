"""Clean the text of judgments before anything reads it: invisible characters, full-width forms, PDF line wraps.

Every extractor downstream matches on one canonical form, so these steps must be cheap (regex and
``str.translate`` only), length-preserving where offsets matter (:func:`fold_width`) and idempotent.
"""

from __future__ import annotations

import re

__all__ = ["fold_width", "normalize", "repair_line_breaks", "strip_invisible"]

# --- fold_width -------------------------------------------------------------------------------

# Full-width digits and Latin letters (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A), the ideographic
# space U+3000, and the full-width forms of . / - % + become ASCII. Chinese punctuation （）《》，。；、“”
# is left alone, and so is ： (U+FF1A) because it is also the Chinese colon (原告：); it is folded
# only between two digits (10：30), by _FW_COLON below.
_WIDTH_TABLE: dict[int, str] = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    0x3000: " ",
    0xFF0E: ".",  # ．
    0xFF0F: "/",  # ／
    0xFF0D: "-",  # －
    0xFF05: "%",  # ％
    0xFF0B: "+",  # ＋
}

# Patterns that scan whole documents start with a literal or a character class and put their
# lookbehinds after it: the regex engine then skips ahead to candidate characters instead of trying
# every position (several times faster on Chinese text), and each run of candidates is read once.
_WIDE = re.compile("[" + "".join(chr(c) for c in sorted(_WIDTH_TABLE)) + "]+")
_FW_COLON = re.compile(r"：(?<=[0-9]：)(?=[0-9])")

# Look-alikes of 〇 typed in Chinese dates (二○二三年, 二О二三年): ○ U+25CB, ◯ U+25EF, Cyrillic О/о,
# and Ｏ, which the table above has already turned into Latin O. They become 〇 only inside a run of
# Chinese numerals, so 张○ (a masked name) or a Latin "O" in a word are left alone; a run may also
# end right before 年 (二○二○年).
_CN_NUMERAL = "〇零一二三四五六七八九十"
_ZERO_LOOKALIKE = re.compile(rf"[○◯ОоOo](?<=[{_CN_NUMERAL}][○◯ОоOo])[○◯ОоOo]*+(?=[{_CN_NUMERAL}年])")


def _fold_zero(text: str) -> str:
    return _ZERO_LOOKALIKE.sub(lambda m: "〇" * len(m.group()), text)


def fold_width(text: str) -> str:
    """Fold full-width ASCII forms to half-width and zero look-alikes to 〇; the length never changes.

    Because every character maps to exactly one character, offsets found in the folded text are
    offsets into the original, which is what the ``find_*`` functions rely on.
    """
    folded = _WIDE.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)
    if "：" in folded:
        folded = _FW_COLON.sub(":", folded)
    return _fold_zero(folded)


# --- strip_invisible --------------------------------------------------------------------------

_INVISIBLE = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f"  # C0 and C1 controls but \t \n \r NEL
    "\u00ad"  # soft hyphen
    "\u034f\u061c\u180e"  # combining grapheme joiner, Arabic letter mark, Mongolian vowel separator
    "\u200b-\u200f"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069"  # bidi controls, word joiner, invisible operators
    "\ufeff"  # BOM / zero-width no-break space
    "]+"
)
# \r\n and \r (old Mac), NEL and the Unicode line and paragraph separators all end a line.
_LINE_END = re.compile("\r\n?|[\x85\u2028\u2029]")


def strip_invisible(text: str) -> str:
    """Remove zero-width characters, BOMs, soft hyphens and control characters; make every line end \\n."""
    return _LINE_END.sub("\n", _INVISIBLE.sub("", text))


# --- repair_line_breaks -----------------------------------------------------------------------

_SP = "\u0020\u00a0\u2000-\u200a\u202f\u205f\u3000"  # horizontal spaces, tab excluded
# Characters after which, or before which, a space is never wanted in Chinese text: ideographs,
# CJK and full-width punctuation, and the quotes, dashes and ellipsis Chinese text shares with others.
_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
)
# The lookbehinds sit after the first space and look at the character before it, so only the first
# space of a run can start a match and each run is read once (linear on any input).
_SPACE_BETWEEN_CJK = re.compile(rf"[{_SP}](?<=[{_CJK}][{_SP}])[{_SP}]*+(?=[{_CJK}])")
_INNER_SPACE_RUN = re.compile(rf"[{_SP}](?<=[^\s][{_SP}])[{_SP}]++(?=[^\s])")
_SP_CHARS = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TRAILING_SPACE = re.compile(rf"[{_SP}\t](?<![{_SP}\t][{_SP}\t])[{_SP}\t]*+$", re.MULTILINE)

# A line that ends with one of these ends a sentence or introduces a list: never join after it.
_FINAL = frozenset("。！？；：!?;:")
# A closing quote ends a sentence only when the quoted text does (……借款。”); “颜色分类”的 goes on.
_CLOSING = frozenset("」”』")
_FINAL_IN_QUOTE = _FINAL | {"…"}
_DIGITS = frozenset("0123456789")

# Party roles that open a line of the 当事人 section (民事/刑事/行政判决书 J2; 刑事: 被告人, 辩护人 …).
_ROLES = sorted(
    (
        "原告 被告 第三人 上诉人 被上诉人 申请人 被申请人 再审申请人 申请执行人 被执行人 公诉机关 抗诉机关 被告人 罪犯 "
        "自诉人 辩护人 指定辩护人 委托诉讼代理人 委托代理人 诉讼代理人 法定代表人 法定代理人 诉讼代表人 负责人 原审原告 "
        "原审被告 原审第三人 原审被告人 附带民事诉讼原告人 附带民事诉讼被告人 异议人 案外人 复议申请人 申诉人 被申诉人 "
        "赔偿请求人 赔偿义务机关 被害人 证人 翻译人员 鉴定人 利害关系人"
    ).split(),
    key=len,
    reverse=True,  # longest first: 被告人 before 被告
)
_ROLE = "(?:" + "|".join(_ROLES) + ")"
# What follows "原告张三，" on a party line: sex or former names for a person, seat or code for a body.
_PARTY_ATTR = r"(?:男|女|曾用名|别名|绰号|化名|又名|住所地|住址|统一社会信用代码|组织机构代码|公民身份号码)"
_SIGNATURE = r"(?:审判长|代理审判员|审判员|人民陪审员|陪审员|代理书记员|书记员|法官助理|速录员)"
_CN_DATE_LINE = r"[〇零○◯ОоOo0一二三四五六七八九]{4}年(?:十[一二]?|[一二三四五六七八九])月(?:[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
_AR_DATE_LINE = r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日"
_TITLE_LINE = r"[^\s，。；：,;:]{0,25}(?:判决书|裁定书|调解书|决定书)"
_CASE_NO_OPEN = r"[（(][ ]?(?:19|20)[0-9]{2}[ ]?[）)]"
_CASE_NO_LINE = _CASE_NO_OPEN + r"[^\s，。；：,;:]{1,30}?号(?:之[一二三四五六七八九十]+)?"

# Lines that are whole units by themselves (title, case number, signature date, a signature such as
# 审判长　张三): they are never joined to the line after them. Each is also a structural start below,
# so such a line stays a line of its own, which keeps repair_line_breaks idempotent.
_STANDALONE = re.compile(
    rf"[{_SP}\t]*(?:{_CN_DATE_LINE}|{_AR_DATE_LINE}|{_TITLE_LINE}|{_CASE_NO_LINE}"
    rf"|{_SIGNATURE}[{_SP}]*[^\s，。；：,;:]{{0,5}})"
)
_STANDALONE_MAX = 64  # longer lines cannot be one of the above; spares a regex call per long line

# A line that opens a new unit is never joined to the line before it. Every alternative matches on a
# prefix of the line only, so it still matches after later lines were joined to this one.
_STRUCTURAL = re.compile(
    rf"[{_SP}\t]*(?:"
    rf"{_ROLE}(?:[（(][^（）()\n]{{1,20}}[）)])*[{_SP}]?[：:]"  # 原告：  上诉人（原审被告）：
    rf"|{_ROLE}[^\s，。；：,;:]{{1,24}}?[，,]{_PARTY_ATTR}"  # 被告人张三，男，
    r"|本院认为|经审理查明|本院查明|另查明|再查明|判决如下|裁定如下|决定如下|本件与原本核对无异"
    r"|如不服本判决|如不服本裁定|附[：:]"
    r"|[一二三四五六七八九十]{1,3}、"  # 一、
    r"|[0-9]{1,3}[.、](?=[^0-9])"  # 1.  2、
    r"|[（(][一二三四五六七八九十]{1,3}[）)]|[（(][0-9]{1,3}[）)]"  # （一） (1)
    r"|[①-⑳]"
    rf"|{_CASE_NO_OPEN}"  # （2023）京0105民初12345号
    r")"
)


def _is_standalone(line: str) -> bool:
    return len(line) <= _STANDALONE_MAX and _STANDALONE.fullmatch(line) is not None


def _is_structural(line: str) -> bool:
    return _STRUCTURAL.match(line) is not None or _is_standalone(line)


_HAS_CJK = re.compile(f"[{_CJK}]")


def _needs_space(last: str, body: str) -> bool:
    """A line of Latin words (no CJK, some spaces) wrapped between two words needs a space; Chinese
    text, and the plate numbers and codes inside it (浙A12345, &times;), are joined as they are."""
    left, right = last[-1], body[0]
    return (
        left.isascii()
        and right.isascii()
        and left.isalnum()
        and right.isalnum()
        and (left.isalpha() or right.isalpha())
        and " " in last
        and _HAS_CJK.search(last) is None
    )


def _ends_sentence(line: str) -> bool:
    last = line[-1]
    return last in _FINAL or (last in _CLOSING and len(line) > 1 and line[-2] in _FINAL_IN_QUOTE)


def repair_line_breaks(text: str) -> str:
    """Join hard-wrapped lines of PDF-extracted text; drop spaces inside Chinese text and at line ends.

    A line is joined to the next one when it does not end a sentence (。！？；：, or 。” ), is not a unit
    by itself (title, case number, signature, date), and the next line does not open a new unit
    (a party, a heading such as 本院认为 or 审判长, a numbered item, a date or title line).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _INNER_SPACE_RUN.sub(" ", text)
    text = _TRAILING_SPACE.sub("", text)
    lines = text.split("\n")
    out: list[str] = []
    group: list[str] = [lines[0]]
    cur = lines[0]  # the current output line (the group joined); kept only while short
    cur_len = len(cur)
    last = cur
    for line in lines[1:]:
        body = line.lstrip(_SP_CHARS)
        if (
            body
            and last
            and not _ends_sentence(last)
            and not (cur_len <= _STANDALONE_MAX and _is_standalone(cur))
            # A digit after a digit is a number cut in two (第1|0、, www.168|8.com), not an item 0、 or 8.
            and (not _is_structural(line) or (last[-1] in _DIGITS and body[0] in _DIGITS))
        ):
            if _needs_space(last, body):
                group.append(" ")
                cur_len += 1
            group.append(body)
            cur_len += len(body)
            if cur_len <= _STANDALONE_MAX:
                cur = "".join(group)
            last = body
            continue
        out.append("".join(group))
        group = [line]
        cur = line
        cur_len = len(line)
        last = line
    out.append("".join(group))
    return "\n".join(out)


_BLANK_RUN = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """The canonical text every extractor reads: strip_invisible → fold_width → repair_line_breaks.

    Runs of two or more blank lines become one. The zero look-alike and colon folds are applied
    once more after line repair, because joining lines can bring 二 and ○二三 together; this makes
    ``normalize`` idempotent.
    """
    text = fold_width(strip_invisible(text))
    text = fold_width(repair_line_breaks(text))
    return _BLANK_RUN.sub("\n\n", text)
