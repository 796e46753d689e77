"""The self-inspection report (自查报告) as Word or PDF: ``write_report`` for the CLI and the TUI.

The report is built once as a document model (``build_document``: the branch's 自查报告 or,
for ``body="党组"``, the leading body's summary) and laid out by one of two writers.
Importing this package is cheap: python-docx and ReportLab load only when a file is
written, so ``auditor check`` from cron never pays for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from auditor.errors import AuditorError
from auditor.model import UnitProfile
from auditor.periods import Period

if TYPE_CHECKING:  # the report's data loads when a report is written: `auditor minutes` needs only word
    from auditor.model import Record
    from auditor.report.data import ReportData
    from auditor.report.doc import ReportDoc
    from auditor.session import Session

__all__ = ["FORMATS", "FontWarning", "ReportError", "build_document", "default_filename", "evidence_list_path",
           "record_report", "write_report"]

Format = Literal["docx", "pdf"]
FORMATS: tuple[Format, ...] = ("docx", "pdf")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class ReportError(AuditorError):
    """The report cannot be written (font, output file)."""

    title = "报告生成失败"


class FontWarning(UserWarning):
    """A PDF font matter the user should know (no embeddable font, characters without a glyph)."""


def default_filename(profile: UnitProfile, period: Period, fmt: Format = "docx", *, organ: bool = False) -> str:
    """E.g. ``某某党支部_2026年上半年_意识形态工作自查报告.docx``; safe on Windows too."""
    from auditor.report.data import REPORT_NAME

    name = (profile.organ_name or "党组") if organ else profile.display_name
    unit = _UNSAFE.sub("_", name).strip(" ._")[:60] or "本支部"
    what = "意识形态工作情况报告" if organ else REPORT_NAME
    return f"{unit}_{period.label}_{what}.{fmt}"


def build_document(data: ReportData) -> ReportDoc:
    from auditor.report.branch import branch_report
    from auditor.report.organ import organ_report

    return organ_report(data) if data.organ else branch_report(data)


def write_report(
    session: Session,
    period: Period,
    as_of: dt.date,
    out: Path | str | None = None,
    *,
    fmt: Format | None = None,
    body: str = "",
    day: dt.date | None = None,
    progress: Callable[[str, float], None] | None = None,
    reproducible: bool = False,
    warn: Callable[[str], None] | None = None,
    listed: Callable[[Path, int], None] | None = None,
) -> Path:
    """Write the report of ``period`` as things stood on ``as_of``; return its path.

    The format is ``fmt``, else the extension of ``out``, else Word. ``body`` 党组 writes the
    leading body's summary; ``day`` is the report's date (default ``as_of``). ``warn``
    receives Chinese notes (which font stands in for which, missing glyphs). When the
    佐证材料清单 is too long to print whole, its full list is written beside the report
    (``evidence_list_path``) and ``listed`` receives that file and its number of records.
    """
    from auditor.report.annexes import evidence_capped
    from auditor.report.data import ORGAN_WORDS, collect
    from auditor.store.atomic import write_atomic

    say = progress or (lambda _m, _f: None)
    tell = warn or _warn
    target, kind = _target(session.profile, period, out, fmt, organ=body.strip() in ORGAN_WORDS)
    say("正在检查落实情况", 0.1)
    data = collect(session, period, as_of, body=body, day=day)
    full_list = evidence_list_path(target) if evidence_capped(data) else None
    if full_list is not None:  # the annex names the file, so a printed copy says where the rest is
        data = dataclasses.replace(data, evidence_file=full_list.name)
    say("正在撰写正文", 0.4)
    doc = build_document(data)
    if kind == "docx":
        from auditor.report.docx_out import render_docx

        say("正在生成 Word 文档", 0.7)
        blob = render_docx(doc)
    else:
        blob = _pdf(doc, session.profile, reproducible, say, tell)
    say("正在保存文件", 0.95)
    _save(target, lambda: write_atomic(target, blob), "报告文件")
    if full_list is not None:
        say("正在保存佐证材料清单", 0.97)
        _write_evidence_list(full_list, data, listed)
    say("报告已生成", 1.0)
    return target


def evidence_list_path(report: Path) -> Path:
    """The full 佐证材料清单 beside a report whose annex is capped: ``<report>_佐证材料清单.xlsx``."""
    return report.with_name(f"{report.stem}_佐证材料清单.xlsx")


def _write_evidence_list(path: Path, data: ReportData, listed: Callable[[Path, int], None] | None) -> None:
    """Every record the checks counted, as ``auditor export`` writes them (to filter, or import again)."""
    from auditor.io.export import write_xlsx
    from auditor.report.annexes import evidence_records

    records, _failing = evidence_records(data)
    _save(path, lambda: write_xlsx(path, records, data.vocabulary, private=True), "佐证材料清单")  # 0600, as the report
    if listed is not None:
        listed(path, len(records))


def report_path(profile: UnitProfile, period: Period, folder: Path, fmt: Format, body: str = "") -> Path:
    """Where ``write_report`` will write into ``folder`` (so a face can ask before overwriting)."""
    from auditor.report.data import ORGAN_WORDS

    return _target(profile, period, folder, fmt, organ=body.strip() in ORGAN_WORDS)[0]


def _pdf(doc: ReportDoc, profile: UnitProfile, reproducible: bool, say: Callable[[str, float], None],
         tell: Callable[[str], None]) -> bytes:
    from auditor.report.fonts import setup_fonts
    from auditor.report.pdf_out import render_pdf

    say("正在加载中文字体", 0.5)
    fonts = setup_fonts(profile.report_font)
    if fonts.warning:
        tell(fonts.warning)
    if fonts.line and tell is not _warn:  # which font stands in for which: said to a person, not warned
        tell(fonts.line)
    blob, missing = render_pdf(doc, fonts, reproducible=reproducible, progress=say)
    if missing:
        tell(missing)
    return blob


def _target(profile: UnitProfile, period: Period, out: Path | str | None, fmt: Format | None,
            *, organ: bool) -> tuple[Path, Format]:
    target = Path(out) if out is not None else Path.cwd()
    suffix = target.suffix.lower().lstrip(".")
    if target.is_dir() or out is None:
        chosen: Format = fmt or "docx"
        return target / default_filename(profile, period, chosen, organ=organ), chosen
    if suffix in FORMATS and (fmt is None or fmt == suffix):
        return target, suffix  # type: ignore[return-value]
    if fmt is not None and not suffix:
        return target.with_suffix(f".{fmt}"), fmt
    want = f".{fmt}" if fmt else ".docx 或 .pdf"
    raise ReportError(f"报告文件名 {target.name} 应以 {want} 结尾，请用 -o 指定如“自查报告{want.split()[0]}”的文件名。")


REPORT_KIND = "ideology_report"


def record_report(session: Session, period: Period, path: Path, day: dt.date) -> tuple[Record, bool]:
    """Log the written report as the period's 意识形态工作报告, the file attached as evidence.

    A record of that kind already attributed to the period gets the file (no second report
    is counted); otherwise a new one covering the period is added. Returns (record, added).
    """
    from auditor import actions
    from auditor.report.data import in_period

    found = [r for r in in_period(session.store.records(), period, max(day, period.end)) if r.kind == REPORT_KIND]
    if found:
        record = found[-1]
        added = False
    else:
        values = {"date": day.isoformat(), "kind": REPORT_KIND, "title": f"{period.label}意识形态工作报告",
                  "covers": period.id}
        record = actions.add_record(session, values, day)
        added = True
    actions.attach_evidence(session, record.id, [path])
    session.reload()
    return session.store.record(record.id), added


def _warn(message: str) -> None:
    warnings.warn(message, FontWarning, stacklevel=3)


def _save(target: Path, write: Callable[[], None], what: str) -> None:
    from auditor.errors import StorageError
    from auditor.store.atomic import WriteError

    if not target.parent.exists():
        raise ReportError(f"保存报告的文件夹 {target.parent} 不存在，请先建立它或换一个 -o 路径。")
    try:
        write()
    except WriteError as e:
        if e.disk_full:  # the true cause first: not a permission or an open file
            raise ReportError(f"无法写入{what} {target}（{e.reason}），请清理磁盘空间后重试。") from None
        raise ReportError(
            f"无法写入{what} {target}（{e.reason}；可能没有写权限，或文件正在 Word/PDF/Excel 中打开），"
            "请关闭它或换一个路径后重试。"
        ) from None
    except StorageError as e:  # the target is a folder or a device
        raise ReportError(e.msg) from None
