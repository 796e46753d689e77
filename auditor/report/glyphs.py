"""Characters the chosen face lacks: drawn with another face that has them, else named.

An emoji or a rare character (𠀀) used to vanish from the PDF without a word. Now each
run of such characters is set in the first registered face that has them; characters
no face has are collected with where they occur, for one warning line.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from auditor.report.fonts import Fonts

_SAFE = frozenset(" \n\t")


class Glyphs:
    def __init__(self, fonts: Fonts) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.active = fonts.embedded
        self.maps: dict[str, dict[int, int]] = {}
        if self.active:
            for name in fonts.faces:
                self.maps[name] = pdfmetrics.getFont(name).face.charToGlyph
        self.order = list(fonts.faces)
        self.missing: dict[str, list[str]] = {}

    def has_all(self, text: str, font: str) -> bool:
        if not self.active:
            return True
        cmap = self.maps.get(font, {})
        return all(ord(c) in cmap or c in _SAFE for c in text)

    def markup(self, text: str, font: str, origin: str = "") -> str:
        """Paragraph markup of plain text: escaped, with fallback faces where needed."""
        if self.has_all(text, font):
            return escape(text).replace("\n", "<br/>")
        out: list[str] = []
        for c in text:
            if c == "\n":
                out.append("<br/>")
                continue
            face = self._face(c, font)
            if face is None:
                self._note(c, origin)
                out.append(escape(c))
            elif face != font:
                out.append(f'<font face="{face}">{escape(c)}</font>')
            else:
                out.append(escape(c))
        return "".join(out)

    def plain(self, text: str, font: str, origin: str = "") -> str:
        """Text for a plain table cell; characters no face has are noted (cells use one face)."""
        if not self.has_all(text, font):
            for c in text:
                if self._face(c, font) is None:
                    self._note(c, origin)
        return text

    def _face(self, c: str, font: str) -> str | None:
        if c in _SAFE or ord(c) in self.maps.get(font, {}):
            return font
        return next((f for f in self.order if ord(c) in self.maps[f]), None)

    def _note(self, c: str, origin: str) -> None:
        where = self.missing.setdefault(c, [])
        if origin and origin not in where:
            where.append(origin)

    def warning(self) -> str:
        if not self.missing:
            return ""
        chars = "".join(list(self.missing)[:10])
        origins = list(dict.fromkeys(o for where in self.missing.values() for o in where))
        place = f"，见{'、'.join(origins[:3])}{'等' if len(origins) > 3 else ''}" if origins else ""
        return f"PDF 中有{len(self.missing)}个字符没有可用的字体，印出为空白：{chars}{place}；Word 版本不受影响。"
