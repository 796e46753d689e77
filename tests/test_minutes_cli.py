"""Minutes, import of Word minutes and the 台账 binder as a user runs them, on the demo database."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from helpers import DEMO_AS_OF, cli, rec
from minutes_docs import hand_made_folder, lines_docx

from auditor.model import record_to_doc
from auditor.session import Session

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003"
    "010100c9fe92ef0000000049454e44ae426082"
)


def auditor_process(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """`python -m auditor ARGS` as a separate process, as the secretary runs it."""
    env = {**os.environ, "AUDITOR_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def auditor(*args: str, db: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The same command through the same entry point in this process (a process start each is ~0.4 s)."""
    with contextlib.chdir(cwd or Path.cwd()):
        code, out, err = cli(db, *args)
    return subprocess.CompletedProcess(list(args), code, out, err)


def first_meeting(db: Path, kind: str = "committee_meeting") -> str:
    return next(r.id for r in Session(db).store.records() if r.kind == kind and r.date.year == 2026)


def test_minutes_command_writes_the_page_and_names_the_blanks(demo_db: Path, tmp_path: Path) -> None:
    rid = first_meeting(demo_db)
    out = tmp_path / "m.docx"
    proc = auditor_process("minutes", rid, "-o", str(out), db=demo_db)
    assert proc.returncode == 0, proc.stderr
    assert f"已生成会议记录：{out}" in proc.stdout
    assert f"提示：{rid} 的会议记录中以下要素留空待填写：列席人员。" in proc.stderr
    assert any(p.text.startswith("会议名称：") for p in Document(str(out)).paragraphs)


def test_minutes_with_unknown_placeholder_fails_and_writes_nothing(demo_db: Path, tmp_path: Path) -> None:
    tpl = lines_docx(tmp_path / "tpl.docx", ["{{ 主持人 }}", "{{ 支部书记 }}"])
    proc = auditor("minutes", first_meeting(demo_db), "--template", str(tpl), "-o", str(tmp_path / "m.docx"),
                   db=demo_db)
    assert proc.returncode == 2
    assert "不认识的占位符 {{ 支部书记 }}" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "m.docx").exists()


def test_profile_template_per_kind(demo_db: Path, tmp_path: Path) -> None:
    import msgspec

    tpl = lines_docx(demo_db.parent / "支委会模板.docx", ["支委会专用：{{ 会议名称 }}"])
    store = Session(demo_db).store
    store.set_profile(msgspec.structs.replace(store.profile(), minutes_templates={"committee_meeting": tpl.name}))
    out = tmp_path / "m.docx"
    assert auditor("minutes", first_meeting(demo_db), "-o", str(out), db=demo_db).returncode == 0
    assert Document(str(out)).paragraphs[0].text.startswith("支委会专用：")
    other = tmp_path / "theme.docx"
    assert auditor("minutes", first_meeting(demo_db, "theme_day"), "-o", str(other), db=demo_db).returncode == 0
    assert Document(str(other)).paragraphs[0].text.endswith("\n主题党日记录")  # built-in page for other kinds


def test_round_trip_into_a_fresh_database(demo_db: Path, tmp_path: Path) -> None:
    original = Session(demo_db).store.record(first_meeting(demo_db, "central_group_study"))
    folder = tmp_path / "minutes"
    folder.mkdir()
    assert auditor("minutes", original.id, "-o", str(folder / "学习.docx"), db=demo_db).returncode == 0
    fresh = tmp_path / "fresh" / "auditor.json"
    proc = auditor("import", str(folder), db=fresh)
    assert proc.returncode == 0, proc.stderr
    (got,) = Session(fresh).store.records()
    skip = ("id", "evidence", "created", "updated")
    assert {k: v for k, v in record_to_doc(got).items() if k not in skip} == \
        {k: v for k, v in record_to_doc(original).items() if k not in skip}
    assert got.evidence == (f"evidence/{got.id}/学习.docx",)
    assert (fresh.parent / got.evidence[0]).is_file()


def test_import_folder_dry_run_then_import(demo_db: Path, tmp_path: Path) -> None:
    folder = hand_made_folder(tmp_path / "minutes")
    db = demo_db
    count = len(Session(db).store.records())
    dry = auditor("import", str(folder), "--dry-run", db=db)
    assert dry.returncode == 0, dry.stderr
    assert "党支部9月第一次集中学习.docx  →  2026-09-03 14:30-16:30，集中学习，“9月第一次集中学习”" in dry.stdout
    assert "检查通过：可导入2条记录（预览，未写入）" in dry.stdout
    assert len(Session(db).store.records()) == count
    done = auditor("import", str(folder), db=db)
    assert done.returncode == 0 and "已导入2条记录" in done.stdout
    (committee,) = [r for r in Session(db).store.records() if r.title == "10月支委会：研究发展党员工作"]
    assert committee.evidence == (f"evidence/{committee.id}/10月支委会.docx",)
    again = auditor("import", str(folder / "10月支委会.docx"), db=db)
    assert f"与 {committee.id} 重复" in again.stdout and len(Session(db).store.records()) == count + 2


def test_import_of_a_missing_path_says_so(tmp_path: Path) -> None:
    proc = auditor("import", str(tmp_path / "9月支委会.docx"), db=tmp_path / "db.json")
    assert proc.returncode == 2 and "找不到" in proc.stderr and "Traceback" not in proc.stderr


def test_a_bad_file_in_a_folder_stores_nothing(demo_db: Path, tmp_path: Path) -> None:
    folder = hand_made_folder(tmp_path / "minutes")
    lines_docx(folder / "9月主题党日.docx", ["主题党日活动记录", "地点：会议室", "会议内容：学习。"])
    before = Session(demo_db).store.records()
    proc = auditor("import", str(folder), db=demo_db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "9月主题党日.docx：缺少日期" in proc.stderr and "未导入任何记录" in proc.stderr
    assert Session(demo_db).store.records() == before
    assert not any(p.name.endswith(".docx") for p in (demo_db.parent / "evidence").rglob("*"))


def test_dry_run_of_a_folder_with_bad_files_shows_the_good_ones_and_names_each_bad_one(demo_db: Path,
                                                                                     tmp_path: Path) -> None:
    folder = hand_made_folder(tmp_path / "minutes")
    lines_docx(folder / "11月主题党日.docx", ["主题党日记录", "时间：2026年11月3日上午9:00—11:00", "地点：xxxx",
                                          "主持人：某某", "会议内容："])
    (folder / "坏文件.docx").write_bytes(b"not a zip")
    before = Session(demo_db).store.records()
    proc = auditor("import", str(folder), "--dry-run", db=demo_db)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "10月支委会.docx  →  2026-10-09 09:00-11:00，支部委员会会议" in proc.stdout
    assert "检查通过" not in proc.stdout
    assert ("11月主题党日.docx：会议内容为空（正文没有写会议内容）；残留模板文字“xxxx”（地点），请换成实际内容；"
            "残留模板文字“某某”（主持人），请换成实际内容") in proc.stderr
    assert "坏文件.docx：无法作为 Word 文档打开" in proc.stderr and "2个文件不能作为会议记录导入" in proc.stderr
    assert Session(demo_db).store.records() == before


def test_archive_docx_has_cover_contents_pages_and_evidence(demo_db: Path, tmp_path: Path) -> None:
    rid = first_meeting(demo_db)
    photo = tmp_path / "合影.png"
    photo.write_bytes(PNG_1x1)
    broken = tmp_path / "坏图.jpg"
    broken.write_bytes(b"not a picture")
    assert auditor("attach", rid, str(photo), str(lines_docx(tmp_path / "签到表.docx", ["签到"])), str(broken),
                   db=demo_db).returncode == 0
    out = tmp_path / "台账.docx"
    proc = auditor("archive", "--period", "2026", "-o", str(out), db=demo_db)
    assert proc.returncode == 0, proc.stderr
    doc = Document(str(out))
    text = [p.text for p in doc.paragraphs]
    session = Session(demo_db)
    meetings = [r for r in session.store.records() if r.date.year == 2026
                and session.vocabulary.get(r.kind).meeting  # type: ignore[union-attr]
                and session.scope().record_top(r) == "branch"]  # the 支部's binder: not the 党组's meetings
    assert f"已生成台账：{out}（会议记录{len(meetings)}篇" in proc.stdout
    assert text[4:7] == ["某某县财政局机关党支部", "2026年度党建工作台账", "（会议记录及佐证材料）"]
    assert "目　　录" in text and sum(t.startswith("第") and t.endswith("篇") for t in text) == len(meetings)
    assert doc.sections[0].different_first_page_header_footer  # no page number on the cover
    dates = [t for t in text if t.startswith("时间：")]
    assert dates == sorted(dates, key=_date_key)  # minutes in date order
    assert len(doc.inline_shapes) == 1  # the photo is placed, the sign-in sheet listed by name
    assert any(t.startswith("图1　合影.png") for t in text) and "2. 签到表.docx" in text
    assert "3. 坏图.jpg" in text  # an image that cannot be read is listed, not dropped
    marks = {el.get(qn("w:name")) for el in doc.element.body.iter(qn("w:bookmarkStart"))}
    refs = [el.get(qn("w:instr")) for el in doc.element.body.iter(qn("w:fldSimple"))]
    assert len(refs) == len(meetings) + 1 and {r.split()[1] for r in refs} == marks  # 页码: a field per row
    assert doc.settings.element.find(qn("w:updateFields")) is not None  # Word fills them in when opened


def test_archive_of_the_partys_leading_body_is_its_own_binder(demo_db: Path, tmp_path: Path) -> None:
    branch = auditor("archive", "--period", "2026", "-o", str(tmp_path / "支部.docx"), db=demo_db)
    assert "本记录簿还记有党委（党组）的工作，未装订入本台账；装订其台账：auditor archive --period 2026 --body 党组" \
        in branch.stderr
    branch_text = [p.text for p in Document(str(tmp_path / "支部.docx")).paragraphs]
    assert not any(t.endswith("民主生活会记录") for t in branch_text)
    out = tmp_path / "党组.docx"
    proc = auditor("archive", "--period", "2026", "--body", "党组", "-o", str(out), db=demo_db)
    assert proc.returncode == 0, proc.stderr
    text = [p.text for p in Document(str(out)).paragraphs]
    assert text[4] == "某某县财政局" and "主　　体：党委（党组）" in text  # headed by the unit, not the 支部
    heads = {t.split("\n")[-1] for t in text if t.endswith("记录") and "\n" in t}
    assert "民主生活会记录" in heads and "支部委员会会议记录" not in heads
    assert auditor("archive", "--period", "2026", "--body", "火星", db=demo_db).returncode == 2
    assert auditor("archive", "--period", "2026", "--body", "党组", db=demo_db, cwd=tmp_path).returncode == 0
    assert (tmp_path / "台账-2026-党组.docx").is_file()  # by default not over the 支部's 台账-2026.docx


def _date_key(line: str) -> dt.date:
    import re

    y, m, d = map(int, re.findall(r"\d+", line)[:3])
    return dt.date(y, m, d)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: "
                    "the PDF binder is the DOCX converted by it")
def test_archive_pdf_through_libreoffice(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.pdf"
    proc = auditor("archive", "--period", "2026H1", "-o", str(out), db=demo_db)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout \
        if shutil.which("pdftotext") else out.read_bytes().decode("latin-1")
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = "".join(text.split())  # pdftotext puts spaces between digits and 汉字
        assert "2026年上半年党建工作台账" in text and "第1篇" in text and "—2—" in text
    _contents_give_the_pages_of_the_minutes(out)


def _contents_give_the_pages_of_the_minutes(pdf: Path) -> None:
    """Every 页码 of the contents is the page on which its 第N篇 starts (LibreOffice laid them out)."""
    import re

    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    starts: dict[int, int] = {}
    for number, text in enumerate(pages, start=1):
        for mark in re.findall(r"^第 ?(\d+) ?篇$", text, re.M):
            starts.setdefault(int(mark), number)
    contents = "\n".join(t for t in pages[:6] if "篇" not in t.split("\n", 1)[0])
    rows = {int(m[0]): int(m[1]) for m in re.findall(r" (\d+) (\d+)$", contents, re.M)}
    assert starts and rows == starts


def test_pdf_without_libreoffice_says_what_to_do(demo_db: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_SOFFICE", str(tmp_path / "no-soffice"))
    proc = auditor("archive", "--period", "2026", "-o", str(tmp_path / "台账.pdf"), db=demo_db)
    assert proc.returncode == 2 and "需要 LibreOffice" in proc.stderr and ".docx" in proc.stderr
    assert not (tmp_path / "台账.pdf").exists()


def test_minutes_content_rule_flags_thin_and_template_minutes(shipped_rules: object) -> None:
    from auditor.engine.checks.each_record import thin_minutes

    assert thin_minutes(rec("2026-03-04", "committee_meeting"), 15) == "会议内容为空"
    assert thin_minutes(rec("2026-03-04", "committee_meeting", summary="学习。"), 15) == "会议内容只有3字，少于15字"
    assert "残留模板文字“xxxx”" in thin_minutes(
        rec("2026-03-04", "committee_meeting", summary="传达学习上级会议精神，研究部署本月工作。", host="xxxx"), 15)
    assert thin_minutes(rec("2026-03-04", "committee_meeting", summary="传达学习上级会议精神，研究部署本月工作。"), 15) == ""


def test_minutes_content_rule_in_check(demo_db: Path) -> None:
    import json

    proc = auditor("check", "--period", "2026", "--as-of", DEMO_AS_OF.isoformat(), "--json", db=demo_db)
    result = next(r for r in json.loads(proc.stdout)["results"] if r["rule"] == "minutes.content")
    assert result["status"] == "not_met" and "会议内容" in result["message"]  # empty, or a few words


async def test_tui_records_m_writes_the_minutes(demo_db: Path) -> None:
    from auditor.tui.app import AuditorApp

    app = AuditorApp(Session(demo_db), as_of=DEMO_AS_OF)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
    newest = max(Session(demo_db).store.records(), key=lambda r: (r.date, r.id))
    written = list((demo_db.parent / "会议记录").glob("*.docx"))
    assert [p.name for p in written] == [f"会议记录-{newest.id}.docx"]


def test_unit_sets_its_own_minutes_length(tmp_path: Path) -> None:
    from auditor.engine.checks.each_record import problem
    from auditor.rulebook.loader import load_ruleset

    (tmp_path / "本单位.yaml").write_text(
        "override:\n  minutes.content: {requirement: {condition: {content_min: 50}}}\n", encoding="utf-8")
    rule = next(r for r in load_ruleset([tmp_path]).rules if r.id == "minutes.content")
    summary = "传达学习上级会议精神，研究部署本月党建和业务工作。"
    assert problem(rec("2026-03-04", "committee_meeting", summary=summary), rule.requirement.condition) == \
        f"会议内容只有{len(summary)}字，少于50字"


def test_init_sets_templates_per_kind_and_refuses_a_bad_one(demo_db: Path) -> None:
    lines_docx(demo_db.parent / "支委会.docx", ["{{ 会议名称 }}"])
    lines_docx(demo_db.parent / "坏模板.docx", ["{{ 书记 }}"])
    ok = auditor("init", "--minutes-template", "支委会=支委会.docx", db=demo_db)
    assert ok.returncode == 0 and "会议记录模板（支部委员会会议）：支委会.docx" in ok.stdout
    assert Session(demo_db).profile.minutes_templates == {"committee_meeting": "支委会.docx"}
    bad = auditor("init", "--minutes-template", "坏模板.docx", db=demo_db)
    assert bad.returncode == 2 and "{{ 书记 }}" in bad.stderr
    assert Session(demo_db).profile.minutes_templates == {"committee_meeting": "支委会.docx"}
    cleared = auditor("init", "--minutes-template", "支委会=", db=demo_db)
    assert cleared.returncode == 0 and Session(demo_db).profile.minutes_templates == {}
