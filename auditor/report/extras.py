"""Appendices for explanations (情况说明) and members' attendance (党员参加组织生活情况).

Explanations are listed with their reasons, approver and validity, so a reader sees
why a window shows 已说明. The attendance table appears only when the unit keeps a
roster and its records list who attended; it shows what the genre needs (name, role,
party cell, counts, consecutive months absent) and nothing else from the roster.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from auditor.engine.attendance import AttendanceRow
from auditor.model import Waiver
from auditor.report.data import ReportData
from auditor.report.styles import Styles
from auditor.report.tables import _grid, _widths, wrapped


def relevant_waivers(data: ReportData) -> list[Waiver]:
    """Explanations of rules in the report that could bear on its period, approved by as_of.

    A standing explanation (no window) bears on the period only if its validity, from
    approval to expiry, overlaps it: the same test the engine applies per window.
    """
    rules = {r.rule for r in data.assessment.results}
    out = []
    for w in data.waivers:
        if w.rule not in rules or w.approved_on > data.as_of:
            continue
        if w.window and not _overlaps(w.window, data):
            continue
        if not w.window and not w.covers_span(data.period.start, data.period.end):
            continue  # a standing explanation valid only outside this period
        out.append(w)
    return out


def _overlaps(window: str, data: ReportData) -> bool:
    from auditor.periods import parse_period

    try:
        p = parse_period(window)
    except Exception:  # a stored value the parser no longer accepts: show it rather than hide it
        return True
    return p.start <= data.period.end and data.period.start <= p.end


def waiver_appendix(data: ReportData, st: Styles, title: str) -> list[Flowable]:
    items = relevant_waivers(data)
    if not items:
        return []
    titles = {r.rule: r.title for r in data.assessment.results}
    widths = _widths(0.2, 0.11, 0.37, 0.16, 0.16)
    font = st.fonts.body
    rows: list[list[Any]] = [["规则", "时段", "理由", "批准", "有效期"]]
    for w in items:
        validity = f"至{w.expires.isoformat()}" if w.expires else "长期"
        rows.append([
            wrapped(titles.get(w.rule, w.rule), widths[0], font),
            wrapped(w.window or "全部时段", widths[1], font),
            wrapped(w.reason, widths[2], font),
            wrapped(f"{w.approved_by}\n{w.approved_on.isoformat()}", widths[3], font),
            wrapped(f"{validity}\n（{w.state(data.as_of)}）", widths[4], font),
        ])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(_grid(st)))
    note = ("被说明的时段在附件1中显示为“已说明”，不计为未完成；情况说明到期后不再适用，"
            "到期后的时段照常检查。")
    return [st.p(title, st.h1), st.p(note, st.plain), Spacer(1, 2), table]


def attendance_appendix(data: ReportData, st: Styles, title: str) -> list[Flowable]:
    rows_in = [r for r in data.attendance if r.expected or r.streak.months]
    if not rows_in:
        return []
    widths = _widths(0.13, 0.13, 0.14, 0.09, 0.09, 0.09, 0.09, 0.09, 0.15)
    font = st.fonts.body
    rows: list[list[Any]] = [["姓名", "职务", "党小组", "应参加", "参加", "请假", "无故缺席", "出勤率", "连续未参加"]]
    for r in rows_in:
        rows.append([
            wrapped(r.member.name, widths[0], font), r.member.role, wrapped(r.member.cell, widths[2], font),
            str(r.expected), str(r.attended), str(r.excused), str(r.unexcused),
            f"{r.rate:.0%}" if r.rate is not None else "—", _streak(r),
        ])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(_grid(st) + [("ALIGN", (3, 1), (7, -1), "RIGHT")]))
    note = (f"只统计{data.period.label}内填写了参会人员的组织生活记录（截至{data.as_of.isoformat()}）；"
            f"“连续未参加”按已结束的月份计，括注请假的为请假或外出并注明理由。")
    return [st.p(title, st.h1), st.p(note, st.plain), Spacer(1, 2), table]


def _streak(r: AttendanceRow) -> str:
    s = r.streak
    if not s.months:
        return ""
    return f"{s.months}个月" + ("（请假）" if s.excused else "")
