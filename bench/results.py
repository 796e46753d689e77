"""One measured figure, and the budgets the issues promise, judged side by side."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from bench.timing import Timing

Verdict = Literal["within", "over", "not judged", "no budget", "skipped", "error"]


@dataclass(frozen=True)
class Budget:
    limit: float
    size: int
    """Record count the promise was made for; other sizes are reported, not judged."""
    text: str


BUDGETS: dict[str, Budget] = {
    "check": Budget(0.3, 3000, "well under 0.3 s on 3,000 records"),
    "remind": Budget(0.3, 3000, "well under 0.3 s on 3,000 records"),
    "store_open": Budget(0.2, 10000, "< 0.2 s at 10k records"),
    "store_add": Budget(0.1, 10000, "< 0.1 s at 10k records"),
    "import": Budget(3.0, 10000, "< 3 s for 10k rows"),
    "docx_half": Budget(0.5, 300, "<= 0.5 s on 300 records (issue 13)"),
    "pdf_half": Budget(1.0, 300, "<= 1.0 s on 300 records (issue 13)"),
    "pdf_year": Budget(3.0, 3000, "<= 3 s on 3,000 records (issue 13)"),
    "tui": Budget(1.0, 3000, "< 1 s with 3,000 records"),
    "minutes_docx": Budget(0.3, 1, "<= 0.3 s whole process"),
    "binder_docx": Budget(5.0, 200, "<= 5 s for the year's binder (about 200 records)"),
    "import_minutes": Budget(5.0, 100, "<= 5 s for a folder of 100 DOCX minutes"),
    "evaluate_growth": Budget(1.15, 100000, "linear up to 100k records (exponent ≈ 1)"),
    "records_screen": Budget(1.0, 100000, "<= 1 s from the key to rows at 100k records"),
    "xlsx_export": Budget(6.0, 100000, "<= 6 s at 100k records"),
    "year_report": Budget(8.0, 100000, "<= 8 s at 100k records"),
    "check_large": Budget(1.2, 100000, "<= 1.2 s at 100k records"),
    "list_json_rss": Budget(300.0, 100000, "peak RSS <= 300 MiB at 100k records"),
}


@dataclass
class Result:
    name: str
    group: str
    title: str
    size: int | None = None
    unit: str = "s"
    median: float | None = None
    min: float | None = None
    max: float | None = None
    runs: int = 0
    budget: float | None = None
    budget_text: str = ""
    verdict: Verdict = "no budget"
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def measured(
    name: str, group: str, title: str, timing: Timing, size: int | None, note: str = "", **extra: Any
) -> Result:
    """A Result from timed runs, judged against its budget when the size is the promised one."""
    s = timing.summary()
    result = Result(name, group, title, size, "s", s["median"], s["min"], s["max"], int(s["runs"]),
                    note=note, extra=dict(extra))
    if timing.maxrss_kib is not None:
        result.extra["peak_rss_mib"] = round(timing.maxrss_kib / 1024, 1)
    if timing.inner:
        result.extra["inner_median"] = sorted(timing.inner)[len(timing.inner) // 2]
    return judge(result)


def judge(result: Result) -> Result:
    budget = BUDGETS.get(result.name)
    if budget is None or result.median is None:
        return result
    result.budget, result.budget_text = budget.limit, budget.text
    if result.size != budget.size:
        result.verdict = "not judged"
    else:
        result.verdict = "within" if result.median <= budget.limit else "over"
    return result


def skipped(name: str, group: str, title: str, why: str) -> Result:
    budget = BUDGETS.get(name)
    return Result(name, group, title, budget=budget.limit if budget else None,
                  budget_text=budget.text if budget else "", verdict="skipped", note=why)


def crashed(name: str, group: str, title: str, error: BaseException) -> Result:
    return Result(name, group, title, verdict="error", note=f"{type(error).__name__}: {error}")
