"""Paragraph styles, page geometry and status colours of the report.

Colours are light tints with the status word and a symbol beside them, so a page
printed in black and white still says 达标 / 未达标 in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from auditor.engine.assessment import Status
from auditor.report.fonts import Fonts

PAGE = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 25 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X

# Symbols found in GB2312 fonts (SimSun, FangSong, wqy): ✓ ✗ ⋯ are missing from many.
PDF_SYMBOLS: dict[Status, str] = {
    Status.MET: "√",
    Status.NOT_MET: "×",
    Status.OVERDUE: "×",
    Status.LATE: "△",
    Status.AT_RISK: "▲",
    Status.ON_TRACK: "○",
    Status.PENDING: "—",
    Status.WAIVED: "◇",
    Status.NOT_APPLICABLE: "—",
}
# (text colour, cell tint)
STATUS_COLOURS: dict[Status, tuple[str, str]] = {
    Status.MET: ("#1b5e20", "#e3f1e4"),
    Status.NOT_MET: ("#b71c1c", "#fbe0e0"),
    Status.OVERDUE: ("#b71c1c", "#fbe0e0"),
    Status.LATE: ("#8a4b00", "#fdebd3"),
    Status.AT_RISK: ("#8a5a00", "#fff3c4"),
    Status.ON_TRACK: ("#0d47a1", "#e1ecfa"),
    Status.PENDING: ("#555555", "#f0f0f0"),
    Status.WAIVED: ("#5e2a84", "#efe4f6"),
    Status.NOT_APPLICABLE: ("#555555", "#f0f0f0"),
}
GRID = colors.HexColor("#9e9e9e")
HEADER_BG = colors.HexColor("#e8e8e8")


# ReportLab's line breaker keeps Japanese closing marks off the start of a line but
# not the Chinese full-width comma, semicolon, colon, ?, ! or closing quotes; a line
# opening with "，" looks wrong in an official document. Extend its table once.
_CN_CANNOT_START = "，；：！？”’》〉」』】〕％…"


def _teach_chinese_kinsoku() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    extra = "".join(c for c in _CN_CANNOT_START if c not in textsplit.ALL_CANNOT_START)
    textsplit.ALL_CANNOT_START += extra
    paragraph.ALL_CANNOT_START = textsplit.ALL_CANNOT_START  # type: ignore[attr-defined]


_teach_chinese_kinsoku()


def esc(text: object) -> str:
    """User text made safe for Paragraph markup: `<b>S&P` prints as typed."""
    return escape(str(text))


@dataclass(frozen=True)
class Styles:
    fonts: Fonts
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    plain: ParagraphStyle
    signature: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_small: ParagraphStyle
    caption: ParagraphStyle

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph of plain user text (escaped here)."""
        return Paragraph(esc(text), style or self.body)

    def status(self, status: Status) -> Paragraph:
        ink, _ = STATUS_COLOURS[status]
        return Paragraph(
            f'<font color="{ink}">{esc(status_word(status, self.fonts))}</font>', self.cell
        )


def status_word(status: Status, fonts: Fonts) -> str:
    symbol = PDF_SYMBOLS[status]
    return f"{symbol} {status.label}" if has_glyph(fonts, symbol) else status.label


def has_glyph(fonts: Fonts, char: str) -> bool:
    from reportlab.pdfbase import pdfmetrics

    if not fonts.embedded:  # the STSong-Light CID font covers the GB charset
        return True
    return ord(char) in pdfmetrics.getFont(fonts.body).face.charToGlyph


def make_styles(fonts: Fonts) -> Styles:
    body, title = fonts.body, fonts.title

    def style(name: str, **kw: object) -> ParagraphStyle:
        kw.setdefault("fontName", body)
        kw.setdefault("wordWrap", "CJK")
        return ParagraphStyle(name, **kw)  # type: ignore[arg-type]

    return Styles(
        fonts=fonts,
        title=style("title", fontName=title, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=8),
        subtitle=style("subtitle", fontSize=11, leading=16, alignment=TA_CENTER, textColor=colors.HexColor("#444444")),
        h1=style("h1", keepWithNext=1, fontName=title, fontSize=15, leading=24, spaceBefore=10, spaceAfter=4),
        h2=style("h2", keepWithNext=1, fontName=title, fontSize=13, leading=22, spaceBefore=6, spaceAfter=2, firstLineIndent=26),
        body=style("body", fontSize=13, leading=23, firstLineIndent=26, alignment=TA_JUSTIFY, spaceAfter=2),
        plain=style("plain", fontSize=11, leading=17, alignment=TA_LEFT),
        signature=style("signature", fontSize=13, leading=23, alignment=TA_RIGHT),
        cell=style("cell", fontSize=9, leading=12),
        cell_head=style("cell_head", fontName=title, fontSize=9, leading=12, alignment=TA_CENTER),
        cell_small=style("cell_small", fontSize=8, leading=10.5, textColor=colors.HexColor("#333333")),
        caption=style("caption", keepWithNext=1, fontName=title, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4),
    )
