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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document as _new
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

__all__ = [
    "ADDRESSEE", "ANNEX", "BODY", "CELL", "CELL_HEAD", "FIELD", "H1", "H2", "H3", "NOTE", "OFFICIAL", "RECORD",
    "SIGNATURE", "TITLE", "Document", "PageLayout", "clean", "new_document", "page_break", "paragraph",
    "save", "signature", "table", "to_bytes", "zh_date",
]

XIAOBIAOSONG, HEITI, KAITI, FANGSONG, SONGTI = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
SIZE_2, SIZE_3, SIZE_4, SIZE_5 = 22.0, 16.0, 14.0, 10.5  # 2号, 3号, 4号, 5号 in points

# Style names as Word and WPS show them. BODY is the built-in Normal style, which a
# Chinese Word calls 正文: new paragraphs and pasted text land in it.
BODY = "Normal"
TITLE, ADDRESSEE, H1, H2, H3 = "公文标题", "主送机关", "一级标题", "二级标题", "三级标题"
SIGNATURE, ANNEX, NOTE, CELL, CELL_HEAD = "落款", "附件标识", "说明文字", "表格文字", "表头文字"
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
    SIGNATURE: "Signature", ANNEX: "AnnexLabel", NOTE: "Note", CELL: "CellText", CELL_HEAD: "CellHead",
    FIELD: "RecordField",
}
# XML 1.0 cannot hold these; user text with them would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: object) -> str:
    """User text made safe for the XML of a .docx (control characters dropped)."""
    return _NOT_XML.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


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
    _page_numbers(doc)
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
    name is centred over it; the seal presses on both, so blank lines come first.
    """
    date = zh_date(day)
    for _ in range(seal_lines):
        doc.add_paragraph(style=SIGNATURE)
    name = clean(name)
    name_p = paragraph(doc, name, SIGNATURE)
    shift = max(0.0, (len(date) - len(name)) / 2)
    _indent_right(name_p, 4 + shift)
    _indent_right(paragraph(doc, date, SIGNATURE), 4)


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
    t._tbl.append(_row(header, twips, head_id, header=True))
    right = set(right_aligned)
    for values in rows:
        t._tbl.append(_row(values, twips, cell_id, right=right))
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
    _fonts(rpr, FANGSONG)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles[BODY]
    normal.font.size = Pt(SIZE_3)
    _fonts(normal.element.get_or_add_rPr(), FANGSONG)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(layout.line_pt)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = True
    _first_line_chars(normal.element.get_or_add_pPr(), 2)
    if _condense(layout):
        _append(normal.element.get_or_add_rPr(), "w:spacing", val=str(_condense(layout)))


def _add_style(doc: Document, layout: PageLayout, name: str, base: str, font: str, size: float,
               bold: bool, align: str, indent: int, outline: int | None) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = _STYLE_IDS[name]
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    _fonts(style.element.get_or_add_rPr(), font)
    if size != SIZE_3:  # the condensing fits 3号 text to the grid only
        _append(style.element.get_or_add_rPr(), "w:spacing", val="0")
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[align]
    ppr = style.element.get_or_add_pPr()
    _first_line_chars(ppr, indent)
    if name == TITLE:  # a two-line title keeps its lines together, one blank line after
        fmt.line_spacing, fmt.space_after, fmt.keep_with_next = Pt(layout.line_pt * 1.25), Pt(layout.line_pt), True
    elif name in (H1, H2, H3, ANNEX):
        fmt.keep_with_next = True
    elif name in (CELL, CELL_HEAD, NOTE):
        fmt.line_spacing = 1.0 if name != NOTE else Pt(layout.line_pt * 0.8)
        _append(ppr, "w:snapToGrid", val="0")  # small text off the 3号 grid, else rows double
    if outline is not None:
        _append(ppr, "w:outlineLvl", val=str(outline))  # Word's navigation pane lists it


def _page_numbers(doc: Document) -> None:
    """— 1 —: 4号 宋体, right on odd pages and left on even ones, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    s = doc.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.alignment = align
        ppr = p._p.get_or_add_pPr()
        side = "rightChars" if align == WD_ALIGN_PARAGRAPH.RIGHT else "leftChars"
        _append(ppr, "w:ind", **{side: "100", "firstLineChars": "0", "firstLine": "0"})
        p.paragraph_format.line_spacing = 1.0
        for piece in ("— ", None, " —"):
            run = p.add_run(piece) if piece else _page_field(p)
            run.font.size = Pt(SIZE_4)
            _fonts(run._r.get_or_add_rPr(), SONGTI)


def _page_field(p: Paragraph) -> Any:
    """A PAGE field (python-docx has no API for fields): begin, instruction, cached 1, end."""
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            run._r.append(_el("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    return run


# -- XML helpers ----------------------------------------------------------------------

def _el(tag: str, **attrs: str) -> Any:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


# Children of w:pPr and w:rPr in schema order: Word rejects a file whose order is off.
_ORDER = {
    "w:pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
              "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
              "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
              "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
              "rPr sectPr pPrChange").split(),
    "w:rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
              "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
              "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split(),
}


def _append(parent: Any, tag: str, **attrs: str) -> Any:
    """Set child ``tag`` of a pPr/rPr (replacing one there) at its place in the schema order."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    el = _el(tag, **attrs)
    order = _ORDER["w:" + parent.tag.rpartition("}")[2]]
    rank = order.index(tag.split(":")[1])
    for i, child in enumerate(parent):
        local = child.tag.rpartition("}")[2]
        if local in order and order.index(local) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _fonts(rpr: Any, east_asian: str) -> None:
    """Name the font for every script: Word and WPS read w:eastAsia for Chinese."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _first_line_chars(ppr: Any, chars: int) -> None:
    _append(ppr, "w:ind", firstLineChars=str(chars * 100), firstLine=str(round(chars * SIZE_3 * 20)))


def _indent_right(p: Paragraph, chars: float) -> None:
    ppr = p._p.get_or_add_pPr()
    _append(ppr, "w:ind", rightChars=str(round(chars * 100)), right=str(round(chars * SIZE_3 * 20)))


def _row(values: Sequence[str], twips: Sequence[int], style_id: str, *, header: bool = False,
         right: set[int] | frozenset[int] = frozenset()) -> Any:
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))
    tr.append(trpr)
    for i, (value, width) in enumerate(zip(values, twips, strict=True)):
        tc = OxmlElement("w:tc")
        tcpr = OxmlElement("w:tcPr")
        tcpr.append(_el("w:tcW", w=str(width), type="dxa"))
        tcpr.append(_el("w:vAlign", val="center"))
        tc.append(tcpr)
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        ppr.append(_el("w:pStyle", val=style_id))
        if i in right:
            ppr.append(_el("w:jc", val="right"))
        p.append(ppr)
        r = OxmlElement("w:r")
        for j, line in enumerate(clean(value).split("\n")):
            if j:
                r.append(OxmlElement("w:br"))
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = line
            r.append(t)
        p.append(r)
        tc.append(p)
        tr.append(tc)
    return tr
