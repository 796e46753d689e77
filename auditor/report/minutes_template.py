"""A unit's own minutes template (.docx with docxtpl's ``{{ 主持人 }}`` placeholders).

The template keeps the unit's styles; auditor only fills the placeholders. One it does
not know is an error naming it (before anything is written); one the record leaves
empty prints as a blank line and is listed back to the caller for one warning.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

from auditor.errors import InputError, os_reason
from auditor.report.minutes_content import BLANK, PLACEHOLDERS


def placeholders(path: Path) -> set[str]:
    """The placeholder names a template uses; an unknown one raises InputError naming it."""
    tpl = _open(path)
    names = _declared(tpl, path)
    unknown = sorted(names - PLACEHOLDERS.keys())
    if unknown:
        shown = "、".join("{{ " + n + " }}" for n in unknown)
        raise InputError(
            f"模板 {path.name} 中有不认识的占位符 {shown}；可用的占位符有 {'、'.join(PLACEHOLDERS)}"
            "（见 docs/minutes.md），请改正模板后重试。"
        )
    return names


def render(path: Path, values: Mapping[str, str]) -> tuple[bytes, set[str]]:
    """(the filled .docx, the placeholder names it uses); empty values print as blanks."""
    import io

    names = placeholders(path)
    tpl = _open(path)
    fill(tpl, path, values)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue(), names


def fill(tpl: object, path: Path, values: Mapping[str, str], jinja_env: object = None) -> None:
    """Render the placeholders in place; a value of several lines keeps its line breaks.

    ``jinja_env`` (the binder's): one that keeps each compiled part, as every record
    filling the same template compiles the same XML.
    """
    from docxtpl import Listing

    context = {n: Listing(v) if "\n" in v else v for n, v in ((n, values.get(n) or BLANK) for n in PLACEHOLDERS)}
    try:
        tpl.render(context, jinja_env=jinja_env, autoescape=True)  # type: ignore[attr-defined]
    except Exception as e:  # jinja2's TemplateError and docxtpl's own; both mean a bad template
        raise InputError(f"模板 {path.name} 无法填写（{type(e).__name__}：{e}），请检查占位符的写法。") from None


def _open(path: Path):  # type: ignore[no-untyped-def]  # noqa: ANN202 - docxtpl is untyped
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    if not path.is_file():
        raise InputError(f"找不到会议记录模板 {path}，请检查路径（单位概况或 --template）。")
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"模板 {path.name} 不是有效的 .docx 文件，请用 Word 或 WPS 另存为 .docx。") from None
    except OSError as e:
        raise InputError(f"无法读取模板 {path}（{os_reason(e)}）。") from None
    return tpl


def _declared(tpl: object, path: Path) -> set[str]:
    try:
        return set(tpl.get_undeclared_template_variables())  # type: ignore[attr-defined]
    except Exception as e:  # a Jinja syntax error: an unclosed {{ or a stray {%
        raise InputError(f"模板 {path.name} 的占位符写法有误（{e}），请写成 {{{{ 主持人 }}}} 这样。") from None
