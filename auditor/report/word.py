"""Word documents in the official-document layout (GB/T 9704-2012), with python-docx.

The shared layout of every DOCX the tool writes: the 自查报告, the 会议记录 and the
台账 binder. One call makes a document whose page set-up, named styles and footer are
right; the helpers then add paragraphs in those styles, so a user who edits a sentence
in Word or WPS keeps the look (no direct formatting on runs, no text boxes)::

    from auditor.report import word

    doc = word.new_document(title="关于……的自查报告", author="某某党支部")
    word.paragraph(doc, "关于……的自查报告", word.TITLE)
    word.paragraph(doc, "中共某某县直属机关工作委员会：", word.ADDRESSEE)
    word.paragraph(doc, "现将有关情况报告如下：")            # 正文 (the Normal style)
    word.paragraph(doc, "一、基本情况", word.H1)             # 黑体
    word.paragraph(doc, "（一）组织领导", word.H2)           # 楷体
    word.table(doc, ["日期", "主题"], [["2026-07-05", "……"]], widths_mm=[30, 126])
    word.signature(doc, "中共某某县财政局机关支部委员会", dt.date(2026, 7, 5))
    word.save(doc, path)                                     # or word.to_bytes(doc)

Fonts are named, not embedded: each style names its East Asian font (``w:eastAsia``)
as well as its Latin one, so Word and WPS pick 仿宋_GB2312 and the like where installed
and substitute otherwise. ``RECORD`` is the layout of branch minutes as kept in
practice (Word's default margins, fixed 31 pt lines), ``OFFICIAL`` the GB/T 9704 one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document as _open
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from auditor.report.wordxml import (
    clean,
    indent_right,
    table_rows,
)

__all__ = [
    "ADDRESSEE", "ANNEX", "ANNEX_LIST", "BODY", "CELL", "CELL_HEAD", "FIELD", "H1", "H2", "H3", "NOTE", "OFFICIAL", "RECORD",
    "SIGNATURE", "TEXT_WIDTH_MM", "TITLE", "Document", "PageLayout", "clean", "new_document", "page_break", "paragraph",
    "save", "signature", "table", "to_bytes", "zh_date",
]

XIAOBIAOSONG, HEITI, KAITI, FANGSONG, SONGTI = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
SIZE_2, SIZE_3, SIZE_4, SIZE_5 = 22.0, 16.0, 14.0, 10.5  # 2号, 3号, 4号, 5号 in points

# Style names as Word and WPS show them. BODY is the built-in Normal style, which a
# Chinese Word calls 正文: new paragraphs and pasted text land in it.
BODY = "Normal"
TITLE, ADDRESSEE, H1, H2, H3 = "公文标题", "主送机关", "一级标题", "二级标题", "三级标题"
SIGNATURE, ANNEX, NOTE, CELL, CELL_HEAD = "落款", "附件标识", "说明文字", "表格文字", "表头文字"
ANNEX_LIST = "附件说明"
"""附件：1．… under the text, the later numbers aligned under the first (hanging indent)."""
FIELD = "记录要素"
"""A label-value line of a minutes page (主持人：王建国): body text, not indented."""


@dataclass(frozen=True)
class PageLayout:
    """A4 page set-up: margins, line pitch, and the character grid when there is one."""

    top: float
    bottom: float
    left: float
    right: float
    line_pt: float
    chars_per_line: int = 0
    """0: no character grid (Word's default spacing)."""
    footer_mm: float = 23.0


TEXT_WIDTH_MM = 156.0
"""Width of the GB/T 9704 text block, for table column widths."""
# GB/T 9704: text block 156 x 225 mm from 37 mm top and 28 mm left; 22 lines of 28 chars
# (225 mm / 22 = 28.95 pt, Word's usual 固定值). The page number's rule sits 7 mm below.
OFFICIAL = PageLayout(top=37, bottom=35, left=28, right=26, line_pt=28.95, chars_per_line=28, footer_mm=23)
# Branch minutes as kept in practice (regulations.md section 10): Word's default margins.
RECORD = PageLayout(top=25.4, bottom=25.4, left=31.7, right=31.7, line_pt=31, footer_mm=17.5)
BASES = Path(__file__).with_name("bases")
"""The empty styled documents of the layouts the tool writes (``python -m auditor.report.word_base``)."""
_BASE_FILES: dict[PageLayout, str] = {OFFICIAL: "official.docx", RECORD: "record.docx"}

# ASCII style ids (Word shows the names); stable, so a user's template can refer to them.
_STYLE_IDS: dict[str, str] = {
    TITLE: "DocTitle", ADDRESSEE: "Addressee", H1: "Level1", H2: "Level2", H3: "Level3",
    SIGNATURE: "Signature", ANNEX: "AnnexLabel", ANNEX_LIST: "AnnexList", NOTE: "Note", CELL: "CellText", CELL_HEAD: "CellHead",
    FIELD: "RecordField",
}
def new_document(title: str = "", author: str = "", layout: PageLayout = OFFICIAL) -> Document:
    """An empty A4 document with the layout's page set-up, styles and page-number footer.

    It opens the layout's copy built once by ``word_base`` (a test checks the copy against a
    fresh build): building the styles and footer each time was most of a one-record minutes
    run's own work.
    """
    doc = _open(str(BASES / _BASE_FILES[layout]))
    props = doc.core_properties
    props.title, props.author, props.language = clean(title)[:250], clean(author)[:250], "zh-CN"
    props.last_modified_by, props.comments, props.revision = props.author, "", 1
    # python-docx's template says 2013: a file written now says now (UTC, as Word writes it)
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    return doc


def paragraph(doc: Document, text: str, style: str = BODY) -> Paragraph:
    """One paragraph of plain text in a named style; ``\\n`` in the text becomes a line break."""
    lines = clean(text).split("\n")
    p = doc.add_paragraph()
    if style in _STYLE_IDS:  # by id: python-docx's lookup by name scans every style each time
        p._p.get_or_add_pPr().style = _STYLE_IDS[style]
    elif style != BODY:
        p.style = doc.styles[style]
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    return p


def page_break(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def signature(doc: Document, name: str, day: dt.date, *, seal_lines: int = 3) -> None:
    """落款: the organisation's formal name over the date, with room above for the seal.

    GB/T 9704 7.3.5.1: the date ends four characters from the right margin and the
    name is centred over it; the seal presses on both, so blank lines come first. The
    signature never starts a page of its own: it is kept with the paragraph before it.
    """
    date = zh_date(day)
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    for _ in range(seal_lines):
        doc.add_paragraph(style=SIGNATURE).paragraph_format.keep_with_next = True
    name = clean(name)
    name_p = paragraph(doc, name, SIGNATURE)
    name_p.paragraph_format.keep_with_next = True
    shift = max(0.0, (len(date) - len(name)) / 2)
    indent_right(name_p, 4 + shift)
    indent_right(paragraph(doc, date, SIGNATURE), 4)


def table(
    doc: Document,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_mm: Sequence[float],
    *,
    right_aligned: Sequence[int] = (),
) -> Table:
    """A bordered Word table: the header row repeats on each page, no row splits across pages.

    Cells are plain text in 表格文字 (header in 表头文字); rows are built as XML directly,
    since python-docx's cell API is quadratic in the table size.
    """
    t = doc.add_table(rows=0, cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.autofit = False
    twips = [round(w * 56.6929) for w in widths_mm]
    grid = t._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(w))
    cell_id, head_id = _STYLE_IDS[CELL], _STYLE_IDS[CELL_HEAD]
    t._tbl.extend(table_rows([header], twips, head_id, header=True))
    t._tbl.extend(table_rows(rows, twips, cell_id, right=set(right_aligned)))
    return t


def to_bytes(doc: Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def save(doc: Document, path: Path | str) -> None:
    """Write the document in place of ``path`` atomically (a half-written .docx does not open)."""
    from auditor.store.store import write_atomic

    write_atomic(Path(path), to_bytes(doc))


def zh_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704 writes it: 2026年7月5日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"
