"""Files and privacy (issue 15): attach copies regular files only; what the tool writes is 0600 in 0700 folders."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from helpers import cli_text as cli

from auditor.store.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and links")




@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "auditor.json"
    code, out = cli(path, "add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "学习")
    assert code == 0, out
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_attach_refuses_links_and_copies_nothing(db: Path, tmp_path: Path, target: str) -> None:
    link = tmp_path / "会议记录.pdf"
    link.symlink_to(target)
    code, out = cli(db, "attach", "R00001", str(link))
    assert code == 2 and "链接" in out
    assert not (db.parent / "evidence").exists() and Store(db).record("R00001").evidence == ()


@pytest.mark.parametrize("special", ["/proc/self/environ", "/dev/null"])
def test_attach_refuses_special_files(db: Path, special: str) -> None:
    if not os.path.exists(special):
        pytest.skip(f"{special} does not exist on this system")
    code, out = cli(db, "attach", "R00001", special)
    assert code == 2 and "不是普通文件" in out
    assert not (db.parent / "evidence").exists()


def test_attach_refuses_a_fifo_without_hanging(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "签到表.jpg"
    os.mkfifo(fifo)
    code, out = cli(db, "attach", "R00001", str(fifo))
    assert code == 2 and "不是普通文件" in out


def test_data_is_0600_and_folders_0700(db: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "签到表.pdf"
    evidence.write_bytes(b"%PDF-1.4 sign-in")
    evidence.chmod(0o644)
    assert cli(db, "attach", "R00001", str(evidence))[0] == 0
    assert cli(db, "db", "backup")[0] == 0
    copied = db.parent / "evidence" / "R00001" / "签到表.pdf"
    assert copied.read_bytes() == evidence.read_bytes()
    files = [db, copied, db.with_name("auditor.json.lock"), *(db.parent / "backups").iterdir()]
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    folders = [db.parent, db.parent / "backups", db.parent / "evidence", copied.parent]
    assert {str(p): mode(p) for p in folders} == {str(p): 0o700 for p in folders}


def test_the_full_json_export_is_private_and_others_follow_the_umask(db: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for name in ("全部.json", "记录.csv", "记录.xlsx"):
            assert cli(db, "export", str(tmp_path / name))[0] == 0
    finally:
        os.umask(old)
    assert mode(tmp_path / "全部.json") == 0o600
    assert mode(tmp_path / "记录.csv") == 0o644 and mode(tmp_path / "记录.xlsx") == 0o644
