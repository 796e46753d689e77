"""`auditor report`: the half-year or year-end self-inspection report (自查报告), Word or PDF."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import Context, pass_context
from auditor.cli.options import period_options, resolve_period


@click.command()
@period_options
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), metavar="文件",
              help="报告文件路径，以 .docx 或 .pdf 结尾（默认 Word 文件，存在当前目录，按单位和期间命名）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf"]), metavar="docx|pdf",
              help="文件格式：docx（可编辑的 Word 文档）或 pdf；不写时按 -o 的扩展名。")
@click.option("--body", metavar="主体", default="",
              help="为哪个主体写：默认支部的自查报告；写 党组 则生成机关党组的意识形态工作情况报告。")
@click.option("--date", "date", metavar="日期", help="成文日期，如 2026-07-05（默认 --as-of 那天）。")
@click.option("--notice", metavar="通知", help="开头“根据……要求”所依据的通知名称（默认单位概况中的设置）。")
@click.option("--record", is_flag=True,
              help="生成后登记为本期间的“意识形态工作报告”记录（所属期间为本期间），报告文件作为佐证材料。")
@click.option("--reproducible", is_flag=True, hidden=True,
              help="固定 PDF 的生成时间和文件标识，相同输入得到相同文件（用于测试）。")
@pass_context
def report(ctx: Context, period: str | None, as_of: str | None, output: Path | None, fmt: str | None,
           body: str, date: str | None, notice: str | None, record: bool, reproducible: bool) -> None:
    """生成半年或年度意识形态工作自查报告（Word 或 PDF）。

    期间可写 2026H1（上半年）、2026H2（下半年）或 2026（全年）。

    \b
    示例：auditor report --period 2026H1 --as-of 2026-07-05 -o 自查报告.docx
    示例：auditor report --period 2026 --body 党组 --format pdf
    """
    import msgspec

    from auditor import actions
    from auditor.dates import parse_date
    from auditor.report import record_report, write_report

    p, day = resolve_period(period, as_of)
    actions.report_period(p, period or "")
    written_on = parse_date(date, where="--date") if date else day
    session = ctx.session
    if notice is not None:  # for this report only; the profile keeps its own
        session.__dict__["profile"] = msgspec.structs.replace(session.profile, report_notice=notice)

    def warn(message: str) -> None:
        click.echo(f"提示：{message}", err=True)

    lists: list[tuple[Path, int]] = []
    path = write_report(session, p, day, output, fmt=fmt, body=body,  # type: ignore[arg-type]
                        day=written_on, reproducible=reproducible, warn=warn, listed=lambda f, n: lists.append((f, n)))
    click.echo(f"已生成自查报告：{path}")
    for full, count in lists:
        click.echo(f"佐证材料清单较长，报告附件只列出一部分；全部{count}条记录已另存为：{full}")
    if record:
        logged, new = record_report(session, p, path, written_on)
        click.echo(f"已登记为{p.label}的意识形态工作报告（记录 {logged.id}），报告文件已作为佐证材料附上。" if new else
                   f"本期间已有意识形态工作报告记录 {logged.id}（{logged.date.isoformat()}），已把报告文件附到该记录。")


COMMANDS = (report,)
