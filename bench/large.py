"""A unit's decades, or a superior's roll-up: the 100,000-record budgets of issue 15.

Each case is a whole fresh process on the same synthetic log: the records screen from
the key to its first rows, the XLSX export, the year report, `check`, and the peak
memory of `list --json` (which streams).
"""

from __future__ import annotations

from bench.results import Result, judge, measured, skipped
from bench.timing import Timing, auditor_argv, probe_argv, time_process
from bench.workspace import Plan, Workspace

AS_OF = "2026-11-22"


def large(ws: Workspace, plan: Plan) -> list[Result]:
    n = plan.large_size
    db = ws.db(n)
    env = ws.env()
    runs = 1 if plan.quick else 3
    out: list[Result] = []
    screen = time_process(probe_argv("records", str(db), AS_OF), runs, env=env)
    out.append(measured("records_screen", "large", "records screen: key 2 to first rows (headless)",
                        Timing(times=screen.inner, maxrss_kib=screen.maxrss_kib), n,
                        rows_shown=screen.reports[0]["rows"]))
    xlsx = ws.root / "large.xlsx"
    out.append(measured("xlsx_export", "large", "auditor export .xlsx (all records)",
                        time_process(auditor_argv("--db", str(db), "export", str(xlsx)), runs, env=env), n,
                        xlsx_kib=round(xlsx.stat().st_size / 1024)))
    out.append(_report(ws, n, runs))
    out.append(measured("check_large", "large", "auditor check --json",
                        time_process(auditor_argv("--db", str(db), "check", "--json", "--as-of", AS_OF), runs,
                                     env=env, ok=(0, 1)), n))
    listing = time_process(auditor_argv("--db", str(db), "list", "--json"), runs, env=env)
    rss = (listing.maxrss_kib or 0) / 1024
    out.append(_rss("list_json_rss", "peak RSS of auditor list --json", n, rss, runs,
                    f"{listing.summary()['median']:.1f} s wall"))
    return out


def _report(ws: Workspace, n: int, runs: int) -> Result:
    title = "year report (PDF), all records"
    try:
        import auditor.report  # noqa: F401
    except ImportError:
        return skipped("year_report", "large", title, "auditor.report is not in this checkout")
    db = ws.db(n)
    pdf = ws.root / "large-year.pdf"
    run = time_process(probe_argv("pdf", str(db), "2026", AS_OF, str(pdf)), runs, env=ws.env())
    return measured("year_report", "large", title, run, n, pdf_kib=round(pdf.stat().st_size / 1024))


def _rss(name: str, title: str, n: int, mib: float, runs: int, note: str) -> Result:
    return judge(Result(name, "large", title, n, "MiB", mib, mib, mib, runs, note=note))
