"""`auditor db check`: is the database file whole and valid, and are the backups and evidence there?

Reads only; never changes the database. Each finding is one Chinese sentence.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import msgspec

from auditor.errors import AuditorError
from auditor.model import Member, Record, Rectification, UnitProfile, Waiver
from auditor.store import backup
from auditor.store.atomic import TMP_SUFFIX, decode
from auditor.store.migrations import SCHEMA_VERSION, migrate

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    level: Level
    message: str


@dataclass
class CheckReport:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    schema: int = 0
    records: int = 0
    deleted: int = 0
    history: int = 0
    backups: list[backup.Backup] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.level == "error" for f in self.findings)

    def add(self, level: Level, message: str) -> None:
        self.findings.append(Finding(level, message))


def check_database(db: Path) -> CheckReport:
    report = CheckReport(db, backups=backup.list_backups(db))
    _check_backups(report)
    if not db.exists():
        report.add("warning", f"数据文件 {db} 还不存在；记第一条记录时会自动建立。")
        return report
    try:
        from auditor.store.tables import read_bytes

        data = decode(read_bytes(db)[0], db)  # read_bytes: an empty file beside backups is damage
        if data is None:
            report.add("warning", f"数据文件 {db} 是空的；记第一条记录时会写入。")
            return report
        data, found = migrate(data, db)
    except AuditorError as e:
        report.add("error", e.msg)
        good = backup.newest_good(db)
        if good:
            report.add("info", f"最新的完好备份：{good.path.name}（{good.label}），"
                               f"可运行 auditor db restore 恢复（当前文件会先另存一份）。")
        return report
    report.schema = found
    if found < SCHEMA_VERSION:
        report.add("info", f"文件格式为第{found}版，下次写入时会自动升级到第{SCHEMA_VERSION}版（升级前自动备份）。")
    _check_content(report, db, data)
    _check_files(report, db)
    return report


def _check_content(report: CheckReport, db: Path, data: dict[str, dict[str, Any]]) -> None:
    docs = list(data.get("records", {}).values())
    trash = list(data.get("trash", {}).values())
    report.records, report.deleted = len(docs), len(trash)
    report.history = len(data.get("history", {}))
    records: list[Record] = []
    for doc in docs + [t.get("record", {}) for t in trash]:
        try:
            records.append(msgspec.convert(doc, Record, strict=False))
        except msgspec.ValidationError as e:
            from auditor.errors import translate

            report.add("error", f"记录 {doc.get('id', '（无编号）')} 格式不对：{translate(str(e))}；"
                                "请用 auditor db restore 从备份恢复，或手工修正该记录。")
    counts = Counter(r.id for r in records[: len(docs)])
    for rid, n in sorted(counts.items()):
        if n > 1:
            report.add("error", f"记录编号 {rid} 出现了{n}次；请用 auditor show {rid} 核对后删除多余的一条。")
    meta = data.get("meta", {}).get("1", {})
    numbers = [int(m.group(1)) for r in records if (m := re.fullmatch(r"R(\d+)", r.id))]
    if numbers and int(meta.get("next_id", 1)) <= max(numbers):  # harmless: Transaction.next_ids skips past
        report.add("warning", f"下一个记录编号（{meta.get('next_id')}）不大于已用的最大编号（{max(numbers)}），"
                              f"可能是手工改过文件；新记录会从 R{max(numbers) + 1:05d} 起编号，不会重号。")
    for kind, docs_of, target in (("单位概况", [meta.get("profile", {})], UnitProfile),
                                  ("情况说明", list(data.get("waivers", {}).values()), Waiver),
                                  ("党员名册", list(data.get("members", {}).values()), Member),
                                  ("整改台账", list(data.get("rectifications", {}).values()), Rectification)):
        for doc in docs_of:
            try:
                msgspec.convert(doc, target, strict=False)
            except msgspec.ValidationError as e:
                from auditor.errors import translate

                report.add("error", f"{kind}格式不对：{translate(str(e))}；请从备份恢复。")
    from auditor.store.evidence import missing

    for gone in missing(db, records[: len(docs)]):
        report.add("warning", f"记录 {gone.record_id} 的佐证材料 {gone.ref} 找不到（{gone.path}）；"
                              "请放回原处，或用 auditor edit 修改路径。")


def _check_files(report: CheckReport, db: Path) -> None:
    if sys.platform != "win32":
        mode = db.stat().st_mode & 0o777
        if mode & 0o077:
            report.add("warning", f"数据文件权限为 {mode:o}，其他用户也能读取；建议运行 chmod 600 {db}。")
    stale = list(db.parent.glob(f".{db.name}.*{TMP_SUFFIX}"))
    if stale:
        report.add("info", f"有{len(stale)}个中断写入留下的临时文件，下次写入时会自动清理。")
    if os.access(db, os.W_OK) is False:
        report.add("warning", f"数据文件 {db} 不可写，记新记录会失败；请检查权限。")


def _check_backups(report: CheckReport) -> None:
    if not report.backups:
        report.add("info", "还没有备份；第一次写入时会自动备份，也可运行 auditor db backup。")
        return
    for b in report.backups:
        info = backup.inspect(b.path)
        if not info.ok:
            report.add("warning", f"备份 {b.path.name} {info.error}，不能用于恢复。")
