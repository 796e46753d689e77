"""Lay the document model out as an editable Word document (python-docx, via word.py).

Every paragraph takes a named style; tables are Word tables; the chart, which Word
cannot get from python-docx as a native chart, becomes a table of the same figures.
"""

from __future__ import annotations

from auditor.report import word
from auditor.report.doc import Chart, Para, ReportDoc, Table

ROLES = {"title": word.TITLE, "addressee": word.ADDRESSEE, "h1": word.H1, "h2": word.H2, "h3": word.H3,
         "body": word.BODY, "note": word.NOTE, "annexes": word.ANNEX_LIST}


def render_docx(doc: ReportDoc) -> bytes:
    d = word.new_document(title=doc.title, author=doc.author)
    d.core_properties.subject = word.clean(doc.subject)[:250]
    for block in doc.body:
        _block(d, block)
    word.signature(d, doc.signature.name, doc.signature.day)
    for annex in doc.annexes:
        word.page_break(d)
        word.paragraph(d, annex.label, word.ANNEX)
        word.paragraph(d, annex.title, word.TITLE)
        for block in annex.blocks:
            _block(d, block)
    return word.to_bytes(d)


def _block(d: word.Document, block: object) -> None:
    if isinstance(block, Para):
        word.paragraph(d, block.text, ROLES[block.role])
    elif isinstance(block, Table):
        if block.caption:
            word.paragraph(d, block.caption, word.H3)
        word.table(d, block.header, [r.cells for r in block.rows], [f * word.TEXT_WIDTH_MM for f in block.widths],
                   right_aligned=block.right)
    elif isinstance(block, Chart):
        _chart_table(d, block)
    else:
        raise TypeError(block)


def _chart_table(d: word.Document, chart: Chart) -> None:
    word.paragraph(d, chart.title, word.H3)
    header = ("类别", *chart.months, "合计")
    rows = [(name, *(str(v) for v in values), str(sum(values))) for name, values in chart.series]
    totals = [sum(col) for col in zip(*(v for _, v in chart.series), strict=True)] if chart.series else []
    rows.append(("合计", *(str(v) for v in totals), str(sum(totals))))
    first = 30.0
    rest = (word.TEXT_WIDTH_MM - first) / (len(header) - 1)
    word.table(d, header, rows, [first, *([rest] * (len(header) - 1))], right_aligned=range(1, len(header)))
