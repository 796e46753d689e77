"""The self-inspection report (自查报告) as a PDF: ``write_report`` for the CLI and the TUI.

Importing this package is cheap: ReportLab is loaded only when a report is written,
so ``auditor check`` from cron never pays for it.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.model import UnitProfile
from auditor.periods import Period
from auditor.report.data import REPORT_NAME, Rectification, ReportError

if TYPE_CHECKING:
    from auditor.session import Session

__all__ = ["FontWarning", "Rectification", "ReportError", "default_filename", "write_report"]

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class FontWarning(UserWarning):
    """The PDF could not embed a Chinese font (it uses the reader's STSong-Light)."""


def default_filename(profile: UnitProfile, period: Period) -> str:
    """E.g. ``某某党支部_2026年上半年_意识形态工作自查报告.pdf``; safe on Windows too."""
    unit = _UNSAFE.sub("_", profile.display_name).strip(" ._") or "本支部"
    return f"{unit}_{period.label}_{REPORT_NAME}.pdf"


def write_report(
    session: Session,
    period: Period,
    as_of: dt.date,
    out: Path | str | None = None,
    *,
    progress: Callable[[str, float], None] | None = None,
    reproducible: bool = False,
    rectifications: Sequence[Rectification] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Path:
    """Write the PDF report of ``period`` as things stood on ``as_of``; return its path.

    ``out`` None means the default name in the current folder. ``reproducible`` fixes
    the generation time and PDF ids, so the same input gives the same bytes.
    ``rectifications`` (整改台账) fill section 三; without them it lists the open duties.
    ``warn`` receives a Chinese warning (no embeddable font); default: warnings.warn.
    """
    report = _Progress(progress)
    target = Path(out) if out is not None else Path.cwd() / default_filename(session.profile, period)
    if target.is_dir():
        target = target / default_filename(session.profile, period)
    if target.suffix.lower() != ".pdf":
        raise ReportError(f"报告文件名 {target} 应以 .pdf 结尾，请用 -o 指定如“自查报告.pdf”的文件名。")
    report("正在检查落实情况", 0.1)
    from auditor.report.data import collect

    generated = (
        f"{as_of.isoformat()}（固定时间）"
        if reproducible
        else dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d %H:%M")
    )
    if rectifications is None:
        rectifications = _stored_rectifications(session)
    data = collect(session, period, as_of, generated, rectifications)
    report("正在加载中文字体", 0.3)
    from auditor.report.fonts import setup_fonts

    fonts = setup_fonts(session.profile.report_font)
    if fonts.warning:
        (warn or _warn)(fonts.warning)
    from auditor.report.build import render_pdf

    pdf = render_pdf(data, fonts, reproducible=reproducible, progress=report)
    report("正在保存文件", 0.95)
    _save(target, pdf)
    report("报告已生成", 1.0)
    return target


def _stored_rectifications(session: Session) -> Sequence[Rectification] | None:
    """The store's 整改台账 when this version of the store keeps one; None otherwise."""
    reader = getattr(session.store, "rectifications", None)
    if not callable(reader):
        return None
    items: Sequence[Rectification] = reader()
    return items


def _warn(message: str) -> None:
    warnings.warn(message, FontWarning, stacklevel=3)


def _save(target: Path, pdf: bytes) -> None:
    from auditor.errors import StorageError
    from auditor.store.store import write_atomic

    if not target.parent.exists():
        raise ReportError(f"保存报告的文件夹 {target.parent} 不存在，请先建立它或换一个 -o 路径。")
    try:
        write_atomic(target, pdf)
    except StorageError:
        raise ReportError(
            f"无法写入报告文件 {target}（可能没有写权限，或文件正在 PDF 阅读器中打开），请关闭它或换一个路径后重试。"
        ) from None


class _Progress:
    def __init__(self, callback: Callable[[str, float], None] | None) -> None:
        self.callback = callback

    def __call__(self, message: str, fraction: float) -> None:
        if self.callback is not None:
            self.callback(message, fraction)
