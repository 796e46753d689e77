"""The empty styled document of a page layout, built once into ``report/bases/``.

``word.new_document`` opens the built copy of the layouts the tool writes; this module
makes it from python-docx's template: the page set-up, the 正文 defaults, the named
styles and the page-number footer. After changing any of them, rebuild the copies with
``python -m auditor.report.word_base`` (``tests/test_report_word.py`` says when they are
stale). Parts of the template nobody reads are dropped: its thumbnail (a picture of
python-docx's sample page, shown as the file's preview), the Word 2010 copy of the
styles, its sample custom XML, and its 130 coloured table styles (Word offers them from
its own gallery; a table here is 网格型): together nine tenths of the file to read and write.
"""

from __future__ import annotations

import io
from typing import cast

from docx import Document as _template
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle, StyleFactory

from auditor.report import word
from auditor.report.word import (
    ADDRESSEE,
    ANNEX,
    ANNEX_LIST,
    BODY,
    CELL,
    CELL_HEAD,
    FANGSONG,
    FIELD,
    H1,
    H2,
    H3,
    HEITI,
    KAITI,
    NOTE,
    SIGNATURE,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SONGTI,
    TITLE,
    XIAOBIAOSONG,
    PageLayout,
)
from auditor.report.wordxml import indent_first, name_fonts, page_numbers, set_child

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
_TABLE_STYLES_KEPT = {"TableNormal", "TableGrid"}
_UNREAD = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)


def build(layout: PageLayout) -> Document:
    """The layout's empty document, styled, from python-docx's template."""
    doc = _template()
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _UNREAD]:
            del rels[rid]
            rels._target_parts_by_rId.pop(rid, None)  # python-docx keeps this index beside the dict
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in _TABLE_STYLES_KEPT:
            styles.remove(style)
    _page_setup(doc, layout)
    _defaults(doc, layout)
    for spec in _STYLES:
        _add_style(doc, layout, *spec)
    page_numbers(doc, SONGTI, SIZE_4)
    return doc


def bytes_of(layout: PageLayout) -> bytes:
    buf = io.BytesIO()
    build(layout).save(buf)
    return buf.getvalue()


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
    style.style_id = word._STYLE_IDS[name]
    style.element.basedOn_val = word._STYLE_IDS.get(base, base)
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


def main() -> None:
    """Rebuild the shipped copies (a developer's step after changing the layout or styles)."""
    word.BASES.mkdir(exist_ok=True)
    for layout, name in word._BASE_FILES.items():
        (word.BASES / name).write_bytes(bytes_of(layout))
        print(word.BASES / name)


if __name__ == "__main__":
    main()
