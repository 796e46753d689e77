"""Chinese fonts for the PDF: a configured path, else the system's TrueType CJK fonts.

ReportLab embeds only TrueType outlines (CFF/OTF such as Noto Sans CJK are rejected),
so candidates are tried in order and the first that loads wins. Without any, the
built-in STSong-Light CID font is used: the PDF then does not embed its font, which
is why the caller gets a warning.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.report.data import ReportError

BODY_NAME = "AuditorBody"
TITLE_NAME = "AuditorTitle"
CID_FALLBACK = "STSong-Light"
FALLBACK_WARNING = (
    "未找到可嵌入的 TrueType 中文字体，报告改用内置的 STSong-Light 字体，PDF 未嵌入字体，"
    "在未安装中文字体的电脑上可能无法正常显示；请安装中文字体（如 fonts-wqy-zenhei）"
    "或在单位概况中设置报告字体路径。"
)

# Family keywords, best first: official documents use 小标宋/黑体 for titles and 仿宋 for text.
TITLE_PREFS = ("小标宋", "xiaobiaosong", "中宋", "zhongsong", "黑体", "simhei", "heiti", "hei")
BODY_PREFS = ("仿宋", "fangsong", "simfang", "宋体", "simsun", "songti", "song", "ming", "楷体", "kaiti", "kai")

# Windows and macOS keep their Chinese fonts at known paths; family names for ranking.
_WINDOWS = (
    ("simfang.ttf", "FangSong 仿宋"), ("simhei.ttf", "SimHei 黑体"), ("simsun.ttc", "SimSun 宋体"),
    ("simkai.ttf", "KaiTi 楷体"), ("STZHONGS.TTF", "STZhongsong 中宋"), ("msyh.ttc", "Microsoft YaHei"),
)
_MACOS = (
    ("/System/Library/Fonts/Supplemental/Songti.ttc", "Songti 宋体"),
    ("/Library/Fonts/Songti.ttc", "Songti 宋体"),
    ("/System/Library/Fonts/STHeiti Medium.ttc", "Heiti 黑体"),
    ("/System/Library/Fonts/STHeiti Light.ttc", "Heiti 黑体"),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", "Arial Unicode"),
    ("/Library/Fonts/Arial Unicode.ttf", "Arial Unicode"),
)
_LINUX_FILES = ("wqy-zenhei.ttc", "wqy-microhei.ttc", "uming.ttc", "ukai.ttc")


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0
    family: str = ""


@dataclass(frozen=True)
class Fonts:
    """Registered font names for body and titles, and whether they are embedded."""

    body: str
    title: str
    embedded: bool
    files: tuple[FontFile, ...] = ()
    warning: str = ""


def setup_fonts(configured: str = "") -> Fonts:
    """Register the fonts of one report (cached per process: parsing a TTF is slow)."""
    key = configured.strip()
    if key not in _CACHE:
        _CACHE[key] = _setup(key)
    return _CACHE[key]


_CACHE: dict[str, Fonts] = {}
_SERIAL = itertools.count()


def _setup(configured: str) -> Fonts:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    # Names unique per setup: ReportLab's registry is global to the process.
    n = next(_SERIAL)
    BODY, TITLE = f"{BODY_NAME}{n}", f"{TITLE_NAME}{n}"  # noqa: N806
    if configured:
        path = Path(configured).expanduser()
        font = _load(FontFile(str(path)), BODY)
        if font is None:
            raise ReportError(
                f"单位概况中设置的报告字体 {path} 无法使用（文件不存在，或不是 TrueType 字体）；"
                "请改为 .ttf/.ttc 字体文件的路径，或清空该设置让程序自动查找。"
            )
        pdfmetrics.registerFont(font)
        _family(BODY, BODY)
        return Fonts(BODY, BODY, True, (FontFile(str(path)),))
    found = list(candidates())
    body = _first_loading(rank(found, BODY_PREFS), BODY)
    if body is None:
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        addMapping(CID_FALLBACK, 1, 0, CID_FALLBACK)
        return Fonts(CID_FALLBACK, CID_FALLBACK, False, warning=FALLBACK_WARNING)
    body_file, body_font = body
    pdfmetrics.registerFont(body_font)
    title_file, title_name = body_file, BODY
    ranked_titles = [f for f in rank(found, TITLE_PREFS) if _score(f, TITLE_PREFS) < len(TITLE_PREFS)]
    # A second face only when it is a different, better-suited file: each parse costs ~0.15 s.
    if ranked_titles and (ranked_titles[0].path, ranked_titles[0].index) != (body_file.path, body_file.index):
        title = _first_loading(ranked_titles, TITLE)
        if title is not None:
            pdfmetrics.registerFont(title[1])
            title_file, title_name = title[0], TITLE
    _family(BODY, title_name)
    return Fonts(BODY, title_name, True, (body_file, title_file))


def _family(normal: str, bold: str) -> None:
    """Let <b> in a paragraph switch to the title face instead of failing."""
    from reportlab.lib.fonts import addMapping

    addMapping(normal, 0, 0, normal)
    addMapping(normal, 1, 0, bold)
    addMapping(normal, 0, 1, normal)
    addMapping(normal, 1, 1, bold)


def _load(f: FontFile, name: str) -> object | None:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        # validate=0: wqy-zenhei fails the head checksum yet renders fine.
        return TTFont(name, f.path, subfontIndex=f.index, validate=0)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None


def _first_loading(files: Iterable[FontFile], name: str) -> tuple[FontFile, object] | None:
    for f in files:
        font = _load(f, name)
        if font is not None:
            return f, font
    return None


def _score(f: FontFile, prefs: tuple[str, ...]) -> int:
    family = f.family.lower()
    for i, key in enumerate(prefs):
        if key in family:
            return i
    return len(prefs)


def rank(files: list[FontFile], prefs: tuple[str, ...]) -> list[FontFile]:
    """Files by preference (stable: the system's own order breaks ties)."""
    return sorted(files, key=lambda f: _score(f, prefs))


def candidates() -> Iterator[FontFile]:
    """TrueType CJK fonts of this machine: Windows and macOS paths, then fontconfig."""
    seen: set[tuple[str, int]] = set()
    for f in _platform_candidates():
        if (f.path, f.index) not in seen and Path(f.path).is_file():
            seen.add((f.path, f.index))
            yield f


def _platform_candidates() -> Iterator[FontFile]:
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        for name, family in _WINDOWS:
            yield FontFile(str(folder / name), 0, family)
    if sys.platform == "darwin":
        for path, family in _MACOS:
            yield FontFile(path, 0, family)
    yield from _fontconfig()


def _fontconfig() -> Iterator[FontFile]:
    exe = shutil.which("fc-list")
    if exe is None:
        for folder in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts")):
            for name in _LINUX_FILES:
                for found in sorted(Path(folder).rglob(name)) if Path(folder).is_dir() else ():
                    yield FontFile(str(found), 0, found.stem)
        return
    try:
        out = subprocess.run(
            [exe, "--format", "%{file}|%{index}|%{family}\n", ":lang=zh:fontformat=TrueType"],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return
    # fc-list order is arbitrary; sort so the same machine always picks the same font.
    for line in sorted(out.splitlines()):
        path, _, rest = line.partition("|")
        index, _, family = rest.partition("|")
        if path.lower().endswith((".ttf", ".ttc")):
            yield FontFile(path, int(index) if index.isdigit() else 0, family)
