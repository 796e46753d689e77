"""`auditor init` (the unit profile) and `auditor kinds` (the vocabulary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from auditor.cli.main import Context, pass_context

if TYPE_CHECKING:
    from auditor.model import UnitProfile


@click.command()
@click.option("--unit-name", help="单位名称，如 某某县财政局。")
@click.option("--branch-name", help="支部名称，如 某某县财政局机关党支部。")
@click.option("--secretary", help="支部书记姓名。")
@click.option("--superior", help="上级党组织，如 县直机关工委。")
@click.option("--formal-name", help="报告落款用的正式名称，如 中共某某县财政局机关支部委员会。")
@click.option("--organ-name", help="机关党组的正式名称（--body 党组 的报告落款），如 中共某某县财政局党组。")
@click.option("--organ-superior", help="党组报告的主送机关，如 中共某某县委（默认上级党组织）。")
@click.option("--report-notice", help="自查报告所依据的通知名称，写进“根据……要求”。")
@click.option("--packs", help="使用的规则包，用逗号分隔，如 ideology,branch（默认全部）。")
@click.option("--rules-dir", "rules_dirs", multiple=True, metavar="目录", help="本单位规则目录（可多次给出）。")
@click.option("--minutes-template", "minutes_templates", multiple=True, metavar="[类型=]模板",
              help="会议记录模板（.docx）：支委会=模板/支委会.docx 只用于该类型，只写路径则用于其他类型；"
                   "路径留空（支委会=）取消。可多次给出。")
@click.option("--bodies", metavar="主体", help="本记录簿记着哪些主体的工作，用逗号分隔，如 党组,党支部（默认党支部）。")
@click.option("--reporting-body", metavar="主体", help="汇报主体：检查和报告默认看它的职责，如 党支部（默认）或 党组。")
@click.option("--scoring/--no-scoring", default=None, help="是否显示百分制得分（默认显示）。")
@pass_context
def init(
    ctx: Context,
    unit_name: str | None,
    branch_name: str | None,
    secretary: str | None,
    superior: str | None,
    formal_name: str | None,
    organ_name: str | None,
    organ_superior: str | None,
    report_notice: str | None,
    packs: str | None,
    rules_dirs: tuple[str, ...],
    minutes_templates: tuple[str, ...],
    bodies: str | None,
    reporting_body: str | None,
    scoring: bool | None,
) -> None:
    """建立或修改单位概况（单位名称、支部名称、书记、上级党组织、规则包）。

    示例：auditor init --unit-name 某某县财政局 --branch-name 机关党支部 --secretary 王明
    """
    from auditor import actions
    from auditor.forms import split_list

    session = ctx.session
    typed = {"unit_name": unit_name, "branch_name": branch_name, "secretary": secretary, "superior": superior,
             "formal_name": formal_name, "organ_name": organ_name, "organ_superior": organ_superior,
             "report_notice": report_notice}
    changes: dict[str, object] = {k: v for k, v in typed.items() if v is not None}
    if packs is not None:
        changes["packs"] = split_list(packs)
    if rules_dirs:
        changes["rules_dirs"] = tuple(rules_dirs)
    if minutes_templates:
        changes["minutes_templates"] = actions.minutes_templates(session, minutes_templates)
    vocab = session.vocabulary
    if bodies is not None:
        changes["bodies"] = tuple(vocab.resolve_body(b, "--bodies").id for b in split_list(bodies))
    if reporting_body is not None:
        changes["reporting_body"] = vocab.resolve_body(reporting_body, "--reporting-body").id
    if scoring is not None:
        changes["scoring"] = scoring
    _echo_profile(ctx, actions.save_profile(session, changes))


def _echo_profile(ctx: Context, new: UnitProfile) -> None:
    """The profile as saved, so a person sees what every report and check will use."""
    session = ctx.session
    vocab = session.vocabulary
    click.echo(f"已保存单位概况（数据文件 {session.db_path}）：")
    click.echo(f"  单位名称：{new.unit_name or '（未填）'}")
    click.echo(f"  支部名称：{new.branch_name or '（未填）'}")
    click.echo(f"  书记：{new.secretary or '（未填）'}")
    click.echo(f"  上级党组织：{new.superior or '（未填）'}")
    click.echo(f"  落款名称：{new.formal_name or '（未填，报告落款用支部名称）'}")
    click.echo(f"  规则包：{'、'.join(new.packs) or '全部随附规则包'}")
    if new.rules_dirs:
        click.echo(f"  本单位规则目录：{'、'.join(new.rules_dirs)}")
    kept = "、".join(vocab.body_label(b) for b in new.bodies) or "党支部"
    click.echo(f"  记录簿主体：{kept}；汇报主体：{vocab.body_label(new.reporting_body or 'branch')}；"
               f"得分：{'显示' if new.scoring else '不显示'}")
    for kind, path in sorted(new.minutes_templates.items()):
        click.echo(f"  会议记录模板（{vocab.label(kind) if kind else '其他类型'}）：{path}")


@click.command()
@pass_context
def kinds(ctx: Context) -> None:
    """列出可用的活动类型及别名。

    示例：auditor kinds
    """
    for k in ctx.session.vocabulary.kinds:
        alias = f"（也可写：{'、'.join(k.aliases)}）" if k.aliases else ""
        click.echo(f"  {k.label}{alias}　[{k.id}]")



@click.command()
@click.option("--force", is_flag=True, help="数据文件已存在时删除后重建（只用于示例数据）。")
@pass_context
def demo(ctx: Context, force: bool) -> None:
    """用随附示例数据（某某县财政局机关党支部，2025—2026年）建立一个演示数据库。

    示例：auditor --db demo-data/auditor.json demo
    """
    from auditor.demo import build_demo

    n = build_demo(ctx.session.db_path, force=force)
    click.echo(f"已建立示例数据库 {ctx.session.db_path}：{n}条记录。")


COMMANDS = (init, kinds, demo)
