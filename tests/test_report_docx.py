"""The Word report: a real, editable document (styles, fonts, tables, 主送/落款) that LibreOffice reads."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from auditor.periods import parse_period
from auditor.report import word, write_report
from auditor.session import Session

H1_DAY = dt.date(2026, 7, 5)
RULE_ID = re.compile(r"[a-z]+\.[a-z-]+")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Session:
    from auditor.demo import build_demo

    db = tmp_path_factory.mktemp("docx") / "demo" / "auditor.json"
    build_demo(db)
    return Session(db)


@pytest.fixture(scope="module")
def h1_docx(demo: Session, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "h1.docx"
    return write_report(demo, parse_period("2026H1"), H1_DAY, out)


def test_the_format_follows_the_extension_or_the_option(demo: Session, tmp_path: Path) -> None:
    assert write_report(demo, parse_period("2026H1"), H1_DAY, tmp_path / "a.docx").read_bytes()[:2] == b"PK"
    pdf = write_report(demo, parse_period("2026H1"), H1_DAY, tmp_path / "b", fmt="pdf")
    assert pdf.name == "b.pdf" and pdf.read_bytes()[:4] == b"%PDF"
    named = write_report(demo, parse_period("2026H1"), H1_DAY, tmp_path)
    assert named.name == "某某县财政局机关党支部_2026年上半年_意识形态工作自查报告.docx"


def test_paragraphs_take_named_styles_with_east_asian_fonts(h1_docx: Path) -> None:
    doc = Document(str(h1_docx))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    assert paras[0].style.name == word.TITLE and "自查报告" in paras[0].text
    assert paras[1].style.name == word.ADDRESSEE and paras[1].text == "中共某某县直属机关工作委员会："
    styles = {p.style.name for p in paras}
    assert {word.H1, word.H2, "Normal", word.SIGNATURE, word.ANNEX} <= styles
    fonts = {name: doc.styles[name].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
             for name in (word.TITLE, word.H1, word.H2, "Normal")}
    assert fonts == {word.TITLE: "方正小标宋简体", word.H1: "黑体", word.H2: "楷体_GB2312", "Normal": "仿宋_GB2312"}
    assert all(r._r.rPr is None for p in paras for r in p.runs)  # no direct formatting to fight an edit
    assert [p.text for p in paras if p.style.name == word.H1][:3] == [
        "一、主要工作开展情况", "二、存在的问题", "三、整改措施及下一步打算"]


def test_signature_is_the_formal_name_over_the_date(h1_docx: Path) -> None:
    paras = [p for p in Document(str(h1_docx)).paragraphs if p.style.name == word.SIGNATURE and p.text]
    assert [p.text for p in paras] == ["中共某某县财政局机关支部委员会", "2026年7月5日"]


def test_appendices_are_word_tables(h1_docx: Path) -> None:
    doc = Document(str(h1_docx))
    heads = [tuple(c.text for c in t.rows[0].cells) for t in doc.tables]
    assert ("序号", "日期", "类型", "主题", "佐证材料", "备注") in heads
    assert ("序号", "要求", "检查时段", "完成/要求", "落实情况", "说明") in heads
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not RULE_ID.search(text) and "生成时间" not in text
    assert all(t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in doc.tables)


def _convert(sources: list[Path], out: Path) -> list[str]:
    """Each .docx as LibreOffice prints it (one soffice start for all: its first start is slow)."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(out), "PATH": "/usr/bin:/bin"})
    from pypdf import PdfReader

    texts = []
    for src in sources:
        pdf = out / f"{src.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice did not write a PDF for {src.name}"
        texts.append("\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages))
    return texts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing: "
                    "the check that LibreOffice opens and converts the Word report did not run")
def test_libreoffice_converts_the_branch_and_organ_reports(demo: Session, h1_docx: Path, tmp_path: Path) -> None:
    organ = write_report(demo, parse_period("2026"), dt.date(2026, 11, 22), tmp_path / "organ.docx", body="党组")
    texts = _convert([h1_docx, organ], tmp_path)
    for text, addressee in zip(texts, ("中共某某县直属机关工作委员会：", "中共某某县委："), strict=True):
        flat = re.sub(r"\s+", "", text)
        assert addressee in flat and "—1—" in flat
        assert not RULE_ID.search(text) and "生成时间" not in text
