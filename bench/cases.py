"""The benchmark cases, by group. Each returns Results; a missing face is skipped, not faked."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import re
import shutil
import statistics
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from auditor.model import Record
from bench import data, synth
from bench.large import large
from bench.minutes import minutes
from bench.results import Result, judge, measured, skipped
from bench.timing import (
    BenchCrash,
    Timing,
    auditor_argv,
    probe_argv,
    time_call,
    time_process,
    time_rounds,
)
from bench.workspace import Plan, Workspace

AS_OF = synth.AS_OF.isoformat()
FLOOR_PASS = "python -c pass"
FLOOR_JSON = 'python -c "import json"'


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _not_yet(module: str) -> str:
    return f"not available yet: {module} is not in this checkout"


def cli(ws: Workspace, plan: Plan) -> list[Result]:
    """check and remind as cron runs them, in turn with the interpreter's own start-up floor."""
    import sys

    db = ws.db(plan.cli_size)
    base = ["--db", str(db)]
    commands: dict[str, list[str]] = {
        "floor_pass": [sys.executable, "-c", "pass"],
        "floor_json": [sys.executable, "-c", "import json"],
        "check": auditor_argv(*base, "check", "--json", "--as-of", AS_OF),
        # the same with no records: what every run pays before the log matters
        "check_empty": auditor_argv("--db", str(ws.fresh_db("empty")), "check", "--json", "--as-of", AS_OF),
    }
    out: list[Result] = []
    if available("auditor.remind.reminders"):
        commands["remind"] = auditor_argv(*base, "remind", "--as-of", AS_OF)
    else:
        out.append(skipped("remind", "cli", "auditor remind", _not_yet("auditor.remind.reminders")))
    # exit 1 means "rules failed" for check (and due items for remind): a result, not a crash
    t = time_rounds(commands, plan.runs_process, env=ws.env(), ok=(0, 1))
    floor, floor_json = t["floor_pass"].summary()["median"], t["floor_json"].summary()["median"]
    found = [
        measured("floor_pass", "cli", FLOOR_PASS, t["floor_pass"], None, "the interpreter alone"),
        measured("floor_json", "cli", FLOOR_JSON, t["floor_json"], None, "interpreter plus one stdlib import"),
    ]
    for name, title, size in (("check", "auditor check --json", plan.cli_size),
                              ("check_empty", "auditor check --json, empty log", 0),
                              ("remind", "auditor remind", plan.cli_size)):
        if name in t:
            med = t[name].summary()["median"]
            found.append(measured(name, "cli", title, t[name], size,
                                  ratio_to_floor=round(med / floor, 1),
                                  ratio_to_json_floor=round(med / floor_json, 1)))
    found.append(_check_phases(db, plan))
    return found + out


def _check_phases(db: Path, plan: Plan) -> Result:
    """`auditor check --json` phase by phase (probe), to say where its time goes."""
    timing = time_process(probe_argv("phases", str(db), AS_OF), plan.runs_process)
    names = list(timing.reports[0]["phases"])
    ms = {n: round(statistics.median(r["phases"][n] for r in timing.reports) * 1000, 1) for n in names}
    inner = statistics.median(timing.inner)
    note = "; ".join(f"{n} {v:g} ms" for n, v in ms.items())
    return Result("check_phases", "cli", "auditor check --json, phase by phase (in process)", plan.cli_size,
                  "s", inner, min(timing.inner), max(timing.inner), len(timing.inner),
                  note=f"medians: {note}", extra={"phases_ms": ms})


def evaluate(ws: Workspace, plan: Plan) -> list[Result]:
    """evaluate() alone, records already in memory, over a whole year of windows."""
    from auditor.engine.evaluate import evaluate as run
    from auditor.periods import parse_period
    from auditor.rulebook.loader import load_ruleset

    rules = load_ruleset()
    period = parse_period(str(synth.AS_OF.year))
    out: list[Result] = []
    for n in plan.eval_sizes:
        records = data.to_records(ws.docs(n))

        def once(records: list[Record] = records) -> None:
            run(rules.active, records, period, synth.AS_OF, packs=rules.packs)

        timing = time_call(once, plan.runs_call)
        med = timing.summary()["median"]
        out.append(measured(f"evaluate_{n}", "evaluate", f"evaluate() over {period.id}", timing, n,
                            per_record_us=round(med / n * 1e6, 2)))
    if plan.quick:  # one run at small sizes: noise and the fixed cost swamp any exponent
        out.append(Result("evaluate_growth", "evaluate", "evaluate() growth exponent", None, "exp",
                          verdict="not judged", note="quick mode cannot measure growth; run make bench"))
        return out
    # Exponent k of time ∝ n^k between successive sizes; judged on the largest pair, where
    # the fixed cost of a call no longer hides how the per-record work grows.
    steps = []
    for a, b in zip(out, out[1:], strict=False):
        assert a.median and b.median and a.size and b.size
        steps.append((a.size, b.size, math.log(b.median / a.median) / math.log(b.size / a.size)))
    k = steps[-1][2]
    growth = Result("evaluate_growth", "evaluate", "evaluate() growth exponent", steps[-1][1], "exp",
                    k, k, k, 1, note="time ∝ n^k: " + ", ".join(f"k={e:.2f} from {a:,} to {b:,}" for a, b, e in steps),
                    extra={"steps": [{"from": a, "to": b, "exponent": round(e, 3)} for a, b, e in steps]})
    out.append(judge(growth))
    return out


def store(ws: Workspace, plan: Plan) -> list[Result]:
    """Open and load, one add, one edit, at the store size; plus `auditor add` as a process."""
    from auditor.store.store import Store

    n = plan.store_size
    db = ws.db(n)
    runs = plan.runs_call

    def load() -> None:
        s = Store(db)
        s.records()
        s.profile()

    extra = iter(synth.generate(2, seed=ws.seed + 1))
    middle = Store(db).records()[n // 2].id
    edits = iter(range(1, 10_000))
    add = time_call(lambda: Store(db).add(next(extra)), runs)
    edit = time_call(lambda: Store(db).update(middle, {"summary": f"第{next(edits)}次修改内容摘要"}), runs)
    out = [
        measured("store_open", "store", "Store open + load all records", time_call(load, runs), n),
        measured("store_add", "store", "Store.add (one record)", add, n),
        measured("store_edit", "store", "Store.update (one record)", edit, n),
    ]
    args = ["--db", str(db), "add", "--date", AS_OF, "--kind", "主题党日", "--title", "主题党日：学习党章",
            "--expected", "12", "--present", "11", "--absentees", "张三（出差）"]
    cli_add = time_process(auditor_argv(*args), plan.runs_process, env=ws.env())
    out.append(measured("cli_add", "store", "auditor add (whole process)", cli_add, n,
                        note="start-up included; the add budget is for the store call"))
    return out


def import_csv(ws: Workspace, plan: Plan) -> list[Result]:
    """`auditor import` of an Excel-style CSV into a fresh database, as a whole process."""
    from auditor.rulebook.loader import load_ruleset

    n = plan.import_size
    csv_path = data.write_csv(ws.docs(n), ws.root / f"import-{n}.csv", load_ruleset().vocabulary)
    template = ws.fresh_db("import-template")
    target = ws.root / "import-target" / "auditor.json"

    def reset() -> None:
        shutil.rmtree(target.parent, ignore_errors=True)
        shutil.copytree(template.parent, target.parent)

    timing = time_process(auditor_argv("--db", str(target), "import", str(csv_path)), plan.runs_heavy,
                          env=ws.env(), before=reset)
    found = re.search(r"已导入(\d+)条", timing.output)
    if not found or int(found.group(1)) != n:  # a partial import would time something else
        raise BenchCrash(f"import stored {found.group(1) if found else 'no'} of {n} rows: {timing.output[-200:]}")
    return [measured("import", "import", f"auditor import ({n:,} CSV rows)", timing, n,
                     csv_kib=round(csv_path.stat().st_size / 1024))]


def pdf(ws: Workspace, plan: Plan) -> list[Result]:
    """The 自查报告 in a fresh process: imports, font, assessment, layout, file (Word and PDF)."""
    title_half, title_year, title_docx = "PDF report, half-year", "PDF report, year", "Word report, half-year"
    if not available("auditor.report"):
        return [skipped("pdf_half", "pdf", title_half, _not_yet("auditor.report")),
                skipped("pdf_year", "pdf", title_year, _not_yet("auditor.report"))]
    # All records fall inside the reported period: the report lists and counts every one.
    half_db = ws.db(plan.pdf_half_size, years=(2026,), until=dt.date(2026, 6, 30))
    year_db = ws.db(plan.pdf_year_size, years=(2026,))
    out = []
    for name, title, db, period, as_of, n in (
        ("docx_half", title_docx, half_db, "2026H1", "2026-07-10", plan.pdf_half_size),
        ("pdf_half", title_half, half_db, "2026H1", "2026-07-10", plan.pdf_half_size),
        ("pdf_year", title_year, year_db, "2026", AS_OF, plan.pdf_year_size),
    ):
        pdf_path = ws.root / f"{name}.{name.split('_')[0]}"  # the report's format follows the extension
        timing = time_process(probe_argv("pdf", str(db), period, as_of, str(pdf_path)), plan.runs_heavy,
                              env=ws.env())
        out.append(measured(name, "pdf", f"{title} ({period})", timing, n,
                            pdf_kib=round(pdf_path.stat().st_size / 1024)))
    return out


def tui(ws: Workspace, plan: Plan) -> list[Result]:
    """Time to first screen: a fresh process, headless run_test, until the first frame settles."""
    title = "TUI start to first frame (headless)"
    if not available("auditor.tui.app"):
        return [skipped("tui", "tui", title, _not_yet("auditor.tui.app"))]
    out = []
    for name, db, n in (("tui", ws.db(plan.tui_size), plan.tui_size), ("tui_empty", ws.fresh_db("empty"), 0)):
        run = time_process(probe_argv("tui", str(db), AS_OF), plan.runs_heavy, env=ws.env())
        # Judged on start-to-first-frame; the whole process also shuts the app down.
        timing = Timing(times=run.inner, maxrss_kib=run.maxrss_kib)
        imports = statistics.median(r["imports"] for r in run.reports)
        whole = run.summary()["median"]
        out.append(measured(name, "tui", title + (", empty log" if not n else ""), timing, n,
                            note=f"imports {imports * 1000:.0f} ms of it; whole process with shut-down "
                                 f"{whole * 1000:.0f} ms", imports_median=imports, whole_process_median=whole))
    return out


def memory(ws: Workspace, plan: Plan) -> list[Result]:
    """The largest case: `auditor check` on the biggest log, and evaluate()'s own allocations."""
    from auditor.engine.evaluate import evaluate as run
    from auditor.periods import parse_period
    from auditor.rulebook.loader import load_ruleset

    n = plan.memory_size
    db = ws.db(n)
    args = ["--db", str(db), "check", "--json", "--as-of", AS_OF]
    timing = time_process(auditor_argv(*args), 1 if plan.quick else 3, env=ws.env(), ok=(0, 1))
    check = measured("check_largest", "memory", "auditor check --json, largest log", timing, n,
                     db_mib=round(db.stat().st_size / 2**20, 1))
    rss = timing.maxrss_kib or 0
    peak_rss = Result("memory_check", "memory", "peak RSS of auditor check --json", n, "MiB",
                      rss / 1024, rss / 1024, rss / 1024, len(timing.times),
                      note="ru_maxrss of the child process")
    rules = load_ruleset()
    records = data.to_records(ws.docs(n))
    tracemalloc.start()
    run(rules.active, records, parse_period(str(synth.AS_OF.year)), synth.AS_OF, packs=rules.packs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mib = peak / 2**20
    engine = Result("memory_evaluate", "memory", "evaluate() peak allocation (tracemalloc)", n, "MiB",
                    mib, mib, mib, 1, note="beyond the records already in memory")
    return [check, peak_rss, engine]


@dataclass(frozen=True)
class Group:
    name: str
    run: Callable[[Workspace, Plan], list[Result]]
    title: str


GROUPS: tuple[Group, ...] = (
    Group("cli", cli, "check and remind as whole processes, with the start-up floor"),
    Group("evaluate", evaluate, "evaluate() at growing sizes"),
    Group("store", store, "store: open/load, add, edit"),
    Group("import", import_csv, "CSV import"),
    Group("pdf", pdf, "self-inspection report (Word and PDF)"),
    Group("tui", tui, "TUI time to first screen"),
    Group("minutes", minutes, "minutes DOCX, the year's 台账 binder, a folder of Word minutes imported"),
    Group("memory", memory, "the largest case: time and peak memory"),
    Group("large", large, "100,000 records: records screen, XLSX export, year report, check, list --json"),
)
