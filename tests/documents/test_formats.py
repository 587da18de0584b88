"""Tests for fazhi.documents.formats: format sniffing, record streams, and the --batch reader.

Real CAIL2018 and CJRC files from the shared data (../shared/data from the project root) are
read directly and also cut down to their first records; malformed variants are generated in
tmp_path.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from fazhi.documents import readers
from fazhi.documents.formats import (
    FORMATS,
    BadRecord,
    SourceRecord,
    detect_format,
    iter_records,
    read_jsonl_batch,
    record_sha256,
)
from fazhi.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("FAZHI_SHARED_DATA", ROOT.parent / "shared" / "data"))
CASES = DATA / "cases"
CAIL_TRAIN = CASES / "cail2018_subset" / "data_train.json"
CJRC_DEV = CASES / "cjrc" / "dev_ground_truth.json"
CJRC_TEST = CASES / "cjrc" / "test_ground_truth.json"
CAIL2019_ELEMENT = CASES / "cail2019_element" / "divorce_data_small_selected.json"


def need(*paths: Path) -> None:
    for p in paths:
        if not p.exists():
            pytest.skip(f"shared data not found: {p}")


@pytest.fixture(autouse=True)
def _default_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(readers.MAX_BYTES_ENV, raising=False)


@pytest.fixture(scope="module")
def cail_lines() -> list[str]:
    """The first five lines of the real CAIL2018 training file, as text."""
    need(CAIL_TRAIN)
    with CAIL_TRAIN.open(encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in itertools.islice(fh, 5)]


@pytest.fixture(scope="module")
def cjrc_doc() -> dict:
    """The real CJRC dev file cut down to its first three cases."""
    need(CJRC_DEV)
    doc = json.loads(CJRC_DEV.read_text(encoding="utf-8"))
    return {"data": doc["data"][:3], "version": doc.get("version", "1.0")}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def good(records: list[SourceRecord | BadRecord]) -> list[SourceRecord]:
    return [r for r in records if isinstance(r, SourceRecord)]


def bad(records: list[SourceRecord | BadRecord]) -> list[BadRecord]:
    return [r for r in records if isinstance(r, BadRecord)]


# --------------------------------------------------------------------------- real data


def test_detect_real_files() -> None:
    need(CAIL_TRAIN, CJRC_DEV, CJRC_TEST)
    assert detect_format(CAIL_TRAIN) == "cail2018"
    assert detect_format(CJRC_DEV) == "cjrc"  # one 3.5 MB line starting {"data": ...
    assert detect_format(CJRC_TEST) == "cjrc"  # starts {"version": "1.0", "data": ...
    assert detect_format(CASES / "cail2018_subset" / "accu.txt") == "txt"


def test_cail2018_first_records(tmp_path: Path, cail_lines: list[str]) -> None:
    path = write_lines(tmp_path / "cail.jsonl", cail_lines)
    records = list(iter_records(path))
    assert len(records) == 5 and not bad(records)
    for n, (record, line) in enumerate(zip(records, cail_lines, strict=True), 1):
        raw = json.loads(line)
        term = raw["meta"]["term_of_imprisonment"]
        assert record.source == f"{path}#line {n}"
        assert record.format == "cail2018"
        assert record.text == raw["fact"]
        assert record.meta == {
            "charges": raw["meta"]["accusation"],
            "articles": raw["meta"]["relevant_articles"],
            "term_months": term["imprisonment"],
            "death": term["death_penalty"],
            "life": term["life_imprisonment"],
            "fine": raw["meta"]["punish_of_money"],
            "criminals": raw["meta"]["criminals"],
        }
        assert record.sha256 == record_sha256(raw["fact"], "cail2018")
    first = records[0]
    assert first.meta["charges"] == ["故意伤害"] and first.meta["articles"] == [234]
    assert first.meta["term_months"] == 6 and first.meta["criminals"] == ["李×1"]


def test_real_cail_file_streams_completely() -> None:
    need(CAIL_TRAIN)
    records = iter_records(CAIL_TRAIN)
    n = sum(1 for r in records if isinstance(r, SourceRecord))
    assert n == sum(1 for line in CAIL_TRAIN.open(encoding="utf-8") if line.strip())


def test_cjrc_first_cases(tmp_path: Path, cjrc_doc: dict) -> None:
    path = tmp_path / "cjrc.json"
    path.write_text(json.dumps(cjrc_doc, ensure_ascii=False), encoding="utf-8")
    assert detect_format(path) == "cjrc"  # small enough for its one line to be parsed whole
    records = list(iter_records(path))
    assert len(records) == 3 and not bad(records)
    for k, (record, case) in enumerate(zip(records, cjrc_doc["data"], strict=True), 1):
        paragraph = case["paragraphs"][0]
        assert record.source == f"{path}#paragraph {k}"
        assert record.format == "cjrc"
        assert record.text == paragraph["context"]
        assert record.meta == {
            "caseid": case["caseid"],
            "domain": case["domain"],
            "casename": paragraph["casename"],
        }


def test_cjrc_pretty_printed(tmp_path: Path, cjrc_doc: dict) -> None:
    path = tmp_path / "cjrc-pretty.json"
    path.write_text(json.dumps(cjrc_doc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert detect_format(path) == "cjrc"
    assert len(good(list(iter_records(path)))) == 3


def test_real_cjrc_files() -> None:
    need(CJRC_DEV, CJRC_TEST)
    for path in (CJRC_DEV, CJRC_TEST):
        records = list(iter_records(path))
        assert len(records) == 1000 and not bad(records)
        assert {r.meta["domain"] for r in records} == {"civil", "criminal"}
        assert all(r.meta["casename"] for r in records)
        assert records[0].source.endswith("#paragraph 1") and records[-1].source.endswith("#paragraph 1000")


def test_cail2019_element_array_is_not_supported() -> None:
    need(CAIL2019_ELEMENT)
    with pytest.raises(BadInput, match="JSON"):
        detect_format(CAIL2019_ELEMENT)
    [record] = list(iter_records(CAIL2019_ELEMENT))
    assert isinstance(record, BadRecord) and "JSON" in record.error.en


# --------------------------------------------------------------------------- detection


def test_detect_by_content_not_extension(tmp_path: Path, cail_lines: list[str]) -> None:
    assert detect_format(write_lines(tmp_path / "cases.txt", cail_lines)) == "cail2018"
    assert detect_format(write_lines(tmp_path / "batch.dat", ['{"id": 1, "text": "被告人李某"}'])) == "jsonl"
    assert detect_format(write_lines(tmp_path / "t.jsonl", ['{"text": "被告人李某", "id": "a"}'])) == "jsonl"
    prose = tmp_path / "judgment.txt"
    prose.write_text("[2020]京01刑初1号\n被告人李某犯盗窃罪。\n", encoding="utf-8")
    assert detect_format(prose) == "txt"  # opens with a bracket but is not JSON
    plain = tmp_path / "judgment.json.bak"
    plain.write_text("本院认为", encoding="gb18030")
    assert detect_format(plain) == "txt"


def test_detect_pdf_and_docx_by_magic(tmp_path: Path) -> None:
    import docx
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "really-a-pdf.json"
    c = canvas.Canvas(str(pdf))
    c.drawString(50, 800, "Judgment")
    c.save()
    assert detect_format(pdf) == "pdf"
    word = tmp_path / "really-a-docx.bin"
    d = docx.Document()
    d.add_paragraph("本院认为")
    d.save(str(word))
    assert detect_format(word) == "docx"


def test_detect_skips_a_malformed_first_line(tmp_path: Path, cail_lines: list[str]) -> None:
    path = write_lines(tmp_path / "cail.json", ['{"fact": "broken', *cail_lines[:2]])
    assert detect_format(path) == "cail2018"
    records = list(iter_records(path))
    assert [type(r) for r in records] == [BadRecord, SourceRecord, SourceRecord]
    assert records[0].source.endswith("#line 1")


def test_detect_line_longer_than_sniff_window(tmp_path: Path, cail_lines: list[str]) -> None:
    raw = json.loads(cail_lines[0])
    raw["fact"] = raw["fact"] * (2 * 1024 * 1024 // len(raw["fact"].encode()) + 1)  # > 2 MiB line
    path = write_lines(tmp_path / "long.jsonl", [json.dumps(raw, ensure_ascii=False), cail_lines[1]])
    assert detect_format(path) == "cail2018"
    assert len(good(list(iter_records(path)))) == 2
    long_batch = write_lines(tmp_path / "long-batch.jsonl", [json.dumps({"id": 1, "text": "案" * 600_000})])
    assert detect_format(long_batch) == "jsonl"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.jsonl", '{"foo": 1}\n'),
        ("x.json", "[1, 2, 3]\n"),
        ("x.json", "not json at all\n"),
        ("x.txt", '{"title": "unknown shape"}\n'),
    ],
)
def test_detect_unsupported_json(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput) as info:
        detect_format(path)
    assert "JSON" in info.value.zh and "JSON" in info.value.en


def test_detect_errors(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="不存在"):
        detect_format(tmp_path / "missing.jsonl")
    with pytest.raises(BadInput, match="目录"):
        detect_format(tmp_path)
    ole = tmp_path / "old.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(BadInput, match="旧版"):
        detect_format(ole)


def test_formats_constant() -> None:
    assert FORMATS == ("cail2018", "cjrc", "jsonl", "txt", "docx", "pdf")


# --------------------------------------------------------------------------- bad lines


def test_bad_lines_do_not_stop_the_stream(tmp_path: Path, cail_lines: list[str]) -> None:
    meta_bad = json.loads(cail_lines[1])
    meta_bad["meta"]["relevant_articles"] = ["two hundred"]
    no_term = json.loads(cail_lines[2])
    del no_term["meta"]["term_of_imprisonment"]["death_penalty"]
    lines = [
        cail_lines[0],
        "",  # blank: skipped, but still counted as a line
        "{not json",
        "[1, 2]",
        json.dumps(meta_bad, ensure_ascii=False),
        json.dumps(no_term, ensure_ascii=False),
        '{"fact": 12, "meta": {}}',
        '{"fact": "   ", "meta": {}}',
        '{"fact": "x", "meta": {"accusation": NaN}}',
        "[" * 100_000 + "]" * 100_000,
        '{"fact": "\\ud800 lone surrogate", "meta": {}}',
        cail_lines[3],
    ]
    path = write_lines(tmp_path / "mixed.jsonl", lines)
    with path.open("ab") as fh:
        fh.write(b'{"fact": "\xb1\xbb\xb8\xe6\xc8\xcb GBK bytes"}\n')  # line 13: not UTF-8
        fh.write((cail_lines[4] + "\n").encode())
    records = list(iter_records(path))
    assert [r.source.rsplit("#", 1)[1] for r in records] == [f"line {n}" for n in (1, *range(3, 15))]
    assert [isinstance(r, SourceRecord) for r in records] == [True] + [False] * 9 + [True, False, True]
    messages = [r.error for r in bad(records)]
    for n, err in zip((3, 4, 5, 6, 7, 8, 9, 10, 11, 13), messages, strict=True):
        assert f"第{n}行" in err.zh and f"line {n}" in err.en
    by_line = {int(r.source.rsplit(" ", 1)[1]): r.error for r in bad(records)}
    assert "不是有效的JSON" in by_line[3].zh
    assert "JSON对象" in by_line[4].zh and "list" in by_line[4].en
    assert "relevant_articles" in by_line[5].en
    assert "death_penalty" in by_line[6].en
    assert "must be a string" in by_line[7].en
    assert "empty" in by_line[8].en
    assert "NaN" in by_line[9].en
    assert "nested too deeply" in by_line[10].en
    assert "surrogate" in by_line[11].en
    assert "UTF-8" in by_line[13].en


def test_oversized_line_is_a_bad_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_lines(
        tmp_path / "batch.jsonl",
        [json.dumps({"id": 1, "text": "案" * 500}), json.dumps({"id": 2, "text": "被告人李某"})],
    )
    monkeypatch.setenv(readers.MAX_BYTES_ENV, "1000")
    records = list(iter_records(path))
    assert isinstance(records[0], BadRecord) and "line 1" in records[0].error.en
    assert "1000" in records[0].error.en
    assert isinstance(records[1], SourceRecord) and records[1].meta == {"id": 2}


def test_cjrc_errors(tmp_path: Path, cjrc_doc: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = json.loads(json.dumps(cjrc_doc))
    doc["data"][1]["paragraphs"][0]["context"] = ""
    doc["data"].append({"caseid": "x"})
    path = tmp_path / "cjrc.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    records = list(iter_records(path))
    assert [type(r) for r in records] == [SourceRecord, BadRecord, SourceRecord, BadRecord]
    assert records[1].source.endswith("#paragraph 2") and records[3].source.endswith("#case 4")
    truncated = tmp_path / "cut.json"
    truncated.write_bytes(path.read_bytes()[:5000])
    [only] = list(iter_records(truncated))
    assert isinstance(only, BadRecord) and "not valid JSON" in only.error.en
    monkeypatch.setenv(readers.MAX_BYTES_ENV, "1000")
    [only] = list(iter_records(path))
    assert isinstance(only, BadRecord) and "too large" in only.error.en


# --------------------------------------------------------------------------- fazhi jsonl, documents


def test_fazhi_jsonl_records(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "batch.jsonl",
        [
            json.dumps(
                {"id": "a1", "text": "被告人李某盗窃。", "court": "北京市通州区人民法院"}, ensure_ascii=False
            ),
            json.dumps({"text": "没有编号的文书。"}, ensure_ascii=False),
            json.dumps({"id": True, "text": "x"}),
        ],
    )
    records = list(iter_records(path))
    assert records[0] == SourceRecord(
        f"{path}#line 1", "被告人李某盗窃。", "jsonl", {"id": "a1", "court": "北京市通州区人民法院"}
    )
    assert records[1].meta == {}  # id is optional in files read by iter_records
    assert isinstance(records[2], BadRecord) and "'id'" in records[2].error.en


def test_documents_give_one_record(tmp_path: Path) -> None:
    import docx

    txt = tmp_path / "a.txt"
    txt.write_bytes("被告人李某犯盗窃罪。".encode("gbk"))
    [record] = list(iter_records(txt))
    assert (record.source, record.format, record.text) == (str(txt), "txt", "被告人李某犯盗窃罪。")
    assert record.meta["encoding"] == "gb18030" and record.meta["size"] == txt.stat().st_size
    word = tmp_path / "a.docx"
    d = docx.Document()
    d.add_paragraph("本院认为")
    d.save(str(word))
    [record] = list(iter_records(word))
    assert (record.format, record.text) == ("docx", "本院认为")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(word.read_bytes()[:200])
    [record] = list(iter_records(broken))
    assert isinstance(record, BadRecord) and record.source == str(broken)
    assert "损坏" in record.message()
    binary = tmp_path / "b.txt"
    binary.write_bytes(os.urandom(2048))
    [record] = list(iter_records(binary))
    assert isinstance(record, BadRecord) and "binary" in record.error.en


def test_iter_records_raises_for_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="不存在"):
        iter_records(tmp_path / "missing.jsonl")  # at call time, not at the first next()
    with pytest.raises(BadInput, match="目录"):
        iter_records(tmp_path)


def test_source_record_hash_and_immutability() -> None:
    a = SourceRecord("f#line 1", "被告人李某", "jsonl", {"id": 1})
    b = SourceRecord("f#line 1", "被告人李某", "txt", {"id": 1})
    # The hash is of the text alone: the same document from two sources is one document.
    assert a.sha256 == record_sha256("被告人李某") == b.sha256
    assert a.sha256 != SourceRecord("f#line 1", "被告人王某", "jsonl", {"id": 1}).sha256
    assert len(a.sha256) == 64
    assert hash(a) == hash(SourceRecord("f#line 1", "被告人李某", "jsonl", {"other": 2}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.text = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- streaming


def test_50mb_jsonl_streams_in_little_memory(tmp_path: Path) -> None:
    fact = "经审理查明，被告人李某于2016年2月17日在盐城市亭湖区秘密窃取他人财物。" * 45  # ~5 KB
    line = json.dumps({"id": 0, "text": fact}, ensure_ascii=False).encode() + b"\n"
    count = 50 * 1024 * 1024 // len(line) + 1
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        for _ in range(count):
            fh.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    start = time.perf_counter()
    tracemalloc.start()
    try:
        n = sum(1 for r in iter_records(path) if isinstance(r, SourceRecord))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == count
    # Bounded by the 256 KiB format sniff and a few 5 KB lines, never by the 50 MB file.
    assert peak < 4 * 1024 * 1024
    assert time.perf_counter() - start < 60


# --------------------------------------------------------------------------- read_jsonl_batch


def test_batch_good_and_bad_lines() -> None:
    lines = [
        '{"id": "a", "text": "被告人李某"}',
        "",
        '{"id": 2, "text": "被告人王某", "extra": [1]}',
        '{"text": "缺少编号"}',
        '{"id": "c", "text": 5}',
        '{"id": "d", "text": "  "}',
        '{"id": null, "text": "x"}',
        '"just a string"',
        "{oops}",
        '{"id": "e", "text": "被告人赵某"}',
    ]
    out = list(read_jsonl_batch(io.StringIO("\n".join(lines))))
    assert out[0] == {"id": "a", "text": "被告人李某"}
    assert out[1] == {"id": 2, "text": "被告人王某", "extra": [1]}
    assert out[-1] == {"id": "e", "text": "被告人赵某"}
    errors = out[2:-1]
    assert all(isinstance(e, BadRecord) for e in errors)
    assert [e.source for e in errors] == [f"<batch>#line {n}" for n in range(4, 10)]
    expected = [
        ("缺少字段“id”", "missing field 'id'"),
        ("必须是字符串", "must be a string, got int"),
        ("为空", "is empty"),
        ("必须是字符串或整数", "got null"),
        ("应为JSON对象", "expected a JSON object, got str"),
        ("不是有效的JSON", "not valid JSON"),
    ]
    for n, (err, (zh, en)) in zip(range(4, 10), zip(errors, expected, strict=True), strict=True):
        assert f"第{n}行" in err.error.zh and zh in err.error.zh
        assert f"line {n}" in err.error.en and en in err.error.en


def test_batch_required_keys_bom_and_stream_name(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('\ufeff{"id": 1, "text": "a", "court": "x"}\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    with path.open(encoding="utf-8") as fh:
        out = list(read_jsonl_batch(fh, required=("id", "text", "court")))
    assert out[0] == {"id": 1, "text": "a", "court": "x"}
    assert isinstance(out[1], BadRecord) and out[1].source == f"{path}#line 2"
    assert "'court'" in out[1].error.en
    assert list(read_jsonl_batch(io.StringIO('{"text": "无编号"}\n'), required=("text",))) == [
        {"text": "无编号"}
    ]


def test_batch_undecodable_stream_stops_with_a_bad_record() -> None:
    raw = b'{"id": 1, "text": "a"}\n' + "被告人".encode("gbk") + b"\n"
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    out = list(read_jsonl_batch(stream))
    assert isinstance(out[-1], BadRecord) and "UTF-8" in out[-1].error.en
    assert all(isinstance(o, dict) for o in out[:-1])


def test_batch_oversized_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(readers.MAX_BYTES_ENV, "100")
    text = json.dumps({"id": 1, "text": "x" * 500}) + "\n" + json.dumps({"id": 2, "text": "ok"}) + "\n"
    out = list(read_jsonl_batch(io.StringIO(text)))
    assert isinstance(out[0], BadRecord) and "line 1" in out[0].error.en
    assert out[1] == {"id": 2, "text": "ok"}


def test_zip_named_jsonl_is_docx_or_bad(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "x")
    assert detect_format(path) == "docx"  # by magic; reading then says it is not a Word file
    [record] = list(iter_records(path))
    assert isinstance(record, BadRecord) and "not a Word" in record.error.en
