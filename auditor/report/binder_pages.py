"""The unit's own minutes templates inside the 台账 binder: each filled and appended with docxcompose.

docxcompose copies a filled page into the binder with what it refers to (its styles,
numbering, pictures, under new names where the binder has one of the same name). What it
does not carry is the look that a template's text takes from its own 正文 (Normal) style
and document defaults: in the binder that text would fall back to the binder's 正文
(仿宋 3号, fixed 31 pt lines, indented). So before a page is appended, its plain
paragraphs are given a style of their own, 本单位正文, that spells out what they had in the
template: its Normal, over the table style for text in a table, over its defaults, over
Word's own (left-aligned, single-spaced, 5号 … where the template says nothing).

The binder's page set-up, footer (page numbers) and document defaults stay: a template's
margins and header are not taken. Each template is checked (and read) once.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from auditor.report.minutes_template import fill, placeholders
from auditor.report.wordxml import set_child

KEPT_STYLES = ("TableGrid", "TableNormal", "DefaultParagraphFont", "NoList")
"""Built-in styles the binder itself uses or Word needs, besides the defaults and our own."""
BODY_ID, BODY_NAME = "UnitBody", "本单位正文"
# What Word assumes where neither the style nor the document defaults say (and what the
# binder's 正文 sets otherwise): a template's plain text is left-aligned, single-spaced,
# not indented, 10 pt, not on the binder's 31 pt line grid.
NEUTRAL_PPR = (("w:snapToGrid", {"w:val": "0"}), ("w:spacing", {"w:before": "0", "w:after": "0", "w:line": "240",
               "w:lineRule": "auto"}), ("w:ind", {"w:firstLine": "0", "w:firstLineChars": "0"}), ("w:jc", {"w:val": "left"}))
NEUTRAL_RPR = (("w:sz", {"w:val": "20"}), ("w:szCs", {"w:val": "20"}))


class TemplatePages:
    """Filled template pages appended, in turn, to the end of one document.

    The first page of a template goes through docxcompose, which brings its styles in.
    A later page of the same template that refers to nothing but styles the binder now
    has (no pictures, links, numbering, notes, fields or sections) is copied straight in:
    docxcompose would do nothing more for it, at ~40 ms a page.
    """

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._composer: Any = None
        self._templates: dict[Path, bytes] = {}
        self._env: Any = None

    def append(self, path: Path, values: Mapping[str, str]) -> None:
        from docxtpl import DocxTemplate

        if path not in self._templates:
            placeholders(path)
            self._templates[path] = path.read_bytes()
        tpl = DocxTemplate(io.BytesIO(self._templates[path]))
        fill(tpl, path, values, self._jinja())
        own_body_style(tpl.docx, list(self._templates).index(path) + 1)
        section = self._doc.sections[0]
        fit_tables(tpl.docx, round(section.page_width.twips - section.left_margin.twips - section.right_margin.twips))
        if self._composer is not None and _plain(tpl.docx, self._doc):
            body = self._doc.element.body
            at = body.index(body.sectPr)
            for n, el in enumerate([e for e in tpl.docx.element.body if e.tag != qn("w:sectPr")]):
                body.insert(at + n, el)
            return
        if self._composer is None:
            from docxcompose.composer import Composer

            drop_unused_styles(self._doc)
            # Not preserve_styles: docxcompose 2.2 then renames every style reference of a
            # table to the table's style. A template's style of a name the binder has takes
            # the binder's; its 本单位正文 styles are named for the template, so they stay apart.
            self._composer = Composer(self._doc)
        self._composer.append(tpl.docx)

    def _jinja(self) -> Any:
        if self._env is None:
            import jinja2

            class Compiled(jinja2.Environment):
                def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Any:
                    compiled = self.__dict__.setdefault("compiled", {})
                    if source not in compiled:
                        compiled[source] = super().from_string(source, *args, **kwargs)
                    return compiled[source]

            self._env = Compiled(autoescape=True)
        return self._env


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NOT_PLAIN = {qn(t) for t in ("w:numPr", "w:sectPr", "w:bookmarkStart", "w:footnoteReference", "w:endnoteReference",
                              "w:commentReference", "w:drawing", "w:pict", "w:object", "w:fldSimple", "w:instrText",
                              "w:fldChar")}


def _plain(page: Any, binder: Any) -> bool:
    """Whether a filled page needs nothing of docxcompose: only styles the binder has, by the same id."""
    body = page.element.body
    have = {s.get(qn("w:styleId")): s for s in binder.styles.element.findall(qn("w:style"))}
    names = {s.find(qn("w:name")).get(qn("w:val")): sid for sid, s in have.items() if s.find(qn("w:name")) is not None}
    for el in (el for block in body if block.tag != qn("w:sectPr") for el in block.iter()):
        if el.tag in _NOT_PLAIN or any(k.startswith(_R) for k in el.attrib):
            return False
        if el.tag in (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle")):
            sid = el.get(qn("w:val"))
            own = page.styles.element.get_by_id(sid)
            name = own.find(qn("w:name")).get(qn("w:val")) if own is not None and own.find(qn("w:name")) is not None else None
            if sid not in have or names.get(name, sid) != sid:
                return False
    return True


def own_body_style(doc: Any, template: int = 1) -> None:
    """Give the paragraphs that use the template's Normal a style spelling out their look.

    The styles are named for the template (本单位正文（模板1）), as binders hold several.
    """
    styles = doc.styles.element
    normal = _default(styles, "paragraph")
    defaults = styles.find(qn("w:docDefaults"))
    made: dict[str, str] = {}
    for p in doc.element.body.iter(qn("w:p")):
        ppr = p.get_or_add_pPr()
        if ppr.find(qn("w:pStyle")) is not None:
            continue
        table = next((a for a in p.iterancestors(qn("w:tbl"))), None)
        tstyle = _table_style(table, styles) if table is not None else ""
        if tstyle not in made:
            made[tstyle] = _body_style(styles, (normal, defaults), tstyle, (template, len(made)))
        set_child(ppr, "w:pStyle", val=made[tstyle])
    for style in styles.findall(qn("w:style")):  # styles built on Normal now build on 本单位正文
        based = style.find(qn("w:basedOn"))
        if normal is not None and based is not None and based.get(qn("w:val")) == normal.get(qn("w:styleId")):
            if "" not in made:
                made[""] = _body_style(styles, (normal, defaults), "", (template, len(made)))
            based.set(qn("w:val"), made[""])


def _body_style(styles: Any, base: tuple[Any, Any], table_style: str, number: tuple[int, int]) -> str:
    """A 本单位正文 style: Normal over the table style's chain over the defaults over Word's own."""
    normal, defaults = base
    sources = [s for s in (normal, *_chain(styles, table_style)) if s is not None]
    layers = [[s.find(qn(tag)) for s in sources] for tag in ("w:pPr", "w:rPr")]
    if defaults is not None:
        layers[0].append(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
        layers[1].append(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    template, n = number
    sid = f"{BODY_ID}{template}" + (f"-{n}" if n else "")
    name = f"{BODY_NAME}（模板{template}" + (f"表格{n}）" if n else "）")
    style = styles.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False)
    style.set(qn("w:styleId"), sid)
    for tag, layer, neutral in (("w:pPr", layers[0], NEUTRAL_PPR), ("w:rPr", layers[1], NEUTRAL_RPR)):
        target = style.get_or_add_pPr() if tag == "w:pPr" else style.get_or_add_rPr()
        for source in layer:
            for child in source if source is not None else ():
                _merge(target, child)
        for name, attrs in neutral:
            if target.find(qn(name)) is None:
                set_child(target, name, **{k.split(":")[1]: v for k, v in attrs.items()})
    return sid


def fit_tables(doc: Any, width: int) -> None:
    """Narrow a table laid out for a wider page than the binder's to its text block (twips)."""
    for table in doc.element.body.findall(qn("w:tbl")):
        cols = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        total = sum(int(c.get(qn("w:w"), "0")) for c in cols)
        if total <= width:
            continue
        for el in (*cols, *table.iter(qn("w:tcW"), qn("w:tblW"))):
            if el.tag == qn("w:gridCol") or el.get(qn("w:type")) == "dxa":
                el.set(qn("w:w"), str(int(el.get(qn("w:w"), "0")) * width // total))


def _merge(target: Any, child: Any) -> None:
    """Take ``child`` where ``target`` lacks its tag; where both have it, the missing attributes."""
    local = child.tag.rpartition("}")[2]
    mine = target.find(child.tag)
    if mine is None:
        try:
            mine = set_child(target, f"w:{local}")
        except ValueError:  # a tag outside the schema order we know: left to the template's Normal
            return
        mine.extend(copy.deepcopy(c) for c in child)
    for key, value in child.attrib.items():
        named = key.replace("Theme", "").replace("cstheme", "cs")  # a theme font yields to a named one
        if key not in mine.attrib and (named == key or named not in mine.attrib):
            mine.set(key, value)


def _default(styles: Any, kind: str) -> Any:
    return next((s for s in styles.findall(qn("w:style"))
                 if s.get(qn("w:type")) == kind and s.get(qn("w:default")) == "1"), None)


def _table_style(table: Any, styles: Any) -> str:
    ref = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    if ref is not None:
        return str(ref.get(qn("w:val")))
    default = _default(styles, "table")
    return str(default.get(qn("w:styleId"))) if default is not None else ""


def _chain(styles: Any, sid: str) -> list[Any]:
    """A style and those it is based on, nearest first."""
    out: list[Any] = []
    while sid and len(out) < 10:
        style = styles.get_by_id(sid)
        if style is None:
            break
        out.append(style)
        based = style.find(qn("w:basedOn"))
        sid = based.get(qn("w:val")) if based is not None else ""
    return out


def drop_unused_styles(doc: Any) -> None:
    """Remove the blank document's ~150 built-in styles nothing uses (table grids, lists …).

    docxcompose lists the document's styles for each paragraph it copies, so they made
    a page 70 ms; a template that uses one of them brings its own copy in.
    """
    styles = doc.styles.element
    parts = [doc.part.element] + [r.target_part.element for r in doc.part.rels.values()
                                  if not r.is_external and hasattr(r.target_part, "element")]
    body_refs = {el.get(qn("w:val")) for part in parts
                 for el in part.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))}
    by_id = {el.get(qn("w:styleId")): el for el in styles.findall(qn("w:style"))}
    keep = {i for i, el in by_id.items() if el.get(qn("w:default")) == "1" or el.get(qn("w:customStyle")) == "1"}
    todo = list(keep | body_refs | set(KEPT_STYLES))
    while todo:  # with the styles they are based on, linked to or followed by
        sid = todo.pop()
        keep.add(sid)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[sid].find(qn(tag)) if sid in by_id else None
            if ref is not None and ref.get(qn("w:val")) not in keep:
                todo.append(ref.get(qn("w:val")))
    for sid, el in by_id.items():
        if sid not in keep:
            styles.remove(el)
