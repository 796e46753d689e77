"""One field specification for records, members, waivers and rectification items.

A ``Field`` says everything a face needs about one value a person types: its English
name (CLI option, CSV header, JSON key), Chinese header, help, whether it is required,
its kind of value and so its parser. A ``Form`` is the fields of one kind of item plus
the checks across fields. From these come the click options (``auditor.cli.options``),
the TUI forms, the importers' column maps (``Form.columns``) and the text shown back
(``Form.text``): declare a field here and every face has it.

Parsing turns text into a store document or raises ``FieldError`` naming the field.
Bounds and control-character handling live in the parser functions, one per kind.

The package: ``spec`` (Field, Form, Parse), ``values`` (one parser per kind of value) and
``tables`` (the four forms, data). Import from ``auditor.forms``.
"""

from auditor.errors import FieldError
from auditor.forms.spec import Field, Form, Parse
from auditor.forms.tables import MEMBER, RECORD, RECTIFICATION, WAIVER
from auditor.forms.values import absentee_text, parse_absentees, resolve_rule, split_list

__all__ = ["MEMBER", "RECORD", "RECTIFICATION", "WAIVER", "Field", "FieldError", "Form", "Parse",
           "absentee_text", "parse_absentees", "resolve_rule", "split_list"]
