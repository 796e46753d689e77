"""One error family for every face: a Chinese message, a title, an exit code.

The CLI prints ``msg`` on stderr and exits with ``exit_code``; the TUI shows it in a
dialog. Library exceptions are converted at the edge into one of these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


class AuditorError(Exception):
    """Something the user can act on; ``msg`` is one Chinese sentence saying what and where."""

    title = "出错了"
    exit_code = 2

    def __init__(self, msg: str, title: str | None = None) -> None:
        super().__init__(msg)
        self.msg = msg
        if title is not None:
            self.title = title


class InputError(AuditorError):
    """Bad user input: a period, a date, a form field, a CSV row."""

    title = "输入有误"


class FieldError(InputError):
    """A bad value in one field of a form, a CLI option or an import row; ``field`` is its name."""

    def __init__(self, field: str, msg: str) -> None:
        super().__init__(msg)
        self.field = field


class RuleFileError(AuditorError):
    """A rule file that cannot be used; the message names file, line, rule and field."""

    title = "规则文件有误"


class StorageError(AuditorError):
    """The database cannot be read or written; stored data is left as it was."""

    title = "数据文件问题"


class LockedError(StorageError):
    """Another process holds the write lock."""

    title = "数据文件正被占用"


class NotFoundError(AuditorError):
    title = "未找到"


_OS_REASONS = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有访问权限",
    "EPERM": "操作不被允许",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "磁盘是只读的",
    "EISDIR": "这是一个文件夹",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EEXIST": "文件已存在",
    "EBUSY": "文件正被占用",
    "EIO": "磁盘读写出错",
    "ENAMETOOLONG": "文件名太长",
}


def os_reason(error: OSError) -> str:
    """An operating-system error in Chinese (the system's own text is often English)."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _OS_REASONS.get(name) or error.strerror or str(error)


_MSGSPEC_PATH = re.compile(r"at `\$(?P<path>[^`]*)`")
_TYPE_ZH = {"int": "整数", "float": "数字", "str": "文字", "bool": "true 或 false",
            "array": "列表", "object": "映射", "null": "空值", "date": "日期"}


# msgspec messages that carry one value, and how each is said in Chinese
_ONE_VALUE = (
    (r"Object missing required field `([^`]+)`", "缺少必填字段 {}"),
    (r"Object contains unknown field `([^`]+)`", "不认识的字段 {}"),
    (r"Invalid enum value (.+)", "取值 {} 不在允许范围内"),
)


def translate(detail: str, *, tags: Sequence[str] = ()) -> str:
    """msgspec's English validation message as one Chinese clause (records, items, rule files).

    ``tags`` are the values a tagged union accepts (a rule's requirement ``type``), named
    when a value is not one of them.
    """
    text = _MSGSPEC_PATH.sub("", detail).rstrip(" -")
    m = re.match(r"Expected `([^`]+)`, got `([^`]+)`", text)
    if m:
        want = "或".join(_TYPE_ZH.get(t.strip(), t.strip()) for t in m.group(1).split("|"))
        return f"应为{want}，实际是{_TYPE_ZH.get(m.group(2), m.group(2))}"
    m = re.match(r"Expected `(int|float)` (>=|<=|>|<) (\S+)", text)
    if m:
        return f"应为{'不小于' if m.group(2)[0] == '>' else '不大于'} {m.group(3)} 的{_TYPE_ZH[m.group(1)]}"
    for pattern, said in _ONE_VALUE:
        m = re.match(pattern, text)
        if m:
            return said.format(m.group(1))
    m = re.match(r"Invalid value (.+)", text)
    if m:
        allowed = f"（type 只能是 {'、'.join(tags)}）" if tags else ""
        return f"取值 {m.group(1)} 无效{allowed}"
    if "Invalid RFC3339" in text or "Invalid date" in text:
        return "日期格式应为 2026-01-01"
    return text
