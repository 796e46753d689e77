"""名册: the roster with each member's attendance over the period on screen; add and edit."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from auditor import actions
from auditor.engine.attendance import AttendanceRow, attendance_table, org_life_kinds, unnamed_records
from auditor.forms import MEMBER
from auditor.model import Member
from auditor.tui.screens.item_form import open_item_form
from auditor.tui.screens.ledger import LedgerScreen, item_bindings
from auditor.tui.text import clip


class MembersScreen(LedgerScreen):
    TABLE_ID, HEAD_ID, FOOT_ID = "members", "members-summary", "member-detail"
    COLUMNS = (("姓名", "name"), ("职务", "role"), ("党小组", "cell"), ("状态", "status"), ("应参加", "expected"),
               ("参加", "attended"), ("请假", "excused"), ("无故", "unexcused"), ("连续未参加", "streak"))
    SCREEN_TITLE = "名册"
    ITEM_NAME = "党员"
    BINDINGS: ClassVar[list[BindingType]] = item_bindings("新增党员")

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, AttendanceRow] = {}
        self.items: dict[str, Member] = {}
        self.months = 6
        """The absence the unit's rule flags (member.six-month-absence), read on refresh."""
        self.unnamed = 0
        """Records of the period that name nobody, so the table could not use them."""

    def refresh_view(self) -> None:
        app = self.auditor
        session = app.session
        members = session.store.members()
        self.items = {m.id: m for m in members}
        kinds = org_life_kinds(session.ruleset.rules)
        records = session.store.records()
        rows = attendance_table(members, records, app.period, app.as_of, kinds=kinds)
        self.unnamed = unnamed_records(records, app.period, app.as_of, kinds)
        self.months = actions.absence_months(session)
        self.rows = {r.member.id: r for r in rows}
        self.fill((m.id, self._cells(m)) for m in members)
        self.say(self.HEAD_ID, self._summary(members))
        self.show_detail()

    def _cells(self, m: Member) -> list[str | Text]:
        cells: list[str | Text] = [clip(m.name, 10), m.role, m.cell, _status(m)]
        r = self.rows.get(m.id)
        if r is None:  # off the roll: no attendance is expected
            return [*cells, "", "", "", "", ""]
        return [*cells, str(r.expected), str(r.attended), str(r.excused), str(r.unexcused),
                _streak(r, self.months)]

    def _summary(self, members: list[Member]) -> Text:
        if not members:
            return Text("名册是空的：按 a 新增党员，或在命令行运行 auditor member import 名册.xlsx 导入。",
                        style="yellow")
        on_roll = sum(1 for m in members if m.on_roll)
        flagged = [r.member.name for r in self.rows.values()
                   if r.streak.months >= self.months and not r.streak.excused]
        unused = f"，{self.unnamed}条未写参会人员的记录未计入" if self.unnamed else ""
        text = Text(f"{self.auditor.period.label}　在册 {on_roll} 人（只统计写明参会或缺席人员的记录{unused}）")
        if flagged:
            text.append(f"　无正当理由连续{self.months}个月以上未参加组织生活：{'、'.join(flagged)}",
                        style="bold red")
        return text

    def show_detail(self) -> None:
        mid = self.selected_id()
        m = self.items.get(mid or "")
        if m is None:
            self.say(self.FOOT_ID, "")
            return
        parts = [f"{m.id} {m.name}", f"入党日期 {m.joined.isoformat()}" if m.joined else ""]
        if m.groups:
            parts.append("所在组织 " + "、".join(m.groups))
        r = self.rows.get(m.id)
        if r is not None:
            parts.append(f"最近参加 {r.last_attended.isoformat()}" if r.last_attended else "本期前后未见参加记录")
            if r.streak.months:
                parts.append(f"连续{r.streak.months}个月未参加（{r.streak.reason_text}）")
        if m.note:
            parts.append(m.note)
        self.say(self.FOOT_ID, "　".join(p for p in parts if p))

    def open_form(self, member: Member | None) -> None:
        title = "新增党员" if member is None else f"修改党员  {member.id}（{member.name}）"
        open_item_form(self.auditor, title, MEMBER, member, actions.add_member, actions.edit_member)


def _status(m: Member) -> Text:
    style = "dim" if not m.on_roll else "yellow" if m.away else ""
    return Text(m.status, style=style)


def _streak(r: AttendanceRow, months: int) -> Text:
    s = r.streak
    if not s.months:
        return Text("")
    if s.excused:
        return Text(f"{s.months}个月（请假）", style="yellow")
    style = "bold red" if s.months >= months else "yellow" if s.months >= months - 1 else ""
    return Text(f"{s.months}个月", style=style)
