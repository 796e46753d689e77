"""The terminal UI (Textual): dashboard, rule detail, records, form, reminders, report, settings.

Importing this package pulls in Textual; only `auditor tui` (and `auditor` alone) do so.
"""

GC_THRESHOLDS = (50_000, 20, 100)
"""The cyclic collector's thresholds while the TUI runs. Textual allocates many short-lived
objects a frame; at Python's default (700, 10, 10) the collector ran every few hundred of
them, ~10% of the CPU of a screen switch or a form opening."""
