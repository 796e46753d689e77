"""CLI text laid out by display width: help columns, wrapping on Chinese line-break rules, no split numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli.main import run
from auditor.cli.width import NO_LINE_START, width, wrap


def cli(db: Path, *args: str, columns: int = 80) -> tuple[int, str]:
    code = 0
    with CliRunner(env={"COLUMNS": str(columns)}).isolation() as (out, _err, _):
        try:
            run(["--db", str(db), *args])
        except SystemExit as e:
            code = int(e.code or 0)
    return code, out.getvalue().decode("utf-8")


def test_wrap_keeps_numbers_whole_and_no_closing_mark_starts_a_line() -> None:
    text = "2026年下半年意识形态工作专题报告尚未完成，截止12月20日，还有29天（至少1次）"
    for columns in range(6, 40):
        lines = wrap(text, columns)
        assert "".join(lines) == text
        assert all(width(line) <= columns for line in lines)
        assert not any(line[0] in NO_LINE_START for line in lines)
        assert not any(a[-1].isdigit() and b[0].isdigit() for a, b in zip(lines, lines[1:], strict=False))
        assert not any(line[-1] == "（" for line in lines)
    assert wrap("branch.general-meeting 支部党员大会", 10)[0] == "branch.general-meeting"


def _cells(table_line: str) -> list[str]:
    return [c.strip() for c in table_line.strip("│┃").split("│")]


def test_check_at_80_columns_splits_no_number_and_starts_no_line_with_a_comma(demo_db: Path) -> None:
    code, out = cli(demo_db, "check", "--as-of", "2026-11-22")
    assert code == 1
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines)
    rows = [_cells(line) for line in lines if line.startswith("│")]
    assert rows and all(len(r) == 5 for r in rows)
    for column in (0, 4):
        cells = [r[column] for r in rows]
        assert not any(c and c[0] in NO_LINE_START for c in cells), column
        assert not any(a and b and a[-1].isdigit() and b[0].isdigit() for a, b in zip(cells, cells[1:],
                                                                                          strict=False))
    assert "截止12月20日，还有29天" in "".join(r[4] for r in rows)


def test_help_descriptions_start_in_one_display_column(tmp_path: Path) -> None:
    _, out = cli(tmp_path / "db.json", "add", "--help")
    options = out.split("选项：\n", 1)[1].splitlines()
    starts = {width(m.group(1)) for line in options if (m := re.match(r"^(  --?\S+(?: \S+)?\s{2,})\S", line))}
    assert len(starts) == 1, starts
    assert all(width(line) <= 80 for line in out.splitlines())
    assert "选项：" in out and "Options" not in out


@pytest.mark.parametrize("columns", [80, 120])
def test_list_columns_line_up_with_spaces(demo_db: Path, columns: int) -> None:
    _, out = cli(demo_db, "list", "--period", "2026-11", columns=columns)
    lines = out.splitlines()
    assert lines and "\t" not in out
    # the date column starts at the same display column on every row
    assert len({width(line[: line.index("2026-11")]) for line in lines if "2026-11" in line}) == 1


def test_rules_list_reads_in_chinese_with_ids_whole_in_their_own_column(demo_db: Path) -> None:
    _, out = cli(demo_db, "rules", "list")
    assert "duration_days" not in out and "每年学习时长累计≥12天" in out
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines)
    for rule_id in ("branch.general-meeting", "ideology.report-to-superior", "study.central-group-days"):
        [line] = [x for x in lines if f" {rule_id}" in x and not x.split(rule_id)[1].strip()]
        assert line.rstrip().endswith(rule_id)


@pytest.mark.parametrize("command", ["rectify", "waiver"])
def test_ledger_lists_show_rule_titles_and_never_split_an_id(demo_db: Path, command: str) -> None:
    _, out = cli(demo_db, command, "list", "--as-of", "2026-11-22")
    lines = out.splitlines()
    assert all(width(line) <= 80 for line in lines)
    assert not re.search(r"[a-z]+\.[a-z-]+", out)  # no raw rule ids where people read
    ids = [line.split()[0] for line in lines[1:] if line and not line.startswith(" ") and "项" not in line]
    assert ids and all(re.fullmatch(r"[ZW]\d{3}", i) for i in ids)
    assert ("意识形态分析研" if command == "waiver" else "规则：") in out


def test_make_check_demo_shows_the_misses_without_a_make_error(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    venv = Path(sys.prefix)
    if shutil.which("make") is None or not (venv / ".installed").is_file():
        pytest.skip("needs make and a venv made by `make setup` (.installed)")
    proc = subprocess.run(["make", "-s", "check-demo", f"VENV={venv}", f"DEMO_DB={tmp_path / 'demo.json'}"],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "make:" not in proc.stdout + proc.stderr
    assert "有必做项未完成或逾期未完成" in proc.stdout


def test_every_help_ends_with_a_chinese_example_and_fits_80_columns(tmp_path: Path) -> None:
    from test_docs import _commands

    from auditor.cli.main import cli as group

    for name, _cmd in [("", group), *_commands(group)]:
        code, out = cli(tmp_path / "db.json", *name.split(), "--help")
        assert code == 0, name
        assert "Example" not in out and "Usage" not in out and "Options" not in out, name
        if name not in ("db", "member", "waiver", "rectify"):  # groups list their commands instead
            assert "示例：auditor" in out, name
        lines = out.splitlines()
        assert all(width(line) <= 80 for line in lines), name
        assert not any(line.strip() and line.strip()[0] in "）】」》，。、；：！？" for line in lines), name


def test_a_future_date_is_stored_with_a_warning(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with CliRunner().isolation() as (out, err, _):
        with pytest.raises(SystemExit) as e:
            run(["--db", str(db), "add", "--date", "2099-09-01", "--kind", "主题党日", "--title", "计划中的主题党日"])
    assert e.value.code == 0
    assert out.getvalue().decode().strip() == "R00001"
    assert "提示：日期 2099-09-01 在今天" in err.getvalue().decode() and "已照样保存" in err.getvalue().decode()
    src = tmp_path / "a.csv"
    src.write_text("日期,类型,主题\n2026-01-05,主题党日,一月\n2099-10-01,主题党日,十月计划\n", encoding="utf-8")
    with CliRunner().isolation() as (out, err, _):
        with pytest.raises(SystemExit) as e:
            run(["--db", str(db), "import", str(src)])
    assert e.value.code == 0
    assert "提示：第3行共1条的日期在今天" in err.getvalue().decode()
    from auditor.store.store import Store

    assert len(Store(db).records()) == 3


def test_a_rule_is_named_by_its_title_or_a_unique_start_of_its_id(demo_db: Path) -> None:
    from auditor.store.store import Store

    args = ["--window", "2026-07", "--reason", "防汛值守", "--by", "县直机关工委"]
    assert cli(demo_db, "waiver", "add", "党小组会", *args)[0] == 0
    assert cli(demo_db, "waiver", "add", "branch.theme", *args)[0] == 0
    assert [w.rule for w in Store(demo_db).waivers()][-2:] == ["branch.cell-meeting", "branch.theme-day"]
    with CliRunner().isolation() as (_out, err, _):
        with pytest.raises(SystemExit) as e:
            run(["--db", str(demo_db), "waiver", "add", "branch.c", *args])
    assert e.value.code == 2
    assert "“branch.c”可指多条规则" in err.getvalue().decode() and "支部委员会会议（branch.committee-meeting）" in \
        err.getvalue().decode()
    code, _ = cli(demo_db, "rectify", "add", "--rule", "分析研判", "--problem", "第三季度未研判", "--measure", "补开",
                  "--responsible", "王建国", "--deadline", "2026-12-31")
    assert code == 0 and Store(demo_db).rectifications()[-1].rule == "ideology.risk-analysis"
