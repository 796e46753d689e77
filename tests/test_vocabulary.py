"""The kinds vocabulary and where the database lives by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.rulebook.kinds import load_vocabulary
from auditor.rulebook.loader import shipped_rules_dir

REQUIRED_LABELS = (
    "党组会议 党委会议 理论学习中心组学习 中心组学习 专题研讨 集中学习 支部党员大会 支部委员会会议 支委会 "
    "党小组会 党课 主题党日 组织生活会 民主生活会 民主评议党员 谈心谈话 意识形态工作报告 意识形态工作联席会议 "
    "意识形态分析研判 党内通报 述职 工作要点 网络阵地备案 宣传信息 社情民意信息"
).split()


def test_every_required_label_resolves_exactly() -> None:
    vocab = load_vocabulary([shipped_rules_dir()])
    for label in REQUIRED_LABELS:
        kind = vocab.find(label)
        assert kind is not None, label
        assert label == kind.label or label in kind.aliases
    assert vocab.resolve("中心组学习").id == vocab.resolve("理论学习中心组学习").id == "central_group_study"
    assert vocab.resolve("支委会").id == "committee_meeting"
    ids = [k.id for k in vocab.kinds]
    assert len(ids) == len(set(ids))


def test_unknown_kind_names_the_choices() -> None:
    vocab = load_vocabulary([shipped_rules_dir()])
    with pytest.raises(InputError) as err:
        vocab.resolve("茶话会", where="第3行")
    assert "第3行" in err.value.msg and "茶话会" in err.value.msg and "auditor kinds" in err.value.msg


def test_a_unit_folder_adds_kinds(tmp_path: Path) -> None:
    (tmp_path / "kinds.yaml").write_text(
        "kinds:\n  - {id: reading_club, label: 读书班, aliases: [读书会]}\n", encoding="utf-8"
    )
    vocab = load_vocabulary([shipped_rules_dir(), tmp_path])
    assert vocab.resolve("读书会").id == "reading_club"
    assert vocab.resolve("主题党日").id == "theme_day"


def test_default_database_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from auditor.store.store import default_db_path

    monkeypatch.delenv("AUDITOR_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "auditor" / "auditor.json"
    monkeypatch.setenv("AUDITOR_DB", str(tmp_path / "elsewhere.json"))
    assert default_db_path() == tmp_path / "elsewhere.json"
