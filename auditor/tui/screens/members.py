"""名册: the roster with each member's attendance over the period on screen; add and edit."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from auditor import actions
from auditor.engine.attendance import AttendanceRow, attendance_table, org_life_kinds, unnamed_records
from auditor.errors import AuditorError
from auditor.forms import MEMBER
from auditor.model import Member
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.screens.item_form import ItemForm
from auditor.tui.text import clip


class MembersScreen(AuditorScreen):
    DEFAULT_CSS = """
    #members-summary { height: auto; padding: 0 1; }
    #members { height: 1fr; }
    #member-detail { height: 3; padding: 0 1; border-top: solid $primary-darken-2; }
    """
    AUTO_FOCUS = "#members"
    SCREEN_TITLE = "名册"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "新增党员"),
        Binding("e", "edit", "修改"),
        Binding("enter", "edit", "修改", key_display="回车", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, AttendanceRow] = {}
        self.members: dict[str, Member] = {}
        self.months = 6
        """The absence the unit's rule flags (member.six-month-absence), read on refresh."""
        self.unnamed = 0
        """Records of the period that name nobody, so the table could not use them."""

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        yield Static(id="members-summary")
        table: DataTable[str | Text] = DataTable(id="members", cursor_type="row")
        yield table
        yield Static(id="member-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.table
        for label, key in (("姓名", "name"), ("职务", "role"), ("党小组", "cell"), ("状态", "status"),
                           ("应参加", "expected"), ("参加", "attended"), ("请假", "excused"),
                           ("无故", "unexcused"), ("连续未参加", "streak")):
            table.add_column(label, key=key)
        table.focus()

    @property
    def table(self) -> DataTable[str | Text]:
        return self.query_one("#members", DataTable)

    def refresh_view(self) -> None:
        app = self.auditor
        session = app.session
        members = session.store.members()
        self.members = {m.id: m for m in members}
        kinds = org_life_kinds(session.ruleset.rules)
        rows = attendance_table(members, session.store.records(), app.period, app.as_of, kinds=kinds)
        self.unnamed = unnamed_records(session.store.records(), app.period, app.as_of, kinds)
        self.months = actions.absence_months(session)
        self.rows = {r.member.id: r for r in rows}
        table = self.table
        keep = self.selected_id()
        table.clear()
        for m in members:
            r = self.rows.get(m.id)
            cells: list[str | Text] = [clip(m.name, 10), m.role, m.cell, _status(m)]
            if r is None:  # off the roll: no attendance is expected
                cells += ["", "", "", "", ""]
            else:
                cells += [str(r.expected), str(r.attended), str(r.excused), str(r.unexcused),
                          _streak(r, self.months)]
            table.add_row(*cells, key=m.id)
        if keep in self.members:
            table.move_cursor(row=table.get_row_index(keep))
        self.query_one("#members-summary", Static).update(self._summary(members))
        self._show_detail()

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

    def show_unavailable(self, error: AuditorError) -> None:
        self.table.clear()
        self.query_one("#members-summary", Static).update(Text(f"无法读取数据：{error.msg}", style="bold red"))

    def selected_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#members")
    def _show_detail(self) -> None:
        mid = self.selected_id()
        box = self.query_one("#member-detail", Static)
        if mid is None or mid not in self.members:
            box.update("")
            return
        m = self.members[mid]
        parts = [f"{m.id} {m.name}", f"入党日期 {m.joined.isoformat()}" if m.joined else ""]
        if m.groups:
            parts.append("所在组织 " + "、".join(m.groups))
        r = self.rows.get(mid)
        if r is not None:
            parts.append(f"最近参加 {r.last_attended.isoformat()}" if r.last_attended else "本期前后未见参加记录")
            if r.streak.months:
                parts.append(f"连续{r.streak.months}个月未参加（{r.streak.reason_text}）")
        if m.note:
            parts.append(m.note)
        box.update("　".join(p for p in parts if p))

    def action_add(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        mid = self.selected_id()
        if mid is None:
            self.notify("没有选中的党员。", severity="warning", timeout=3)
            return
        self._open(self.members[mid])

    def _open(self, member: Member | None) -> None:
        app = self.auditor

        def save(values: dict[str, str]) -> str:
            if member is None:
                return actions.add_member(app.session, values, app.as_of).id
            return actions.edit_member(app.session, member.id, values, app.as_of)[1].id

        title = "新增党员" if member is None else f"修改党员  {member.id}（{member.name}）"
        self.app.push_screen(ItemForm(title, MEMBER, MEMBER.values(member) if member else {}, save))


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
