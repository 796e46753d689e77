"""The benchmark's generator and plumbing. No test here asserts a time."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from auditor.io.tabular import parse_rows, read_csv
from auditor.periods import parse_period
from auditor.rulebook.loader import RuleSet
from auditor.store.store import Store
from bench import __main__ as bench_main
from bench import cases, data, doc, synth
from bench.results import BUDGETS, Result, judge, measured
from bench.timing import Timing, run_process
from bench.workspace import QUICK, Plan, Workspace


def test_same_seed_same_log_other_seed_other_log() -> None:
    assert synth.generate_n(700, seed=3) == synth.generate_n(700, seed=3)
    assert synth.generate_n(700, seed=3) != synth.generate_n(700, seed=4)


@pytest.mark.parametrize("n", [1, 299, 1234])
def test_generate_n_gives_exactly_n_records(n: int) -> None:
    assert len(synth.generate_n(n)) == n


def test_one_unit_year_is_a_few_hundred_records() -> None:
    sizes = [len(synth.unit_log(0, i, (2025,), None)) for i in range(10)]
    assert all(200 <= s <= 400 for s in sizes), sizes


def test_records_validate_and_use_known_kinds(shipped_rules: RuleSet) -> None:
    docs = synth.generate_n(2000)
    records = data.to_records(docs)
    known = {k.id for k in shipped_rules.vocabulary.kinds}
    assert {r.kind for r in records} <= known
    assert max(r.date for r in records) <= synth.AS_OF
    for r in records:
        if r.covers:
            parse_period(r.covers)
        if r.expected is not None and r.present is not None:
            assert 0 < r.present <= r.expected


def test_log_has_the_cadences_and_gaps_of_real_logs() -> None:
    units = [synth.unit_log(0, i, (2025,), None) for i in range(20)]
    months_with_committee = [
        len({d["date"][:7] for d in log if d["kind"] == "committee_meeting"}) for log in units
    ]
    assert max(months_with_committee) == 12
    assert min(months_with_committee) < 12  # some branch skipped a month
    everything = [d for log in units for d in log]
    kinds = Counter(d["kind"] for d in everything)
    assert kinds["general_meeting"] <= 4 * 20 and kinds["org_life_meeting"] <= 20
    assert any(d["kind"] == "ideology_report" and d.get("covers", "").endswith("H1") for d in everything)
    assert any(d.get("recorder") == "" for d in everything)  # incomplete minutes occur
    assert all("\u4e00" <= d["title"][0] <= "\u9fff" or d["title"][0].isdigit() for d in everything)


def test_no_two_records_share_date_kind_and_title() -> None:
    docs = synth.generate_n(3000)
    keys = {(d["date"], d["kind"], d["title"]) for d in docs}
    assert len(keys) == len(docs)


def test_csv_round_trips_through_the_importer(tmp_path: Path, shipped_rules: RuleSet) -> None:
    docs = synth.generate_n(600)
    path = data.write_csv(docs, tmp_path / "records.csv", shipped_rules.vocabulary)
    parsed = parse_rows(path, read_csv(path), shipped_rules.vocabulary, synth.AS_OF)
    assert data.to_records(parsed) == data.to_records(docs)


def test_build_db_stores_every_record_and_the_profile(tmp_path: Path) -> None:
    docs = synth.generate_n(500)
    db = data.build_db(tmp_path / "b" / "auditor.json", docs)
    store = Store(db)
    assert len(store.records()) == 500
    assert store.profile().branch_name == "某某县财政局机关党支部"


def _timing(*times: float) -> Timing:
    return Timing(times=list(times))


def test_budget_is_judged_only_at_the_promised_size() -> None:
    size = BUDGETS["check"].size
    assert measured("check", "cli", "t", _timing(0.1, 0.2, 0.15), size).verdict == "within"
    over = measured("check", "cli", "t", _timing(0.5, 0.4, 0.6), size)
    assert (over.verdict, over.median, over.min, over.max) == ("over", 0.5, 0.4, 0.6)
    assert measured("check", "cli", "t", _timing(0.5), 300).verdict == "not judged"
    assert judge(Result("nothing", "g", "t", 1, median=9.0)).verdict == "no budget"


def test_run_process_reports_exit_code_and_child_memory() -> None:
    run = run_process([sys.executable, "-c", "import sys; print('ok'); sys.exit(3)"])
    assert (run.returncode, run.stdout.strip()) == (3, "ok")
    assert run.maxrss_kib > 0


def test_child_memory_is_its_own_not_the_parents() -> None:
    ballast = bytearray(200 * 2**20)  # a big parent: Linux would count it in a forked child's maxrss
    run = run_process([sys.executable, "-c", "pass"])
    assert len(ballast) and run.maxrss_kib < 100 * 1024


def test_missing_faces_are_skipped_with_a_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cases, "available", lambda module: False)
    results = cases.pdf(Workspace(tmp_path), QUICK) + cases.tui(Workspace(tmp_path), QUICK)
    assert [r.verdict for r in results] == ["skipped"] * 3
    assert all("not available yet" in r.note for r in results)


def test_quick_run_writes_results_of_the_expected_shape(tmp_path: Path) -> None:
    out = tmp_path / "perf.json"
    assert bench_main.main(["--quick", "--only", "evaluate,store", "--out", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["mode"] == "quick"
    assert {"cpu", "cores", "python"} <= set(report["machine"])
    names = [r["name"] for r in report["results"]]
    assert names == [*(f"evaluate_{n}" for n in QUICK.eval_sizes), "evaluate_growth",
                     "store_open", "store_add", "store_edit", "cli_add"]
    growth = next(r for r in report["results"] if r["name"] == "evaluate_growth")
    assert growth["verdict"] == "not judged" and growth["median"] is None  # not measurable in quick mode
    for r in report["results"]:
        if r is growth:
            continue
        assert r["verdict"] in ("within", "over", "not judged", "no budget")
        assert r["runs"] >= 1 and 0 < r["min"] <= r["median"] <= r["max"]
    table = out.with_suffix(".md").read_text(encoding="utf-8")
    assert table.count("\n| ") == len(names) + 1


def test_a_crashing_case_makes_the_run_fail(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(ws: Workspace, plan: Plan) -> list[Result]:
        raise RuntimeError("boom")

    monkeypatch.setattr(bench_main, "GROUPS", (cases.Group("broken", broken, "always fails"),))
    out = tmp_path / "perf.json"
    assert bench_main.main(["--quick", "--out", str(out)]) == 1
    (result,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert result["verdict"] == "error" and "boom" in result["note"]


def test_markdown_section_is_replaced_and_the_prose_kept(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    path.write_text(f"# Perf\n\nintro\n\n{doc.BEGIN}\nold table\n{doc.END}\n\n## Why\nprose\n", encoding="utf-8")
    report = doc.document([Result("check", "cli", "auditor check", 3000, median=0.25, min=0.2, max=0.3, runs=3)],
                          quick=False, seed=0, elapsed=1.0)
    doc.update_markdown(path, report)
    text = path.read_text(encoding="utf-8")
    assert "old table" not in text and "intro" in text and "## Why\nprose" in text
    assert "| auditor check | 3,000 | 250 ms | 200 ms | 300 ms | 3 |" in text
