"""YAML that remembers where each value came from, so errors can name file and line."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from auditor.errors import RuleFileError, os_reason


class LinedDict(dict[str, Any]):
    """A mapping with the 1-based line of itself and of each key."""

    line: int = 0
    lines: dict[str, int]


def _construct_mapping(loader: Any, node: Any) -> LinedDict:
    loader.flatten_mapping(node)
    out = LinedDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[str(key)] = loader.construct_object(value_node, deep=True)
        out.lines[str(key)] = key_node.start_mark.line + 1
    return out


def _construct_timestamp_as_text(loader: Any, node: Any) -> str:
    # Dates stay text here; the schema parses them so a wrong date gets our message.
    return str(loader.construct_scalar(node))


@cache
def _loader() -> Any:
    """The YAML loader class, built on first use: `check` with cached rules never imports yaml."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
    return Loader


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors become a RuleFileError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(f"{path}：文件不是 UTF-8 编码，请用 UTF-8 另存后重试。") from None
    except OSError as e:
        raise RuleFileError(f"{path}：无法读取（{os_reason(e)}），请检查路径和权限。") from None
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        # context_mark is where the broken construct began (an unclosed bracket),
        # problem_mark where the parser gave up; name both when they differ.
        lines = sorted({m.line + 1 for m in (e.context_mark, e.problem_mark) if m is not None})
        where = "—".join(str(n) for n in lines) if lines else "?"
        raise RuleFileError(
            f"{path} 第{where}行：YAML 格式错误，请检查这里的缩进、冒号、括号和引号是否配对。"
        ) from None


def line_of(doc: Any, path: list[str | int]) -> int:
    """Best line for a path into a loaded document: the deepest key that has one."""
    line = getattr(doc, "line", 0)
    node = doc
    for step in path:
        if isinstance(node, LinedDict) and isinstance(step, str) and step in node:
            line = node.lines.get(step, line)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            line = getattr(node, "line", line)
        else:
            break
    return line
