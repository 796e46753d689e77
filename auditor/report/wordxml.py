"""The XML pieces python-docx has no API for: ordered pPr/rPr children, fonts, fields, fast rows."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

# XML 1.0 cannot hold these; user text with them would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
SIZE_3 = 16.0


def escape(text: str) -> str:
    """&, < and > as XML entities (xml.sax.saxutils.escape pulls in urllib.request and ssl: ~30 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: object) -> str:
    """User text made safe for the XML of a .docx (control characters dropped)."""
    return _NOT_XML.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")


def element(tag: str, **attrs: str) -> Any:
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


# Children of w:pPr and w:rPr in schema order: Word rejects a file whose order is off.
_ORDER = {
    "w:pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
              "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
              "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
              "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
              "rPr sectPr pPrChange").split(),
    "w:rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
              "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
              "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split(),
}


def set_child(parent: Any, tag: str, **attrs: str) -> Any:
    """Set child ``tag`` of a pPr/rPr (replacing one there) at its place in the schema order."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    el = element(tag, **attrs)
    order = _ORDER["w:" + parent.tag.rpartition("}")[2]]
    rank = order.index(tag.split(":")[1])
    for i, child in enumerate(parent):
        local = child.tag.rpartition("}")[2]
        if local in order and order.index(local) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def name_fonts(rpr: Any, east_asian: str) -> None:
    """Name the font for every script: Word and WPS read w:eastAsia for Chinese."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def indent_first(ppr: Any, chars: int) -> None:
    set_child(ppr, "w:ind", firstLineChars=str(chars * 100), firstLine=str(round(chars * SIZE_3 * 20)))


def indent_right(p: Paragraph, chars: float) -> None:
    ppr = p._p.get_or_add_pPr()
    set_child(ppr, "w:ind", rightChars=str(round(chars * 100)), right=str(round(chars * SIZE_3 * 20)))


def table_rows(rows: Iterable[Sequence[str]], twips: Sequence[int], style_id: str, *,
               header: bool = False, right: Collection[int] = ()) -> list[Any]:
    """w:tr elements for rows of plain text, parsed from one string (OxmlElement per cell is slow)."""
    tr_pr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    cells = []
    for i, width in enumerate(twips):
        jc = '<w:jc w:val="right"/>' if i in right else ""
        cells.append((f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                      f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr><w:r>', "</w:r></w:p></w:tc>"))
    out = []
    for values in rows:
        out.append("<w:tr>" + tr_pr)
        for (head, tail), value in zip(cells, values, strict=True):
            lines = (escape(line) for line in clean(value).split("\n"))
            out.append(head + "<w:br/>".join(f'<w:t xml:space="preserve">{x}</w:t>' for x in lines) + tail)
        out.append("</w:tr>")
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(out)}</w:tbl>"))


def page_field(run: Any) -> Any:
    """A PAGE field (python-docx has no API for fields): begin, instruction, cached 1, end."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            run._r.append(element("w:fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    return run


def page_numbers(doc: Any, font: str, size: float) -> None:
    """— 1 —: 4号 宋体, right on odd pages and left on even ones, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    s = doc.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.alignment = align
        ppr = p._p.get_or_add_pPr()
        side = "rightChars" if align == WD_ALIGN_PARAGRAPH.RIGHT else "leftChars"
        set_child(ppr, "w:ind", **{side: "100", "firstLineChars": "0", "firstLine": "0"})
        p.paragraph_format.line_spacing = 1.0
        for piece in ("— ", None, " —"):
            run = p.add_run(piece) if piece else page_field(p.add_run())
            run.font.size = Pt(size)
            name_fonts(run._r.get_or_add_rPr(), font)
