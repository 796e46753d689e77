"""`auditor report`: format by extension or option, the 党组's summary, the report date, --record."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from helpers import cli

from auditor.session import Session


def test_word_by_default_pdf_by_option_and_the_organ_by_body(demo_db: Path, tmp_path: Path) -> None:
    code, out, err = cli(demo_db, "report", "-p", "2026H1", "--as-of", "2026-07-05", "-o", str(tmp_path / "r.docx"),
                         "--date", "2026-07-08", "--notice", "关于开展意识形态工作自查的通知")
    assert code == 0, err
    texts = [p.text for p in Document(str(tmp_path / "r.docx")).paragraphs if p.text]
    assert texts[2].startswith("根据《关于开展意识形态工作自查的通知》要求，") and "2026年7月8日" in texts
    code, out, err = cli(demo_db, "report", "-p", "2026", "--as-of", "2026-11-22", "--body", "党组",
                         "--format", "pdf", "-o", str(tmp_path / "organ"))
    assert code == 0, err
    assert (tmp_path / "organ.pdf").read_bytes()[:4] == b"%PDF" and str(tmp_path / "organ.pdf") in out
    assert err.startswith("提示：PDF 字体替代：仿宋_GB2312→")


def test_a_name_and_a_format_that_disagree_is_a_chinese_error(demo_db: Path, tmp_path: Path) -> None:
    code, _, err = cli(demo_db, "report", "-p", "2026H1", "--format", "pdf", "-o", str(tmp_path / "r.docx"))
    assert code == 2 and err.startswith("错误：") and ".pdf" in err and not (tmp_path / "r.docx").exists()


def test_record_logs_the_report_once_with_the_file(demo_db: Path, tmp_path: Path) -> None:
    before = [r for r in Session(demo_db).store.records() if r.kind == "ideology_report"]
    code, out, err = cli(demo_db, "report", "-p", "2026H2", "--as-of", "2026-12-18", "--record",
                         "-o", str(tmp_path / "h2.docx"))
    assert code == 0, err
    assert "已登记为2026年下半年的意识形态工作报告" in out
    after = [r for r in Session(demo_db).store.records() if r.kind == "ideology_report"]
    assert len(after) == len(before) + 1
    new = after[-1]
    assert new.covers == "2026H2" and new.date.isoformat() == "2026-12-18" and new.evidence[0].endswith("h2.docx")
    # once more for the same period: the file goes to the record already there, no second report
    code, out, _ = cli(demo_db, "report", "-p", "2026H2", "--as-of", "2026-12-18", "--record",
                       "-o", str(tmp_path / "h2b.docx"))
    assert code == 0 and "已把报告文件附到该记录" in out
    again = [r for r in Session(demo_db).store.records() if r.kind == "ideology_report"]
    assert len(again) == len(after) and len(again[-1].evidence) == 2
