"""The terminal UI (Textual): dashboard, rule detail, records, form, reminders, report, settings.

Importing this package pulls in Textual; only `auditor tui` (and `auditor` alone) do so.
"""
