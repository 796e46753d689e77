"""The PDF's line breaking follows the Chinese rules (禁则): no closing mark starts a line,
no opening mark ends one, a number or a Latin word stays whole."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.report.linebreak import CANNOT_END, CANNOT_START, break_lines, may_break


def lines(text: str, per_line: int, first: int | None = None) -> list[str]:
    """Lines of ``text`` with every character one unit wide."""
    widths = [float(first if first is not None else per_line), float(per_line)]
    return [text[a:b] for a, b in break_lines(text, [1.0] * len(text), widths)]


@pytest.mark.parametrize(("text", "per_line", "expected"), [
    ("一二三（四五）", 4, ["一二三", "（四五）"]),  # an opening bracket moves down
    ("一二三“四五”", 4, ["一二三", "“四五”"]),
    ("一二三四。五", 4, ["一二三", "四。五"]),  # a full stop takes its character with it
    ("一二三）。四", 3, ["一二", "三）。", "四"]),  # two closing marks: neither starts a line
    ("共计2026年", 5, ["共计", "2026年"]),  # a number is never split
    ("一二三——四", 4, ["一二三", "——四"]),  # nor a 破折号
    ("x" * 10, 4, ["xxxx", "xxxx", "xx"]),  # a word longer than a line is cut
    ("一二\n三四五六七", 4, ["一二\n", "三四五六", "七"]),  # a forced break ends its line
    ("一二三 四五", 3, ["一二三", "四五"]),  # a space at a line start is dropped
])
def test_lines_break_by_the_rules(text: str, per_line: int, expected: list[str]) -> None:
    assert lines(text, per_line) == expected


def test_the_first_line_may_be_shorter_than_the_rest() -> None:
    assert lines("一二三四五六七八", 4, first=2) == ["一二", "三四五六", "七八"]


def test_no_break_is_legal_after_an_opening_or_before_a_closing_mark() -> None:
    for c in "“《（‘【":
        assert c in CANNOT_END and not may_break(c, "字")
    for c in "”》），。、；：？！":
        assert c in CANNOT_START and not may_break("字", c)
    assert may_break("字", "（") and may_break("）", "字")


def test_reportlab_paragraphs_break_by_the_rules() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    from auditor.report.pdf_para import ZhParagraph, wrap_plain

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # ReportLab's own: 10 pt per character at 10 pt
    style = ParagraphStyle("t", fontName="STSong-Light", fontSize=10, leading=12, wordWrap="CJK")
    text = "一二三（四五六）七八九，十一二“三四”。五六七《八九》十"
    para = ZhParagraph(text, style)
    para.wrap(40.5, 1000)  # four characters a line
    got = ["".join(w.text for w in line.words) for line in para.blPara.lines]
    assert "".join(got) == text
    assert all(line[0] not in CANNOT_START and line[-1] not in CANNOT_END for line in got), got
    assert got[:3] == ["一二三", "（四五", "六）七八"]
    cell = wrap_plain(text, 40.5, "STSong-Light", 10).split("\n")
    assert cell == got  # table cells break the same way


def _style(**kw: object) -> Any:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return ParagraphStyle("t", fontName="STSong-Light", fontSize=10, leading=12, wordWrap="CJK",
                          alignment=TA_JUSTIFY, **kw)


def _markup(text: str) -> str:
    """Escaped text with a and b in another face (lines of several fragments), \n a forced break."""
    return "".join(f'<font face="Helvetica">{c}</font>' if c in "ab" else "<br/>" if c == "\n" else escape(c)
                   for c in text)


def _shape(para: Any) -> list[tuple[object, ...]]:
    return [(tuple((w.text, w.fontName, w.fontSize) for w in line.words), line.currentWidth, line.extraSpace,
             line.maxWidth, line.fontSize, line.ascent, line.descent, line.lineBreak) for line in para.blPara.lines]


@settings(max_examples=40, derandomize=True, deadline=None)
@given(text=st.text(alphabet="一二三四五六七八，。、；？！“”（）《》—…ab12 \n", min_size=80, max_size=400),
       chars=st.integers(3, 12), rows=st.integers(2, 5), indent=st.sampled_from([0, 20]),
       breaks=st.booleans())
def test_each_piece_of_a_split_paragraph_keeps_the_lines_its_words_break_into(
    text: str, chars: int, rows: int, indent: int, breaks: bool
) -> None:
    from auditor.report.pdf_para import ZhParagraph

    text = text if breaks else text.replace("\n", "")
    width = chars * 10 + 0.5
    para = ZhParagraph(_markup(text), _style(firstLineIndent=indent))
    whole = ZhParagraph(_markup(text), _style(firstLineIndent=indent))
    whole.wrap(width, 1000)
    unsplit, done = _shape(whole), 0
    for _ in range(200):
        para.wrap(width, 1000)
        lines = _shape(para)
        if "\n" in text:  # forced breaks: the rest goes on as the paragraph unsplit does
            assert lines == unsplit[done:done + len(lines)]
        else:  # what ReportLab does with the rest of a split: a new paragraph of its words, broken afresh
            fresh = ZhParagraph(None, para.style, frags=para.frags)
            fresh.wrap(width, 1000)
            assert lines == _shape(fresh)
        parts = para.split(width, rows * 12)
        if len(parts) < 2:
            assert done + len(lines) == len(unsplit)
            return
        para.wrap(width, 1000)  # the split edited the words of the lines it cut: wrapped again, as before
        assert _shape(para) == lines
        done += len(parts[0].blPara.lines)
        para = parts[1]
    raise AssertionError("the paragraph never ran out")


def _texts(para: Any) -> list[str]:
    """Each line's text, a forced break as \\n."""
    return ["".join(w.text for w in line.words) + "\n" * line.lineBreak for line in para.blPara.lines]


@pytest.mark.parametrize(("indent", "expected"), [
    (0, ["九十一二", "三\n", "四五六七", "八九十一", "二三四五", "六七八\n", "九十一二"]),
    (20, ["七八九十", "一二三\n", "四五六七", "八九十一", "二三四五", "六七八\n", "九十一二"]),
])
def test_the_rest_of_a_split_paragraph_keeps_its_forced_breaks(indent: int, expected: list[str]) -> None:
    from auditor.report.pdf_para import ZhParagraph

    # A page split used to turn each <br/> of the rest into a space: "三 四五", "六七 八" on the next page.
    text = "一二三四五六七八九十一二三\n四五六七八九十一二三四五六七八\n九十一二三四五六七八九十"
    para = ZhParagraph(_markup(text), _style(firstLineIndent=indent))
    para.wrap(40.5, 1000)  # four characters a line (two in an indented first line)
    _, rest = para.split(40.5, 24)  # two lines fit
    rest.wrap(40.5, 1000)
    assert _texts(rest)[:7] == expected
    # A rest wrapped at another width (a narrower frame) breaks its own words, keeping the breaks too.
    rest.wrap(30.5, 1000)
    assert [line[-2:] for line in _texts(rest) if line.endswith("\n")] == ["三\n", "八\n"]


def test_the_glyphs_and_lines_are_reportlabs_own() -> None:
    from reportlab.platypus.paragraph import cjkU, makeCJKParaLine

    from auditor.report.pdf_para import ZhParagraph, _para_line, _units

    para = ZhParagraph(_markup("一二ab三，“四”ba 五<br/>六") + "<br/>", _style())
    units = _units(para.frags)
    theirs = [cjkU(c, f, "utf8") for f in para.frags for c in (f.text or [""])]
    assert [(u, u.width, u.frag) for u in units] == [(u, u.width, u.frag) for u in theirs]
    for calc in (False, True):
        for a, b in ((0, len(units)), (2, 9), (8, len(units))):
            mine, rl = _para_line(units[a:b], 50.0, 30.0, False, calc), makeCJKParaLine(theirs[a:b], 50.0, 30.0, 20.0,
                                                                                       False, calc)
            assert vars(mine) | {"words": None} == vars(rl) | {"words": None}
            assert [vars(w) for w in mine.words] == [vars(w) for w in rl.words]


@pytest.mark.parametrize("line", ["一二三四五，六七八九十。", "一二三四五，六七八九十。\n"], ids=["plain", "br"])
def test_a_paragraph_over_many_pages_is_measured_about_twice(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    from reportlab.platypus import SimpleDocTemplate

    from auditor.report import pdf_para

    measured = [0]
    build = pdf_para._Lines.__init__

    def counting(self: Any, units: list[Any], widths: list[float], calc: bool) -> None:
        measured[0] += len(units)
        build(self, units, widths, calc)

    monkeypatch.setattr(pdf_para._Lines, "__init__", counting)
    text = line * 500
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=(200, 200), leftMargin=10, rightMargin=10, topMargin=10,
                            bottomMargin=10)
    doc.build([pdf_para.ZhParagraph(_markup(text), _style())])
    assert doc.page > 15
    # Once for the paragraph, once for the rest after its first page; breaking each page's rest
    # afresh (ReportLab's way) measured about pages / 2 times the text. A text with forced
    # breaks goes on with its own lines: measured once.
    assert len(text) <= measured[0] < 2.5 * len(text)
