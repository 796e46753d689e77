"""Docs that cannot drift: the shipped-rules table, command help, the README's two commands."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.main import cli
from auditor.rulebook import docgen

ROOT = Path(__file__).resolve().parent.parent


def test_rules_table_is_current() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert docgen.render(text) == text, "run: python -m auditor.rulebook.docgen"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, f"{prefix}{name} is listed but cannot be loaded"
        out.append((prefix + name, cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, prefix + name + " ")
    return out


def test_every_command_has_chinese_help_and_an_example() -> None:
    for name, cmd in _commands(cli):
        help_text = cmd.help or ""
        assert help_text.strip(), f"{name} has no help"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in help_text), f"{name} help is not Chinese"
        if not isinstance(cmd, click.Group) or name == "rules":
            assert "示例：" in help_text, f"{name} help has no 示例："


def test_readme_opens_with_two_setup_commands_that_exist() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_lazy_command_table_matches_the_command_modules() -> None:
    import importlib
    import pkgutil

    import auditor.cli as package
    from auditor.cli.main import LAZY_COMMANDS

    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"auditor.cli.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            found[command.name] = info.name
    assert found == LAZY_COMMANDS


def test_architecture_names_every_module() -> None:
    """docs/architecture.md names every module of the package in its table (issue 11)."""
    from helpers import ROOT

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "auditor").rglob("*.py"))
               if "__pycache__" not in p.parts and not (p.name == "__init__.py" and p.stat().st_size < 200)]
    assert [m for m in modules if f"`{m}`" not in text] == []
