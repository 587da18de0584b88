"""Record formats: turn a file of cases into a stream of text records with their labels.

fazhi reads three JSON formats besides single documents (.txt/.docx/.pdf):

``cail2018``
    CAIL2018 JSON Lines, one criminal case per line:
    ``{"fact": ..., "meta": {"relevant_articles": [234], "accusation": ["故意伤害"],
    "punish_of_money": 0, "criminals": [...], "term_of_imprisonment": {"death_penalty": false,
    "imprisonment": 6, "life_imprisonment": false}}}``.
``cjrc``
    CAIL2019 reading comprehension (CJRC), one SQuAD-style JSON document:
    ``{"version": ..., "data": [{"caseid": "1", "domain": "civil", "paragraphs": [{"context":
    ..., "casename": "变更抚养关系纠纷", "qas": [...]}]}]}``.
``jsonl``
    fazhi's own batch format, one ``{"id": ..., "text": ...}`` object per line; other keys are
    kept as metadata.

Why streaming and per-record errors: a batch of 50,000 cases should neither be held in memory
nor stop at its first malformed line. JSON Lines files are read one line at a time (a line
longer than the document size limit is refused without being held whole), and a bad line
becomes a :class:`BadRecord` in the stream while the lines after it are still read. Only a
path that cannot be opened at all raises.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AnyStr, TextIO

from fazhi.documents.readers import (
    check_file,
    max_document_bytes,
    open_binary,
    read_document,
    read_limited,
    sniff_kind,
)
from fazhi.errors import BadInput

__all__ = [
    "FORMATS",
    "BadRecord",
    "SourceRecord",
    "detect_format",
    "iter_records",
    "read_jsonl_batch",
    "record_sha256",
]

#: Every value :func:`detect_format` can return (and :attr:`SourceRecord.format` can hold).
FORMATS = ("cail2018", "cjrc", "jsonl", "txt", "docx", "pdf")

_SNIFF_BYTES = 256 * 1024  # what detect_format reads; JSON lines longer than this are sniffed by prefix
_SNIFF_LINES = 5  # how many non-empty lines may be tried before giving up on line-wise JSON
_JSON_SUFFIXES = frozenset({".json", ".jsonl"})


def record_sha256(text: str, fmt: str = "") -> str:
    """The content hash that makes storage idempotent: SHA-256 of the decoded text alone.

    The same judgment arriving as .txt, .docx or through ``fazhi analyze`` is one document;
    ``fmt`` is accepted for callers that have it but does not enter the hash.
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One text with where it came from and the labels its source carries.

    ``source`` is the file path, followed by ``#line N`` (JSON Lines, 1-based physical line)
    or ``#paragraph N`` (CJRC, 1-based over the whole file); ``meta`` depends on ``format``
    (see :func:`iter_records`); ``sha256`` is :func:`record_sha256` of text and format and is
    computed, not passed.
    """

    source: str
    text: str
    format: str
    meta: dict[str, Any] = field(default_factory=dict, hash=False)
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sha256", record_sha256(self.text, self.format))


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record that could not be read, in place of the record in the stream."""

    source: str
    error: BadInput

    def message(self) -> str:
        """One line for a report: the source, then the bilingual message."""
        return f"{self.source}: {self.error.message()}"


# --------------------------------------------------------------------------- messages


def _line_error(n: int, zh: str, en: str) -> BadInput:
    return BadInput(f"第{n}行：{zh}", f"line {n}: {en}")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse_json(text: str) -> Any:
    """``json.loads`` that refuses NaN/Infinity and turns pathological nesting into ValueError."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _json_error(n: int, exc: ValueError) -> BadInput:
    detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
    col = f" (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
    return _line_error(n, f"不是有效的JSON（{detail}{col}）", f"not valid JSON ({detail}{col})")


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


# --------------------------------------------------------------------------- detection


def _classify(obj: Any) -> str | None:
    if not isinstance(obj, dict):
        return None
    if "fact" in obj:
        return "cail2018"
    if "text" in obj:
        return "jsonl"
    if isinstance(obj.get("data"), list):
        return "cjrc"
    return None


def _sniff_json(head: str, complete: bool) -> tuple[str | None, bool]:
    """(format, whether any JSON value was parsed) for text that starts with ``{`` or ``[``."""
    lines = head.split("\n")
    if not complete:
        lines = lines[:-1]  # the last line may be cut off by the sniff window
    tried = 0
    for line in lines:
        if not line.strip():
            continue
        tried += 1
        try:
            obj = _parse_json(line)
        except ValueError:
            obj = None
        fmt = _classify(obj)
        if fmt is not None:
            return fmt, True
        if isinstance(obj, dict | list):
            return None, True  # JSON, but of no shape we read
        if tried >= _SNIFF_LINES:
            break
    if complete:
        # A whole (pretty-printed) JSON document: only CJRC comes as one document.
        try:
            obj = _parse_json(head)
        except ValueError:
            obj = None
        if obj is not None:
            return ("cjrc" if _classify(obj) == "cjrc" else None), True
    start = head.lstrip()
    # A first line too long for the window (CJRC files are one 3.5 MB line): judge by prefix.
    if re.match(r'\{\s*"fact"\s*:', start):
        return "cail2018", False
    if re.match(r'\{\s*"(id|text)"\s*:', start):
        return "jsonl", False
    if start.startswith("{") and re.search(r'"data"\s*:\s*\[', start) and '"paragraphs"' in start:
        return "cjrc", False
    return None, False


def detect_format(path: Path | str) -> str:
    """The format of a file, judged from its first bytes and lines, not from its name alone.

    PDF and ZIP (docx) magic numbers come first; then, for text that opens with ``{`` (or
    ``[``), the first parseable JSON line decides: ``fact`` → ``cail2018``, ``text`` →
    ``jsonl``, a ``data`` list → ``cjrc`` (a first line longer than the sniff window is judged
    by its prefix). Anything else is ``txt``. Raises :class:`BadInput` for paths that cannot be
    read, legacy binary Office files, and JSON in none of the supported shapes (including
    any ``.json``/``.jsonl`` file that is not one of them).
    """
    path = Path(path)
    check_file(path)
    with open_binary(path) as fh:
        try:
            head = fh.read(_SNIFF_BYTES)
            complete = not fh.read(1)
        except OSError as exc:
            raise BadInput(
                f"读取文件失败：{path}（{exc.strerror}）", f"cannot read {path}: {exc.strerror}"
            ) from None
    kind = sniff_kind(head[:16])
    if kind == "pdf":
        return "pdf"
    if kind == "zip":
        return "docx"
    if kind == "ole":
        raise BadInput(
            f"{path}：不支持旧版Office二进制格式（.doc/.wps等），请另存为.docx或PDF",
            f"{path}: legacy binary Office files (.doc, .wps ...) are not supported; save as .docx or PDF",
        )
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    start = text.lstrip()
    suffix = path.suffix.lower()
    if not start.startswith(("{", "[")):
        if suffix in _JSON_SUFFIXES and start:
            raise _unsupported_json(path)
        return "txt"
    fmt, parsed_any = _sniff_json(text, complete)
    if fmt is not None:
        return fmt
    if parsed_any or suffix in _JSON_SUFFIXES:
        raise _unsupported_json(path)
    return "txt"  # prose that happens to open with a bracket, e.g. "[2020]京01刑初1号"


def _unsupported_json(path: Path) -> BadInput:
    return BadInput(
        f"{path}：无法识别的JSON格式（支持CAIL2018案例、CJRC阅读理解数据，以及每行"
        '{"id": ..., "text": ...}的JSON Lines）',
        f"{path}: unrecognised JSON format (supported: CAIL2018 cases, CJRC reading comprehension, "
        'and JSON Lines of {"id": ..., "text": ...})',
    )


# --------------------------------------------------------------------------- line reading


def _lines(readline: Callable[[int], AnyStr], limit: int) -> Iterator[tuple[int, AnyStr | None]]:
    """(line number, line) for each physical line; the line is None when longer than ``limit``.

    Never holds more than ``limit`` + 1 characters of one line: the rest of an oversized line
    is read and dropped in chunks.
    """
    n = 0
    while True:
        line = readline(limit + 1)
        if not line:
            return
        n += 1
        newline = "\n" if isinstance(line, str) else b"\n"
        if len(line) > limit and not line.endswith(newline):  # type: ignore[arg-type]
            while line and not line.endswith(newline):  # type: ignore[arg-type]
                line = readline(1 << 20)
            yield n, None
            continue
        yield n, line


def _too_long(n: int, limit: int) -> BadInput:
    return _line_error(
        n,
        f"该行过长（超过{limit}个字节/字符），可通过环境变量FAZHI_MAX_DOCUMENT_BYTES调整",
        f"line longer than {limit} bytes/characters (set FAZHI_MAX_DOCUMENT_BYTES to change it)",
    )


def _json_objects(path: Path) -> Iterator[tuple[int, dict[str, Any] | BadInput]]:
    """(line number, parsed object or the error) for each non-blank line of a UTF-8 JSONL file."""
    limit = max_document_bytes()
    with open_binary(path) as fh:
        for n, raw in _lines(fh.readline, limit):
            if raw is None:
                yield n, _too_long(n, limit)
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield (
                    n,
                    _line_error(
                        n,
                        f"不是UTF-8编码（第{exc.start + 1}个字节），JSON Lines文件必须使用UTF-8",
                        f"not UTF-8 (byte {exc.start + 1}); JSON Lines files must be UTF-8",
                    ),
                )
                continue
            if n == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            yield n, _object_or_error(n, line)


def _object_or_error(n: int, line: str) -> dict[str, Any] | BadInput:
    try:
        obj = _parse_json(line)
    except ValueError as exc:
        return _json_error(n, exc)
    if not isinstance(obj, dict):
        return _line_error(
            n, f"应为JSON对象，实为{_type_name(obj)}", f"expected a JSON object, got {_type_name(obj)}"
        )
    return obj


def _check_text(n: int, obj: dict[str, Any], key: str) -> BadInput | None:
    """None if ``obj[key]`` is a usable text: a non-blank string of valid Unicode."""
    if key not in obj:
        return _line_error(n, f"缺少字段“{key}”", f"missing field '{key}'")
    value = obj[key]
    if not isinstance(value, str):
        return _line_error(
            n,
            f"字段“{key}”必须是字符串，实为{_type_name(value)}",
            f"field '{key}' must be a string, got {_type_name(value)}",
        )
    if not value.strip():
        return _line_error(n, f"字段“{key}”为空", f"field '{key}' is empty")
    if not _valid_unicode(value):
        return _line_error(
            n,
            f"字段“{key}”含有无效的Unicode字符（孤立代理项）",
            f"field '{key}' contains invalid Unicode (a lone surrogate)",
        )
    return None


def _valid_unicode(text: str) -> bool:
    """False for strings holding lone surrogates (JSON escapes like "\\ud800"), which cannot be stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_id(n: int, obj: dict[str, Any]) -> BadInput | None:
    if "id" not in obj:
        return _line_error(n, "缺少字段“id”", "missing field 'id'")
    value = obj["id"]
    if isinstance(value, bool) or not isinstance(value, str | int):
        return _line_error(
            n,
            f"字段“id”必须是字符串或整数，实为{_type_name(value)}",
            f"field 'id' must be a string or an integer, got {_type_name(value)}",
        )
    if isinstance(value, str) and not value.strip():
        return _line_error(n, "字段“id”为空", "field 'id' is empty")
    return None


def _check_batch(n: int, obj: dict[str, Any], required: tuple[str, ...]) -> BadInput | None:
    for key in required:
        if key == "text":
            err = _check_text(n, obj, key)
        elif key == "id":
            err = _check_id(n, obj)
        elif key not in obj:
            err = _line_error(n, f"缺少字段“{key}”", f"missing field '{key}'")
        else:
            err = None
        if err is not None:
            return err
    return None


# --------------------------------------------------------------------------- formats


def _int_list(value: Any) -> list[int] | None:
    if not isinstance(value, list):
        return None
    out: list[int] = []
    for item in value:
        if isinstance(item, bool):
            return None
        if isinstance(item, int):
            out.append(item)
        elif isinstance(item, str) and item.strip().isdigit():
            out.append(int(item.strip()))
        else:
            return None
    return out


def _str_list(value: Any) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return list(value)


def _cail_meta(n: int, obj: dict[str, Any]) -> dict[str, Any] | BadInput:
    """The labels of a CAIL2018 record, or the error naming the first bad field."""

    def bad(field_name: str, expected_zh: str, expected_en: str) -> BadInput:
        return _line_error(
            n,
            f"CAIL2018字段“{field_name}”应为{expected_zh}",
            f"CAIL2018 field '{field_name}' must be {expected_en}",
        )

    meta = obj.get("meta")
    if not isinstance(meta, dict):
        return bad("meta", "JSON对象", "a JSON object")
    charges = _str_list(meta.get("accusation"))
    if charges is None:
        return bad("meta.accusation", "字符串列表", "a list of strings")
    articles = _int_list(meta.get("relevant_articles"))
    if articles is None:
        return bad("meta.relevant_articles", "整数列表", "a list of integers")
    criminals = _str_list(meta.get("criminals"))
    if criminals is None:
        return bad("meta.criminals", "字符串列表", "a list of strings")
    fine = meta.get("punish_of_money")
    if isinstance(fine, bool) or not isinstance(fine, int | float):
        return bad("meta.punish_of_money", "数字", "a number")
    term = meta.get("term_of_imprisonment")
    if not isinstance(term, dict):
        return bad("meta.term_of_imprisonment", "JSON对象", "a JSON object")
    months = term.get("imprisonment")
    if isinstance(months, bool) or not isinstance(months, int):
        return bad("meta.term_of_imprisonment.imprisonment", "整数（月）", "an integer (months)")
    flags: dict[str, bool] = {}
    for key, name in (("death_penalty", "death"), ("life_imprisonment", "life")):
        value = term.get(key)
        if not isinstance(value, bool):
            return bad(f"meta.term_of_imprisonment.{key}", "true或false", "true or false")
        flags[name] = value
    return {
        "charges": charges,
        "articles": articles,
        "term_months": months,
        "death": flags["death"],
        "life": flags["life"],
        "fine": fine,
        "criminals": criminals,
    }


def _cail_record(path: Path, n: int, obj: dict[str, Any]) -> SourceRecord | BadRecord:
    source = f"{path}#line {n}"
    err = _check_text(n, obj, "fact")
    if err is not None:
        return BadRecord(source, err)
    meta = _cail_meta(n, obj)
    if isinstance(meta, BadInput):
        return BadRecord(source, meta)
    return SourceRecord(source, obj["fact"], "cail2018", meta)


def _jsonl_record(path: Path, n: int, obj: dict[str, Any]) -> SourceRecord | BadRecord:
    source = f"{path}#line {n}"
    err = _check_text(n, obj, "text")
    if err is None and "id" in obj:
        err = _check_id(n, obj)
    if err is not None:
        return BadRecord(source, err)
    meta = {k: v for k, v in obj.items() if k != "text"}
    return SourceRecord(source, obj["text"], "jsonl", meta)


def _cjrc_records(path: Path) -> Iterator[SourceRecord | BadRecord]:
    """One record per paragraph (``context``) of a CJRC file, loaded whole (it is one JSON value)."""
    try:
        data = read_limited(path)
    except BadInput as err:
        yield BadRecord(str(path), err)
        return
    try:
        doc = _parse_json(data.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # cut off inside a character
            err = BadInput(
                "CJRC文件不完整（在一个字符中间结束），可能被截断",
                "the CJRC file is not valid JSON: it ends inside a character (truncated?)",
            )
        else:
            err = BadInput(
                f"CJRC文件不是UTF-8编码（第{exc.start + 1}个字节）",
                f"the CJRC file is not UTF-8 (byte {exc.start + 1})",
            )
        yield BadRecord(str(path), err)
        return
    except ValueError as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        yield BadRecord(
            str(path),
            BadInput(f"CJRC文件不是有效的JSON（{detail}）", f"the CJRC file is not valid JSON ({detail})"),
        )
        return
    cases = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(cases, list):
        yield BadRecord(str(path), BadInput("CJRC文件缺少“data”列表", "the CJRC file has no 'data' list"))
        return
    k = 0
    for i, case in enumerate(cases, 1):
        paragraphs = case.get("paragraphs") if isinstance(case, dict) else None
        if not isinstance(paragraphs, list):
            yield BadRecord(
                f"{path}#case {i}",
                BadInput(f"第{i}个案例缺少“paragraphs”列表", f"case {i} has no 'paragraphs' list"),
            )
            continue
        case_meta: dict[str, Any] = {}
        for key in ("caseid", "domain"):
            value = case.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                case_meta[key] = str(value)
        for paragraph in paragraphs:
            k += 1
            source = f"{path}#paragraph {k}"
            context = paragraph.get("context") if isinstance(paragraph, dict) else None
            if not isinstance(context, str) or not context.strip() or not _valid_unicode(context):
                yield BadRecord(
                    source,
                    BadInput(
                        f"第{k}段缺少有效的非空“context”文本",
                        f"paragraph {k} has no valid non-empty 'context' text",
                    ),
                )
                continue
            meta = dict(case_meta)
            casename = paragraph.get("casename")
            if isinstance(casename, str) and casename.strip():
                meta["casename"] = casename.strip()
            yield SourceRecord(source, context, "cjrc", meta)


def _document_record(path: Path) -> SourceRecord | BadRecord:
    try:
        doc = read_document(path)
    except BadInput as err:
        return BadRecord(str(path), err)
    meta = {"encoding": doc.encoding, "size": doc.size, "file_sha256": doc.sha256}
    return SourceRecord(str(path), doc.text, doc.format, meta)


def iter_records(path: Path | str) -> Iterator[SourceRecord | BadRecord]:
    """Stream the records of one file, each a :class:`SourceRecord` or a :class:`BadRecord`.

    ``meta`` by format:

    - ``cail2018``: ``charges`` (accusation), ``articles`` (relevant_articles, ints),
      ``term_months`` (imprisonment), ``death``, ``life`` (bools), ``fine`` (punish_of_money),
      ``criminals``;
    - ``cjrc``: ``casename`` (案由), and ``caseid``/``domain`` when the case has them;
    - ``jsonl``: every key of the line except ``text`` (``id`` included);
    - ``txt``/``docx``/``pdf`` (one record, ``source`` is the path): ``encoding``, ``size``
      and ``file_sha256`` of the raw bytes.

    A path that does not exist, is a directory or cannot be opened raises :class:`BadInput`
    when the iteration starts; every problem with the content is a :class:`BadRecord`.
    """
    path = Path(path)
    check_file(path)
    return _records(path)


def _records(path: Path) -> Iterator[SourceRecord | BadRecord]:
    try:
        fmt = detect_format(path)
    except BadInput as err:
        yield BadRecord(str(path), err)
        return
    if fmt == "cjrc":
        yield from _cjrc_records(path)
        return
    if fmt in ("cail2018", "jsonl"):
        make = _cail_record if fmt == "cail2018" else _jsonl_record
        for n, item in _json_objects(path):
            if isinstance(item, BadInput):
                yield BadRecord(f"{path}#line {n}", item)
            else:
                yield make(path, n, item)
        return
    yield _document_record(path)


def read_jsonl_batch(
    stream: TextIO, required: tuple[str, ...] = ("id", "text")
) -> Iterator[dict[str, Any] | BadRecord]:
    """The objects of a JSON Lines batch (the CLI's ``--batch``), or a BadRecord per bad line.

    Every non-blank line must be a JSON object holding the ``required`` keys; ``text`` must be
    a non-blank string and ``id`` a non-blank string or an integer. The objects are yielded as
    parsed. A BadRecord's source is ``<stream name>#line N`` and its message names line N.
    If the stream itself cannot be decoded (a text stream opened as UTF-8 meeting GBK bytes),
    one BadRecord says so and the iteration stops, since the position in the stream is lost.
    """
    name = getattr(stream, "name", None)
    label = name if isinstance(name, str) else "<batch>"
    limit = max_document_bytes()
    last = 0
    lines = _lines(stream.readline, limit)
    while True:
        try:
            item = next(lines, None)
        except UnicodeDecodeError:
            yield BadRecord(
                f"{label}#line {last + 1}",
                BadInput(
                    f"第{last + 1}行或其后的内容无法解码（输入必须是UTF-8编码），后续行不再读取",
                    f"line {last + 1} or a later one cannot be decoded (input must be UTF-8); "
                    "the rest of the input is not read",
                ),
            )
            return
        if item is None:
            return
        n, line = item
        last = n
        source = f"{label}#line {n}"
        if line is None:
            yield BadRecord(source, _too_long(n, limit))
            continue
        if n == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        obj = _object_or_error(n, line)
        if isinstance(obj, BadInput):
            yield BadRecord(source, obj)
            continue
        err = _check_batch(n, obj, required)
        yield obj if err is None else BadRecord(source, err)
