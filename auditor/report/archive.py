"""The year's 台账 binder: cover, contents by kind and month, every minutes page with its evidence.

One Word document on the shared layout (``report.word``, the minutes layout ``RECORD``):
the cover carries no page number, the rest is numbered — 1 —. Meetings (kinds with
``meeting: true``) get their minutes page in date order — the unit's own template for
the kind where the profile sets one, as ``auditor minutes`` prints it, else the built-in
page — each followed by its evidence:
images placed and scaled to the text block, other files listed by name. Records of
other kinds (宣传信息, 谈心谈话 …) are listed in one table at the end. The PDF is this
document converted by LibreOffice (``report.office``), so both formats are one binder.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from auditor.model import Record, UnitProfile
from auditor.periods import Period
from auditor.report import word
from auditor.report.binder_pages import TemplatePages
from auditor.report.minutes import add_page, template_for
from auditor.report.minutes_content import BLANK, cn_date, minutes_values
from auditor.report.wordxml import element
from auditor.rulebook.kinds import Vocabulary

if TYPE_CHECKING:
    from auditor.engine.bodies import BodyScope
    from auditor.session import Session

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
EXIF_ORIENTATION = 0x0112
MAX_PIXELS = 2000
"""Long side of a placed picture: ~340 dpi at the 150 mm it is at most, enough to read a 签到表."""
TEXT_WIDTH_MM = 210 - word.RECORD.left - word.RECORD.right
IMAGE_MAX_HEIGHT_MM = 150.0
"""An image is at most this tall, so its caption and the next one start on the same page."""
CN_NUMBERS = "一二三四五六七八九十"
BOOKMARK = "minutes_{}"
"""The bookmark of the N-th minutes page (第N篇), which the contents' 页码 refer to."""
OTHERS = "other_records"


@dataclass(frozen=True)
class Binder:
    meetings: tuple[Record, ...]
    others: tuple[Record, ...]
    period: Period
    body: str = ""
    """Label of the body whose binder it is when not the branch's (党委（党组）): the unit heads it."""


def select(records: Sequence[Record], vocab: Vocabulary, period: Period, scope: BodyScope | None = None) -> Binder:
    """The period's records in date order, of one body's work when ``scope`` is given: meetings and the rest.

    A 支部's binder holds the 支部's work (with its 支委会, 党小组 …), not the 党组's meetings
    kept in the same log; those are the 党组's own binder (``--body 党组``), as for check.
    """
    top = vocab.top_body(scope.body) if scope else ""
    inside = sorted((r for r in records if period.start <= r.date <= period.end
                     and (scope is None or scope.record_top(r) == top)), key=lambda r: (r.date, r.time, r.id))
    meeting = {k.id for k in vocab.kinds if k.meeting}
    return Binder(tuple(r for r in inside if r.kind in meeting), tuple(r for r in inside if r.kind not in meeting),
                  period, vocab.body_label(top) if top and top != vocab.top_body("branch") else "")


def build(binder: Binder, vocab: Vocabulary, profile: UnitProfile, db: Path) -> word.Document:
    label = binder.period.label
    title = f"{label}度党建工作台账" if binder.period.kind == "year" else f"{label}党建工作台账"
    doc = word.new_document(title=title, author=profile.display_name, layout=word.RECORD)
    doc.sections[0].different_first_page_header_footer = True  # the cover has no page number
    _cover(doc, binder, profile, title)
    _contents(doc, binder, vocab)
    pages = TemplatePages(doc)
    for number, record in enumerate(binder.meetings, start=1):
        mark = word.paragraph(doc, f"第{number}篇", word.NOTE)
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark.paragraph_format.page_break_before = True
        _bookmark(mark, number)
        values = minutes_values(record, vocab, profile)
        template = template_for(profile, record.kind, db)
        if template is None:
            add_page(doc, values)
        else:  # the unit's own page, as `auditor minutes` prints it
            pages.append(template, values)
        _evidence(doc, record, db)
    if binder.others:
        _others(doc, binder.others, vocab)
    _update_fields_on_open(doc)
    return doc


def _bookmark(paragraph: Paragraph, number: int, name: str = "") -> None:
    """Bookmark 第N篇 so that the contents can give its page (a PAGEREF field)."""
    p = paragraph._p
    start = element("w:bookmarkStart", id=str(number), name=name or BOOKMARK.format(number))
    p.insert(p.index(p.get_or_add_pPr()) + 1, start)
    p.append(element("w:bookmarkEnd", id=str(number)))


def _page_refs(table: Table, numbers: Sequence[int]) -> None:
    """The 页码 column: a PAGEREF field per row, computed by Word, WPS and LibreOffice when laid out.

    Left without a cached number: until the fields are updated, a blank is better than a
    page number that may be wrong.
    """
    for tr, number in zip(table._tbl.tr_lst[1:], numbers, strict=True):
        p = tr.tc_lst[-1].p_lst[0]
        for run in p.r_lst:
            p.remove(run)
        p.append(_page_ref(BOOKMARK.format(number)))


def _page_ref(bookmark: str) -> Any:
    return parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGEREF {bookmark} \\h "><w:r><w:t></w:t></w:r></w:fldSimple>')


# Children of w:settings that come after w:updateFields in the schema's order.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema themeFontLang "
                        "clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
                        "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
                        "decimalSymbol listSeparator").split()


def _update_fields_on_open(doc: word.Document) -> None:
    """Word updates the contents' page numbers when the binder is opened (it asks first)."""
    settings = doc.settings.element
    after = next((i for i, el in enumerate(settings) if el.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS),
                 len(settings))
    settings.insert(after, element("w:updateFields", val="true"))


def _cover(doc: word.Document, binder: Binder, profile: UnitProfile, title: str) -> None:
    for _ in range(4):
        word.paragraph(doc, "", word.FIELD)
    heading = profile.unit_name if binder.body else profile.branch_name or profile.unit_name
    word.paragraph(doc, heading or BLANK, word.TITLE)
    word.paragraph(doc, title, word.TITLE)
    word.paragraph(doc, "（会议记录及佐证材料）", word.TITLE)
    for _ in range(3):
        word.paragraph(doc, "", word.FIELD)
    meetings = binder.meetings
    span = f"{cn_date(*_ymd(meetings[0]))}至{cn_date(*_ymd(meetings[-1]))}" if meetings else BLANK
    for label, value in (
        ("单　　位", profile.unit_name or BLANK),
        ("主　　体", binder.body) if binder.body else ("支　　部", profile.branch_name or BLANK),
        ("年　　度", binder.period.label), ("起止日期", span),
        ("卷内数量", f"会议记录{len(meetings)}篇，其他工作记录{len(binder.others)}条"),
        ("保管期限", BLANK), ("立卷日期", BLANK),
    ):
        paragraph = word.paragraph(doc, f"{label}：{value}", word.FIELD)
        paragraph.paragraph_format.left_indent = Mm(12)


def _ymd(record: Record) -> tuple[int, int, int]:
    return record.date.year, record.date.month, record.date.day


def _contents(doc: word.Document, binder: Binder, vocab: Vocabulary) -> None:
    """目录: one part per kind (in the vocabulary's order), its meetings by month."""
    word.paragraph(doc, "目　　录", word.TITLE).paragraph_format.page_break_before = True
    word.paragraph(doc, "会议记录按日期排列，序号即正文中各篇右上角的“第N篇”，页码为该篇首页的页码。", word.NOTE)
    order = {r.id: n for n, r in enumerate(binder.meetings, start=1)}
    part = 0
    for kind in vocab.kinds:
        rows = [r for r in binder.meetings if r.kind == kind.id]
        if not rows:
            continue
        word.paragraph(doc, f"{_cn(part)}、{kind.label}（{len(rows)}次）", word.H1)
        part += 1
        table_rows, last_month = [], 0
        for r in rows:
            month = f"{r.date.month}月" if r.date.month != last_month else ""
            last_month = r.date.month
            table_rows.append([month, f"{r.date.month}月{r.date.day}日", r.title, str(order[r.id]), ""])
        table = word.table(doc, ["月份", "日期", "会议名称", "序号", "页码"], table_rows,
                           widths_mm=[16, 26, 76, 14, 14], right_aligned=(3, 4))
        _page_refs(table, [order[r.id] for r in rows])
    if binder.others:
        line = word.paragraph(doc, f"{_cn(part)}、其他工作记录（{len(binder.others)}条，列表见第", word.H1)
        line._p.append(_page_ref(OTHERS))
        line.add_run("页）")


def _cn(n: int) -> str:
    return CN_NUMBERS[n] if n < 10 else f"十{CN_NUMBERS[n - 10]}" if n < 19 else str(n + 1)


def _evidence(doc: word.Document, record: Record, db: Path) -> None:
    """佐证材料: images placed at the text block's width, other files by name."""
    from auditor.store.evidence import resolve

    label = word.paragraph(doc, "佐证材料：" + ("" if record.evidence else "无"), word.FIELD)
    label.paragraph_format.keep_with_next = bool(record.evidence)
    for n, ref in enumerate(record.evidence, start=1):
        path = resolve(db, ref)
        name = Path(ref).name
        if not path.is_file():
            word.paragraph(doc, f"{n}. {name}（文件未找到）", word.FIELD)
        elif path.suffix.lower() in IMAGE_SUFFIXES and _picture(doc, path):
            word.paragraph(doc, f"图{n}　{name}", word.NOTE).alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            word.paragraph(doc, f"{n}. {name}", word.FIELD)


def _picture(doc: word.Document, path: Path) -> bool:
    """Place an image scaled into the text block; False when it cannot be read as one."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    try:
        blob = _upright(path)
        image = Image.from_blob(blob)
    except (UnrecognizedImageError, OSError, ValueError, IndexError, SyntaxError):
        return False
    width_mm = image.width.mm
    height_mm = image.height.mm
    scale = min(1.0, TEXT_WIDTH_MM / width_mm, IMAGE_MAX_HEIGHT_MM / height_mm)
    p = word.paragraph(doc, "", word.FIELD)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = 1.0  # a fixed line pitch would crop the picture
    p.add_run().add_picture(io.BytesIO(blob), width=Mm(width_mm * scale))
    return True


def _upright(path: Path) -> bytes:
    """The image's bytes as placed: a phone photo turned as its EXIF orientation says (Word and
    LibreOffice place a JPEG as stored, on its side), one over MAX_PIXELS made that size (its
    printed size kept), so forty 12-megapixel photos do not make a 200 MB binder. The file is not changed."""
    data = path.read_bytes()
    if path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
        return data
    from PIL import Image as Pillow
    from PIL import ImageOps

    with Pillow.open(io.BytesIO(data)) as photo:
        turn = photo.format == "JPEG" and photo.getexif().get(EXIF_ORIENTATION, 1) not in (1, None)
        if not turn and max(photo.size) <= MAX_PIXELS:
            return data
        dpi, long_side, jpeg = photo.info.get("dpi", (72, 72)), max(photo.size), photo.format == "JPEG"
        if jpeg:
            photo.draft("RGB", (MAX_PIXELS, MAX_PIXELS))  # decoded at 1/2, 1/4 … of its size: fast
        placed = ImageOps.exif_transpose(photo)
        placed.thumbnail((MAX_PIXELS, MAX_PIXELS))
        shrink = max(placed.size) / long_side
        out = io.BytesIO()
        kept = (max(1, round(float(dpi[0]) * shrink)), max(1, round(float(dpi[1]) * shrink)))
        placed.save(out, "JPEG" if jpeg else "PNG", dpi=kept, **({"quality": 88} if jpeg else {}))
        return out.getvalue()


def _others(doc: word.Document, records: Sequence[Record], vocab: Vocabulary) -> None:
    title = word.paragraph(doc, "其他工作记录", word.TITLE)
    title.paragraph_format.page_break_before = True
    _bookmark(title, 0, OTHERS)
    rows = [[f"{r.date.month}月{r.date.day}日", vocab.label(r.kind), r.title,
             "、".join(Path(e).name for e in r.evidence) or "无"] for r in records]
    word.table(doc, ["日期", "类型", "主题", "佐证材料"], rows, widths_mm=[24, 30, 62, 30])


def write_binder(session: Session, period: Period, out: Path, body: str | None = None) -> Binder:
    """One body's binder of a period (the reporting body's by default) as .docx, or .pdf of it."""
    from auditor.store.atomic import write_atomic

    scope = session.scope(body)
    binder = select(session.store.records(), session.vocabulary, period, scope)
    if not binder.meetings and not binder.others:
        from auditor.errors import InputError

        raise InputError(f"{period.label}没有{scope.label}的记录，没有可装订的台账；请检查期间（如 2026）或 --body。")
    payload = word.to_bytes(build(binder, session.vocabulary, session.profile, session.db_path))
    if out.suffix.lower() == ".pdf":
        from auditor.report.office import docx_to_pdf

        docx_to_pdf(payload, out)
    else:
        write_atomic(out, payload)
    return binder
