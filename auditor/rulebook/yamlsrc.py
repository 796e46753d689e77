"""YAML that remembers where each value came from, so errors can name file and line.

Rule files come from units and superiors, so the loader is bounded before anything is
built: a size limit, no aliases (a "billion laughs" file is a dozen lines), a node
count and a nesting depth, only the plain YAML tags, whole numbers within ±10⁹ and no
nan/inf. Each refusal names the file and the line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from auditor.errors import RuleFileError, os_reason

S = TypeVar("S")

MAX_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40
MAX_INT = 10**9
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                                           "timestamp"))


class LinedDict(dict[str, Any]):
    """A mapping with the 1-based line of itself and of each key."""

    line: int = 0
    lines: dict[str, int]


class LinedList(list[Any]):
    """A sequence with the 1-based line of itself and of each item."""

    line: int = 0
    lines: list[int]


def _construct_sequence(loader: Any, node: Any) -> LinedList:
    out = LinedList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


def _construct_int(loader: Any, node: Any) -> int:
    import yaml

    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)
    if abs(value) > MAX_INT:
        raise _Refused(node.start_mark.line + 1, f"数字 {str(node.value)[:20]}… 太大（不能超过 10 亿）")
    return value


def _construct_float(loader: Any, node: Any) -> float:
    import math

    import yaml

    value: float = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value) or abs(value) > MAX_INT:
        raise _Refused(node.start_mark.line + 1, f"数字 {str(node.value)[:20]} 不是有效的数值（不能是 nan、inf 或超过 10 亿）")
    return value


class _Refused(Exception):
    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


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
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)
    Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
    return Loader


def _screen(text: str) -> None:
    """Walk the parser's events (no objects built) and refuse what a rule file never needs."""
    import yaml

    depth = nodes = 0
    for event in yaml.parse(text, Loader=_loader()):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, "规则文件不支持 YAML 别名（*名称），请把内容直接写出来")
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            nodes += 1
            tag = event.tag
            if tag and tag not in _PLAIN_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
                shown = tag.replace("tag:yaml.org,2002:", "!!")[:40]
                raise _Refused(line, f"不支持的 YAML 标签 {shown}，规则文件只能写普通的文字、数字、列表和映射")
            if nodes > MAX_NODES:
                raise _Refused(line, f"内容太多（超过 {MAX_NODES} 项），规则文件不应这么大")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(line, f"嵌套太深（超过 {MAX_DEPTH} 层）")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors and refusals become a RuleFileError naming file and line."""
    text = _read(path)
    import yaml

    try:
        _screen(text)
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except _Refused as e:
        raise RuleFileError(f"{path} 第{e.line}行：{e.what}。") from None
    except yaml.MarkedYAMLError as e:
        # context_mark is where the broken construct began (an unclosed bracket),
        # problem_mark where the parser gave up; name both when they differ.
        lines = sorted({m.line + 1 for m in (e.context_mark, e.problem_mark) if m is not None})
        where = "—".join(str(n) for n in lines) if lines else "?"
        raise RuleFileError(
            f"{path} 第{where}行：YAML 格式错误，请检查这里的缩进、冒号、括号和引号是否配对。"
        ) from None
    except (yaml.YAMLError, RecursionError):
        raise RuleFileError(f"{path}：YAML 格式错误，请对照 docs/rules.md 检查。") from None


def read_as(path: Path, shape: type[S], section: str = "") -> S:
    """A YAML file converted to ``shape``; a mismatch is a RuleFileError naming the line and
    the ``section`` of docs/rules.md to compare with."""
    doc = load_yaml(path)
    try:
        return msgspec.convert(doc, shape)
    except msgspec.ValidationError as e:
        from auditor.rulebook.messages import parse_path, translate

        line = line_of(doc, parse_path(str(e)))
        raise RuleFileError(f"{path} 第{line}行：{translate(str(e))}，请对照 docs/rules.md{section}修改。") from None


def _read(path: Path) -> str:
    import os
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise RuleFileError(f"{path} 不是普通文件，不能作为规则文件读取；请检查规则目录。")
        if st.st_size > MAX_BYTES:
            raise RuleFileError(f"{path}：文件有 {st.st_size // 1024} KB，超过规则文件的上限 "
                                f"{MAX_BYTES // 1000} KB；请检查是否选错了文件。")
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RuleFileError(f"{path}：文件不是 UTF-8 编码，请用 UTF-8 另存后重试。") from None
    except OSError as e:
        raise RuleFileError(f"{path}：无法读取（{os_reason(e)}），请检查路径和权限。") from None


def line_of(doc: Any, path: list[str | int]) -> int:
    """Best line for a path into a loaded document: the deepest key that has one."""
    line = getattr(doc, "line", 0)
    node = doc
    for step in path:
        if isinstance(node, LinedDict) and isinstance(step, str) and step in node:
            line = node.lines.get(step, line)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lines[step] if isinstance(node, LinedList) else line
            node = node[step]
            line = getattr(node, "line", line)
        else:
            break
    return line


def record_origins(node: Any, prefix: str, path: Path, out: dict[str, str]) -> None:
    """Dotted field path -> "file:line" for every value under ``node`` (overrides replace origins)."""
    if isinstance(node, LinedDict):
        for key, value in node.items():
            dotted = f"{prefix}.{key}" if prefix else key
            if isinstance(value, LinedDict) and dotted in out:
                # merged into an existing mapping: only the leaves it sets change origin
                record_origins(value, dotted, path, out)
                continue
            # a replaced value keeps no stale origins below it
            for stale in [k for k in out if k.startswith(dotted + ".")]:
                del out[stale]
            out[dotted] = f"{path}:{node.lines[key]}"
            record_origins(value, dotted, path, out)


def plain(node: Any) -> Any:
    """Plain dicts and lists (no line bookkeeping), for msgspec and deep copies."""
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node
