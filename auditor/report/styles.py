"""Page geometry and paragraph styles of the PDF, after GB/T 9704-2012.

A4; text block 156 x 225 mm from a 37 mm top and 28 mm left margin; 22 lines of 28
characters: the 3号 body (16 pt) is set at 15.75 pt so that 28 characters fit 156 mm,
as Word's character grid does; 28.95 pt leading gives the 22 lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from auditor.report.fonts import Fonts

PAGE = A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FRAME_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
BODY_SIZE, LEADING, TITLE_SIZE, NUMBER_SIZE = 15.75, 28.95, 22.0, 14.0
CELL_SIZE, CELL_LEADING = 10.5, 13.5
"""5号 in the tables of the 附件."""

@dataclass(frozen=True)
class Styles:
    fonts: Fonts
    title: ParagraphStyle
    addressee: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle
    annex: ParagraphStyle
    signature: ParagraphStyle
    annexes: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle

    def role(self, name: str) -> ParagraphStyle:
        style: ParagraphStyle = getattr(self, name)
        return style


def make_styles(fonts: Fonts) -> Styles:
    def style(name: str, font: str, **kw: object) -> ParagraphStyle:
        kw.setdefault("fontSize", BODY_SIZE)
        kw.setdefault("leading", LEADING)
        kw.setdefault("wordWrap", "CJK")
        kw.setdefault("alignment", TA_JUSTIFY)
        return ParagraphStyle(name, fontName=font, **kw)  # type: ignore[arg-type]

    indent = 2 * BODY_SIZE
    return Styles(
        fonts=fonts,
        title=style("title", fonts.title, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.6,
                    alignment=TA_CENTER, spaceAfter=LEADING, keepWithNext=1),
        addressee=style("addressee", fonts.body, alignment=TA_LEFT),
        h1=style("h1", fonts.heiti, firstLineIndent=indent, keepWithNext=1),
        h2=style("h2", fonts.kaiti, firstLineIndent=indent, keepWithNext=1),
        h3=style("h3", fonts.body, firstLineIndent=indent, keepWithNext=1),
        body=style("body", fonts.body, firstLineIndent=indent),
        note=style("note", fonts.body, fontSize=NUMBER_SIZE, leading=LEADING * 0.8, spaceBefore=6, spaceAfter=4),
        annex=style("annex", fonts.heiti, alignment=TA_LEFT, keepWithNext=1),
        signature=style("signature", fonts.body, alignment=TA_RIGHT, rightIndent=4 * BODY_SIZE),
        annexes=style("annexes", fonts.body, alignment=TA_LEFT, leftIndent=5 * BODY_SIZE,
                      firstLineIndent=-3 * BODY_SIZE, spaceBefore=LEADING),
        caption=style("caption", fonts.heiti, fontSize=NUMBER_SIZE, leading=LEADING * 0.8, spaceBefore=6,
                      spaceAfter=3, alignment=TA_LEFT, keepWithNext=1),
        cell=style("cell", fonts.body, fontSize=CELL_SIZE, leading=CELL_LEADING, alignment=TA_LEFT),
    )
