"""Minutes written by hand, as a secretary's Word files are: built in the test with python-docx."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document


def lines_docx(path: Path, lines: list[str]) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def table_docx(path: Path, title: str, rows: list[tuple[str, ...]], after: Sequence[str] = ()) -> Path:
    doc = Document()
    doc.add_paragraph(title)
    table = doc.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = value
        if len(row) == 1:  # a content row spanning the table
            cells[0].merge(cells[-1])
    for line in after:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def hand_made_folder(folder: Path) -> Path:
    folder.mkdir()
    lines_docx(folder / "党支部9月第一次集中学习.docx", [
        "某某县财政局机关党支部", "9月第一次集中学习",
        "时间：2026年9月3日下午2:30—4:30", "地点:局三楼会议室",
        "主 持 人：王建国　　记录人：李秀兰", "应到：15人   实到：13人",
        "缺席人员及原因：许静（下乡调研）；郑军（年休假）",
        "参会人员：王建国、李秀兰、陈志强", "议题：一、学习习近平总书记重要讲话精神（第一议题）",
        "会议内容：", "王建国传达学习了讲话精神。", "主持人：请大家交流。", "陈志强：谈了三点体会。",
        "主持人（签名）：　　　记录人（签名）：",
    ])
    table_docx(folder / "10月支委会.docx", "支部委员会会议记录", [
        ("会议名称", "10月支委会：研究发展党员工作", "", ""),
        ("时间", "2026年10月9日上午9:00-11:00", "地点", "局三楼会议室"),
        ("主持人", "王建国", "记录人：", "李秀兰"),
        ("应到人数", "5人", "实到人数", "5人"),
        ("缺席人员及原因", "无", "", ""),
        ("会议内容",),
        ("讨论确定发展对象2名，报上级党组织审批。",),
    ])
    return folder


def unit_template(path: Path) -> Path:
    """A unit's own template as Word makes one: 宋体 小四 body, a label | value table wider than A4's text."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    doc.add_paragraph("{{ 支部 }}支委会记录（本单位样式）")
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    for label, value in (("会议名称", "{{ 会议名称 }}"), ("主持人", "{{ 主持人 }}"), ("会议内容", "{{ 会议内容 }}")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for col in table.columns:
        col.width = Mm(90)
    grid = table._tbl.tblGrid
    for col in grid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), str(round(90 * 56.7)))
    doc.save(str(path))
    return path
