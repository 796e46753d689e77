"""Build the demo database from fixtures/demo: profile, local rules, two years of records."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import yaml

from auditor.errors import AuditorError
from auditor.io.tabular import parse_rows, read_csv
from auditor.model import profile_from_doc
from auditor.periods import today
from auditor.session import Session


def demo_source() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "fixtures" / "demo", here.parent / "fixtures" / "demo"):
        if (candidate / "records.csv").is_file():
            return candidate
    raise AuditorError("找不到示例数据（fixtures/demo），请重新安装 auditor。")


def build_demo(db: Path, force: bool = False) -> int:
    """Create the demo database at ``db``; returns the number of records imported."""
    if db.exists() and not force:
        raise AuditorError(f"{db} 已存在，为免覆盖数据没有重建；确需重建请加 --force。")
    src = demo_source()
    if db.exists():
        db.unlink()
    rules_dir = db.parent / "rules"
    if rules_dir.exists():
        shutil.rmtree(rules_dir)
    shutil.copytree(src / "rules", rules_dir)
    session = Session(db)
    doc = yaml.safe_load((src / "unit.yaml").read_text(encoding="utf-8"))
    profile = profile_from_doc({**doc, "rules_dirs": ["rules"]})
    session.store.set_profile(profile)
    session.reload()
    csv_path = src / "records.csv"
    docs = parse_rows(csv_path, read_csv(csv_path), session.vocabulary, today())
    count = len(session.store.add_many(docs))
    _add_extras(session, src)
    return count


def _add_extras(session: Session, src: Path) -> None:
    """The roster (members.csv), explanations and rectification items (extras.yaml)."""
    from auditor.io.roster import parse_member_rows, read_member_table

    roster = src / "members.csv"
    if roster.is_file():
        session.store.import_members(parse_member_rows(roster, read_member_table(roster), today()),
                                     note="示例数据")
    extras = src / "extras.yaml"
    if not extras.is_file():
        return
    doc = yaml.safe_load(extras.read_text(encoding="utf-8")) or {}
    for item in doc.get("waivers", []):
        session.store.add_waiver_item(_plain(item))
    for item in doc.get("rectifications", []):
        session.store.add_rectification(_plain(item))


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    """YAML dates as ISO text, as the store's other callers pass them."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in item.items()}
