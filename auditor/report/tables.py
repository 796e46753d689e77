"""Tables of the report: the header block, the status tally and the two appendices.

Every cell is a Paragraph (plain strings do not wrap Chinese), every long table repeats
its header row on each page, and every piece of user text goes through ``esc``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from auditor.engine.assessment import RuleResult, Status
from auditor.engine.checks.common import fmt
from auditor.model import Record
from auditor.report.data import ReportData
from auditor.report.narrative import TALLY_ORDER
from auditor.report.styles import FRAME_WIDTH, GRID, HEADER_BG, STATUS_COLOURS, Styles, status_word


def _grid(st: Styles, header_rows: int = 1) -> list[tuple[Any, ...]]:
    # Short fixed-form cells (dates, counts, statuses) are plain strings drawn in this
    # font: a Paragraph per cell is what makes long tables slow.
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), st.fonts.body, 8.5, 11),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        last = header_rows - 1
        cmds += [
            ("BACKGROUND", (0, 0), (-1, last), HEADER_BG),
            ("FONT", (0, 0), (-1, last), st.fonts.title, 9, 12),
            ("ALIGN", (0, 0), (-1, last), "CENTER"),
        ]
    return cmds


CELL_SIZE = 8.5
CELL_PAD = 6  # LEFTPADDING + RIGHTPADDING


def wrapped(text: str, width: float, font: str, size: float = CELL_SIZE) -> str:
    """Text broken into lines that fit a cell, for a plain-string cell.

    Plain strings are not markup (nothing to escape) and cost almost nothing to lay
    out; a Paragraph per cell made a 3,000-record appendix take many seconds, since
    every page split measures the rest of the table again. ReportLab's own CJK
    splitter keeps closing punctuation off the start of a line.
    """
    return _wrapped(text.replace("\r", ""), round(width - CELL_PAD, 1), font, size)


@lru_cache(maxsize=8192)
def _wrapped(text: str, width: float, font: str, size: float) -> str:
    from reportlab.lib.textsplit import wordSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for part in text.split("\n") or [""]:
        if stringWidth(part, font, size) <= width:
            out.append(part)
        else:
            out.extend(line for _, line in wordSplit(part, width, font, size))
    return "\n".join(out)


def _widths(*fractions: float) -> list[float]:
    return [FRAME_WIDTH * f for f in fractions]


def header_block(data: ReportData, st: Styles) -> Table:
    p = data.profile
    period = data.period
    rows = [
        ("单位", p.unit_name or data.unit, "支部", p.branch_name or "—"),
        ("上级党组织", p.superior or "—", "报告人", f"支部书记 {p.secretary}" if p.secretary else "—"),
        ("报告期间", f"{period.label}（{period.start.isoformat()} 至 {period.end.isoformat()}）",
         "截至日期", data.as_of.isoformat()),
    ]
    cells = [[st.p(a, st.cell_head), st.p(b, st.cell), st.p(c, st.cell_head), st.p(d, st.cell)] for a, b, c, d in rows]
    t = Table(cells, colWidths=_widths(0.14, 0.46, 0.14, 0.26))
    cmds = _grid(st, 0) + [("BACKGROUND", (0, 0), (0, -1), HEADER_BG), ("BACKGROUND", (2, 0), (2, -1), HEADER_BG)]
    t.setStyle(TableStyle(cmds))
    return t


def tally_table(data: ReportData, st: Styles) -> Table:
    counts = data.assessment.counts()
    shown = [s for s in TALLY_ORDER if counts[s]]
    head = [status_word(s, st.fonts) for s in shown] + ["合计"]
    values = [str(counts[s]) for s in shown] + [str(len(data.assessment.results))]
    if data.assessment.score is not None:
        head.append("得分")
        values.append(fmt(data.assessment.score))
    n = len(head)
    t = Table([head, values], colWidths=[FRAME_WIDTH / n] * n)
    cmds = _grid(st, 0) + [("ALIGN", (0, 0), (-1, -1), "CENTER"), ("FONTSIZE", (0, 0), (-1, -1), 10)]
    for i, s in enumerate(shown):
        cmds += _status_style(0, s, col=i)
    cmds.append(("BACKGROUND", (len(shown), 0), (-1, 0), HEADER_BG))
    t.setStyle(TableStyle(cmds))
    return t


RULE_COLS = _widths(0.06, 0.22, 0.14, 0.1, 0.12, 0.36)
EVIDENCE_COLS = _widths(0.13, 0.15, 0.38, 0.12, 0.08, 0.14)


def rules_table(data: ReportData, st: Styles) -> Table:
    """附件1: every rule with its windows and status; a rule row, then its windows."""
    head = ["序号", "规则", "时段", "完成/要求", "状态", "说明"]
    rows: list[list[Flowable | str]] = [list(head)]
    cmds = _grid(st)
    n = 0
    for _pack, title, results in data.assessment.by_pack():
        rows.append([wrapped(title, FRAME_WIDTH, st.fonts.title, 9), "", "", "", "", ""])
        r_i = len(rows) - 1
        cmds += [
            ("SPAN", (0, r_i), (-1, r_i)), ("BACKGROUND", (0, r_i), (-1, r_i), colors.HexColor("#f5f5f5")),
            ("FONT", (0, r_i), (-1, r_i), st.fonts.title, 9, 12), ("ALIGN", (0, r_i), (-1, r_i), "CENTER"),
            ("NOSPLIT", (0, r_i), (-1, r_i + 1)),  # a pack's title row never ends a page
        ]
        for r in results:
            n += 1
            rows.append(_rule_row(n, r, data, st))
            cmds += _status_style(len(rows) - 1, r.status)
            if _show_windows(r):
                for w in r.windows:
                    message = w.message
                    if w.status is Status.WAIVED and w.waiver and w.waiver not in message:
                        message += f"（情况说明：{w.waiver}）"
                    rows.append([
                        "", "", w.label, _ratio(w.actual, w.required),
                        status_word(w.status, st.fonts), wrapped(message, RULE_COLS[5], st.fonts.body, 8),
                    ])
                    cmds += _status_style(len(rows) - 1, w.status)
                    cmds.append(("FONT", (2, len(rows) - 1), (-1, len(rows) - 1), st.fonts.body, 8, 10.5))
    t = Table(rows, colWidths=RULE_COLS, repeatRows=1, splitByRow=1)
    t.setStyle(TableStyle(cmds))
    return t


def _show_windows(r: RuleResult) -> bool:
    """Window rows add something unless there is one window, or all are alike and idle."""
    if len(r.windows) == 1:
        return r.windows[0].status is Status.WAIVED  # its reason is worth a row
    idle = (Status.PENDING, Status.NOT_APPLICABLE)
    return not (r.status in idle and all(w.status is r.status for w in r.windows))


def _rule_row(n: int, r: RuleResult, data: ReportData, st: Styles) -> list[Flowable | str]:
    advisory = "（建议）" if r.severity == "advisory" else ""
    name = wrapped(f"{r.title}{advisory}\n{r.rule}", RULE_COLS[1], st.fonts.body)
    scope = data.period.label if len(r.windows) != 1 else r.windows[0].label
    return [
        str(n), name, scope, _ratio(r.actual, r.required), status_word(r.status, st.fonts),
        wrapped(r.message, RULE_COLS[5], st.fonts.body),
    ]


def _status_style(row: int, status: Status, col: int = 4) -> list[tuple[Any, ...]]:
    ink, tint = STATUS_COLOURS[status]
    return [
        ("BACKGROUND", (col, row), (col, row), colors.HexColor(tint)),
        ("TEXTCOLOR", (col, row), (col, row), colors.HexColor(ink)),
    ]


def _ratio(actual: float, required: float) -> str:
    return f"{fmt(actual)}/{fmt(required)}"


def evidence_tables(data: ReportData, st: Styles) -> list[Flowable]:
    """附件2: for each rule, the records the engine counted, with failing ones marked."""
    out: list[Flowable] = []
    for i, r in enumerate(data.assessment.results, start=1):
        records = [data.by_id[rid] for rid in r.evidence if rid in data.by_id]
        failing = {rid for w in r.windows for rid in w.failing}
        caption = st.p(f"{i}. {r.title}（{r.status.label}，佐证材料{len(records)}份）", st.caption)
        if not records:
            out.append(KeepTogether([caption, st.p("本期间没有登记相应的活动记录。", st.plain)]))
            continue
        out.append(caption)
        out.append(evidence_table(records, failing, data, st))
    return out


def evidence_table(records: Sequence[Record], failing: set[str], data: ReportData, st: Styles) -> Table:
    head = ["日期", "类型", "主题", "主持人", "出席", "备注"]
    rows: list[list[Flowable | str]] = [list(head)]
    cmds = _grid(st)
    for rec in records:
        note = "不符合要求" if rec.id in failing else ""
        if rec.covers:
            note = "；".join(x for x in (note, f"所属期间 {rec.covers}") if x)
        font = st.fonts.body
        rows.append([
            rec.date.isoformat(), wrapped(data.vocabulary.label(rec.kind), EVIDENCE_COLS[1], font),
            wrapped(rec.title, EVIDENCE_COLS[2], font), wrapped(rec.host or "—", EVIDENCE_COLS[3], font),
            _attendance(rec), wrapped(note, EVIDENCE_COLS[5], font),
        ])
        if note.startswith("不符合"):
            cmds.append(("BACKGROUND", (5, len(rows) - 1), (5, len(rows) - 1),
                         colors.HexColor(STATUS_COLOURS[Status.NOT_MET][1])))
    t = Table(rows, colWidths=EVIDENCE_COLS, repeatRows=1, splitByRow=1)
    t.setStyle(TableStyle(cmds))
    return t


def _attendance(rec: Record) -> str:
    if rec.present is None and rec.expected is None:
        return "—"
    return f"{rec.present if rec.present is not None else '?'}/{rec.expected if rec.expected is not None else '?'}"
