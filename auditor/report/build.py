"""Assemble the PDF: title and header block, summary and chart, body, appendices.

Loaded only by ``write_report`` so that importing ``auditor.report`` stays light.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from auditor.report import narrative
from auditor.report.charts import activity_chart
from auditor.report.data import REPORT_NAME, ReportData
from auditor.report.fonts import Fonts
from auditor.report.styles import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    Styles,
    esc,
    make_styles,
    status_word,
)
from auditor.report.tables import evidence_tables, header_block, rules_table, tally_table

Progress = Callable[[str, float], None]


def render_pdf(data: ReportData, fonts: Fonts, *, reproducible: bool, progress: Progress) -> bytes:
    st = make_styles(fonts)
    progress("正在撰写正文", 0.55)
    story = _front(data, st) + _body(data, st)
    progress("正在生成附表", 0.7)
    story += _appendices(data, st)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=data.title,
        author=data.profile.secretary or data.unit,
        subject=f"{data.unit} {data.period.label} 自查报告",
        creator="auditor",
        lang="zh-CN",
        invariant=1 if reproducible else 0,
        initialFontName=fonts.body,  # otherwise the canvas starts in Helvetica, unembedded
    )
    progress("正在排版", 0.8)
    doc.build(story, canvasmaker=_canvas_class(data, fonts))
    return buf.getvalue()


def _front(data: ReportData, st: Styles) -> list[Any]:
    out: list[Any] = [
        Paragraph(f"{esc(data.unit)}<br/>{esc(data.period.label)}{esc(REPORT_NAME)}", st.title),
        st.p(f"（截至{data.as_of.year}年{data.as_of.month}月{data.as_of.day}日）", st.subtitle),
        Spacer(1, 6 * mm),
        header_block(data, st),
        Spacer(1, 5 * mm),
        st.p("自查概况", st.h1),
        st.p(narrative.summary(data)),
        Spacer(1, 2 * mm),
        tally_table(data, st),
        Spacer(1, 4 * mm),
        activity_chart(data, st.fonts.body),
        Spacer(1, 4 * mm),
        st.p(narrative.opening(data)),
    ]
    return out


def _body(data: ReportData, st: Styles) -> list[Any]:
    out: list[Any] = []
    for section in narrative.body(data):
        out.append(st.p(section.heading, st.h1))
        out.extend(st.p(text) for text in section.paragraphs)
        for sub in section.subsections:
            out.append(st.p(sub.heading, st.h2))
            out.extend(st.p(text) for text in sub.paragraphs)
    # The signature never stands alone on a page: it travels with the last paragraph.
    last = out.pop()
    out.append(KeepTogether([
        last,
        Spacer(1, 10 * mm),
        st.p(data.unit, st.signature),
        st.p(f"{data.as_of.year}年{data.as_of.month}月{data.as_of.day}日", st.signature),
    ]))
    return out


def _appendices(data: ReportData, st: Styles) -> list[Any]:
    return [
        PageBreak(),
        st.p("附件1：各项规则落实情况表", st.h1),
        st.p("状态用文字和符号一并标明，黑白打印时同样可辨：" + "　".join(
            status_word(s, st.fonts) for s in narrative.TALLY_ORDER) + "。", st.plain),
        Spacer(1, 2 * mm),
        rules_table(data, st),
        PageBreak(),
        st.p("附件2：佐证材料清单", st.h1),
        st.p("按规则列出检查时计入的活动记录（出席为实到/应到人数）。", st.plain),
        *evidence_tables(data, st),
        *_extra_appendices(data, st, first=3),
    ]


def _extra_appendices(data: ReportData, st: Styles, first: int) -> list[Any]:
    """情况说明 and 党员参加组织生活情况, each only when there is something to show."""
    from auditor.report.extras import attendance_appendix, waiver_appendix

    out: list[Any] = []
    n = first
    for make, name in ((waiver_appendix, "情况说明"), (attendance_appendix, "党员参加组织生活情况")):
        part = make(data, st, f"附件{n}：{name}")
        if part:
            out += [PageBreak(), *part]
            n += 1
    return out


def _canvas_class(data: ReportData, fonts: Fonts) -> type[Canvas]:
    """A canvas that knows the page count before drawing headers and footers (第X页 共Y页)."""
    unit, title, generated = data.unit, f"{data.period.label}{REPORT_NAME}", data.generated

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = PAGE
            self.saveState()
            self.setStrokeGray(0.4)
            self.setLineWidth(0.5)
            self.setFont(fonts.body, 8.5)
            top = height - MARGIN_TOP + 7 * mm
            self.drawString(MARGIN_X, top + 2, unit)
            self.drawRightString(width - MARGIN_X, top + 2, _clip(title, 40))
            self.line(MARGIN_X, top, width - MARGIN_X, top)
            bottom = MARGIN_BOTTOM - 9 * mm
            self.line(MARGIN_X, bottom + 10, width - MARGIN_X, bottom + 10)
            self.drawString(MARGIN_X, bottom, f"生成时间：{generated}")
            self.drawRightString(width - MARGIN_X, bottom, f"第 {self._pageNumber} 页  共 {total} 页")
            self.restoreState()

    return NumberedCanvas


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
