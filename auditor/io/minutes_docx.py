"""Word minutes (.docx) read back in: one file, or every .docx in a folder, one record each.

The text comes out in reading order (paragraphs, and table rows as ``label：value``),
``minutes_text`` turns it into field text, and the record field parser validates it as
it does a CSV row. Every file is read before anything is stored: one bad file names its
problems and nothing is imported (``MinutesProblems``).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import InputError, os_reason
from auditor.io.minutes_text import LABELS, Entry, label_key, read_entries
from auditor.model import UnitProfile
from auditor.rulebook.kinds import Vocabulary


@dataclass
class MinutesFile:
    """One document: the field text it gives, the record document, or its problems."""

    path: Path
    values: dict[str, str] = field(default_factory=dict)
    doc: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class MinutesProblems(InputError):
    """Some files cannot be read as minutes; nothing was stored."""

    def __init__(self, files: Sequence[MinutesFile]) -> None:
        bad = [f for f in files if f.problems]
        lines = "\n".join(f"  {f.path.name}：{'；'.join(f.problems)}" for f in bad[:50])
        more = f"\n  ……另有{len(bad) - 50}个文件" if len(bad) > 50 else ""
        super().__init__(f"{len(bad)}个文件不能作为会议记录导入，未导入任何记录；请改正后重新导入：\n{lines}{more}")
        self.files = list(files)


def minutes_paths(path: Path) -> tuple[list[Path], list[Path]]:
    """(the .docx files to read, the old .doc files left out) of a file or a folder."""
    if not path.exists():
        raise InputError(f"找不到 {path}，请检查路径（可以是一个 .docx 文件，或装有 .docx 的文件夹）。")
    if not path.is_dir():
        if path.suffix.lower() == ".doc":
            raise InputError(f"{path.name} 是旧版 .doc 格式，请在 Word 或 WPS 中另存为 .docx 后导入。")
        return [path], []
    try:
        children = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(("~$", ".")))
    except OSError as e:
        raise InputError(f"无法读取文件夹 {path}（{os_reason(e)}），请检查路径。") from None
    docx = [p for p in children if p.suffix.lower() == ".docx"]
    old = [p for p in children if p.suffix.lower() == ".doc"]
    if not docx:
        raise InputError(f"文件夹 {path} 中没有 .docx 文件，没有可导入的会议记录。")
    return docx, old


def read_minutes(paths: Sequence[Path], vocab: Vocabulary, profile: UnitProfile, today: dt.date) -> list[MinutesFile]:
    """Every file read and validated; raises MinutesProblems when any file has a problem."""
    files = [read_one(p, vocab, profile, today) for p in paths]
    if any(f.problems for f in files):
        raise MinutesProblems(files)
    return files


def read_one(path: Path, vocab: Vocabulary, profile: UnitProfile, today: dt.date) -> MinutesFile:
    """One file's field text, parsed by the record form exactly as a CSV row is."""
    from auditor.forms import RECORD
    from auditor.io.tabular import parse_all

    out = MinutesFile(path)
    try:
        entries = list(docx_entries(path))
    except InputError as e:
        out.problems.append(e.msg)
        return out
    reading = read_entries(entries, path.stem, vocab, profile)
    out.values, out.problems = reading.values, reading.problems
    if not out.problems:
        out.doc, errors = parse_all(out.values, vocab, today)
        out.problems += [f"{RECORD.header(name)}：{message}" for name, message in errors.items()]
    return out


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 50 * 2**20
"""A document.xml larger than this is not minutes (and would only fill memory)."""


def docx_entries(path: Path) -> Iterator[Entry]:
    """Paragraphs and table rows of the body in reading order.

    Reads ``word/document.xml`` straight from the zip with lxml (python-docx's own XML
    library): opening the whole package with python-docx parses every part and made a
    folder of 100 minutes take 2 s.
    """
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise InputError("正文过大，不像是会议记录")
            root = etree.fromstring(package.read(info), parser=etree.XMLParser(resolve_entities=False))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise InputError("无法作为 Word 文档打开（文件损坏，或不是 .docx 格式）") from None
    except OSError as e:
        raise InputError(f"无法读取（{os_reason(e)}）") from None
    body = root.find(f"{W}body")
    if body is not None:
        yield from _blocks(body)


def _blocks(parent: Any) -> Iterator[Entry]:
    for child in parent:
        if child.tag == f"{W}p":
            yield _text(child), False
        elif child.tag == f"{W}tbl":
            yield from _table_entries(child)
        elif child.tag == f"{W}sdt":  # a content control wraps ordinary paragraphs
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it: tabs and line breaks kept, deleted text left out."""
    out = []
    for el in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}delText"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab":
            out.append("\t")
        elif el.tag == f"{W}br":
            out.append("\n")
    return "".join(out)


def _table_entries(table: Any) -> Iterator[Entry]:
    """A row of label | value (| label | value) cells as label：value entries."""
    for row in table.iter(f"{W}tr"):
        texts = ["\n".join(_text(p) for p in cell.iter(f"{W}p")).strip() for cell in row.findall(f"{W}tc")]
        if len(texts) >= 2 and label_key(texts[0]) in LABELS:
            for label, value in zip(texts[::2], texts[1::2], strict=False):
                if label_key(label) in LABELS:
                    yield f"{label_key(label)}：{value}", True
                elif label or value:
                    yield f"{label}  {value}".strip(), False
            if len(texts) % 2:
                yield texts[-1], False
        elif len(texts) == 1 and label_key(texts[0]) in LABELS:
            yield f"{label_key(texts[0])}：", True
        else:
            yield "  ".join(t for t in texts if t), False
