"""Tests for fazhi.documents.readers: decoding, .txt/.docx/.pdf reading, size limits, path walking.

Real text comes from the shared CAIL2018 data (../shared/data from the project root); every
other file is generated in tmp_path, including the failure cases a clerk's upload can produce
(truncated files, scans without a text layer, binary garbage, legacy encodings).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import json
import os
import random
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.documents import readers
from fazhi.documents.readers import (
    MAX_DOCUMENT_BYTES,
    RawDocument,
    decode_bytes,
    iter_paths,
    max_document_bytes,
    read_document,
)
from fazhi.errors import BadInput, ConfigError

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("FAZHI_SHARED_DATA", ROOT.parent / "shared" / "data"))
CAIL_TRAIN = DATA / "cases" / "cail2018_subset" / "data_train.json"

FALLBACK_FACT = (
    "经审理查明：2016年2月17日15时左右，被告人应某与被害人葛某在盐城市亭湖区建军西路发生口角，"
    "被告人应某用拳头击打被害人葛某面部。经法医鉴定，被害人葛某的损伤程度构成轻伤二级。"
)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def facts() -> list[str]:
    """The first five facts of the CAIL2018 training data (real judgment text)."""
    if not CAIL_TRAIN.exists():
        pytest.skip(f"shared data not found at {CAIL_TRAIN}")
    with CAIL_TRAIN.open(encoding="utf-8") as fh:
        return [json.loads(line)["fact"] for line in itertools.islice(fh, 5)]


@pytest.fixture(scope="module")
def fact(facts: list[str]) -> str:
    return facts[0]


@pytest.fixture(autouse=True)
def _default_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(readers.MAX_BYTES_ENV, raising=False)


def make_docx(path: Path, paragraphs: list[str], *, table: bool = True, sdt: str | None = None) -> Path:
    """A Word document with paragraphs, optionally a 3x3 table (with merges) and a content control."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    first, *rest = paragraphs
    document.add_paragraph(first)
    if table:
        t = document.add_table(rows=3, cols=3)
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"格{r}{c}"
        t.cell(0, 0).merge(t.cell(0, 1)).text = "当事人"  # horizontal merge
        t.cell(1, 2).merge(t.cell(2, 2)).text = "竖合并"  # vertical merge
        t.cell(1, 0).add_paragraph("第二段")  # two paragraphs in one cell
    for p in rest:
        document.add_paragraph(p)
    if sdt is not None:
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        element = parse_xml(
            f'<w:sdt xmlns:w="{w}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>{sdt}</w:t></w:r></w:p>'
            "</w:sdtContent></w:sdt>"
        )
        document.element.body[-1].addprevious(element)  # before w:sectPr
    document.save(str(path))
    return path


def make_pdf(path: Path, pages: list[list[str]], *, encrypt: str | None = None) -> Path:
    """A text-layer PDF written with reportlab's built-in CID font STSong-Light (no TTF needed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    kwargs = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner")
    c = canvas.Canvas(str(path), **kwargs)
    for lines in pages:
        c.setFont("STSong-Light", 11)
        y = 800
        for line in lines:
            c.drawString(40, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF holding only an image, as a scanner produces: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 380, 180), outline=0, width=5)
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(image), 50, 500, width=400, height=200)
    c.showPage()
    c.save()
    return path


def wrap_lines(text: str, width: int = 38) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


# --------------------------------------------------------------------------- decode_bytes


ENCODINGS = [
    # (codec used to write, encoding name decode_bytes should report)
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
    ("gb2312", "gb18030"),
    ("utf-16", "utf-16-le" if sys.byteorder == "little" else "utf-16-be"),  # BOM, native order
    ("utf-16-be-bom", "utf-16-be"),
    ("utf-16-le-bom", "utf-16-le"),
    ("utf-32", "utf-32-le" if sys.byteorder == "little" else "utf-32-be"),
    ("utf-16-le", "utf-16-le"),  # no BOM: Chinese-heavy, few NUL bytes
    ("utf-16-be", "utf-16-be"),
]


def encode(text: str, codec: str) -> bytes:
    if codec == "utf-16-be-bom":
        return b"\xfe\xff" + text.encode("utf-16-be")
    if codec == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(codec)


@pytest.mark.parametrize(("codec", "expected"), ENCODINGS)
def test_decode_real_fact_in_each_encoding(fact: str, codec: str, expected: str) -> None:
    text, name = decode_bytes(encode(fact, codec))
    assert text == fact
    assert name == expected


@pytest.mark.parametrize(("codec", "expected"), ENCODINGS)
def test_read_document_in_each_encoding(tmp_path: Path, facts: list[str], codec: str, expected: str) -> None:
    body = "\n".join(facts)
    raw = encode(body, codec)
    path = tmp_path / f"case-{codec}.txt"
    path.write_bytes(raw)
    doc = read_document(path)
    assert doc == RawDocument(
        path=str(path),
        text=body,
        encoding=expected,
        format="txt",
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
    )


def test_gbk_only_and_gb18030_four_byte_characters() -> None:
    # 镕 and 堃 are in GBK but not GB2312; 䶮 (CJK Ext. A) needs a four-byte GB18030 code.
    gbk_text = "被告人朱镕、王堃共同盗窃，数额较大，均已构成盗窃罪。"
    assert decode_bytes(gbk_text.encode("gbk")) == (gbk_text, "gb18030")
    four_byte = "被告人刘䶮盗窃他人财物，数额较大，其行为已构成盗窃罪。"
    with pytest.raises(UnicodeEncodeError):
        four_byte.encode("gbk")
    assert decode_bytes(four_byte.encode("gb18030")) == (four_byte, "gb18030")


def test_utf16_without_bom_ascii_heavy_detected_by_nul_pattern() -> None:
    text = "Case No. (2020) Jing 01 Xing Chu 1\r\nDefendant: Zhang San 张三\r\n" * 5
    for codec in ("utf-16-le", "utf-16-be"):
        raw = text.encode(codec)
        assert raw.count(0) > len(raw) // 4  # the NUL pattern the detector relies on
        assert decode_bytes(raw) == (text, codec)


def test_utf16_without_bom_odd_length_is_binary() -> None:
    with pytest.raises(BadInput, match="二进制"):
        decode_bytes("Defendant Zhang San".encode("utf-16-le")[:-1])


def test_traditional_chinese_in_utf8_gb18030_and_utf16() -> None:
    text = "被告人張三犯盜竊罪，判處有期徒刑三年。本院認為，被告人以非法佔有為目的，秘密竊取他人財物。"
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")
    assert decode_bytes(text.encode("utf-16"))[0] == text


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"   \r\n\t \n", id="ascii-whitespace"),
        pytest.param("\u3000\u3000\n".encode(), id="ideographic-space"),
        pytest.param(b"\xef\xbb\xbf", id="utf8-bom-only"),
        pytest.param(b"\xef\xbb\xbf \n", id="utf8-bom-whitespace"),
        pytest.param(b"\xff\xfe", id="utf16-bom-only"),
        pytest.param(" \n".encode("utf-16"), id="utf16-whitespace"),
    ],
)
def test_empty_input(raw: bytes) -> None:
    with pytest.raises(BadInput) as info:
        decode_bytes(raw)
    assert "空" in info.value.zh and "empty" in info.value.en


def test_random_bytes_are_binary() -> None:
    for _ in range(20):
        with pytest.raises(BadInput) as info:
            decode_bytes(os.urandom(4096))
        assert "二进制" in info.value.zh and "binary" in info.value.en


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), id="png"),
        pytest.param(b"\x7fELF\x02\x01\x01" + b"\x00" * 64, id="elf"),
        pytest.param(b"\x00" * 100, id="nuls"),
        pytest.param(b"name\x00value\x00" * 10, id="nul-separated"),
        pytest.param(bytes(range(1, 32)) * 20, id="controls"),
        pytest.param(b"\xff\xfe" + os.urandom(4000), id="utf16-bom-then-random"),
        pytest.param(b"\xef\xbb\xbf" + os.urandom(4000), id="utf8-bom-then-random"),
    ],
)
def test_binary_shapes_rejected(raw: bytes) -> None:
    with pytest.raises(BadInput):
        decode_bytes(raw)


def test_gb18030_decodable_binary_is_rejected() -> None:
    """Bytes drawn from the GBK double-byte ranges decode strictly as GB18030, yet are not text."""
    rng = random.Random(2018)
    trails = [b for b in range(0x40, 0xFF) if b != 0x7F]
    raw = bytes(x for _ in range(3000) for x in (rng.randint(0x81, 0xFE), rng.choice(trails)))
    text = raw.decode("gb18030")  # strictly valid ...
    assert sum("\u4e00" <= c <= "\u9fff" for c in text) > 2000  # ... and mostly "ideographs"
    with pytest.raises(BadInput):
        decode_bytes(raw)


def test_control_characters_tolerated_in_small_numbers(fact: str) -> None:
    # A form feed (page break) and a DOS end-of-file marker are normal in old text files.
    text = fact + "\f" + fact + "\x1a"
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")
    # A high share of other control characters is not text.
    with pytest.raises(BadInput):
        decode_bytes(("案\x01\x02\x03" * 50).encode())


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "被告人張三犯盜竊罪，判處有期徒刑三年。本院認為，被告人以非法佔有為目的，秘密竊取他人財物。",
            "big5",
        ),
        (
            "被告人は窃盗罪で懲役三年に処せられた。裁判所は、被告人が他人の財物を窃取したと認めた。",
            "shift_jis",
        ),
        ("Café déjà vu — naïve résumé, façade, Æsop, señor, über, Ångström. " * 3, "cp1252"),
    ],
)
def test_unsupported_encodings_are_refused_not_garbled(text: str, codec: str) -> None:
    with pytest.raises(BadInput) as info:
        decode_bytes(text.encode(codec))
    assert "编码" in info.value.zh or "二进制" in info.value.zh


def test_known_ambiguity_very_short_inputs() -> None:
    """Documents two ambiguities that no decoder can settle on a few bytes.

    "你好" in UTF-16-LE without BOM is the ASCII string "`O}Y"; "一些" in GBK is valid UTF-8
    (Cyrillic "һЩ"). On real documents (hundreds of characters) the wrong reading fails.
    """
    assert decode_bytes("你好".encode("utf-16-le")) == ("`O}Y", "utf-8")
    assert decode_bytes("一些".encode("gbk")) == ("һЩ", "utf-8")
    longer = "一些人为之奔走，一些人为之付出。"
    assert decode_bytes(longer.encode("gbk")) == (longer, "gb18030")


# --------------------------------------------------------------------------- hypothesis


_EXAMPLES: dict[str, int] = {}


def _gb2312_level1() -> str:
    """The 3,755 most common hanzi (GB2312 level 1, rows 0xB0-0xD7)."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


COMMON = _gb2312_level1()
TEXTY = st.text(
    alphabet=st.sampled_from(COMMON + "，。：；、（）“”《》0123456789 ABCabc\n"), min_size=1, max_size=300
)


def _only_bad_input(data: bytes) -> None:
    try:
        text, name = decode_bytes(data)
    except BadInput as err:
        assert err.zh and err.en
        return
    assert isinstance(text, str) and text.strip()
    assert name in {"utf-8", "utf-8-sig", "gb18030", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}
    assert "\x00" not in text


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_fuzz_decode_arbitrary_bytes(data: bytes) -> None:
    _EXAMPLES["arbitrary"] = _EXAMPLES.get("arbitrary", 0) + 1
    _only_bad_input(data)


@st.composite
def near_text(draw: st.DrawFn) -> bytes:
    """Encoded text with a BOM, byte flips, splices or truncation: the edge of every heuristic."""
    text = draw(TEXTY)
    codec = draw(
        st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    )
    raw = bytearray(text.encode(codec))
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["flip", "insert", "cut", "prefix"]))
        pos = draw(st.integers(0, len(raw)))
        if op == "flip" and raw:
            raw[min(pos, len(raw) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            raw[pos:pos] = draw(st.binary(max_size=8))
        elif op == "cut":
            del raw[pos:]
        else:
            raw[:0] = draw(
                st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00"])
            )
    return bytes(raw)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_text())
def test_fuzz_decode_mutated_text(data: bytes) -> None:
    _EXAMPLES["mutated"] = _EXAMPLES.get("mutated", 0) + 1
    _only_bad_input(data)


@settings(max_examples=500, deadline=None)
@given(TEXTY.filter(lambda t: t.strip()))
def test_roundtrip_common_chinese(text: str) -> None:
    _EXAMPLES["roundtrip"] = _EXAMPLES.get("roundtrip", 0) + 1
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")
    assert decode_bytes(text.encode("utf-16"))[0] == text
    raw = text.encode("gb18030")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert decode_bytes(raw) == (text, "gb18030")
    else:
        # GB bytes that are also valid UTF-8 (ASCII, or runs of characters like 一些 -> "һЩ"):
        # UTF-8 wins unless its reading is implausible (透 -> U+0378, unassigned).
        assert decode_bytes(raw) in ((text, "gb18030"), (raw.decode("utf-8"), "utf-8"))


# --------------------------------------------------------------------------- read_document: docx


def test_docx_paragraphs_tables_and_content_controls(tmp_path: Path, facts: list[str]) -> None:
    path = make_docx(tmp_path / "判决书.docx", [facts[0], facts[1]], sdt="控件中的文字")
    doc = read_document(path)
    assert doc.format == "docx" and doc.encoding == ""
    lines = doc.text.split("\n")
    assert lines[0] == facts[0]
    # the table, row by row, cells joined by a tab; merged cells once, a vertical continuation empty
    assert lines[1:4] == ["当事人\t格02", "格10 第二段\t格11\t竖合并", "格20\t格21\t"]
    assert lines[4] == facts[1]
    assert lines[5] == "控件中的文字"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_docx_named_txt_is_read_as_docx(tmp_path: Path, fact: str) -> None:
    real = make_docx(tmp_path / "a.docx", [fact], table=False)
    disguised = tmp_path / "a.txt"
    disguised.write_bytes(real.read_bytes())
    assert read_document(disguised).format == "docx"
    assert read_document(disguised).text == fact


def test_truncated_docx(tmp_path: Path, fact: str) -> None:
    data = make_docx(tmp_path / "full.docx", [fact] * 20).read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 30):
        path = tmp_path / f"cut{cut}.docx"
        path.write_bytes(data[:cut])
        with pytest.raises(BadInput) as info:
            read_document(path)
        assert str(path) in info.value.zh
        assert "损坏" in info.value.zh and "damaged" in info.value.en


def _rezip(src: bytes, replace: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    zout.writestr(info.filename, replace[info.filename])
            else:
                zout.writestr(info, zin.read(info.filename))
    return out.getvalue()


def test_docx_with_broken_xml_or_missing_part(tmp_path: Path, fact: str) -> None:
    data = make_docx(tmp_path / "ok.docx", [fact]).read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(_rezip(data, {"word/document.xml": b"<w:document><w:body><w:p>"}))
    with pytest.raises(BadInput, match="损坏"):
        read_document(broken)
    missing = tmp_path / "missing.docx"
    missing.write_bytes(_rezip(data, {"word/document.xml": None}))
    with pytest.raises(BadInput, match="document.xml"):
        read_document(missing)
    no_types = tmp_path / "no-types.docx"
    no_types.write_bytes(_rezip(data, {"[Content_Types].xml": None}))
    with pytest.raises(BadInput):
        read_document(no_types)


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "材料.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(BadInput, match="不是Word文档"):
        read_document(path)


def test_empty_docx(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(BadInput, match="没有文字"):
        read_document(path)


def test_legacy_doc_and_misnamed_files(tmp_path: Path, fact: str) -> None:
    ole = tmp_path / "old.doc"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(BadInput, match=r"\.doc"):
        read_document(ole)
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_text(fact, encoding="utf-8")
    with pytest.raises(BadInput, match="不是PDF"):
        read_document(fake_pdf)
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_text(fact, encoding="utf-8")
    with pytest.raises(BadInput, match="不是Word文档"):
        read_document(fake_docx)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fuzz_mutated_docx(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    _EXAMPLES["docx"] = _EXAMPLES.get("docx", 0) + 1
    raw = bytearray(docx_sample())
    for _ in range(data.draw(st.integers(1, 6))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    raw = raw[: data.draw(st.integers(4, len(raw)))]
    path = tmp_path_factory.mktemp("fuzz") / "x.docx"
    path.write_bytes(bytes(raw))
    try:
        doc = read_document(path)
    except BadInput:
        return
    assert doc.format == "docx"


_CACHE: dict[str, bytes] = {}


def docx_sample() -> bytes:
    if "docx" not in _CACHE:
        buf = io.BytesIO()
        import docx

        d = docx.Document()
        d.add_paragraph(FALLBACK_FACT)
        d.add_table(rows=2, cols=2).cell(0, 0).text = "原告"
        d.save(buf)
        _CACHE["docx"] = buf.getvalue()
    return _CACHE["docx"]


# --------------------------------------------------------------------------- read_document: pdf


def test_pdf_cid_font_text_is_extracted(tmp_path: Path, facts: list[str]) -> None:
    """reportlab's STSong-Light CID font maps back to Unicode: pypdf recovers the Chinese text."""
    pages = [
        wrap_lines(facts[0]),
        wrap_lines(facts[1]),
        ["第三页：中华人民共和国 刑法 第二百六十四条 ABC 123"],
    ]
    path = make_pdf(tmp_path / "判决书.pdf", pages)
    doc = read_document(path)
    assert doc.format == "pdf" and doc.encoding == ""
    page_texts = doc.text.split("\n")
    assert "".join(page_texts[: len(pages[0])]) == facts[0]
    assert facts[1] in doc.text.replace("\n", "")
    assert page_texts[-1] == "第三页：中华人民共和国 刑法 第二百六十四条 ABC 123"
    assert doc.size == path.stat().st_size


def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    data = make_pdf(tmp_path / "a.pdf", [["本院认为，被告人构成盗窃罪。"]]).read_bytes()
    disguised = tmp_path / "a.txt"
    disguised.write_bytes(data)
    doc = read_document(disguised)
    assert (doc.format, doc.text) == ("pdf", "本院认为，被告人构成盗窃罪。")


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    path = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(BadInput) as info:
        read_document(path)
    assert "该PDF没有文字层" in info.value.zh and "OCR" in info.value.zh
    assert "OCR" in info.value.en


def test_truncated_pdf(tmp_path: Path, fact: str) -> None:
    data = make_pdf(tmp_path / "full.pdf", [wrap_lines(fact)] * 3).read_bytes()
    for cut in (len(data) // 2, len(data) - 20, 10):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(data[:cut])
        with pytest.raises(BadInput) as info:
            read_document(path)
        assert "截断" in info.value.zh or "损坏" in info.value.zh


def test_corrupt_pdf_with_end_marker(tmp_path: Path) -> None:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(5000) + b"\n%%EOF\n")
    with pytest.raises(BadInput):
        read_document(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    locked = make_pdf(tmp_path / "locked.pdf", [["密码保护的文书"]], encrypt="secret")
    with pytest.raises(BadInput, match="加密"):
        read_document(locked)
    # Owner password only (printing restrictions etc.): opens with the empty user password.
    open_pdf = make_pdf(tmp_path / "open.pdf", [["仅有权限密码的文书"]], encrypt="")
    assert read_document(open_pdf).text == "仅有权限密码的文书"


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_fuzz_mutated_pdf(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    _EXAMPLES["pdf"] = _EXAMPLES.get("pdf", 0) + 1
    if "pdf" not in _CACHE:
        _CACHE["pdf"] = make_pdf(
            tmp_path_factory.mktemp("pdf") / "s.pdf", [wrap_lines(FALLBACK_FACT)]
        ).read_bytes()
    raw = bytearray(_CACHE["pdf"])
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    path = tmp_path_factory.mktemp("fuzz") / "x.pdf"
    path.write_bytes(bytes(raw))
    try:
        doc = read_document(path)
    except BadInput:
        return
    assert doc.format == "pdf"


# --------------------------------------------------------------------------- read_document: files


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="不存在"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(BadInput, match="目录"):
        read_document(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(BadInput, match="普通文件"):
        read_document(fifo)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("机密", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", denied, raising=False)
    with pytest.raises(BadInput) as info:
        read_document(path)
    assert "没有权限" in info.value.zh and "permission denied" in info.value.en


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("机密", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(BadInput, match="没有权限"):
            read_document(path)
    finally:
        path.chmod(0o600)


def test_unknown_extension_is_tried_as_text(tmp_path: Path, fact: str) -> None:
    for name in ("case.log", "case", "case.TXT", "case.md"):
        path = tmp_path / name
        path.write_bytes(fact.encode("gb18030"))
        doc = read_document(path)
        assert (doc.format, doc.encoding, doc.text) == ("txt", "gb18030", fact)


def test_binary_file_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(os.urandom(10_000))
    with pytest.raises(BadInput) as info:
        read_document(path)
    assert str(path) in info.value.zh and str(path) in info.value.en
    assert "二进制" in info.value.zh


def test_raw_document_is_frozen(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("被告人李某。", encoding="utf-8")
    doc = read_document(str(path))  # str paths are accepted too
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "x"  # type: ignore[misc]


# --------------------------------------------------------------------------- size limit


BIG = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def big_text_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    line = "本院认为，被告人以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。\n".encode()
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_bytes(line * (BIG // len(line) + 1))
    return path


def test_50mb_text_file_rejected_fast(big_text_file: Path) -> None:
    assert MAX_DOCUMENT_BYTES == 20 * 1024 * 1024 == max_document_bytes()
    start = time.perf_counter()
    with pytest.raises(BadInput) as info:
        read_document(big_text_file)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5  # refused from stat(), the 50 MB are never read
    assert "20 MiB" in info.value.zh and "20 MiB" in info.value.en
    assert readers.MAX_BYTES_ENV in info.value.en


def test_50mb_text_file_accepted_with_raised_limit(
    big_text_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(readers.MAX_BYTES_ENV, str(64 * 1024 * 1024))
    start = time.perf_counter()
    doc = read_document(big_text_file)
    elapsed = time.perf_counter() - start
    assert doc.size > BIG and doc.encoding == "utf-8"
    assert doc.text.startswith("本院认为")
    assert elapsed < 10


def test_limit_read_at_call_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("被告人".encode() * 100)  # 900 bytes
    monkeypatch.setenv(readers.MAX_BYTES_ENV, "100")
    with pytest.raises(BadInput, match="100 bytes"):
        read_document(path)
    monkeypatch.setenv(readers.MAX_BYTES_ENV, "1_000")
    assert read_document(path).size == 900
    for bad in ("abc", "0", "-5"):
        monkeypatch.setenv(readers.MAX_BYTES_ENV, bad)
        with pytest.raises(ConfigError):
            read_document(path)


# --------------------------------------------------------------------------- iter_paths


def test_iter_paths_10000_files(tmp_path: Path) -> None:
    root = tmp_path / "batch"
    root.mkdir()
    for i in range(10_000):
        (root / f"{i:05d}.txt").write_bytes(b"x")
    (root / ".hidden.txt").write_bytes(b"x")
    (root / "~$lock.docx").write_bytes(b"x")
    (root / "image.png").write_bytes(b"x")
    (root / "sub").mkdir()
    (root / "sub" / "a.PDF").write_bytes(b"x")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_bytes(b"x")
    start = time.perf_counter()
    paths = iter_paths([root])
    first = list(itertools.islice(paths, 3))
    assert [p.name for p in first] == ["00000.txt", "00001.txt", "00002.txt"]
    rest = sum(1 for _ in paths)
    elapsed = time.perf_counter() - start
    assert len(first) + rest == 10_001
    assert elapsed < 5
    listed = list(iter_paths([root]))
    assert listed[-1] == root / "sub" / "a.PDF"
    assert listed == sorted(listed, key=lambda p: p.relative_to(root).parts)


def test_iter_paths_is_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for d in ("a", "b", "c"):
        (tmp_path / d).mkdir()
        for i in range(3):
            (tmp_path / d / f"{i}.txt").write_bytes(b"x")
    calls: list[str] = []
    real = os.scandir

    def counting(path: str) -> object:
        calls.append(os.path.basename(path))
        return real(path)

    monkeypatch.setattr(readers.os, "scandir", counting)
    paths = iter_paths([tmp_path])
    assert calls == []  # nothing is listed before iteration starts
    assert next(paths) == tmp_path / "a" / "0.txt"
    assert len(calls) == 2  # the root and "a" only, not "b" and "c"
    assert [p.relative_to(tmp_path).as_posix() for p in paths][-1] == "c/2.txt"


def test_iter_paths_explicit_files_missing_paths_and_symlinks(tmp_path: Path) -> None:
    odd = tmp_path / "notes.log"
    odd.write_text("x", encoding="utf-8")
    hidden = tmp_path / ".hidden.txt"
    hidden.write_text("x", encoding="utf-8")
    assert list(iter_paths([odd, hidden])) == [odd, hidden]  # explicit names are kept as given
    with pytest.raises(BadInput, match="路径不存在"):
        iter_paths([odd, tmp_path / "typo"])  # raised at call time, before anything is yielded
    loop = tmp_path / "d"
    loop.mkdir()
    (loop / "a.txt").write_text("x", encoding="utf-8")
    (loop / "self").symlink_to(loop, target_is_directory=True)
    assert list(iter_paths([loop])) == [loop / "a.txt"]  # a symlinked directory is not followed


def test_hypothesis_example_counts() -> None:
    """Runs last in this module (pytest keeps file order); reports how many examples ran.

    See the counts with ``pytest -s`` (or ``--hypothesis-show-statistics``).
    """
    if not _EXAMPLES:
        pytest.skip("hypothesis tests were deselected")
    print(f"\nhypothesis examples run: {_EXAMPLES}")
    assert sum(_EXAMPLES.values()) >= 1000
