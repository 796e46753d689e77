"""The shared Word layout (auditor.report.word): page set-up, styles, fonts, footer, tables."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from auditor.report import word


def _sample(path: Path) -> Path:
    doc = word.new_document(title="关于2026年上半年的自查报告", author="某某党支部")
    word.paragraph(doc, "关于2026年上半年的自查报告", word.TITLE)
    word.paragraph(doc, "中共某某县直属机关工作委员会：", word.ADDRESSEE)
    word.paragraph(doc, "现将有关情况报告如下：")
    word.paragraph(doc, "一、基本情况", word.H1)
    word.paragraph(doc, "（一）组织领导", word.H2)
    word.paragraph(doc, "控制字符\x00\x07与<b>标记</b>&照印\n第二行")
    word.signature(doc, "中共某某县财政局机关支部委员会", dt.date(2026, 7, 5))
    word.page_break(doc)
    word.table(doc, ["序号", "主题"], [[str(i), "支部委员会会议" * 30] for i in range(40)], [20, 136],
               right_aligned=[0])
    word.save(doc, path)
    return path


def _east_asian(style: object) -> str:
    fonts = style.element.rPr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    return str(fonts.get(qn("w:eastAsia")))


def test_page_setup_is_gbt_9704(tmp_path: Path) -> None:
    s = Document(str(_sample(tmp_path / "a.docx"))).sections[0]
    mm = [round(x / 36000, 1) for x in (s.page_width, s.page_height, s.top_margin, s.left_margin)]  # EMU
    assert mm == [210, 297, 37, 28]
    assert round((s.page_width - s.left_margin - s.right_margin) / 36000) == 156
    assert round((s.page_height - s.top_margin - s.bottom_margin) / 36000) == 225
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm


def test_styles_name_east_asian_fonts(tmp_path: Path) -> None:
    doc = Document(str(_sample(tmp_path / "a.docx")))
    expected = {word.TITLE: ("方正小标宋简体", 22), word.H1: ("黑体", 16), word.H2: ("楷体_GB2312", 16),
                "Normal": ("仿宋_GB2312", 16)}
    for name, (font, size) in expected.items():
        style = doc.styles[name]
        assert _east_asian(style) == font
        assert style.font.size.pt == size
    paras = {p.text: p for p in doc.paragraphs}
    assert paras["一、基本情况"].style.name == word.H1
    assert paras["中共某某县直属机关工作委员会："].style.name == word.ADDRESSEE
    # Styles, not direct formatting: the body runs carry no font of their own.
    assert all(r._r.rPr is None for p in doc.paragraphs for r in p.runs)


def test_user_text_is_plain_and_xml_safe(tmp_path: Path) -> None:
    doc = Document(str(_sample(tmp_path / "a.docx")))
    texts = [p.text for p in doc.paragraphs]
    assert "控制字符与<b>标记</b>&照印\n第二行" in texts


def test_signature_date_and_footer_page_field(tmp_path: Path) -> None:
    doc = Document(str(_sample(tmp_path / "a.docx")))
    texts = [p.text for p in doc.paragraphs if p.text]
    i = texts.index("中共某某县财政局机关支部委员会")
    assert texts[i + 1] == "2026年7月5日"
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_table_repeats_its_header(tmp_path: Path) -> None:
    doc = Document(str(_sample(tmp_path / "a.docx")))
    t = doc.tables[0]
    assert len(t.rows) == 41
    assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert t.cell(0, 1).paragraphs[0].style.name == word.CELL_HEAD
    assert t.cell(3, 0).text == "2"


def test_zh_date_has_no_leading_zeros() -> None:
    assert word.zh_date(dt.date(2026, 7, 5)) == "2026年7月5日"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing: "
                    "the check that a real office program opens the .docx did not run")
def test_libreoffice_converts_it(tmp_path: Path) -> None:
    src = _sample(tmp_path / "a.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=120,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    pdf = tmp_path / "a.pdf"
    assert pdf.is_file()
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    text = reader.pages[0].extract_text()
    assert "中共某某县直属机关工作委员会" in text
    assert "— 1 —" in text


def _parts(docx: Path | io.BytesIO) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_shipped_base_documents_are_what_the_code_builds() -> None:
    """new_document opens report/bases/*.docx; a change to the page set-up or styles must rebuild them."""
    from auditor.report import word_base

    for layout, name in word._BASE_FILES.items():
        assert _parts(word.BASES / name) == _parts(io.BytesIO(word_base.bytes_of(layout))), \
            f"{name} is stale: run `make word-bases`"


def test_a_new_document_is_dated_when_written_and_carries_no_sample_parts(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    path = _sample(tmp_path / "a.docx")
    after = dt.datetime.now(dt.UTC)
    props = Document(str(path)).core_properties
    assert props.created is not None and before <= props.created <= after  # python-docx's template: 2013
    assert props.modified == props.created and props.author == "某某党支部"
    names = _parts(path)
    assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")]
    assert b"LightShading" not in names["word/styles.xml"] and b'w:styleId="TableGrid"' in names["word/styles.xml"]
