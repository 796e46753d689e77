"""The PDF itself: text a reader can extract, embedded fonts, escaping, reproducibility."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from helpers import DEMO_AS_OF
from pypdf import PdfReader

from auditor.periods import parse_period
from auditor.report import FontWarning, ReportError, write_report
from auditor.report import fonts as report_fonts
from auditor.report.data import in_period
from auditor.session import Session

H1_DAY = dt.date(2026, 7, 5)
"""The H1 report as a secretary writes it: early July."""


def pages(pdf: Path) -> list[str]:
    """Text of each page with whitespace removed (wrapped cells and lines join up)."""
    return [re.sub(r"\s+", "", p.extract_text() or "") for p in PdfReader(pdf).pages]


def font_files(pdf: Path) -> dict[str, bool]:
    """Base font name -> whether the PDF embeds a font program for it."""
    out: dict[str, bool] = {}
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target.get("/FontDescriptor")
            desc = desc.get_object() if desc else {}
            out[str(font["/BaseFont"])] = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Session:
    from auditor.demo import build_demo

    db = tmp_path_factory.mktemp("report") / "demo" / "auditor.json"
    build_demo(db)
    return Session(db)


@pytest.fixture(scope="module")
def h1_pdf(demo: Session, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not any(True for _ in report_fonts.candidates()):
        pytest.fail("no TrueType CJK font on this machine: run `make fonts` (installs fonts-wqy-zenhei)")
    out = tmp_path_factory.mktemp("out") / "h1.pdf"
    return write_report(demo, parse_period("2026H1"), H1_DAY, out, reproducible=True)


def test_text_holds_the_genre_and_no_tool_marks(demo: Session, h1_pdf: Path) -> None:
    text = "".join(pages(h1_pdf))
    assert text.startswith("—1—关于2026年上半年意识形态工作责任制落实情况的自查报告中共某某县直属机关工作委员会：")
    counts = Counter(r.kind for r in in_period(demo.store.records(), parse_period("2026H1"), H1_DAY))
    for kind in ("committee_meeting", "cell_meeting", "theme_day"):
        assert f"{demo.vocabulary.label(kind)}{counts[kind]}次" in text
    signed = text.index("中共某某县财政局机关支部委员会")
    assert text.index("2026年7月5日", signed) - signed < 40  # the formal name, the date under it
    assert not re.search(r"[a-z]+\.[a-z-]+", text) and "生成时间" not in text


def test_page_numbers_in_the_official_form(h1_pdf: Path) -> None:
    texts = pages(h1_pdf)
    assert len(texts) > 3
    for i, t in enumerate(texts, 1):
        assert t.endswith(f"—{i}—") or t.startswith(f"—{i}—") or f"—{i}—" in t


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing: "
                    "the check of the text block's position did not run")
def test_body_is_laid_out_on_the_gbt_9704_block(h1_pdf: Path) -> None:
    box = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(h1_pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert 'width="595.' in box and 'height="841.' in box  # A4
    words = [(float(a), float(b), float(c), w) for a, b, c, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', box)]
    left = min(x for x, _, _, w in words if not w.startswith("—"))
    assert left == pytest.approx(28 * 72 / 25.4, abs=1.0)  # 订口 28 mm
    top = min(y for _, y, _, _ in words)
    assert top == pytest.approx(37 * 72 / 25.4, abs=6)  # 天头 37 mm (the title's line box)
    right = max(x1 for _, _, x1, w in words if not w.startswith("—"))
    assert right <= (28 + 156) * 72 / 25.4 + 16  # within the 156 mm block (a closing mark may hang)


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(h1_pdf: Path) -> None:
    from auditor.report.linebreak import CANNOT_END, CANNOT_START

    lines = [line.strip() for page in PdfReader(h1_pdf).pages
             for line in (page.extract_text() or "").splitlines() if line.strip()]
    assert len(lines) > 300
    assert [line for line in lines if line[0] in CANNOT_START] == []
    assert [line for line in lines if line[-1] in CANNOT_END] == []  # the demo had “ and （ at line ends


def test_chinese_font_is_embedded(h1_pdf: Path) -> None:
    fonts = font_files(h1_pdf)
    assert fonts and all(fonts.values()), f"every font embedded, none left to the reader: {fonts}"
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in fonts), "TrueType fonts are subset"


def test_same_input_same_bytes(demo: Session, h1_pdf: Path, tmp_path: Path) -> None:
    again = write_report(demo, parse_period("2026H1"), H1_DAY, tmp_path / "again.pdf", reproducible=True)
    assert again.read_bytes() == h1_pdf.read_bytes()


def test_year_report_appendix_runs_over_pages_with_repeated_headers(demo: Session, tmp_path: Path) -> None:
    pdf = write_report(demo, parse_period("2025"), DEMO_AS_OF, tmp_path / "y.pdf", reproducible=True)
    texts = pages(pdf)
    head = "序号日期类型主题佐证材料备注"
    listing = [i for i, t in enumerate(texts) if head in t]
    assert len(listing) >= 2 and listing == list(range(listing[0], listing[-1] + 1))
    assert "佐证材料清单" not in texts[listing[1]]  # a continued page still starts with the header


def test_hostile_text_prints_as_typed(tmp_path: Path) -> None:
    session = Session(tmp_path / "db.json")
    from auditor.model import UnitProfile

    session.store.set_profile(UnitProfile(branch_name="<i>A&B</i>党支部", secretary="x <para"))
    session.reload()
    session.store.add_many([
        {"date": "2026-03-05", "kind": "theme_day", "title": "<b>S&P 500 </b><para", "host": "张三&李四",
         "expected": 10, "present": 9, "absentees": [{"name": "王五", "reason": "<出差>"}]},
        {"date": "2026-03-09", "kind": "committee_meeting", "title": "x <para y & z;", "host": "]]>"},
    ])
    pdf = write_report(session, parse_period("2026H1"), dt.date(2026, 6, 30), tmp_path / "h.pdf")
    text = "".join(pages(pdf))
    for typed in ("<i>A&B</i>党支部", "<b>S&P500</b><para", "x<paray&z;"):
        assert typed in text


def test_long_text_never_stops_the_pdf(tmp_path: Path) -> None:
    from auditor.model import UnitProfile

    session = Session(tmp_path / "db.json")
    session.store.set_profile(UnitProfile(branch_name="长" * 300, report_title="题" * 1500,
                                          formal_name="a" * 2000))
    session.reload()
    session.store.add_many([
        {"date": "2026-03-05", "kind": "theme_day", "title": "x" * 2000, "host": "主" * 800,
         "evidence": ["y" * 3000]},
        {"date": "2026-03-09", "kind": "committee_meeting", "title": "题" * 5000},
    ])
    session.store.add_rectification({"problem": "问" * 3000, "measure": "m" * 4000, "responsible": "责" * 500,
                                     "deadline": "2026-05-01", "found_on": "2026-04-01"})
    pdf = write_report(session, parse_period("2026H1"), dt.date(2026, 6, 30), tmp_path / "long.pdf")
    text = "".join(pages(pdf))
    assert "题" * 100 in text and "x" * 100 in text and "等" in text


def test_a_text_of_many_lines_keeps_its_line_breaks_on_every_page(tmp_path: Path) -> None:
    session = Session(tmp_path / "db.json")
    items = [f"第{n:02d}项" + "学习讨论情况" * (1 + n % 6) for n in range(1, 81)]
    session.store.add_many([{"date": "2026-03-09", "kind": "committee_meeting", "title": "\n".join(items)}])
    pdf = write_report(session, parse_period("2026H1"), dt.date(2026, 6, 30), tmp_path / "lines.pdf")
    text = "\n".join(line.strip() for page in PdfReader(pdf).pages
                     for line in (page.extract_text() or "").splitlines())
    body = text[:text.index("\n第80项")].splitlines()  # the first quote of the text (a finding quotes it twice)
    starts = [line[:4] for line in body if line.startswith("第")]
    # Each item starts a line, also after the page breaks that split the paragraph (they used
    # to join the rest's lines: "……情况 第07项……").
    assert starts == [f"第{n:02d}项" for n in range(2, 80)]
    assert not [line for line in body if re.search(r".第\d\d项", line) and "“第01项" not in line]


def test_missing_glyphs_are_named_in_one_warning(tmp_path: Path) -> None:
    session = Session(tmp_path / "db.json")
    session.store.add({"date": "2026-03-05", "kind": "theme_day", "title": "主题党日🎉"})
    notes: list[str] = []
    write_report(session, parse_period("2026H1"), dt.date(2026, 6, 30), tmp_path / "g.pdf", warn=notes.append)
    missing = [n for n in notes if "没有可用的字体" in n]
    assert len(missing) == 1 and "🎉" in missing[0] and "2026-03-05“主题党日🎉”的记录" in missing[0]
    assert any(n.startswith("PDF 字体替代：仿宋_GB2312→") for n in notes)


def test_without_a_truetype_font_it_warns_and_uses_stsong(
    demo: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_fonts, "_CACHE", {})
    monkeypatch.setattr(report_fonts, "candidates", lambda: iter(()))
    with pytest.warns(FontWarning, match="未嵌入字体"):
        pdf = write_report(demo, parse_period("2026H1"), DEMO_AS_OF, tmp_path / "cid.pdf", fmt="pdf")
    fonts = font_files(pdf)
    assert set(fonts) == {"/STSong-Light"} and not any(fonts.values())
    assert "某某县财政局机关党支部" in "".join(pages(pdf))


def test_a_configured_font_that_cannot_be_used_is_a_chinese_error(demo: Session, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"nope")
    demo.profile.report_font = str(bad)
    try:
        with pytest.raises(ReportError, match="报告字体.*TrueType"):
            write_report(demo, parse_period("2026H1"), DEMO_AS_OF, tmp_path / "x.pdf")  # noqa: B018
    finally:
        demo.profile.report_font = ""


def test_progress_reaches_one(demo: Session, tmp_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    write_report(demo, parse_period("2026H2"), DEMO_AS_OF, tmp_path / "p.pdf", progress=lambda m, f: seen.append((m, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) >= 4


def test_cli_writes_the_default_name_and_rejects_a_quarter(
    demo: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(demo.db_path)
    proc = subprocess.run([sys.executable, "-m", "auditor", "--db", db, "report", "-p", "2026H2", "--as-of",
                           "2026-11-22", "--format", "pdf"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("提示：PDF 字体替代：") and proc.stderr.count("\n") == 1
    expected = tmp_path / "某某县财政局机关党支部_2026年下半年_意识形态工作自查报告.pdf"
    assert expected.is_file() and str(expected) in proc.stdout
    bad = subprocess.run([sys.executable, "-m", "auditor", "--db", db, "report", "-p", "2026Q3"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("错误：") and "半年或全年" in bad.stderr


def test_missing_output_folder_is_a_chinese_error(demo: Session, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="不存在"):
        write_report(demo, parse_period("2026H1"), DEMO_AS_OF, tmp_path / "nope" / "r.pdf")


def test_importing_the_report_package_and_command_stays_light() -> None:
    code = ("import sys, auditor.report, auditor.cli.report_cmd; "
            "print(any(m.startswith(('reportlab', 'docx')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_pdf_bytes_parse(h1_pdf: Path) -> None:
    reader = PdfReader(io.BytesIO(h1_pdf.read_bytes()))
    assert reader.metadata is not None and "自查报告" in (reader.metadata.title or "")


def test_a_character_the_body_face_lacks_is_drawn_with_another(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    fonts = report_fonts.setup_fonts()
    body = pdfmetrics.getFont(fonts.body).face.charToGlyph
    others = [n for n in fonts.faces if n != fonts.body]
    spare = next((chr(c) for c in range(0x2000, 0x3400) if c not in body
                  and any(c in pdfmetrics.getFont(n).face.charToGlyph for n in others)), None)
    if spare is None:
        pytest.skip("every loaded face has the same characters here: no fallback to show")
    session = Session(tmp_path / "db.json")
    session.store.add({"date": "2026-03-05", "kind": "theme_day", "title": f"主题党日{spare}学习"})
    notes: list[str] = []
    pdf = write_report(session, parse_period("2026H1"), dt.date(2026, 6, 30), tmp_path / "f.pdf", warn=notes.append)
    assert not [n for n in notes if "没有可用的字体" in n]
    assert f"主题党日{spare}学习" in "".join(pages(pdf))
