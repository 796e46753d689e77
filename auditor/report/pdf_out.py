"""Lay the document model out as a PDF in the GB/T 9704 layout (ReportLab).

Loaded only when a PDF is written. Body text is Paragraphs (escaped, with fallback faces
for missing characters); table cells are plain strings broken to the column width
(fast on thousands of rows) unless they need a fallback face.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from auditor.report.charts import activity_chart
from auditor.report.doc import Chart, Para, ReportDoc, zh_date
from auditor.report.doc import Table as DocTable
from auditor.report.fonts import Fonts
from auditor.report.glyphs import Glyphs
from auditor.report.pdf_para import ZhParagraph, wrap_plain
from auditor.report.styles import (
    CELL_LEADING,
    CELL_SIZE,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_TOP,
    NUMBER_SIZE,
    PAGE,
    Styles,
    make_styles,
)

Progress = Callable[[str, float], None]
GRID = colors.HexColor("#555555")
HEADER_BG = colors.HexColor("#eeeeee")
PAD = 3


def render_pdf(doc: ReportDoc, fonts: Fonts, *, reproducible: bool, progress: Progress) -> tuple[bytes, str]:
    """The PDF bytes and a warning line about characters no font could draw ('' if none)."""
    st = make_styles(fonts)
    glyphs = Glyphs(fonts)
    progress("正在排版正文", 0.6)
    story = [f for b in doc.body for f in _flow(b, st, glyphs)]
    sig = doc.signature
    story.append(KeepTogether([story.pop(), Spacer(1, 3 * 28.95),
                               _para(sig.name, st, "signature", glyphs, "落款"),
                               _para(zh_date(sig.day), st, "signature", glyphs)]))
    progress("正在排版附件", 0.75)
    for annex in doc.annexes:
        story += [PageBreak(), _para(annex.label, st, "annex", glyphs), _para(annex.title, st, "title", glyphs)]
        story += [f for b in annex.blocks for f in _flow(b, st, glyphs)]
    buf = io.BytesIO()
    template = BaseDocTemplate(
        buf, pagesize=PAGE, leftMargin=MARGIN_LEFT, rightMargin=PAGE[0] - MARGIN_LEFT - FRAME_WIDTH,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=doc.title[:200], author=doc.author[:200],
        subject=doc.subject[:200], creator="auditor", lang="zh-CN", invariant=1 if reproducible else 0,
        initialFontName=fonts.body,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0, id="text")
    template.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number(fonts))])
    progress("正在生成文件", 0.85)
    template.build(story)
    return buf.getvalue(), glyphs.warning()


def _flow(block: object, st: Styles, glyphs: Glyphs) -> list[Flowable]:
    if isinstance(block, Para):
        return [_para(block.text, st, block.role, glyphs, block.origin)]
    if isinstance(block, DocTable):
        return _table(block, st, glyphs)
    if isinstance(block, Chart):
        return [Spacer(1, 6), activity_chart(block, st.fonts.body, FRAME_WIDTH)]
    raise TypeError(block)


def _para(text: str, st: Styles, role: str, glyphs: Glyphs, origin: str = "") -> Paragraph:
    style = st.role(role)
    return ZhParagraph(glyphs.markup(text, style.fontName, origin), style)


def _table(t: DocTable, st: Styles, glyphs: Glyphs) -> list[Flowable]:
    widths = [FRAME_WIDTH * f for f in t.widths]
    body, head = st.fonts.body, st.fonts.heiti
    rows: list[list[Any]] = [[wrap_cell(h, w, head) for h, w in zip(t.header, widths, strict=True)]]
    for row in t.rows:
        rows.append([_cell(text, w, st, glyphs, row.origin) for text, w in zip(row.cells, widths, strict=True)])
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), body, CELL_SIZE, CELL_LEADING),
        ("FONT", (0, 0), (-1, 0), head, CELL_SIZE, CELL_LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *((side, (0, 0), (-1, -1), PAD) for side in ("TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")),
        *(("ALIGN", (c, 1), (c, -1), "RIGHT") for c in t.right),
    ]
    table.setStyle(TableStyle(cmds))
    # The caption is keepWithNext: it never ends a page without the table's first rows.
    return [_para(t.caption, st, "caption", glyphs), table] if t.caption else [table]


def _cell(text: str, width: float, st: Styles, glyphs: Glyphs, origin: str) -> Any:
    if glyphs.has_all(text, st.fonts.body):
        return wrap_cell(text, width, st.fonts.body)
    return ZhParagraph(glyphs.markup(text, st.fonts.body, origin), st.cell)


def wrap_cell(text: str, width: float, font: str) -> str:
    """Plain cell text broken into lines that fit the column, by the Chinese rules."""
    return wrap_plain(text, width - 2 * PAD, font, CELL_SIZE)


def _page_number(fonts: Fonts) -> Callable[[Canvas, Any], None]:
    """— 1 —, 4号宋体, 7 mm below the text block: right on odd pages, left on even ones."""
    def draw(canvas: Canvas, _doc: Any) -> None:
        n = canvas.getPageNumber()
        text = f"— {n} —"
        y = MARGIN_BOTTOM - 7 * mm - NUMBER_SIZE * 0.8
        canvas.saveState()
        canvas.setFont(fonts.songti, NUMBER_SIZE)
        if n % 2:
            canvas.drawRightString(MARGIN_LEFT + FRAME_WIDTH - NUMBER_SIZE, y, text)
        else:
            canvas.drawString(MARGIN_LEFT + NUMBER_SIZE, y, text)
        canvas.restoreState()

    return draw
