"""A one-sheet .xlsx written directly as SpreadsheetML: 100,000 rows in seconds.

openpyxl, even in write-only mode, spends ~15 µs per cell building cell objects, which
is 30 s for a unit's decades of records. An export needs little of it: inline strings,
numbers, dates with a date format, a bold frozen header and column widths. This writes
exactly that, streaming rows into the zip; openpyxl, Excel, WPS and LibreOffice read it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_EPOCH = dt.date(1899, 12, 30)
# Characters XML 1.0 cannot hold at all; a stored value from before the input bounds might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
STYLE_BOLD, STYLE_DATE = 1, 2
_NUMBERS = (int, float)

_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}


def xlsx_bytes(sheet: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float]) -> bytes:
    """The workbook's bytes; ``rows`` hold str, int, float, dt.date or None (None: no cell)."""
    letters = [_letter(i) for i in range(len(headers))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, xml in _PARTS.items():
            z.writestr(name, _DECL + xml)
        z.writestr("xl/workbook.xml", _DECL + (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        with z.open("xl/worksheets/sheet1.xml", "w") as fh:
            cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w:.1f}" customWidth="1"/>'
                           for i, w in enumerate(widths))
            fh.write((_DECL + f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
                      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                      f'</sheetView></sheetViews><cols>{cols}</cols><sheetData>').encode())
            fh.write(_header(letters, headers).encode())
            chunk: list[str] = []
            for number, row in enumerate(rows, start=2):
                chunk.append(_row(number, letters, row))
                if len(chunk) >= 2000:
                    fh.write("".join(chunk).encode())
                    chunk.clear()
            fh.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    return buffer.getvalue()


_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _row(number: int, letters: Sequence[str], values: Sequence[Any]) -> str:
    # 1.9 M cells for 100k records: one comprehension, dispatch on the exact type, and
    # escape only the text that needs it (most needs none).
    cells = [
        f'<c r="{letter}{number}" t="inlineStr"><is><t xml:space="preserve">'
        f'{escape(_NOT_XML.sub("", v)) if _SPECIAL.search(v) else v}</t></is></c>' if type(v) is str
        else f'<c r="{letter}{number}"><v>{v!r}</v></c>' if type(v) in _NUMBERS
        else _other(f"{letter}{number}", v)
        for letter, v in zip(letters, values, strict=False) if v is not None and v != ""
    ]
    return f'<row r="{number}">{"".join(cells)}</row>'


def _header(letters: Sequence[str], headers: Sequence[str]) -> str:
    cells = (f'<c r="{letter}1" t="inlineStr" s="{STYLE_BOLD}"><is><t xml:space="preserve">{_text(h)}</t></is></c>'
             for letter, h in zip(letters, headers, strict=False))
    return f'<row r="1">{"".join(cells)}</row>'


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _other(ref: str, value: Any) -> str:
    """A cell of a rarer type: a date, a bool, or a subclass of str or of a number."""
    if isinstance(value, bool):
        value = "是" if value else "否"
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>' if value else ""
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return f'<c r="{ref}" s="{STYLE_DATE}"><v>{(day - _EPOCH).days}</v></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out
