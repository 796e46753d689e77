"""Build the demo database from fixtures/demo: profile, local rules, two years of records."""

from __future__ import annotations

import shutil
from pathlib import Path

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
    return len(session.store.add_many(docs))
