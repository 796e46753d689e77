"""Damaged files and special paths from the adversarial run (issue 15): each reaches the damaged-file path."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from helpers import cli, logged_with_backup

from auditor.store import backup
from auditor.store.store import Store

ADD = ("add", "--date", "2026-03-05", "--kind", "主题党日", "--title", "学习")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A log with two records and a manual backup beside it."""
    return logged_with_backup(tmp_path / "data" / "auditor.json")


def _refused(db: Path, *args: str, words: str = "auditor db restore") -> str:
    before = db.read_bytes()
    code, out, err = cli(db, *args)
    assert code == 2, (out, err)
    assert words in err and "Traceback" not in err
    assert db.read_bytes() == before
    return err


@pytest.mark.parametrize("damage", [b"", b"  \n\t ", b"{}", b'{"meta": {"1": {"schema": 2, "next_id": 3}}}'])
def test_empty_or_tableless_file_beside_backups_is_damaged_and_restorable(db: Path, damage: bytes) -> None:
    db.write_bytes(damage)
    for args in (ADD, ("list",)):
        _refused(db, *args)
    code, out, _ = cli(db, "db", "check")
    assert code == 1 and "数据文件完好" not in out and "auditor db restore" in out
    code, out, err = cli(db, "db", "restore", "--yes")
    assert code == 0, err
    assert [r.title for r in Store(db).records()] == ["一", "二"]


def test_an_empty_file_without_backups_is_a_new_log(tmp_path: Path) -> None:
    path = tmp_path / "auditor.json"
    path.write_bytes(b"")
    assert cli(path, *ADD)[0] == 0
    assert [r.id for r in Store(path).records()] == ["R00001"]


def test_deep_nesting_is_damage_and_restore_does_not_parse_it(db: Path) -> None:
    db.write_bytes(b'{"records": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    _refused(db, "list")
    _refused(db, *ADD)
    code, out, _ = cli(db, "db", "check")
    assert code == 1 and "损坏" in out
    code, _, err = cli(db, "db", "restore", "--yes")
    assert code == 0, err
    assert len(Store(db).records()) == 2


@pytest.mark.parametrize("counter", ["abc", -5, 0, 1.5, None, True, 10**30])
def test_a_bad_counter_is_damage(db: Path, counter: object) -> None:
    data = json.loads(db.read_bytes())
    data["meta"]["1"]["next_id"] = counter
    db.write_text(json.dumps(data), encoding="utf-8")
    err = _refused(db, *ADD)
    assert "next_id" in err
    _refused(db, "list")


def test_ids_are_never_reused_when_the_counter_is_set_back(db: Path) -> None:
    Store(db).delete("R00002")  # the highest id is only in the trash now
    data = json.loads(db.read_bytes())
    data["meta"]["1"]["next_id"] = 1
    db.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = cli(db, "db", "check")  # says what will happen, and does not call it damage
    assert code == 0 and "新记录会从 R00003 起编号，不会重号" in out
    code, out, err = cli(db, *ADD)
    assert code == 0, err
    assert out.strip() == "R00003"


@pytest.mark.parametrize("entry", ["abc", 5, [], {"record": 5}])
def test_a_damaged_history_entry_stops_the_edit_before_it_is_saved(db: Path, entry: object) -> None:
    data = json.loads(db.read_bytes())
    data["history"]["99"] = entry
    db.write_text(json.dumps(data), encoding="utf-8")
    err = _refused(db, "edit", "R00001", "--title", "新主题")
    assert "历史记录" in err


def test_the_last_guard_does_not_claim_nothing_was_saved_after_a_save(db: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Store, record_id: str | None = None) -> None:
        raise RuntimeError("after the write")

    monkeypatch.setattr(Store, "history", broken)
    code, _, err = cli(db, "edit", "R00001", "--title", "新主题")
    assert code == 3 and "数据未被改动" not in err and "已保存" in err
    assert Store(db).record("R00001").title == "新主题"


def test_a_fifo_as_database_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for args in (("list",), ADD, ("db", "backup"), ("db", "check")):
        code, out, err = cli(fifo, *args)
        assert code in (1, 2) and "不是普通文件" in out + err, (args, out, err)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.json"]  # no lock file, no backups


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device node needs root")
def test_a_character_device_as_database_is_never_replaced(tmp_path: Path) -> None:
    device = tmp_path / "null.json"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    code, _, err = cli(device, *ADD)
    assert code == 2 and "不是普通文件" in err
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.json"]


def test_a_lock_file_that_cannot_be_made_is_named(db: Path) -> None:
    (db.parent / "auditor.json.lock").unlink()
    (db.parent / "auditor.json.lock").mkdir()  # as good as a read-only folder, even for root
    for args in (ADD, ("db", "backup"), ("db", "restore", "--yes")):
        err = _refused(db, *args, words="锁文件")
        assert str(db.parent) in err


def test_a_full_disk_keeps_the_older_previous_backup(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(db)
    store.add({"date": "2026-03-06", "kind": "theme_day", "title": "三"})
    older = [b.path for b in backup.list_backups(db) if b.reason == "previous"]
    assert len(older) == 1
    kept = older[0].read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("auditor.store.atomic.os.fsync", disk_full)
    code, _, err = cli(db, *ADD)
    monkeypatch.undo()
    assert code == 2 and "磁盘空间不足" in err
    assert [b.path for b in backup.list_backups(db) if b.reason == "previous"] == older
    assert older[0].read_bytes() == kept


def test_export_is_atomic_and_the_full_json_is_private(db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "全部.json"
    assert cli(db, "export", str(out))[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("auditor.store.atomic.os.fsync", disk_full)
    for target in (out, tmp_path / "新.csv"):
        code, _, err = cli(db, "export", str(target))
        assert code == 2 and "磁盘空间不足" in err
    monkeypatch.undo()
    assert out.read_bytes() == before and not (tmp_path / "新.csv").exists()


def test_the_report_says_disk_space_when_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "auditor.json"
    Store(db).add({"date": "2026-03-01", "kind": "theme_day", "title": "主题党日", "expected": 10, "present": 9})

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("auditor.store.atomic.os.fsync", disk_full)
    code, _, err = cli(db, "report", "--period", "2026H1", "--as-of", "2026-07-05", "-o", str(tmp_path / "报告.docx"))
    assert code == 2 and "无法写入报告文件" in err and "磁盘空间" in err and "权限" not in err
    assert not (tmp_path / "报告.docx").exists()


@pytest.mark.parametrize("meta", [{"schema": 2, "next_id": -5}, {"schema": 2, "next_id": "abc"}])
def test_restore_skips_a_backup_the_open_path_would_refuse(db: Path, meta: dict[str, object]) -> None:
    import datetime as dt

    good = json.loads(db.read_bytes())
    bad = {**good, "meta": {"1": meta}}  # parses as JSON, but its id counter is damage
    newer = backup.take(db, json.dumps(bad).encode(), "manual", dt.datetime(2100, 1, 1))
    assert not backup.inspect(newer).ok
    assert backup.newest_good(db) is not None and backup.newest_good(db).path != newer  # type: ignore[union-attr]
    db.write_bytes(b"garbage")
    code, out, err = cli(db, "db", "restore", "--yes")
    assert code == 0, err
    assert newer.name not in out
    assert cli(db, "list")[0] == 0 and [r.title for r in Store(db).records()] == ["一", "二"]
    code, out, _ = cli(db, "db", "check")
    assert f"备份 {newer.name} 已损坏" in out
