"""Terminal rendering of an Assessment (rich tables with CJK-aware widths)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from auditor.cli.width import width, wrap
from auditor.engine.assessment import STATUS_STYLE, Assessment, Status, fmt
from auditor.engine.words import ADVISORY_WORD
from auditor.model import UnitProfile


def status_text(status: Status, word: str = "") -> str:
    """Symbol and word in the status colour; ``word`` is the genre's word (按时报送 ...)."""
    return f"[{STATUS_STYLE[status]}]{status.symbol} {word or status.label}[/]"


# Box borders and cell padding of a five-column rich table: 6 rules + 2 spaces per column.
TABLE_CHROME = 16
COUNT_WIDTH = 9
DUE_WIDTH = 5


def _fold(text: str, columns: int, style: str = "") -> str:
    """Text pre-wrapped by display width on Chinese line-break rules (rich only splits at spaces)."""
    lines = [escape(line) for line in wrap(text, columns)]
    return "\n".join(f"[{style}]{line}[/]" for line in lines) if style else "\n".join(lines)


def _widths(a: Assessment, total: int, show_all: bool) -> tuple[int, int, int]:
    """Columns of 规则, 状态 and 说明: the title column gets up to two fifths of what is left."""
    results = [r for _p, _t, rs in a.by_pack() for r in rs]
    shown = {(r.status, r.word) for r in results} | {(w.status, w.word) for r in results for w in r.windows}
    status = max([width(f"{s.symbol} {word}") for s, word in shown] + [4])
    free = max(30, total - TABLE_CHROME - status - COUNT_WIDTH - DUE_WIDTH)
    need = max([width(r.title) + 8 for r in results] + [10])
    if show_all:
        need = max([need] + [width(r.rule) for r in results])
    title = min(need, max(10, free * 9 // 20))
    return title, status, max(10, free - title)


def render_assessment(a: Assessment, profile: UnitProfile, show_all: bool = False) -> None:
    console = Console(highlight=False)
    score = f"　得分：{fmt(a.score)}" if a.score is not None else ""
    body = f"　主体：{a.body_label}" if a.body_label else ""
    console.print(f"[bold]{a.unit}[/]{body}　{a.period_label}　截至 {a.as_of.isoformat()}{score}")
    if a.score is not None and a.score_note:
        console.print(f"[dim]（得分{a.score_note}）[/]")
    title_w, status_w, message_w = _widths(a, console.width, show_all)
    for _pack, title, results in a.by_pack():
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("规则", width=title_w, overflow="fold")
        table.add_column("状态", width=status_w, no_wrap=True)
        table.add_column("完成/要求", justify="right", width=COUNT_WIDTH, no_wrap=True)
        table.add_column("截止", width=DUE_WIDTH, no_wrap=True)
        table.add_column("说明", width=message_w, overflow="fold")
        for r in results:
            advisory = f"（{ADVISORY_WORD}）" if r.severity == "advisory" else ""
            due = r.due.strftime("%m-%d") if r.due else ""
            table.add_row(
                _fold(f"{r.title}{advisory}", title_w) + (f"\n[dim]{escape(r.rule)}[/]" if show_all else ""),
                status_text(r.status, r.word),
                f"{fmt(r.actual)}/{fmt(r.required)}",
                due,
                _fold(r.message, message_w),
            )
            if show_all:
                for w in r.windows:
                    table.add_row(
                        _fold(f"  {w.label}", title_w, "dim"), status_text(w.status, w.word),
                        f"{fmt(w.actual)}/{fmt(w.required)}", "", _fold(w.message, message_w, "dim"),
                    )
        console.print(table)
    counts = "，".join(f"{s.label}{n}项" for s, n in a.counts().items() if n)
    console.print(f"合计：{counts}")
    if a.failed:
        console.print("[bold red]有必做项未完成或逾期未完成，请尽快补做或作情况说明。[/]")
    if a.rectifications:
        console.print(f"[bold red]超过整改时限仍未完成的整改事项{len(a.rectifications)}项：[/]")
        for d in a.rectifications:
            for line in wrap(f"{d.message}；整改措施：{d.item.measure}", console.width - 2):
                console.print(f"  {escape(line)}")
        console.print("[dim]完成后请运行 auditor rectify close 编号 登记完成日期和佐证材料。[/]")
