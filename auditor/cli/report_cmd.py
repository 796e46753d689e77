"""`auditor report`: the half-year or year-end self-inspection report (自查报告) as a PDF."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import Context, pass_context
from auditor.cli.options import period_options, resolve_period


@click.command()
@period_options
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), metavar="文件",
              help="PDF 文件路径（默认在当前目录，按单位和期间命名）。")
@click.option("--reproducible", is_flag=True, hidden=True,
              help="固定生成时间和文件标识，相同输入得到相同文件（用于测试）。")
@pass_context
def report(ctx: Context, period: str | None, as_of: str | None, output: Path | None, reproducible: bool) -> None:
    """生成半年或年度意识形态工作自查报告（PDF）。

    期间可写 2026H1（上半年）、2026H2（下半年）或 2026（全年）。

    示例：auditor report --period 2026H1 -o 自查报告.pdf
    """
    from auditor import actions
    from auditor.report import write_report

    p, day = resolve_period(period, as_of)
    actions.report_period(p, period or "")

    def warn(message: str) -> None:
        click.echo(f"提示：{message}", err=True)

    path = write_report(ctx.session, p, day, output, reproducible=reproducible, warn=warn)
    click.echo(f"已生成自查报告：{path}")


COMMANDS = (report,)
