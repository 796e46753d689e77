"""The PDF's line breaking follows the Chinese rules (禁则): no closing mark starts a line,
no opening mark ends one, a number or a Latin word stays whole."""

from __future__ import annotations

import pytest

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
