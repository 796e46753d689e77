"""`auditor rules list | show ID | validate [PATH...]`."""

from __future__ import annotations

from pathlib import Path

import click
import msgspec
import yaml

from auditor.cli.main import Context, pass_context
from auditor.errors import NotFoundError


@click.group()
def rules() -> None:
    """查看、校验规则（随附规则包与本单位规则）。

    示例：auditor rules show branch.theme-day
    """


@rules.command("list")
@pass_context
def list_rules(ctx: Context) -> None:
    """列出生效的规则。

    示例：auditor rules list
    """
    import shutil

    from auditor.cli.width import grid
    from auditor.engine.requirements import describe

    rs = ctx.session.ruleset
    titles = dict(rs.packs)
    total = shutil.get_terminal_size((80, 24)).columns
    for pack in dict.fromkeys(r.pack for r in rs.rules):
        click.echo(f"【{titles.get(pack, pack)}】（{pack}）")
        rows = [["规则", "要求", "编号"]]
        for r in (r for r in rs.rules if r.pack == pack):
            level = "必做" if r.severity == "required" else "参考"  # short: the list is a grid
            state = "，已停用" if not r.enabled else ""
            rows.append([r.title, f"{level}{state}：{describe(r.requirement)}", r.id])
        for line in grid(rows, total, {0, 1}, indent=2):
            click.echo(line)


@rules.command("show")
@click.argument("rule_id")
@pass_context
def show_rule(ctx: Context, rule_id: str) -> None:
    """显示一条规则的生效内容，以及每个值来自哪个文件哪一行。

    示例：auditor rules show ideology.report-to-superior
    """
    rs = ctx.session.ruleset
    try:
        rule = rs.get(rule_id)
    except KeyError:
        raise NotFoundError(f"没有 id 为 {rule_id} 的规则，请用 auditor rules list 查看。") from None
    data = msgspec.to_builtins(rule)
    click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).rstrip())
    vocab = rs.vocabulary
    click.echo(f"\n# 主体：{vocab.body_label(rule.body)}；来源：{rule.source.describe()}")
    if rule.deduction is None or rule.severity != "required":
        click.echo("# 计分：不计分（没有扣分标准或为参考项）")
    else:
        click.echo(f"# 计分：{rule.deduction.describe()}")
    click.echo("\n# 各字段来源：")
    for field, where in sorted(rs.origins[rule_id].items()):
        click.echo(f"#   {field:<28} {where}")


@rules.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_context
def validate(ctx: Context, paths: tuple[Path, ...]) -> None:
    """校验规则文件或目录；没有错误时列出规则数。

    不给路径时校验当前生效的全部规则（随附规则包、设置中的和 --rules 给出的目录）。

    示例：auditor rules validate ./本单位规则
    """
    from auditor.errors import RuleFileError
    from auditor.rulebook.loader import load_ruleset

    dirs: list[Path] = []
    for p in paths:
        if p.is_file():
            raise RuleFileError(f"{p}：请给出规则文件所在的目录（规则按目录加载）。")
        dirs.append(p)
    rs = load_ruleset([*ctx.session.rules_dirs(), *dirs]) if dirs else ctx.session.ruleset
    click.echo(f"规则文件无误：{len(rs.files)}个文件，{len(rs.rules)}条规则，{len(rs.packs)}个规则包。")


COMMANDS = (rules,)
