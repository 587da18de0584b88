"""Write a draft as a Word file the judge edits: official layout, placeholders highlighted.

What: :func:`write_docx` turns a :class:`~fazhi.draft.render.Draft` into a .docx with python-docx:
court name and title centred and bold (宋体), the case number right-aligned, body paragraphs in
仿宋 with a first-line indent of two characters, the signature block right-aligned, and every
【…】 placeholder highlighted yellow.

Why: judges finish judgments in Word; a plain-text draft would lose the layout, and a
placeholder that is not visible is one that gets issued. The file is written to a temporary name
beside the target and renamed into place, so a crash never leaves half a judgment behind.

Layout values follow court practice for 裁判文书 (人民法院民事裁判文书制作规范, 2016, details
unverified): 法院名称 and 文书名称 in 二号宋体 bold, 正文 in 三号仿宋, page margins of the official
document standard GB/T 9704-2012 (天头 37 mm, 订口 28 mm).
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from fazhi.draft.render import Draft, Paragraph

__all__ = ["write_docx"]

SONG = "宋体"
FANGSONG = "仿宋"
TITLE_PT = 22  # 二号 (practice: 法院名称、文书名称 二号小标宋)
BODY_PT = 16  # 三号 (practice: 正文 三号仿宋)


def _font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    """Set the font for Latin *and* East Asian text (w:eastAsia), which python-docx's name alone does not."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _indent_two_chars(p: DocxParagraph) -> None:
    """First-line indent of two characters (w:firstLineChars=200), with the point value as a fallback."""
    p.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    ind = p._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), "200")


def _runs(p: DocxParagraph, para: Paragraph, spans: list[tuple[int, int]], name: str, size: float,
          *, bold: bool = False) -> None:
    """Add ``para``'s text as runs, the placeholder spans (offsets into the draft) highlighted yellow."""
    pos = para.start
    for start, end in spans:
        if pos < start:
            _font(p.add_run(para.text[pos - para.start:start - para.start]), name, size, bold=bold)
        run = p.add_run(para.text[start - para.start:end - para.start])
        _font(run, name, size, bold=bold)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # the judge must see every placeholder
        pos = end
    if pos < para.end:
        _font(p.add_run(para.text[pos - para.start:]), name, size, bold=bold)


def write_docx(draft: Draft, path: Path) -> Path:
    """Write ``draft`` to ``path`` as a .docx (atomically: temporary file, then ``os.replace``)."""
    path = Path(path)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)  # GB/T 9704-2012 §5.2.1
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = FANGSONG
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), FANGSONG)

    props = doc.core_properties
    props.title = next((p.text for p in draft.paragraphs if p.role == "title"), "裁判文书草稿")
    props.author = "fazhi"
    props.comments = "辅助生成的草稿：【】内为待承办法官填写或核对的内容，签发前须全部处理。"

    for para in draft.paragraphs:
        spans = [(ph["start"], ph["end"]) for ph in draft.placeholders
                 if para.start <= ph["start"] and ph["end"] <= para.end]
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if para.role in ("court", "title"):
            # J1: court name and title centred, bold
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(p, para, spans, SONG, TITLE_PT, bold=True)
        elif para.role == "case_number":
            # J1: the case number on its own line, right-aligned
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _runs(p, para, spans, FANGSONG, BODY_PT)
        elif para.role == "signature":
            # J14: the signature block (bench, date, clerk) right-aligned
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _runs(p, para, spans, FANGSONG, BODY_PT)
        elif para.role == "blank":
            continue
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _indent_two_chars(p)
            _runs(p, para, spans, FANGSONG, BODY_PT)

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        doc.save(str(tmp))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
