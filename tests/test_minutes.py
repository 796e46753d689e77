"""Minutes (会议记录) as Word: the page of a record, templates, and minutes read back in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from minutes_docs import hand_made_folder, lines_docx

from auditor.errors import InputError
from auditor.io.minutes_docx import MinutesProblems, read_minutes, read_one
from auditor.io.minutes_text import when_text
from auditor.model import Absentee, Record, UnitProfile, record_from_doc, record_to_doc
from auditor.report.minutes import default_template, write_minutes
from auditor.rulebook.kinds import Vocabulary
from auditor.rulebook.loader import RuleSet

TODAY = dt.date(2026, 12, 1)
PROFILE = UnitProfile(unit_name="某某县财政局", branch_name="某某县财政局机关党支部")


@pytest.fixture
def vocab(shipped_rules: RuleSet) -> Vocabulary:
    return shipped_rules.vocabulary


def full_record() -> Record:
    return Record(
        id="R00012", date=dt.date(2026, 3, 12), kind="committee_meeting", title="3月支委会：研究支部当月工作",
        time="09:00-11:00", topics=("第一议题", "意识形态"), host="王建国", recorder="李秀兰",
        expected=5, present=4, absentees=(Absentee("赵敏", "出差"),), attendees=("王建国", "李秀兰", "陈志强", "张伟"),
        speakers=("陈志强",), location="局三楼会议室",
        summary="传达学习上级会议精神。\n研究部署本月党建和业务工作，明确责任分工。",
    )


def texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_minutes_page_has_every_element_and_blanks_for_missing(tmp_path: Path, vocab: Vocabulary) -> None:
    thin = Record(id="R00001", date=dt.date(2026, 3, 12), kind="theme_day", title="主题党日")
    result = write_minutes(thin, vocab, PROFILE, tmp_path / "m.docx")
    lines = texts(tmp_path / "m.docx")
    assert lines[0] == "某某县财政局机关党支部\n主题党日记录"
    page = "\n".join(lines)
    for label in ("会议名称", "时间", "地点", "主持人", "记录人", "应到人数", "实到人数", "缺席人数",
                  "缺席人员及原因", "出席人员", "列席人员", "议题", "会议内容"):
        assert f"\n{label}：" in page or f"　{label}：" in page, label
    assert "时间：2026年3月12日 ____时____分至____时____分" in lines
    assert "主持人：__________　　记录人：__________" in lines  # blanks to fill, not invented names
    assert "主持人（签名）：______　　记录人（签名）：______" in lines
    assert result.missing[:3] == ("地点", "主持人", "记录人") and "会议内容" in result.missing


def test_minutes_put_first_agenda_first_and_time_as_the_genre_writes_it(tmp_path: Path, vocab: Vocabulary) -> None:
    record = record_from_doc({**record_to_doc(full_record()), "topics": ["意识形态", "第一议题"], "time": "14:30"})
    write_minutes(record, vocab, PROFILE, tmp_path / "m.docx")
    lines = texts(tmp_path / "m.docx")
    assert "议题：第一议题；意识形态" in lines
    assert "时间：2026年3月12日 14时30分至____时____分" in lines
    assert "缺席人员及原因：赵敏（出差）" in lines and "应到人数：5人　　实到人数：4人　　缺席人数：1人" in lines


def test_round_trip_record_minutes_import(tmp_path: Path, vocab: Vocabulary) -> None:
    record = full_record()
    write_minutes(record, vocab, PROFILE, tmp_path / "R00012.docx")
    got = read_one(tmp_path / "R00012.docx", vocab, PROFILE, TODAY)
    assert got.problems == []
    back = record_to_doc(record_from_doc({**got.doc, "id": record.id}))
    assert back == record_to_doc(record)


@pytest.mark.parametrize(("text", "date", "time"), [
    ("2026年3月12日上午9:00—11:00", "2026-03-12", "09:00-11:00"),
    ("2026年3月12日（星期四）下午2:30-4:30", "2026-03-12", "14:30-16:30"),
    ("2026年3月12日 14时30分至16时", "2026-03-12", "14:30-16:00"),
    ("2026.3.12 下午3点半", "2026-03-12", "15:30"),
    ("上午9：00", "", "09:00"),
    ("二〇二六年三月十二日下午3点", "2026-03-12", "15:00"),
    ("二〇二六年十二月二十一日", "2026-12-21", ""),
])
def test_when_text(text: str, date: str, time: str) -> None:
    assert when_text(text) == (date, time)


def test_hand_made_minutes_in_both_layouts(tmp_path: Path, vocab: Vocabulary) -> None:
    from auditor.io.minutes_docx import minutes_paths

    folder = hand_made_folder(tmp_path / "minutes")
    paths, _ = minutes_paths(folder)
    study, committee = sorted(read_minutes(paths, vocab, PROFILE, TODAY), key=lambda f: f.doc["date"])
    s = study.doc
    assert (s["date"], s["time"], s["kind"]) == ("2026-09-03", "14:30-16:30", "collective_study")
    assert (s["host"], s["recorder"], s["expected"], s["present"]) == ("王建国", "李秀兰", 15, 13)
    assert s["absentees"] == [{"name": "许静", "reason": "下乡调研"}, {"name": "郑军", "reason": "年休假"}]
    assert s["topics"][0] == "第一议题" and s["location"] == "局三楼会议室"
    # speeches recorded as 主持人：… stay in the content, they do not replace the host
    assert s["summary"].splitlines() == ["王建国传达学习了讲话精神。", "主持人：请大家交流。", "陈志强：谈了三点体会。"]
    c = committee.doc
    assert (c["kind"], c["title"], c["time"]) == ("committee_meeting", "10月支委会：研究发展党员工作", "09:00-11:00")
    assert (c["expected"], c["present"], c["absentees"]) == (5, 5, [])
    assert c["summary"] == "讨论确定发展对象2名，报上级党组织审批。"


def test_unreadable_minutes_name_what_is_missing(tmp_path: Path, vocab: Vocabulary) -> None:
    folder = hand_made_folder(tmp_path / "minutes")
    lines_docx(folder / "主题党日.docx", ["主题党日活动记录", "地点：会议室", "主持人：xxxx", "会议内容：某某同志发言。"])
    (folder / "broken.docx").write_bytes(b"not a zip")
    lines_docx(folder / "空白.docx", ["支委会会议记录", "时间：2026年3月4日", "主持人：王建国", "会议内容："])
    from auditor.io.minutes_docx import minutes_paths

    with pytest.raises(MinutesProblems) as err:
        read_minutes(minutes_paths(folder)[0], vocab, PROFILE, TODAY)
    msg = err.value.msg
    assert "3个文件不能作为会议记录导入，未导入任何记录" in msg
    theme = next(line for line in msg.splitlines() if "主题党日.docx" in line)
    assert "缺少日期" in theme and "残留模板文字“xxxx”（主持人）" in theme and "“某某”（内容摘要）" in theme
    assert "broken.docx：无法作为 Word 文档打开" in msg
    assert "空白.docx：会议内容为空" in msg
    assert "10月支委会" not in msg  # the good files are not blamed


def test_unit_names_are_not_placeholders(tmp_path: Path, vocab: Vocabulary) -> None:
    path = lines_docx(tmp_path / "a.docx", ["某某县财政局机关党支部支委会会议记录", "时间：2026年3月4日",
                                             "会议内容：某某县财政局机关党支部研究了工作。"])
    assert read_one(path, vocab, PROFILE, TODAY).problems == []


def test_template_fills_placeholders_and_lists_missing(tmp_path: Path, vocab: Vocabulary) -> None:
    tpl = lines_docx(tmp_path / "tpl.docx", ["{{ 支部 }}支委会记录", "时间：{{ 时间 }}", "列席：{{ 列席人员 }}",
                                              "主持：{{ 主持人 }}", "{{ 会议内容 }}"])
    result = write_minutes(full_record(), vocab, PROFILE, tmp_path / "out.docx", template=tpl)
    lines = texts(tmp_path / "out.docx")
    assert lines[:4] == ["某某县财政局机关党支部支委会记录", "时间：2026年3月12日 9时00分至11时00分",
                         "列席：__________", "主持：王建国"]
    assert "传达学习上级会议精神。" in lines[4]
    assert result.missing == ("列席人员",)


def test_template_with_unknown_placeholder_is_an_error(tmp_path: Path, vocab: Vocabulary) -> None:
    tpl = lines_docx(tmp_path / "tpl.docx", ["主持：{{ 主持人 }}", "书记：{{ 书记姓名 }}", "{{ 列席人员 }}"])
    with pytest.raises(InputError, match=r"不认识的占位符 \{\{ 书记姓名 \}\}"):
        write_minutes(full_record(), vocab, PROFILE, tmp_path / "out.docx", template=tpl)
    assert not (tmp_path / "out.docx").exists()


def test_default_template_round_trips_through_docxtpl(tmp_path: Path, vocab: Vocabulary) -> None:
    default_template(PROFILE, tmp_path / "tpl.docx")
    write_minutes(full_record(), vocab, PROFILE, tmp_path / "a.docx", template=tmp_path / "tpl.docx")
    write_minutes(full_record(), vocab, PROFILE, tmp_path / "b.docx")
    def head(path: Path) -> list[str]:
        lines = [t for t in texts(path) if "交流发言" not in t]  # optional rows are not in the template
        return lines[: lines.index("会议内容：") + 1]

    assert head(tmp_path / "a.docx") == head(tmp_path / "b.docx")
    got = read_one(tmp_path / "a.docx", vocab, PROFILE, TODAY)
    assert got.problems == [] and got.doc["host"] == "王建国" and got.doc["kind"] == "committee_meeting"


def test_table_row_with_a_blank_value_keeps_the_pairs(tmp_path: Path, vocab: Vocabulary) -> None:
    from minutes_docs import table_docx

    path = table_docx(tmp_path / "支委会.docx", "支委会会议记录", [
        ("时间", "2026年3月4日", "地点", ""), ("主持人", "", "记录人", "李秀兰"), ("会议内容",), ("研究工作。",),
    ])
    got = read_one(path, vocab, PROFILE, TODAY)
    assert got.problems == []
    assert (got.doc["host"], got.doc["recorder"], got.doc["location"]) == ("", "李秀兰", "")


def test_damaged_template_is_named(tmp_path: Path, vocab: Vocabulary) -> None:
    (tmp_path / "tpl.docx").write_bytes(b"not a docx")
    with pytest.raises(InputError, match="模板 tpl.docx 不是有效的 .docx 文件"):
        write_minutes(full_record(), vocab, PROFILE, tmp_path / "out.docx", template=tmp_path / "tpl.docx")


def test_binder_takes_the_units_template_for_its_kind(tmp_path: Path, vocab: Vocabulary) -> None:
    import msgspec
    from minutes_docs import unit_template

    from auditor.periods import parse_period
    from auditor.report import archive, word

    unit_template(tmp_path / "支委会.docx")
    profile = msgspec.structs.replace(PROFILE, minutes_templates={"committee_meeting": "支委会.docx"})
    theme = msgspec.structs.replace(full_record(), id="R00013", kind="theme_day", title="主题党日：学党章")
    binder = archive.select([full_record(), theme], vocab, parse_period("2026"))
    doc = archive.build(binder, vocab, profile, tmp_path / "auditor.json")
    text = [p.text for p in doc.paragraphs]
    start = text.index("第1篇")
    assert text[start + 1] == "某某县财政局机关党支部支委会记录（本单位样式）"  # the unit's page, as `minutes` prints it
    assert ["会议名称", "3月支委会：研究支部当月工作"] in [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert "会议名称：主题党日：学党章" in text  # a kind without a template keeps the built-in page
    heading = doc.paragraphs[start + 1]
    assert heading.style.name == "本单位正文（模板1）"  # not the binder's 正文 (仿宋 3号, indented, 31 pt lines)
    assert heading.style.font.size.pt == 12 and not heading.paragraph_format.first_line_indent
    assert heading.style.element.pPr.find(qn("w:ind")).get(qn("w:firstLine")) == "0"
    widths = [int(c.get(qn("w:w"))) for c in doc.tables[-1]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(widths) <= round((210 - word.RECORD.left - word.RECORD.right) * 56.7)  # fitted to the text block
    assert len({s.name for s in doc.styles}) < 80  # the blank document's unused built-in styles are gone


def test_binder_pages_of_one_template_are_alike_and_keep_their_pictures(tmp_path: Path, vocab: Vocabulary) -> None:
    """The second page of a template is copied straight in (no docxcompose); one with a picture is not."""
    import msgspec
    from minutes_docs import unit_template

    from auditor.periods import parse_period
    from auditor.report import archive

    plain = unit_template(tmp_path / "支委会.docx")
    pictured = Document(str(plain))
    pictured.add_paragraph().add_run().add_picture(str(_png(tmp_path / "徽标.png")))
    pictured.save(str(tmp_path / "主题党日.docx"))
    profile = msgspec.structs.replace(PROFILE, minutes_templates={"committee_meeting": "支委会.docx",
                                                                   "theme_day": "主题党日.docx"})
    records = [msgspec.structs.replace(full_record(), id=f"R0001{n}", kind=kind, title=f"{kind}{n}",
                                       date=dt.date(2026, 3, 10 + n))
               for n, kind in enumerate(["committee_meeting", "theme_day"] * 2)]
    doc = archive.build(archive.select(records, vocab, parse_period("2026")), vocab, profile, tmp_path / "auditor.json")
    tables = [t for t in doc.tables if t.rows[0].cells[0].text == "会议名称"]
    assert [t.rows[0].cells[1].text for t in tables] == [r.title for r in records]
    heads = [p for p in doc.paragraphs if p.text.endswith("（本单位样式）")]
    assert len(heads) == 4 and {p.style.name for p in heads} == {"本单位正文（模板1）", "本单位正文（模板2）"}
    assert {p.style.name for p in heads[::2]} == {"本单位正文（模板1）"}
    assert len(doc.inline_shapes) == 2  # each theme-day page has its picture, related in the binder
    rels = doc.part.rels
    assert all(rels[s._inline.graphic.graphicData.pic.blipFill.blip.embed].reltype.endswith("/image")
               for s in doc.inline_shapes)


def _png(path: Path) -> Path:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 40 for _ in range(20))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def test_binder_refuses_a_profile_template_with_an_unknown_placeholder(tmp_path: Path, vocab: Vocabulary) -> None:
    import msgspec

    from auditor.periods import parse_period
    from auditor.report import archive

    lines_docx(tmp_path / "坏模板.docx", ["{{ 主持人 }}", "{{ 支部书记 }}"])
    profile = msgspec.structs.replace(PROFILE, minutes_templates={"": "坏模板.docx"})
    binder = archive.select([full_record()], vocab, parse_period("2026"))
    with pytest.raises(InputError, match=r"坏模板\.docx 中有不认识的占位符 \{\{ 支部书记 \}\}"):
        archive.build(binder, vocab, profile, tmp_path / "auditor.json")


def test_binder_turns_a_phone_photo_upright_by_its_exif_orientation(tmp_path: Path, vocab: Vocabulary) -> None:
    import msgspec
    from PIL import Image

    from auditor.periods import parse_period
    from auditor.report import archive

    photo = Image.new("RGB", (400, 200), (200, 30, 30))  # stored landscape, shot portrait (EXIF 6: turn 90°)
    exif = Image.Exif()
    exif[0x0112] = 6
    (tmp_path / "evidence").mkdir()
    photo.save(tmp_path / "evidence" / "现场.jpg", exif=exif.tobytes())
    stored = (tmp_path / "evidence" / "现场.jpg").read_bytes()
    record = msgspec.structs.replace(full_record(), evidence=("evidence/现场.jpg",))
    doc = archive.build(archive.select([record], vocab, parse_period("2026")), vocab, PROFILE, tmp_path / "auditor.json")
    (shape,) = doc.inline_shapes
    assert shape.height > shape.width  # placed as it was seen, not as stored
    assert (tmp_path / "evidence" / "现场.jpg").read_bytes() == stored  # the evidence file itself is untouched


def test_binder_places_a_large_photo_at_a_printable_size_and_the_same_place(tmp_path: Path, vocab: Vocabulary) -> None:
    import io

    import msgspec
    from PIL import Image

    from auditor.periods import parse_period
    from auditor.report import archive

    (tmp_path / "evidence").mkdir()
    Image.new("RGB", (4000, 3000), (30, 120, 30)).save(tmp_path / "evidence" / "会场.jpg", dpi=(300, 300))
    Image.new("RGB", (1200, 900), (30, 30, 120)).save(tmp_path / "evidence" / "小图.jpg", dpi=(300, 300))
    record = msgspec.structs.replace(full_record(), evidence=("evidence/会场.jpg", "evidence/小图.jpg"))
    doc = archive.build(archive.select([record], vocab, parse_period("2026")), vocab, PROFILE, tmp_path / "auditor.json")
    big, small = doc.inline_shapes
    blob = doc.part.related_parts[big._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert max(Image.open(io.BytesIO(blob)).size) == archive.MAX_PIXELS  # not the 12 MP original
    assert round(big.width.mm) == round(archive.TEXT_WIDTH_MM)  # still as wide as the text block
    assert round(small.width.mm) == round(1200 / 300 * 25.4)  # a small one keeps its printed size
    assert Image.open(tmp_path / "evidence" / "会场.jpg").size == (4000, 3000)
