"""Terminal rendering of an Assessment (rich tables with CJK-aware widths)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from auditor.engine.assessment import STATUS_STYLE, Assessment, Status
from auditor.engine.checks.common import fmt
from auditor.engine.words import ADVISORY_WORD
from auditor.model import UnitProfile


def status_text(status: Status, word: str = "") -> str:
    """Symbol and word in the status colour; ``word`` is the genre's word (按时报送 ...)."""
    return f"[{STATUS_STYLE[status]}]{status.symbol} {word or status.label}[/]"


def render_assessment(a: Assessment, profile: UnitProfile, show_all: bool = False) -> None:
    console = Console(highlight=False)
    score = f"　得分：{fmt(a.score)}" if a.score is not None else ""
    body = f"　主体：{a.body_label}" if a.body_label else ""
    console.print(f"[bold]{a.unit}[/]{body}　{a.period_label}　截至 {a.as_of.isoformat()}{score}")
    if a.score is not None and a.score_note:
        console.print(f"[dim]（得分{a.score_note}）[/]")
    for _pack, title, results in a.by_pack():
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        table.add_column("规则", overflow="fold", min_width=10)
        table.add_column("状态", no_wrap=True)
        table.add_column("完成/要求", justify="right", no_wrap=True)
        table.add_column("截止", no_wrap=True)
        table.add_column("说明", overflow="fold", ratio=1)
        for r in results:
            advisory = f"（{ADVISORY_WORD}）" if r.severity == "advisory" else ""
            due = r.due.strftime("%m-%d") if r.due else ""
            table.add_row(
                f"{r.title}{advisory}" + (f"\n[dim]{r.rule}[/]" if show_all else ""),
                status_text(r.status, r.word),
                f"{fmt(r.actual)}/{fmt(r.required)}",
                due,
                r.message,
            )
            if show_all:
                for w in r.windows:
                    table.add_row(
                        f"  [dim]{w.label}[/]", status_text(w.status, w.word),
                        f"{fmt(w.actual)}/{fmt(w.required)}", "", f"[dim]{w.message}[/]",
                    )
        console.print(table)
    counts = "，".join(f"{s.label}{n}项" for s, n in a.counts().items() if n)
    console.print(f"合计：{counts}")
    if a.failed:
        console.print("[bold red]有必做项未完成或逾期未完成，请尽快补做或作情况说明。[/]")
    if a.rectifications:
        console.print(f"[bold red]超过整改时限仍未完成的整改事项{len(a.rectifications)}项：[/]")
        for d in a.rectifications:
            console.print(f"  {d.message}；整改措施：{d.item.measure}")
        console.print("[dim]完成后请运行 auditor rectify close 编号 登记完成日期和佐证材料。[/]")
