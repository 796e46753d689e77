"""Benchmarks and performance budgets: synthetic logs, timed cases, docs/performance.md."""
