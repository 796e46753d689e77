"""The 会议记录 page of one record, written on the shared Word layout (``report.word``).

``add_page`` writes the page into any document, so the single minutes file, the
default template (the same page with ``{{ 主持人 }}`` where the values go) and the
台账 binder are one layout. A unit's own template goes through ``minutes_template``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from auditor.model import Record, UnitProfile
from auditor.report import word
from auditor.report.minutes_content import BLANK, PLACEHOLDERS, REQUIRED, minutes_values, page_lines
from auditor.rulebook.kinds import Vocabulary

if TYPE_CHECKING:
    from auditor.session import Session

CONTENT_LABEL = "会议内容"
SIGNATURES = "主持人（签名）：______　　记录人（签名）：______"
WRITING_LINES = 5
"""Ruled lines left for the content when the record has no summary."""
RULED_LINE = "_" * 50
"""One line of the text block (146.6 mm: 50 half-width 3号 characters) to write on."""


@dataclass(frozen=True)
class Minutes:
    """A written minutes file and the elements it left blank for the secretary to fill in."""

    path: Path
    missing: tuple[str, ...]


def add_page(doc: word.Document, values: dict[str, str], *, template: bool = False) -> None:
    """Title, the label lines, 会议内容 and the signature lines; a missing value is a blank.

    ``template`` prints every required line even when empty (the default template) and
    leaves out the optional ones a record may not have.
    """
    word.paragraph(doc, values["标题"] or BLANK, word.TITLE)
    for line in page_lines(values, template=template):
        word.paragraph(doc, line, word.FIELD)
    word.paragraph(doc, f"{CONTENT_LABEL}：", word.FIELD)
    body = [line.strip() for line in values["会议内容"].splitlines() if line.strip()]
    for line in body:
        word.paragraph(doc, line)
    for _ in range(0 if body else WRITING_LINES):
        word.paragraph(doc, RULED_LINE, word.FIELD)
    word.paragraph(doc, "", word.SIGNATURE)
    word.paragraph(doc, SIGNATURES, word.SIGNATURE)


def missing_elements(values: dict[str, str], used: set[str] | None = None) -> tuple[str, ...]:
    """The elements (of those the page or template uses) that the record leaves blank."""
    names = [*REQUIRED, "会议内容"] if used is None else [n for n in PLACEHOLDERS if n in used]
    return tuple(n for n in names if not values.get(n))


def write_minutes(
    record: Record, vocab: Vocabulary, profile: UnitProfile, out: Path, template: Path | None = None
) -> Minutes:
    """The record's minutes as a .docx at ``out``, from ``template`` or the built-in page."""
    from auditor.store.atomic import write_atomic

    values = minutes_values(record, vocab, profile)
    if template is not None:
        from auditor.report.minutes_template import render

        payload, used = render(template, values)
        write_atomic(out, payload)
        return Minutes(out, missing_elements(values, used))
    doc = word.new_document(title=values["标题"], author=profile.display_name, layout=word.RECORD)
    add_page(doc, values)
    write_atomic(out, word.to_bytes(doc))
    return Minutes(out, missing_elements(values))


def default_template(profile: UnitProfile, out: Path) -> None:
    """The built-in page with a ``{{ 名称 }}`` placeholder for every element, to edit in Word."""
    from auditor.store.atomic import write_atomic

    values = {name: "{{ " + name + " }}" for name in PLACEHOLDERS}
    doc = word.new_document(title="会议记录模板", author=profile.display_name, layout=word.RECORD)
    add_page(doc, values, template=True)
    write_atomic(out, word.to_bytes(doc))


def template_for(profile: UnitProfile, kind: str, db: Path) -> Path | None:
    """The unit's template for a kind (else its general one), from the profile; None: built-in."""
    named = profile.minutes_templates.get(kind) or profile.minutes_templates.get("")
    if not named:
        return None
    path = Path(named).expanduser()
    return path if path.is_absolute() else db.parent / path


def write_any(session: Session, record: Record, out: Path, template: Path | None = None) -> Minutes:
    """Minutes as .docx, or .pdf through LibreOffice; the template from --template or the profile."""
    chosen = template or template_for(session.profile, record.kind, session.db_path)
    if out.suffix.lower() != ".pdf":
        return write_minutes(record, session.vocabulary, session.profile, out.with_suffix(".docx")
                             if out.suffix == "" else out, chosen)
    import tempfile

    from auditor.report.office import docx_to_pdf

    with tempfile.TemporaryDirectory(prefix="auditor-minutes-") as tmp:
        docx = Path(tmp) / "minutes.docx"
        result = write_minutes(record, session.vocabulary, session.profile, docx, chosen)
        docx_to_pdf(docx.read_bytes(), out)
    return Minutes(out, result.missing)
