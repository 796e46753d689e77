"""Chinese for click's own words (usage, options, errors), so no English reaches a user."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

import click

_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "Error": "错误",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "No such option: {name}": "没有选项 {name}",
    "No such option {name!r}.": "没有选项 {name}。",
    "Error: {message}": "错误：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少子命令。",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name} 不需要值。",
    "(Did you mean one of: {possibilities}?)": "（是不是指其中之一：{possibilities}？）",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数字。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{filename!r} 是一个目录。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接确认。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing argument {param_hint}.": "缺少参数 {param_hint}。",
    "Missing option {param_hint}.": "缺少选项 {param_hint}。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Option {name!r} requires an argument.": "选项 {name} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多出了参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出了参数（{args}）",
    "{value!r} is not a valid integer.": "{value!r} 不是有效的整数。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "Path {filename!r} does not exist.": "路径 {filename!r} 不存在。",
    "File {filename!r} does not exist.": "文件 {filename!r} 不存在。",
    "Directory {filename!r} does not exist.": "目录 {filename!r} 不存在。",
    "Aborted!": "已取消。",
    "Repeat for confirmation": "请再输入一次确认",
    "Error: The value you entered was invalid.": "错误：输入的值无效。",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
    "Did you mean {possibility}?": "是不是指 {possibility}？",
    "[default: {default}]": "[默认：{default}]",
    "default": "默认",
    "required": "必填",
}


def gettext_zh(message: str) -> str:
    return _ZH.get(message, message)


def ngettext_zh(singular: str, plural: str, n: int) -> str:
    return _ZH.get(singular if n == 1 else plural, singular if n == 1 else plural)


class ZhHelpFormatter(click.HelpFormatter):
    """Help laid out by display width: option descriptions start in one column and Chinese
    text wraps between characters on the line-start rules (click measures characters and
    wraps only at spaces)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _metavars(args), "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        from auditor.cli.width import wrap  # help only: a command's run need not load rich

        indent = " " * self.current_indent
        for i, paragraph in enumerate(_paragraphs(text)):
            if i:
                self.write("\n")
            if paragraph.startswith("\b"):
                self.write("".join(f"{indent}{line}\n" for line in paragraph.splitlines()[1:]))
                continue
            for line in wrap(paragraph, max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        from auditor.cli.width import width, wrap

        rows = [(_metavars(term), text) for term, text in rows]
        first_col = min(max((width(a) for a, _ in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_col - self.current_indent, 10)
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - width(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(" ".join(text.split("\n")), text_width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


# click's own placeholders in usage lines and option terms
METAVARS = {"OPTIONS": "选项", "COMMAND": "命令", "ARGS": "参数", "FILE": "文件", "FILES": "文件",
            "DIRECTORY": "目录", "PATH": "路径", "PATHS": "路径", "TEXT": "文字", "INTEGER": "整数",
            "RULE_ID": "规则", "FLOAT": "数字"}
_METAVAR = re.compile(r"\b(" + "|".join(sorted(METAVARS, key=len, reverse=True)) + r")\b")


def _metavars(text: str) -> str:
    return _METAVAR.sub(lambda m: METAVARS[m.group(1)], text)


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, lines joined (no space between Chinese characters)."""
    out = []
    for block in text.strip("\n").split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if block.lstrip().startswith("\b"):
            out.append("\n".join(block.splitlines()))
            continue
        joined = ""
        for line in lines:
            wide = joined and not joined[-1].isascii() and not line[0].isascii()
            joined = f"{joined}{line}" if wide or not joined else f"{joined} {line}"
        if joined:
            out.append(joined)
    return out


def install() -> None:
    """Point click's ``_``/``ngettext`` at the table, whatever was imported first."""
    import click

    click.Context.formatter_class = ZhHelpFormatter

    for name, mod in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if hasattr(mod, "_"):
                mod._ = gettext_zh  # type: ignore[attr-defined]
            if hasattr(mod, "ngettext"):
                mod.ngettext = ngettext_zh  # type: ignore[attr-defined]
