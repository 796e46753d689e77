"""A read-only folder gives exit 2 and one sentence naming the path, for every command that writes.

CI runs as root, and root writes into read-only folders. So as root the CLI runs through
``setpriv`` with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped from its bounding set.
It is still uid 0 (the interpreter under /root stays reachable), but file modes now bind
it as they bind any user. When that cannot be done, the tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from helpers import logged_with_backup

from auditor.store import backup

ADD = ("add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "学习")
DROP = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")


@cache
def _runner(probe_dir: Path) -> tuple[tuple[str, ...] | None, str]:
    """(prefix that makes file modes bind, or None; why not) for this machine."""
    if sys.platform == "win32":
        return None, "Windows has no POSIX folder modes"
    if os.geteuid() != 0:
        return (), ""
    if shutil.which("setpriv") is None:
        return None, "running as root and setpriv (util-linux) is not installed, so modes cannot bind"
    folder = probe_dir / "probe"
    folder.mkdir(mode=0o500)
    try:
        done = subprocess.run([*DROP, sys.executable, "-c", f"open({str(folder / 'x')!r}, 'w')"],
                              capture_output=True, text=True, timeout=60)
    finally:
        folder.chmod(0o700)
    if "PermissionError" in done.stderr:
        return DROP, ""
    why = done.stderr.strip().splitlines()[-1:] or ["it wrote into the read-only folder"]
    return None, f"running as root and setpriv could not drop CAP_DAC_OVERRIDE: {why[0]}"


def _cli(prefix: tuple[str, ...], db: Path, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([*prefix, sys.executable, "-m", "auditor", "--db", str(db), *args],
                          capture_output=True, text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def bound(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    prefix, why = _runner(tmp_path_factory.getbasetemp())
    if prefix is None:
        pytest.skip(why)
    return prefix


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A log with two records and a manual backup, in a folder that is then made read-only."""
    return logged_with_backup(tmp_path / "data" / "auditor.json")


def _read_only(*folders: Path) -> None:
    for f in folders:
        f.chmod(0o500)


def _one_sentence(code: int, out: str, err: str, path: Path) -> None:
    assert code == 2, (out, err)
    assert "Traceback" not in err and "OSError" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("。") and lines[0].count("。") == 1, err
    assert str(path) in lines[0], err


@pytest.mark.parametrize("command", ["add", "edit", "rm", "import", "db backup", "db restore"])
def test_a_read_only_folder_is_named_and_nothing_changes(bound: tuple[str, ...], db: Path, tmp_path: Path,
                                                         command: str) -> None:
    sheet = tmp_path / "活动.csv"
    sheet.write_text("日期,类型,主题\n2026-03-06,主题党日,学习三\n", encoding="utf-8")
    args = {"add": ADD, "edit": ("edit", "R00001", "--title", "新主题"), "rm": ("rm", "R00002", "--yes"),
            "import": ("import", str(sheet)), "db backup": ("db", "backup"),
            "db restore": ("db", "restore", "--yes")}[command]
    before, backups = db.read_bytes(), backup.list_backups(db)
    _read_only(db.parent, db.parent / "backups")
    try:
        code, out, err = _cli(bound, db, *args)
    finally:
        for f in (db.parent, db.parent / "backups"):
            f.chmod(0o700)
    _one_sentence(code, out, err, db.parent / "backups" if command == "db backup" else db.parent)
    assert db.read_bytes() == before and backup.list_backups(db) == backups


def test_a_lock_file_that_cannot_be_created_is_named(bound: tuple[str, ...], db: Path) -> None:
    (db.parent / "auditor.json.lock").unlink()
    before = db.read_bytes()
    _read_only(db.parent)
    try:
        code, out, err = _cli(bound, db, *ADD)
    finally:
        db.parent.chmod(0o700)
    _one_sentence(code, out, err, db.parent)
    assert "锁文件" in err and db.read_bytes() == before


def test_remind_ics_into_a_read_only_folder_is_named(bound: tuple[str, ...], db: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "日历"
    out_dir.mkdir()
    _read_only(out_dir)
    try:
        code, out, err = _cli(bound, db, "remind", "--as-of", "2026-03-10", "--ics", str(out_dir / "提醒.ics"))
    finally:
        out_dir.chmod(0o700)
    _one_sentence(code, out, err, out_dir)
    assert list(out_dir.iterdir()) == []
