"""案号 (case number): parse, find in running text, and validate.

Why: every court document carries a case number, and it is the key that links a judgment
to its dossier, its appeal and its enforcement case. A number with the wrong shape (old
"字第" style after 2016, half-width brackets, a basic court hearing an appeal) is an error a
clerk must fix before the document issues (document_review.md DR-CN-01/02).

The grammar follows 法〔2015〕137号 as revised by 法〔2018〕335号 (case_number.md §2–§5):

    （收案年度）法院代字[专门审判代字]类型代字案件编号号[之一…]

Three entry points:

* :func:`parse_case_number` turns one string into a :class:`CaseNumber` (or None).
  ``strict=True`` accepts only the official form; the default lenient mode also accepts
  half-width brackets, spaces, full-width digits and the pre-2016 legacy "…字第…号" form.
* :func:`find_case_numbers` extracts every case number from running text in one regex pass,
  with offsets into the input.
* :func:`validate_case_number` returns a list of :class:`Problem`: the format reasons of a
  strict check and the semantic checks CN-S1…S7 and CN-S9 of case_number.md §5. CN-S8
  (uniqueness) and CN-S10 (执恢 refers to an earlier 执 case) need the case store and are out
  of scope here.

Knowledge lives in data: case types in ``data/case_types.csv``, courts in
``data/court_codes.csv`` (via :mod:`fazhi.documents.courts`). Both are loaded on first use.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from fazhi.documents.courts import Court, all_courts, court_by_code, court_tier
from fazhi.errors import BadInput

__all__ = [
    "CaseNumber",
    "CaseType",
    "Problem",
    "case_type",
    "find_case_numbers",
    "parse_case_number",
    "validate_case_number",
]

# ---------------------------------------------------------------------------------------
# Grammar (case_number.md §5)
# ---------------------------------------------------------------------------------------

# High-court abbreviations (法〔2015〕137号 art. 5 ¶2(2); 内 = 内蒙古, 军, 兵).
PROV = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新军兵"
_CJK = "\u4e00-\u9fa5"
# Whitespace, including full-width space (\s) and zero-width characters from OCR and copy-paste.
_WS_CHARS = r"\s\u200b\u200c\u200d\u2060\ufeff"
_WS = f"[{_WS_CHARS}]*"
_NUMERAL = "一二三四五六七八九十百"
# 之一, 之二 …: several rulings in one case (practice, case_number.md §2).
_SUB = f"(?:之(?P<sub>[{_NUMERAL}]+))?"
# 专门审判代字 (法〔2018〕335号 art. 2): only 知 is in use.
_SPECIAL = "知"

# Official form, exact (法〔2018〕335号 art. 2–3): full-width brackets, 4-digit year, court
# code with 0, 2 or 4 digits, optional 知, 1–5 character type code (the 2015 rule says at
# most 3; later codes such as 民诉前调 have 4), sequence without leading zeros (art. 10 ¶1), 号.
_STRICT_NEW = re.compile(
    f"（(?P<year>(?:19|20)[0-9]{{2}})）"
    f"(?P<court>最高法|[{PROV}](?:[0-9]{{4}}|[0-9]{{2}})?)"
    f"(?P<special>{_SPECIAL})?"
    f"(?P<type>(?:(?!字第)[{_CJK}]){{1,5}}?)"
    f"(?P<seq>[1-9][0-9]*)号" + _SUB
)
# Pre-2016 legacy form, exact: （2015）海民初字第12345号.
_STRICT_LEGACY = re.compile(
    f"（(?P<year>(?:19|20)[0-9]{{2}})）"
    f"(?P<ct>(?:(?!号|字第)[{_CJK}（）]){{1,15}}?)字第(?P<lseq>[1-9][0-9]*)号" + _SUB
)
# Lenient form for parsing and for running text: half-width brackets, whitespace anywhere
# between elements, leading zeros; legacy alternative first (its 字第 anchor is decisive).
# Legacy court_and_type may carry digits so that a post-2016 code written in the old style
# (（2023）京0105民初字第1号) is still found and then flagged. 号 is excluded from it so
# that a match can never run past the end of an earlier number. Lengths are bounded so
# that the pattern stays linear on hostile input.
_LENIENT = re.compile(
    f"[（(]{_WS}(?P<year>(?:19|20)[0-9]{{2}}){_WS}[）)]{_WS}"
    "(?:"
    f"(?P<ct>(?:(?!号|字第)[{_CJK}（）()0-9]){{1,15}}?)字第{_WS}(?P<lseq>[0-9]{{1,12}}){_WS}号"
    "|"
    f"(?P<court>最高法|[{PROV}](?:{_WS}(?:[0-9]{{4}}|[0-9]{{2}}))?){_WS}"
    f"(?P<special>{_SPECIAL})?"
    f"(?P<type>(?:(?!字第)[{_CJK}]){{1,5}}?){_WS}"
    f"(?P<seq>[0-9]{{1,12}}){_WS}号"
    ")" + _SUB
)
# Legacy court_and_type split: court abbreviation (free text), then the division
# character, an optional division numeral (民一, 民（商）) and the stage (初, 终, 提 …).
_LEGACY_TYPE = re.compile(
    r"(?P<court>.*?)"
    r"(?P<cat>委赔|法赔|刑|民|商|知|行|执|赔)"
    r"(?P<div>(?:[一二三四五六七八九十]|（[^（）]{1,4}）)*)"
    r"(?P<stage>外?(?:初|终|提|再|申|监|抗|核|复|更|他|特|催|督|辖|异|恢|保|协|审|破|算)?)"
)
_LEGACY_CATEGORY = {
    "刑": "刑事", "民": "民事", "商": "民事", "知": "民事", "行": "行政", "执": "执行",
    "委赔": "国家赔偿", "法赔": "国家赔偿", "赔": "国家赔偿",
}

_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_WS_RE = re.compile(f"[{_WS_CHARS}]")
_FW_DIGIT_RE = re.compile("[０-９]+")

_TO_FULLWIDTH = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）",
                               "【": "（", "】": "）", "［": "（", "］": "）"})
_EDGE_WS = re.compile(f"\\A[{_WS_CHARS}]+|[{_WS_CHARS}]+\\Z")
_MAX_LEN = 200  # a case number is well under 60 characters

# The 2015 provisions took effect on 2016-01-01 (法〔2015〕137号); the 2018 revision added 知.
_NEW_FORMAT_FROM = 2016
_SPECIAL_FROM = 2019


def _ascii_digits(s: str) -> str:
    """Full-width digits → ASCII, one character for one (offsets stay valid).

    str.translate walks every character; a regex touches only the digit runs.
    """
    return _FW_DIGIT_RE.sub(lambda m: m[0].translate(_FW_DIGITS), s)


# ---------------------------------------------------------------------------------------
# Case-type table
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseType:
    """One row of ``data/case_types.csv`` (类型代字)."""

    code: str
    category: str
    meaning_zh: str
    procedure: str
    level_rule: str
    valid_from: date | None
    valid_to: date | None
    seq_digits: int | None
    successor: str | None
    source: str

    def valid_in_year(self, year: int) -> bool:
        """True if the code could be assigned at some time in ``year`` (CN-S1)."""
        if self.valid_from is not None and year < self.valid_from.year:
            return False
        return not (self.valid_to is not None and year > self.valid_to.year)


@cache
def _types() -> dict[str, CaseType]:
    text = resources.files("fazhi.documents").joinpath("data", "case_types.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    out: dict[str, CaseType] = {}
    for r in rows:
        out[r["code"]] = CaseType(
            code=r["code"],
            category=r["category"],
            meaning_zh=r["meaning_zh"],
            procedure=r["procedure"],
            level_rule=r["level_rule"],
            valid_from=date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
            valid_to=date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            seq_digits=int(r["seq_digits"]) if r["seq_digits"] else None,
            successor=r["successor"] or None,
            source=r["source"],
        )
    return out


@cache
def _type_initials() -> frozenset[str]:
    return frozenset(code[0] for code in _types())


def case_type(code: str) -> CaseType | None:
    """Return the case type with 类型代字 ``code`` (e.g. "民初"), or None."""
    return _types().get(code)


# ---------------------------------------------------------------------------------------
# Parsed case number
# ---------------------------------------------------------------------------------------


def _numeral(s: str) -> int | None:
    """Chinese numeral 一…九十九, 一百 → int (for 之五, 之十二)."""
    digits = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
    if not s:
        return None
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """A parsed case number.

    For the new format ``court_code`` is the 法院代字 and ``type_code`` the 类型代字. For a
    legacy number (``legacy=True``) ``court_code`` is the free-text court abbreviation
    ("海", "一中", "" for the SPC) and ``type_code`` the rest before 字第 ("民初", "民一终");
    category and procedure are inferred where the type part is recognisable.
    """

    raw: str
    year: int
    court_code: str
    special: str | None
    type_code: str
    seq: int
    sub: str | None
    legacy: bool
    category: str | None
    procedure: str | None
    court: Court | None

    @property
    def normalized(self) -> str:
        """Official rendering: full-width brackets, no spaces, ASCII digits, no leading zeros."""
        tail = f"之{self.sub}" if self.sub else ""
        if self.legacy:
            return f"（{self.year}）{self.court_code}{self.type_code}字第{self.seq}号{tail}"
        return f"（{self.year}）{self.court_code}{self.special or ''}{self.type_code}{self.seq}号{tail}"

    @property
    def sub_index(self) -> int | None:
        """The sub-number as an integer (之五 → 5), or None."""
        return _numeral(self.sub) if self.sub else None

    def __str__(self) -> str:
        return self.normalized

    def as_dict(self) -> dict[str, Any]:
        return {
            "raw": self.raw,
            "normalized": self.normalized,
            "year": self.year,
            "court_code": self.court_code,
            "special": self.special,
            "type_code": self.type_code,
            "seq": self.seq,
            "sub": self.sub,
            "legacy": self.legacy,
            "category": self.category,
            "procedure": self.procedure,
            "court": self.court.as_dict() if self.court else None,
        }


def _strip_ws(s: str) -> str:
    return _WS_RE.sub("", s)


def _new(raw: str, year: int, court: str, special: str | None, type_code: str, seq: int, sub: str | None) -> CaseNumber:
    court = _strip_ws(court)
    ct = _types().get(type_code)
    return CaseNumber(
        raw=raw, year=year, court_code=court, special=special, type_code=type_code, seq=seq, sub=sub,
        legacy=False, category=ct.category if ct else None, procedure=ct.procedure if ct else None,
        court=court_by_code(court),
    )


def _legacy(raw: str, year: int, court_and_type: str, seq: int, sub: str | None) -> CaseNumber:
    cat_text = _strip_ws(court_and_type).replace("(", "（").replace(")", "）")
    category = procedure = None
    court_part, type_part = cat_text, ""
    m = _LEGACY_TYPE.fullmatch(cat_text)
    if m:
        court_part, type_part = m["court"], cat_text[len(m["court"]):]
        cat, stage = m["cat"], m["stage"]
        category = _LEGACY_CATEGORY[cat]
        # Old numbering: 商/知 divisions heard civil cases; 外 marks foreign-related cases;
        # 提 (提审) is the old name of a retrial.
        base = {"商": "民", "知": "民"}.get(cat, cat)
        norm_stage = stage.removeprefix("外")
        norm_stage = "再" if norm_stage == "提" else norm_stage
        ct = _types().get(cat + stage) or _types().get(base + norm_stage)
        if ct is not None:
            category, procedure = ct.category, ct.procedure
    # Only a code-shaped abbreviation (a post-2016 code misused in the old style) names a court.
    court = court_by_code(court_part) if any(c.isdigit() for c in court_part) else None
    return CaseNumber(
        raw=raw, year=year, court_code=court_part, special=None, type_code=type_part, seq=seq, sub=sub,
        legacy=True, category=category, procedure=procedure, court=court,
    )


def _from_match(m: re.Match[str], raw: str) -> CaseNumber:
    g = m.groupdict()
    year, sub = int(g["year"]), g["sub"]
    if g.get("ct") is not None:
        return _legacy(raw, year, g["ct"], int(g["lseq"]), sub)
    return _new(raw, year, m["court"], m["special"], m["type"], int(m["seq"]), sub)


def parse_case_number(s: str, *, strict: bool = False) -> CaseNumber | None:
    """Parse one case number; return None if ``s`` is not one.

    ``strict=True`` accepts only the official form: （2023）京0105民初12345号 (or the exact
    legacy form （2015）海民初字第12345号). The lenient default also accepts half-width
    brackets, whitespace and zero-width characters between elements, full-width digits and
    leading zeros, as found in data exports and OCR. Parsing checks shape only; use
    :func:`validate_case_number` for the rules.

    Raises :class:`BadInput` only if ``s`` is not a string.
    """
    if not isinstance(s, str):
        raise BadInput("案号必须是字符串", f"a case number must be a string, not {type(s).__name__}")
    if len(s) > _MAX_LEN:
        return None
    if strict:
        m = _STRICT_NEW.fullmatch(s) or _STRICT_LEGACY.fullmatch(s)
        return _from_match(m, s) if m else None
    t = _EDGE_WS.sub("", _ascii_digits(s))
    m = _LENIENT.fullmatch(t)
    return _from_match(m, s) if m else None


def find_case_numbers(text: str) -> list[tuple[int, int, CaseNumber]]:
    """Find case numbers in running text: ``[(start, end, CaseNumber), …]``.

    ``text[start:end]`` is the number as written (``CaseNumber.raw``). Lenient and legacy
    forms are found; full-width digits are normalised internally (offsets are unaffected).
    A new-format match whose type code does not start like any known 类型代字 is dropped,
    which keeps prose such as "（2020）京这是一个3号" out. One compiled regex pass; linear
    on arbitrary input.
    """
    if not isinstance(text, str):
        raise BadInput("输入必须是文本", f"input must be text, not {type(text).__name__}")
    norm = _ascii_digits(text)
    initials = _type_initials()
    out: list[tuple[int, int, CaseNumber]] = []
    for m in _LENIENT.finditer(norm):
        if m["ct"] is None and m["type"][0] not in initials:
            continue
        start, end = m.span()
        out.append((start, end, _from_match(m, text[start:end])))
    return out


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of :func:`validate_case_number`.

    ``code`` is a check of case_number.md §5 ("CN-S1" … "CN-S9"), "CN-LEVEL" for an advisory
    level mismatch (§4 "mainly" levels), or "CN-FORMAT" for a shape error, with ``reason``
    naming which one (e.g. "halfwidth_brackets").
    """

    code: str
    severity: str  # "error" | "warning"
    message_zh: str
    message_en: str
    reason: str = ""

    def message(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


_FORMAT_MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("案号为空", "the case number is empty"),
    "too_long": ("文本过长，不是单个案号", "text too long to be one case number"),
    "spaces": ("案号中不得有空格或不可见字符", "a case number must not contain spaces or invisible characters"),
    "fullwidth_digits": ("案号中的数字应为半角阿拉伯数字", "digits in a case number must be ASCII digits, not full-width"),
    "doc_brackets": (
        "案号应使用中文圆括号“（）”；六角括号“〔〕”只用于文号（如法释〔2016〕19号）",
        "use full-width round brackets （）: 〔〕 belongs to document issue numbers such as 法释〔2016〕19号",
    ),
    "halfwidth_brackets": (
        "案号应使用全角中文圆括号“（）”，不得使用半角括号“()”",
        "use full-width Chinese brackets （）, not half-width ()",
    ),
    "wrong_brackets": ("案号应使用中文圆括号“（）”", "a case number uses full-width round brackets （）"),
    "no_year": (
        "案号应以括号括起的收案年度开头，如“（2023）”",
        "a case number starts with the year of receipt in brackets, e.g. （2023）",
    ),
    "year_digits": (
        "收案年度应写全4位数字（如2023），此处为{n}位",
        "the year must have 4 digits (e.g. 2023); this one has {n}",
    ),
    "year_range": ("收案年度“{year}”不是有效年份", "'{year}' is not a valid year"),
    "court_digits": (
        "法院代字“{code}”的数字部分应为2位（中级法院）或4位（基层法院），此处为{n}位",
        "the digits of court code '{code}' must be 2 (intermediate court) or 4 (basic court); found {n}",
    ),
    "wrong_court_abbr": (
        "法院代字应使用“{right}”，不得写作“{wrong}”",
        "the court code uses the abbreviation '{right}', not '{wrong}'",
    ),
    "type_length": (
        "类型代字“{type}”过长（至多5个汉字）",
        "type code '{type}' is too long (at most 5 characters)",
    ),
    "leading_zero": (
        "案件编号“{seq}”不得有前导零",
        "the sequence number '{seq}' must not have leading zeros",
    ),
    "seq_zero": ("案件编号从1起编，不得为0", "sequence numbers start at 1; 0 is not valid"),
    "missing_hao": ("案号应以“号”结尾", "a case number must end with 号"),
    "legacy_after_2015": (
        "{year}年收案的案件不得使用旧式“字第…号”案号，应为“（{year}）法院代字+类型代字+编号+号”",
        "a case received in {year} must not use the pre-2016 '…字第…号' form; "
        "write （{year}）+ court code + type code + number + 号",
    ),
    "unrecognised": ("无法识别的案号格式", "unrecognised case-number format"),
}


def _fmt(reason: str, **kw: Any) -> Problem:
    zh, en = _FORMAT_MESSAGES[reason]
    return Problem("CN-FORMAT", "error", zh.format(**kw), en.format(**kw), reason)


@cache
def _aliases() -> dict[str, str]:
    """Wrong court abbreviations → right code, from the high courts' aliases in the table."""
    out = {"最高人民法院": "最高法", "最高院": "最高法"}
    for court in all_courts():
        if court.tier == "高级":
            for alias in court.aliases:
                out[alias] = court.code
    return out


@cache
def _tolerant_body() -> re.Pattern[str]:
    """Body after （year）, loose enough to say *what* is wrong with a number."""
    aliases = "|".join(re.escape(a) for a in sorted(_aliases(), key=len, reverse=True))
    return re.compile(
        f"(?P<court>最高法|(?P<alias>{aliases})[0-9]*|[{PROV}][0-9]*)"
        f"(?P<special>{_SPECIAL})?"
        f"(?P<type>[{_CJK}]{{1,8}}?)"
        f"(?P<seq>[0-9]+)(?P<hao>号)?" + _SUB
    )


_TOL_HEAD = re.compile(r"(?P<lb>[（(〔\[【［])(?P<year>[0-9]+)(?P<rb>[）)〕\]】］])(?P<body>.*)", re.S)
_TOL_LEGACY = re.compile(
    f"(?P<ct>(?:(?!号|字第)[{_CJK}（）()0-9]){{1,15}}?)字第(?P<seq>[0-9]+)(?P<hao>号)?" + _SUB
)


def _seq_problems(seq: str, hao: str | None) -> list[Problem]:
    out = []
    if int(seq) == 0:
        out.append(_fmt("seq_zero"))  # 法〔2015〕137号 art. 10 ¶1: numbering starts at 1
    elif seq.startswith("0"):
        out.append(_fmt("leading_zero", seq=seq))  # art. 10 ¶1: a natural number
    if hao is None:
        out.append(_fmt("missing_hao"))  # art. 3: the number ends with 号
    return out


def _format_problems(raw: str) -> list[Problem]:
    """Strict-mode shape check: every reason why ``raw`` is not in the official form."""
    if not _EDGE_WS.sub("", raw):
        return [_fmt("empty")]
    if len(raw) > _MAX_LEN:
        return [_fmt("too_long")]
    out: list[Problem] = []
    if _WS_RE.search(raw):
        out.append(_fmt("spaces"))  # DR-CN-02: no spaces
    if _FW_DIGIT_RE.search(raw):
        out.append(_fmt("fullwidth_digits"))
    t = _strip_ws(raw).translate(_FW_DIGITS)
    head = _TOL_HEAD.fullmatch(t)
    if not head:
        out.append(_fmt("no_year"))
        return out
    lb, rb, year, body = head["lb"], head["rb"], head["year"], head["body"]
    # Brackets: 法〔2015〕137号 art. 3 uses （）; 〔〕 is for 文号 (case_number.md §2).
    if "〔" in (lb, rb) or "〕" in (lb, rb):
        out.append(_fmt("doc_brackets"))
    elif "(" in (lb, rb) or ")" in (lb, rb):
        out.append(_fmt("halfwidth_brackets"))
    elif (lb, rb) != ("（", "）"):
        out.append(_fmt("wrong_brackets"))
    # 收案年度: 4 Arabic digits (art. 3).
    if len(year) != 4:
        out.append(_fmt("year_digits", n=len(year)))
    elif not year.startswith(("19", "20")):
        out.append(_fmt("year_range", year=year))

    legacy = _TOL_LEGACY.fullmatch(body)
    if legacy:
        # The legacy form itself is judged in _semantic_problems (legacy_after_2015).
        out.extend(_seq_problems(legacy["seq"], legacy["hao"]))
        # A post-2016 court code in the old form (（2023）京0105民初字第1号) is reported
        # once, as legacy_after_2015, by the semantic checks.
        code_in_old_form = any(c.isdigit() for c in legacy["ct"]) and len(year) == 4 and int(year) >= _NEW_FORMAT_FROM
        if not out and not code_in_old_form and not _STRICT_LEGACY.fullmatch(raw):
            out.append(_fmt("unrecognised"))
        return out

    m = _tolerant_body().fullmatch(body)
    if not m:
        out.append(_fmt("unrecognised"))
        return out
    court = m["court"]
    if m["alias"]:
        # 法〔2015〕137号 art. 5 ¶2(2): the high-court code is the province abbreviation.
        right = _aliases()[m["alias"]]
        out.append(_fmt("wrong_court_abbr", right=right + court[len(m["alias"]):], wrong=court))
    elif court != "最高法" and len(court) - 1 not in (0, 2, 4):
        # art. 5 ¶2(3)–(4): intermediate courts 2 digits, basic courts 4 digits.
        out.append(_fmt("court_digits", code=court, n=len(court) - 1))
    if len(m["type"]) > 5:
        out.append(_fmt("type_length", type=m["type"]))
    out.extend(_seq_problems(m["seq"], m["hao"]))
    if not out and not _STRICT_NEW.fullmatch(raw):
        out.append(_fmt("unrecognised"))
    return out


def _repair(raw: str) -> str:
    """Undo the shape errors _format_problems reports, so the rules can still be checked."""
    t = _strip_ws(raw).translate(_FW_DIGITS).translate(_TO_FULLWIDTH)
    if t[-1:].isdigit():
        t += "号"
    return t


# §4 "mainly" levels: allowed tiers for the advisory CN-LEVEL warning.
_ADVISORY = {
    "mainly_basic": ("基层",),
    "mainly_intermediate": ("中级",),
    "mainly_basic_or_intermediate": ("基层", "中级"),
    "mainly_intermediate_or_high": ("中级", "高级"),
    "mainly_intermediate_or_higher": ("中级", "高级", "最高"),
    "mainly_high_or_spc": ("高级", "最高"),
}
_TIER_EN = {"最高": "the SPC", "高级": "a high court", "中级": "an intermediate court", "基层": "a basic court"}


def _semantic_problems(cn: CaseNumber, *, strict: bool, today: date, judgment_date: date | None) -> list[Problem]:
    out: list[Problem] = []

    def err(code: str, zh: str, en: str, reason: str = "") -> None:
        out.append(Problem(code, "error", zh, en, reason))

    def warn(code: str, zh: str, en: str, reason: str = "") -> None:
        out.append(Problem(code, "warning", zh, en, reason))

    y = cn.year
    # CN-S7: year ≤ current year.
    if y > today.year:
        err("CN-S7", f"收案年度{y}年晚于当前年度{today.year}年", f"year {y} is later than the current year {today.year}",
            "year_in_future")
    # CN-S9: a case cannot be decided before it is received.
    if judgment_date is not None and y > judgment_date.year:
        err("CN-S9", f"收案年度{y}年晚于裁判日期{judgment_date.isoformat()}",
            f"year of receipt {y} is after the judgment date {judgment_date.isoformat()}", "year_after_judgment")

    if cn.legacy:
        # CN-S7 (legacy ⇒ year ≤ 2015): the old form ended on 2016-01-01 (法〔2015〕137号).
        if y >= _NEW_FORMAT_FROM:
            out.insert(0, _fmt("legacy_after_2015", year=y))
        return out

    # CN-S7: the new form exists from 2016-01-01 (法〔2015〕137号).
    before_2016 = y < _NEW_FORMAT_FROM
    if before_2016:
        err("CN-S7", f"新式案号的收案年度不得早于2016年（此处为{y}年）；2016年前收案的案件使用旧式“字第”案号",
            f"a new-format case number cannot have a year before 2016 ({y}); older cases use the '…字第…号' form",
            "new_format_before_2016")

    # CN-S1: the type code exists and was in force in that year.
    ct = _types().get(cn.type_code)
    if ct is None:
        err("CN-S1", f"类型代字“{cn.type_code}”不在案件类型代字标准中", f"type code '{cn.type_code}' is not a known case type",
            "unknown_type")
    elif not before_2016 and not ct.valid_in_year(y):
        window = f"{ct.valid_from or ''}–{ct.valid_to or ''}"
        hint_zh = f"，应使用“{ct.successor}”" if ct.successor else ""
        hint_en = f"; use {ct.successor}" if ct.successor else ""
        err("CN-S1", f"类型代字“{ct.code}”的适用期间为{window}，{y}年不得使用{hint_zh}",
            f"type code '{ct.code}' was in force {window}, not in {y}{hint_en}", "type_not_in_force")

    # CN-S2: the court code exists and was in use in that year.
    court = cn.court
    if court is None:
        err("CN-S2", f"法院代字“{cn.court_code}”不在法院代字表中", f"court code '{cn.court_code}' is not in the court-code table",
            "unknown_court")
    elif not before_2016 and not court.valid_in_year(y):
        err("CN-S2", f"{court.full_name}（{court.code}）在{y}年尚未设立或已撤销",
            f"{court.code} ({court.full_name}) did not exist in {y}", "court_not_in_force")

    # CN-S3: 刑核 uses a fixed-length random number (法〔2015〕137号 art. 10 ¶2).
    if ct is not None and ct.seq_digits is not None and len(str(cn.seq)) != ct.seq_digits:
        err("CN-S3", f"“{ct.code}”案件编号应为{ct.seq_digits}位随机数，此处为{len(str(cn.seq))}位",
            f"'{ct.code}' cases use a {ct.seq_digits}-digit random number; this one has {len(str(cn.seq))} digits",
            "seq_length")

    # CN-S4: 知 is the SPC IP Tribunal's code (法〔2018〕335号, in use from 2019).
    if cn.special == _SPECIAL:
        if strict and cn.court_code != "最高法":
            warn("CN-S4", f"专门审判代字“知”仅用于最高人民法院知识产权法庭，不应与“{cn.court_code}”同用",
                 f"the special code 知 is used by the SPC IP Tribunal only, not with '{cn.court_code}'", "special_not_spc")
        if y < _SPECIAL_FROM:
            warn("CN-S4", f"专门审判代字“知”自2019年起使用，{y}年不应出现",
                 f"the special code 知 is in use from 2019, not in {y}", "special_before_2019")

    tier = court_tier(cn.court_code)
    rule = ct.level_rule if ct else "any"
    # CN-S5: appeals (…终) and 执复 are heard by the next-higher court, never by a basic court.
    if rule == "intermediate_or_higher" and tier == "基层":
        err("CN-S5", f"基层法院（{cn.court_code}）不得受理“{ct.code}”案件，应由中级以上法院审理",
            f"a basic court ({cn.court_code}) cannot have a '{ct.code}' case; it is heard by an intermediate or higher court",
            "basic_court_appeal")
    # CN-S6: 刑核 only at a high court or the SPC.
    if rule == "high_or_spc" and tier not in ("高级", "最高"):
        err("CN-S6", f"“{ct.code}”案件只能由高级人民法院或最高人民法院办理，不能是“{cn.court_code}”",
            f"'{ct.code}' cases are handled by a high court or the SPC only, not by '{cn.court_code}'",
            "review_below_high_court")
    # §4 advisory levels ("mainly"): a warning, never an error.
    allowed = _ADVISORY.get(rule)
    if allowed and tier is not None and tier not in allowed:
        warn("CN-LEVEL", f"“{ct.code}”案件通常由{'、'.join(allowed)}法院办理，此处为{tier}法院（{cn.court_code}）",
             f"'{ct.code}' cases are usually handled by {' or '.join(_TIER_EN[a] for a in allowed)}, "
             f"not by {_TIER_EN[tier]} ({cn.court_code})", "unusual_level")
    return out


def validate_case_number(
    s_or_cn: str | CaseNumber,
    *,
    strict: bool = True,
    today: date | None = None,
    judgment_date: date | None = None,
) -> list[Problem]:
    """Check a case number; return the problems found (empty list: none).

    ``strict=True`` (proofreading) also reports every shape deviation from the official form
    as ``CN-FORMAT`` with a ``reason``; ``strict=False`` checks only what a lenient parse can
    read. The semantic checks are CN-S1…S7 and, given ``judgment_date``, CN-S9; CN-S8
    (uniqueness) and CN-S10 (执恢 linked to an earlier 执 case) need the case store and are
    not made here. CN-S7's legacy clause (old "字第" form ⇒ year ≤ 2015) is reported as
    ``CN-FORMAT``/``legacy_after_2015`` in both modes, since the fix is to the form.
    Other codes: ``CN-LEVEL`` (warning) when a type code appears at a level §4 calls unusual.
    ``today`` defaults to the current date (CN-S7 upper bound).
    """
    today = today or date.today()
    out: list[Problem] = []
    if isinstance(s_or_cn, CaseNumber):
        cn: CaseNumber | None = s_or_cn
        if strict:
            out.extend(_format_problems(s_or_cn.raw))
    elif isinstance(s_or_cn, str):
        if strict:
            out.extend(_format_problems(s_or_cn))
            if any(p.reason in ("empty", "too_long") for p in out):
                return out
        elif len(s_or_cn) > _MAX_LEN:
            return [_fmt("too_long")]
        blank = not _EDGE_WS.sub("", s_or_cn)
        # Strict mode has already named the shape errors; undo them to check the rules too.
        cn = None if blank else parse_case_number(s_or_cn)
        if cn is None and strict and not blank:
            cn = parse_case_number(_repair(s_or_cn))
        if cn is None:
            return out or [_fmt("empty" if blank else "unrecognised")]
        cn = replace(cn, raw=s_or_cn)
    else:
        raise BadInput("案号必须是字符串或已解析的案号", f"expected a string or CaseNumber, not {type(s_or_cn).__name__}")
    out.extend(_semantic_problems(cn, strict=strict, today=today, judgment_date=judgment_date))
    return out
