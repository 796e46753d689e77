"""The use cases every face shares. The CLI and the TUI parse input, call these, render.

Writes and decisions that more than one face makes live here once: records
(``records``), Word minutes (``minutes``), the roster (``roster``), explanations and rectification (``ledger``),
the profile, report periods and the absence threshold (``setup``). Each function takes
the ``Session`` first and ``today`` (the day typed dates are read against) when it parses.
"""

from auditor.actions.ledger import (
    add_rectification,
    add_waiver,
    complete_rectification,
    draft_rectification,
    edit_rectification,
    edit_waiver,
    end_waiver,
)
from auditor.actions.minutes import import_minutes, minutes_templates, plan_minutes
from auditor.actions.records import (
    add_record,
    attach_evidence,
    attribute_plan,
    attribution_note,
    delete_records,
    edit_record,
    import_records,
    plan_import,
    restore_records,
    revert_record,
)
from auditor.actions.roster import add_member, edit_member, import_members
from auditor.actions.setup import absence_months, report_period, report_periods, save_profile

__all__ = [
    "absence_months", "add_member", "add_record", "add_rectification", "add_waiver", "attach_evidence",
    "attribute_plan", "attribution_note",
    "complete_rectification", "delete_records", "draft_rectification", "edit_member", "edit_record",
    "edit_rectification", "edit_waiver", "end_waiver", "import_members", "import_minutes", "import_records",
    "minutes_templates", "plan_import", "plan_minutes", "report_period", "report_periods", "restore_records", "revert_record", "save_profile",
]
