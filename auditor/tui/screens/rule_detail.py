"""规则详情: the duty, its source, every window with status and evidence, what is missing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from auditor.engine.assessment import RuleResult, Status, WindowResult, fmt
from auditor.engine.words import severity_word
from auditor.errors import AuditorError
from auditor.model import Record, Rectification
from auditor.periods import GRANULARITY_LABELS
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.text import progress, short_date, status_text


class RuleDetailScreen(AuditorScreen):
    AUTO_FOCUS = "#detail"
    SCREEN_TITLE = "规则详情"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "返回", key_display="Esc"),
        Binding("left_square_bracket", "shift_period(-1)", "上一期", key_display="["),
        Binding("right_square_bracket", "shift_period(1)", "下一期", key_display="]"),
        Binding("r", "rectify", "登记整改"),
    ]

    def __init__(self, rule_id: str) -> None:
        super().__init__()
        self.rule_id = rule_id

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with VerticalScroll(id="detail"):
            yield Static(id="detail-body")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#detail", VerticalScroll).focus()

    def refresh_view(self) -> None:
        try:
            result = self.auditor.assessment().result(self.rule_id)
        except KeyError:
            self.query_one("#detail-body", Static).update(f"当前规则中没有 {self.rule_id}。")
            return
        from auditor.engine.rectification import for_rule

        store = self.auditor.session.store
        records = {r.id: r for r in store.records()}
        vocab = self.auditor.session.vocabulary
        items = for_rule(store.rectifications(), self.rule_id)
        self.query_one("#detail-body", Static).update(
            render_detail(result, records, vocab.label, self.auditor.as_of, items)
        )

    def show_unavailable(self, error: AuditorError) -> None:
        self.query_one("#detail-body", Static).update(Text(f"无法读取数据：{error.msg}", style="bold red"))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_shift_period(self, steps: int) -> None:
        self.auditor.shift_period(steps)

    def action_rectify(self) -> None:
        """A new 整改事项 for this rule: its worst window's finding as the problem."""
        from auditor import actions
        from auditor.tui.screens.rectify import open_rectification_form

        app = self.auditor
        draft = app.attempt(lambda: actions.draft_rectification(app.session, self.rule_id, app.period, app.as_of))
        if draft is not None:
            open_rectification_form(app, initial=draft)


def render_detail(
    r: RuleResult, records: dict[str, Record], label: Callable[[str], str], as_of: dt.date,
    rectifications: Sequence[Rectification] = (),
) -> RenderableType:
    head = Text()
    head.append(r.title, style="bold")
    head.append("  ")
    head.append_text(status_text(r.status, r.word))
    parts: list[RenderableType] = [head, _facts(r, as_of), Text(""), _windows(r, as_of)]
    missing = _missing(r, records, as_of)
    if missing is not None:
        parts.append(missing)
    if rectifications:  # the 整改台账 items that answer this rule (8 opens the ledger)
        parts.append(_rectifications(rectifications, as_of))
    parts.append(Text(""))
    parts.append(_evidence(r, records, label))
    return Group(*parts)


def _facts(r: RuleResult, as_of: dt.date) -> Table:
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("要求", r.description or "-")
    facts.add_row("依据", r.source or "-")
    facts.add_row("类别", f"{severity_word(r.severity)}（{r.pack_title}）")
    facts.add_row("检查周期", GRANULARITY_LABELS.get(r.per, r.per))  # type: ignore[call-overload]
    facts.add_row("实际/要求", progress(r.actual, r.required))
    facts.add_row("下一截止", due_text(r.due, as_of))
    if r.deduction:
        facts.add_row("扣分", fmt(r.deduction))
    facts.add_row("结论", r.message)
    return facts


def _windows(r: RuleResult, as_of: dt.date) -> Table:
    windows = Table(title="各时段", title_justify="left", expand=True, box=None, header_style="bold underline")
    windows.add_column("时段", no_wrap=True)
    windows.add_column("状态", no_wrap=True)
    windows.add_column("实际/要求", no_wrap=True, justify="right")
    windows.add_column("截止", no_wrap=True)
    windows.add_column("说明", overflow="fold", ratio=1)
    for w in r.windows:
        windows.add_row(
            w.label, status_text(w.status, w.word), progress(w.actual, w.required),
            short_date(w.due or (w.end if w.status in _OPEN else None), as_of), w.message,
        )
    return windows


def _missing(r: RuleResult, records: dict[str, Record], as_of: dt.date) -> Text | None:
    """还缺什么: per short window, the records that do not qualify or the amount still missing."""
    missing = [w for w in r.windows if w.status in _SHORT and (_gap(w) > 0 or w.failing)]
    if not missing:
        return None
    gap = Text("\n还缺什么", style="bold")
    for w in missing:
        line = f"\n  {w.label}（截止 {short_date(w.due or w.end, as_of)}）："
        if w.failing:
            line += f"不符合要求的记录：{'、'.join(_title(records, rid) for rid in w.failing)}"
        else:
            line += f"还差 {fmt(_gap(w))}"
        gap.append(line)
    return gap


def _rectifications(items: Sequence[Rectification], as_of: dt.date) -> Text:
    fix = Text("\n整改事项", style="bold")
    for it in items:
        late = f"，超期{(as_of - it.deadline).days}天" if it.overdue(as_of) else ""
        window = f"{it.window} " if it.window else ""
        fix.append(f"\n  {it.id} {window}{it.problem}：{it.measure}（{it.responsible}，"
                   f"时限 {short_date(it.deadline, as_of)}，{it.status}{late}）",
                   style="bold red" if late else "")
    return fix


def _evidence(r: RuleResult, records: dict[str, Record], label: Callable[[str], str]) -> RenderableType:
    evidence = Table(title="佐证记录（按时段）", title_justify="left", expand=True, box=None,
                     header_style="bold underline")
    for name in ("时段", "编号", "日期", "类型"):
        evidence.add_column(name, no_wrap=True)
    evidence.add_column("主题", overflow="fold", ratio=1)
    for w in r.windows:
        for i, rid in enumerate(w.evidence):
            rec = records.get(rid)
            when = w.label if i == 0 else ""
            if rec is None:
                evidence.add_row(when, rid, "", "", "（记录已删除）")
            else:
                evidence.add_row(when, rid, rec.date.isoformat(), label(rec.kind), rec.title)
    return evidence if evidence.row_count else Text("佐证记录：本期尚无", style="dim")


_OPEN = (Status.ON_TRACK, Status.AT_RISK, Status.OVERDUE)
_SHORT = (Status.NOT_MET, Status.OVERDUE, Status.AT_RISK, Status.ON_TRACK)


def _gap(w: WindowResult) -> float:
    """What is still missing in a window: the recorded shortfall, or required minus actual."""
    return w.shortfall or max(0.0, w.required - w.actual)


def _title(records: dict[str, Record], rid: str) -> str:
    rec = records.get(rid)
    return f"{rec.date.isoformat()}“{rec.title}”" if rec else rid


def due_text(due: dt.date | None, as_of: dt.date) -> str:
    """2026年12月31日 星期四（39天后到期）, or - when nothing is due."""
    if due is None:
        return "-"
    from auditor.textfmt import due_phrase, long_date

    return f"{long_date(due)}（{due_phrase(due, as_of)}）"
