"""报告: pick a period, a format (Word or PDF) and a body; write the 自查报告 in a worker thread."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from auditor import actions
from auditor.errors import AuditorError
from auditor.periods import Period, parse_period, period_of
from auditor.tui.screens.base import AuditorScreen
from auditor.tui.widgets.dialogs import ConfirmDialog


class ReportScreen(AuditorScreen):
    SCREEN_TITLE = "报告"
    AUTO_FOCUS = "#generate"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "generate", "生成报告", key_display="^g", priority=True),
        Binding("p", "edit_period", "改期间"),
        Binding("escape", "blur", "离开输入框", key_display="Esc", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame()
        with Vertical(id="report-box"):
            yield Static("生成自查报告：写明期间，选好格式后按“生成”（或 Ctrl+G）。", classes="report-intro")
            with Horizontal(classes="field-row"):
                yield Label("报告期间", classes="field-label")
                yield Input(id="report-period", placeholder="如 2026H1、2026H2、2026", compact=True)
            yield Static("", id="report-period-label", classes="field-hint")
            yield Static("", id="report-error", classes="field-error")
            with Horizontal(classes="field-row"):
                yield Label("保存到文件夹", classes="field-label")
                yield Input(id="report-folder", placeholder="报告保存的文件夹", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("格式", classes="field-label")
                with RadioSet(id="report-format", compact=True):
                    yield RadioButton("Word（可编辑）", value=True, id="fmt-docx", compact=True)
                    yield RadioButton("PDF", id="fmt-pdf", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("主体", classes="field-label")
                with RadioSet(id="report-body", compact=True):
                    yield RadioButton("支部自查报告", value=True, id="body-branch", compact=True)
                    yield RadioButton("党组工作情况报告", id="body-organ", compact=True)
            yield Checkbox("生成后登记为本期间的意识形态工作报告（报告文件作为佐证材料）", id="report-record",
                           compact=True)
            yield Static("", id="report-choice", classes="field-hint shown")
            with Horizontal(classes="form-buttons"):
                yield Button("生成", variant="primary", id="generate", compact=True)
            yield ProgressBar(total=1.0, show_eta=False, id="report-progress")
            yield Static("", id="report-status")
        yield from self.compose_footer()

    def action_blur(self) -> None:
        self.query_one("#generate", Button).focus()

    def action_edit_period(self) -> None:
        self.query_one("#report-period", Input).focus()

    def refresh_view(self) -> None:
        box = self.query_one("#report-period", Input)
        if not box.value:  # the half-year being looked at (a report never covers a quarter)
            period = self.auditor.period
            box.value = period.id if period.kind in ("half", "year") else period_of(period.start, "half").id
        box.suggester = SuggestFromList(actions.report_periods(self.auditor.as_of), case_sensitive=False)
        folder = self.query_one("#report-folder", Input)
        if not folder.value:
            folder.value = str(Path.cwd())
        self._choice_changed()

    @on(RadioSet.Changed)
    @on(Checkbox.Changed)
    def _choice_changed(self) -> None:
        """Say the choice in words: the radio marks differ only by colour."""
        fmt, body, log_it = self._choice()
        what = "党组意识形态工作情况报告" if body else "支部自查报告"
        tail = "，并登记为本期间的意识形态工作报告" if log_it else ""
        self.query_one("#report-choice", Static).update(f"将生成：{what}（{'PDF' if fmt == 'pdf' else 'Word 文档'}）{tail}")

    @on(Input.Changed, "#report-period")
    def _period_changed(self) -> None:
        period = self._period(quiet=True)
        hint = self.query_one("#report-period-label", Static)
        hint.update(f"即 {period.label}" if period else "")
        hint.set_class(period is not None, "shown")

    def _period(self, quiet: bool = False) -> Period | None:
        err = self.query_one("#report-error", Static)
        try:
            typed = self.query_one("#report-period", Input).value
            period = actions.report_period(parse_period(typed), typed.strip())
        except AuditorError as e:
            if not quiet:
                err.update(e.msg)
                err.add_class("shown")
            return None
        err.update("")
        err.remove_class("shown")
        return period

    @on(Input.Submitted, "#report-period")
    @on(Button.Pressed, "#generate")
    def action_generate(self) -> None:
        if self.running:
            self.notify("报告正在生成，请稍候。", timeout=3)
            return
        period = self._period()
        if period is None:  # the error is shown; an earlier run's 100% would read as this one's
            self._clear_progress()
            return
        folder = Path(self.query_one("#report-folder", Input).value.strip() or ".").expanduser()
        if not folder.is_dir():
            err = self.query_one("#report-error", Static)
            err.update(f"文件夹 {folder} 不存在，请写出已有的文件夹。")
            err.add_class("shown")
            self._clear_progress()
            return
        from auditor.report import report_path

        fmt, body, _log = self._choice()
        target = report_path(self.auditor.session.profile, period, folder, fmt, body)  # type: ignore[arg-type]
        if target.exists():
            def answered(yes: bool | None) -> None:
                if yes:
                    self._start(period, folder)

            self.app.push_screen(ConfirmDialog(f"{target} 已存在，覆盖它吗？", yes="覆盖", no="取消"), answered)
            return
        self._start(period, folder)

    def _clear_progress(self) -> None:
        self.query_one("#report-progress", ProgressBar).update(progress=0)
        self._status("")

    def _start(self, period: Period, folder: Path) -> None:
        self.running = True
        self.query_one("#generate", Button).disabled = True
        self.query_one("#report-progress", ProgressBar).update(progress=0)
        self._status(f"正在生成{period.label}自查报告")
        self._generate(period, folder, self._choice())

    def _choice(self) -> tuple[str, str, bool]:
        """(format, body, log it) as chosen on the screen."""
        fmt = "pdf" if self.query_one("#fmt-pdf", RadioButton).value else "docx"
        body = "党组" if self.query_one("#body-organ", RadioButton).value else ""
        return fmt, body, self.query_one("#report-record", Checkbox).value

    @work(thread=True, exclusive=True, group="report")
    def _generate(self, period: Period, folder: Path, choice: tuple[str, str, bool]) -> None:
        app = self.auditor
        fmt, body, log_it = choice
        lists: list[tuple[Path, int]] = []  # the full 佐证材料清单, when the annex is capped
        try:
            from auditor.report import record_report, write_report

            path = write_report(
                app.session, period, app.as_of, folder, fmt=fmt, body=body,  # type: ignore[arg-type]
                progress=lambda msg, frac: app.call_from_thread(self._progress, msg, frac),
                warn=lambda msg: app.call_from_thread(self.notify, msg, severity="warning", timeout=8),
                listed=lambda full, n: lists.append((full, n)),
            )
            if log_it:
                logged, _ = record_report(app.session, period, path, app.as_of)
                app.call_from_thread(self.notify, f"已登记为{period.label}的意识形态工作报告（{logged.id}）",
                                     timeout=6)
        except AuditorError as e:
            app.call_from_thread(self._failed, e)
        except Exception as e:  # the UI must not die with a traceback; say what happened
            app.call_from_thread(self._failed, AuditorError(
                f"生成报告时程序内部出错（{type(e).__name__}），数据未被改动；"
                "请用 auditor report --debug 重试并把结果反馈给维护者。", title="报告未生成"))
        else:
            app.call_from_thread(self._done, path, lists)

    def _progress(self, message: str, fraction: float) -> None:
        self.query_one("#report-progress", ProgressBar).update(progress=max(0.0, min(1.0, fraction)))
        self._status(message)

    def _done(self, path: Path, lists: list[tuple[Path, int]]) -> None:
        self.running = False
        self.written = path
        self.query_one("#generate", Button).disabled = False
        self.query_one("#report-progress", ProgressBar).update(progress=1.0)
        status = Text.assemble(("报告已生成：", "bold green"), str(path))
        for full, count in lists:
            status.append_text(Text.assemble("\n", (f"全部{count}条佐证材料另存为：", "bold green"), str(full)))
        self._status(status)
        self.notify(f"报告已写到 {path}" + ("，佐证材料清单另存在同一文件夹" if lists else ""), timeout=6)

    def _failed(self, error: AuditorError) -> None:
        self.running = False
        self.query_one("#generate", Button).disabled = False
        self._status(Text(f"报告未生成：{error.msg}", style="red"))
        self.auditor.show_error(error)

    def _status(self, text: str | Text) -> None:
        self.query_one("#report-status", Static).update(text)
