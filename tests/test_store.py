"""Store: transactions, ids, history, trash, locking, corrupt files, failing writes, migrations."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from auditor.errors import InputError, LockedError, NotFoundError, StorageError
from auditor.store import backup
from auditor.store.atomic import CorruptFileError
from auditor.store.locking import writer_lock
from auditor.store.migrations import SCHEMA_VERSION, STEPS
from auditor.store.store import Store


def doc(title: str = "学习全会精神", day: str = "2026-03-05", kind: str = "theme_day", **extra: Any) -> dict[str, Any]:
    return {"date": day, "kind": kind, "title": title, **extra}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "db" / "auditor.json", lock_timeout=0.5)


def test_add_many_gives_sequential_ids_and_one_file(store: Store) -> None:
    first = store.add_many([doc("一"), doc("二")])
    third = store.add(doc("三"))
    assert [r.id for r in first] + [third.id] == ["R00001", "R00002", "R00003"]
    fresh = Store(store.path)
    assert [r.title for r in fresh.records()] == ["一", "二", "三"]
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert "学习" not in store.path.read_text(encoding="ascii", errors="ignore")  # stored as UTF-8, unescaped


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_file_and_backups_are_private(store: Store) -> None:
    store.add(doc())
    store.add(doc("二"))
    assert store.path.stat().st_mode & 0o777 == 0o600
    backups = backup.list_backups(store.path)
    assert backups and all(b.path.stat().st_mode & 0o777 == 0o600 for b in backups)


def test_a_bad_item_stores_nothing(store: Store) -> None:
    store.add(doc("已有"))
    before = store.path.read_bytes()
    with pytest.raises(InputError, match="第2条"):
        store.add_many([doc("好"), doc("坏", day="not a date")])
    assert store.path.read_bytes() == before


def test_update_keeps_old_and_new_values_in_history(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_USER", "李秀兰")
    r = store.add(doc(host="王建国", expected=10, present=9))
    updated = store.update(r.id, {"present": 10, "host": ""})
    assert (updated.present, updated.host) == (10, "")
    assert updated.created == r.created
    history = store.history(r.id)
    assert [h.action for h in history] == ["create", "edit"]
    assert history[1].changes == {"present": [9, 10], "host": ["王建国", ""]}
    assert history[1].by == "李秀兰"


def test_update_without_change_writes_nothing(store: Store) -> None:
    r = store.add(doc())
    before = store.path.read_bytes()
    store.update(r.id, {"title": r.title})
    assert store.path.read_bytes() == before
    assert len(store.history(r.id)) == 1


def test_delete_keeps_the_record_recoverable(store: Store) -> None:
    a, b = store.add_many([doc("一"), doc("二")])
    store.delete(a.id)
    assert [r.id for r in store.records()] == [b.id]
    assert [d.record.id for d in store.deleted()] == [a.id]
    restored = store.restore_record(a.id)
    assert restored == a
    assert {r.id for r in store.records()} == {a.id, b.id}
    assert store.deleted() == []
    assert [h.action for h in store.history(a.id)] == ["create", "delete", "restore"]
    # ids are never reused, even after a delete
    assert store.add(doc("三")).id == "R00003"


def test_missing_ids_are_clear_errors(store: Store) -> None:
    store.add(doc())
    with pytest.raises(NotFoundError, match="R00099"):
        store.update("R00099", {"title": "x"})
    with pytest.raises(NotFoundError, match="回收站"):
        store.restore_record("R00001")


def test_keep_ids_preserves_ids_and_moves_the_counter(store: Store) -> None:
    kept = store.add_many([{**doc("一"), "id": "R00042", "created": "2025-01-01T08:00:00+08:00"}, doc("二")],
                          keep_ids=True)
    assert [r.id for r in kept] == ["R00042", "R00043"]
    assert kept[0].created == "2025-01-01T08:00:00+08:00"
    assert store.add(doc("三")).id == "R00044"
    with pytest.raises(InputError, match="R00042"):
        store.add_many([{**doc("四"), "id": "R00042"}], keep_ids=True)


def test_second_writer_gets_a_chinese_message_naming_the_holder(store: Store) -> None:
    store.add(doc())
    with writer_lock(store.path, timeout=1):
        with pytest.raises(LockedError) as info:
            store.add(doc("二"))
    assert f"进程 {os.getpid()}" in info.value.msg
    assert len(Store(store.path).records()) == 1
    store.add(doc("二"))  # the lock is free again


def test_readers_do_not_need_the_lock(store: Store) -> None:
    store.add(doc())
    with writer_lock(store.path, timeout=1):
        assert len(Store(store.path).records()) == 1


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],            # truncated mid-write
    lambda raw: b"\x00\xff\xfe garbage " * 20,   # garbage
    lambda raw: b"[1, 2, 3]",                    # JSON, but not a database
])
def test_corrupt_file_is_reported_never_overwritten_and_restorable(store: Store, damage: Any) -> None:
    store.add_many([doc("一"), doc("二")])
    store.backup_now()
    good = store.path.read_bytes()
    bad = damage(good)
    store.path.write_bytes(bad)
    fresh = Store(store.path)
    with pytest.raises(CorruptFileError) as info:
        fresh.records()
    assert "auditor db restore" in info.value.msg and "最新的完好备份" in info.value.msg
    with pytest.raises(CorruptFileError):
        fresh.add(doc("三"))
    assert store.path.read_bytes() == bad
    newest = backup.newest_good(store.path)
    assert newest is not None
    saved = fresh.restore_backup(newest.path)
    assert [r.title for r in Store(store.path).records()] == ["一", "二"]
    assert saved is not None and saved.read_bytes() == bad  # the damaged file is kept, not lost


def test_a_failing_write_leaves_the_previous_file(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add(doc("一"))
    store.add(doc("二"))  # today's daily backup exists now; the next write is only the main file
    before = store.path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("auditor.store.atomic.os.fsync", disk_full)
    with pytest.raises(StorageError, match="原文件保持不变"):
        store.add(doc("三"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".*.tmp"))
    assert [r.title for r in Store(store.path).records()] == ["一", "二"]


def test_first_write_of_a_day_takes_a_daily_backup_and_import_one_more(store: Store) -> None:
    store.add(doc("一"))
    store.add(doc("二"))
    store.add(doc("三"))
    reasons = [b.reason for b in backup.list_backups(store.path) if b.reason != "previous"]
    assert reasons == ["daily"]
    store.add_many([doc("四")], note="从 a.csv 导入", backup_reason="import")
    newest = [b for b in backup.list_backups(store.path) if b.reason != "previous"][0]
    assert newest.reason == "import"
    assert backup.inspect(newest.path).records == 3  # the state before the import
    assert store.history("R00004")[0].note == "从 a.csv 导入"


def test_prune_keeps_thirty_days_of_daily_and_thirty_event_backups(tmp_path: Path) -> None:
    import datetime as dt

    db = tmp_path / "auditor.json"
    now = dt.datetime(2026, 11, 22, 9, 0)
    for days in range(40):
        backup.take(db, b"{}", "daily", now - dt.timedelta(days=days))
    for minutes in range(35):
        backup.take(db, b"{}", "import", now - dt.timedelta(minutes=minutes))
    backup.prune(db, now)
    left = backup.list_backups(db)
    daily = [b.at for b in left if b.reason == "daily"]
    assert min(daily) == now - dt.timedelta(days=30) and len(daily) == 31
    assert len([b for b in left if b.reason == "import"]) == 30


# -- schema migrations -------------------------------------------------------------

V1_FILE: dict[str, Any] = {
    "meta": {"1": {"schema": 1, "next_id": 4, "profile": {"unit_name": "某某县财政局"}}},
    "records": {
        "1": {"id": "R00001", "date": "2026-01-05", "kind": "theme_day", "title": "一",
              "created": "2026-01-05T10:00:00+08:00", "updated": "2026-01-05T10:00:00+08:00"},
        "2": {"id": "R00003", "date": "2026-02-05", "kind": "party_lesson", "title": "三",
              "created": "2026-02-05T10:00:00+08:00", "updated": "2026-02-05T10:00:00+08:00"},
    },
    "trash": {"1": {"record": {"id": "R00002", "date": "2026-01-09", "kind": "theme_day", "title": "二",
                               "created": "2026-01-09T10:00:00+08:00"},
                    "deleted": "2026-01-10T10:00:00+08:00"}},
    "waivers": {},
}
OLD_FILES = {1: V1_FILE}
"""One sample file per earlier schema version, as that version wrote it."""


def test_every_earlier_version_has_a_sample_and_a_step() -> None:
    assert set(OLD_FILES) == set(range(1, SCHEMA_VERSION)) == set(STEPS)


@pytest.mark.parametrize("version", sorted(OLD_FILES))
def test_old_files_are_read_then_upgraded_on_write_with_a_backup(tmp_path: Path, version: int) -> None:
    db = tmp_path / "auditor.json"
    original = json.dumps(OLD_FILES[version], ensure_ascii=False).encode("utf-8")
    db.write_bytes(original)
    store = Store(db)
    assert store.schema_version() == version
    assert [r.id for r in store.records()] == ["R00001", "R00003"]
    assert db.read_bytes() == original  # reading never writes
    new = store.add(doc("四"))
    assert new.id == "R00004"
    data = json.loads(db.read_text(encoding="utf-8"))
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert Store(db).profile().unit_name == "某某县财政局"
    assert [d.record.id for d in Store(db).deleted()] == ["R00002"]
    assert [h.action for h in Store(db).history("R00002")] == ["create", "delete"]
    migrated = [b for b in backup.list_backups(db) if b.reason == "migrate"]
    assert len(migrated) == 1 and migrated[0].path.read_bytes() == original


def test_v1_file_without_meta_gets_a_counter_past_its_ids(tmp_path: Path) -> None:
    db = tmp_path / "auditor.json"
    data = {k: v for k, v in V1_FILE.items() if k != "meta"}
    db.write_text(json.dumps(data), encoding="utf-8")
    assert Store(db).add(doc("四")).id == "R00004"


def test_a_newer_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "auditor.json"
    raw = json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "records": {}}).encode()
    db.write_bytes(raw)
    with pytest.raises(StorageError, match="升级 auditor"):
        Store(db).add(doc())
    assert db.read_bytes() == raw


def test_tables_of_other_parts_survive_record_writes(store: Store) -> None:
    store.add(doc("一"))
    data = json.loads(store.path.read_text(encoding="utf-8"))
    data["members"] = {"1": {"name": "张三", "joined": "2001-07-01"}}
    store.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = store.add(doc("二"))
    store.update(r.id, {"title": "二（改）"})
    store.delete(r.id)
    store.set_profile(store.profile())
    after = json.loads(store.path.read_text(encoding="utf-8"))
    assert after["members"] == {"1": {"name": "张三", "joined": "2001-07-01"}}


def test_file_has_one_document_per_line_and_omits_empty_fields(store: Store) -> None:
    store.add_many([doc("一", summary="含有 },\" 的文字"), doc("二")])
    lines = store.path.read_text(encoding="utf-8").splitlines()
    record_lines = [line for line in lines if '"kind":"theme_day"' in line]
    assert len(record_lines) == 2
    assert all('"host"' not in line for line in record_lines)
    assert [r.summary for r in Store(store.path).records()] == ['含有 },\" 的文字', ""]


def test_a_damaged_file_loses_at_most_the_last_save(tmp_path: Path) -> None:
    """The version before each write is kept, so restore is not limited to the daily backup."""
    from auditor.store import backup
    from auditor.store.store import Store

    db = tmp_path / "a.json"
    store = Store(db)
    for i in range(3):
        store.add({"date": f"2026-03-0{i + 1}", "kind": "theme_day", "title": f"第{i + 1}次"})
    db.write_bytes(db.read_bytes()[:40])  # damaged after the third save
    good = backup.newest_good(db)
    assert good is not None and good.reason == "previous"
    store.restore_backup(good.path)
    store.refresh()
    assert [r.title for r in store.records()] == ["第1次", "第2次"]
    assert sum(1 for b in backup.list_backups(db) if b.reason == "previous") <= 1


def test_os_errors_are_told_in_chinese() -> None:
    import errno as errno_mod

    from auditor.errors import os_reason

    assert os_reason(OSError(errno_mod.ENOSPC, "No space left on device")) == "磁盘空间不足"
    assert os_reason(OSError(errno_mod.ENOENT, "No such file or directory")) == "文件或文件夹不存在"
    assert os_reason(OSError(errno_mod.EPIPE, "Broken pipe")) == "Broken pipe"  # unmapped: as the system says
