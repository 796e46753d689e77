"""A .docx made into a PDF by LibreOffice, so the PDF is the same document page for page.

Used for the minutes and the 台账 binder when the output name ends in .pdf. LibreOffice
runs headless with a private profile in a temporary folder (so it neither waits for nor
disturbs a LibreOffice the user has open). Without ``soffice`` the user is told to
install it or to write the .docx and save it as PDF in Word or WPS.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from auditor.errors import InputError, StorageError

TIMEOUT_S = 300


def soffice() -> str | None:
    """The LibreOffice program, from $AUDITOR_SOFFICE or the PATH."""
    named = os.environ.get("AUDITOR_SOFFICE")
    if named:
        return named if Path(named).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, out: Path) -> None:
    """Write ``out`` (.pdf) from the bytes of a .docx; the old file stays if conversion fails."""
    from auditor.store.atomic import write_atomic

    program = soffice()
    if program is None:
        raise InputError(
            f"生成 PDF（{out.name}）需要 LibreOffice，本机没有找到 soffice；请安装 LibreOffice，"
            "或把输出文件名改为 .docx，再用 Word 或 WPS 另存为 PDF。"
        )
    with tempfile.TemporaryDirectory(prefix="auditor-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()
        cmd = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise StorageError(f"LibreOffice 转换 PDF 失败（{type(e).__name__}），请改为输出 .docx。") from None
        pdf = folder / "document.pdf"
        if not pdf.is_file():
            raise StorageError("LibreOffice 没有生成 PDF，请改为输出 .docx，再用 Word 或 WPS 另存为 PDF。")
        write_atomic(out, pdf.read_bytes())
