"""Word documents in the official-document layout (GB/T 9704-2012), with python-docx.

The shared layout of every DOCX the tool writes: the 自查报告, the 会议记录 and the
台账 binder. One call makes a document whose page set-up, named styles and footer are
right; the helpers then add paragraphs in those styles, so a user who edits a sentence
in Word or WPS keeps the look (no direct formatting on runs, no text boxes)::

    from auditor.report import word

    doc = word.new_document(title="关于……的自查报告", author="某某党支部")
    word.paragraph(doc, "关于……的自查报告", word.TITLE)
    word.paragraph(doc, "中共某某县直属机关工作委员会：", word.ADDRESSEE)
    word.paragraph(doc, "现将有关情况报告如下：")            # 正文 (the Normal style)
    word.paragraph(doc, "一、基本情况", word.H1)             # 黑体
    word.paragraph(doc, "（一）组织领导", word.H2)           # 楷体
    word.table(doc, ["日期", "主题"], [["2026-07-05", "……"]], widths_mm=[30, 126])
    word.signature(doc, "中共某某县财政局机关支部委员会", dt.date(2026, 7, 5))
    word.save(doc, path)                                     # or word.to_bytes(doc)

Fonts are named, not embedded: each style names its East Asian font (``w:eastAsia``)
as well as its Latin one, so Word and WPS pick 仿宋_GB2312 and the like where installed
and substitute otherwise. ``RECORD`` is the layout of branch minutes as kept in
practice (Word's default margins, fixed 31 pt lines), ``OFFICIAL`` the GB/T 9704 one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from docx import Document as _new
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.table import Table
from docx.text.paragraph import Paragraph

from auditor.report.wordxml import (
    clean,
    indent_first,
    indent_right,
    name_fonts,
    page_numbers,
    set_child,
    table_rows,
)

__all__ = [
    "ADDRESSEE", "ANNEX", "ANNEX_LIST", "BODY", "CELL", "CELL_HEAD", "FIELD", "H1", "H2", "H3", "NOTE", "OFFICIAL", "RECORD",
    "SIGNATURE", "TEXT_WIDTH_MM", "TITLE", "Document", "PageLayout", "clean", "new_document", "page_break", "paragraph",
    "save", "signature", "table", "to_bytes", "zh_date",
]

XIAOBIAOSONG, HEITI, KAITI, FANGSONG, SONGTI = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
SIZE_2, SIZE_3, SIZE_4, SIZE_5 = 22.0, 16.0, 14.0, 10.5  # 2号, 3号, 4号, 5号 in points

# Style names as Word and WPS show them. BODY is the built-in Normal style, which a
# Chinese Word calls 正文: new paragraphs and pasted text land in it.
BODY = "Normal"
TITLE, ADDRESSEE, H1, H2, H3 = "公文标题", "主送机关", "一级标题", "二级标题", "三级标题"
SIGNATURE, ANNEX, NOTE, CELL, CELL_HEAD = "落款", "附件标识", "说明文字", "表格文字", "表头文字"
ANNEX_LIST = "附件说明"
"""附件：1．… under the text, the later numbers aligned under the first (hanging indent)."""
FIELD = "记录要素"
"""A label-value line of a minutes page (主持人：王建国): body text, not indented."""


@dataclass(frozen=True)
class PageLayout:
    """A4 page set-up: margins, line pitch, and the character grid when there is one."""

    top: float
    bottom: float
    left: float
    right: float
    line_pt: float
    chars_per_line: int = 0
    """0: no character grid (Word's default spacing)."""
    footer_mm: float = 23.0


TEXT_WIDTH_MM = 156.0
"""Width of the GB/T 9704 text block, for table column widths."""
# GB/T 9704: text block 156 x 225 mm from 37 mm top and 28 mm left; 22 lines of 28 chars
# (225 mm / 22 = 28.95 pt, Word's usual 固定值). The page number's rule sits 7 mm below.
OFFICIAL = PageLayout(top=37, bottom=35, left=28, right=26, line_pt=28.95, chars_per_line=28, footer_mm=23)
# Branch minutes as kept in practice (regulations.md section 10): Word's default margins.
RECORD = PageLayout(top=25.4, bottom=25.4, left=31.7, right=31.7, line_pt=31, footer_mm=17.5)

# (name, base, east-asian font, size, bold, alignment, first-line chars, outline level)
_STYLES: tuple[tuple[str, str, str, float, bool, str, int, int | None], ...] = (
    (TITLE, BODY, XIAOBIAOSONG, SIZE_2, False, "center", 0, None),
    (ADDRESSEE, BODY, FANGSONG, SIZE_3, False, "left", 0, None),
    (H1, BODY, HEITI, SIZE_3, False, "justify", 2, 0),
    (H2, BODY, KAITI, SIZE_3, False, "justify", 2, 1),
    (H3, BODY, FANGSONG, SIZE_3, True, "justify", 2, 2),
    (SIGNATURE, BODY, FANGSONG, SIZE_3, False, "right", 0, None),
    (ANNEX_LIST, BODY, FANGSONG, SIZE_3, False, "left", -3, None),
    (ANNEX, BODY, HEITI, SIZE_3, False, "left", 0, None),
    (NOTE, BODY, FANGSONG, SIZE_4, False, "justify", 0, None),
    (CELL, BODY, FANGSONG, SIZE_5, False, "left", 0, None),
    (CELL_HEAD, CELL, HEITI, SIZE_5, False, "center", 0, None),
    (FIELD, BODY, FANGSONG, SIZE_3, False, "left", 0, None),
)
_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
# ASCII style ids (Word shows the names); stable, so a user's template can refer to them.
_STYLE_IDS: dict[str, str] = {
    TITLE: "DocTitle", ADDRESSEE: "Addressee", H1: "Level1", H2: "Level2", H3: "Level3",
    SIGNATURE: "Signature", ANNEX: "AnnexLabel", ANNEX_LIST: "AnnexList", NOTE: "Note", CELL: "CellText", CELL_HEAD: "CellHead",
    FIELD: "RecordField",
}
def new_document(title: str = "", author: str = "", layout: PageLayout = OFFICIAL) -> Document:
    """An empty A4 document with the layout's page set-up, styles and page-number footer."""
    doc = _new()
    props = doc.core_properties
    props.title, props.author, props.language = clean(title)[:250], clean(author)[:250], "zh-CN"
    props.last_modified_by, props.comments = props.author, ""
    _page_setup(doc, layout)
    _defaults(doc, layout)
    for spec in _STYLES:
        _add_style(doc, layout, *spec)
    page_numbers(doc, SONGTI, SIZE_4)
    return doc


def paragraph(doc: Document, text: str, style: str = BODY) -> Paragraph:
    """One paragraph of plain text in a named style; ``\\n`` in the text becomes a line break."""
    lines = clean(text).split("\n")
    p = doc.add_paragraph()
    if style in _STYLE_IDS:  # by id: python-docx's lookup by name scans every style each time
        p._p.get_or_add_pPr().style = _STYLE_IDS[style]
    elif style != BODY:
        p.style = doc.styles[style]
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    return p


def page_break(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def signature(doc: Document, name: str, day: dt.date, *, seal_lines: int = 3) -> None:
    """落款: the organisation's formal name over the date, with room above for the seal.

    GB/T 9704 7.3.5.1: the date ends four characters from the right margin and the
    name is centred over it; the seal presses on both, so blank lines come first. The
    signature never starts a page of its own: it is kept with the paragraph before it.
    """
    date = zh_date(day)
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    for _ in range(seal_lines):
        doc.add_paragraph(style=SIGNATURE).paragraph_format.keep_with_next = True
    name = clean(name)
    name_p = paragraph(doc, name, SIGNATURE)
    name_p.paragraph_format.keep_with_next = True
    shift = max(0.0, (len(date) - len(name)) / 2)
    indent_right(name_p, 4 + shift)
    indent_right(paragraph(doc, date, SIGNATURE), 4)


def table(
    doc: Document,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    right_aligned: Sequence[int] = (),
) -> Table:
    """A bordered Word table: the header row repeats on each page, no row splits across pages.

    Cells are plain text in 表格文字 (header in 表头文字); rows are built as XML directly,
    since python-docx's cell API is quadratic in the table size.
    """
    t = doc.add_table(rows=0, cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    twips = [round(w * 56.6929) for w in widths_mm]
    grid = t._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(w))
    cell_id, head_id = _STYLE_IDS[CELL], _STYLE_IDS[CELL_HEAD]
    t._tbl.extend(table_rows([header], twips, head_id, header=True))
    t._tbl.extend(table_rows(rows, twips, cell_id, right=set(right_aligned)))
    return t


def to_bytes(doc: Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def save(doc: Document, path: Path | str) -> None:
    """Write the document in place of ``path`` atomically (a half-written .docx does not open)."""
    from auditor.store.store import write_atomic

    write_atomic(Path(path), to_bytes(doc))


def zh_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704 writes it: 2026年7月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


# -- page, styles, footer -------------------------------------------------------------

def _page_setup(doc: Document, layout: PageLayout) -> None:
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(layout.top), Mm(layout.bottom)
    s.left_margin, s.right_margin = Mm(layout.left), Mm(layout.right)
    s.footer_distance, s.header_distance = Mm(layout.footer_mm), Mm(15)
    grid = s._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        s._sectPr.append(grid)
    grid.set(qn("w:linePitch"), str(round(layout.line_pt * 20)))
    grid.set(qn("w:type"), "lines")


def _condense(layout: PageLayout) -> int:
    """Character spacing (twentieths of a point) that fits chars_per_line 3号 characters.

    Word's own character grid (docGrid linesAndChars with a negative charSpace) is
    misread by LibreOffice, which then sets 14 characters a line; a slightly condensed
    Normal style gives 28 in both.
    """
    if not layout.chars_per_line:
        return 0
    pitch = (210 - layout.left - layout.right) / 25.4 * 72 / layout.chars_per_line
    return min(0, int((pitch - SIZE_3) * 20) - 1)


def _defaults(doc: Document, layout: PageLayout) -> None:
    """Normal (正文): 3号仿宋, fixed line pitch, first line indented two characters.

    The template's theme fonts are dropped: a theme attribute beats a named font.
    """
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.remove(rpr.find(qn("w:rFonts")))
    name_fonts(rpr, FANGSONG)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles[BODY]
    normal.font.size = Pt(SIZE_3)
    name_fonts(normal.element.get_or_add_rPr(), FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(layout.line_pt)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = True
    indent_first(normal.element.get_or_add_pPr(), 2)
    if _condense(layout):
        set_child(normal.element.get_or_add_rPr(), "w:spacing", val=str(_condense(layout)))


def _add_style(doc: Document, layout: PageLayout, name: str, base: str, font: str, size: float,
               bold: bool, align: str, indent: int, outline: int | None) -> None:
    # Straight onto the styles part: python-docx's add_style and styles[name] scan every
    # latent style by name first, which was half of a new document's time.
    element = doc.styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
    style = cast(ParagraphStyle, StyleFactory(element))
    style.style_id = _STYLE_IDS[name]
    style.element.basedOn_val = _STYLE_IDS.get(base, base)
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    name_fonts(style.element.get_or_add_rPr(), font)
    if size != SIZE_3:  # the condensing fits 3号 text to the grid only
        set_child(style.element.get_or_add_rPr(), "w:spacing", val="0")
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[align]
    ppr = style.element.get_or_add_pPr()
    indent_first(ppr, indent)
    if name == TITLE:  # a two-line title keeps its lines together, one blank line after
        fmt.line_spacing, fmt.space_after, fmt.keep_with_next = Pt(layout.line_pt * 1.25), Pt(layout.line_pt), True
    elif name in (H1, H2, H3, ANNEX):
        fmt.keep_with_next = True
    elif name == ANNEX_LIST:
        fmt.space_before = Pt(layout.line_pt)
        ppr.remove(ppr.find(qn("w:ind")))
        set_child(ppr, "w:ind", leftChars="500", left=str(round(5 * SIZE_3 * 20)), hangingChars="300",
                  hanging=str(round(3 * SIZE_3 * 20)))
    elif name in (CELL, CELL_HEAD, NOTE):
        fmt.line_spacing = 1.0 if name != NOTE else Pt(layout.line_pt * 0.8)
        set_child(ppr, "w:snapToGrid", val="0")  # small text off the 3号 grid, else rows double
    if outline is not None:
        set_child(ppr, "w:outlineLvl", val=str(outline))  # Word's navigation pane lists it
