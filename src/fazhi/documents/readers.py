"""Turn the files a clerk feeds fazhi (plain text, Word .docx, text-layer PDF) into text.

Why this module is careful rather than simple: court clerks hand over whatever their office
software produced. Plain-text files come in UTF-8 (with or without BOM), GBK/GB2312/GB18030
from older Windows tools, or UTF-16 from Notepad's "Unicode" option; files get renamed
(a PDF called ``.txt``); uploads are cut short; scanned PDFs carry no text at all. Every one of
these cases must end either in correct text or in a :class:`~fazhi.errors.BadInput` with a
Chinese and an English message, never in mojibake and never in a traceback.

Decoding order (:func:`decode_bytes`):

1. a byte-order mark is authoritative (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE);
2. NUL bytes mean UTF-16 without BOM (tried in the byte order the NULs point to) or binary;
3. strict UTF-8; 4. strict GB18030 (a superset of GBK and GB2312);
5. UTF-16 without BOM for CJK-heavy text that contains no NUL byte at all.

Strict decoding is not enough for the "weak" candidates (GB18030, UTF-16 without BOM): almost
any run of bytes in 0x81-0xFE decodes as GB18030 into *rare* Chinese characters, and random
16-bit units are ideographs a third of the time. A candidate is therefore accepted only if the
text it yields looks like text: no NUL, few control characters, mostly characters from the
GB2312/Big5 repertoires, and, among the ideographs, mostly ones that GB2312 or Big5 can encode
(real Chinese text: >99.9%; random bytes read as GB18030: about 74%; read as UTF-16: about 56%).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fazhi.errors import BadInput, ConfigError

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table

__all__ = [
    "DEFAULT_MAX_DOCUMENT_BYTES",
    "DOCUMENT_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "RawDocument",
    "check_file",
    "decode_bytes",
    "iter_paths",
    "max_document_bytes",
    "open_binary",
    "read_document",
    "read_limited",
    "sniff_kind",
    "too_large",
]

DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: The default size limit for one document (20 MiB). The limit in force is
#: :func:`max_document_bytes`, which honours the environment variable below at call time.
MAX_DOCUMENT_BYTES = DEFAULT_MAX_DOCUMENT_BYTES
MAX_BYTES_ENV = "FAZHI_MAX_DOCUMENT_BYTES"

#: Extensions that :func:`iter_paths` picks up when it expands a directory.
DOCUMENT_SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".json", ".jsonl", ".md"})

# Control characters that plain text may legitimately contain: tab, LF, VT, FF, CR and the
# DOS end-of-file marker 0x1A. Everything else in C0/C1 (and DEL) counts against the text.
_BAD_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.02  # more than 2% stray control characters: not text
_MIN_GOOD_SHARE = 0.9  # at least 90% of non-space characters must look like text
_MIN_COMMON_CJK_SHARE = 0.9  # ideographs: at least 90% must be in GB2312 or Big5
_MIN_CJK_TO_JUDGE = 8  # fewer ideographs than this: too few to judge how common they are
_SAMPLE_CHARS = 1_000_000  # the character-distribution checks look at head and tail only

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: FF FE 00 00 also starts with the UTF-16 LE mark.
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps / .xls
_DOCX_PART = "word/document.xml"


# --------------------------------------------------------------------------- messages


def _binary() -> BadInput:
    return BadInput("无法识别的文件内容（疑似二进制文件）", "unrecognised content (looks like a binary file)")


def _unknown_encoding() -> BadInput:
    return BadInput(
        "无法识别的文本编码（支持UTF-8、GB18030/GBK/GB2312、UTF-16），或文件不是文本文件",
        "unrecognised text encoding (supported: UTF-8, GB18030/GBK/GB2312, UTF-16), or not a text file",
    )


def _empty() -> BadInput:
    return BadInput("文件内容为空（没有任何文字）", "the file is empty (no text at all)")


# --------------------------------------------------------------------------- limits


def max_document_bytes() -> int:
    """The size limit for one document, read from ``FAZHI_MAX_DOCUMENT_BYTES`` at each call.

    Read at call time (not import time) so that a deployment, or a test, can change it
    without reloading the module.
    """
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return MAX_DOCUMENT_BYTES
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(
            f"环境变量{MAX_BYTES_ENV}必须是正整数（字节数），当前为“{raw}”",
            f"environment variable {MAX_BYTES_ENV} must be a positive integer (bytes), got {raw!r}",
        )
    return value


def _describe_size(n: int) -> str:
    if n >= 1024 * 1024 and n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    return f"{n} bytes"


def too_large(size: int, limit: int, what: str = "") -> BadInput:
    """The error for a document over the size limit; ``what`` names the file or line."""
    prefix_zh = f"{what}：" if what else ""
    prefix_en = f"{what}: " if what else ""
    return BadInput(
        f"{prefix_zh}文件过大（{_describe_size(size)}），超过上限{_describe_size(limit)}"
        f"（可通过环境变量{MAX_BYTES_ENV}调整）",
        f"{prefix_en}file too large ({_describe_size(size)}); the limit is {_describe_size(limit)} "
        f"(set {MAX_BYTES_ENV} to change it)",
    )


# --------------------------------------------------------------------------- decoding


@cache
def _repertoire() -> tuple[frozenset[str], frozenset[str]]:
    """(characters GB2312 or Big5 can encode, the CJK ideographs among them).

    Built once by decoding every two-byte code of both standards (about 23,000 decodes).
    """
    chars: set[str] = set()
    for codec, leads, trails in (
        ("gb2312", range(0xA1, 0xFF), range(0xA1, 0xFF)),
        ("big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    ideographs = frozenset(c for c in chars if _is_cjk(c))
    return frozenset(chars), ideographs


def _is_cjk(c: str) -> bool:
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3134F


def _is_textual(c: str) -> bool:
    """The narrow "looks like Chinese/English text" test used for the weak candidates."""
    o = ord(c)
    if 0x20 <= o < 0x7F:
        return True
    if _is_cjk(c):
        return True
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F:
        return True  # CJK punctuation, full-width forms, general punctuation
    return c in _repertoire()[0]


def _sample(text: str) -> str:
    """The text itself, or its first and last million characters when it is longer."""
    if len(text) <= 2 * _SAMPLE_CHARS:
        return text
    return text[:_SAMPLE_CHARS] + text[-_SAMPLE_CHARS:]


def _looks_like_text(text: str, *, weak: bool, check_common: bool) -> bool:
    """Whether ``text`` (already strictly decoded) is plausibly text rather than binary.

    NUL is looked for in the whole text; the shares (control characters, text-like characters,
    common ideographs) are measured on the first and last million characters, which keeps a
    20 MiB file under a second.
    """
    if "\x00" in text:
        return False
    sample = _sample(text)
    n = len(sample)
    controls = n - len(_BAD_CONTROL_RE.sub("", sample))
    if controls > _MAX_CONTROL_SHARE * n:
        return False
    counts = Counter(sample)
    total = good = cjk = common = 0
    common_cjk = _repertoire()[1]
    for ch, k in counts.items():
        if ch.isspace():
            continue
        total += k
        if _is_textual(ch) if weak else ch.isprintable():
            good += k
        if _is_cjk(ch):
            cjk += k
            if ch in common_cjk:
                common += k
    if total == 0:
        return True  # whitespace only: the caller reports it as empty
    if good < _MIN_GOOD_SHARE * total:
        return False
    if check_common and cjk >= _MIN_CJK_TO_JUDGE and common < _MIN_COMMON_CJK_SHARE * cjk:
        return False
    return True


def _try(data: bytes, codec: str, *, weak: bool, check_common: bool) -> str | None:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, ValueError):
        return None
    if not _looks_like_text(text, weak=weak, check_common=check_common):
        return None
    return text


def _finish(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise _empty()
    return text, encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a plain-text file; return ``(text, encoding_name)``.

    ``encoding_name`` is a Python codec name: ``utf-8``, ``utf-8-sig``, ``gb18030`` (also for
    GBK and GB2312 input), ``utf-16-le``/``utf-16-be`` (with or without BOM; the BOM is not
    part of the text), ``utf-32-le``/``utf-32-be`` (BOM only). Line endings are returned as
    found. Raises :class:`BadInput` for empty or whitespace-only input, for binary content and
    for text in an encoding outside the list (Big5, Shift-JIS, Latin-1 ...), which would
    otherwise come out as plausible-looking but wrong Chinese.
    """
    if not data.strip():
        raise _empty()
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            # Random data can start with FF FE too: the ideograph check still applies to UTF-16/32.
            text = _try(
                body, codec.removesuffix("-sig"), weak=False, check_common=not codec.startswith("utf-8")
            )
            if text is None:
                raise _binary()
            return _finish(text, codec)

    if b"\x00" in data:
        # UTF-16 without BOM: ASCII characters put their NUL byte at odd offsets (LE) or even
        # offsets (BE). Try the byte order the NULs point to first; anything else is binary.
        odd_nuls = data[1::2].count(0)
        even_nuls = data[0::2].count(0)
        order = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
        if len(data) % 2 == 0:
            for codec in order:
                text = _try(data, codec, weak=True, check_common=True)
                if text is not None:
                    return _finish(text, codec)
        raise _binary()

    for codec, weak in (("utf-8", False), ("gb18030", True)):
        text = _try(data, codec, weak=weak, check_common=weak)
        if text is not None:
            return _finish(text, codec)

    if len(data) % 2 == 0:
        # Chinese-only UTF-16 without BOM has no NUL byte at all. Demand real evidence:
        # enough ideographs, almost all of them common ones.
        for codec in ("utf-16-le", "utf-16-be"):
            text = _try(data, codec, weak=True, check_common=True)
            if text is None:
                continue
            sample = _sample(text)
            # Also refuse degenerate readings such as b"\x01abc" * n -> "慁捣慁捣...".
            if sum(1 for c in sample if _is_cjk(c)) >= _MIN_CJK_TO_JUDGE and len(set(sample)) >= 5:
                return _finish(text, codec)

    # No candidate fits. Data with many control bytes is binary (images, archives, executables:
    # about one byte in eight is a control byte); the rest is most likely text in an encoding
    # we do not read (Big5, Shift-JIS, Latin-1 ...), and saying so helps the clerk more.
    head = data[:65536]
    controls = sum(1 for b in head if b < 0x20 and b not in b"\t\n\r\x0b\x0c\x1a")
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise _binary()
    raise _unknown_encoding()


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One file read into text.

    ``format`` is ``txt``, ``docx`` or ``pdf`` (what the content is, not what the name says);
    ``encoding`` is the codec for ``txt`` and ``""`` for docx/pdf, whose libraries decode;
    ``sha256`` and ``size`` describe the raw bytes as read, so a ledger can prove which file
    the text came from.
    """

    path: str
    text: str
    encoding: str
    format: str
    sha256: str
    size: int


def sniff_kind(head: bytes) -> str:
    """What the leading bytes say the file is: ``pdf``, ``zip``, ``ole`` or ``text``.

    A ``zip`` may be a .docx (see :func:`read_document`), ``ole`` is a legacy binary Office
    file (.doc, .wps, .xls). ``text`` only means "no known magic number".
    """
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    return "text"


def _with_path(path: Path, err: BadInput) -> BadInput:
    shown = str(path)
    if shown in err.zh:
        return err
    return type(err)(f"{shown}：{err.zh}", f"{shown}: {err.en}")


def check_file(path: Path) -> int:
    """Make sure ``path`` is an existing regular file and return its size in bytes.

    Missing files, directories, devices and FIFOs (which would block a read), and files
    that cannot be examined become :class:`BadInput` naming the path.
    """
    shown = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BadInput(f"文件不存在：{shown}", f"file not found: {shown}") from None
    except PermissionError:
        raise BadInput(f"没有权限读取文件：{shown}", f"permission denied: {shown}") from None
    except OSError as exc:
        raise BadInput(
            f"无法访问文件：{shown}（{exc.strerror}）", f"cannot access {shown}: {exc.strerror}"
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise BadInput(f"这是一个目录，不是文件：{shown}", f"{shown} is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"不是普通文件：{shown}", f"{shown} is not a regular file")
    return st.st_size


def open_binary(path: Path) -> BinaryIO:
    """``open(path, "rb")`` with the OS errors turned into :class:`BadInput`."""
    shown = str(path)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise BadInput(f"文件不存在：{shown}", f"file not found: {shown}") from None
    except PermissionError:
        raise BadInput(f"没有权限读取文件：{shown}", f"permission denied: {shown}") from None
    except IsADirectoryError:
        raise BadInput(f"这是一个目录，不是文件：{shown}", f"{shown} is a directory, not a file") from None
    except OSError as exc:
        raise BadInput(
            f"读取文件失败：{shown}（{exc.strerror}）", f"cannot read {shown}: {exc.strerror}"
        ) from None


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """All bytes of a regular file of at most ``limit`` bytes (default: the configured limit).

    The size is checked before reading, so an oversized file is refused without reading it.
    """
    limit = max_document_bytes() if limit is None else limit
    size = check_file(path)
    if size > limit:
        raise too_large(size, limit, str(path))
    with open_binary(path) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise BadInput(
                f"读取文件失败：{path}（{exc.strerror}）", f"cannot read {path}: {exc.strerror}"
            ) from None
    if len(data) > limit:  # grew between stat() and read()
        raise too_large(len(data), limit, str(path))
    return data


def read_document(path: Path | str) -> RawDocument:
    """Read one file into a :class:`RawDocument`, choosing the reader by content and name.

    Magic bytes win over the extension: a PDF named ``.txt`` is read as PDF, a .docx is
    recognised as a ZIP holding ``word/document.xml``. A file named ``.pdf`` or ``.docx`` whose
    content is neither is reported as damaged rather than read as text; any other extension is
    tried as text. All failures are :class:`BadInput` whose message names the file.
    """
    path = Path(path)
    data = read_limited(path)
    suffix = path.suffix.lower()
    try:
        kind = sniff_kind(data[:16])
        encoding = ""
        if kind == "pdf":
            fmt, text = "pdf", _pdf_text(data)
        elif kind == "zip":
            fmt, text = "docx", _docx_text(data, named_docx=suffix == ".docx")
        elif kind == "ole":
            raise BadInput(
                "不支持旧版Office二进制格式（.doc/.wps等），请另存为.docx或PDF后再提交",
                "legacy binary Office files (.doc, .wps ...) are not supported; save as .docx or PDF",
            )
        elif suffix == ".pdf":
            raise BadInput(
                "文件扩展名为.pdf，但内容不是PDF（文件可能已损坏）",
                "the file is named .pdf but its content is not a PDF (damaged?)",
            )
        elif suffix == ".docx":
            raise BadInput(
                "文件扩展名为.docx，但内容不是Word文档（文件可能已损坏）",
                "the file is named .docx but its content is not a Word document (damaged?)",
            )
        else:
            fmt = "txt"
            text, encoding = decode_bytes(data)
    except BadInput as err:
        raise _with_path(path, err) from err.__cause__
    return RawDocument(
        path=str(path),
        text=text,
        encoding=encoding,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def _damaged(kind_zh: str, kind_en: str, exc: BaseException) -> BadInput:
    detail = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:200]
    return BadInput(
        f"{kind_zh}已损坏或不完整，无法读取（{detail}）",
        f"the {kind_en} is damaged or incomplete and cannot be read ({detail})",
    )


def _docx_text(data: bytes, *, named_docx: bool) -> str:
    """Body text of a .docx: paragraphs and table rows in document order, one per line.

    Table rows are written as their cells joined by a tab; each ``w:tc`` counts once, so a
    horizontally merged cell appears once and the continuation of a vertically merged cell is
    empty. Paragraphs inside a cell are joined by a space so that a row stays on one line; a
    table nested in a cell is flattened into that cell. Content controls (``w:sdt``) at body
    level are entered. Headers, footers, footnotes, comments and text boxes are left out: in
    court documents they are letterheads and page numbers.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            try:
                part = zf.getinfo(_DOCX_PART)
            except KeyError:
                if named_docx:
                    raise BadInput(
                        f"Word文档已损坏：压缩包中缺少{_DOCX_PART}",
                        f"the Word document is damaged: {_DOCX_PART} is missing from the archive",
                    ) from None
                raise BadInput(
                    "这是一个ZIP压缩包，但不是Word文档（.docx）",
                    "this is a ZIP archive but not a Word (.docx) document",
                ) from None
            limit = 10 * max_document_bytes()
            if part.file_size > limit:
                raise BadInput(
                    f"Word文档解压后过大（{_describe_size(part.file_size)}，上限{_describe_size(limit)}）",
                    f"the Word document is too large once unpacked "
                    f"({_describe_size(part.file_size)}; the limit is {_describe_size(limit)})",
                )
    except BadInput:
        raise
    except Exception as exc:  # zipfile.BadZipFile, OSError, NotImplementedError (compression) ...
        raise _damaged("Word文档", "Word document", exc) from exc

    try:
        import docx  # python-docx, imported here so that reading plain text does not load it

        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _docx_blocks(document.element.body, document._body, lines)
        text = "\n".join(lines)
    except Exception as exc:  # lxml.etree.XMLSyntaxError, KeyError, ValueError, BadZipFile ...
        raise _damaged("Word文档", "Word document", exc) from exc
    if not text.strip():
        raise BadInput("Word文档中没有文字", "the Word document contains no text")
    return text


def _docx_blocks(container: BaseOxmlElement, parent: BlockItemContainer, lines: list[str]) -> None:
    """Append the text of the paragraphs and table rows under ``container``, in order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, parent).text)
        elif child.tag == qn("w:tbl"):
            lines.extend("\t".join(cells) for cells in _docx_rows(Table(child, parent)))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _docx_blocks(content, parent, lines)


def _docx_rows(table: Table) -> Iterator[list[str]]:
    """The cell texts of each row of ``table``, one entry per ``w:tc`` element."""
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    for row in table.rows:
        cells: list[str] = []
        for tc in row._tr.tc_lst:
            parts: list[str] = []
            for item in _Cell(tc, table).iter_inner_content():
                if isinstance(item, Paragraph):
                    parts.append(item.text)
                else:  # a nested table
                    parts.extend(" ".join(nested) for nested in _docx_rows(item))
            cells.append(" ".join(p.strip() for p in parts if p.strip()))
        yield cells


def _pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages joined by a newline; BadInput when there is none."""
    # A complete PDF ends with %%EOF; readers look for it in the last 1024 bytes. Without it the
    # file was cut short, and pypdf's lenient repair would silently return part of the text.
    if b"%%EOF" not in data[-1024:]:
        raise BadInput(
            "PDF文件不完整（缺少结束标记%%EOF），可能在传输中被截断",
            "the PDF is incomplete (no %%EOF end marker); it was probably cut short",
        )
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # pypdf raises several types here (DependencyError, NotImplementedError ...)
                opened = 0
            if not opened:
                raise BadInput(
                    "PDF文件已加密，请先解除密码保护", "the PDF is encrypted; remove the password first"
                )
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except BadInput:
        raise
    except Exception as exc:  # pypdf.errors.PyPdfError, KeyError, ValueError, zlib.error, RecursionError ...
        raise _damaged("PDF文件", "PDF file", exc) from exc
    if not pages:
        raise BadInput("PDF文件没有任何页面", "the PDF has no pages")
    text = "\n".join(pages)
    visible = [c for c in text if not c.isspace()]
    if not visible:
        raise BadInput(
            "该PDF没有文字层（可能是扫描件），需要先进行OCR识别",
            "this PDF has no text layer (a scan?); it needs OCR first",
        )
    if sum(1 for c in visible if c.isprintable() and not 0xE000 <= ord(c) <= 0xF8FF) < 0.5 * len(visible):
        raise BadInput(
            "该PDF的文字层无法正确解码（字体缺少Unicode映射），需要先进行OCR识别",
            "this PDF's text layer cannot be decoded (fonts lack a Unicode map); it needs OCR first",
        )
    return text


# --------------------------------------------------------------------------- paths


def _sorted_entries(directory: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as it:
            return sorted(it, key=lambda e: e.name)
    except PermissionError:
        raise BadInput(f"没有权限读取目录：{directory}", f"permission denied: {directory}") from None
    except OSError as exc:
        raise BadInput(
            f"无法读取目录：{directory}（{exc.strerror}）",
            f"cannot read directory {directory}: {exc.strerror}",
        ) from None


def _wanted(entry: os.DirEntry[str]) -> bool:
    name = entry.name
    if name.startswith(".") or name.startswith("~$"):  # hidden files, Word's lock files
        return False
    return os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES


def _walk(root: Path) -> Iterator[Path]:
    """Depth-first, entries of each directory in code-point order of their names.

    Only one directory listing per level is held at a time, so memory follows the depth of
    the tree, not the number of files. Symbolic links to directories are not followed (no
    cycles); links to files are.
    """
    stack = [iter(_sorted_entries(str(root)))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError:
            continue
        if is_dir:
            stack.append(iter(_sorted_entries(entry.path)))
        elif is_file and _wanted(entry):
            yield Path(entry.path)


def iter_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Expand files and directories into the files to read, lazily and in a stable order.

    Files named explicitly are yielded as given, whatever their extension. Directories are
    walked recursively, skipping hidden entries, ``~$`` lock files and extensions other than
    .txt .docx .pdf .json .jsonl .md. Every named path is checked before the first one is
    yielded (when this function is called), so a typo fails the whole call at once instead of
    half way through a batch.
    """
    given = [Path(p) for p in paths]
    for p in given:
        if not p.exists():
            raise BadInput(f"路径不存在：{p}", f"no such file or directory: {p}")
    return _expand(given)


def _expand(given: list[Path]) -> Iterator[Path]:
    for p in given:
        if p.is_dir():
            yield from _walk(p)
        else:
            yield p
