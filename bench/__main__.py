"""`auditor-bench` / `make bench`: measure, judge against the budgets, write JSON and the table.

A developer tool: it reports budgets, it does not gate on them. It exits 1 only when a
benchmark crashes, so CI's quick run (`make bench-quick`) keeps every case alive.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench import doc
from bench.cases import GROUPS
from bench.results import Result, crashed
from bench.workspace import FULL, QUICK, Workspace


def _repo_docs() -> Path | None:
    root = Path(__file__).resolve().parents[1]
    docs = root / "docs"
    return docs if (root / "pyproject.toml").is_file() and docs.is_dir() else None


def _parser() -> argparse.ArgumentParser:
    names = ", ".join(g.name for g in GROUPS)
    p = argparse.ArgumentParser(
        prog="auditor-bench", description="Benchmarks of auditor against its performance budgets.",
        epilog=f"groups: {names}. Full run writes docs/performance.json and the table in "
               "docs/performance.md; --quick and --only write bench-results/ instead.",
    )
    p.add_argument("--quick", action="store_true", help="small sizes, one run each (CI: keeps it from rotting)")
    p.add_argument("--out", type=Path, help="write the JSON here (and a .md table beside it); docs untouched")
    p.add_argument("--only", action="append", default=[], metavar="GROUP",
                   help="run only these groups (repeat or comma-separate)")
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic logs (default 0)")
    p.add_argument("--keep", action="store_true", help="keep the temp folder of databases and print it")
    return p


def _selected(only: list[str]) -> list[str]:
    wanted = [n.strip() for item in only for n in item.split(",") if n.strip()]
    known = {g.name for g in GROUPS}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise SystemExit(f"auditor-bench: unknown group {unknown[0]!r}; choose from {', '.join(sorted(known))}")
    return wanted or [g.name for g in GROUPS]


def _line(r: Result) -> str:
    if r.median is None:
        return f"  {r.name:<18} {r.verdict}: {r.note}"
    value = f"{r.median * 1000:8.1f} ms" if r.unit == "s" else f"{r.median:8.2f} {r.unit}"
    budget = f"  [{r.verdict}: {r.budget_text}]" if r.budget_text else ""
    return f"  {r.name:<18} {value}  (n={r.size}, runs={r.runs}){budget}"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    plan = QUICK if args.quick else FULL
    groups = _selected(args.only)
    started = time.perf_counter()
    load_before = doc.load_average()
    results: list[Result] = []
    root = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    ws = Workspace(root, seed=args.seed)
    try:
        for group in GROUPS:
            if group.name not in groups:
                continue
            print(f"[{group.name}] {group.title}", file=sys.stderr, flush=True)
            try:
                found = group.run(ws, plan)
            except Exception as e:  # one broken case must not hide the others
                found = [crashed(group.name, group.name, group.title, e)]
            for r in found:
                print(_line(r), file=sys.stderr, flush=True)
            results += found
    finally:
        if args.keep:
            print(f"databases kept in {root}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(root, ignore_errors=True)
    report = doc.document(results, quick=plan.quick, seed=args.seed, elapsed=time.perf_counter() - started,
                          load_before=load_before)
    docs = _repo_docs()
    if args.out:
        out = args.out
    elif plan.quick or args.only or docs is None:
        out = Path("bench-results") / "performance.json"
    else:
        out = docs / "performance.json"
    doc.write_json(report, out)
    if docs is not None and out.parent == docs:
        doc.update_markdown(docs / "performance.md", report)
        print(f"wrote {out} and the table in {docs / 'performance.md'}", file=sys.stderr)
    else:
        out.with_suffix(".md").write_text(doc.table(report) + "\n", encoding="utf-8")
        print(f"wrote {out} and {out.with_suffix('.md')}", file=sys.stderr)
    broken = [r.name for r in results if r.verdict == "error"]
    if broken:
        print(f"crashed: {', '.join(broken)}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
