"""Pattern recognisers of personal information: numbers, plates, addresses and sensitive clauses.

法释〔2016〕19号 art. 10 lists what must be deleted before a judgment goes online: addresses,
contact details, ID-document numbers, bank accounts, health condition, plate numbers, property
certificate numbers and information on technical investigative measures (anonymization.md §5).
This module finds those spans with precompiled regular expressions, checksums and context words.
It never decides what to delete: the anonymiser does that per profile and rule, from the
:class:`~fazhi.privacy.types.Detection` objects returned here (each says what, where, how sure and why).

Design:

* One small :class:`Recognizer` per kind, listed in :data:`RECOGNIZERS`; each has a name, the kind
  it reports, a priority for overlaps, its context words and (where one exists) a validator.
* The text is scanned in a *scan form* made by character-for-character folding (full-width digits
  and letters to ASCII, dash variants to ``-``), so every offset found in it is an offset into the
  original text. Detections carry ``text[start:end]`` of the original.
* Digit-like runs (digits, OCR look-alikes O/o/l/I, single spaces or hyphens inside) are cut once
  and shared by the ID, bank-card and phone recognisers; a run that holds several numbers
  separated by spaces is split at its separators.
* :func:`detect_patterns` merges everything: on overlap the higher-priority kind wins, then the
  longer span, then the more confident one (ID > credit code > bank card > … > health).

Speed: the anonymiser must handle ≥100 judgments of 3,000 characters per second on one core,
names included, so nothing here loops over the text in Python; the regexes start with a literal or
a character class so the engine can skip ahead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import date

from fazhi.privacy.types import (
    ACCOUNT_ID,
    ADDRESS,
    BANK_CARD,
    BIRTH_DATE,
    CREDIT_CODE,
    EMAIL,
    HEALTH,
    ID_NUMBER,
    PASSPORT,
    PHONE,
    PLATE,
    PROPERTY_CERT,
    TECH_INVESTIGATION,
    Detection,
)
from fazhi.text.dates import parse_date
from fazhi.text.normalize import fold_width

__all__ = [
    "PRIORITY",
    "RECOGNIZERS",
    "Recognizer",
    "credit_code_check_char",
    "credit_code_ok",
    "detect_patterns",
    "id_check_char",
    "id_checksum_ok",
    "luhn_check_digit",
    "luhn_ok",
    "repair_ocr_digits",
]

# =============================================================================================
# Validators
# =============================================================================================

_DIGITS = re.compile(r"[0-9]+")

# GB 11643-1999 (ISO 7064 MOD 11-2): weights 2^(18-i) mod 11 for the first 17 digits;
# the check character is "10X98765432"[sum mod 11].
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """Return the GB 11643 check character ('0'–'9' or 'X') for the first 17 digits of an ID.

    Raises ``ValueError`` if ``first17`` is not exactly 17 ASCII digits. Tests and data generators
    use it to build valid numbers; recognisers use :func:`id_checksum_ok`.
    """
    if len(first17) != 17 or not _DIGITS.fullmatch(first17):
        raise ValueError(f"need 17 ASCII digits, got {first17!r}")
    return _ID_CHECK[sum((ord(c) - 48) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def id_checksum_ok(s: str) -> bool:
    """True if ``s`` is 18 characters whose last one is the GB 11643 (MOD 11-2) check of the rest.

    Strict: no spaces and no OCR look-alikes (run :func:`repair_ocr_digits` first); a lower-case
    ``x`` is accepted as ``X``. The birth date inside is not checked here (the recogniser does).
    """
    if len(s) != 18 or not _DIGITS.fullmatch(s, 0, 17) or s[17] not in "0123456789Xx":
        return False
    return id_check_char(s[:17]) == s[17].upper()


def luhn_ok(s: str) -> bool:
    """True if the ASCII digit string ``s`` (at least 2 digits) passes the Luhn (ISO/IEC 7812) check.

    Bank cards of the UnionPay/Visa/Mastercard schemes carry a Luhn check digit; passbook and
    corporate account numbers often do not, so a failure lowers confidence but is not proof.
    """
    if len(s) < 2 or not _DIGITS.fullmatch(s):
        return False
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = ord(ch) - 48
        if i % 2:  # every second digit from the right is doubled; 2d-9 when the double exceeds 9
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """Return the digit that makes ``payload + digit`` pass :func:`luhn_ok` (for generators and tests)."""
    if not _DIGITS.fullmatch(payload):
        raise ValueError(f"need ASCII digits, got {payload!r}")
    for d in "0123456789":
        if luhn_ok(payload + d):
            return d
    raise AssertionError("unreachable: one Luhn digit always fits")  # pragma: no cover


# GB 32100-2015: 18 characters from a 31-symbol alphabet (no I, O, S, V, Z); the 18th is
# 31 - (Σ value·weight mod 31), where 31 becomes 0.
_CC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CC_VALUE = {c: i for i, c in enumerate(_CC_CHARS)}
_CC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters of a credit code."""
    if len(first17) != 17 or any(c not in _CC_VALUE for c in first17):
        raise ValueError(f"need 17 characters of {_CC_CHARS}, got {first17!r}")
    total = sum(_CC_VALUE[c] * w for c, w in zip(first17, _CC_WEIGHTS, strict=True))
    return _CC_CHARS[(31 - total % 31) % 31]


def credit_code_ok(s: str) -> bool:
    """True if ``s`` is an 18-character 统一社会信用代码 with a correct GB 32100 check character.

    Upper case only, as printed on licences; callers fold case first if they must.
    """
    if len(s) != 18 or any(c not in _CC_VALUE for c in s):
        return False
    return credit_code_check_char(s[:17]) == s[17]


# OCR and typing confusions inside numbers: letter O/o for 0, l/I for 1 (issue 5), x for X.
_OCR_TABLE = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "x": "X"})


def repair_ocr_digits(s: str) -> str:
    """Undo common OCR noise in a number and drop the separators inside it.

    Full-width digits become ASCII, O/o become 0, l/I become 1, x becomes X, and spaces and
    hyphens (of any dash form) are removed: ``"1101 0519 9001 0112 32"`` → ``"110105199001011232"``,
    ``"11O105199001011232"`` → ``"110105199001011232"``. Other characters are left as they are,
    so a caller can still tell that the result is not a number.
    """
    folded = _scan_form(s).translate(_OCR_TABLE)
    return folded.replace(" ", "").replace("-", "")


# =============================================================================================
# Scan form: length-preserving folding, so offsets stay offsets into the original text
# =============================================================================================

# fold_width() already maps full-width digits/letters, － and the ideographic space. Add the other
# dash forms that appear between digit groups, no-break spaces, and the full-width @ of e-mails.
_SCAN_TABLE = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\ufe63": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\uff20": "@",
})

# str.translate with a dict costs ~70 ns a character; these characters are rare, so find them first.
_SCAN_RARE = re.compile("[" + "".join(chr(c) for c in sorted(_SCAN_TABLE)) + "]")


def _scan_form(text: str) -> str:
    """The length-preserving scan form of ``text`` (full-width folded, dashes unified)."""
    folded = fold_width(text)
    if _SCAN_RARE.search(folded) is None:
        return folded
    return _SCAN_RARE.sub(lambda m: m.group().translate(_SCAN_TABLE), folded)


_CJK = "\u4e00-\u9fff"


@dataclass(slots=True)
class _Ctx:
    """The context word nearest before a position: its kind, the word and the gap in characters."""

    kind: str
    word: str
    gap: int


# Context words by kind (anonymization.md §5 "context words"). The nearest word before a number
# decides what the number is: 身份证号 → ID, 账号 → bank account, 执业证号 → lawyer licence (kept).
_CTX_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("公民身份号码", "居民身份证号码", "居民身份证号", "身份证号码", "身份证件号码", "身份证号",
           "身份号码", "身份证", "证件号码", "证件号"),
    "bank": ("银行账号", "银行卡号", "银行账户", "银行帐号", "对公账户", "收款账户", "付款账户", "账号",
             "帐号", "账户", "帐户", "卡号", "银行卡", "开户行", "开户银行", "银行", "尾号", "储蓄卡",
             "借记卡", "信用卡", "存折"),
    "phone": ("联系电话", "电话号码", "手机号码", "手机号", "联系方式", "电话", "手机", "座机", "传真",
              "Tel", "TEL", "tel"),
    "credit": ("统一社会信用代码", "社会信用代码", "信用代码", "组织机构代码", "营业执照号", "注册号"),
    "lawyer": ("律师执业证号", "执业证书编号", "执业证书号", "执业证编号", "执业证号", "律师执业证", "执业证"),
    "passport": ("护照", "通行证", "回乡证", "台胞证"),
    "case": ("案号",),
    # Numbers of contracts, receipts and orders: near 银行 they are still not accounts.
    "other": ("合同编号", "合同号", "编号", "订单号", "单号", "流水号", "发票号", "凭证号", "批号", "回单", "凭证"),
}
_CTX_RE = re.compile("|".join(
    f"(?P<{kind}>{'|'.join(sorted(words, key=len, reverse=True))})" for kind, words in _CTX_WORDS.items()))
_CTX_LOOKBACK = 20  # characters searched before a number for a context word
_SENT_END = "。；;\n"

# The numeric run: digits and OCR look-alikes with single spaces/hyphens inside, an optional final
# X of an ID; at least 7 characters (the shortest number reported, a local phone number). Runs are
# maximal, so nothing matches "inside a longer digit run".
_RUN_RE = re.compile(r"[0-9OolI](?:[ \-]?[0-9OolI]){6,}(?:[Xx](?![0-9A-Za-z]))?")
_OCR_LETTERS = "OolI"
_SEP_RE = re.compile(r"[ \-]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER_PREFIXES = ("tel", "id", "no")  # "Tel13912345678", "ID110105…", "No.…": letters that may touch
_MAX_GROUPS = 10


@dataclass(slots=True)
class _Window:
    """A candidate number: some consecutive digit groups of one run."""

    start: int
    end: int
    raw: str        # scan[start:end] with OCR letters repaired, separators kept ("139-1234-5678")
    digits: str     # raw without separators
    repaired: bool  # an OCR look-alike letter was replaced
    first: bool     # the window starts where the run starts
    glued: bool     # a Latin letter follows directly (…1232A): only a fully valid ID survives that


class _Doc:
    """The text being scanned, its scan form, and lazily built shared facts (numeric runs, contexts)."""

    __slots__ = ("_ctx_cache", "_runs", "scan", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.scan = _scan_form(text)
        if len(self.scan) != len(text):  # pragma: no cover - fold_width promises equal lengths
            raise AssertionError("scan form must preserve offsets")
        self._runs: list[list[tuple[int, int]]] | None = None
        self._ctx_cache: dict[int, _Ctx | None] = {}

    # -- shared facts -------------------------------------------------------------------------

    def runs(self) -> list[list[tuple[int, int]]]:
        """Digit-like runs as lists of (start, end) digit groups; separators lie between groups."""
        if self._runs is None:
            scan = self.scan
            runs: list[list[tuple[int, int]]] = []
            for m in _RUN_RE.finditer(scan):
                s, e = m.span()
                # OCR letters at an edge that touches a Latin letter belong to a word, not a number.
                while s < e and scan[s] in _OCR_LETTERS and s > 0 and _ASCII_LETTER.match(scan, s - 1):
                    s += 1
                while s < e and scan[e - 1] in _OCR_LETTERS and _ASCII_LETTER.match(scan, e):
                    e -= 1
                if e - s < 7:
                    continue
                if s > 0 and _ASCII_LETTER.match(scan, s - 1):
                    # Glued to a Latin word (credit code, passport, plate): part of another token,
                    # unless the word is a label such as Tel or ID.
                    j = s
                    while j > 0 and _ASCII_LETTER.match(scan, j - 1):
                        j -= 1
                    if scan[j:s].lower() not in _LETTER_PREFIXES:
                        continue
                body = scan[s:e]
                letters = sum(body.count(c) for c in _OCR_LETTERS)
                digits = sum(ch.isdigit() for ch in body)
                if digits < 7 or letters > 3 or letters * 4 > digits:
                    continue
                groups: list[tuple[int, int]] = []
                g = s
                for sep in _SEP_RE.finditer(scan, s, e):
                    groups.append((g, sep.start()))
                    g = sep.end()
                groups.append((g, e))
                runs.append(groups)
            self._runs = runs
        return self._runs

    def window(self, groups: list[tuple[int, int]], i: int, j: int) -> _Window:
        """The window over groups[i:j] of a run."""
        start, end = groups[i][0], groups[j - 1][1]
        piece = self.scan[start:end]
        raw = piece.translate(_OCR_TABLE)
        glued = end < len(self.scan) and _ASCII_LETTER.match(self.scan, end) is not None and piece[-1] not in "Xx"
        return _Window(start, end, raw, raw.replace(" ", "").replace("-", ""), raw != piece.replace("x", "X"),
                       i == 0, glued)

    def context(self, pos: int) -> _Ctx | None:
        """The nearest context word in the 20 characters before ``pos``, within the same sentence."""
        if pos in self._ctx_cache:
            return self._ctx_cache[pos]
        lo = max(0, pos - _CTX_LOOKBACK)
        seg = self.scan[lo:pos]
        cut = max(seg.rfind(ch) for ch in _SENT_END)
        last: re.Match[str] | None = None
        for m in _CTX_RE.finditer(seg, cut + 1):
            last = m
        ctx = None if last is None else _Ctx(last.lastgroup or "", last.group(), len(seg) - last.end())
        self._ctx_cache[pos] = ctx
        return ctx

    def is_amount(self, start: int, end: int) -> bool:
        """True if the number at start:end is an amount, a quantity or a decimal, not an identifier."""
        scan = self.scan
        after = scan[end:end + 3].lstrip(" ")
        if after[:1] in _AMOUNT_AFTER or after.startswith(("美元", "港元", "欧元", "日元", "公斤", "千克")):
            return True
        if _DECIMAL_AFTER.match(scan, end) or (start >= 2 and _DIGITS.fullmatch(scan, start - 2, start - 1)
                                                and scan[start - 1] == "."):
            return True
        before = scan[max(0, start - 3):start].rstrip(" ")
        return before.endswith(_AMOUNT_BEFORE)

    def is_date_or_url(self, start: int, end: int) -> bool:
        """True if the digits run into a date (…2015年12月) or sit in a web address (www.0871….com)."""
        scan = self.scan
        if end < len(scan) and scan[end] in "年月日":
            return True
        if _DOMAIN_AFTER.match(scan, end):
            return True
        return start >= 2 and scan[start - 1] in "./" and _ASCII_LETTER.match(scan, start - 2) is not None

    def det(self, kind: str, start: int, end: int, confidence: float, recognizer: str, explanation: str,
            attrs: dict[str, object] | None = None) -> Detection:
        """Build a Detection whose text is the original text at start:end."""
        return Detection(type=kind, start=start, end=end, text=self.text[start:end],
                         confidence=round(min(max(confidence, 0.0), 1.0), 3), recognizer=recognizer,
                         explanation=explanation, attrs=dict(attrs or {}))


# 13912345678元 / 12345元 / 3000万 are amounts, not phones or cards (issue 5 negatives).
_AMOUNT_AFTER = frozenset("元万亿块圆%％‰股吨")
_AMOUNT_BEFORE = ("人民币", "币", "¥", "￥", "RMB", "价值", "金额", "共计", "合计")
_DECIMAL_AFTER = re.compile(r"\.[0-9]")
_DOMAIN_AFTER = re.compile(r"\.[A-Za-z]{2,}")


# A context word at most this far before a number "claims" it for its kind even against a valid ID.
_CLAIM_GAP = 3


def _names_other_number(ctx: _Ctx | None, kind: str) -> bool:
    """True if a word naming another kind of number (卡号, 账号, 信用代码, 护照) stands right before.

    Generic words (银行, 银行卡, 开户行) do not count: a number passing every ID check is an ID.
    """
    if ctx is None or ctx.kind == kind or ctx.gap > _CLAIM_GAP:
        return False
    if ctx.kind == "bank":
        return ctx.word.endswith(("号", "户"))
    return ctx.kind in ("credit", "passport")


def _ctx_note(ctx: _Ctx | None) -> str:
    return f"；上下文：{ctx.word}" if ctx else ""


# =============================================================================================
# Recogniser base and the numeric recognisers (ID, bank card, phone)
# =============================================================================================


class Recognizer:
    """One kind of personal information: how to find it, how sure to be, and how to explain it.

    ``name`` goes into ``Detection.recognizer``; ``type`` is one of the kinds of
    :mod:`fazhi.privacy.types`; ``priority`` settles overlaps (higher wins); ``context_words``
    raise confidence or are required; ``validator`` is the checksum used, if any.
    """

    def __init__(self, name: str, kind: str, priority: int, context_words: tuple[str, ...] = (),
                 validator: Callable[[str], bool] | None = None) -> None:
        self.name = name
        self.type = kind
        self.priority = priority
        self.context_words = context_words
        self.validator = validator

    def find(self, doc: _Doc) -> Iterator[Detection]:
        """Yield every candidate detection in ``doc`` (overlaps are settled by detect_patterns)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<Recognizer {self.name} ({self.type})>"


class _NumberRecognizer(Recognizer):
    """A recogniser that classifies the shared numeric runs: whole runs first, then sub-windows."""

    def classify(self, doc: _Doc, w: _Window) -> Detection | None:
        """Return a detection if the window is this kind of number."""
        raise NotImplementedError

    def find(self, doc: _Doc) -> Iterator[Detection]:
        for groups in doc.runs():
            n = len(groups)
            det = self.classify(doc, doc.window(groups, 0, n))
            if det is not None:
                yield det
                continue
            if n == 1:
                continue
            # Several numbers separated by spaces ("13912345678 15812345678"): try the longest
            # windows first, left to right, never overlapping within this recogniser.
            n = min(n, _MAX_GROUPS)
            i = 0
            while i < n:
                for j in range(n, i, -1):
                    if i == 0 and j == len(groups):
                        continue
                    det = self.classify(doc, doc.window(groups, i, j))
                    if det is not None:
                        yield det
                        i = j
                        break
                else:
                    i += 1


# Region codes of GB/T 2260 provinces (first two digits of an ID), plus 71/81/82/83 (Taiwan, Hong
# Kong, Macao residents' residence permits use 81/82/83; 71 is reserved for Taiwan).
_ID_PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
                           46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83})
_ID18_SHAPE = re.compile(r"[1-8][0-9]{16}[0-9X]")
_ID15_SHAPE = re.compile(r"[1-8][0-9]{14}")


def _birth_ok(yyyymmdd: str) -> bool:
    """True if the 8 digits are a real date between 1900-01-01 and today (the birth-date field of GB 11643)."""
    try:
        d = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= d.year and d <= date.today()


def _id_shape_ok(d: str) -> bool:
    """An 18-character string with a province code and a real birth date (checksum not included)."""
    return bool(_ID18_SHAPE.fullmatch(d)) and int(d[:2]) in _ID_PROVINCES and _birth_ok(d[6:14])


def _looks_like_valid_id(d: str) -> bool:
    return len(d) == 18 and _id_shape_ok(d) and id_checksum_ok(d)


class _IdNumberRecognizer(_NumberRecognizer):
    """居民身份证号码: 18 digits with GB 11643 check (or 15-digit legacy ones after a context word).

    Confidence: valid checksum + context 0.99; valid checksum alone 0.95; 15-digit legacy with
    context 0.9; context but wrong check digit 0.6 (still masked: likely OCR error or typo);
    context but wrong length 0.5; −0.03 when OCR look-alikes were repaired.
    """

    def __init__(self) -> None:
        super().__init__("id_number", ID_NUMBER, 90, _CTX_WORDS["id"], id_checksum_ok)

    def classify(self, doc: _Doc, w: _Window) -> Detection | None:
        d = w.digits
        n = len(d)
        if n < 15 or n > 19:
            return None
        ctx = doc.context(w.start)
        kind = ctx.kind if ctx else None
        if kind in ("lawyer", "case"):
            return None  # practising-certificate numbers and case numbers are kept (spec §6)
        ocr = "；已按OCR易混字符修正（O→0, l/I→1）" if w.repaired else ""
        penalty = 0.03 if w.repaired else 0.0
        attrs: dict[str, object] = {"normalized": d}
        if n == 18 and _looks_like_valid_id(d):
            if _names_other_number(ctx, "id"):
                return None  # 卡号：…/统一社会信用代码… right before: the other recogniser reports it
            has_ctx = kind == "id"
            attrs["valid_checksum"] = True
            return doc.det(ID_NUMBER, w.start, w.end, (0.99 if has_ctx else 0.95) - penalty, self.name,
                           f"18位身份证号，校验位正确（GB 11643 / ISO 7064 MOD 11-2），出生日期{d[6:10]}-{d[10:12]}-"
                           f"{d[12:14]}{_ctx_note(ctx if has_ctx else None)}{ocr}", attrs)
        if kind != "id" or not w.first or ctx is None or w.glued:
            return None  # without an ID context word, only a valid checksum is evidence enough
        if n == 15 and _ID15_SHAPE.fullmatch(d) and _birth_ok("19" + d[6:12]):
            attrs["valid_checksum"] = True  # the 15-digit form has no check digit
            attrs["legacy"] = True
            return doc.det(ID_NUMBER, w.start, w.end, 0.9 - penalty, self.name,
                           f"15位旧式身份证号（无校验位），出生日期19{d[6:8]}-{d[8:10]}-{d[10:12]}"
                           f"{_ctx_note(ctx)}{ocr}", attrs)
        attrs["valid_checksum"] = False
        if n == 18 and _ID18_SHAPE.fullmatch(d):
            why = ("出生日期不合理" if not _id_shape_ok(d) else
                   f"校验位应为{id_check_char(d[:17])}")
            return doc.det(ID_NUMBER, w.start, w.end, 0.6 - penalty, self.name,
                           f"疑似18位身份证号：{why}（check digit wrong: possibly OCR error / typo），"
                           f"仍应删除{_ctx_note(ctx)}{ocr}", attrs)
        return doc.det(ID_NUMBER, w.start, w.end, 0.5 - penalty, self.name,
                       f"疑似身份证号：位数为{n}，不符合15/18位（possibly OCR error / typo），仍应删除"
                       f"{_ctx_note(ctx)}{ocr}", attrs)


_BANK_AFTER = re.compile(r" ?的?(?:银行卡|储蓄卡|借记卡|信用卡|银行账户|银行账号|账户|帐户|账号|卡)")


class _BankCardRecognizer(_NumberRecognizer):
    """Bank card and account numbers (12–25 digits) near 账号/卡号/银行…, Luhn for 16–19 digits.

    Confidence: context + Luhn 0.99; context, 12–15 or 20–25 digits (account numbers, 对公账户)
    0.88; context, 16–19 digits failing Luhn 0.85; no context but Luhn-valid 16–19 digits starting
    62/4/5 (UnionPay/Visa/Mastercard) 0.75; otherwise not reported.
    """

    def __init__(self) -> None:
        super().__init__("bank_card", BANK_CARD, 80, _CTX_WORDS["bank"], luhn_ok)

    def classify(self, doc: _Doc, w: _Window) -> Detection | None:
        d = w.digits
        n = len(d)
        if n < 12 or n > 25 or w.glued or not _DIGITS.fullmatch(d):
            return None
        if w.end - w.start > n and max(len(g) for g in _SEP_RE.split(w.raw)) > 6:
            return None  # 5000000-7720180: a subtraction, not a card printed in groups of 4
        ctx = doc.context(w.start)
        kind = ctx.kind if ctx else None
        if kind in ("lawyer", "case", "other") or doc.is_date_or_url(w.start, w.end):
            return None
        after = _BANK_AFTER.match(doc.scan, w.end)
        has_ctx = kind == "bank" or after is not None
        if _looks_like_valid_id(d) and not _names_other_number(ctx, "id"):
            return None  # a valid ID (≈1e-6 chance for a random account) is the ID recogniser's, unless 卡号… precede it
        if not has_ctx and doc.is_amount(w.start, w.end):
            return None
        luhn = 16 <= n <= 19 and luhn_ok(d)
        note = _ctx_note(ctx) if kind == "bank" else (f"；上下文：{after.group().strip()}" if after else "")
        attrs: dict[str, object] = {"normalized": d, "valid_checksum": luhn}
        penalty = 0.03 if w.repaired else 0.0
        if has_ctx:
            if luhn:
                conf, what = 0.99, f"{n}位银行卡号，Luhn校验通过"
            elif 16 <= n <= 19:
                conf, what = 0.85, f"{n}位银行卡/账号，未通过Luhn校验（存折或对公账号常无校验位）"
            else:
                conf, what = 0.88, f"{n}位银行账号（对公账户或存折账号）"
            return doc.det(BANK_CARD, w.start, w.end, conf - penalty, self.name, what + note, attrs)
        if luhn and (d.startswith("62") or d[0] in "45"):
            return doc.det(BANK_CARD, w.start, w.end, 0.75 - penalty, self.name,
                           f"{n}位数字，Luhn校验通过，卡组织前缀{d[:2]}（银联/Visa/万事达）；无上下文词", attrs)
        return None


# Mobile: 1[3-9] + 9 digits, grouped 3-4-4 or not, optional 86/0086 (the "+" is added below).
_MOBILE = re.compile(r"(?:(?:0086|86)[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}")
# Landline: area code 010/02x (3 digits) or 0xxx (4 digits), local number of 7–8 digits not
# starting with 0, optional extension after a separator.
_LANDLINE = re.compile(r"0(?:10|2[0-9]|[3-9][0-9]{2})[ -]?[1-9][0-9]{2,3}[ -]?[0-9]{4}(?:[ -][0-9]{1,6})?")
_HOTLINE = re.compile(r"[48]00[ -]?[0-9]{3}[ -]?[0-9]{4}")
_LOCAL = re.compile(r"[2-9][0-9]{6,7}")
_EXTENSION = re.compile(r"(?:转|分机)[0-9]{1,6}")


class _PhoneRecognizer(_NumberRecognizer):
    """Mobile, landline, 400/800 numbers (anonymization.md §5 "Mobile", "Landline").

    Confidence: mobile with context 0.98, alone 0.9; landline with context 0.95, with a hyphen
    0.88, plain 0.8; 400/800 0.85 (0.95 with context); 7–8-digit local number only right after
    a phone context word, 0.8. Amounts (13912345678元), decimals and 第…号 numbers are skipped.
    """

    def __init__(self) -> None:
        super().__init__("phone", PHONE, 70, _CTX_WORDS["phone"])

    def classify(self, doc: _Doc, w: _Window) -> Detection | None:
        n = len(w.digits)
        if n < 7 or n > 17 or w.glued or not _DIGITS.fullmatch(w.digits):
            return None
        ctx = doc.context(w.start)
        kind = ctx.kind if ctx else None
        if kind in ("lawyer", "case") or doc.is_amount(w.start, w.end) or doc.is_date_or_url(w.start, w.end):
            return None
        if w.start > 0 and doc.scan[w.start - 1] == "第":
            return None  # 第13912345678号: a document or serial number
        has_ctx = kind == "phone"
        note = _ctx_note(ctx) if has_ctx else ""
        start, end = w.start, w.end
        penalty = 0.03 if w.repaired else 0.0
        raw = w.raw
        if _MOBILE.fullmatch(raw):
            digits = w.digits[-11:]
            if start > 0 and doc.scan[start - 1] == "+" and n > 11:
                start -= 1  # +86 prefix
            return doc.det(PHONE, start, end, (0.98 if has_ctx else 0.9) - penalty, self.name,
                           f"手机号码（1[3-9]开头11位）{note}", {"normalized": digits, "kind": "mobile"})
        if _LANDLINE.fullmatch(raw):
            ext = _EXTENSION.match(doc.scan, end)
            if ext:
                end = ext.end()
            conf = 0.95 if has_ctx else (0.88 if "-" in raw or " " in raw else 0.8)
            return doc.det(PHONE, start, end, conf - penalty, self.name, f"固定电话（区号+号码）{note}",
                           {"normalized": w.digits, "kind": "landline"})
        if _HOTLINE.fullmatch(raw):
            return doc.det(PHONE, start, end, (0.95 if has_ctx else 0.85) - penalty, self.name,
                           f"400/800服务号码{note}", {"normalized": w.digits, "kind": "hotline"})
        if has_ctx and ctx is not None and ctx.gap <= 4 and w.first and _LOCAL.fullmatch(raw):
            return doc.det(PHONE, start, end, 0.8 - penalty, self.name, f"不带区号的固定电话{note}",
                           {"normalized": w.digits, "kind": "local"})
        return None


# =============================================================================================
# Regex recognisers
# =============================================================================================


class _RegexRecognizer(Recognizer):
    """A recogniser driven by one compiled pattern; subclasses turn matches into detections."""

    pattern: re.Pattern[str]

    def find(self, doc: _Doc) -> Iterator[Detection]:
        for m in self.pattern.finditer(doc.scan):
            det = self.build(doc, m)
            if det is not None:
                yield det

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        raise NotImplementedError


_PROVINCE_ABBR = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"


class _PlateRecognizer(_RegexRecognizer):
    """Licence plates (GA 36, 机动车号牌): province abbreviation, issuing-office letter, 5 or 6 characters.

    Ordinary plates have 5 characters after the letter (the last may be 挂/学/警/港/澳/领);
    new-energy plates have 6 (D/F first for small cars, last for large ones). I and O are never
    used. Confidence 0.98 with a vehicle word nearby (车牌, 驾驶, 轿车…), else 0.93.
    """

    pattern = re.compile(
        rf"[{_PROVINCE_ABBR}][A-HJ-NP-Z][·•・ ]?"
        r"(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳领试超])(?![A-Za-z0-9])")
    _NEV = re.compile(r"[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]")
    _CONTEXT = re.compile(r"车牌|号牌|牌照|牌号|驾驶|车辆|轿车|货车|汽车|客车|摩托车|面包车|越野车|挂车|车")

    def __init__(self) -> None:
        super().__init__("plate", PLATE, 55, ("车牌", "号牌", "牌照", "驾驶", "车辆", "轿车", "货车"))

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        s, e = m.span()
        plate = m.group()
        tail = re.sub(r"[·•・ ]", "", plate[2:])
        if len(tail) == 6 and not self._NEV.fullmatch(tail):
            return None  # six characters are only valid for new-energy plates
        near = doc.scan[max(0, s - 12):s] + doc.scan[e:e + 8]
        has_ctx = self._CONTEXT.search(near) is not None
        if sum(ch.isdigit() for ch in tail) < (1 if has_ctx else 2):
            return None  # a run of capitals after a province name is a word, not a plate
        attrs: dict[str, object] = {"normalized": plate[:2] + tail, "prefix": plate[:2], "new_energy": len(tail) == 6}
        if doc.scan.startswith("号", e):
            attrs["suffix"] = "号"  # 京A12345号小型轿车: the anonymiser may delete 号 with the plate
        what = "新能源车号牌" if len(tail) == 6 else "机动车号牌"
        return doc.det(PLATE, s, e, 0.98 if has_ctx else 0.93, self.name,
                       f"{what}（省份简称+发牌机关代号+序号）" + ("；上下文：车辆" if has_ctx else ""), attrs)


class _EmailRecognizer(Recognizer):
    """E-mail addresses (local@domain.tld). Confidence 0.97.

    Found from each @ outwards (local part at most 64 characters, RFC 5321), so a long run of
    Latin text without an @ costs nothing.
    """

    _LOCAL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}$")
    _DOMAIN = re.compile(r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])")

    def __init__(self) -> None:
        super().__init__("email", EMAIL, 65, ("邮箱", "电子邮件", "E-mail", "email"))

    def find(self, doc: _Doc) -> Iterator[Detection]:
        scan = doc.scan
        at = scan.find("@")
        while at >= 0:
            local = self._LOCAL.search(scan, max(0, at - 64), at)
            domain = self._DOMAIN.match(scan, at + 1)
            if local is not None and domain is not None:
                yield doc.det(EMAIL, local.start(), domain.end(), 0.97, self.name, "电子邮箱地址（通讯方式）")
            at = scan.find("@", at + 1)


class _AccountIdRecognizer(_RegexRecognizer):
    """WeChat / QQ / Alipay / Douyin account IDs: the token after the context word. Confidence 0.9."""

    pattern = re.compile(
        r"(?P<ctx>微信号码|微信账号|微信号|微信ID|微信id|微信|QQ号码|QQ号|QQ|qq号|qq|支付宝账号|支付宝|抖音号|钉钉号)"
        r"(?:[:：\s（(“”\"「『]|为|是|号码|号|账号|ID){0,4}"
        r"(?P<tok>[A-Za-z0-9][A-Za-z0-9_\-]{4,29})(?![A-Za-z0-9_\-@.])")

    def __init__(self) -> None:
        super().__init__("account_id", ACCOUNT_ID, 60, ("微信号", "QQ号", "支付宝账号", "抖音号"))

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        if m.start() > 0 and _ASCII_LETTER.match(doc.scan, m.start() - 1):
            return None  # "QQ" inside a Latin word
        tok = m.group("tok")
        if tok.isdigit() and m.group("ctx").startswith("微信") and len(tok) < 6:
            return None
        return doc.det(ACCOUNT_ID, m.start("tok"), m.end("tok"), 0.9, self.name,
                       f"社交/支付账号；上下文：{m.group('ctx')}", {"normalized": tok})


# GB 32100-2015: registration authority (1 char), type (1), admin division (6 digits), organisation
# code (9), check (1).
_CC_CLASS = "0-9ABCDEFGHJKLMNPQRTUWXY"
_CC_REGION2 = frozenset({10} | set(_ID_PROVINCES))


class _CreditCodeRecognizer(_RegexRecognizer):
    """统一社会信用代码 (GB 32100-2015), 18 characters with a MOD 31 check character.

    Confidence: context + valid 0.99; valid alone 0.9 (with a plausible registration authority
    and region); context with a wrong check character 0.7 (the spec's own example
    91310115MA1K000000 fails the check but must still be treated as a code).
    """

    # The class comes first and the "not preceded by" check right after it, so the engine can skip
    # to candidate characters instead of trying every position.
    pattern = re.compile(rf"[{_CC_CLASS}](?<![0-9A-Za-z].)[{_CC_CLASS}][0-9]{{6}}[{_CC_CLASS}]{{10}}(?![0-9A-Za-z])")

    def __init__(self) -> None:
        super().__init__("credit_code", CREDIT_CODE, 85, _CTX_WORDS["credit"], credit_code_ok)

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        code = m.group()
        ctx = doc.context(m.start())
        kind = ctx.kind if ctx else None
        if kind in ("lawyer", "case"):
            return None
        valid = credit_code_ok(code)
        attrs: dict[str, object] = {"normalized": code, "valid_checksum": valid}
        if kind == "credit":
            if valid:
                return doc.det(CREDIT_CODE, m.start(), m.end(), 0.99, self.name,
                               f"统一社会信用代码，校验码正确（GB 32100-2015）{_ctx_note(ctx)}", attrs)
            return doc.det(CREDIT_CODE, m.start(), m.end(), 0.7, self.name,
                           f"统一社会信用代码，校验码应为{credit_code_check_char(code[:17])}（可能录入错误）"
                           f"{_ctx_note(ctx)}", attrs)
        if not valid or kind in ("id", "bank", "phone", "passport"):
            return None
        if code[0] not in "123456789ANY" or int(code[2:4]) not in _CC_REGION2:
            return None
        if code.isdigit() and _looks_like_valid_id(code):
            return None
        return doc.det(CREDIT_CODE, m.start(), m.end(), 0.9, self.name,
                       "统一社会信用代码，校验码正确（GB 32100-2015）；无上下文词", attrs)


class _PassportRecognizer(_RegexRecognizer):
    """Passports and travel permits: a context word, then the document number. Confidence 0.95."""

    pattern = re.compile(
        r"(?P<ctx>港澳居民来往内地通行证|台湾居民来往大陆通行证|往来港澳通行证|往来台湾通行证|港澳通行证|"
        r"外国人永久居留身份证|外国人永久居留证|香港身份证|澳门身份证|护照|回乡证|台胞证|旅行证)"
        r"(?:号码|号|编号|证号|证件号码|证件号|[:：\s（(]|为|是){0,5}"
        r"(?P<tok>[A-Z]{3}[0-9]{12}|[A-Z]{1,2}[0-9]{6,10}(?:[（(][0-9A][）)])?|[0-9]{8,10})(?![A-Za-z0-9])")

    def __init__(self) -> None:
        super().__init__("passport", PASSPORT, 75, ("护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证",
                                                    "回乡证", "台胞证"))

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        return doc.det(PASSPORT, m.start("tok"), m.end("tok"), 0.95, self.name,
                       f"护照/通行证号码；上下文：{m.group('ctx')}", {"normalized": m.group("tok")})


class _PropertyCertRecognizer(_RegexRecognizer):
    """Certificate numbers of immovable and movable property (不动产权证书, 房产证, 车辆登记证书).

    Confidence: 不动产权第…号 / 房权证…字第…号 forms 0.97; a number after a certificate word 0.9.
    """

    pattern = re.compile(
        rf"(?P<bdc>[{_PROVINCE_ABBR}] ?[（(] ?[0-9]{{4}} ?[）)][{_CJK}]{{0,12}}?不动产(?:权|证明)第 ?[0-9]+ ?号)"
        rf"|(?P<fq>(?:[{_PROVINCE_ABBR}][{_CJK}]{{0,3}}?)?(?:房权证|房地权证|房地证|房产证|国用|集用)"
        rf" ?(?:[（(] ?[0-9]{{4}} ?[）)])?[{_CJK}]{{0,8}}?字? ?第 ?[0-9A-Za-z\-]+ ?号)"
        r"|(?P<ctx>房产证号码|房产证号|房产证编号|房屋所有权证号|不动产权证书号|不动产权证号|不动产登记证明号|"
        r"土地使用权证号|土地证号|机动车登记证书编号|车辆登记证书编号|登记证书编号|权属证书编号|产权证号)"
        r"(?:码|为|是|[:：\s]){0,3}(?P<tok>[A-Za-z0-9][A-Za-z0-9\-]{3,24})(?![A-Za-z0-9\-])")

    # Certificate words are rare; the full pattern (which cannot skip ahead: its first branch starts
    # with a province abbreviation) only runs in a small window around each of them.
    _TRIGGER = re.compile(r"不动产|房权证|房地权证|房地证|房产证|国用|集用|证号|证书编号|证编号")

    def __init__(self) -> None:
        super().__init__("property_cert", PROPERTY_CERT, 72, ("不动产权", "房产证号", "土地证号", "车辆登记证书编号"))

    def find(self, doc: _Doc) -> Iterator[Detection]:
        scan = doc.scan
        seen: set[tuple[int, int]] = set()
        for t in self._TRIGGER.finditer(scan):
            lo, hi = max(0, t.start() - 26), min(len(scan), t.end() + 50)
            for m in self.pattern.finditer(scan, lo, hi):
                if m.end() <= t.start() or m.start() >= t.end() or m.span() in seen:
                    continue  # only matches that contain this trigger, each once
                seen.add(m.span())
                det = self.build(doc, m)
                if det is not None:
                    yield det

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        if m.group("bdc"):
            return doc.det(PROPERTY_CERT, m.start(), m.end(), 0.97, self.name, "不动产权证书编号（…不动产权第…号）")
        if m.group("fq"):
            return doc.det(PROPERTY_CERT, m.start(), m.end(), 0.97, self.name, "房屋/土地权属证书编号（…字第…号）")
        return doc.det(PROPERTY_CERT, m.start("tok"), m.end("tok"), 0.9, self.name,
                       f"权属证书编号；上下文：{m.group('ctx')}", {"normalized": m.group("tok")})


_CN_DIGIT = "〇零○ОO一二三四五六七八九"
_DATE_AR = r"(?:19|20)[0-9]{2} ?年 ?[0-9]{1,2} ?月(?: ?[0-9]{1,2} ?日)?"
_DATE_ISO = r"(?:19|20)[0-9]{2}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?"
_DATE_CN = rf"[一二][{_CN_DIGIT}]{{3}}年[一二三四五六七八九十]{{1,3}}月(?:[一二三四五六七八九十]{{1,3}}[日号])?"
_DATE_ANY = f"(?:{_DATE_AR}|{_DATE_CN}|{_DATE_ISO})"


class _BirthDateRecognizer(_RegexRecognizer):
    """Dates of birth: a date followed by 出生/生, or after 出生于/出生日期; the span is the date.

    Judgment, detention and other dates are not reported: only a date right before 出生 (or 生
    followed by punctuation: 1985年3月12日生，) or right after a birth cue counts. Confidence 0.9.
    attrs ``iso`` holds YYYY-MM-DD (YYYY-MM for month precision) when the date can be read.
    """

    # The trigger is the birth word; the date is then read just before or just after it.
    pattern = re.compile(r"出生于|出生日期|出生年月日|出生年月|出生时间|出生|生于|生(?=[，,。；;、\s（(）)]|$)")
    _BEFORE = re.compile(rf"(?<![0-9{_CN_DIGIT}])(?:{_DATE_ANY}) ?$")
    _AFTER = re.compile(rf"(?:[:：为是\s]){{0,2}}({_DATE_ANY})(?![0-9])")
    _SHENGYU_PREV = frozenset("，,、：: 男女族）)")

    def __init__(self) -> None:
        super().__init__("birth_date", BIRTH_DATE, 40, ("出生", "生", "出生于", "出生日期"))

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        scan = doc.scan
        word = m.group()
        span: tuple[int, int] | None = None
        if word != "生于":  # 1985年3月12日出生(于河南省) / 1985年3月12日生，
            before = self._BEFORE.search(scan, max(0, m.start() - 18), m.start())
            if before is not None:
                span = (before.start(), before.end())
                while span[1] > span[0] and scan[span[1] - 1] == " ":
                    span = (span[0], span[1] - 1)
        if span is None and word not in ("出生", "生") and (
                word != "生于" or (m.start() > 0 and scan[m.start() - 1] in self._SHENGYU_PREV)):
            after = self._AFTER.match(scan, m.end())  # 出生于1985年3月12日, not 发生于2023年…
            if after is not None:
                span = after.span(1)
        if span is None:
            return None
        s, e = span
        attrs: dict[str, object] = {}
        raw = scan[s:e].replace(" ", "")
        try:
            value = parse_date(raw)
        except ValueError:
            pass  # an unreadable date is still a birth date to report
        else:
            has_day = any(ch in raw for ch in "日号") or sum(raw.count(c) for c in "-./") == 2
            attrs["iso"] = value.isoformat() if has_day else value.isoformat()[:7]
        return doc.det(BIRTH_DATE, s, e, 0.9, self.name, f"出生日期；上下文：{word}", attrs)


# --- addresses ---------------------------------------------------------------------------------

_PROVINCE_NAMES = ("黑龙江", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
                   "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾")
_MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_AUTONOMOUS = ("内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
               "香港特别行政区", "澳门特别行政区")
_PROV_RE = re.compile(
    "(?P<full>" + "|".join([f"{p}省" for p in _PROVINCE_NAMES] + [f"{m}市" for m in _MUNICIPALITIES]
                           + list(_AUTONOMOUS)) + ")"
    "|(?P<bare>" + "|".join(_PROVINCE_NAMES + _MUNICIPALITIES + ("内蒙古", "广西", "西藏", "宁夏", "新疆")) + ")")
# A division below the province: autonomous prefectures/counties/banners may have long names.
# The autonomous branch is only tried when 自治 is in reach (it is rare and costs a 15-character scan).
_AUTO_UNIT_RE = re.compile(rf"(?P<name>[{_CJK}]{{2,15}}?)(?P<suf>自治州|自治县|自治旗)")
_UNIT_RE = re.compile(
    rf"(?P<name>[{_CJK}]{{1,8}}?)(?P<suf>经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|开发区|高新区|"
    r"新区|地区|林区|特区|市|区|县|旗|盟)")
_PREFECTURE_SUFFIXES = ("地区", "自治州", "盟")
_CITY_SUFFIXES = ("市",)
# Characters that never appear inside a county or city name after its first character.
_NOT_IN_UNIT = frozenset("路街巷号院弄组栋室幢村")  # not 楼: 鼓楼区, 钟楼区
_UNIT_NAME_EXCEPTIONS = frozenset({"上街"})  # 郑州市上街区
# Function words: a "name" containing them is running prose, not a place.
_PROSE = frozenset("的了在与及附近旁侧处之被把到给等是为并但而其该此至往告")
# Zones inside a county that end in 区 but are not county-level (小区, 社区, 园区, 景区…).
_NOT_COUNTY_QU = ("小", "社", "园", "校", "厂", "景", "片", "营", "库", "院", "生活", "住宅", "商业", "工业",
                  "办公", "居住", "保税", "风景", "商务", "城中", "老城")
_NOT_CITY_SHI = ("超", "菜", "夜", "股", "集", "花", "黑", "早", "灯", "鱼", "门市")


def _unit_ok(name: str, suffix: str) -> bool:
    """Is ``name + suffix`` plausibly an administrative division (not a street, shop or zone)?"""
    if any(ch in _PROSE for ch in name):
        return False
    if name not in _UNIT_NAME_EXCEPTIONS and any(ch in _NOT_IN_UNIT for ch in name[1:]):
        return False
    if any(ch in "镇乡" for ch in name[1:-1]):  # 平乡县/武乡县 end in 乡; a 镇 inside means a town
        return False
    if suffix == "区" and name.endswith(_NOT_COUNTY_QU):
        return False
    if suffix in ("市", "地区", "盟") and len(name) < 2:
        return False  # no city has a one-character name: 书市, 超市, 夜市 are markets
    return not (suffix == "市" and name.endswith(_NOT_CITY_SHI))


def _parse_admin(scan: str, pos: int, end: int) -> tuple[int, int, bool]:
    """Read province, prefecture and county-level divisions at ``pos``.

    Returns (end of the kept prefix, number of divisions below the province, province seen).
    Stops after the first county-level unit (区/县/旗/自治县/开发区…), after a city inside a
    municipality, or after two cities (prefecture-level 金华市 + county-level 义乌市): everything
    after that is the detail to delete (spec §5: keep the address down to county/district level).
    """
    p = pos
    m = _PROV_RE.match(scan, p, end)
    muni = False
    prov = False
    if m:
        muni = m.group().startswith(_MUNICIPALITIES)
        p = m.end()
        prov = m.lastgroup == "full"
    units = 0
    cities = 0
    while units < 3:
        u = _AUTO_UNIT_RE.match(scan, p, end) if "自治" in scan[p:p + 19] else None
        if u is None:
            u = _UNIT_RE.match(scan, p, end)
        if u is None:
            break
        name, suffix = u.group("name"), u.group("suf")
        if not _unit_ok(name, suffix):
            break
        prefecture = suffix in _PREFECTURE_SUFFIXES
        city = suffix in _CITY_SUFFIXES
        if muni and (prefecture or city):
            break  # a municipality has districts and counties directly below it
        if prefecture and units:
            break
        if suffix == "旗" and not (units or m):
            break  # a banner (Inner Mongolia) comes after its league/city; alone, 红旗镇 is a town
        p = u.end()
        units += 1
        if not (prefecture or city):
            break  # county level reached
        if city:
            cities += 1
            if cities == 2:
                break
    if m and not prov and units == 0:
        return pos, 0, False  # a bare "山东" followed by no division is a word (山东路), not a province
    return p, units, bool(m)


# A letter of a road or village name: not a function word, not a house-number unit (号组室栋幢).
_RN = r"[^\W\d_的了在与及附近旁侧处之被把到从给等是为并但而至往告号组室栋幢]"
# 庄/屯/寨 end a component only when 村 does not follow (李庄村 is one village, not 李庄 + 村);
# 路 is not a road in 路段/路边/路费/路过… .
_ROAD_SUF = ("大街|大道|胡同|街道|小区|社区|花园|公寓|大厦|新村|家园|村委会|居委会|嘎查|路(?![段边旁面上过轨线费况途程])|"
             "街|巷|弄|村|镇|乡|"
             "屯(?!村)|苑|庄(?!村)|寨(?!村)|里(?![面边头的])")
_NUM_SUF = "号院|号楼|号|栋|幢|座|单元|层|楼|室|户|组|排|门|期|区"
_ROAD = rf"(?:{_RN}|[0-9]){{1,8}}?(?:{_ROAD_SUF})"
_NUM = rf"[0-9A-Za-z\-#甲乙丙丁一二三四五六七八九十]{{1,8}}?(?:{_NUM_SUF})"
# Roads/villages, then numbers (号, 栋, 单元, 室); a further road block (…路88号XX小区5栋) must end in
# a number too, so the match does not run on into the sentence (…3组林地流转召开村民大会).
_DETAIL_RE = re.compile(rf"(?:{_ROAD})+(?:{_NUM})*(?:(?:{_ROAD})+(?:{_NUM})+)*|(?:{_NUM})+")
_DETAIL_TAIL = re.compile(r"[0-9A-Za-z\-#]+(?:号|室)?")
_HAS_NUMBER = re.compile(rf"[0-9一二三四五六七八九十甲乙丙丁](?:{_NUM_SUF})")
_ROAD_SUF_RE = re.compile(_ROAD_SUF)
_BODY_STOP = re.compile(r"[，,。；;、\n（()）！？!?：:“”\"《》]")
# A remainder reported without a recognised structure must still look like an address.
_ADDRESSY = re.compile(r"[0-9号路街村组栋室楼巷弄苑庄屯寨]")
_ADDR_CUE = re.compile(
    r"(?P<cue>经常居住地|户籍所在地|户籍地址|户籍地|身份证住址|住所地|现住址|现住所|现住|家庭住址|家住|住址|住所|"
    r"居住在|居住于|居住地|暂住地|暂住|租住|住在|住)(?:[:：]|在|于|为|是)?")
_BARE_CUE_PREV = frozenset("，,、；;。:：（( \n均都同原曾并现家")
# Cues that are also ordinary words (住在一起, 住房, 住户): they need a division or a house number.
_WEAK_CUES = frozenset({"住", "住在", "租住"})
# Cues that name an address outright: an unparseable short remainder is still reported (0.6).
_STRONG_CUES = frozenset({"住址", "住所地", "户籍地", "户籍所在地", "户籍地址", "经常居住地", "现住址", "家庭住址",
                          "身份证住址", "暂住地", "居住地", "住所"})
# Where a free-standing address may start: a province name, or a division right after 在/位于/至….
# Every branch starts with a literal so the engine can skip ahead (see fazhi.text.normalize).
_FREE_ANCHORS = ("位于", "在", "于", "至", "到", "往", "从", "赴")
_FREE_START = re.compile(
    "|".join(_PROVINCE_NAMES + _MUNICIPALITIES + ("内蒙古", "广西", "西藏", "宁夏", "新疆"))
    + "|" + "|".join(f"{a}(?=[{_CJK}]{{1,8}}?(?:市|区|县|旗))" for a in _FREE_ANCHORS))


class _AddressRecognizer(Recognizer):
    """Address detail below county/district level; the span is the part to delete.

    After an address cue (住, 住址, 户籍地, 住所地, 现住, 家住, 居住在, 暂住, 经常居住地…), and for free
    addresses in facts that start with a province or follow 在/位于/至… (在北京市朝阳区建国路88号附近).
    The province/city/county prefix is kept out of the span; attrs ``kept`` is that prefix and
    ``keep_end`` its end (= the span's start). Confidence: cue + prefix 0.95; cue without a
    prefix 0.85; cue, no recognisable structure 0.6; free-standing 0.8 (0.75 with one division).
    """

    def __init__(self) -> None:
        super().__init__("address", ADDRESS, 50, ("住", "住址", "现住", "户籍地", "住所地", "家住", "居住在", "暂住",
                                                  "经常居住地"))

    def find(self, doc: _Doc) -> Iterator[Detection]:
        scan = doc.scan
        for m in _ADDR_CUE.finditer(scan):
            det = self._after_cue(doc, m)
            if det is not None:
                yield det
        for m in _FREE_START.finditer(scan):
            start = m.end() if m.group() in _FREE_ANCHORS else m.start()
            det = self._free(doc, start)
            if det is not None:
                yield det

    @staticmethod
    def _body_end(scan: str, pos: int) -> int:
        stop = _BODY_STOP.search(scan, pos, pos + 60)
        return stop.start() if stop else min(len(scan), pos + 60)

    def _after_cue(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        scan = doc.scan
        cue = m.group("cue")
        pos = m.end()
        while pos < len(scan) and scan[pos] == " ":
            pos += 1
        body_end = self._body_end(scan, pos)
        if body_end <= pos:
            return None
        p, units, prov = _parse_admin(scan, pos, body_end)
        if cue == "住" and not (m.start() == 0 or scan[m.start() - 1] in _BARE_CUE_PREV or units or prov):
            return None  # 住 inside a word (住院, 入住, 抓住) unless a division follows
        detail = _DETAIL_RE.match(scan, p, body_end)
        if detail and cue in _WEAK_CUES and not (units or prov) and not _HAS_NUMBER.search(detail.group()):
            detail = None  # 住在一起 / 住户所欠房款: a weak cue needs a division or a house number
        kept = doc.text[pos:p]
        attrs: dict[str, object] = {"kept": kept, "keep_end": p, "cue": cue}
        rest = scan[p:body_end]
        if (units or prov) and (not detail or detail.end() < body_end) and len(rest) <= 40 \
                and _HAS_NUMBER.search(rest) and not any(ch in _PROSE for ch in rest):
            # A party block (住…区 + the rest up to the comma) whose detail has a house number but a
            # form the grammar does not know (农光里10号楼, 望京SOHO T1-1201): delete all of it.
            return doc.det(ADDRESS, p, body_end, 0.9, self.name,
                           f"住址中区县以下部分（含门牌号）；保留“{kept}”；上下文：{cue}", attrs)
        if detail and detail.end() > p:
            end = detail.end()
            tail = _DETAIL_TAIL.match(scan, end, body_end)
            if tail:
                end = tail.end()
            conf = 0.95 if (units or prov) else 0.85
            if end < body_end:
                conf -= 0.05  # the clause goes on after the address: the end is less certain
            return doc.det(ADDRESS, p, end, conf, self.name,
                           f"住址中区县以下部分（路、号、室、村、组等）；保留“{kept}”；上下文：{cue}"
                           if kept else f"详细住址；上下文：{cue}", attrs)
        # A strong cue followed by something that is not parseable but short and prose-free.
        if cue in _STRONG_CUES and 2 <= len(rest) <= 25 and _ADDRESSY.search(rest) \
                and not any(ch in _PROSE for ch in rest):
            return doc.det(ADDRESS, p, body_end, 0.6, self.name,
                           f"疑似详细住址（结构未识别）；上下文：{cue}", attrs)
        return None

    def _free(self, doc: _Doc, pos: int) -> Detection | None:
        scan = doc.scan
        body_end = self._body_end(scan, pos)
        p, units, prov = _parse_admin(scan, pos, body_end)
        if units == 0 or p == pos:
            return None
        detail = _DETAIL_RE.match(scan, p, body_end)
        if not detail or detail.end() <= p:
            return None
        text = detail.group()
        if not _HAS_NUMBER.search(text) and len(_ROAD_SUF_RE.findall(text)) < 2:
            return None  # in running text demand a house number or two road/village components
        kept = doc.text[pos:p]
        conf = 0.8 if (prov or units >= 2) else 0.75
        return doc.det(ADDRESS, p, detail.end(), conf, self.name,
                       f"事实部分中的具体地址（区县以下部分）；保留“{kept}”",
                       {"kept": kept, "keep_end": p, "cue": ""})


# --- health and technical investigation ------------------------------------------------------

_CANCER_SITES = ("肺", "胃", "肝", "乳腺", "食管", "食道", "鼻咽", "结直肠", "结肠", "直肠", "宫颈", "卵巢", "甲状腺",
                 "胰腺", "膀胱", "前列腺", "")
# Every alternative starts with a literal, so the engine skips straight to candidate characters.
# Institutions (精神病医院, 精神疾病司法鉴定所), 残疾赔偿金/残疾保险金 and 残疾人保障法 are not a person's
# health condition and are excluded by the lookaheads.
_INSTITUTION = "(?!院|医院|专科|司法鉴定|鉴定所|防治|康复中心|研究)"
_DISEASE = "|".join([
    "艾滋病病毒感染者", "艾滋病病毒", f"艾滋病{_INSTITUTION}", "HIV(?<![A-Za-z]HIV)(?:阳性|感染者)?(?![A-Za-z])",
    "精神分裂症", "双相情感障碍", "抑郁症", "焦虑症", "精神发育迟滞", "精神障碍", f"精神疾病{_INSTITUTION}",
    f"精神病{_INSTITUTION}", "癫痫",
    *(f"{site}癌症?" for site in _CANCER_SITES),
    "恶性肿瘤", "白血病", "淋巴瘤", "尿毒症", "乙型肝炎", "乙肝", "丙型肝炎", "丙肝", "梅毒", "淋病", "性病",
    "肺结核", "结核病", "智力残疾", "精神残疾", "肢体残疾", "视力残疾", "听力残疾",
    "残疾(?!赔偿|辅助|人保障|保险|用具|器具)(?<!高度残疾)", "智力障碍", "智力低下", "脑瘫", "自闭症", "孤独症",
    "阿尔茨海默病?", "老年痴呆症?", "不孕不育", "不孕症", "不育症", "糖尿病", "心脏病", "高血压", "吸毒成瘾",
    "肾病", "尿毒症", "哮喘", "血友病", "帕金森病?", "肝硬化", "红斑狼疮", "强迫症", "孤独症谱系障碍",
])
_HEALTH_CTX = re.compile(r"患有|罹患|患|诊断为|诊断|确诊|感染|病史|系|治疗|住院|鉴定为")
_RECORD_WORDS = ("住院病历号", "病历编号", "就诊卡号", "病历号", "病案号", "住院号", "门诊号")
_RECORD_TOKEN = re.compile(r"(?:码|[:：\s]|为|是){0,3}([A-Za-z0-9][A-Za-z0-9\-]{2,19})(?![A-Za-z0-9\-])")


class _HealthRecognizer(_RegexRecognizer):
    """Health condition: diagnoses and disease names, medical-record numbers (conservative).

    Injury descriptions (轻伤二级, 骨折) are not reported: in injury cases they are the subject
    matter and are kept (spec §5). Confidence: record number 0.9; disease with a diagnosis word
    (患有, 诊断为, 确诊…) just before it 0.8; disease name alone 0.6. Names inside 《…》 (statute
    titles), institutions and compensation/insurance terms (残疾赔偿金) are skipped.
    """

    pattern = re.compile("|".join(_RECORD_WORDS) + "|" + _DISEASE)
    # A condition named after a diagnosis word, whole (重度抑郁症, 乙型病毒性肝炎, 1型糖尿病): the
    # phrase must end like a disease name; injuries (骨折, 轻伤) never do, so they stay.
    _AFTER_CUE = re.compile(
        r"(?:(?:既往|自幼|长期|被)?(?:患有|罹患|诊断为|确诊为|诊断患有|确诊患有)|既往|诱发|病史为)"
        r"(?P<d>(?!患有|罹患|诊断|确诊)[\u4e00-\u9fff0-9]{1,10}?"
        r"(?:病|症|炎|癌|瘤|障碍|综合征|哮喘|结核|痴呆|不育|不孕|癫痫|感染者))(?=[，。；、,;）)]|住院|需|长期|的|$)")
    _MODIFIER = re.compile(r"(?:慢性|急性|重度|中度|轻度|活动性|原发性|继发性|病毒性|乙型病毒性|[0-9一二]型)+$")

    def __init__(self) -> None:
        super().__init__("health", HEALTH, 30, ("患有", "诊断为", "确诊", "病史", "病历号", "住院号"))

    def find(self, doc: _Doc) -> Iterator[Detection]:
        for m in self._AFTER_CUE.finditer(doc.scan):
            s, e = m.span("d")
            yield doc.det(HEALTH, s, e, 0.8, self.name,
                          f"健康状况：“{m.group()[:len(m.group()) - len(m.group('d'))]}”之后的疾病名称“{m.group('d')}”")
        yield from super().find(doc)

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        word = m.group()
        if word in _RECORD_WORDS:
            tok = _RECORD_TOKEN.match(doc.scan, m.end())
            if tok is None:
                return None
            return doc.det(HEALTH, tok.start(1), tok.end(1), 0.9, self.name,
                           f"病历/住院号（健康信息）；上下文：{word}", {"normalized": tok.group(1)})
        s, e = m.span()
        before = doc.scan[max(0, s - 15):s]
        if before.rfind("《") > before.rfind("》"):
            return None  # inside a statute title (《艾滋病防治条例》)
        # take the modifiers and a trailing 病 with the name (慢性肾病, 高血压病, 重度焦虑症)
        if (mod := self._MODIFIER.search(doc.scan, max(0, s - 8), s)) is not None:
            s = mod.start()
        if doc.scan.startswith("病", e) and not word.endswith("病"):
            e += 1
        ctx = _HEALTH_CTX.search(doc.scan, max(0, s - 8), s)
        if ctx:
            return doc.det(HEALTH, s, e, 0.8, self.name, f"健康状况：疾病/诊断名称“{doc.scan[s:e]}”；上下文：{ctx.group()}")
        return doc.det(HEALTH, s, e, 0.6, self.name, f"健康状况：疾病/诊断名称“{doc.scan[s:e]}”（无诊断上下文，待核）")


class _TechInvestigationRecognizer(_RegexRecognizer):
    """Technical investigative measures (法释〔2016〕19号 art. 10(5)): the clause that mentions them.

    The span is the sentence from the previous 。；！？ (or line start) through the next 。/；
    inclusive, or, inside an enumeration (…、技侦材料、…), just that item. Confidence 0.9 for
    技术侦查/技侦/秘密侦查/技术调查; 0.7 for 监听 unless the clause also names an investigating
    organ (then 0.85), since 监听 also describes what defendants did.
    """

    pattern = re.compile(r"技术侦[查察]|技侦|秘密侦查|技术调查|监听")
    _ORGAN = re.compile(r"侦查|公安|机关|批准|依法")

    def __init__(self) -> None:
        super().__init__("tech_investigation", TECH_INVESTIGATION, 100, ("技术侦查", "技侦", "监听", "秘密侦查"))

    def find(self, doc: _Doc) -> Iterator[Detection]:
        last_end = -1
        for m in self.pattern.finditer(doc.scan):
            if m.start() < last_end:
                continue  # already inside the previous clause
            det = self.build(doc, m)
            if det is not None:
                last_end = det.end
                yield det

    def build(self, doc: _Doc, m: re.Match[str]) -> Detection | None:
        scan = doc.scan
        s, e = m.span()
        # the clause (between commas) that names the measure: deleting the whole sentence would
        # take parties' names and facts with it (the defendants' names are kept under 2016)
        start = max(scan.rfind(ch, 0, s) for ch in "。；;！？!?\n，,") + 1
        stops = [i for i in (scan.find(ch, e) for ch in "。；;\n，,") if i >= 0]
        end = min(stops) if stops else len(scan)
        # Inside an enumeration (证据：…、技侦材料、…): delete only the item.
        item_start = max(scan.rfind(ch, start, s) for ch in "、：:") + 1
        item_end_candidates = [i for i in (scan.find(ch, e, end) for ch in "、等") if i >= 0]
        item_end = min(item_end_candidates) if item_end_candidates else end
        # An evidence item is short and stands between 、 (…证人证言、技侦材料、书证等证据).
        enumerated = item_end - item_start <= 12 and (
            scan.startswith("、", item_end) or (item_start > start and scan[item_start - 1] == "、"))
        if enumerated:
            start, end = item_start, item_end
        elif end < len(scan) and scan[end] in "，,":
            end += 1  # "…技术侦查措施，确定…": the clause and its comma go
        elif start > 0 and scan[start - 1] in "，,":
            start -= 1  # "…，采取技术侦查措施。": the comma before it goes, the full stop stays
        while start < end and scan[start] in " \t":
            start += 1
        term = m.group()
        if term == "监听":
            conf = 0.85 if self._ORGAN.search(scan, start, end) else 0.7
        else:
            conf = 0.9
        return doc.det(TECH_INVESTIGATION, start, end, conf, self.name,
                       f"技术侦查措施相关信息（法释〔2016〕19号第10条）：“{term}”所在{'证据项' if enumerated else '分句'}",
                       {"term": term, "enumerated": enumerated})


# =============================================================================================
# Registry and the entry point
# =============================================================================================

RECOGNIZERS: tuple[Recognizer, ...] = (
    _TechInvestigationRecognizer(),
    _IdNumberRecognizer(),
    _CreditCodeRecognizer(),
    _BankCardRecognizer(),
    _PassportRecognizer(),
    _PropertyCertRecognizer(),
    _PhoneRecognizer(),
    _EmailRecognizer(),
    _AccountIdRecognizer(),
    _PlateRecognizer(),
    _AddressRecognizer(),
    _BirthDateRecognizer(),
    _HealthRecognizer(),
)
"""Every pattern recogniser, highest priority first."""

PRIORITY: dict[str, int] = {r.type: r.priority for r in RECOGNIZERS}
"""Overlap priority per kind: a clause to delete whole > ID > credit code > bank card > … > health."""


def _resolve(cands: list[Detection]) -> list[Detection]:
    """Keep non-overlapping detections: higher priority, then longer, then more confident wins.

    The kept spans never overlap, so sorted by start they are sorted by end too, and one bisection
    finds the only two neighbours a candidate could overlap (O(n log n) for long account ledgers).
    """
    order = sorted(cands, key=lambda d: (-PRIORITY.get(d.type, 0), -(d.end - d.start), -d.confidence, d.start))
    starts: list[int] = []
    kept: list[Detection] = []
    for d in order:
        if d.end <= d.start:
            continue
        i = bisect_right(starts, d.start)
        if i > 0 and kept[i - 1].end > d.start:
            continue  # overlaps the kept span that starts at or before it
        if i < len(kept) and kept[i].start < d.end:
            continue  # overlaps the kept span that starts after it
        starts.insert(i, d.start)
        kept.insert(i, d)
    return kept


def detect_patterns(text: str, *, types: Collection[str] | None = None) -> list[Detection]:
    """Find the personal information that patterns can recognise in ``text`` (anonymization.md §5).

    Returns non-overlapping detections sorted by start; offsets index ``text`` as given and
    ``d.text == text[d.start:d.end]``. ``types`` limits the kinds reported (default: all).
    Person and organisation names are not found here (see the name recogniser).
    """
    doc = _Doc(text)
    cands: list[Detection] = []
    for rec in RECOGNIZERS:
        if types is None or rec.type in types:
            cands.extend(rec.find(doc))
    return _resolve(cands)
